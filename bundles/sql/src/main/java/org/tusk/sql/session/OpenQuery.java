package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.types.TypeOutput;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.StorageSession;

/**
 * A query started and read a few rows at a time (PostgreSQL's portal executor state between
 * PortalRunSelect calls): the plan's nodes stay open between FETCHes or Executes, so a cursor or a
 * suspended portal computes only the rows asked for, holds no more than its nodes hold, and its
 * side effects (nextval) and errors (a division by zero at row 1,000,000) happen at the fetch that
 * reaches them.
 *
 * <p>Between reads the session runs other statements, with their own snapshots; each read puts the
 * query's snapshot (the one of its start, held in storage) back for its duration, so the rows are
 * those the query would have returned at its start. A plan taken from the session's plan cache is
 * marked busy there until {@link #close}, so no other execution re-opens its nodes meanwhile.
 */
final class OpenQuery implements AutoCloseable {
    private final SelectExecutor.Plan plan;
    private final EvalContext ctx;
    private final StorageSession storage;
    private ExecContext exec;
    private final Object snapshot;
    private final Runnable onClose;
    private final List<Planner.Column> columns;
    private boolean open;
    private boolean closed;
    private boolean exhausted;
    private long read;

    private OpenQuery(SelectExecutor.Plan plan, EvalContext ctx, Runnable onClose) {
        this.plan = plan;
        this.ctx = ctx;
        this.storage = SelectExecutor.storage(ctx);
        this.exec = new ExecContext(ctx, storage, SelectExecutor.workMem(ctx));
        this.columns = plan.planned().columns();
        this.onClose = onClose;
        this.snapshot = storage == null ? null : held(storage);
    }

    private static Object held(StorageSession storage) {
        try {
            return storage.holdSnapshot();
        } catch (AccessException e) {
            throw StorageTransaction.toSql(e);
        }
    }

    /**
     * Starts {@code plan} in the current statement's snapshot: privileges are checked and (with
     * {@code fold}) constants folded now, as PortalStart does, so those errors come at the start; the
     * nodes open at the first read. {@code onClose} runs once when the query is closed.
     */
    static OpenQuery start(SelectExecutor.Plan plan, EvalContext ctx, boolean fold, Runnable onClose) {
        org.tusk.sql.roles.Privileges.checkSelect(ctx, plan.planned().relations());
        if (fold) {
            SelectExecutor.fold(plan, ctx);
        }
        return new OpenQuery(plan, ctx, onClose);
    }

    /** The plan being run. */
    SelectExecutor.Plan plan() {
        return plan;
    }

    /** How many rows have been read so far. */
    long read() {
        return read;
    }

    /** Whether every row has been read. */
    boolean exhausted() {
        return exhausted;
    }

    /**
     * The next row in output form (text, as SELECT sends it), or null at the end. An error leaves the
     * query unusable; its owner closes it (the transaction is aborted anyway).
     */
    byte[][] next() {
        if (exhausted) {
            return null;
        }
        ExecContext previous = exec.enter();
        Object outer = storage == null ? null : storage.swapSnapshot(snapshot);
        try {
            PlanNode node = plan.planned().node();
            if (!open) {
                open = true;
                node.open(exec);
            }
            Object[] r = node.next();
            if (r == null) {
                exhausted = true;
                return null;
            }
            read++;
            return format((Object[]) r[0]);
        } catch (AccessException e) {
            throw StorageTransaction.toSql(e);
        } finally {
            if (storage != null) {
                storage.swapSnapshot(outer);
            }
            ExecContext.restore(previous);
        }
    }

    private byte[][] format(Object[] values) {
        int width = columns.size();
        byte[][] row = new byte[width][];
        for (int i = 0; i < width; i++) {
            Object v = values[i];
            row[i] = v == null ? null
                    : TypeOutput.format(columns.get(i).type(), v, ctx).getBytes(StandardCharsets.UTF_8);
        }
        return row;
    }

    /**
     * Starts the query again from its first row, in the same snapshot (ExecutorRewind): what PostgreSQL
     * does when a WITH HOLD cursor is persisted at COMMIT, so volatile functions run again for every row.
     */
    void rewind() {
        closeNodes();
        // A new execution: uncorrelated subqueries are computed again, as after ExecReScan.
        exec = new ExecContext(ctx, storage, exec.workMemBytes());
        exhausted = false;
        read = 0;
    }

    /** Ends the execution: the nodes release what they hold, the snapshot and the plan are let go. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeNodes();
        } finally {
            exhausted = true;
            if (storage != null && snapshot != null) {
                storage.releaseSnapshot(snapshot);
            }
            if (onClose != null) {
                onClose.run();
            }
        }
    }

    /** The plan's nodes release what they hold (scans, sorts' files), in this execution's context. */
    private void closeNodes() {
        if (!open) {
            return;
        }
        open = false;
        ExecContext previous = exec.enter();
        try {
            plan.planned().node().close();
        } finally {
            ExecContext.restore(previous);
        }
    }
}
