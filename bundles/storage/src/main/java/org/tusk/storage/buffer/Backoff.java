package org.tusk.storage.buffer;

import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a buffer header lock bit: spin briefly (the holder keeps it for a few instructions), then
 * park for growing short delays, because a holder that takes longer has probably been preempted and
 * needs the CPU we would burn (the shmem SpinLock's policy, for a bit that is not a whole word).
 */
final class Backoff {

    private static final int SPINS = 1000;
    private static final long MAX_DELAY_NANOS = 1_000_000;

    private int spins;
    private long delay = 10_000;

    void pause() {
        if (++spins < SPINS) {
            Thread.onSpinWait();
            return;
        }
        spins = 0;
        LockSupport.parkNanos(delay);
        delay = Math.min(MAX_DELAY_NANOS, delay * 2);
    }
}
