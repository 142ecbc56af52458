package org.tusk.sql.ast;

import java.util.List;

/**
 * A query as the grammar produced it (PostgreSQL's SelectStmt): a body (a SELECT, a VALUES list, a set
 * operation or a parenthesized query) with the ORDER BY, LIMIT/OFFSET and locking clauses that apply
 * to the whole. Names are not looked up yet; that is the planner's parse analysis.
 */
public record Query(Body body, List<SortBy> orderBy, Expr limit, Expr offset, Locking locking, int position,
        List<CommonTable> with) {

    public Query {
        orderBy = List.copyOf(orderBy);
        with = List.copyOf(with);
    }

    public Query(Body body, List<SortBy> orderBy, Expr limit, Expr offset, Locking locking, int position) {
        this(body, orderBy, limit, offset, locking, position, List.of());
    }

    /**
     * {@code name [(columns)] AS (query)} of a WITH clause; {@code recursive} when the clause said WITH
     * RECURSIVE (the query may then refer to its own name).
     */
    public record CommonTable(String name, List<String> columns, Query query, int position, boolean recursive,
            Materialize materialize, Statement modifying) {
        public CommonTable {
            columns = List.copyOf(columns);
        }

        public CommonTable(String name, List<String> columns, Query query, int position, boolean recursive,
                Materialize materialize) {
            this(name, columns, query, position, recursive, materialize, null);
        }

        public CommonTable(String name, List<String> columns, Query query, int position, boolean recursive) {
            this(name, columns, query, position, recursive, Materialize.DEFAULT);
        }

        public CommonTable(String name, List<String> columns, Query query, int position) {
            this(name, columns, query, position, false);
        }
    }

    /**
     * {@code AS MATERIALIZED}, {@code AS NOT MATERIALIZED}, or neither (the planner decides). A
     * data-modifying WITH query ({@code modifying}: an INSERT, UPDATE or DELETE, {@code query} null) is
     * always materialized.
     */
    public enum Materialize {
        DEFAULT, ALWAYS, NEVER
    }

    /**
     * The names of the tables and views the query's FROM clauses name, subqueries in FROM and set
     * operation branches included (what a view depends on).
     */
    public List<List<String>> tableReferences() {
        List<List<String>> out = new java.util.ArrayList<>();
        collect(body, out);
        return out;
    }

    private static void collect(Body b, List<List<String>> out) {
        switch (b) {
            case SelectCore c -> c.from().forEach(f -> collect(f, out));
            case SetOperation s -> {
                collect(s.left(), out);
                collect(s.right(), out);
            }
            case Nested n -> collect(n.query().body(), out);
            case Values v -> {
            }
        }
    }

    private static void collect(FromItem f, List<List<String>> out) {
        switch (f) {
            case TableRef t -> out.add(t.names());
            case SubqueryRef s -> collect(s.query().body(), out);
            case FunctionRef fn -> {
            }
            case Join j -> {
                collect(j.left(), out);
                collect(j.right(), out);
            }
        }
    }

    /** A query with nothing but a body. */
    public static Query of(Body body) {
        return new Query(body, List.of(), null, null, null, body.position());
    }

    /** What a query computes before ORDER BY and LIMIT. */
    public sealed interface Body {
        int position();
    }

    /**
     * {@code SELECT [DISTINCT [ON (...)]] targets [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]}.
     * {@code distinctOn} is null without DISTINCT, empty for plain DISTINCT.
     */
    public record SelectCore(List<Expr> distinctOn, List<Statement.Target> targets, List<FromItem> from, Expr where,
            List<Expr> groupBy, Expr having, List<WindowDef> windows, int position) implements Body {
        public SelectCore {
            targets = List.copyOf(targets);
            from = List.copyOf(from);
            groupBy = List.copyOf(groupBy);
            windows = List.copyOf(windows);
        }

        /** A SELECT without a WINDOW clause. */
        public SelectCore(List<Expr> distinctOn, List<Statement.Target> targets, List<FromItem> from, Expr where,
                List<Expr> groupBy, Expr having, int position) {
            this(distinctOn, targets, from, where, groupBy, having, List.of(), position);
        }
    }

    /** {@code WINDOW name AS (spec)}: one named window of a SELECT. */
    public record WindowDef(String name, Expr.WindowSpec spec, int position) {
    }

    /** {@code VALUES (...), (...)}. */
    public record Values(List<List<Expr>> rows, int position) implements Body {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public enum SetOpKind {
        UNION, INTERSECT, EXCEPT
    }

    /** {@code left UNION|INTERSECT|EXCEPT [ALL] right}. */
    public record SetOperation(SetOpKind kind, boolean all, Body left, Body right, int position) implements Body {
    }

    /** A parenthesized query used as a set-operation branch, with its own ORDER BY/LIMIT. */
    public record Nested(Query query, int position) implements Body {
    }

    /** One ORDER BY item; {@code nullsFirst} is null when not written (NULLS LAST for ASC, FIRST for DESC). */
    public record SortBy(Expr expr, boolean descending, Boolean nullsFirst, int position) {
    }

    /** {@code FOR UPDATE|NO KEY UPDATE|SHARE|KEY SHARE [NOWAIT | SKIP LOCKED]}. */
    public record Locking(String strength, boolean noWait, boolean skipLocked, int position) {
    }

    /** {@code AS name (col, ...)}: {@code columns} empty when no column aliases were given. */
    public record Alias(String name, List<String> columns) {
        public Alias {
            columns = List.copyOf(columns);
        }
    }

    /** An item of FROM. */
    public sealed interface FromItem {
        int position();
    }

    /** A table or view by name. */
    public record TableRef(List<String> names, Alias alias, int position, boolean only) implements FromItem {
        public TableRef {
            names = List.copyOf(names);
        }

        /** A table named without ONLY: it and (for a partitioned table) its partitions. */
        public TableRef(List<String> names, Alias alias, int position) {
            this(names, alias, position, false);
        }
    }

    /** {@code [LATERAL] (query) [AS] alias [(cols)]}. */
    public record SubqueryRef(Query query, boolean lateral, Alias alias, int position) implements FromItem {
    }

    /**
     * {@code [LATERAL] f(args) [WITH ORDINALITY] [AS] alias [(cols)]}: a set-returning function; {@code
     * columnDefinitions} is the column definition list of {@code AS [alias](name type, ...)}, empty if none.
     */
    public record FunctionRef(Expr.FuncCall call, boolean lateral, boolean ordinality, Alias alias, int position,
            List<ColumnDefinition> columnDefinitions) implements FromItem {
        public FunctionRef {
            columnDefinitions = List.copyOf(columnDefinitions);
        }

        public FunctionRef(Expr.FuncCall call, boolean lateral, boolean ordinality, Alias alias, int position) {
            this(call, lateral, ordinality, alias, position, List.of());
        }
    }

    /** One {@code name type} of a function's column definition list in FROM. */
    public record ColumnDefinition(String name, TypeName type, int position) {
    }

    public enum JoinType {
        INNER, LEFT, RIGHT, FULL, CROSS
    }

    /** {@code left [NATURAL] join right [ON cond | USING (cols)]}. */
    public record Join(JoinType type, FromItem left, FromItem right, boolean natural, List<String> using, Expr on,
            Alias alias, int position) implements FromItem {
    }
}
