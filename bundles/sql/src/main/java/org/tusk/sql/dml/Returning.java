package org.tusk.sql.dml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.ColumnNames;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.Column;
import org.tusk.sql.types.EnumLabels;
import org.tusk.sql.types.TypeOutput;

/**
 * A RETURNING list, analyzed over the target table's row slot: {@code *} expands to every column, a
 * plain column keeps its table OID and attnum in RowDescription (PostgreSQL marks the origins of
 * RETURNING targets as of a SELECT list). Evaluated after each row is written, with the new version
 * (INSERT, UPDATE) or the deleted one (DELETE) in the slot.
 */
final class Returning {
    private final List<Expression> exprs;
    private final List<ColumnDescription> columns;

    private Returning(List<Expression> exprs, List<ColumnDescription> columns) {
        this.exprs = exprs;
        this.columns = columns;
    }

    /** The analyzed list, or null when the statement has no RETURNING. */
    static Returning analyze(List<Statement.Returning> items, TargetTable target, Analyzer analyzer) {
        return analyze(items, target, analyzer, null);
    }

    /**
     * With UPDATE ... FROM or DELETE ... USING, {@code *} also stands for the other relations' columns,
     * which the other expressions may name too.
     */
    static Returning analyze(List<Statement.Returning> items, TargetTable target, Analyzer analyzer,
            JoinedRows joined) {
        if (items.isEmpty()) {
            return null;
        }
        List<Expression> exprs = new ArrayList<>();
        List<ColumnDescription> columns = new ArrayList<>();
        for (Statement.Returning item : items) {
            if (item.expr() == null || item.alias() == null && isTargetStar(item.expr(), target)) {
                for (int i = 0; i < target.width(); i++) {
                    Expression v = target.referenced(i);
                    exprs.add(v);
                    columns.add(describe(target.columnName(i), v, target));
                }
                if (joined != null && item.expr() == null) {
                    for (int i = 0; i < joined.joined.star().size(); i++) {
                        Expression e = joined.joined.star().get(i);
                        exprs.add(e);
                        columns.add(describe(joined.joined.starNames().get(i), e, target));
                    }
                }
                continue;
            }
            if (joined != null && item.alias() == null && item.expr() instanceof org.tusk.sql.ast.Expr.ColumnRef c
                    && c.names().size() > 1 && c.names().getLast().equals("*")) {
                // x.* of an UPDATE ... FROM or DELETE ... USING relation: its columns, as in a select list.
                List<org.tusk.sql.plan.Planner.Named> star = joined.joined.starOf(c.names().subList(0,
                        c.names().size() - 1));
                if (star != null) {
                    for (org.tusk.sql.plan.Planner.Named n : star) {
                        exprs.add(n.expr());
                        columns.add(describe(n.name(), n.expr(), target));
                    }
                    continue;
                }
            }
            if (item.alias() == null && item.expr() instanceof org.tusk.sql.ast.Expr.FieldSelection s
                    && s.field().equals("*")) {
                // (x).* at the top of the list: the row's fields, as in a select list.
                for (var field : org.tusk.sql.eval.RowValues.expand(analyzer, s)) {
                    exprs.add(field.getValue());
                    columns.add(describe(field.getKey(), field.getValue(), target));
                }
                continue;
            }
            Expression e = analyzer.transformOutput(item.expr());
            exprs.add(e);
            columns.add(describe(item.alias() != null ? item.alias() : ColumnNames.of(item.expr()), e, target));
        }
        return new Returning(List.copyOf(exprs), List.copyOf(columns));
    }

    /**
     * Whether {@code e} is {@code t.*} for the target {@code t}: at the top of a RETURNING list it stands for
     * the target's columns, as in a SELECT list (elsewhere, e.g. {@code (t.*)}, it is the whole row).
     */
    private static boolean isTargetStar(org.tusk.sql.ast.Expr e, TargetTable target) {
        return e instanceof org.tusk.sql.ast.Expr.ColumnRef c && c.names().size() == 2
                && c.names().getLast().equals("*") && c.names().getFirst().equals(target.refName);
    }

    private static ColumnDescription describe(String name, Expression e, TargetTable target) {
        int tableOid = 0;
        short attnum = 0;
        if (e instanceof Expression.Var v && v.slot() == target.slot) {
            Column c = target.relation.columns().get(v.index());
            tableOid = target.relation.oid();
            attnum = (short) c.number();
        }
        return new ColumnDescription(name, tableOid, attnum, EnumLabels.typeOid(e.type(), e.typmod()),
                e.type().length(), EnumLabels.isEnum(e.type()) ? -1 : e.typmod(),
                (short) 0);
    }

    List<ColumnDescription> columns() {
        return columns;
    }

    /** The row for the client, in text format, from the slot's current row. */
    byte[][] row(EvalContext ctx) {
        byte[][] out = new byte[exprs.size()][];
        for (int i = 0; i < out.length; i++) {
            Expression e = exprs.get(i);
            Object v = e.eval(ctx);
            out[i] = v == null ? null : TypeOutput.format(e.type(), v, ctx).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
