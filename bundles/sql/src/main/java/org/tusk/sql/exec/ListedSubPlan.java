package org.tusk.sql.exec;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;

/**
 * A correlated subquery's SubPlan (run again for each outer row) with what EXPLAIN needs to print it as
 * {@code (SubPlan n)} and list its plan; the evaluation is the planner's {@code body}.
 */
public final class ListedSubPlan implements Expression.SubPlanBody, ExplainedSubPlan {
    private final int number;
    private final PlanNode plan;
    private final Expression.SubPlanBody body;

    public ListedSubPlan(int number, PlanNode plan, Expression.SubPlanBody body) {
        this.number = number;
        this.plan = plan;
        this.body = body;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public PlanNode plan() {
        return plan;
    }

    @Override
    public boolean hashed() {
        return false;
    }

    @Override
    public Object evaluate(EvalContext ctx) {
        return body.evaluate(ctx);
    }
}
