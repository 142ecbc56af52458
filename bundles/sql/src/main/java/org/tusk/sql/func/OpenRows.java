package org.tusk.sql.func;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.plan.Planner;
import org.tusk.storage.access.StorageSession;

/**
 * A query a function reads row by row while it runs other statements between rows: PL/pgSQL's FOR over a
 * query, which PostgreSQL reads through a portal. The plan's nodes stay open between rows, so a loop over
 * a huge table holds no more than its nodes hold (no result list on the heap). Each read puts back the
 * snapshot of the query's start (held in storage), so rows the loop's body inserts or updates meanwhile
 * are not read again, as PostgreSQL's portal keeps its snapshot.
 */
public final class OpenRows implements AutoCloseable {
    private final PlanNode node;
    private final ExecContext exec;
    private final StorageSession storage;
    private final Object snapshot;
    private boolean open;
    private boolean closed;

    /** Starts {@code planned} in the current snapshot; nothing is read until {@link #next}. */
    public OpenRows(Planner.Planned planned, EvalContext ctx) {
        this.node = planned.node();
        this.storage = ctx.db() == null ? null : ctx.db().storage();
        this.exec = new ExecContext(ctx, storage, Spi.WORK_MEM);
        this.snapshot = storage == null ? null : storage.holdSnapshot();
    }

    /** The next row's values, or null after the last. */
    public Object[] next() {
        ExecContext previous = exec.enter();
        Object outer = storage == null ? null : storage.swapSnapshot(snapshot);
        try {
            if (!open) {
                open = true;
                node.open(exec);
            }
            Object[] r = node.next();
            return r == null ? null : (Object[]) r[0];
        } finally {
            if (storage != null) {
                storage.swapSnapshot(outer);
            }
            ExecContext.restore(previous);
        }
    }

    /** Closes the nodes (what they hold is released) and lets the snapshot go. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (open) {
                ExecContext previous = exec.enter();
                try {
                    node.close();
                } finally {
                    ExecContext.restore(previous);
                }
            }
        } finally {
            if (storage != null && snapshot != null) {
                storage.releaseSnapshot(snapshot);
            }
        }
    }
}
