package org.tusk.sql.exec;

import java.util.List;

/**
 * The top of a query level that has materialized WITH queries: passes its child's rows through, and
 * owns the WITH queries' shared rows, released when the statement closes its plan. EXPLAIN shows it as
 * its child, with a "CTE name" section for each materialized query (PostgreSQL's init plans).
 */
public final class CteHost extends PlanNode {
    private final PlanNode child;
    private final List<SharedCte> ctes;
    /** What follows the last data-modifying WITH query of the statement; null if it has none. */
    private final StatementEnd end;
    /** Whether this execution's rows have ended (the data-modifying queries run once, not at each later call). */
    private boolean ended;

    /**
     * The end of a statement with data-modifying WITH queries, which share one command (dml.SharedCommand):
     * {@code start} when an execution starts, {@code finish} once the main query's rows have ended and
     * every data-modifying query has run (PostgreSQL's ExecPostprocessPlan, then the AFTER trigger queue).
     */
    public interface StatementEnd {
        void start();

        void finish(ExecContext ctx);
    }

    public CteHost(PlanNode child, List<SharedCte> ctes) {
        this(child, ctes, null);
    }

    public CteHost(PlanNode child, List<SharedCte> ctes, StatementEnd end) {
        super(child.slots());
        this.end = end;
        this.child = child;
        this.ctes = List.copyOf(ctes);
        rows = child.rows;
        startupCost = child.startupCost;
        totalCost = child.totalCost;
        width = child.width;
    }

    /**
     * Whether the statement has data-modifying WITH queries, whose end comes with the end of the rows: a
     * caller that needs only the first row must still read them all.
     */
    public boolean endsStatement() {
        return end != null;
    }

    /** The materialized WITH queries of this level, in the order of the WITH clause. */
    public List<SharedCte> ctes() {
        return ctes;
    }

    @Override
    protected void start() {
        ended = false;
        if (end != null) {
            end.start();
        }
        for (SharedCte c : ctes) {
            c.levelStarted();
        }
        child.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        Object[] row = child.next();
        if (row == null && !ended) {
            ended = true;
            // Last first, as ExecPostprocessPlan runs es_auxmodifytables (each part is put at its head).
            for (SharedCte c : ctes.reversed()) {
                c.finishExecution(ctx);
            }
            if (end != null) {
                end.finish(ctx);
            }
        }
        return row;
    }

    @Override
    public String label() {
        return null;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    @Override
    public void close() {
        super.close();
        for (SharedCte c : ctes) {
            c.release();
        }
    }
}
