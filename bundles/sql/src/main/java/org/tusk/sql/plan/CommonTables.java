package org.tusk.sql.plan;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.ast.Query;
import org.tusk.sql.dml.SharedCommand;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.CteHost;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.SharedCte;

/**
 * Which WITH queries are computed once (PostgreSQL 12+'s rule, subquery_planner's CTE handling): a
 * side-effect-free query referenced once is planned into its reference, as a subquery in FROM; one
 * referenced more than once, or calling a volatile function, or written {@code AS MATERIALIZED}, is
 * computed once per execution into a tuple store that every reference scans (a CTE Scan), so that
 * {@code WITH r AS (SELECT random() x) SELECT * FROM r a, r b} sees one value. {@code NOT MATERIALIZED}
 * asks for the former and is ignored for a volatile query, as in PostgreSQL.
 *
 * <p>References are only known once the whole query level is planned, so each reference is planned
 * as a {@link org.tusk.sql.exec.CteScan} holding its own plan and the query's {@link SharedCte}; at the
 * end of the level {@link #finish} decides, and a level with a materialized query gets a
 * {@link CteHost} on top (which EXPLAIN shows as "CTE name" sections).
 */
final class CommonTables {
    /** One WITH query of the level being planned. */
    private static final class State {
        final Query.CommonTable cte;
        SharedCte shared;
        int references;
        /** A data-modifying query's plan, made when the level starts (it runs even if not referenced). */
        Planner.Planned modifying;

        State(Query.CommonTable cte) {
            this.cte = cte;
        }
    }

    private final Map<Query.CommonTable, State> states = new IdentityHashMap<>(4);
    /** The one command of the statement, for its data-modifying WITH queries (made for the first one). */
    private SharedCommand shared;
    private final List<State> order = new ArrayList<>();

    CommonTables(List<Query.CommonTable> with) {
        for (Query.CommonTable c : with) {
            State s = new State(c);
            states.put(c, s);
            order.add(s);
        }
    }

    /** The statement's one command its data-modifying WITH queries write with. */
    SharedCommand sharedCommand() {
        if (shared == null) {
            shared = new SharedCommand();
        }
        return shared;
    }

    /** Keeps the plan of a data-modifying WITH query of this level. */
    void modifying(Query.CommonTable cte, Planner.Planned plan) {
        states.get(cte).modifying = plan;
    }

    /** The plan of a data-modifying WITH query of this level. */
    Planner.Planned modifyingPlan(Query.CommonTable cte) {
        return states.get(cte).modifying;
    }

    /** Whether {@code cte} is one of this level's WITH queries. */
    boolean owns(Query.CommonTable cte) {
        return states.containsKey(cte);
    }

    /**
     * Counts a reference to {@code cte} planned as {@code plan}; returns the query's shared state (the
     * first reference's plan is the one a materialized query runs).
     */
    SharedCte reference(Query.CommonTable cte, PlanNode plan, int columns, boolean correlated) {
        State s = states.get(cte);
        s.references++;
        if (s.shared == null) {
            s.shared = new SharedCte(cte.name(), plan, columns, correlated);
        }
        return s.shared;
    }

    /** Decides each referenced query's fate; returns the level's plan, under a CteHost if any is materialized. */
    PlanNode finish(PlanNode top) {
        List<SharedCte> materialized = decide();
        if (materialized.isEmpty()) {
            return top;
        }
        if (shared != null) {
            // the parts of one command: every reference reads the rows computed once for the statement,
            // whatever execution context its part runs in
            for (SharedCte c : materialized) {
                c.keepForStatement();
            }
        }
        return shared == null ? new CteHost(top, materialized) : new CteHost(top, materialized, statementEnd(shared));
    }

    /** Decides each referenced query's fate; returns the materialized ones, in the order of the WITH clause. */
    List<SharedCte> decide() {
        List<SharedCte> materialized = new ArrayList<>();
        for (State s : order) {
            if (s.modifying != null) {
                if (s.shared == null) {
                    s.shared = new SharedCte(s.cte.name(), s.modifying.node(), s.modifying.columns().size(), false);
                }
                s.shared.runOnce();
                materialized.add(s.shared);
                continue;
            }
            if (s.shared == null) {
                continue;
            }
            boolean volatileQuery = callsVolatile(s.shared.plan());
            boolean on = volatileQuery || s.cte.materialize() == Query.Materialize.ALWAYS
                    || s.cte.materialize() == Query.Materialize.DEFAULT && s.references > 1;
            s.shared.materialize(on);
            if (on) {
                materialized.add(s.shared);
            }
        }
        return materialized;
    }

    /**
     * What the statement does when its main query's rows end and every data-modifying WITH query has run:
     * the parts' rows become visible and their foreign key checks run ({@link SharedCommand#finish}).
     */
    private static CteHost.StatementEnd statementEnd(SharedCommand shared) {
        return new CteHost.StatementEnd() {
            @Override
            public void start() {
                shared.reset();
            }

            @Override
            public void finish(org.tusk.sql.exec.ExecContext ctx) {
                shared.finish(ctx.storage());
            }
        };
    }

    /** Whether a plan evaluates a volatile function anywhere (its nodes' expressions, subplans included). */
    static boolean callsVolatile(PlanNode n) {
        for (Expression e : n.expressions()) {
            if (callsVolatile(e)) {
                return true;
            }
        }
        for (PlanNode c : n.children()) {
            if (callsVolatile(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an expression calls a volatile function. Expressions are records; their components are
     * walked generically (expressions, lists of them, plans of subqueries), so every kind is covered.
     */
    private static boolean callsVolatile(Object o) {
        switch (o) {
            case null -> {
                return false;
            }
            case Expression.Call c when org.tusk.sql.eval.Volatility.isVolatile(c.routine().name()) -> {
                return true;
            }
            case PlanNode p -> {
                return callsVolatile(p);
            }
            case org.tusk.sql.exec.ExplainedSubPlan x -> {
                return callsVolatile(x.plan());
            }
            case List<?> list -> {
                for (Object x : list) {
                    if (callsVolatile(x)) {
                        return true;
                    }
                }
                return false;
            }
            case Record r when r instanceof Expression || r.getClass().getName().startsWith("org.tusk.sql.") -> {
                for (RecordComponent rc : r.getClass().getRecordComponents()) {
                    Object v;
                    try {
                        v = rc.getAccessor().invoke(r);
                    } catch (ReflectiveOperationException e) {
                        continue;
                    }
                    if (v instanceof Expression || v instanceof List<?> || v instanceof PlanNode
                            || v instanceof Record && v.getClass().getName().startsWith("org.tusk.sql.")) {
                        if (callsVolatile(v)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }
}
