package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.JoinType;
import org.tusk.sql.exec.PlanNode;

/**
 * The order in which one level's inputs are joined (PostgreSQL's standard_join_search). Inputs are
 * numbered and a set of them is a bit mask. Below geqo_threshold inputs, every set that conditions
 * connect gets its cheapest plan, level by level as in dynamic programming: a set of k inputs is the
 * cheapest join of two smaller connected sets it splits into (bushy plans included) that a condition
 * links. A join without a condition (a cross product) is made only when the conditions leave the inputs
 * in separate groups, and then last: the groups' plans are joined, cheapest pair first, as PostgreSQL
 * puts clauseless joins off until nothing else is left. Beyond geqo_threshold inputs the same greedy
 * pairing starts from the single inputs (PostgreSQL would use its genetic search there); so it does
 * beyond 14 inputs whatever geqo_threshold says, as the exhaustive search tries 3^n splits.
 *
 * <p>The rows of a set are computed once, from the first pair that forms it, so that every plan of
 * the set has the same estimate, as a joinrel's size is in PostgreSQL.
 */
final class JoinSearch {
    private final List<PlanNode> inputs;
    private final Costs costs;
    private final List<Expression> conds;
    /** For each condition, the inputs it reads. */
    private final long[] condMasks;
    private final Map<Long, PlanNode> best = new HashMap<>();
    private final Map<Long, Double> rows = new HashMap<>();
    /** Beyond this many inputs the exhaustive search is too slow whatever geqo_threshold says (3^n splits). */
    private static final int MAX_EXHAUSTIVE = 14;

    JoinSearch(List<PlanNode> inputs, List<Expression> conds, Set<RowSlot> levelSlots, Costs costs) {
        this.inputs = List.copyOf(inputs);
        this.conds = List.copyOf(conds);
        this.costs = costs;
        condMasks = new long[conds.size()];
        for (int c = 0; c < conds.size(); c++) {
            Set<RowSlot> read = JoinPlanner.slotsRead(conds.get(c), levelSlots);
            for (int i = 0; i < inputs.size(); i++) {
                for (RowSlot s : inputs.get(i).slots()) {
                    if (read.contains(s)) {
                        condMasks[c] |= 1L << i;
                    }
                }
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            best.put(1L << i, inputs.get(i));
        }
    }

    /** The cheapest plan found for joining every input. */
    PlanNode best() {
        int n = inputs.size();
        if (n == 1) {
            return inputs.getFirst();
        }
        if (n > 62) {
            throw new IllegalStateException("too many relations in one join search: " + n);
        }
        long all = (1L << n) - 1;
        List<Long> pieces = new ArrayList<>();
        if (n < Math.min(costs.geqoThreshold, MAX_EXHAUSTIVE + 1)) {
            dynamicProgramming(n);
            if (best.containsKey(all)) {
                return best.get(all);
            }
            pieces = cover(all);
        } else {
            for (int i = 0; i < n; i++) {
                pieces.add(1L << i);
            }
        }
        return greedy(pieces);
    }

    /**
     * Every connected set of inputs with its cheapest plan. Sets are visited in increasing numeric
     * order, so each set's subsets are planned before it; each split into two planned sets linked by
     * a condition is tried once (the part holding the set's lowest input first).
     */
    private void dynamicProgramming(int n) {
        for (long set = 3; set < (1L << n); set++) {
            if (Long.bitCount(set) < 2) {
                continue;
            }
            long lowest = Long.lowestOneBit(set);
            for (long a = (set - 1) & set; a > 0; a = (a - 1) & set) {
                long b = set ^ a;
                if ((a & lowest) == 0 || !best.containsKey(a) || !best.containsKey(b) || !connected(a, b)) {
                    continue;
                }
                consider(a, b);
            }
        }
    }

    /** Whether a condition reads both sets and nothing outside them. */
    private boolean connected(long a, long b) {
        for (long m : condMasks) {
            if ((m & a) != 0 && (m & b) != 0 && (m & ~(a | b)) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Plans the join of two planned sets and keeps it if it is the cheapest for their union so far. */
    private PlanNode consider(long a, long b) {
        PlanNode left = best.get(a);
        PlanNode right = best.get(b);
        long union = a | b;
        List<Expression> here = new ArrayList<>();
        for (int c = 0; c < conds.size(); c++) {
            long m = condMasks[c];
            if ((m & ~union) == 0 && (m & a) != 0 && (m & b) != 0) {
                here.add(conds.get(c));
            }
        }
        Double known = rows.get(union);
        double r = known != null ? known : JoinPlanner.joinRows(left, right, JoinType.INNER, here);
        rows.putIfAbsent(union, r);
        PlanNode old = best.get(union);
        // Every method reads both inputs whole and handles each joined row, except an index nested
        // loop, which replaces a table's scan: when that bound already loses, the pair is not planned.
        if (old != null && !indexed(left) && !indexed(right)
                && old.totalCost <= left.totalCost + right.totalCost + costs.cpuTupleCost * r) {
            return old;
        }
        PlanNode plan = JoinPlanner.cheapestJoin(left, right, slots(a), slots(b), JoinType.INNER, here, r, costs);
        if (old == null || JoinPlanner.cheaper(plan, old)) {
            best.put(union, plan);
            return plan;
        }
        return old;
    }

    /** Whether an index nested loop may read {@code node} through an index instead of whole. */
    private static boolean indexed(PlanNode node) {
        return node instanceof org.tusk.sql.exec.SeqScan seq && !seq.relation().indexes().isEmpty();
    }

    private final Map<Long, Set<RowSlot>> slotsOf = new HashMap<>();

    /** The slots the inputs of {@code mask} fill (kept: the search asks for each set many times). */
    private Set<RowSlot> slots(long mask) {
        return slotsOf.computeIfAbsent(mask, this::collectSlots);
    }

    private Set<RowSlot> collectSlots(long mask) {
        Set<RowSlot> s = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                s.addAll(inputs.get(i).slots());
            }
        }
        return s;
    }

    /**
     * The groups the conditions leave separate: the largest planned sets, taken greedily without
     * overlap, until every input is in one.
     */
    private List<Long> cover(long all) {
        List<Long> planned = new ArrayList<>(best.keySet());
        planned.sort((x, y) -> Long.bitCount(y) != Long.bitCount(x) ? Long.bitCount(y) - Long.bitCount(x)
                : Double.compare(best.get(x).totalCost, best.get(y).totalCost));
        List<Long> pieces = new ArrayList<>();
        long covered = 0;
        for (long m : planned) {
            if ((m & covered) == 0) {
                pieces.add(m);
                covered |= m;
                if (covered == all) {
                    break;
                }
            }
        }
        return pieces;
    }

    /**
     * Joins the pieces two at a time until one is left: each step the cheapest join among the pairs a
     * condition connects, or among all pairs when none is connected.
     */
    private PlanNode greedy(List<Long> pieces) {
        pieces = new ArrayList<>(pieces);
        while (pieces.size() > 1) {
            boolean anyConnected = false;
            for (int i = 0; i < pieces.size() && !anyConnected; i++) {
                for (int j = i + 1; j < pieces.size(); j++) {
                    if (connected(pieces.get(i), pieces.get(j))) {
                        anyConnected = true;
                        break;
                    }
                }
            }
            int bi = -1;
            int bj = -1;
            PlanNode chosen = null;
            for (int i = 0; i < pieces.size(); i++) {
                for (int j = i + 1; j < pieces.size(); j++) {
                    long a = pieces.get(i);
                    long b = pieces.get(j);
                    if (anyConnected && !connected(a, b)) {
                        continue;
                    }
                    PlanNode saved = best.get(a | b);
                    PlanNode plan = consider(a, b);
                    if (saved == null) {
                        best.remove(a | b);
                    } else {
                        best.put(a | b, saved);
                    }
                    if (chosen == null || JoinPlanner.cheaper(plan, chosen)) {
                        chosen = plan;
                        bi = i;
                        bj = j;
                    }
                }
            }
            long union = pieces.get(bi) | pieces.get(bj);
            best.put(union, chosen);
            pieces.remove(bj);
            pieces.set(bi, union);
        }
        return best.get(pieces.getFirst());
    }
}
