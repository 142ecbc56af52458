package org.tusk.spi;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The interrupts a backend must honour at its next safe point: the equivalent of PostgreSQL's
 * QueryCancelPending and ProcDiePending flags. The launcher owns delivery: for an in-process backend
 * the postmaster sets the flags directly; a launcher that runs backends in other processes sends a
 * signal that the child turns into the same flags. A backend only reads and clears them.
 */
public final class BackendSignals {
    private static final int CANCEL = 1;
    private static final int TERMINATE = 2;
    private static final int CRASH_EXIT = 4;

    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread worker;
    private volatile Runnable terminateHook;

    /** Binds the thread running the backend, so a request can also wake it from a sleep. */
    public void bindWorker(Thread thread) {
        this.worker = thread;
    }

    public void requestCancel() {
        pending.getAndUpdate(v -> v | CANCEL);
        wake();
    }

    public void requestTerminate() {
        pending.getAndUpdate(v -> v | TERMINATE);
        wake();
        Runnable hook = terminateHook;
        if (hook != null) {
            hook.run();
        }
    }

    /**
     * Ends the session because another backend died abnormally and shared state may be corrupt
     * (PostgreSQL's SIGQUIT to its backends): the client is told so and may reconnect at once.
     */
    public void requestCrashExit() {
        pending.getAndUpdate(v -> v | CRASH_EXIT | TERMINATE);
        wake();
        Runnable hook = terminateHook;
        if (hook != null) {
            hook.run();
        }
    }

    public boolean crashExitRequested() {
        return (pending.get() & CRASH_EXIT) != 0;
    }

    /**
     * Sets what to do, besides raising the flag, when termination is requested: a backend blocked
     * reading from its client installs a hook that ends that read, so it notices at once.
     */
    public void onTerminate(Runnable hook) {
        this.terminateHook = hook;
        if (terminateRequested() && hook != null) {
            hook.run();
        }
    }

    /** True, once, if a cancel was requested since the last call. */
    public boolean consumeCancel() {
        return (pending.getAndUpdate(v -> v & ~CANCEL) & CANCEL) != 0;
    }

    public boolean terminateRequested() {
        return (pending.get() & TERMINATE) != 0;
    }

    private void wake() {
        Thread t = worker;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
    }
}
