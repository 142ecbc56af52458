package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;

/**
 * pg_get_viewdef: a view's query as ruleutils.c's get_query_def prints it, with its line breaks and
 * indentation (PRETTYFLAG_INDENT is always on for views): {@code " SELECT a.x,\n    a.y\n   FROM a\n  WHERE ..."},
 * every column qualified by its table's name or alias, {@code AS name} where the output name is not the
 * column's, and a final semicolon. The pretty flag only changes parentheses, as in {@link RuleText}.
 *
 * <p>Tusk keeps a view's query as the SQL text of CREATE VIEW; this analyzes it again over its tables. The
 * queries printed are one SELECT (or SELECT DISTINCT) over tables listed in FROM or joined (JOIN ... ON or
 * USING; no NATURAL or aliased join, DISTINCT ON or set operations), with WHERE, GROUP BY, HAVING (count,
 * sum, avg, min, max), ORDER BY and LIMIT, their expressions what {@link RuleText} prints (CASE included); for any other the stored text is
 * returned as it is.
 */
final class ViewDefinitions {

    private ViewDefinitions() {
    }

    /** pg_get_viewdef(view, pretty); NULL if {@code oid} is no view. */
    static String viewDef(EvalContext ctx, long oid, boolean pretty) {
        Relation view = ctx.db() == null ? null : ctx.db().catalog().relation((int) oid);
        if (view == null || view.viewQuery() == null) {
            return null;
        }
        try {
            return print(ctx, view.viewQuery(), pretty, view.schema());
        } catch (RuleText.Unsupported | SqlException | ClassCastException e) {
            return view.viewQuery();
        }
    }

    private record Source(String ref, Relation relation, RowSlot slot) {
    }

    /** One SELECT printed: its text (no final semicolon), output column names and types. */
    private record Printed(String text, List<String> names, List<org.tusk.sql.types.SqlType> types) {
    }

    /** The query {@code sql} of a view of schema {@code home} printed as pg_get_viewdef does. */
    private static String print(EvalContext ctx, String sql, boolean pretty, String home) {
        List<Statement> statements = Parser.parse(sql, true);
        if (statements.size() != 1 || !(statements.getFirst() instanceof Statement.Select select)
                || select.query().offset() != null) {
            throw new RuleText.Unsupported("query shape");
        }
        if (select.query().body() instanceof Query.SetOperation op) {
            return setOperation(ctx, select.query(), op, pretty, home);
        }
        if (!(select.query().body() instanceof Query.SelectCore core)) {
            throw new RuleText.Unsupported("query shape");
        }
        return select(ctx, core, select.query(), pretty, null, home).text() + ";";
    }

    /**
     * get_setop_query for a chain of one kind of set operation ({@code a UNION b UNION c}, left-deep, as
     * the grammar builds it): the SELECTs one after the other with the operator on a line of its own; a
     * SELECT after the first names its columns as the first does. Branches whose column types differ
     * (where PostgreSQL would show the conversions to the common type), an ORDER BY or LIMIT of the whole,
     * and mixed operators are not printed yet.
     */
    private static String setOperation(EvalContext ctx, Query query, Query.SetOperation op, boolean pretty,
            String home) {
        if (!query.orderBy().isEmpty() || query.limit() != null) {
            throw new RuleText.Unsupported("set operation ORDER BY");
        }
        List<Query.SelectCore> leaves = new ArrayList<>();
        Query.Body body = op;
        while (body instanceof Query.SetOperation s) {
            if (s.kind() != op.kind() || s.all() != op.all() || !(s.right() instanceof Query.SelectCore right)) {
                throw new RuleText.Unsupported("set operation shape");
            }
            leaves.addFirst(right);
            body = s.left();
        }
        if (!(body instanceof Query.SelectCore first)) {
            throw new RuleText.Unsupported("set operation shape");
        }
        leaves.addFirst(first);
        String keyword = "\n" + op.kind().name() + (op.all() ? " ALL" : "") + "\n";
        Printed head = select(ctx, first, null, pretty, null, home);
        StringBuilder b = new StringBuilder(head.text());
        for (Query.SelectCore leaf : leaves.subList(1, leaves.size())) {
            Printed p = select(ctx, leaf, null, pretty, head.names(), home);
            if (!p.types().equals(head.types())) {
                throw new RuleText.Unsupported("set operation column types");
            }
            b.append(keyword).append(p.text());
        }
        return b.append(';').toString();
    }

    /**
     * get_basic_select_query (and, when {@code outer} is given, its ORDER BY and LIMIT); {@code columnNames}, when
     * given, are the output column names to show (a set operation's), else the SELECT's own.
     */
    private static Printed select(EvalContext ctx, Query.SelectCore core, Query outer, boolean pretty,
            List<String> columnNames, String home) {
        if (core.distinctOn() != null && !core.distinctOn().isEmpty() || core.from().isEmpty()) {
            throw new RuleText.Unsupported("query shape");
        }
        List<String> outNames = new ArrayList<>();
        List<org.tusk.sql.types.SqlType> outTypes = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (Query.FromItem item : core.from()) {
            collectSources(ctx, item, sources, home);
        }
        Analyzer analyzer = new Analyzer(ctx, Parameters.none()).withScope((names, position) -> {
            Expression found = null;
            for (Source s : sources) {
                if (names.size() == 2 && !names.getFirst().equals(s.ref()) || names.size() > 2) {
                    continue;
                }
                List<Column> cols = s.relation().columns();
                for (int i = 0; i < cols.size(); i++) {
                    if (cols.get(i).name().equals(names.getLast())) {
                        if (found != null) {
                            throw new RuleText.Unsupported("ambiguous column");
                        }
                        found = new Expression.Var(s.slot(), i, cols.get(i).type(), cols.get(i).typmod(),
                                cols.get(i).name());
                    }
                }
            }
            return found;
        }).withHooks(AGGREGATES);
        StringBuilder b = new StringBuilder(core.distinctOn() != null ? " SELECT DISTINCT " : " SELECT ");
        for (int i = 0; i < core.targets().size(); i++) {
            Statement.Target t = core.targets().get(i);
            if (t.expr() instanceof Expr.ColumnRef c && c.names().getLast().equals("*")) {
                throw new RuleText.Unsupported("*");
            }
            Expression e = analyzer.transform(t.expr());
            String text = RuleText.of(e, pretty, ctx, true);
            // get_target_list with wrapColumn 0: every column after the first on a line of its own, unless
            // its text starts a new line itself (a CASE), which then only drops the blank before it.
            if (i > 0) {
                b.append(text.startsWith("\n") ? "," : ",\n    ");
            }
            append(b, text);
            String own = t.alias() != null ? t.alias() : ColumnNames.of(t.expr());
            String name = columnNames != null && i < columnNames.size() ? columnNames.get(i) : own;
            outNames.add(name);
            outTypes.add(e.type());
            if (!(e instanceof Expression.Var v && v.name().equals(name))) {
                b.append(" AS ").append(Keywords.quoteIdentifier(name));
            }
        }
        b.append("\n   FROM ");
        java.util.Iterator<Source> next = sources.iterator();
        for (int i = 0; i < core.from().size(); i++) {
            if (i > 0) {
                b.append(",\n    ");
            }
            fromItem(ctx, core.from().get(i), next, analyzer, pretty, b);
        }
        if (core.where() != null) {
            append(b.append("\n  WHERE "), RuleText.of(analyzer.transform(core.where()), pretty, ctx, true));
        }
        if (!core.groupBy().isEmpty()) {
            b.append("\n  GROUP BY ");
            for (int i = 0; i < core.groupBy().size(); i++) {
                if (core.groupBy().get(i) instanceof Expr.Literal) {
                    throw new RuleText.Unsupported("GROUP BY position");
                }
                append(b.append(i > 0 ? ", " : ""), RuleText.of(analyzer.transform(core.groupBy().get(i)), pretty, ctx,
                        true));
            }
        }
        if (core.having() != null) {
            append(b.append("\n HAVING "), RuleText.of(analyzer.transform(core.having()), pretty, ctx, true));
        }
        if (outer != null && !outer.orderBy().isEmpty()) {
            b.append("\n  ORDER BY ");
            for (int i = 0; i < outer.orderBy().size(); i++) {
                Query.SortBy s = outer.orderBy().get(i);
                if (s.nullsFirst() != null || s.expr() instanceof Expr.Literal) {
                    throw new RuleText.Unsupported("NULLS");
                }
                if (i > 0) {
                    b.append(", ");
                }
                append(b, RuleText.of(analyzer.transform(s.expr()), pretty, ctx, true));
                if (s.descending()) {
                    b.append(" DESC");
                }
            }
        }
        if (outer != null && outer.limit() != null) {
            append(b.append("\n LIMIT "), RuleText.of(analyzer.transform(outer.limit()), pretty, ctx, true));
        }
        return new Printed(b.toString(), outNames, outTypes);
    }

    /** Appends an expression's text; one that starts a new line (a CASE) first drops the blanks before it. */
    private static void append(StringBuilder b, String text) {
        if (text.startsWith("\n")) {
            while (!b.isEmpty() && b.charAt(b.length() - 1) == ' ') {
                b.setLength(b.length() - 1);
            }
        }
        b.append(text);
    }

    /** The tables of a FROM item, left to right (what column references may name). */
    private static void collectSources(EvalContext ctx, Query.FromItem item, List<Source> sources, String home) {
        if (item instanceof Query.Join j && j.alias() == null && !j.natural()) {
            collectSources(ctx, j.left(), sources, home);
            collectSources(ctx, j.right(), sources, home);
            return;
        }
        if (!(item instanceof Query.TableRef t) || t.names().size() > 2
                || t.alias() != null && !t.alias().columns().isEmpty()) {
            throw new RuleText.Unsupported("FROM item");
        }
        Relation r = ctx.db().catalog().lookup(t.names().size() == 2 ? t.names().getFirst() : null,
                t.names().getLast());
        if (r == null && t.names().size() == 1) {
            // The query is kept as text, not as PostgreSQL's resolved OIDs: a name the current search path
            // does not find (pg_dump sets it empty) is taken as one of the view's own schema, and printed
            // qualified, as PostgreSQL prints a table its search path does not show.
            r = ctx.db().catalog().lookup(home, t.names().getLast());
        }
        if (r == null) {
            throw new RuleText.Unsupported("relation");
        }
        String ref = t.alias() != null ? t.alias().name() : r.name();
        sources.add(new Source(ref, r, new RowSlot(ref)));
    }

    /**
     * get_from_clause_item: a table by its name (schema-qualified when the search path would not find it)
     * and alias; a join as {@code left JOIN right ON cond} with each join keyword on a new line indented by
     * PRETTYINDENT_JOIN, in parentheses unless pretty-printing (where only a join on the right gets them).
     */
    private static void fromItem(EvalContext ctx, Query.FromItem item, java.util.Iterator<Source> next,
            Analyzer analyzer, boolean pretty, StringBuilder b) {
        if (item instanceof Query.Join j) {
            if (!pretty) {
                b.append('(');
            }
            fromItem(ctx, j.left(), next, analyzer, pretty, b);
            b.append("\n    ").append(switch (j.type()) {
                case INNER -> j.on() == null && j.using().isEmpty() ? " CROSS JOIN " : " JOIN ";
                case CROSS -> " CROSS JOIN ";
                case LEFT -> " LEFT JOIN ";
                case RIGHT -> " RIGHT JOIN ";
                case FULL -> " FULL JOIN ";
            });
            boolean parenOnRight = pretty && j.right() instanceof Query.Join;
            if (parenOnRight) {
                b.append('(');
            }
            fromItem(ctx, j.right(), next, analyzer, pretty, b);
            if (parenOnRight) {
                b.append(')');
            }
            if (!j.using().isEmpty()) {
                b.append(" USING (");
                for (int i = 0; i < j.using().size(); i++) {
                    b.append(i > 0 ? ", " : "").append(Keywords.quoteIdentifier(j.using().get(i)));
                }
                b.append(')');
            } else if (j.on() != null) {
                b.append(pretty ? " ON " : " ON (");
                append(b, RuleText.of(analyzer.transform(j.on()), pretty, ctx, true));
                if (!pretty) {
                    b.append(')');
                }
            } else if (j.type() != Query.JoinType.INNER && j.type() != Query.JoinType.CROSS) {
                b.append(" ON TRUE");
            }
            if (!pretty) {
                b.append(')');
            }
            return;
        }
        Source s = next.next();
        Relation visible = ctx.db().catalog().lookup(null, s.relation().name());
        String name = Keywords.quoteIdentifier(s.relation().name());
        if (visible == null || visible.oid() != s.relation().oid()) {
            name = Keywords.quoteIdentifier(s.relation().schema()) + "." + name;
        }
        b.append(name);
        if (!s.ref().equals(s.relation().name())) {
            b.append(' ').append(Keywords.quoteIdentifier(s.ref()));
        }
    }

    /**
     * Aggregate calls, for printing only: a call of a routine of the aggregate's name and result type whose
     * body is never run ({@link RuleText} prints {@code count()} as {@code count(*)}). DISTINCT, ORDER BY
     * and FILTER inside the call and subqueries are not printed yet.
     */
    private static final Analyzer.QueryHooks AGGREGATES = new Analyzer.QueryHooks() {
        @Override
        public Expression aggregate(Expr.FuncCall call, boolean distinct, List<Query.SortBy> orderBy, Expr filter,
                Analyzer analyzer) {
            if (distinct || !orderBy.isEmpty() || filter != null || call.name().size() != 1) {
                throw new RuleText.Unsupported("aggregate options");
            }
            List<Expression> args = new ArrayList<>();
            for (Expr a : call.args()) {
                args.add(analyzer.transform(a));
            }
            String name = call.name().getLast();
            boolean star = call.star();
            if (star != name.equals("count") || star && !args.isEmpty() || !star && args.size() != 1) {
                throw new RuleText.Unsupported("aggregate arguments");
            }
            org.tusk.sql.types.SqlType result = aggregateType(name, args.isEmpty() ? null : args.getFirst().type());
            List<org.tusk.sql.types.SqlType> types = args.stream().map(Expression::type).toList();
            return new Expression.Call(new Routine(name, types, result, false, (a, c) -> {
                throw new RuleText.Unsupported("aggregate evaluated");
            }), args);
        }

        @Override
        public Expression subquery(Expr.SubLink link, Analyzer analyzer) {
            throw new RuleText.Unsupported("subquery");
        }
    };

    /** The result type of the built-in aggregates (pg_aggregate's aggtranstype/final function results). */
    private static org.tusk.sql.types.SqlType aggregateType(String name, org.tusk.sql.types.SqlType arg) {
        return switch (name) {
            case "count" -> org.tusk.sql.types.SqlType.INT8;
            case "min", "max" -> arg;
            case "sum" -> switch (arg) {
                case INT2, INT4 -> org.tusk.sql.types.SqlType.INT8;
                case INT8, NUMERIC -> org.tusk.sql.types.SqlType.NUMERIC;
                case FLOAT4, FLOAT8, INTERVAL -> arg;
                default -> throw new RuleText.Unsupported("sum type");
            };
            case "avg" -> switch (arg) {
                case INT2, INT4, INT8, NUMERIC -> org.tusk.sql.types.SqlType.NUMERIC;
                case FLOAT4, FLOAT8 -> org.tusk.sql.types.SqlType.FLOAT8;
                default -> throw new RuleText.Unsupported("avg type");
            };
            default -> throw new RuleText.Unsupported("aggregate " + name);
        };
    }
}
