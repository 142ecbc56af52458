package org.tusk.sql.dml;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.parser.Parser;
import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Relation;

/**
 * A view's stored query as the rules for automatically updatable views read it (view_query_is_auto_updatable):
 * parsed from its SQL text, the shape that makes it updatable or the reason (PostgreSQL's DETAIL text) why not,
 * and the relation its FROM names. Used when a statement writes through the view ({@link UpdatableView}), by
 * CREATE/ALTER VIEW ... CHECK OPTION, and by pg_relation_is_updatable ({@link ViewUpdatability}).
 */
final class ViewQuery {

    private ViewQuery() {
    }

    /**
     * The view's query without the wrapper CREATE VIEW's column names put around it ({@code SELECT * FROM (q)
     * AS v(c1, ...)}: the names are the view's columns anyway) and without redundant parentheses.
     */
    static Query unwrap(List<Statement> parsed, Relation v) {
        Query q = ((Statement.Select) parsed.getFirst()).query();
        while (true) {
            boolean bare = q.orderBy().isEmpty() && q.limit() == null && q.offset() == null && q.with().isEmpty();
            if (bare && q.body() instanceof Query.Nested n) {
                q = n.query();
            } else if (bare && q.body() instanceof Query.SelectCore c && c.distinctOn() == null && c.where() == null
                    && c.groupBy().isEmpty() && c.having() == null && c.targets().size() == 1
                    && c.targets().getFirst().expr() instanceof Expr.ColumnRef star
                    && star.names().equals(List.of("*")) && c.from().size() == 1
                    && c.from().getFirst() instanceof Query.SubqueryRef s && s.alias() != null
                    && s.alias().name().equals(v.name()) && !s.alias().columns().isEmpty()) {
                q = s.query();
            } else {
                return q;
            }
        }
    }

    /**
     * Why a view with query {@code sql} (named {@code name}) is not automatically updatable, or null when it is
     * (CREATE VIEW ... WITH CHECK OPTION asks, as DefineView does with check_cols).
     */
    static String notUpdatable(String sql, String name, Catalog catalog) {
        Query q = ((Statement.Select) Parser.parse(sql, true).getFirst()).query();
        String reason = reason(q, catalog);
        if (reason != null) {
            return reason;
        }
        Query.SelectCore core = (Query.SelectCore) q.body();
        Query.TableRef from = (Query.TableRef) core.from().getFirst();
        Relation r = relationOf(from, catalog);
        if (r == null || "rpv".indexOf(r.kind()) < 0) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        if (core.targets().stream().noneMatch(t -> t.expr() instanceof Expr.ColumnRef)) {
            return "Views that have no updatable columns are not automatically updatable.";
        }
        return null;
    }

    /** The relation a view's FROM item names, or null. */
    static Relation relationOf(Query.TableRef from, Catalog catalog) {
        List<String> n = from.names();
        return catalog.lookup(n.size() > 1 ? n.get(n.size() - 2) : null, n.getLast());
    }

    /** view_query_is_auto_updatable's reason (its DETAIL) for a view query that is not updatable, or null. */
    static String reason(Query q, Catalog catalog) {
        Query.SelectCore core = q.body() instanceof Query.SelectCore c ? c : null;
        if (core != null && core.distinctOn() != null) {
            return "Views containing DISTINCT are not automatically updatable.";
        }
        if (core != null && !core.groupBy().isEmpty()) {
            return "Views containing GROUP BY are not automatically updatable.";
        }
        if (core != null && core.having() != null) {
            return "Views containing HAVING are not automatically updatable.";
        }
        if (q.body() instanceof Query.SetOperation) {
            return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
        }
        if (!q.with().isEmpty()) {
            return "Views containing WITH are not automatically updatable.";
        }
        if (q.limit() != null || q.offset() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        if (core == null) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        List<Object> parts = new ArrayList<>(core.targets().stream().map(Statement.Target::expr).toList());
        q.orderBy().forEach(s -> parts.add(s.expr()));
        Calls calls = new Calls();
        parts.forEach(calls::scan);
        if (calls.aggregate) {
            return "Views that return aggregate functions are not automatically updatable.";
        }
        if (calls.window) {
            return "Views that return window functions are not automatically updatable.";
        }
        for (Statement.Target t : core.targets()) {
            if (t.expr() instanceof Expr.FuncCall f
                    && org.tusk.sql.plan.SetReturningFunctions.isSetReturning(f.name().getLast())) {
                return "Views that return set-returning functions are not automatically updatable.";
            }
        }
        if (core.from().size() != 1 || !(core.from().getFirst() instanceof Query.TableRef)) {
            return "Views that do not select from a single table or view are not automatically updatable.";
        }
        return null;
    }

    /** Finds aggregate and window function calls of one query level (not inside its subqueries). */
    private static final class Calls {
        boolean aggregate;
        boolean window;

        void scan(Object o) {
            switch (o) {
                case null -> {
                }
                case Expr.SubLink s -> {
                }
                case Expr.AggregateCall a -> aggregate = true;
                case Expr.WindowCall w -> window = true;
                case Expr.FuncCall f when Analyzer.isAggregate(f.name()) -> aggregate = true;
                case List<?> l -> l.forEach(this::scan);
                case Record r when r.getClass().getName().startsWith("org.tusk.sql.ast.") -> {
                    for (RecordComponent rc : r.getClass().getRecordComponents()) {
                        try {
                            scan(rc.getAccessor().invoke(r));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }
}
