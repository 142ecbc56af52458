package org.tusk.sql.exec;

/**
 * A WITH query computed once per execution of the statement and read by every reference to it
 * (PostgreSQL's CTE as an init plan with its tuplestore). The planner decides whether a WITH query is
 * shared this way (see plan.CommonTables): when it is referenced more than once, calls a volatile
 * function, or says {@code AS MATERIALIZED}; otherwise each reference runs its own copy of the plan.
 *
 * <p>The rows are kept in a {@link TupleStore} (work_mem of heap, the rest in a temporary file), filled
 * completely the first time a reference reads them in an execution, so that {@code random()} or
 * {@code nextval} in the query are computed once and every reference sees the same rows.
 */
public final class SharedCte {
    private final String name;
    private final PlanNode plan;
    private final int columns;
    private final boolean correlated;
    private boolean materialized;
    private boolean runsOnce;
    /** Whether the rows stay until {@link #release}, whatever execution reads them (see {@link #keepForStatement}). */
    private boolean statementLevel;
    private TupleStore rows;
    private long execution = -1;

    /**
     * @param plan the WITH query's plan, whose rows carry the query's values in their first slot
     * @param columns how many of those values are the query's columns (the rest are sort keys)
     * @param correlated whether the query reads columns of an enclosing query (a WITH inside a
     *        correlated subquery): its rows are then computed again each time its level starts. (The
     *        planner plans WITH queries without the enclosing scope yet, so none is correlated today.)
     */
    public SharedCte(String name, PlanNode plan, int columns, boolean correlated) {
        this.name = name;
        this.plan = plan;
        this.columns = columns;
        this.correlated = correlated;
    }

    public String name() {
        return name;
    }

    /** The plan EXPLAIN shows under "CTE name". */
    public PlanNode plan() {
        return plan;
    }

    public boolean materialized() {
        return materialized;
    }

    /** Set by the planner once every reference of the WITH clause is planned. */
    public void materialize(boolean on) {
        materialized = on;
    }

    /**
     * Marks a data-modifying WITH query: it runs exactly once per execution, read or not (PostgreSQL's
     * ExecPostprocessPlan runs what the main query did not read).
     */
    public void runOnce() {
        runsOnce = true;
        materialized = true;
    }

    /**
     * The rows are computed once for the statement and kept until it releases them, even when parts of it
     * read them in execution contexts of their own (the WITH queries of a statement with data-modifying
     * parts, whose INSERT, UPDATE and DELETE run their queries in the dml layer's contexts).
     */
    public void keepForStatement() {
        statementLevel = true;
    }

    /** {@link #finishExecution} for a statement that is not a query (the WITH clause of INSERT, UPDATE, DELETE). */
    public void finishStatement(ExecContext ctx) {
        finishExecution(ctx);
    }

    /** {@link #release}, for the statement that owns the rows. */
    public void releaseRows() {
        release();
    }

    /** At the end of the main query's rows: a data-modifying query not read yet runs now. */
    void finishExecution(ExecContext ctx) {
        if (runsOnce) {
            rows(ctx);
        }
    }

    /** The query's rows for this execution, computed at the first call of the execution. */
    TupleStore rows(ExecContext ctx) {
        if (rows != null && (statementLevel || execution == ctx.execution())) {
            return rows;
        }
        release();
        TupleStore store = TupleStore.forWorkMem(ctx.workMemBytes());
        try {
            plan.open(ctx);
            Object[] in;
            while ((in = plan.next()) != null) {
                Object[] values = (Object[]) in[0];
                store.append(values.length == columns ? values : java.util.Arrays.copyOf(values, columns));
            }
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        } finally {
            plan.close();
        }
        rows = store;
        execution = ctx.execution();
        return rows;
    }

    /**
     * The query level that owns this WITH query starts (again): a correlated query's rows depend on the
     * enclosing row and must be computed again, as PostgreSQL rescans a CTE whose parameters changed.
     */
    void levelStarted() {
        if (correlated) {
            release();
        }
    }

    /** Drops the computed rows (and their temporary file): the statement is over. */
    void release() {
        if (rows != null) {
            rows.close();
            rows = null;
        }
    }
}
