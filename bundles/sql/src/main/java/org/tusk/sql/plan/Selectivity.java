package org.tusk.sql.plan;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.PlanNode;

/**
 * The fraction of rows that pass a condition, as PostgreSQL's clausesel.c and selfuncs.c estimate it.
 * The planner asks here and nowhere else, so that what ANALYZE gathered (pg_statistic: null fraction,
 * distinct count, most common values, histogram) refines every estimate at once. Without statistics
 * the answers are PostgreSQL's defaults: DEFAULT_EQ_SEL for equality, DEFAULT_INEQ_SEL for a range
 * bound, and for a join on equality one over the larger side's distinct count (200 when unknown).
 */
final class Selectivity {

    /** PostgreSQL's DEFAULT_EQ_SEL. */
    static final double DEFAULT_EQ_SEL = 0.005;
    /** PostgreSQL's DEFAULT_INEQ_SEL. */
    static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
    /** PostgreSQL's DEFAULT_NUM_DISTINCT. */
    static final double DEFAULT_NUM_DISTINCT = 200;

    private Selectivity() {
    }

    /**
     * The fraction of {@code input}'s rows for which {@code clause} (a condition that reads only
     * columns of {@code input}) is true.
     */
    static double restriction(Expression clause, PlanNode input) {
        if (clause instanceof Expression.Call call && call.routine().name().equals("=")) {
            return DEFAULT_EQ_SEL;
        }
        return DEFAULT_INEQ_SEL;
    }

    /**
     * The fraction of the cross product of {@code left} and {@code right} for which the join
     * {@code clause} is true.
     */
    static double join(Expression clause, PlanNode left, PlanNode right) {
        if (clause instanceof Expression.Call call && call.routine().name().equals("=")) {
            return 1.0 / DEFAULT_NUM_DISTINCT;
        }
        return DEFAULT_INEQ_SEL;
    }

    /** The number of distinct values {@code e} takes over {@code input}'s rows (GROUP BY, DISTINCT). */
    static double distinct(Expression e, PlanNode input) {
        return Math.min(input.rows, DEFAULT_NUM_DISTINCT);
    }
}
