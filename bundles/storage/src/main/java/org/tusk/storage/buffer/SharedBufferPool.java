package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The shared buffer pool as one process sees it: descriptors, page frames, mapping table and clock,
 * four named structures in the shared-memory segment. It holds no state of its own beyond views, so
 * any number of {@link BufferManager}s (one per backend) of the process share one instance.
 *
 * <p>The postmaster calls {@link #initialize} once with shared_buffers; other processes {@link #attach}.
 * {@link #shmemSize} tells the integrator how many bytes to reserve.
 */
public final class SharedBufferPool {

    static final String DESCRIPTORS = "buffer descriptors";
    static final String BLOCKS = "buffer blocks";
    static final String MAPPING = "buffer mapping table";
    static final String STRATEGY = "buffer strategy";

    private final int count;
    private final BufferDescriptors descriptors;
    private final MemorySegment blocks;
    private final BufferMappingTable mapping;
    private final ClockSweep clock;

    private SharedBufferPool(SharedMemory shm) {
        MemorySegment strategy = shm.lookup(STRATEGY);
        this.count = ClockSweep.bufferCount(strategy);
        this.descriptors = new BufferDescriptors(shm.lookup(DESCRIPTORS), count);
        this.blocks = shm.lookup(BLOCKS);
        this.mapping = new BufferMappingTable(shm.lookup(MAPPING));
        this.clock = new ClockSweep(strategy, descriptors);
    }

    /**
     * Bytes of shared memory for {@code buffers} buffers (shared_buffers in pages), including each
     * structure's alignment slack.
     */
    public static long shmemSize(int buffers) {
        checkCount(buffers);
        long size = BufferDescriptors.size(buffers);
        size = Math.addExact(size, Math.multiplyExact((long) buffers, StorageConstants.BLOCK_SIZE));
        size = Math.addExact(size, BufferMappingTable.size(buffers));
        size = Math.addExact(size, ClockSweep.size());
        return Math.addExact(size, 4L * SharedMemory.ALIGNMENT);
    }

    /** Allocates and formats the pool (postmaster, once): all buffers free, the table empty. */
    public static SharedBufferPool initialize(SharedMemory shm, int buffers) {
        checkCount(buffers);
        MemorySegment descriptors = shm.allocate(DESCRIPTORS, BufferDescriptors.size(buffers));
        BufferDescriptors.format(descriptors, buffers);
        shm.allocate(BLOCKS, (long) buffers * StorageConstants.BLOCK_SIZE);
        BufferMappingTable.format(shm.allocate(MAPPING, BufferMappingTable.size(buffers)), buffers);
        ClockSweep.format(shm.allocate(STRATEGY, ClockSweep.size()), buffers);
        return new SharedBufferPool(shm);
    }

    /** The pool the creator set up, seen from this process. */
    public static SharedBufferPool attach(SharedMemory shm) {
        return new SharedBufferPool(shm);
    }

    /** Number of buffers (shared_buffers). */
    public int bufferCount() {
        return count;
    }

    BufferDescriptors descriptors() {
        return descriptors;
    }

    BufferMappingTable mapping() {
        return mapping;
    }

    ClockSweep clock() {
        return clock;
    }

    /** The page frame of {@code buffer}: 8 kB of the shared mapping. */
    MemorySegment frame(int buffer) {
        return blocks.asSlice((long) buffer * StorageConstants.BLOCK_SIZE, StorageConstants.BLOCK_SIZE);
    }

    private static void checkCount(int buffers) {
        // PostgreSQL's GUC minimum is 16; the configuration layer enforces that, tests go lower.
        if (buffers < 1) {
            throw new IllegalArgumentException("shared_buffers must be at least 1 buffer");
        }
    }
}
