package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.tusk.sql.exec.IndexScan;
import org.tusk.sql.exec.MergeJoin;
import org.tusk.sql.exec.NestedLoop;
import org.tusk.sql.exec.PlanNode;

/**
 * The choice among the ways to compute one join (pathnode.c's add_path, then set_cheapest's cheapest
 * total): PostgreSQL does not simply keep the lowest total cost. Each new path is compared with those
 * kept so far with a fuzz of 1%: a path whose total cost is within 1% of another's and whose startup
 * cost is more than 1% higher is dominated and thrown away, unless its sort order is better. Only then
 * is the cheapest total cost taken among the survivors. So a nested loop that starts at once can beat
 * a hash join that costs a fraction of a percent less in total but must build its table first.
 *
 * <p>Startup cost alone never keeps a path that is clearly dearer in total (consider_startup is false:
 * this planner does not plan for a fraction of the rows). Sort orders (pathkeys) are approximated:
 * a merge join is ordered by its outer keys, a nested loop by its outer side's order, an index scan by
 * its index, a hash join and everything else not at all; two different orders never dominate each
 * other. The candidates must come in PostgreSQL's order for each direction (merge joins, nested
 * loops, hash joins), since a tie keeps the path added first.
 */
final class AddPath {

    private static final double STD_FUZZ_FACTOR = 1.01;
    private static final double TIE_FUZZ_FACTOR = 1.0000000001;

    private enum Cmp {
        EQUAL, BETTER1, BETTER2, DIFFERENT
    }

    private AddPath() {
    }

    /** The path PostgreSQL would end up with among {@code candidates} (all of one join, same rows). */
    static PlanNode cheapest(List<PlanNode> candidates) {
        List<PlanNode> kept = new ArrayList<>();
        for (PlanNode p : candidates) {
            if (accept(p, kept)) {
                kept.add(p);
            }
        }
        PlanNode best = kept.getFirst();
        for (PlanNode c : kept) {
            if (JoinPlanner.cheaper(c, best)) {
                best = c;
            }
        }
        return best;
    }

    /** add_path's loop: removes the kept paths {@code p} dominates; false if one of them dominates it. */
    private static boolean accept(PlanNode p, List<PlanNode> kept) {
        for (Iterator<PlanNode> it = kept.iterator(); it.hasNext();) {
            PlanNode old = it.next();
            Cmp keys = compareOrders(order(p), order(old));
            if (keys == Cmp.DIFFERENT) {
                continue;
            }
            switch (compareCosts(p, old, STD_FUZZ_FACTOR)) {
                case EQUAL -> {
                    if (keys == Cmp.BETTER1) {
                        it.remove();
                    } else if (keys == Cmp.BETTER2) {
                        return false;
                    } else if (p.rows < old.rows) {
                        it.remove();
                    } else if (p.rows > old.rows) {
                        return false;
                    } else if (compareCosts(p, old, TIE_FUZZ_FACTOR) == Cmp.BETTER1) {
                        it.remove();
                    } else {
                        return false;
                    }
                }
                case BETTER1 -> {
                    if (keys != Cmp.BETTER2 && p.rows <= old.rows) {
                        it.remove();
                    }
                }
                case BETTER2 -> {
                    if (keys != Cmp.BETTER1 && p.rows >= old.rows) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** compare_path_costs_fuzzily without consider_startup: total cost first, startup only on a tie. */
    private static Cmp compareCosts(PlanNode a, PlanNode b, double fuzz) {
        if (a.totalCost > b.totalCost * fuzz) {
            return Cmp.BETTER2;
        }
        if (b.totalCost > a.totalCost * fuzz) {
            return Cmp.BETTER1;
        }
        if (a.startupCost > b.startupCost * fuzz) {
            return Cmp.BETTER2;
        }
        if (b.startupCost > a.startupCost * fuzz) {
            return Cmp.BETTER1;
        }
        return Cmp.EQUAL;
    }

    /** compare_pathkeys, coarsely: no order is worse than any; two orders are equal or different. */
    private static Cmp compareOrders(Object a, Object b) {
        if (a == null && b == null) {
            return Cmp.EQUAL;
        }
        if (a == null) {
            return Cmp.BETTER2;
        }
        if (b == null) {
            return Cmp.BETTER1;
        }
        return Objects.equals(a, b) ? Cmp.EQUAL : Cmp.DIFFERENT;
    }

    /** What a path's rows are ordered by (see the class comment), null for no order. */
    private static Object order(PlanNode p) {
        return switch (p) {
            case MergeJoin m -> m.outerKeys();
            case NestedLoop n -> order(n.children().getFirst());
            case IndexScan i -> i.path().index();
            default -> null;
        };
    }
}
