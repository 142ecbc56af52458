package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.HashJoin;
import org.tusk.sql.exec.HashedSubPlan;
import org.tusk.sql.exec.IndexScan;
import org.tusk.sql.exec.JoinType;
import org.tusk.sql.exec.MergeJoin;
import org.tusk.sql.exec.NestedLoop;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.SeqScan;
import org.tusk.sql.exec.Sort;
import org.tusk.sql.exec.SortKey;

/**
 * Joins a query level's leaves under its conditions. Each condition goes to the lowest place that has
 * every row it reads: a condition on one table filters its scan (which becomes an index scan when
 * that is cheaper, see {@link #scanWith}); a condition on several is tested at the first join that
 * has them all. The order of the joins is {@link JoinSearch}'s; each join of two inputs is the
 * cheapest of the methods PostgreSQL considers ({@link #cheapestJoin}): a nested loop over the
 * kept inner rows, a nested loop probing an index of the inner table with each outer row, a hash join
 * and a merge join (sorting its inputs unless already in order), each in both directions where the
 * join type allows; "cheapest" as add_path and set_cheapest decide ({@link AddPath}). LATERAL leaves
 * keep their written order and are run again for each outer row.
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
        Set<RowSlot> read = new HashSet<>();
        boolean[] opaque = {false};
        java.util.function.Consumer<Expression> visitor = new java.util.function.Consumer<>() {
            @Override
            public void accept(Expression x) {
                if (x instanceof Expression.Var v) {
                    for (Set<RowSlot> s : among) {
                        if (s.contains(v.slot())) {
                            read.add(v.slot());
                        }
                    }
                } else if (x instanceof Expression.SubPlan sp) {
                    // a hashed SubPlan reads no outer row but through its tested value
                    if (sp.body() instanceof HashedSubPlan h) {
                        Expressions.walk(h.tested(), this);
                    } else {
                        opaque[0] = true;
                    }
                }
            }
        };
        Expressions.walk(e, visitor);
        return opaque[0] ? null : read;
    }

    static PlanNode join(List<Leaf> leaves, List<Expression> conjuncts, Set<RowSlot> levelSlots, Costs costs) {
        return join(leaves, conjuncts, levelSlots, costs, List.of());
    }

    /**
     * {@link #join} with the semi and anti joins of pulled-up sublinks ({@link SemiJoin}): each one's
     * inner side is planned on its own, then takes part in the join search as an input that joins only
     * through its semi or anti join (JoinSearch).
     */
    static PlanNode join(List<Leaf> leaves, List<Expression> conjuncts, Set<RowSlot> levelSlots, Costs costs,
            List<SemiJoin> semis) {
        // Equivalence classes over every relation, those in groups included (PostgreSQL makes them
        // before it looks at the join list): their restrictions go to the scans, their joins to the
        // searches of the groups and of this level.
        List<PlanNode> relations = new ArrayList<>();
        flatten(leaves, relations);
        List<EquivalenceClasses.EClass> classes = List.of();
        if ((relations.size() > 1 || !semis.isEmpty()) && !hasLateral(leaves)) {
            EquivalenceClasses.Result ec = EquivalenceClasses.of(conjuncts, relations);
            conjuncts = ec.conditions();
            classes = ec.classes();
            if (!semis.isEmpty() && !ec.constants().isEmpty()) {
                semis = semis.stream().map(s -> SublinkPullUp.withConstants(s, ec)).toList();
            }
        }
        return plan(leaves, conjuncts, levelSlots, costs, semis, classes);
    }

    /** The relations of {@code leaves}, those inside groups included. */
    private static void flatten(List<Leaf> leaves, List<PlanNode> out) {
        for (Leaf l : leaves) {
            if (l.node() instanceof JoinGroup g) {
                flatten(g.leaves(), out);
            } else {
                out.add(l.node());
            }
        }
    }

    private static boolean hasLateral(List<Leaf> leaves) {
        for (Leaf l : leaves) {
            if (l.lateral() || (l.node() instanceof JoinGroup g && hasLateral(g.leaves()))) {
                return true;
            }
        }
        return false;
    }

    private static PlanNode plan(List<Leaf> leaves, List<Expression> conjuncts, Set<RowSlot> levelSlots,
            Costs costs, List<SemiJoin> semis, List<EquivalenceClasses.EClass> classes) {
        conjuncts = new ArrayList<>(conjuncts);
        leaves = planGroups(leaves, conjuncts, costs, classes);
        List<Expression> pending = new ArrayList<>();
        Map<Leaf, List<Expression>> quals = new IdentityHashMap<>(4);
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
            withQuals.add(q == null ? l : new Leaf(scanWith(l.node(), q, costs), l.lateral()));
        }
        // Conditions that read no row of this level, or run a subquery, are tested on the joined rows.
        List<Expression> top = new ArrayList<>();
        List<Expression> joinConds = new ArrayList<>();
        for (Expression c : pending) {
            Set<RowSlot> read = slotsRead(c, levelSlots);
            (read == null || read.isEmpty() ? top : joinConds).add(c);
        }
        PlanNode node;
        if (withQuals.size() == 1 && semis.isEmpty() && joinConds.isEmpty()) {
            node = withQuals.getFirst().node(); // nothing to join: what the join search would answer at once
        } else if (withQuals.stream().anyMatch(Leaf::lateral)) {
            node = writtenOrder(withQuals, joinConds, levelSlots, costs);
        } else {
            List<PlanNode> inputs = new ArrayList<>(withQuals.stream().map(Leaf::node).toList());
            List<JoinSearch.Special> specials = new ArrayList<>();
            for (SemiJoin s : semis) {
                PlanNode inner = join(s.leaves(), s.localConds(), s.slots(), costs);
                specials.add(new JoinSearch.Special(inputs.size(), s));
                inputs.add(inner);
            }
            node = new JoinSearch(inputs, joinConds, levelSlots, costs, specials, classes).best();
        }
        Expression rest = Expressions.and(top);
        if (rest != null) {
            node.addQual(rest);
        }
        return node;
    }

    /**
     * The leaves with each {@link JoinGroup} planned on its own, with (and taking from {@code conjuncts})
     * the conditions that read only its relations.
     */
    private static List<Leaf> planGroups(List<Leaf> leaves, List<Expression> conjuncts, Costs costs,
            List<EquivalenceClasses.EClass> classes) {
        if (leaves.stream().noneMatch(l -> l.node() instanceof JoinGroup)) {
            return leaves;
        }
        Set<RowSlot> all = new HashSet<>();
        for (Leaf l : leaves) {
            all.addAll(l.node().slots());
        }
        List<Leaf> out = new ArrayList<>();
        for (Leaf l : leaves) {
            if (!(l.node() instanceof JoinGroup g)) {
                out.add(l);
                continue;
            }
            Set<RowSlot> groupSlots = new HashSet<>(g.slots());
            List<Expression> own = new ArrayList<>();
            for (var it = conjuncts.iterator(); it.hasNext();) {
                Expression c = it.next();
                Set<RowSlot> read = slotsRead(c, all);
                if (read != null && !read.isEmpty() && groupSlots.containsAll(read)) {
                    own.add(c);
                    it.remove();
                }
            }
            out.add(new Leaf(plan(g.leaves(), own, groupSlots, costs, List.of(), classes), false));
        }
        return out;
    }

    /**
     * The leaves joined in the order written, for a level with LATERAL items: a lateral leaf reads
     * the rows before it, so it must be the inner side of a nested loop, run again for each of them.
     */
    private static PlanNode writtenOrder(List<Leaf> leaves, List<Expression> pending, Set<RowSlot> levelSlots,
            Costs costs) {
        pending = new ArrayList<>(pending);
        PlanNode node = leaves.getFirst().node();
        Set<RowSlot> joined = new HashSet<>(node.slots());
        for (Leaf next : leaves.subList(1, leaves.size())) {
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
            node = joinPair(node, next.node(), joined, nextSlots, JoinType.INNER, conds, next.lateral(), costs);
            joined = both;
        }
        Expression rest = Expressions.and(pending);
        if (rest != null) {
            node.addQual(rest);
        }
        return node;
    }

    /**
     * A scan with its conditions and its estimated rows. A table's scan is the cheapest of the
     * sequential scan, index scans and bitmap scans ({@link ScanPaths}); the conditions an index does
     * not enforce filter the rows either way.
     */
    private static PlanNode scanWith(PlanNode node, List<Expression> conds, Costs costs) {
        if (node instanceof PartitionPaths.Prunable append) {
            return PartitionPaths.scanWith(append, conds, costs, (leaf, c) -> scanWith(leaf, c, costs));
        }
        // clauselist_selectivity: the conditions together (a range's two bounds are estimated as one)
        double selectivity = Selectivity.conjunction(conds, node);
        if (!(node instanceof SeqScan seq)) {
            for (Expression c : conds) {
                node.addQual(c);
            }
            node.rows = Costs.clampRows(node.rows * selectivity);
            return node;
        }
        for (Expression c : conds) {
            seq.addQual(c);
        }
        seq.rows = Costs.clampRows(seq.tuples * selectivity);
        costs.seqScan(seq, seq.pages, seq.tuples);
        return ScanPaths.best(seq, conds, costs);
    }

    /** An index scan of {@code seq}'s table along {@code path}, its residual conditions as its filter. */
    private static IndexScan indexScan(SeqScan seq, IndexPath path) {
        IndexScan scan = new IndexScan(seq.relation(), seq.alias(), path, seq.slots().getFirst());
        for (Expression r : path.residual()) {
            scan.addQual(r);
        }
        scan.width = seq.width;
        scan.pages = seq.pages;
        scan.tuples = seq.tuples;
        return scan;
    }

    /**
     * {@link #slotsRead} for one side of an equality, without walking the expression when it is a
     * column (the usual case: the join search asks this for every split it tries).
     */
    private static Set<RowSlot> sidesRead(Expression e, Set<RowSlot> outerSlots, Set<RowSlot> innerSlots) {
        Expression x = e;
        while (x instanceof Expression.Cast c) {
            x = c.arg();
        }
        if (x instanceof Expression.Var v) {
            return outerSlots.contains(v.slot()) || innerSlots.contains(v.slot()) ? Set.of(v.slot()) : Set.of();
        }
        return slotsRead(e, outerSlots, innerSlots);
    }

    static boolean containsIdentity(List<Expression> list, Expression e) {
        for (Expression x : list) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    /** add_path's test, without its fuzz: the lower total cost, then the lower startup cost. */
    static boolean cheaper(PlanNode a, PlanNode b) {
        return a.totalCost < b.totalCost || (a.totalCost == b.totalCost && a.startupCost < b.startupCost);
    }

    /** The rows of a join of two inputs under its conditions (calc_joinrel_size_estimate). */
    static double joinRows(PlanNode left, PlanNode right, JoinType type, List<Expression> conds) {
        if (type.firstMatchOnly()) {
            double matched = SemiJoinSelectivity.of(conds, left, right);
            return Costs.clampRows(left.rows * (type == JoinType.SEMI ? matched : 1 - matched));
        }
        double selectivity = 1;
        for (Expression c : conds) {
            selectivity *= Selectivity.join(c, left, right);
        }
        double rows = Costs.clampRows(left.rows * right.rows * selectivity);
        return switch (type) {
            case INNER -> rows;
            case LEFT -> Math.max(rows, left.rows);
            case RIGHT -> Math.max(rows, right.rows);
            case FULL -> Math.max(rows, Math.max(left.rows, right.rows));
            default -> rows;
        };
    }

    /** One join of two inputs with the conditions that apply at it: the cheapest way to compute it. */
    static PlanNode joinPair(PlanNode left, PlanNode right, Set<RowSlot> leftSlots, Set<RowSlot> rightSlots,
            JoinType type, List<Expression> conds, boolean rescanRight, Costs costs) {
        double rows = joinRows(left, right, type, conds);
        if (rescanRight) {
            NestedLoop loop = new NestedLoop(left, right, type, Expressions.and(conds), true);
            costs.parameterizedNestLoop(loop, left, right, rows);
            return loop;
        }
        return cheapestJoin(left, right, leftSlots, rightSlots, type, conds, rows, costs);
    }

    /**
     * The cheapest of the join methods for {@code left type JOIN right}, in both directions where the
     * type allows (a LEFT join read the other way is a RIGHT join): hash and merge joins need an
     * equality between the sides; a nested loop can keep only its outer rows (INNER, LEFT), so RIGHT
     * and FULL joins get one only when nothing else can compute them.
     */
    static PlanNode cheapestJoin(PlanNode left, PlanNode right, Set<RowSlot> leftSlots, Set<RowSlot> rightSlots,
            JoinType type, List<Expression> conds, double rows, Costs costs) {
        List<PlanNode> candidates = new ArrayList<>();
        methods(left, right, leftSlots, rightSlots, type, conds, rows, costs, candidates);
        if (!type.firstMatchOnly()) {
            // PostgreSQL 15 has no right semi or anti join: the sublink's side is always the inner one
            methods(right, left, rightSlots, leftSlots, flip(type), conds, rows, costs, candidates);
        }
        if (candidates.isEmpty()) {
            // a RIGHT or FULL join without an equality: only a nested loop computes it here
            nestLoops(left, right, type, conds, rows, costs, candidates);
        }
        return AddPath.cheapest(candidates);
    }

    private static JoinType flip(JoinType type) {
        return switch (type) {
            case LEFT -> JoinType.RIGHT;
            case RIGHT -> JoinType.LEFT;
            default -> type;
        };
    }

    /** The joins with {@code outer} as the outer (probing, driving) side. */
    private static void methods(PlanNode outer, PlanNode inner, Set<RowSlot> outerSlots, Set<RowSlot> innerSlots,
            JoinType type, List<Expression> conds, double rows, Costs costs, List<PlanNode> out) {
        List<Expression> outerKeys = new ArrayList<>();
        List<Expression> innerKeys = new ArrayList<>();
        List<Expression> equalities = new ArrayList<>();
        List<Expression> rest = new ArrayList<>();
        for (Expression c : conds) {
            if (c instanceof Expression.Call call && call.routine().name().equals("=") && call.args().size() == 2
                    && mergeable(call.args().get(0), call.args().get(1))) {
                Expression a = call.args().get(0);
                Expression b = call.args().get(1);
                Set<RowSlot> ra = sidesRead(a, outerSlots, innerSlots);
                Set<RowSlot> rb = sidesRead(b, outerSlots, innerSlots);
                if (ra != null && rb != null && !ra.isEmpty() && !rb.isEmpty()) {
                    if (outerSlots.containsAll(ra) && innerSlots.containsAll(rb)) {
                        outerKeys.add(a);
                        innerKeys.add(b);
                        equalities.add(c);
                        continue;
                    }
                    if (innerSlots.containsAll(ra) && outerSlots.containsAll(rb)) {
                        outerKeys.add(b);
                        innerKeys.add(a);
                        equalities.add(c);
                        continue;
                    }
                }
            }
            rest.add(c);
        }
        Expression restQual = Expressions.and(rest);
        if (!equalities.isEmpty()) {
            PlanNode outerSorted = sorted(outer, outerKeys, costs);
            PlanNode innerSorted = sorted(inner, innerKeys, costs);
            MergeJoin merge = new MergeJoin(outerSorted, innerSorted, type, outerKeys, innerKeys, equalities,
                    restQual);
            // No inner row is read twice when the executor leaves an outer row at its first match (all
            // conditions being merge conditions) or a side is unique on the keys (skip_mark_restore).
            boolean noRescan = (type.firstMatchOnly() && restQual == null)
                    || outer instanceof org.tusk.sql.exec.Distinct || inner instanceof org.tusk.sql.exec.Distinct;
            double costRows = noRescan ? Math.min(rows, Math.max(1, innerSorted.rows)) : rows;
            costs.mergeJoin(merge, outerSorted, innerSorted, equalities.size(), restQual, costRows);
            merge.totalCost += (costs.cpuTupleCost + costs.exprCost(restQual)) * (rows - costRows);
            merge.rows = Costs.clampRows(rows);
            if (innerSorted instanceof MergeJoin) {
                // create_mergejoin_plan: no mark/restore, so a Material node (cost_material's copy plus
                // an operator per row); the join's cost counted its re-reads already (mat_inner_cost)
                merge.showMaterializeInner(innerSorted.startupCost,
                        innerSorted.totalCost + costs.cpuOperatorCost * innerSorted.rows);
            }
            out.add(merge);
        }
        if (type == JoinType.INNER || type == JoinType.LEFT || type.firstMatchOnly()) {
            nestLoops(outer, inner, type, conds, rows, costs, out);
            PlanNode indexed = indexNestedLoop(outer, inner, type, conds, rows, costs);
            if (indexed != null) {
                out.add(indexed);
            }
        }
        if (!equalities.isEmpty()) {
            HashJoin hash = new HashJoin(outer, inner, type, outerKeys, innerKeys, equalities, restQual);
            // an inner side made unique on its keys has one row a bucket (final_cost_hashjoin's UniquePath case)
            double bucketRows = inner instanceof org.tusk.sql.exec.Distinct ? 1
                    : inner.rows * bucketFraction(innerKeys.getFirst(), inner);
            if (type.firstMatchOnly()) {
                SemiJoinCosts.of(costs, outer, inner, conds).hashJoin(hash, equalities.size(), bucketRows,
                        restQual, rows);
            } else {
                costs.hashJoin(hash, outer, inner, equalities.size(), bucketRows, restQual, rows);
            }
            out.add(hash);
        }
    }

    /**
     * The fraction of the inner rows in the bucket an outer row probes (estimate_hash_bucket_stats):
     * one over the key column's distinct values (fewer when the inner side keeps only part of the
     * table), or PostgreSQL's 0.1 when the distinct count would only be the default guess (no
     * statistics, no unique index, not a plain column).
     */
    private static double bucketFraction(Expression innerKey, PlanNode inner) {
        VarStats v = VarStats.examine(innerKey, inner);
        if (v == null || v.distinctIsDefault()) {
            return 0.1;
        }
        double distinct = v.numDistinct();
        if (v.tuples() > 0 && inner.rows < v.tuples()) {
            distinct = Costs.clampRows(distinct * inner.rows / v.tuples());
        }
        return Math.min(1, Math.max(1.0e-6, 1 / distinct));
    }

    /**
     * Nested loops testing every pair: the inner side read again for each outer row, and (with
     * enable_material) kept after the first, shown as PostgreSQL's Materialize node unless the inner
     * node keeps its output anyway (a Sort, a function's rows).
     */
    private static void nestLoops(PlanNode outer, PlanNode inner, JoinType type, List<Expression> conds, double rows,
            Costs costs, List<PlanNode> out) {
        Expression all = Expressions.and(conds);
        // the executor remembers which inner rows matched only when it keeps them (RIGHT, FULL)
        boolean mustKeep = type == JoinType.RIGHT || type == JoinType.FULL;
        SemiJoinCosts semi = type.firstMatchOnly() ? SemiJoinCosts.of(costs, outer, inner, conds) : null;
        if (!mustKeep) {
            NestedLoop rerun = new NestedLoop(outer, inner, type, all, true);
            if (semi != null) {
                semi.nestLoop(rerun, all, rows, Costs.Rescan.RERUN, false);
            } else {
                costs.nestLoop(rerun, outer, inner, all, rows, Costs.Rescan.RERUN);
            }
            out.add(rerun);
        }
        boolean keepsOwn = inner instanceof Sort || inner instanceof org.tusk.sql.exec.FunctionScan;
        if (keepsOwn || costs.enableMaterial || mustKeep) {
            NestedLoop kept = new NestedLoop(outer, inner, type, all, false);
            Costs.Rescan how = keepsOwn ? Costs.Rescan.KEPT : Costs.Rescan.MATERIALIZED;
            if (semi != null) {
                semi.nestLoop(kept, all, rows, how, false);
            } else {
                costs.nestLoop(kept, outer, inner, all, rows, how);
            }
            if (!keepsOwn) {
                double[] m = costs.materialize(inner);
                kept.showMaterialize(m[0], m[1]);
            }
            out.add(kept);
        }
    }

    /**
     * {@code input} in ascending order, NULLs last, of {@code keys}: the order a merge join reads.
     * Either sorted, or, when {@code input} is a table's scan and a btree index of the table starts
     * with those columns, read whole through that index, whichever costs less.
     */
    private static PlanNode sorted(PlanNode input, List<Expression> keys, Costs costs) {
        if (input instanceof MergeJoin m && m.orderedBy(keys)) {
            return input; // a merge join's output is in its keys' order (their equivalence class's pathkeys)
        }
        List<SortKey> sortKeys = new ArrayList<>();
        for (Expression k : keys) {
            sortKeys.add(new SortKey(k, false, false));
        }
        Sort sort = new Sort(input, sortKeys);
        costs.sort(sort, input);
        PlanNode ordered = indexOrdered(input, keys, costs);
        return ordered != null && cheaper(ordered, sort) ? ordered : sort;
    }

    /**
     * A whole-index scan of {@code input}'s table returning its rows in {@code keys} order (NULLs
     * last, as an ascending btree keeps them), or null when no index starts with those columns.
     */
    private static IndexScan indexOrdered(PlanNode input, List<Expression> keys, Costs costs) {
        if (!(input instanceof SeqScan seq)) {
            return null;
        }
        org.tusk.sql.schema.Relation relation = seq.relation();
        for (org.tusk.sql.schema.IndexDef index : relation.indexes()) {
            if (!index.plain() || index.columns().size() < keys.size()) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < keys.size() && matches; i++) {
                matches = keys.get(i) instanceof Expression.Var v && v.slot() == seq.slots().getFirst()
                        && relation.columns().get(v.index()).number() == index.columns().get(i)
                        && !index.shape().keys().get(i).descending()
                        && KeyValues.orderedAsStored(relation.columns().get(v.index()).type())
                        && relation.columns().get(v.index()).rowType() == null; // stored bytes: not the rows' order
            }
            if (!matches) {
                continue;
            }
            List<org.tusk.sql.types.SqlType> keyTypes = new ArrayList<>();
            for (int attnum : index.columns()) {
                for (org.tusk.sql.schema.Column c : relation.columns()) {
                    if (c.number() == attnum) {
                        keyTypes.add(c.type());
                    }
                }
            }
            List<Expression> filter = new ArrayList<>();
            Expressions.conjuncts(seq.qual(), filter);
            filter.removeIf(java.util.Objects::isNull);
            IndexPath path = new IndexPath(index, List.of(), null, false, null, false, keyTypes, filter);
            IndexScan scan = indexScan(seq, path);
            scan.rows = seq.rows;
            costs.indexScan(scan, seq.pages, seq.tuples, seq.tuples, 0, 1);
            return scan;
        }
        return null;
    }

    /**
     * A nested loop whose inner side is an index scan keyed by the outer row (a parameterized path),
     * when the inner input is a table's scan and an index of the table matches at least one join
     * condition. The index scan's range is computed again for each outer row; the conditions it does
     * not enforce filter its rows.
     */
    private static PlanNode indexNestedLoop(PlanNode outer, PlanNode inner, JoinType type, List<Expression> conds,
            double rows, Costs costs) {
        if (conds.isEmpty() || !(inner instanceof SeqScan seq) || seq.relation().indexes().isEmpty()) {
            return null;
        }
        List<Expression> own = new ArrayList<>();
        Expressions.conjuncts(seq.qual(), own);
        own.removeIf(java.util.Objects::isNull);
        List<Expression> candidates = new ArrayList<>(own);
        candidates.addAll(conds);
        IndexPath path = IndexPaths.choose(seq.relation(), seq.slots().getFirst(), candidates);
        if (path == null) {
            return null;
        }
        double fetched = seq.tuples;
        double perLoop = seq.tuples;
        int enforced = 0;
        boolean usesOuter = false;
        for (Expression c : own) {
            double s = Selectivity.restriction(c, seq);
            perLoop *= s;
            if (!containsIdentity(path.residual(), c)) {
                fetched *= s;
                enforced++;
            }
        }
        for (Expression c : conds) {
            double s = Selectivity.join(c, outer, seq);
            perLoop *= s;
            if (!containsIdentity(path.residual(), c)) {
                fetched *= s;
                enforced++;
                usesOuter = true;
            }
        }
        if (!usesOuter) {
            return null;
        }
        IndexScan scan = indexScan(seq, path);
        scan.rows = path.uniqueMatch() ? 1 : Costs.clampRows(perLoop);
        costs.indexScan(scan, seq.pages, seq.tuples, path.uniqueMatch() ? 1 : fetched, enforced, outer.rows);
        NestedLoop loop = new NestedLoop(outer, scan, type, null, true);
        if (type.firstMatchOnly()) {
            SemiJoinCosts.of(costs, outer, scan, conds).nestLoop(loop, null, rows, Costs.Rescan.RERUN, true);
        } else {
            costs.parameterizedNestLoop(loop, outer, scan, rows);
        }
        return loop;
    }

    /**
     * Whether equality of the two sides can be decided by sorting or hashing their values: both of
     * one sortable type, or integers of any widths.
     */
    private static boolean mergeable(Expression a, Expression b) {
        if (!Ordering.sortable(a.type()) || !Ordering.sortable(b.type())) {
            return false;
        }
        return a.type() == b.type() || (a.type().isInteger() && b.type().isInteger());
    }
}
