package org.tusk.sql.exec;

/**
 * A SubPlan EXPLAIN shows as PostgreSQL does: by its number in the expression ({@code (SubPlan n)},
 * {@code (hashed SubPlan n)}) and its plan listed as {@code SubPlan n} under the node evaluating it.
 */
public interface ExplainedSubPlan {

    /** The SubPlan's number in its statement (PostgreSQL's plan_id). */
    int number();

    /** The subquery's plan. */
    PlanNode plan();

    /** Whether the subquery's rows are kept in a hash table ("hashed SubPlan n"). */
    boolean hashed();
}
