package org.tusk.sql.dml;

import java.util.List;

import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.eval.Analyzer;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.plan.Planner;

/**
 * Subqueries in an UPDATE's or DELETE's own expressions (WHERE, SET, RETURNING: {@code DELETE FROM t
 * WHERE id IN (SELECT id FROM x)}): the query layer plans them, with the target row as their outer
 * scope, seeing the statement's WITH queries; aggregates there are PostgreSQL's 42803 "aggregate
 * functions are not allowed in WHERE" (or UPDATE, RETURNING). A statement with subqueries runs inside an
 * execution context of its own, which is where its subplans find the storage and keep the rows of
 * uncorrelated subqueries for the statement ({@link #run}).
 */
final class Sublinks {
    private final DmlEnv env;
    /** Made at the first subquery or aggregate: most statements have none, and a planner costs settings reads. */
    private Planner planner;

    Sublinks(DmlEnv env) {
        this.env = env;
    }

    private Analyzer.QueryHooks hooks(String context) {
        if (planner == null) {
            planner = env.planner();
        }
        return planner.statementHooks(context);
    }

    /** {@code analyzer}, planning subqueries for the part of the statement named {@code context}. */
    Analyzer in(Analyzer analyzer, String context) {
        return analyzer.withHooks(new Analyzer.QueryHooks() {
            @Override
            public Expression aggregate(Expr.FuncCall call, boolean distinct, List<Query.SortBy> orderBy, Expr filter,
                    Analyzer a) {
                return hooks(context).aggregate(call, distinct, orderBy, filter, a);
            }

            @Override
            public Expression subquery(Expr.SubLink link, Analyzer a) {
                return hooks(context).subquery(link, a);
            }

            @Override
            public Expression grouping(Expr.FuncCall call, Analyzer a) {
                return hooks(context).grouping(call, a);
            }

            @Override
            public Expression window(Expr.WindowCall call, Analyzer a) {
                return hooks(context).window(call, a);
            }
        });
    }

    /** Whether any subquery was planned. */
    boolean any() {
        return planner != null && planner.plannedSubqueries();
    }

    /** Runs a statement whose expressions have subqueries ({@code subqueries}) in an execution context. */
    static void run(boolean subqueries, DmlEnv env, Runnable statement) {
        if (!subqueries) {
            statement.run();
            return;
        }
        ExecContext exec = new ExecContext(env.ctx(), env.storage(), ReturnedRows.workMem(env.ctx().setting("work_mem")));
        ExecContext previous = exec.enter();
        try {
            statement.run();
        } finally {
            ExecContext.restore(previous);
        }
    }
}
