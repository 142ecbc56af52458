package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/**
 * One node of a plan (PostgreSQL's PlanState): an iterator over rows with an optional filter
 * ("qual"), the planner's estimates for EXPLAIN, and counters for EXPLAIN ANALYZE.
 */
public abstract class PlanNode {
    private static final int INTERRUPT_CHECK_INTERVAL = 256;

    protected final List<RowSlot> slots;
    protected Expression qual;
    protected ExecContext ctx;
    private int sinceCheck;

    /** Planner estimates. */
    public double rows = 1000;
    public double startupCost;
    public double totalCost;
    public int width = 32;

    /** EXPLAIN ANALYZE counters. */
    public long actualRows;
    public long loops;
    public long removedByFilter;

    protected PlanNode(List<RowSlot> slots) {
        this.slots = List.copyOf(slots);
    }

    /** The slots a row of this node fills, in row order. */
    public List<RowSlot> slots() {
        return slots;
    }

    public Expression qual() {
        return qual;
    }

    /** Adds a condition rows must meet to leave this node (ANDed with any condition already there). */
    public void addQual(Expression condition) {
        qual = qual == null ? condition : new Expression.BoolOp(true, List.of(qual, condition));
    }

    /** Starts (or restarts) an execution. */
    public final void open(ExecContext context) {
        this.ctx = context;
        loops++;
        start();
    }

    /** The next qualifying row, its values already stored in {@link #slots()}; null at the end. */
    public final Object[] next() {
        while (true) {
            if (++sinceCheck >= INTERRUPT_CHECK_INTERVAL) {
                sinceCheck = 0;
                ctx.eval().checkForInterrupts();
            }
            Object[] row = fetch();
            if (row == null) {
                return null;
            }
            load(row);
            if (qual == null || Boolean.TRUE.equals(qual.eval(ctx.eval()))) {
                row = qualified(row);
                if (row == null) {
                    continue;
                }
                actualRows++;
                return row;
            }
            removedByFilter++;
        }
    }

    /**
     * A row that passed the filter, as it leaves the node: scans with FOR UPDATE/SHARE lock it here
     * and return the version locked (null when it is gone or no longer qualifies).
     */
    protected Object[] qualified(Object[] row) {
        return row;
    }

    /** Whether the filter accepts the row now in the slots. */
    protected final boolean passesQual() {
        return qual == null || Boolean.TRUE.equals(qual.eval(ctx.eval()));
    }

    /** Stores a row of this node in its slots. */
    public final void load(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            slots.get(i).set((Object[]) row[i]);
        }
    }

    /** Releases what the execution holds (scans, buffered rows). */
    public void close() {
        for (PlanNode c : children()) {
            c.close();
        }
    }

    protected abstract void start();

    /** The next row before the filter. */
    protected abstract Object[] fetch();

    /** EXPLAIN's name for the node: "Seq Scan on t", "Hash Join", ... */
    public abstract String label();

    public List<PlanNode> children() {
        return List.of();
    }

    /**
     * The nodes EXPLAIN prints under this one: its children, unless it shows a plan it does not run itself
     * (an INSERT, UPDATE or DELETE in WITH, whose reads are the dml layer's).
     */
    public List<PlanNode> explained(boolean analyze) {
        return children();
    }

    /** The expressions this node evaluates (for the planner's constant folding). */
    public List<Expression> expressions() {
        return qual == null ? List.of() : List.of(qual);
    }

    /** EXPLAIN's detail lines ("Filter: ...", "Sort Key: ..."), without indentation. */
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        if (qual != null) {
            out.add("Filter: " + ExpressionText.of(qual, verbose, scanSlot()));
        }
        return out;
    }

    /** EXPLAIN ANALYZE's detail lines after the filter's counts ("Heap Blocks: exact=3"); none by default. */
    public List<String> analyzeDetails() {
        return List.of();
    }

    /** For a scan node, the slot of its relation (EXPLAIN prints its own columns unqualified); else null. */
    public RowSlot scanSlot() {
        return null;
    }

    /** Concatenates two rows of nodes into the row of a node covering both. */
    static Object[] concat(Object[] left, Object[] right) {
        Object[] row = new Object[left.length + right.length];
        System.arraycopy(left, 0, row, 0, left.length);
        System.arraycopy(right, 0, row, left.length, right.length);
        return row;
    }

    /** A row of {@code n} slots all null: the NULL-extended side of an outer join. */
    static Object[] nulls(int n) {
        return new Object[n];
    }
}
