package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.types.SqlType;

/**
 * A merge join (nodeMergejoin.c): both inputs arrive sorted ascending on their join keys (NULLs last,
 * as a btree orders them), and one pass over each pairs the rows with equal keys. The inner rows of
 * one key value are kept as a group while outer rows have that value, which is what PostgreSQL's
 * mark and restore on the inner side achieve: an outer key repeated meets the same inner rows again.
 * A NULL key never matches (the row is NULL-extended in an outer join). {@code joinQual} holds the
 * join's other conditions, tested on each pair of equal keys; only pairs that pass count as matches,
 * so an outer row whose equal-key partners all fail it is NULL-extended, as PostgreSQL does.
 *
 * <p>Keys of different integer widths compare as integers; otherwise both sides have the same type
 * (the planner merges only such equalities).
 *
 * <p>Neither the group nor the rows waiting to be returned are bounded by the data (a key value may
 * have millions of inner rows, and one outer row then has millions of matches), so both are
 * {@link TupleStore}s: work_mem of heap, the rest in a temporary file, closed with the node.
 */
public final class MergeJoin extends PlanNode {
    private final PlanNode outer;
    private final PlanNode inner;
    private final JoinType type;
    private final List<Expression> outerKeys;
    private final List<Expression> innerKeys;
    private final List<Expression> mergeConds;
    private final Expression joinQual;
    private final int outerWidth;
    private final int innerWidth;

    /**
     * Rows computed but not yet returned (the matches of one outer row, NULL-extended rows), a queue:
     * {@link #readyNext} is the next to return; emptied once everything in it has been returned.
     */
    private TupleStore ready;
    private long readyNext;
    /** The inner rows of the current key value (when {@link #haveGroup}). */
    private TupleStore group;
    private boolean haveGroup;
    /** Which rows of the group some outer row matched (RIGHT/FULL joins). */
    private final BitSet groupMatched = new BitSet();
    private Object[] groupKey;
    /** The first inner row after the current group, read to find the group's end, and its key. */
    private Object[] lookahead;
    private Object[] lookaheadKey;
    private boolean innerStarted;
    private boolean innerDone;
    private boolean outerDone;

    /**
     * @param outerKeys  the key expressions over the outer input, in the order both inputs are sorted
     * @param innerKeys  the matching key expressions over the inner input
     * @param mergeConds the equality conditions the keys come from (for EXPLAIN)
     * @param joinQual   the join's other conditions, or null
     */
    public MergeJoin(PlanNode outer, PlanNode inner, JoinType type, List<Expression> outerKeys,
            List<Expression> innerKeys, List<Expression> mergeConds, Expression joinQual) {
        super(NestedLoop.concatSlots(outer, inner));
        if (outerKeys.isEmpty() || outerKeys.size() != innerKeys.size()) {
            throw new IllegalArgumentException("a merge join needs as many outer keys as inner keys");
        }
        this.outer = outer;
        this.inner = inner;
        this.type = type;
        this.outerKeys = List.copyOf(outerKeys);
        this.innerKeys = List.copyOf(innerKeys);
        this.mergeConds = switched(outerKeys, innerKeys, mergeConds);
        this.joinQual = joinQual;
        this.outerWidth = outer.slots().size();
        this.innerWidth = inner.slots().size();
        width = outer.width + inner.width;
    }

    /**
     * The equality conditions with the outer side's key on the left, as PostgreSQL prints a merge or
     * hash clause (get_switched_clauses).
     */
    static List<Expression> switched(List<Expression> outerKeys, List<Expression> innerKeys,
            List<Expression> conds) {
        List<Expression> out = new ArrayList<>(conds.size());
        for (int i = 0; i < conds.size(); i++) {
            Expression c = conds.get(i);
            if (i < outerKeys.size() && c instanceof Expression.Call call && call.args().size() == 2
                    && call.args().get(1) == outerKeys.get(i) && call.args().get(0) == innerKeys.get(i)) {
                c = new Expression.Call(call.routine(), List.of(outerKeys.get(i), innerKeys.get(i)));
            }
            out.add(c);
        }
        return out;
    }

    @Override
    protected void start() {
        if (ready == null) {
            ready = TupleStore.forWorkMem(ctx.workMemBytes());
            group = TupleStore.forWorkMem(ctx.workMemBytes());
        } else {
            ready.clear();
            group.clear();
        }
        readyNext = 0;
        haveGroup = false;
        groupMatched.clear();
        groupKey = null;
        lookahead = null;
        lookaheadKey = null;
        innerStarted = false;
        innerDone = false;
        outerDone = false;
        outer.open(ctx);
        inner.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        while (readyNext >= ready.size()) {
            if (readyNext > 0) {
                ready.clear();
                readyNext = 0;
            }
            if (outerDone) {
                if (!type.keepsInner() || !flushInner()) {
                    return null;
                }
                continue;
            }
            Object[] o = outer.next();
            if (o == null) {
                outerDone = true;
                continue;
            }
            joinOuter(o);
        }
        return (Object[]) ready.get(readyNext++);
    }

    /** Pairs one outer row (loaded in its slots) with the inner group of its key, moving the inner side on. */
    private void joinOuter(Object[] o) {
        Object[] key = key(outerKeys);
        boolean matched = false;
        if (key != null) {
            if (!innerStarted) {
                innerStarted = true;
                nextGroup();
            }
            while (haveGroup && compare(key, outerKeys, groupKey, innerKeys) > 0) {
                discardGroup();
                nextGroup();
            }
            if (haveGroup && compare(key, outerKeys, groupKey, innerKeys) == 0) {
                for (long i = 0, n = group.size(); i < n; i++) {
                    Object[] row = concat(o, (Object[]) group.get(i));
                    load(row);
                    if (joinQual == null || Boolean.TRUE.equals(joinQual.eval(ctx.eval()))) {
                        matched = true;
                        if (type.keepsInner()) {
                            groupMatched.set(Math.toIntExact(i));
                        }
                        if (type.firstMatchOnly()) {
                            // SEMI returns the outer row once, ANTI drops it
                            if (type == JoinType.SEMI) {
                                ready.append(row);
                            }
                            break;
                        }
                        ready.append(row);
                    }
                }
            }
        }
        if (!matched && type.nullExtendsOuter()) {
            ready.append(concat(o, nulls(innerWidth)));
        }
    }

    /**
     * After the outer side ended (RIGHT and FULL joins): the inner rows no outer row matched,
     * NULL-extended, a group at a time. False when the inner side is exhausted.
     */
    private boolean flushInner() {
        if (!innerStarted) {
            innerStarted = true;
            nextGroup();
        }
        if (!haveGroup) {
            return false;
        }
        discardGroup();
        nextGroup();
        return true;
    }

    /** Drops the current group, NULL-extending its unmatched rows when the inner side is kept. */
    private void discardGroup() {
        if (type.keepsInner()) {
            for (long i = 0, n = group.size(); i < n; i++) {
                if (!groupMatched.get(Math.toIntExact(i))) {
                    ready.append(concat(nulls(outerWidth), (Object[]) group.get(i)));
                }
            }
        }
        group.clear();
        groupMatched.clear();
        haveGroup = false;
    }

    /** Reads the next run of inner rows with equal keys (null when the inner side is exhausted). */
    private void nextGroup() {
        if (lookahead == null) {
            readInner();
        }
        group.clear();
        groupMatched.clear();
        if (lookahead == null) {
            haveGroup = false;
            groupKey = null;
            return;
        }
        haveGroup = true;
        groupKey = lookaheadKey;
        group.append(lookahead);
        while (true) {
            readInner();
            if (lookahead == null || compare(lookaheadKey, innerKeys, groupKey, innerKeys) != 0) {
                return;
            }
            group.append(lookahead);
        }
    }

    /**
     * The next inner row with no NULL key into {@link #lookahead}; rows with a NULL key can match
     * nothing, so they are NULL-extended at once (RIGHT/FULL) or skipped.
     */
    private void readInner() {
        lookahead = null;
        lookaheadKey = null;
        while (!innerDone) {
            Object[] r = inner.next();
            if (r == null) {
                innerDone = true;
                return;
            }
            Object[] k = key(innerKeys);
            if (k != null) {
                lookahead = r;
                lookaheadKey = k;
                return;
            }
            if (type.keepsInner()) {
                ready.append(concat(nulls(outerWidth), r));
            }
        }
    }

    /** The key values of the row in the slots; null if one is NULL. */
    private Object[] key(List<Expression> keys) {
        Object[] k = new Object[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.get(i).eval(ctx.eval());
            if (k[i] == null) {
                return null;
            }
        }
        return k;
    }

    /** Compares two keys column by column, in the order the inputs are sorted. */
    private static int compare(Object[] a, List<Expression> aKeys, Object[] b, List<Expression> bKeys) {
        for (int i = 0; i < a.length; i++) {
            SqlType ta = aKeys.get(i).type();
            SqlType tb = bKeys.get(i).type();
            int c = ta.isInteger() && tb.isInteger()
                    ? Long.compare(((Number) a[i]).longValue(), ((Number) b[i]).longValue())
                    : Ordering.compare(a[i], b[i], ta);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public void close() {
        super.close();
        if (ready != null) {
            ready.close();
            group.close();
        }
        haveGroup = false;
        groupMatched.clear();
        lookahead = null;
    }

    @Override
    public String label() {
        return "Merge" + type.word() + " Join";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, inner);
    }

    @Override
    public List<String> details(boolean verbose) {
        List<String> out = new ArrayList<>();
        out.add("Merge Cond: " + ExpressionText.conjunction(mergeConds, verbose));
        if (joinQual != null) {
            out.add("Join Filter: " + ExpressionText.of(joinQual, verbose));
        }
        out.addAll(super.details(verbose));
        return out;
    }
    // ---- the order of the output, and a Materialize above an unsorted inner side (planner and EXPLAIN)

    /**
     * Whether the rows come out ascending on {@code keys} (NULLs last): each key is, at its position, the
     * outer side's merge key or, for an inner join, the inner side's (equal to it in every row returned).
     * A LEFT, semi or anti join keeps only the outer order (the inner keys may be NULL-extended); the
     * rows of a RIGHT or FULL join are in no order.
     */
    public boolean orderedBy(List<Expression> keys) {
        if (keys.size() > outerKeys.size()
                || !(type == JoinType.INNER || type == JoinType.LEFT || type.firstMatchOnly())) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            boolean same = sameColumn(keys.get(i), outerKeys.get(i))
                    || (type == JoinType.INNER && sameColumn(keys.get(i), innerKeys.get(i)));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameColumn(Expression a, Expression b) {
        return a instanceof Expression.Var x && b instanceof Expression.Var y && x.slot() == y.slot()
                && x.index() == y.index();
    }

    private boolean showMaterialize;
    private double materializeStartup;
    private double materializeTotal;

    /**
     * Makes EXPLAIN show a Materialize node above the inner side with these estimates: PostgreSQL
     * materializes an inner side it reads without a Sort when that side cannot mark and restore its
     * position (another merge join); this executor keeps the inner rows of a key group anyway.
     */
    public void showMaterializeInner(double startup, double total) {
        showMaterialize = true;
        materializeStartup = startup;
        materializeTotal = total;
    }

    public PlanNode inner() {
        return inner;
    }

    public boolean showsMaterialize() {
        return showMaterialize;
    }

    public double materializeStartup() {
        return materializeStartup;
    }

    public double materializeTotal() {
        return materializeTotal;
    }

    /** The outer side's merge keys, in the order both inputs (and so the joined rows) are sorted. */
    public List<Expression> outerKeys() {
        return outerKeys;
    }

    /** The join's conditions beyond its hash or merge keys ("Join Filter"), or null. */
    public Expression joinQual() {
        return joinQual;
    }
}
