package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.sql.eval.Expression;

/**
 * A nested-loop join: every inner row tested against every outer row with the join condition. The
 * inner side is read once and kept (PostgreSQL's Materialize; beyond work_mem the rest in a temporary
 * file read again for each outer row) unless it depends on the outer row (LATERAL), in which case it
 * is run again for each outer row.
 */
public final class NestedLoop extends PlanNode {
    private final PlanNode outer;
    private final PlanNode inner;
    private final JoinType type;
    private final Expression joinQual;
    private final boolean rescanInner;
    private final int outerWidth;
    private final int innerWidth;

    private List<Object[]> innerRows;
    /** Inner rows beyond work_mem, after those in {@link #innerRows}; read again for each outer row. */
    private SpillFile innerSpill;
    private long innerCount;
    private BitSet innerMatched;
    private Object[] currentOuter;
    private boolean outerMatched;
    private int innerPos;
    private boolean outerDone;
    private int unmatchedPos;

    public NestedLoop(PlanNode outer, PlanNode inner, JoinType type, Expression joinQual, boolean rescanInner) {
        super(concatSlots(outer, inner));
        this.outer = outer;
        this.inner = inner;
        this.type = type;
        this.joinQual = joinQual;
        this.rescanInner = rescanInner;
        this.outerWidth = outer.slots().size();
        this.innerWidth = inner.slots().size();
        rows = Math.max(1, outer.rows * inner.rows * (joinQual == null ? 1 : 0.1));
        startupCost = outer.startupCost + inner.startupCost;
        totalCost = outer.totalCost + outer.rows * (rescanInner ? inner.totalCost : 0.01 * inner.rows)
                + inner.totalCost + rows * 0.01;
        width = outer.width + inner.width;
    }

    /**
     * Whether EXPLAIN shows the kept inner rows as a Materialize node above the inner side, with these
     * estimates: PostgreSQL plans that node when keeping the rows is cheaper than reading the inner
     * side again (this executor keeps them whenever the inner side does not depend on the outer row).
     */
    private boolean showMaterialize;
    private double materializeStartup;
    private double materializeTotal;

    /** Makes EXPLAIN show the kept inner rows as a Materialize node with these costs. */
    public void showMaterialize(double startup, double total) {
        if (rescanInner) {
            throw new IllegalStateException("an inner side run again for each outer row is not kept");
        }
        showMaterialize = true;
        materializeStartup = startup;
        materializeTotal = total;
    }

    /** The inner side, which EXPLAIN may show under a "Materialize" line. */
    public PlanNode inner() {
        return inner;
    }

    /** Whether EXPLAIN shows a Materialize line above the inner side; see {@link #showMaterialize}. */
    public boolean showsMaterialize() {
        return showMaterialize;
    }

    public double materializeStartup() {
        return materializeStartup;
    }

    public double materializeTotal() {
        return materializeTotal;
    }

    static List<org.tusk.sql.eval.RowSlot> concatSlots(PlanNode a, PlanNode b) {
        List<org.tusk.sql.eval.RowSlot> s = new ArrayList<>(a.slots());
        s.addAll(b.slots());
        return s;
    }

    @Override
    protected void start() {
        outer.open(ctx);
        currentOuter = null;
        outerDone = false;
        unmatchedPos = 0;
        if (!rescanInner) {
            closeSpill();
            innerRows = new ArrayList<>();
            long bytes = 0;
            long limit = Math.max(64 * 1024, ctx.workMemBytes());
            inner.open(ctx);
            for (Object[] r = inner.next(); r != null; r = inner.next()) {
                if (bytes > limit) {
                    if (innerSpill == null) {
                        innerSpill = new SpillFile();
                    }
                    innerSpill.write(r);
                } else {
                    innerRows.add(r);
                    bytes += RowCodec.size(r) + 32;
                }
            }
            if (innerSpill != null) {
                innerSpill.rewind();
            }
            innerCount = innerRows.size() + (innerSpill == null ? 0 : innerSpill.count());
            innerMatched = type.keepsInner() ? new BitSet() : null;
        }
    }

    @Override
    protected Object[] fetch() {
        while (!outerDone) {
            if (currentOuter == null) {
                currentOuter = outer.next();
                if (currentOuter == null) {
                    outerDone = true;
                    break;
                }
                outerMatched = false;
                innerPos = 0;
                if (rescanInner) {
                    inner.open(ctx);
                } else if (innerSpill != null) {
                    innerSpill.reread();
                }
            }
            Object[] innerRow;
            int index = innerPos;
            if (rescanInner) {
                innerRow = inner.next();
            } else {
                innerRow = materialized(innerPos);
            }
            innerPos++;
            if (innerRow == null) {
                Object[] o = currentOuter;
                currentOuter = null;
                if (type.nullExtendsOuter() && !outerMatched) {
                    return concat(o, nulls(innerWidth));
                }
                continue;
            }
            Object[] row = concat(currentOuter, innerRow);
            load(row);
            if (joinQual == null || Boolean.TRUE.equals(joinQual.eval(ctx.eval()))) {
                if (type.firstMatchOnly()) {
                    // SEMI returns the outer row once, ANTI drops it: either way the next outer row
                    currentOuter = null;
                    if (type == JoinType.ANTI) {
                        continue;
                    }
                    return row;
                }
                outerMatched = true;
                if (innerMatched != null) {
                    innerMatched.set(index);
                }
                return row;
            }
        }
        if (innerMatched != null) {
            if (unmatchedPos == 0 && innerSpill != null) {
                innerSpill.reread();
            }
            while (unmatchedPos < innerCount) {
                int i = unmatchedPos++;
                Object[] r = materialized(i);
                if (!innerMatched.get(i)) {
                    return concat(nulls(outerWidth), r);
                }
            }
        }
        return null;
    }

    /**
     * The materialized inner row at {@code i}, read in order: from memory, then (for positions beyond
     * it) the next row of the spill file, which the caller rereads from its start for each pass.
     */
    private Object[] materialized(int i) {
        if (i < innerRows.size()) {
            return innerRows.get(i);
        }
        if (innerSpill == null || i >= innerCount) {
            return null;
        }
        return (Object[]) innerSpill.read(null);
    }

    private void closeSpill() {
        if (innerSpill != null) {
            innerSpill.close();
            innerSpill = null;
        }
    }

    @Override
    public void close() {
        super.close();
        innerRows = null;
        closeSpill();
    }

    @Override
    public String label() {
        return "Nested Loop" + type.word() + (type == JoinType.INNER ? "" : " Join");
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, inner);
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        if (joinQual != null) {
            out.add("Join Filter: " + ExpressionText.of(joinQual, verbose));
        }
        out.addAll(super.details(verbose));
        return out;
    }

    /** The join's conditions beyond its hash or merge keys ("Join Filter"), or null. */
    public Expression joinQual() {
        return joinQual;
    }
}
