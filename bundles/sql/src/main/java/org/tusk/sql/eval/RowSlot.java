package org.tusk.sql.eval;

/**
 * The current row of one range-table entry (a table, a subquery in FROM, a join's output, an
 * aggregation's output) while expressions over it are evaluated: PostgreSQL's scan tuple slot. The
 * executor stores a row here before it evaluates expressions that read it through
 * {@link Expression.Var}; a correlated subquery reads the slots of its enclosing query the same way,
 * since the outer executor has filled them before it runs the subquery.
 *
 * <p>Per backend and per plan, never shared between threads.
 */
public final class RowSlot {

    private final String name;
    private Object[] values;

    /** @param name what the slot holds, for plan descriptions and debugging (a table alias) */
    public RowSlot(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Object[] values() {
        return values;
    }

    public void set(Object[] values) {
        this.values = values;
    }

    /** The value of column {@code index} (0-based) of the current row; null if no row (outer join's NULL side). */
    public Object get(int index) {
        Object[] v = values;
        return v == null ? null : v[index];
    }
}
