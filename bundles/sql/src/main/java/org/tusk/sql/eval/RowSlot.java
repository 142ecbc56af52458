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
    // ---- which columns the query reads (for index-only scans, and the columns a table scan decodes)

    /** The columns some expression of the query reads; null while not tracked (then all count as read). */
    private java.util.BitSet read;
    private boolean allRead = true;

    /**
     * Starts tracking which columns are read: the planner calls it for a table's slot of a SELECT, and
     * the column references it resolves then report here. Untracked slots count as reading everything.
     */
    public void trackReads() {
        read = new java.util.BitSet();
        allRead = false;
    }

    /**
     * The columns the query's text names, tracked always: what column privileges are checked against
     * (execMain.c's selectedCols). Unlike {@link #read} it ignores what the executor keeps internally.
     */
    private final java.util.BitSet referenced = new java.util.BitSet();

    /** A reference to column {@code index} (0-based) was made. */
    public void noteRead(int index) {
        referenced.set(index);
        if (read != null) {
            read.set(index);
        }
    }

    /** The columns (0-based) the query names, for column privileges; a copy. */
    public java.util.BitSet referenced() {
        return (java.util.BitSet) referenced.clone();
    }

    /** The whole row is needed (SELECT *, row locks, a whole-row value). */
    public void noteAllRead() {
        allRead = true;
    }

    /**
     * The columns (of {@code width}) a scan filling this slot must decode, or null for all of them: null
     * unless reads are tracked and no whole-row use was noted. Asked when the scan starts, after the
     * whole query (its subqueries included) has been planned, so every reference has reported itself.
     */
    public boolean[] columnsToDecode(int width) {
        if (allRead || read == null) {
            return null;
        }
        boolean[] mask = new boolean[width];
        for (int i = read.nextSetBit(0); i >= 0 && i < width; i = read.nextSetBit(i + 1)) {
            mask[i] = true;
        }
        return mask;
    }

    /** Whether every column the query reads is among {@code indexes} (0-based column indexes). */
    public boolean readsOnly(java.util.Set<Integer> indexes) {
        if (allRead || read == null) {
            return false;
        }
        for (int i = read.nextSetBit(0); i >= 0; i = read.nextSetBit(i + 1)) {
            if (!indexes.contains(i)) {
                return false;
            }
        }
        return true;
    }

    /** The row types of this slot's row-valued columns (a subquery's {@code ROW(...)} output), by index. */
    private java.util.Map<Integer, org.tusk.sql.types.RowType> rowTypes;

    /** Notes that column {@code index} holds rows of {@code type} (null: nothing known). */
    public void rowType(int index, org.tusk.sql.types.RowType type) {
        if (type != null) {
            if (rowTypes == null) {
                rowTypes = new java.util.HashMap<>();
            }
            rowTypes.put(index, type);
        }
    }

    /** The row type of column {@code index}, or null if it holds no row of a type known at analysis. */
    public org.tusk.sql.types.RowType rowType(int index) {
        return rowTypes == null ? null : rowTypes.get(index);
    }
}
