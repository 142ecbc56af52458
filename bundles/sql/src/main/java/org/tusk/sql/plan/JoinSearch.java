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

    /**
     * A semi or anti join of the search: {@code input} is its inner side, which joins only through it
     * (join_is_legal), with a set holding every input its conditions read ({@code minLeft}).
     */
    record Special(int input, SemiJoin join) {
    }

    /** The special joins with their inner input's bit and the inputs their conditions read. */
    private final List<Special> specials;
    private final long[] specialBits;
    private final long[] specialMinLeft;

    /** The equivalence classes joining inputs, with the inputs each has members in. */
    private final List<EquivalenceClasses.EClass> classes;
    private final long[] classMasks;
    private final int[][] memberInputs;

    JoinSearch(List<PlanNode> inputs, List<Expression> conds, Set<RowSlot> levelSlots, Costs costs) {
        this(inputs, conds, levelSlots, costs, List.of(), List.of());
    }

    JoinSearch(List<PlanNode> inputs, List<Expression> conds, Set<RowSlot> levelSlots, Costs costs,
            List<Special> specials, List<EquivalenceClasses.EClass> classes) {
        // the classes with members in two inputs or more of this search, each member's input (or -1)
        List<EquivalenceClasses.EClass> here = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        for (EquivalenceClasses.EClass c : classes) {
            int[] in = new int[c.members().size()];
            long m = 0;
            for (int j = 0; j < in.length; j++) {
                in[j] = -1;
                for (int i = 0; i < inputs.size(); i++) {
                    if (inputs.get(i).slots().contains(c.members().get(j).slot())) {
                        in[j] = i;
                        m |= 1L << i;
                    }
                }
            }
            if (Long.bitCount(m) > 1) {
                here.add(c);
                where.add(in);
            }
        }
        this.classes = here;
        memberInputs = where.toArray(new int[0][]);
        classMasks = new long[here.size()];
        for (int k = 0; k < here.size(); k++) {
            for (int i : memberInputs[k]) {
                classMasks[k] |= i < 0 ? 0 : 1L << i;
            }
        }
        this.specials = List.copyOf(specials);
        specialBits = new long[specials.size()];
        specialMinLeft = new long[specials.size()];
        for (int k = 0; k < specials.size(); k++) {
            specialBits[k] = 1L << specials.get(k).input();
            for (Expression c : specials.get(k).join().joinConds()) {
                specialMinLeft[k] |= mask(JoinPlanner.slotsRead(c, levelSlots), inputs);
            }
        }
        this.inputs = List.copyOf(inputs);
        this.conds = List.copyOf(conds);
        this.costs = costs;
        condMasks = new long[conds.size()];
        for (int c = 0; c < conds.size(); c++) {
            condMasks[c] = mask(JoinPlanner.slotsRead(conds.get(c), levelSlots), inputs);
        }
        for (int i = 0; i < inputs.size(); i++) {
            best.put(1L << i, inputs.get(i));
        }
    }

    /** The inputs whose slots are among {@code read}. */
    private static long mask(Set<RowSlot> read, List<PlanNode> inputs) {
        long m = 0;
        if (read == null) {
            return m;
        }
        for (int i = 0; i < inputs.size(); i++) {
            for (RowSlot s : inputs.get(i).slots()) {
                if (read.contains(s)) {
                    m |= 1L << i;
                }
            }
        }
        return m;
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
                if ((a & lowest) == 0 || !best.containsKey(a) || !best.containsKey(b) || !linked(a, b)) {
                    continue;
                }
                join(a, b);
            }
        }
    }

    /** Whether a condition reads both sets and nothing outside them, or a class has members in both. */
    private boolean connected(long a, long b) {
        for (long m : condMasks) {
            if ((m & a) != 0 && (m & b) != 0 && (m & ~(a | b)) == 0) {
                return true;
            }
        }
        for (long m : classMasks) {
            if ((m & a) != 0 && (m & b) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One condition per class with members on both sides (generate_join_implied_equalities): its first
     * member of the first set equal to its first member of the second. The first set is the larger one,
     * or of two as large the one with the earlier FROM item, as PostgreSQL's level-by-level search
     * passes them, which decides how a nested loop's Join Filter reads.
     */
    private void classConditions(long a, long b, List<Expression> out) {
        if (classes.isEmpty()) {
            return;
        }
        long first = a;
        long second = b;
        if (Long.bitCount(b) > Long.bitCount(a)
                || (Long.bitCount(b) == Long.bitCount(a) && Long.numberOfTrailingZeros(b) < Long.numberOfTrailingZeros(a))) {
            first = b;
            second = a;
        }
        for (int k = 0; k < classes.size(); k++) {
            long m = classMasks[k];
            if ((m & a) != 0 && (m & b) != 0) {
                out.add(classes.get(k).equality(firstMember(k, first), firstMember(k, second)));
            }
        }
    }

    /** The special join whose inner side is exactly one of the sets and whose outer inputs the other holds. */
    private int special(long a, long b) {
        for (int k = 0; k < specialBits.length; k++) {
            if ((b == specialBits[k] && (a & specialMinLeft[k]) == specialMinLeft[k])
                    || (a == specialBits[k] && (b & specialMinLeft[k]) == specialMinLeft[k])) {
                return k;
            }
        }
        return -1;
    }

    /** Whether one of the sets is a special join's inner side on its own, which joins only through it. */
    private boolean bareInner(long a, long b) {
        for (long bit : specialBits) {
            if (a == bit || b == bit) {
                return true;
            }
        }
        return false;
    }

    /** Whether the two planned sets may be joined and a condition links them. */
    private boolean linked(long a, long b) {
        return special(a, b) >= 0 || (!bareInner(a, b) && connected(a, b));
    }

    /** The join of two planned sets if it is legal (kept when cheapest for their union), else null. */
    private PlanNode join(long a, long b) {
        int k = special(a, b);
        if (k >= 0) {
            return specialJoin(a == specialBits[k] ? b : a, specialBits[k], specials.get(k).join());
        }
        return bareInner(a, b) ? null : consider(a, b);
    }

    /**
     * The semi or anti join of a planned set with a special join's inner side; for a semi join whose
     * conditions are all equalities also the inner side made unique and joined as an inner join, in
     * either direction. Every plan of the set has the semi (anti) join's row estimate.
     */
    private PlanNode specialJoin(long outerSet, long innerSet, SemiJoin sj) {
        PlanNode left = best.get(outerSet);
        PlanNode right = best.get(innerSet);
        long union = outerSet | innerSet;
        List<Expression> here = sj.joinConds();
        Double known = rows.get(union);
        double r = known != null ? known : JoinPlanner.joinRows(left, right, sj.type(), here);
        rows.putIfAbsent(union, r);
        PlanNode plan = JoinPlanner.cheapestJoin(left, right, slots(outerSet), slots(innerSet), sj.type(), here, r,
                costs);
        if (sj.uniqueKeys() != null) {
            PlanNode unique = Uniquify.of(right, sj.uniqueKeys(), costs);
            PlanNode plain = JoinPlanner.cheapestJoin(left, unique, slots(outerSet), slots(innerSet), JoinType.INNER,
                    here, r, costs);
            if (JoinPlanner.cheaper(plain, plan)) {
                plan = plain;
            }
        }
        PlanNode old = best.get(union);
        if (old == null || JoinPlanner.cheaper(plan, old)) {
            best.put(union, plan);
            return plan;
        }
        return old;
    }

    /** The position of class {@code k}'s first member an input of {@code set} holds. */
    private int firstMember(int k, long set) {
        int[] in = memberInputs[k];
        for (int j = 0; j < in.length; j++) {
            if (in[j] >= 0 && (set & (1L << in[j])) != 0) {
                return j;
            }
        }
        throw new IllegalStateException("no member of the class in the set");
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
        classConditions(a, b, here);
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
                    if (linked(pieces.get(i), pieces.get(j))) {
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
                    if (anyConnected && !linked(a, b)) {
                        continue;
                    }
                    PlanNode saved = best.get(a | b);
                    PlanNode plan = join(a, b);
                    if (saved == null) {
                        best.remove(a | b);
                    } else {
                        best.put(a | b, saved);
                    }
                    if (plan != null && (chosen == null || JoinPlanner.cheaper(plan, chosen))) {
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
