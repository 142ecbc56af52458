package org.tusk.storage.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a buffer header lock bit: spin briefly (the holder keeps it for a few instructions), then
 * park for growing short delays, because a holder that takes longer has probably been preempted and
 * needs the CPU we would burn (the shmem SpinLock's policy, for a bit that is not a whole word). After a
 * minute the holder must have died inside its critical section: like PostgreSQL, report a stuck
 * spinlock rather than hang (the postmaster then has to re-initialize shared memory).
 */
final class Backoff {

    private static final int SPINS = 1000;
    private static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String what;
    private int spins;
    private long delay = TimeUnit.MICROSECONDS.toNanos(10);
    private long firstPark;

    /** @param what what is waited for, for the error message */
    Backoff(String what) {
        this.what = what;
    }

    void pause() {
        if (++spins < SPINS) {
            Thread.onSpinWait();
            return;
        }
        spins = 0;
        long now = System.nanoTime();
        if (firstPark == 0) {
            firstPark = now;
        } else if (now - firstPark > STUCK_NANOS) {
            throw new IllegalStateException("stuck spinlock detected (" + what + ")");
        }
        LockSupport.parkNanos(delay);
        delay = Math.min(MAX_DELAY_NANOS, delay * 2);
    }
}
