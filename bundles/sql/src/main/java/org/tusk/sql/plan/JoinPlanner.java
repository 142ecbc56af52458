package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.HashJoin;
import org.tusk.sql.exec.JoinType;
import org.tusk.sql.exec.NestedLoop;
import org.tusk.sql.exec.PlanNode;

/**
 * Joins a query level's leaves under its conditions: each condition goes to the lowest place that has
 * every row it reads (a condition on one table filters its scan), the leaves are joined greedily,
 * smallest first and preferring a leaf connected to what is joined so far by a condition, and each
 * join is a hash join when equality conditions connect the two sides, else a nested loop. LATERAL
 * leaves keep their written order.
 */
final class JoinPlanner {

    private JoinPlanner() {
    }

    /**
     * The slots of {@code among} that {@code e} reads; null if it runs a subquery (whose references
     * are not visible here), which keeps it above every join.
     */
    @SafeVarargs
    static Set<RowSlot> slotsRead(Expression e, Set<RowSlot>... among) {
        if (Expressions.containsSubPlan(e)) {
            return null;
        }
        Set<RowSlot> read = new HashSet<>();
        Expressions.walk(e, x -> {
            if (x instanceof Expression.Var v) {
                for (Set<RowSlot> s : among) {
                    if (s.contains(v.slot())) {
                        read.add(v.slot());
                    }
                }
            }
        });
        return read;
    }

    static PlanNode join(List<Leaf> leaves, List<Expression> conjuncts, Set<RowSlot> levelSlots) {
        List<Expression> pending = new ArrayList<>();
        java.util.Map<Leaf, List<Expression>> quals = new java.util.IdentityHashMap<>();
        for (Expression c : conjuncts) {
            Set<RowSlot> read = slotsRead(c, levelSlots);
            Leaf target = null;
            if (read != null && !read.isEmpty()) {
                for (Leaf l : leaves) {
                    if (l.node().slots().containsAll(read)) {
                        target = l;
                        break;
                    }
                }
            }
            if (target != null) {
                quals.computeIfAbsent(target, k -> new ArrayList<>()).add(c);
            } else {
                pending.add(c);
            }
        }
        List<Leaf> withQuals = new ArrayList<>();
        for (Leaf l : leaves) {
            List<Expression> q = quals.get(l);
            withQuals.add(q == null ? l : new Leaf(scanWith(l.node(), q), l.lateral()));
        }
        leaves = withQuals;
        List<Leaf> remaining = new ArrayList<>(leaves);
        boolean keepOrder = leaves.stream().anyMatch(Leaf::lateral);
        Leaf first = keepOrder ? remaining.getFirst() : smallest(remaining);
        remaining.remove(first);
        PlanNode node = first.node();
        Set<RowSlot> joined = new HashSet<>(node.slots());
        while (!remaining.isEmpty()) {
            Leaf next = keepOrder ? remaining.getFirst() : choose(remaining, pending, joined, levelSlots);
            remaining.remove(next);
            Set<RowSlot> nextSlots = new HashSet<>(next.node().slots());
            Set<RowSlot> both = new HashSet<>(joined);
            both.addAll(nextSlots);
            List<Expression> conds = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext();) {
                Expression c = it.next();
                Set<RowSlot> read = slotsRead(c, levelSlots);
                if (read != null && both.containsAll(read)) {
                    conds.add(c);
                    it.remove();
                }
            }
            node = joinPair(node, next.node(), joined, nextSlots, JoinType.INNER, conds, next.lateral());
            joined = both;
        }
        Expression rest = Expressions.and(pending);
        if (rest != null) {
            node.addQual(rest);
        }
        return node;
    }

    /**
     * A scan with its conditions: a sequential scan becomes an index scan when an index of the table
     * matches some of them (IndexPaths), the rest filter the rows.
     */
    private static PlanNode scanWith(PlanNode node, List<Expression> conds) {
        if (node instanceof org.tusk.sql.exec.SeqScan seq && !seq.relation().indexes().isEmpty()) {
            IndexPath path = IndexPaths.choose(seq.relation(), seq.slots().getFirst(), conds);
            if (path != null) {
                org.tusk.sql.exec.IndexScan scan = new org.tusk.sql.exec.IndexScan(seq.relation(), seq.alias(), path,
                        seq.slots().getFirst());
                scan.width = seq.width;
                scan.rows = path.uniqueMatch() ? 1 : Math.max(1, seq.rows * Math.pow(0.005, path.equalities().size())
                        * (path.lower() != null || path.upper() != null ? 0.33 : 1));
                scan.startupCost = 0.29;
                scan.totalCost = 0.29 + scan.rows * 4;
                for (Expression r : path.residual()) {
                    scan.addQual(r);
                }
                return scan;
            }
        }
        for (Expression c : conds) {
            node.addQual(c);
            node.rows = Math.max(1, node.rows * Selectivity.restriction(c, node));
        }
        return node;
    }

    private static Leaf smallest(List<Leaf> leaves) {
        Leaf best = leaves.getFirst();
        for (Leaf l : leaves) {
            if (l.node().rows < best.node().rows) {
                best = l;
            }
        }
        return best;
    }

    /** The smallest leaf connected to {@code joined} by a pending condition, else the smallest. */
    private static Leaf choose(List<Leaf> leaves, List<Expression> pending, Set<RowSlot> joined,
            Set<RowSlot> levelSlots) {
        Leaf best = null;
        for (Leaf l : leaves) {
            boolean connected = false;
            for (Expression c : pending) {
                Set<RowSlot> read = slotsRead(c, levelSlots);
                if (read == null) {
                    continue;
                }
                boolean touchesJoined = read.stream().anyMatch(joined::contains);
                boolean touchesLeaf = read.stream().anyMatch(l.node().slots()::contains);
                Set<RowSlot> both = new HashSet<>(joined);
                both.addAll(l.node().slots());
                if (touchesJoined && touchesLeaf && both.containsAll(read)) {
                    connected = true;
                    break;
                }
            }
            if (connected && (best == null || l.node().rows < best.node().rows)) {
                best = l;
            }
        }
        return best != null ? best : smallest(leaves);
    }

    /** One join of two inputs with the conditions that apply at it. */
    static PlanNode joinPair(PlanNode left, PlanNode right, Set<RowSlot> leftSlots, Set<RowSlot> rightSlots,
            JoinType type, List<Expression> conds, boolean rescanRight) {
        PlanNode indexed = indexNestedLoop(left, right, type, conds, rescanRight);
        if (indexed != null) {
            return indexed;
        }
        List<Expression> leftKeys = new ArrayList<>();
        List<Expression> rightKeys = new ArrayList<>();
        List<Expression> hashConds = new ArrayList<>();
        List<Expression> rest = new ArrayList<>();
        for (Expression c : conds) {
            if (!rescanRight && c instanceof Expression.Call call && call.routine().name().equals("=")
                    && call.args().size() == 2 && hashable(call.args().get(0), call.args().get(1))) {
                Expression a = call.args().get(0);
                Expression b = call.args().get(1);
                Set<RowSlot> ra = slotsRead(a, leftSlots, rightSlots);
                Set<RowSlot> rb = slotsRead(b, leftSlots, rightSlots);
                if (ra != null && rb != null && !ra.isEmpty() && !rb.isEmpty()) {
                    if (leftSlots.containsAll(ra) && rightSlots.containsAll(rb)) {
                        leftKeys.add(a);
                        rightKeys.add(b);
                        hashConds.add(c);
                        continue;
                    }
                    if (rightSlots.containsAll(ra) && leftSlots.containsAll(rb)) {
                        leftKeys.add(b);
                        rightKeys.add(a);
                        hashConds.add(c);
                        continue;
                    }
                }
            }
            rest.add(c);
        }
        if (!hashConds.isEmpty()) {
            if (type == JoinType.INNER && left.rows < right.rows) {
                // Build the hash table on the smaller input.
                return new HashJoin(right, left, type, rightKeys, leftKeys, hashConds, Expressions.and(rest));
            }
            return new HashJoin(left, right, type, leftKeys, rightKeys, hashConds, Expressions.and(rest));
        }
        return new NestedLoop(left, right, type, Expressions.and(conds), rescanRight);
    }

    /**
     * A nested loop whose inner side is an index scan keyed by the outer row (a parameterized path):
     * chosen when the inner table has an index on the join columns and the outer side is estimated
     * much smaller than the inner one, so that a few index lookups beat reading the whole table. The
     * index scan's range is computed again for each outer row; the conditions it does not enforce
     * filter its rows.
     */
    private static PlanNode indexNestedLoop(PlanNode left, PlanNode right, JoinType type, List<Expression> conds,
            boolean rescanRight) {
        if (rescanRight || conds.isEmpty() || (type != JoinType.INNER && type != JoinType.LEFT)
                || !(right instanceof org.tusk.sql.exec.SeqScan seq) || seq.relation().indexes().isEmpty()) {
            return null;
        }
        List<Expression> candidates = new ArrayList<>();
        Expressions.conjuncts(seq.qual(), candidates);
        candidates.removeIf(java.util.Objects::isNull);
        candidates.addAll(conds);
        IndexPath path = IndexPaths.choose(seq.relation(), seq.slots().getFirst(), candidates);
        if (path == null || !(path.uniqueMatch() ? left.rows < right.rows : left.rows * 10 < right.rows)) {
            return null;
        }
        org.tusk.sql.exec.IndexScan scan = new org.tusk.sql.exec.IndexScan(seq.relation(), seq.alias(), path,
                seq.slots().getFirst());
        for (Expression r : path.residual()) {
            scan.addQual(r);
        }
        scan.width = seq.width;
        scan.rows = path.uniqueMatch() ? 1 : Math.max(1, seq.rows * 0.005);
        scan.startupCost = 0.29;
        scan.totalCost = 0.29 + scan.rows * 4;
        return new NestedLoop(left, scan, type, null, true);
    }

    /** Whether equality of the two sides can be decided by hashing their values. */
    private static boolean hashable(Expression a, Expression b) {
        if (!Ordering.sortable(a.type()) || !Ordering.sortable(b.type())) {
            return false;
        }
        return a.type() == b.type() || (a.type().isInteger() && b.type().isInteger());
    }
}
