package org.tusk.sql.exec;

import org.tusk.sql.eval.EvalContext;
import org.tusk.storage.access.StorageSession;

/**
 * What one execution of a plan uses: the session (expressions, interrupts), the backend's storage
 * (null in expression-only mode), and work_mem, beyond which sorts and hash tables would spill. Also
 * the execution's identity, so that uncorrelated subqueries computed once are computed again in the
 * next execution of the same plan.
 */
public final class ExecContext {
    private static final ThreadLocal<ExecContext> CURRENT = new ThreadLocal<>();
    private static long executions;

    private final EvalContext eval;
    private final StorageSession storage;
    private final long workMemBytes;
    private final long execution;

    public ExecContext(EvalContext eval, StorageSession storage, long workMemBytes) {
        this.eval = eval;
        this.storage = storage;
        this.workMemBytes = workMemBytes;
        synchronized (ExecContext.class) {
            this.execution = ++executions;
        }
    }

    public EvalContext eval() {
        return eval;
    }

    public StorageSession storage() {
        return storage;
    }

    public long workMemBytes() {
        return workMemBytes;
    }

    public long execution() {
        return execution;
    }

    /**
     * The execution running on this thread: subplans, evaluated from inside expressions that know
     * only the {@link EvalContext}, find their storage through it.
     */
    public static ExecContext current() {
        return CURRENT.get();
    }

    /** Makes this the current execution; returns the previous one, to be restored with {@link #restore}. */
    public ExecContext enter() {
        ExecContext previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    public static void restore(ExecContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
