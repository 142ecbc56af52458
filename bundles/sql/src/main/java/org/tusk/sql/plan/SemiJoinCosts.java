package org.tusk.sql.plan;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.PlanNode;

/**
 * Costs of semi and anti joins (costsize.c with its SemiAntiJoinFactors): the executor leaves an outer
 * row at its first match, so an outer row with matches reads about 2 / (matches + 1) of its partners,
 * while an outer row without one still reads all the candidates (a whole inner side for a nested
 * loop, its hash bucket for a hash join).
 */
final class SemiJoinCosts {
    private final Costs costs;
    private final PlanNode outer;
    private final PlanNode inner;
    /** The fraction of outer rows with at least one match (outer_match_frac). */
    private final double matchFrac;
    /** The matches an outer row with any has on average (match_count). */
    private final double matchCount;

    private SemiJoinCosts(Costs costs, PlanNode outer, PlanNode inner, double matchFrac, double matchCount) {
        this.costs = costs;
        this.outer = outer;
        this.inner = inner;
        this.matchFrac = matchFrac;
        this.matchCount = matchCount;
    }

    /** compute_semi_anti_join_factors: the semi join's selectivity and the inner join's over it. */
    static SemiJoinCosts of(Costs costs, PlanNode outer, PlanNode inner, List<Expression> conds) {
        double semi = SemiJoinSelectivity.of(conds, outer, inner);
        double plain = 1;
        for (Expression c : conds) {
            plain *= SemiJoinSelectivity.thrownBack(c, outer, inner) ? 1.0 : Selectivity.join(c, outer, inner);
        }
        double avgMatch = semi > 0 ? Math.max(1.0, plain * inner.rows / semi) : 1.0;
        return new SemiJoinCosts(costs, outer, inner, semi, avgMatch);
    }

    private double matchedRows() {
        return Math.rint(outer.rows * matchFrac);
    }

    private double scanFraction() {
        return 2.0 / (matchCount + 1.0);
    }

    /**
     * cost_hashjoin for SEMI/ANTI: matched outer rows compare part of their bucket; unmatched ones see an
     * average bucket and rarely a hash-code match (a twentieth of a comparison a row in it).
     */
    void hashJoin(PlanNode join, int hashClauses, double bucketRows, Expression joinQual, double rows) {
        double startup = outer.startupCost + inner.totalCost
                + (costs.cpuOperatorCost * hashClauses + costs.cpuTupleCost) * inner.rows;
        double run = outer.totalCost - outer.startupCost + costs.cpuOperatorCost * hashClauses * outer.rows;
        double innerBytes = inner.rows * (inner.width + 24 + 16);
        if (innerBytes > costs.workMem) {
            double innerPages = Math.ceil(innerBytes / 8192);
            double outerPages = Math.ceil(outer.rows * (outer.width + 24) / 8192);
            startup += costs.seqPageCost * innerPages;
            run += costs.seqPageCost * (innerPages + 2 * outerPages);
        }
        double matched = matchedRows();
        double buckets = Math.max(1024, Integer.highestOneBit((int) Math.min(1 << 30, Math.max(1, inner.rows)) * 2));
        run += costs.cpuOperatorCost * hashClauses * matched
                * Costs.clampRows(Math.max(1, bucketRows) * scanFraction()) * 0.5;
        run += costs.cpuOperatorCost * hashClauses * (outer.rows - matched)
                * Costs.clampRows(inner.rows / buckets) * 0.05;
        run += (costs.cpuTupleCost + costs.exprCost(joinQual)) * rows;
        finish(join, startup + (costs.enableHashJoin ? 0 : Costs.DISABLE_COST), run, rows);
    }

    /**
     * cost_nestloop for SEMI/ANTI. {@code indexed}: the inner side is an index scan keyed by the outer
     * row, so an unmatched outer row costs about one inner row's worth of the scan.
     */
    void nestLoop(PlanNode join, Expression joinQual, double rows, Costs.Rescan how, boolean indexed) {
        double startup = outer.startupCost + inner.startupCost;
        double innerRun = inner.totalCost - inner.startupCost;
        double innerRows = Math.max(1, inner.rows);
        double bytes = inner.rows * (inner.width + 24);
        double spillPages = bytes > costs.workMem ? Math.ceil(bytes / 8192) : 0;
        double firstRun;
        double rescanRun;
        double rescanStartup = 0;
        switch (how) {
            case MATERIALIZED -> {
                double[] m = costs.materialize(inner);
                firstRun = m[1] - m[0];
                rescanRun = costs.cpuOperatorCost * inner.rows + costs.seqPageCost * spillPages;
            }
            case KEPT -> {
                firstRun = innerRun;
                rescanRun = costs.cpuOperatorCost * inner.rows + costs.seqPageCost * spillPages;
            }
            default -> {
                firstRun = innerRun;
                rescanRun = innerRun;
                rescanStartup = inner.startupCost;
            }
        }
        double run = outer.totalCost - outer.startupCost + Math.max(0, outer.rows - 1) * rescanStartup;
        double matched = matchedRows();
        double unmatched = outer.rows - matched;
        double scanFrac = scanFraction();
        double tuples = matched * innerRows * scanFrac;
        if (indexed) {
            run += firstRun * scanFrac + Math.max(0, matched - 1) * rescanRun * scanFrac
                    + unmatched * rescanRun / innerRows;
        } else {
            tuples += unmatched * innerRows;
            run += firstRun;
            if (unmatched >= 1) {
                unmatched -= 1;
            } else {
                matched -= 1;
            }
            run += Math.max(0, matched) * rescanRun * scanFrac + Math.max(0, unmatched) * rescanRun;
        }
        run += (costs.cpuTupleCost + costs.exprCost(joinQual)) * tuples;
        finish(join, startup + (costs.enableNestLoop ? 0 : Costs.DISABLE_COST), run, rows);
    }

    private void finish(PlanNode join, double startup, double run, double rows) {
        join.startupCost = startup;
        join.totalCost = startup + run;
        join.rows = Costs.clampRows(rows);
        join.width = outer.width + inner.width;
    }
}
