package org.tusk.storage.buffer;

import java.util.Arrays;

/**
 * A buffer access strategy (PostgreSQL's BufferAccessStrategy of type BAS_BULKREAD or BAS_VACUUM):
 * a small ring of buffers that one large read of a table recycles, instead of taking a victim from
 * the whole pool for every block. Without it a scan of a table larger than the pool evicts the pages
 * it is about to read itself (every block misses, each read writing out a dirty page first), and any
 * such scan flushes the rest of the pool. With it, only the blocks not already in the pool pass
 * through the ring's 256 kB, and the pool keeps what it had.
 *
 * <p>One ring belongs to one scan of one backend (not thread-safe, nothing shared). A buffer of the
 * ring is reused only if nobody has it pinned and nobody else used it since ({@link BufferState}
 * usage at most 1: the ring's own pins raise it no further, see {@link BufferManager#readBuffer(
 * org.tusk.storage.common.RelFileLocator, org.tusk.storage.common.ForkNumber, int, BufferRing)});
 * otherwise the clock sweep gives a victim that takes its place in the ring. A dirty buffer of the
 * ring is written out like any victim, WAL first (PostgreSQL's bulk read ring rejects a dirty buffer
 * only when writing it would need a WAL flush; here the flush is simply done).
 */
public final class BufferRing {

    /** 256 kB of 8 kB pages: PostgreSQL 15's ring for bulk reads and for VACUUM. */
    static final int BULK_READ_BUFFERS = 32;

    private final int[] buffers;
    private int current = -1;

    private BufferRing(int size) {
        buffers = new int[size];
        Arrays.fill(buffers, -1);
    }

    /** A ring for a sequential scan of a large table, ANALYZE or an index build (BAS_BULKREAD). */
    public static BufferRing bulkRead() {
        return new BufferRing(BULK_READ_BUFFERS);
    }

    /** A ring for VACUUM's pass over a table (BAS_VACUUM, also 256 kB in PostgreSQL 15). */
    public static BufferRing vacuum() {
        return new BufferRing(BULK_READ_BUFFERS);
    }

    /**
     * The next victim (GetBufferFromRing, else StrategyGetBuffer): the ring's next buffer if it may
     * be reused, else one from the clock sweep, which joins the ring. Returned with its header lock
     * held and no pin, as {@link ClockSweep#victim} returns one.
     */
    int victim(ClockSweep clock, BufferDescriptors descriptors) {
        current = (current + 1) % buffers.length;
        int buffer = buffers[current];
        if (buffer >= 0) {
            int state = descriptors.lockHeader(buffer);
            if (BufferState.refcount(state) == 0 && BufferState.usage(state) <= 1) {
                return buffer;
            }
            descriptors.unlockHeader(buffer, state); // someone else uses it now: it leaves the ring
        }
        buffer = clock.victim();
        buffers[current] = buffer;
        return buffer;
    }
}
