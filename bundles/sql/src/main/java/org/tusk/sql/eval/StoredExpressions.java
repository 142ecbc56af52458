package org.tusk.sql.eval;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;

/**
 * pg_get_expr for this engine's stored expressions. PostgreSQL keeps a column default or a CHECK condition as
 * an analyzed tree (pg_node_tree) and ruleutils prints it; Tusk keeps the SQL text the user wrote (adbin,
 * conbin), so this analyzes that text again over the relation's columns, as the DDL did, and prints the result
 * with {@link RuleText}. A default is converted to its column's type first, as PostgreSQL's stored default
 * already is (so {@code default 'x'} on a text column prints {@code 'x'::text}).
 *
 * <p>Text that no longer analyzes, or holds a construct {@link RuleText} does not print, comes back as stored.
 */
public final class StoredExpressions {

    private StoredExpressions() {
    }

    /** pg_get_expr(expr, relation, pretty). */
    static String deparse(EvalContext ctx, String sql, long relationOid, boolean pretty) {
        Relation relation = ctx.db() == null ? null : ctx.db().catalog().relation((int) relationOid);
        try {
            Analyzer analyzer = new Analyzer(ctx, Parameters.none());
            if (relation != null) {
                List<Column> columns = relation.columns();
                org.tusk.sql.eval.RowSlot slot = new RowSlot(relation.name());
                analyzer.withScope((names, position) -> {
                    if (names.size() != 1) {
                        return null;
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        Column col = columns.get(i);
                        if (col.name().equals(names.getFirst())) {
                            return new Expression.Var(slot, i, col.type(), col.typmod(), col.name());
                        }
                    }
                    return null;
                });
            }
            Expression e = analyzer.transform(Parser.parseExpression(sql));
            Column defaulted = relation == null ? null : relation.columns().stream()
                    .filter(c -> sql.equals(c.defaultSql())).findFirst().orElse(null);
            if (defaulted != null && e.type() != defaulted.type()) {
                // An enum's modifier names the enum (types.EnumLabels); other modifiers are not part of a default.
                int typmod = org.tusk.sql.types.EnumLabels.isEnum(defaulted.type()) ? defaulted.typmod() : -1;
                e = analyzer.coerceToColumn(e, defaulted.name(), defaulted.type(), typmod, -1);
            }
            return RuleText.of(e, pretty, ctx);
        } catch (RuleText.Unsupported | SqlException e) {
            return sql;
        }
    }

    /**
     * An index's expression key as pg_get_indexdef prints it: a function call as it is ({@code lower(email)}),
     * anything else in parentheses ({@code (a + b)}), as ruleutils' looks_like_function decides.
     */
    public static String indexKey(EvalContext ctx, String sql, long relationOid, boolean pretty) {
        Relation relation = ctx.db() == null ? null : ctx.db().catalog().relation((int) relationOid);
        if (relation == null) {
            return "(" + sql + ")";
        }
        try {
            Analyzer analyzer = Analyzer.overRow(ctx, relation, new RowSlot(relation.name()));
            return indexKey(analyzer.transform(Parser.parseExpression(sql)), sql, pretty, ctx);
        } catch (RuleText.Unsupported | SqlException e) {
            return "(" + sql + ")";
        }
    }

    /**
     * {@link #indexKey(EvalContext, String, long, boolean)} of {@code e}, analyzed from {@code sql}, which is
     * printed as written if {@code e} holds a construct {@link RuleText} does not print.
     */
    public static String indexKey(Expression e, String sql, boolean pretty, EvalContext ctx) {
        String text;
        try {
            text = RuleText.of(e, pretty, ctx);
        } catch (RuleText.Unsupported x) {
            return "(" + sql + ")";
        }
        boolean function = e instanceof Expression.Call c && !c.routine().name().isEmpty()
                && Character.isJavaIdentifierStart(c.routine().name().charAt(0))
                || e instanceof Expression.Coalesce || e instanceof Expression.MinMax;
        return function ? text : "(" + text + ")";
    }

    /** pg_get_constraintdef's CHECK clause: the condition in parentheses (doubled without pretty-printing). */
    static String check(EvalContext ctx, String sql, long relationOid, boolean pretty) {
        return "CHECK (" + deparse(ctx, sql, relationOid, pretty) + ")";
    }

    /**
     * A function argument's default as pg_get_function_arguments prints it: CREATE FUNCTION's text (kept in
     * proargdefaults) analyzed and converted to the argument's type, as PostgreSQL stores it.
     */
    static String argumentDefault(EvalContext ctx, String sql, org.tusk.sql.types.SqlType type) {
        try {
            Analyzer analyzer = new Analyzer(ctx, Parameters.none());
            Expression e = analyzer.transform(Parser.parseExpression(sql));
            if (e.type() != type) {
                e = analyzer.coerceToColumn(e, "", type, -1, -1);
            }
            return RuleText.of(e, false, ctx);
        } catch (RuleText.Unsupported | SqlException e) {
            return sql;
        }
    }
}
