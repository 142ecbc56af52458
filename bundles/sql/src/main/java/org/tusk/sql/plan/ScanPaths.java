package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.BitmapCombine;
import org.tusk.sql.exec.BitmapHeapScan;
import org.tusk.sql.exec.BitmapIndexScan;
import org.tusk.sql.exec.BitmapNode;
import org.tusk.sql.exec.IndexScan;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.SeqScan;
import org.tusk.sql.schema.Relation;

/**
 * The access paths of one table under its restriction conditions (PostgreSQL's set_plain_rel_pathlist
 * with create_index_paths): the sequential scan, an index scan along each index some conditions can
 * bound, and a bitmap heap scan over the best combination of bitmap index scans
 * (choose_bitmap_and), including a BitmapOr for an OR whose every arm an index can serve
 * (generate_bitmap_or_paths). The cheapest by total cost wins, then by startup cost.
 */
final class ScanPaths {

    private ScanPaths() {
    }

    /**
     * One input of a bitmap: its node, its cost as cost_bitmap_tree_node sees it, the fraction of the
     * table's rows it selects, and the conditions it stands for (by identity).
     */
    private record Bitmap(BitmapNode node, double cost, double selectivity, List<Expression> clauses,
            boolean plainIndex) {
    }

    /**
     * The cheapest way to read {@code seq}'s table under {@code conds}; {@code seq} already carries
     * the conditions as its filter, its row estimate and its cost.
     */
    static PlanNode best(SeqScan seq, List<Expression> conds, Costs costs) {
        Relation relation = seq.relation();
        RowSlot slot = seq.slots().getFirst();
        PlanNode best = seq;
        if (relation.indexes().isEmpty() || conds.isEmpty()) {
            return best;
        }
        double tuples = Math.max(1, seq.tuples);
        List<Bitmap> bitmaps = new ArrayList<>();
        for (IndexPath path : IndexPaths.all(relation, slot, conds, costs.indexExpressions)) {
            List<Expression> indexConds = enforced(conds, path);
            // A partial index has entries only for rows its predicate holds for: the conditions it implies
            // select as much as its own (btcostestimate adds the predicate to the index's selectivity).
            List<Expression> selecting = new ArrayList<>(indexConds);
            selecting.addAll(path.implied());
            double fetched = path.uniqueMatch() ? 1 : tuples * Selectivity.conjunction(selecting, seq);
            IndexScan index = new IndexScan(relation, seq.alias(), path, slot)
                    .withIndexQualOrig(Expressions.and(indexConds));
            for (Expression r : path.residual()) {
                index.addQual(r);
            }
            index.width = seq.width;
            index.pages = seq.pages;
            index.tuples = seq.tuples;
            index.rows = path.uniqueMatch() ? 1 : seq.rows;
            costs.indexScan(index, seq.pages, seq.tuples, fetched, indexConds.size(), 1);
            if (JoinPlanner.cheaper(index, best)) {
                best = index;
            }
            bitmaps.add(bitmapIndex(relation, slot, path, indexConds, Math.max(1, Math.min(fetched, tuples)) / tuples,
                    seq.rows, tuples, costs));
        }
        for (Expression c : conds) {
            bitmaps.addAll(arrayBitmaps(seq, c, conds, costs));
            for (IndexScan index : arrayIndexScans(seq, c, conds, costs)) {
                if (JoinPlanner.cheaper(index, best)) {
                    best = index;
                }
            }
        }
        for (Expression c : conds) {
            if (c instanceof Expression.BoolOp b && !b.and()) {
                Bitmap or = bitmapOr(seq, b, costs);
                if (or != null) {
                    bitmaps.add(or);
                }
            }
        }
        if (bitmaps.isEmpty()) {
            return best;
        }
        List<Bitmap> chosen = chooseAnd(bitmaps, seq, costs);
        BitmapHeapScan heap = heapScan(seq, conds, chosen, costs);
        return JoinPlanner.cheaper(heap, best) ? heap : best;
    }

    /** The conditions a path's range enforces: those not left to its residual filter. */
    private static List<Expression> enforced(List<Expression> conds, IndexPath path) {
        List<Expression> out = new ArrayList<>();
        for (Expression c : conds) {
            if (!containsIdentity(path.residual(), c) && !containsIdentity(path.implied(), c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean containsIdentity(List<Expression> list, Expression e) {
        for (Expression x : list) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    /** A Bitmap Index Scan along {@code path}: the index's own cost (btcostestimate), no heap. */
    private static Bitmap bitmapIndex(Relation relation, RowSlot slot, IndexPath path, List<Expression> indexConds,
            double selectivity, double relRows, double tuples, Costs costs) {
        Costs.IndexCost cost = costs.indexCost(path, relation, tuples, selectivity, indexConds.size(), 1, 1);
        BitmapIndexScan node = new BitmapIndexScan(relation, path, null, slot);
        node.rows = Costs.clampRows(selectivity * tuples);
        node.width = 0;
        node.startupCost = 0;
        node.totalCost = cost.total();
        return new Bitmap(node, costs.bitmapTreeCost(cost, relRows), selectivity, indexConds, true);
    }

    /**
     * Bitmap index scans searching an index once per element of the IN list {@code c}
     * ({@link ArrayKeyPaths}), costed as btcostestimate does with one descent per element.
     */
    private static List<Bitmap> arrayBitmaps(SeqScan seq, Expression c, List<Expression> conds, Costs costs) {
        List<Bitmap> out = new ArrayList<>();
        double tuples = Math.max(1, seq.tuples);
        for (ArrayKeyPaths.Match m : ArrayKeyPaths.matches(seq.relation(), seq.slots().getFirst(), c, conds)) {
            double selectivity = Selectivity.conjunction(m.enforced(), seq);
            Costs.IndexCost cost = costs.indexCost(m.first(), seq.relation(), tuples, selectivity,
                    m.enforced().size(), 1, m.elements());
            BitmapIndexScan node = new BitmapIndexScan(seq.relation(), m.first(), m.keys(), seq.slots().getFirst());
            node.rows = Costs.clampRows(selectivity * tuples);
            node.width = 0;
            node.startupCost = 0;
            node.totalCost = cost.total();
            out.add(new Bitmap(node, costs.bitmapTreeCost(cost, seq.rows), selectivity, m.enforced(), true));
        }
        return out;
    }

    /**
     * Index scans searching an index once per element of the IN list {@code c}, the other conditions
     * their filter (cost_index with btcostestimate's num_sa_scans).
     */
    private static List<IndexScan> arrayIndexScans(SeqScan seq, Expression c, List<Expression> conds, Costs costs) {
        List<IndexScan> out = new ArrayList<>();
        double tuples = Math.max(1, seq.tuples);
        for (ArrayKeyPaths.Match m : ArrayKeyPaths.matches(seq.relation(), seq.slots().getFirst(), c, conds)) {
            IndexScan index = new IndexScan(seq.relation(), seq.alias(), m.first(), seq.slots().getFirst())
                    .withArrayKeys(m.keys()).withIndexQualOrig(Expressions.and(m.enforced()));
            for (Expression other : conds) {
                if (!containsIdentity(m.enforced(), other)) {
                    index.addQual(other);
                }
            }
            index.width = seq.width;
            index.pages = seq.pages;
            index.tuples = seq.tuples;
            index.rows = seq.rows;
            costs.indexScan(index, seq.pages, seq.tuples, tuples * Selectivity.conjunction(m.enforced(), seq),
                    m.enforced().size(), 1, m.elements());
            out.add(index);
        }
        return out;
    }

    /**
     * generate_bitmap_or_paths for one OR condition: each arm (a condition, or an AND of them) must be
     * served by bitmap index scans of its own conditions, the cheapest combination for the arm; the
     * arms' bitmaps are united. Null when some arm has no index.
     */
    private static Bitmap bitmapOr(SeqScan seq, Expression.BoolOp or, Costs costs) {
        Relation relation = seq.relation();
        RowSlot slot = seq.slots().getFirst();
        double tuples = Math.max(1, seq.tuples);
        List<Bitmap> arms = new ArrayList<>();
        for (Expression arm : or.args()) {
            List<Expression> armConds = IndexPaths.conjuncts(arm);
            List<Bitmap> candidates = new ArrayList<>();
            for (Expression c : armConds) {
                candidates.addAll(arrayBitmaps(seq, c, armConds, costs));
            }
            for (IndexPath path : IndexPaths.all(relation, slot, armConds)) {
                List<Expression> indexConds = enforced(armConds, path);
                if (indexConds.isEmpty()) {
                    continue;
                }
                double selectivity = Selectivity.conjunction(indexConds, seq);
                if (path.uniqueMatch()) {
                    selectivity = Math.min(selectivity, 1 / tuples);
                }
                candidates.add(bitmapIndex(relation, slot, path, indexConds, selectivity, seq.rows, tuples, costs));
            }
            if (candidates.isEmpty()) {
                return null;
            }
            arms.add(combineAnd(chooseAnd(candidates, seq, costs), tuples, costs));
        }
        double selectivity = 0;
        double[] inputCosts = new double[arms.size()];
        boolean[] plain = new boolean[arms.size()];
        List<BitmapNode> nodes = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            selectivity += arms.get(i).selectivity();
            inputCosts[i] = arms.get(i).cost();
            plain[i] = arms.get(i).plainIndex();
            nodes.add(arms.get(i).node());
        }
        selectivity = Math.min(1, selectivity);
        double cost = costs.bitmapOrCost(inputCosts, plain);
        BitmapCombine node = new BitmapCombine(false, nodes, slot);
        node.rows = Costs.clampRows(selectivity * tuples);
        node.width = 0;
        node.startupCost = cost;
        node.totalCost = cost;
        return new Bitmap(node, cost, selectivity, List.of(or), false);
    }

    /** A BitmapAnd of {@code inputs} (cost_bitmap_and_node), or the single input itself. */
    private static Bitmap combineAnd(List<Bitmap> inputs, double tuples, Costs costs) {
        if (inputs.size() == 1) {
            return inputs.getFirst();
        }
        double selectivity = 1;
        double[] inputCosts = new double[inputs.size()];
        List<BitmapNode> nodes = new ArrayList<>();
        List<Expression> clauses = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            selectivity *= inputs.get(i).selectivity();
            inputCosts[i] = inputs.get(i).cost();
            nodes.add(inputs.get(i).node());
            clauses.addAll(inputs.get(i).clauses());
        }
        double cost = costs.bitmapAndCost(inputCosts);
        BitmapCombine node = new BitmapCombine(true, nodes, inputs.getFirst().node().slots().getFirst());
        node.rows = Costs.clampRows(selectivity * tuples);
        node.width = 0;
        node.startupCost = cost;
        node.totalCost = cost;
        return new Bitmap(node, cost, selectivity, clauses, false);
    }

    /** bitmap_scan_cost_est / bitmap_and_cost_est: the total cost of a heap scan over these inputs ANDed. */
    private static double heapCost(List<Bitmap> inputs, SeqScan seq, Costs costs) {
        Bitmap b = combineAnd(inputs, Math.max(1, seq.tuples), costs);
        return costs.bitmapHeapScan(b.cost(), b.selectivity(), seq.pages, seq.tuples, seq.qual(), 1)[1];
    }

    /**
     * choose_bitmap_and: of inputs standing for the same conditions only the cheapest is kept; the
     * rest are ordered by cost (then selectivity); from each starting input, every later one whose
     * conditions are all new is ANDed in when that lowers the heap scan's cost; the cheapest group
     * wins.
     */
    private static List<Bitmap> chooseAnd(List<Bitmap> candidates, SeqScan seq, Costs costs) {
        List<Bitmap> unique = new ArrayList<>();
        for (Bitmap b : candidates) {
            int same = -1;
            for (int j = 0; j < unique.size(); j++) {
                if (sameClauses(unique.get(j).clauses(), b.clauses())) {
                    same = j;
                }
            }
            if (same < 0) {
                unique.add(b);
            } else if (unique.get(same).cost() > b.cost()) {
                unique.set(same, b);
            }
        }
        if (unique.size() == 1) {
            return List.of(unique.getFirst());
        }
        unique.sort(Comparator.comparingDouble(Bitmap::cost).thenComparingDouble(Bitmap::selectivity));
        List<Bitmap> best = null;
        double bestCost = 0;
        for (int i = 0; i < unique.size(); i++) {
            List<Bitmap> group = new ArrayList<>(List.of(unique.get(i)));
            Map<Expression, Boolean> used = new IdentityHashMap<>(4);
            unique.get(i).clauses().forEach(c -> used.put(c, true));
            double cost = heapCost(group, seq, costs);
            for (int j = i + 1; j < unique.size(); j++) {
                Bitmap next = unique.get(j);
                if (next.clauses().stream().anyMatch(used::containsKey)) {
                    continue; // redundant with what the group has
                }
                group.add(next);
                double withNext = heapCost(group, seq, costs);
                if (withNext < cost) {
                    cost = withNext;
                    next.clauses().forEach(c -> used.put(c, true));
                } else {
                    group.removeLast();
                }
            }
            if (best == null || cost < bestCost) {
                best = group;
                bestCost = cost;
            }
        }
        return best;
    }

    private static boolean sameClauses(List<Expression> a, List<Expression> b) {
        Set<Integer> ids = new HashSet<>();
        for (Expression e : a) {
            ids.add(System.identityHashCode(e));
        }
        Set<Integer> other = new HashSet<>();
        for (Expression e : b) {
            other.add(System.identityHashCode(e));
        }
        return ids.equals(other);
    }

    /**
     * The Bitmap Heap Scan over the chosen inputs: the conditions they stand for are its Recheck Cond
     * (in the order written), the others its filter; cost_bitmap_heap_scan.
     */
    private static BitmapHeapScan heapScan(SeqScan seq, List<Expression> conds, List<Bitmap> chosen, Costs costs) {
        double tuples = Math.max(1, seq.tuples);
        Bitmap bitmap = combineAnd(chosen, tuples, costs);
        List<Expression> recheck = new ArrayList<>();
        List<Expression> filter = new ArrayList<>();
        for (Expression c : conds) {
            (containsIdentity(bitmap.clauses(), c) ? recheck : filter).add(c);
        }
        BitmapHeapScan heap = new BitmapHeapScan(seq.relation(), seq.alias(), seq.slots().getFirst(), bitmap.node(),
                Expressions.and(recheck));
        for (Expression f : filter) {
            heap.addQual(f);
        }
        heap.width = seq.width;
        heap.pages = seq.pages;
        heap.tuples = seq.tuples;
        heap.rows = seq.rows;
        double[] cost = costs.bitmapHeapScan(bitmap.cost(), bitmap.selectivity(), seq.pages, seq.tuples, seq.qual(), 1);
        heap.startupCost = cost[0];
        heap.totalCost = cost[1];
        return heap;
    }
}
