package org.tusk.storage.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.storage.access.BackendSignal;
import org.tusk.storage.lmgr.LockManager;

/**
 * This process's receiving end of {@link ProcSignals}: PostgreSQL's signal handlers (StatementCancelHandler,
 * die) for the backends that live in this process. One platform thread per attached process sleeps on
 * the segment's doorbell; when it rings it takes the pending bits of each backend registered here and
 * hands them to the backend's handler, which raises the backend's own interrupt flags (and wakes it
 * from a read of its client). A backend asleep in a heavyweight lock wait is woken by the lock
 * manager as well, as PostgreSQL's handler sets the latch the wait sleeps on.
 *
 * <p>The thread starts with the first registration and stops when the engine is released; it must be
 * stopped before the segment is unmapped, because it reads the doorbell.
 */
final class ProcSignalWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ProcSignalWatcher.class);
    /** Longest sleep between looks: a safety net, the doorbell's futex wake is what ends a sleep. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ProcSignals signals;
    private final LockManager locks;
    private final Map<Integer, Receiver> receivers = new ConcurrentHashMap<>();
    private Thread thread;
    private volatile boolean stopped;

    ProcSignalWatcher(ProcSignals signals, LockManager locks) {
        this.signals = signals;
        this.locks = locks;
    }

    /**
     * One backend's registration: its handler, and whether the watcher interrupted one of its lock
     * waits (a request the lock manager keeps if the lock was granted at the same moment, which the
     * backend clears before its next statement).
     */
    static final class Receiver {
        private final Consumer<BackendSignal> handler;
        private volatile boolean lockWaitInterrupted;

        private Receiver(Consumer<BackendSignal> handler) {
            this.handler = handler;
        }

        /** True, once, if a lock wait interrupt may still be pending. */
        boolean consumeLockWaitInterrupt() {
            if (!lockWaitInterrupted) {
                return false;
            }
            lockWaitInterrupted = false;
            return true;
        }
    }

    /** Proc {@code proc} receives the signals sent to {@code processId} through {@code handler}. */
    synchronized Receiver register(int proc, int processId, Consumer<BackendSignal> handler) {
        if (stopped) {
            throw new IllegalStateException("the storage engine is closed");
        }
        Receiver receiver = new Receiver(handler);
        receivers.put(proc, receiver);
        signals.register(proc, processId);
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("proc signal watcher").start(this::run);
        }
        return receiver;
    }

    void unregister(int proc) {
        signals.unregister(proc);
        receivers.remove(proc);
    }

    /** Stops the thread and waits for it (before the segment goes away). */
    void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = thread;
        }
        if (t != null) {
            signals.ring();
            t.join();
        }
    }

    private void run() {
        while (!stopped) {
            int seen = signals.doorbell();
            for (Map.Entry<Integer, Receiver> e : receivers.entrySet()) {
                int bits = signals.take(e.getKey());
                if (bits != 0) {
                    deliver(e.getKey(), e.getValue(), bits);
                }
            }
            if (!stopped) {
                signals.awaitDoorbell(seen, MAX_SLEEP_NANOS);
            }
        }
    }

    private void deliver(int proc, Receiver receiver, int bits) {
        try {
            if ((bits & ProcSignals.TERMINATE) != 0) {
                receiver.handler.accept(BackendSignal.TERMINATE);
            } else if ((bits & ProcSignals.CANCEL) != 0) {
                receiver.handler.accept(BackendSignal.CANCEL);
            }
            // After the flags: a lock wait that ends now finds them raised when its error is handled.
            if (locks.isWaiting(proc)) {
                receiver.lockWaitInterrupted = true;
                locks.cancelWait(proc);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not deliver a signal to proc {}", proc, e);
        }
    }
}
