package org.tusk.sql.exec;

import java.util.HashSet;
import java.util.Set;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.types.SqlType;

/**
 * {@code x = ANY (SELECT y ...)} for a subquery that reads no outer row, as PostgreSQL's hashed SubPlan
 * (nodeSubplan.c's ExecHashSubPlan): the subquery runs once per execution into a hash table of its
 * values, each outer row is then one probe instead of a scan of the subquery's rows. SQL's NULL rules
 * are kept with two facts remembered while loading: whether the subquery returned any row, and
 * whether one of them was NULL. A NULL tested value is NULL unless the subquery is empty (false); a
 * value found is true; a value not found is NULL if a NULL was among the rows, else false. NOT IN is
 * the negation of this. EXPLAIN lists the subquery's plan under the node that evaluates it, as
 * {@code SubPlan n}, and prints the expression as {@code (hashed SubPlan n)}.
 */
public final class HashedSubPlan implements Expression.SubPlanBody, ExplainedSubPlan {
    private final int number;
    private final PlanNode plan;
    private final Expression tested;
    private final SqlType testedType;
    private final SqlType valueType;

    private long loadedFor = -1;
    private Set<Object> values;
    private boolean anyRow;
    private boolean anyNull;

    /**
     * @param number     the SubPlan's number in its statement (plan_id)
     * @param plan       the subquery's plan; its first column is the compared value
     * @param tested     the outer row's value tested for membership
     * @param valueType  the subquery column's type
     */
    public HashedSubPlan(int number, PlanNode plan, Expression tested, SqlType valueType) {
        this.number = number;
        this.plan = plan;
        this.tested = tested;
        this.testedType = tested.type();
        this.valueType = valueType;
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
        return true;
    }

    /** The outer row's tested value: the only outer columns the SubPlan reads. */
    public Expression tested() {
        return tested;
    }

    @Override
    public Object evaluate(EvalContext ctx) {
        load();
        Object v = tested.eval(ctx);
        if (v == null) {
            return anyRow ? null : Boolean.FALSE;
        }
        if (values.contains(Ordering.hashKey(v, testedType))) {
            return Boolean.TRUE;
        }
        return anyNull ? null : Boolean.FALSE;
    }

    /** Runs the subquery into the table once per execution of the statement (or cursor). */
    private void load() {
        ExecContext ctx = ExecContext.current();
        if (ctx == null) {
            throw new IllegalStateException("subquery evaluated outside an execution");
        }
        if (values != null && loadedFor == ctx.execution()) {
            return;
        }
        Set<Object> loaded = new HashSet<>();
        boolean rows = false;
        boolean nulls = false;
        plan.open(ctx);
        try {
            for (Object[] row = plan.next(); row != null; row = plan.next()) {
                rows = true;
                Object v = ((Object[]) row[0])[0];
                if (v == null) {
                    nulls = true;
                } else {
                    loaded.add(Ordering.hashKey(v, valueType));
                }
            }
        } finally {
            plan.close();
        }
        values = loaded;
        anyRow = rows;
        anyNull = nulls;
        loadedFor = ctx.execution();
    }
}
