package org.tusk.sql.eval;

import java.util.List;

/**
 * The names an expression can refer to (PostgreSQL's ParseNamespace): the columns of the range-table
 * entries of the query being analyzed, then those of the enclosing queries (correlated references).
 * The analyzer asks it for every column reference; a FROM clause, a DML target or an aggregation's
 * output provide implementations.
 */
public interface Scope {

    /** No names at all (a SELECT without FROM). */
    Scope EMPTY = (names, position) -> null;

    /**
     * The expression a column reference ({@code col}, {@code tab.col}, {@code schema.tab.col}) stands
     * for, usually an {@link Expression.Var}; null if this scope and its parents have no such column.
     * Ambiguity (42702 "column reference "x" is ambiguous") and a missing table qualifier (42P01
     * "missing FROM-clause entry for table") are raised here, with {@code position}.
     */
    Expression resolve(List<String> names, int position);
}
