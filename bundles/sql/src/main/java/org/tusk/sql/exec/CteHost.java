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

    public CteHost(PlanNode child, List<SharedCte> ctes) {
        super(child.slots());
        this.child = child;
        this.ctes = List.copyOf(ctes);
        rows = child.rows;
        startupCost = child.startupCost;
        totalCost = child.totalCost;
        width = child.width;
    }

    /** The materialized WITH queries of this level, in the order of the WITH clause. */
    public List<SharedCte> ctes() {
        return ctes;
    }

    @Override
    protected void start() {
        for (SharedCte c : ctes) {
            c.levelStarted();
        }
        child.open(ctx);
    }

    @Override
    protected Object[] fetch() {
        return child.next();
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
