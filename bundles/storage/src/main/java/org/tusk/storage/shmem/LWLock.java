package org.tusk.storage.shmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A lightweight lock (PostgreSQL's LWLock): shared or exclusive, in one 4-byte word of shared memory,
 * for critical sections that may last longer than a spinlock's (reading a page, walking a hash
 * chain) but not across a transaction. Waiters sleep on a futex on the same word.
 *
 * <pre>
 *  bit 31   30            29..25   24          23..0
 *  [ 0 ]  [ HAS_WAITERS ] [ 0 ]   [ EXCLUSIVE ] [ shared holders count ]
 * </pre>
 *
 * <p>Acquire: if the word allows the mode (no EXCLUSIVE for shared; nothing held for exclusive),
 * CAS the grant in. Otherwise spin a few rounds (about a microsecond or two) in case the holder is
 * about to leave, then set HAS_WAITERS and {@code FUTEX_WAIT} on the word with the value just seen.
 * The kernel re-checks the value before sleeping, so a release between our look and our sleep just
 * makes the wait return at once: no wake-up can be lost.
 *
 * <p>Release: clear our grant; if that leaves the lock free and HAS_WAITERS was set, clear the flag
 * in the same CAS and {@code FUTEX_WAKE} every waiter. They race again; losers set the flag again
 * and sleep again. Waking all is simple and correct; PostgreSQL instead keeps a queue of waiting
 * PGPROCs and wakes the front (all leading shared waiters, or one exclusive one), which avoids the
 * thundering herd and gives FIFO fairness. That queue needs per-backend slots in shared memory,
 * which do not exist yet. Until then a stream of shared holders can starve an exclusive waiter.
 *
 * <p>The word does not record who holds the lock: callers must release only what they hold (PostgreSQL
 * tracks held LWLocks per backend and releases them on error; that belongs to the backend's
 * resource owner, later). This object is only a view (segment, offset); every process makes its own.
 */
public final class LWLock {

    /** How a lock is requested. */
    public enum Mode {
        SHARED, EXCLUSIVE
    }

    /** Bytes the lock occupies; it must be 4-byte aligned. */
    public static final long SIZE = 4;

    static final int EXCLUSIVE = 1 << 24;
    static final int SHARED_MASK = EXCLUSIVE - 1;
    static final int HAS_WAITERS = 1 << 30;
    private static final int HELD_MASK = EXCLUSIVE | SHARED_MASK;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    /** Rounds of onSpinWait before sleeping: short, so contention costs sleep, not CPU. */
    private static final int SPINS = 100;

    private final MemorySegment segment;
    private final long offset;

    /** A view of the lock word at {@code offset}; see {@link #init} for a fresh word. */
    public LWLock(MemorySegment segment, long offset) {
        Words.checkInt(segment, offset);
        this.segment = segment;
        this.offset = offset;
    }

    /** Sets the word to "free, no waiters"; only while nobody else can be using it. */
    public static LWLock init(MemorySegment segment, long offset) {
        LWLock lock = new LWLock(segment, offset);
        INT.setVolatile(segment, offset, 0);
        return lock;
    }

    /** Acquires the lock in {@code mode}, sleeping as long as necessary. */
    public void acquire(Mode mode) {
        int spins = 0;
        while (true) {
            int state = state();
            if (grantable(state, mode)) {
                if (INT.compareAndSet(segment, offset, state, granted(state, mode))) {
                    return;
                }
                continue; // the word moved under us: look again, no need to back off
            }
            if (spins++ < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            int waiting = state | HAS_WAITERS;
            if (waiting != state && !INT.compareAndSet(segment, offset, state, waiting)) {
                continue;
            }
            Futex.await(segment, offset, waiting);
            spins = 0;
        }
    }

    /** Acquires the lock in {@code mode} if that is possible without waiting (LWLockConditionalAcquire). */
    public boolean tryAcquire(Mode mode) {
        while (true) {
            int state = state();
            if (!grantable(state, mode)) {
                return false;
            }
            if (INT.compareAndSet(segment, offset, state, granted(state, mode))) {
                return true;
            }
        }
    }

    /**
     * Releases the caller's hold. The mode is read from the word: if EXCLUSIVE is set the caller must
     * be its holder, otherwise the caller is one of the shared holders.
     */
    public void release() {
        while (true) {
            int state = state();
            int next;
            if ((state & EXCLUSIVE) != 0) {
                next = state & ~EXCLUSIVE;
            } else if ((state & SHARED_MASK) != 0) {
                next = state - 1;
            } else {
                throw new IllegalStateException("LWLock at offset " + offset + " released but not held");
            }
            boolean wake = (next & HELD_MASK) == 0 && (next & HAS_WAITERS) != 0;
            if (wake) {
                next &= ~HAS_WAITERS;
            }
            if (INT.compareAndSet(segment, offset, state, next)) {
                if (wake) {
                    Futex.wake(segment, offset, Integer.MAX_VALUE);
                }
                return;
            }
        }
    }

    /** Whether anyone holds the lock in any mode right now (diagnostics only: it may change at once). */
    public boolean isHeld() {
        return (state() & HELD_MASK) != 0;
    }

    int state() {
        return (int) INT.getVolatile(segment, offset);
    }

    private static boolean grantable(int state, Mode mode) {
        return mode == Mode.SHARED ? (state & EXCLUSIVE) == 0 : (state & HELD_MASK) == 0;
    }

    private static int granted(int state, Mode mode) {
        if (mode == Mode.EXCLUSIVE) {
            return state | EXCLUSIVE;
        }
        if ((state & SHARED_MASK) == SHARED_MASK) {
            throw new IllegalStateException("too many shared holders of one LWLock");
        }
        return state + 1;
    }
}
