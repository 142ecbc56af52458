package org.tusk.storage.shmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A spinlock in a 4-byte word of shared memory: 0 free, 1 held (PostgreSQL's {@code slock_t}).
 *
 * <p>For critical sections of a few instructions that never block, call out, or take another lock
 * (a buffer header, a free-list head, the allocator's cursor). Acquiring is a compare-and-set;
 * on failure the caller spins on a plain read ({@link Thread#onSpinWait}, a PAUSE) for a bounded number
 * of rounds, because the holder usually lets go within nanoseconds and a syscall would cost more
 * than the wait. Past that the holder has most likely been preempted, and spinning on would burn the
 * very CPU it needs to finish (this machine has two), so the caller parks for a randomized, growing
 * delay (10 us to 1 ms), as PostgreSQL's {@code s_lock} sleeps. Release is one store, with no wake-up
 * to do: that is the reason not to use a futex here. A lock held for a minute means a holder died
 * inside its critical section; like PostgreSQL we report a stuck spinlock instead of hanging.
 *
 * <p>This object is only a view (segment, offset); the lock's state lives entirely in the word, so every
 * process creates its own view of the same lock.
 */
public final class SpinLock {

    /** Bytes the lock occupies; it must be 4-byte aligned. */
    public static final long SIZE = 4;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int SPINS = 1000;
    private static final long MIN_DELAY_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    private static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final MemorySegment segment;
    private final long offset;

    /** A view of the lock word at {@code offset}; see {@link #init} for a fresh word. */
    public SpinLock(MemorySegment segment, long offset) {
        Words.checkInt(segment, offset);
        this.segment = segment;
        this.offset = offset;
    }

    /** Sets the word to "free"; only while nobody else can be using it (segment creation). */
    public static SpinLock init(MemorySegment segment, long offset) {
        SpinLock lock = new SpinLock(segment, offset);
        INT.setVolatile(segment, offset, 0);
        return lock;
    }

    /** One attempt; true if the lock is now held by the caller. */
    public boolean tryLock() {
        return INT.compareAndSet(segment, offset, 0, 1);
    }

    public void lock() {
        if (tryLock()) {
            return;
        }
        int spins = 0;
        long delay = MIN_DELAY_NANOS;
        long firstDelay = 0;
        while (true) {
            // Test before test-and-set: polling a read keeps the cache line shared until it frees.
            if ((int) INT.getOpaque(segment, offset) == 0 && tryLock()) {
                return;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            spins = 0;
            long now = System.nanoTime();
            if (firstDelay == 0) {
                firstDelay = now;
            } else if (now - firstDelay > STUCK_NANOS) {
                throw new IllegalStateException("stuck spinlock at offset " + offset);
            }
            LockSupport.parkNanos(delay);
            // Grow by a random 0-100 % so that waiters woken together do not collide again together.
            delay = Math.min(MAX_DELAY_NANOS, delay + (long) (delay * ThreadLocalRandom.current().nextDouble()));
        }
    }

    public void unlock() {
        INT.setRelease(segment, offset, 0);
    }

    /** Whether someone holds the lock right now (for assertions and diagnostics only). */
    public boolean isLocked() {
        return (int) INT.getVolatile(segment, offset) != 0;
    }
}
