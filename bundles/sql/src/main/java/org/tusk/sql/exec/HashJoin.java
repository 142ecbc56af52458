package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;

/**
 * A hash join on equality of key expressions: the inner side is read into a hash table keyed by its
 * key values (NULL keys never match), then each outer row probes it. {@code joinQual} holds the rest
 * of the join condition, tested on each candidate pair. Beyond work_mem the inner side is joined in
 * batches (see {@link #start}).
 */
public final class HashJoin extends PlanNode {
    private final PlanNode outer;
    private final PlanNode inner;
    private final JoinType type;
    private final List<Expression> outerKeys;
    private final List<Expression> innerKeys;
    private final List<Expression> hashConds;
    private final Expression joinQual;
    private final int outerWidth;
    private final int innerWidth;

    /** An inner row and whether some outer row matched it (RIGHT/FULL joins). */
    private static final class Entry {
        final Object[] row;
        boolean matched;

        Entry(Object[] row) {
            this.row = row;
        }
    }

    private Map<List<Object>, List<Entry>> table;
    private List<Entry> allEntries;
    private Object[] currentOuter;
    private List<Entry> bucket;
    private int bucketPos;
    private boolean outerMatched;
    private boolean outerDone;
    private int unmatchedPos;

    public HashJoin(PlanNode outer, PlanNode inner, JoinType type, List<Expression> outerKeys,
            List<Expression> innerKeys, List<Expression> hashConds, Expression joinQual) {
        super(NestedLoop.concatSlots(outer, inner));
        this.outer = outer;
        this.inner = inner;
        this.type = type;
        this.outerKeys = List.copyOf(outerKeys);
        this.innerKeys = List.copyOf(innerKeys);
        this.hashConds = MergeJoin.switched(outerKeys, innerKeys, hashConds);
        this.joinQual = joinQual;
        this.outerWidth = outer.slots().size();
        this.innerWidth = inner.slots().size();
        rows = Math.max(Math.max(outer.rows, inner.rows), 1);
        startupCost = inner.totalCost;
        totalCost = outer.totalCost + inner.totalCost + 0.01 * (outer.rows + inner.rows) + 0.01 * rows;
        width = outer.width + inner.width;
    }

    private static List<Object> key(List<Expression> keys, ExecContext ctx) {
        List<Object> k = new ArrayList<>(keys.size());
        for (Expression e : keys) {
            Object v = e.eval(ctx.eval());
            if (v == null) {
                return null;
            }
            k.add(Ordering.hashKey(v, e.type()));
        }
        return k;
    }

    /** Inner rows not yet in a hash table (work_mem was full), read as the next batch. */
    private SpillFile pendingInner;
    /** The outer rows (by position in the outer's output) that matched in an earlier batch. */
    private java.util.BitSet outerMatchedBefore;
    private long outerOrdinal;
    private boolean lastBatch;
    private int batches;

    /**
     * Builds the hash table from the inner input. When it outgrows work_mem the remaining inner rows
     * go to a temporary file; the outer input is then read once per batch of inner rows (a join
     * result is the union of the batches' results). Outer rows' matches are remembered across
     * batches by their position, so LEFT and FULL joins NULL-extend only rows no batch matched.
     */
    @Override
    protected void start() {
        closeSpill();
        batches = 0;
        outerMatchedBefore = type.keepsOuter() || type.firstMatchOnly() ? new java.util.BitSet() : null;
        inner.open(ctx);
        loadBatch(null);
        startOuterPass();
    }

    /** Fills the hash table from the inner input (or the previous batch's overflow file). */
    private void loadBatch(SpillFile source) {
        table = new HashMap<>();
        allEntries = type.keepsInner() ? new ArrayList<>() : null;
        SpillFile overflow = null;
        long bytes = 0;
        long limit = Math.max(64 * 1024, ctx.workMemBytes());
        while (true) {
            Object[] r;
            if (source == null) {
                r = inner.next();
            } else {
                r = (Object[]) source.read(null);
                if (r != null) {
                    inner.load(r);
                }
            }
            if (r == null) {
                break;
            }
            if (bytes > limit) {
                if (overflow == null) {
                    overflow = new SpillFile();
                }
                overflow.write(r);
                continue;
            }
            Entry e = new Entry(r);
            List<Object> k = key(innerKeys, ctx);
            if (k != null) {
                table.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
            }
            if (allEntries != null) {
                allEntries.add(e);
            }
            bytes += RowCodec.size(r) + 48;
        }
        if (source != null) {
            source.close();
        }
        if (overflow != null) {
            overflow.rewind();
        }
        pendingInner = overflow;
        lastBatch = overflow == null;
        batches++;
    }

    private void startOuterPass() {
        outer.open(ctx);
        currentOuter = null;
        outerDone = false;
        unmatchedPos = 0;
        outerOrdinal = -1;
    }

    @Override
    protected Object[] fetch() {
        while (true) {
            Object[] row = fetchInBatch();
            if (row != null || lastBatch) {
                return row;
            }
            loadBatch(pendingInner);
            startOuterPass();
        }
    }

    private Object[] fetchInBatch() {
        while (!outerDone) {
            if (currentOuter == null) {
                currentOuter = outer.next();
                if (currentOuter == null) {
                    outerDone = true;
                    break;
                }
                outerOrdinal++;
                outerMatched = outerMatchedBefore != null && outerMatchedBefore.get((int) outerOrdinal);
                List<Object> k = key(outerKeys, ctx);
                // a SEMI or ANTI join is done with an outer row an earlier batch matched
                boolean settled = outerMatched && type.firstMatchOnly();
                bucket = k == null || settled ? List.of() : table.getOrDefault(k, List.of());
                bucketPos = 0;
            }
            if (bucketPos >= bucket.size()) {
                Object[] o = currentOuter;
                currentOuter = null;
                if (outerMatchedBefore != null && outerMatched) {
                    outerMatchedBefore.set((int) outerOrdinal);
                }
                if (type.nullExtendsOuter() && !outerMatched && lastBatch) {
                    return concat(o, nulls(innerWidth));
                }
                continue;
            }
            Entry e = bucket.get(bucketPos++);
            Object[] row = concat(currentOuter, e.row);
            load(row);
            if (joinQual == null || Boolean.TRUE.equals(joinQual.eval(ctx.eval()))) {
                if (type.firstMatchOnly()) {
                    // SEMI returns the outer row once, ANTI drops it; later batches skip it
                    outerMatchedBefore.set((int) outerOrdinal);
                    currentOuter = null;
                    if (type == JoinType.ANTI) {
                        continue;
                    }
                    return row;
                }
                outerMatched = true;
                e.matched = true;
                return row;
            }
        }
        if (allEntries != null) {
            while (unmatchedPos < allEntries.size()) {
                Entry e = allEntries.get(unmatchedPos++);
                if (!e.matched) {
                    return concat(nulls(outerWidth), e.row);
                }
            }
        }
        return null;
    }

    private void closeSpill() {
        if (pendingInner != null) {
            pendingInner.close();
            pendingInner = null;
        }
    }

    @Override
    public void close() {
        super.close();
        table = null;
        allEntries = null;
        closeSpill();
    }

    @Override
    public String label() {
        return "Hash" + type.word() + " Join";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, inner);
    }

    /** The inner side, which EXPLAIN shows under a "Hash" line. */
    public PlanNode inner() {
        return inner;
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        out.add("Hash Cond: " + ExpressionText.conjunction(hashConds, verbose));
        if (batches > 1) {
            out.add("Batches: " + batches);
        }
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
