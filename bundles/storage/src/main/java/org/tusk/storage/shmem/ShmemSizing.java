package org.tusk.storage.shmem;

/**
 * How large the segment must be, from the settings that size its structures (PostgreSQL's
 * {@code CalculateShmemSize}). The postmaster computes it once, before creating the segment; the
 * segment cannot grow afterwards, because every process maps it at start-up.
 *
 * <p>Only the inputs known today are here, with the per-item sizes the structures are expected to
 * have; each subsystem will contribute its exact figure when it exists. Arithmetic is checked
 * ({@code add_size}/{@code mul_size}): an absurd setting must fail at start-up, not wrap.
 *
 * @param sharedBuffers   {@code shared_buffers}, in pages of {@link #BLOCK_SIZE} bytes
 * @param maxConnections  {@code max_connections}
 */
public record ShmemSizing(int sharedBuffers, int maxConnections) {

    /** PostgreSQL's BLCKSZ. */
    public static final int BLOCK_SIZE = 8192;
    /** A buffer descriptor (tag, state word, content lock, ...), padded to a cache line. */
    static final long BUFFER_DESCRIPTOR_SIZE = 64;
    /** A backend's slot (PostgreSQL's PGPROC: identity, wait state, lock queue links). */
    static final long BACKEND_SLOT_SIZE = 1024;
    /** Auxiliary processes that also need a slot (checkpointer, WAL writer, autovacuum, ...). */
    static final int AUXILIARY_PROCESSES = 8;
    /** Room for small fixed structures and the lock tables until they compute their own size. */
    static final long FIXED_OVERHEAD = 1L << 20;
    private static final long PAGE = 4096;

    public ShmemSizing {
        if (sharedBuffers < 16) {
            throw new IllegalArgumentException("shared_buffers must be at least 16 pages, not " + sharedBuffers);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be at least 1, not " + maxConnections);
        }
    }

    /** Total bytes of the segment, header included, rounded up to a whole page. */
    public long segmentSize() {
        long size = SharedMemory.HEADER_SIZE;
        size = Math.addExact(size, Math.multiplyExact((long) sharedBuffers, BLOCK_SIZE));
        size = Math.addExact(size, Math.multiplyExact((long) sharedBuffers, BUFFER_DESCRIPTOR_SIZE));
        long slots = Math.addExact((long) maxConnections, AUXILIARY_PROCESSES);
        size = Math.addExact(size, Math.multiplyExact(slots, BACKEND_SLOT_SIZE));
        size = Math.addExact(size, FIXED_OVERHEAD);
        return Math.addExact(size, PAGE - 1) / PAGE * PAGE;
    }
}
