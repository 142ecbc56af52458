package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.plan.Planner;

/**
 * The other relations of UPDATE ... FROM and DELETE ... USING, joined to one target row at a time.
 * The query layer plans their join under the WHERE clause with the target's columns as parameters
 * ({@link Planner#planJoinedToTarget}); for each target row the join runs and its first row is kept in
 * the other relations' slots, so a target row joined to several rows is changed once, with one of them,
 * as PostgreSQL does. SET, the re-check and RETURNING then read those slots.
 */
final class JoinedRows {
    /** work_mem for the join (PostgreSQL's default; the setting is not read here yet). */
    private static final long WORK_MEM = 4L * 1024 * 1024;

    final Planner.Joined joined;
    private final Expression all;

    private JoinedRows(Planner.Joined joined) {
        this.joined = joined;
        List<Expression> c = joined.conditions();
        this.all = c.isEmpty() ? null : c.size() == 1 ? c.getFirst() : new Expression.BoolOp(true, c);
    }

    /** Plans the join of {@code from} to the target under {@code where}. */
    static JoinedRows plan(TargetTable target, List<Query.FromItem> from, Expr where, DmlEnv env) {
        List<String> names = new ArrayList<>();
        List<Expression> vars = new ArrayList<>();
        for (int i = 0; i < target.width(); i++) {
            names.add(target.columnName(i));
            vars.add(target.column(i));
        }
        List<Query.FromItem> items = List.copyOf(from);
        Planner planner = env.planner();
        return new JoinedRows(planner.planJoinedToTarget(target.refName,
                target.aliased ? null : target.named.schema(), target.aliased ? target.named.name() : null,
                names, vars, items, where));
    }

    /** The conjuncts of WHERE that read only the target (and constants or parameters), ANDed; or null. */
    Expression targetOnly() {
        List<Expression> c = joined.targetOnly();
        return c.isEmpty() ? null : c.size() == 1 ? c.getFirst() : new Expression.BoolOp(true, c);
    }

    /**
     * Runs the join for the target row now in the target's slot; true when it produced a row, which is
     * then in the other relations' slots.
     */
    boolean match(DmlEnv env) {
        ExecContext exec = new ExecContext(env.ctx(), env.storage(), WORK_MEM);
        ExecContext previous = exec.enter();
        PlanNode node = joined.node();
        try {
            node.open(exec);
            return node.next() != null;
        } finally {
            node.close();
            ExecContext.restore(previous);
        }
    }

    /** Whether the whole WHERE clause holds for the target row in its slot and the joined row kept. */
    boolean recheck(EvalContext ctx) {
        return all == null || Boolean.TRUE.equals(all.eval(ctx));
    }

    /** Whether the other relations are still what the plan was made for. */
    boolean revalidate(DmlEnv env) {
        for (Planner.RelationUse use : joined.relations()) {
            if (!use.relation().equals(env.catalog().lookup(use.schema(), use.name()))) {
                return false;
            }
        }
        return true;
    }
}
