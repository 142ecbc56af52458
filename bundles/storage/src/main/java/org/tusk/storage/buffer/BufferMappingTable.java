package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SpinLock;

/**
 * The shared buffer mapping table: buffer tag to buffer id, a chained hash table in shared memory
 * (PostgreSQL's buf_table.c over a partitioned dynahash).
 *
 * <p>The buckets are split into {@link #PARTITIONS} partitions by the low bits of the tag's hash, each
 * under its own LWLock, so lookups of different blocks rarely touch the same lock. A partition lock in
 * SHARED mode allows {@link #lookup}; {@link #insert} and {@link #delete} need it EXCLUSIVE. Chain
 * entries come from one fixed pool with a free list under a spinlock (taken only inside a partition
 * lock, for a few instructions). The pool has one entry per buffer plus one per partition: a buffer
 * being replaced briefly has two entries (new tag inserted before the old one is removed), and each
 * replacement in flight holds its new tag's partition lock exclusively.
 *
 * <pre>
 *  0    bucket count (int)    4  entry count (int)    8  free-list spinlock (int)   12  free-list head (int)
 *  64   PARTITIONS LWLocks, one per 64-byte line (no false sharing between partitions)
 *  then bucket heads (int each: entry index + 1, 0 = empty chain)
 *  then entries, 32 bytes: tablespace, database, relNumber, fork, block, buffer, next (index + 1), pad
 * </pre>
 */
final class BufferMappingTable {

    /** PostgreSQL's NUM_BUFFER_PARTITIONS. A power of two. */
    static final int PARTITIONS = 128;

    private static final long BUCKET_COUNT = 0;
    private static final long ENTRY_COUNT = 4;
    private static final long FREE_LOCK = 8;
    private static final long FREE_HEAD = 12;
    private static final long LOCKS = 64;
    private static final long LOCK_STRIDE = 64;
    private static final long BUCKETS = LOCKS + PARTITIONS * LOCK_STRIDE;
    private static final long ENTRY_SIZE = 32;
    private static final long E_TABLESPACE = 0;
    private static final long E_DATABASE = 4;
    private static final long E_REL = 8;
    private static final long E_FORK = 12;
    private static final long E_BLOCK = 16;
    private static final long E_BUFFER = 20;
    private static final long E_NEXT = 24;

    private final MemorySegment area;
    private final int bucketMask;
    private final long entries;
    private final LWLock[] partitionLocks = new LWLock[PARTITIONS];
    private final SpinLock freeLock;

    BufferMappingTable(MemorySegment area) {
        this.area = area;
        int buckets = area.get(ValueLayout.JAVA_INT, BUCKET_COUNT);
        this.bucketMask = buckets - 1;
        this.entries = entriesOffset(buckets);
        for (int i = 0; i < PARTITIONS; i++) {
            partitionLocks[i] = new LWLock(area, LOCKS + i * LOCK_STRIDE);
        }
        this.freeLock = new SpinLock(area, FREE_LOCK);
    }

    static long size(int buffers) {
        int buckets = bucketCount(buffers);
        return Math.addExact(entriesOffset(buckets), Math.multiplyExact((long) entryCount(buffers), ENTRY_SIZE));
    }

    /** Formats a zeroed area: empty buckets, every entry on the free list. */
    static void format(MemorySegment area, int buffers) {
        int buckets = bucketCount(buffers);
        int count = entryCount(buffers);
        area.set(ValueLayout.JAVA_INT, BUCKET_COUNT, buckets);
        area.set(ValueLayout.JAVA_INT, ENTRY_COUNT, count);
        SpinLock.init(area, FREE_LOCK);
        for (int i = 0; i < PARTITIONS; i++) {
            LWLock.init(area, LOCKS + i * LOCK_STRIDE);
        }
        area.asSlice(BUCKETS, buckets * 4L).fill((byte) 0);
        long base = entriesOffset(buckets);
        for (int i = 0; i < count; i++) {
            area.set(ValueLayout.JAVA_INT, base + i * ENTRY_SIZE + E_NEXT, i + 1 < count ? i + 2 : 0);
        }
        area.set(ValueLayout.JAVA_INT, FREE_HEAD, 1);
    }

    /** The lock of the partition that holds {@code hash}'s entries (BufMappingPartitionLock). */
    LWLock partitionLock(int hash) {
        return partitionLocks[partition(hash)];
    }

    static int partition(int hash) {
        return hash & (PARTITIONS - 1);
    }

    /** The buffer holding {@code tag}, or -1; the caller holds the partition lock in either mode. */
    int lookup(int hash, BufferTag tag) {
        int link = area.get(ValueLayout.JAVA_INT, bucket(hash));
        while (link != 0) {
            long entry = entries + (link - 1) * ENTRY_SIZE;
            if (matches(entry, tag)) {
                return area.get(ValueLayout.JAVA_INT, entry + E_BUFFER);
            }
            link = area.get(ValueLayout.JAVA_INT, entry + E_NEXT);
        }
        return -1;
    }

    /**
     * Maps {@code tag} to {@code buffer} unless it is mapped already, in which case the existing buffer
     * is returned and nothing changes; -1 after a successful insert. Partition lock held EXCLUSIVE.
     */
    int insert(int hash, BufferTag tag, int buffer) {
        int existing = lookup(hash, tag);
        if (existing >= 0) {
            return existing;
        }
        int link = allocateEntry();
        long entry = entries + (link - 1) * ENTRY_SIZE;
        area.set(ValueLayout.JAVA_INT, entry + E_TABLESPACE, tag.rel().tablespace());
        area.set(ValueLayout.JAVA_INT, entry + E_DATABASE, tag.rel().database());
        area.set(ValueLayout.JAVA_INT, entry + E_REL, tag.rel().relNumber());
        area.set(ValueLayout.JAVA_INT, entry + E_FORK, tag.fork().ordinal());
        area.set(ValueLayout.JAVA_INT, entry + E_BLOCK, tag.block());
        area.set(ValueLayout.JAVA_INT, entry + E_BUFFER, buffer);
        long head = bucket(hash);
        area.set(ValueLayout.JAVA_INT, entry + E_NEXT, area.get(ValueLayout.JAVA_INT, head));
        area.set(ValueLayout.JAVA_INT, head, link);
        return -1;
    }

    /** Removes {@code tag}'s entry, which must map to {@code buffer}. Partition lock held EXCLUSIVE. */
    void delete(int hash, BufferTag tag, int buffer) {
        long previousNext = bucket(hash);
        int link = area.get(ValueLayout.JAVA_INT, previousNext);
        while (link != 0) {
            long entry = entries + (link - 1) * ENTRY_SIZE;
            if (matches(entry, tag)) {
                if (area.get(ValueLayout.JAVA_INT, entry + E_BUFFER) != buffer) {
                    throw new IllegalStateException("buffer mapping for " + tag + " points to buffer "
                            + area.get(ValueLayout.JAVA_INT, entry + E_BUFFER) + ", not " + buffer);
                }
                area.set(ValueLayout.JAVA_INT, previousNext, area.get(ValueLayout.JAVA_INT, entry + E_NEXT));
                freeEntry(link);
                return;
            }
            previousNext = entry + E_NEXT;
            link = area.get(ValueLayout.JAVA_INT, previousNext);
        }
        throw new IllegalStateException("shared buffer hash table corrupted: no entry for " + tag);
    }

    private boolean matches(long entry, BufferTag tag) {
        return area.get(ValueLayout.JAVA_INT, entry + E_BLOCK) == tag.block()
                && area.get(ValueLayout.JAVA_INT, entry + E_REL) == tag.rel().relNumber()
                && area.get(ValueLayout.JAVA_INT, entry + E_DATABASE) == tag.rel().database()
                && area.get(ValueLayout.JAVA_INT, entry + E_TABLESPACE) == tag.rel().tablespace()
                && area.get(ValueLayout.JAVA_INT, entry + E_FORK) == tag.fork().ordinal();
    }

    private int allocateEntry() {
        freeLock.lock();
        try {
            int link = area.get(ValueLayout.JAVA_INT, FREE_HEAD);
            if (link == 0) {
                throw new IllegalStateException("out of shared memory: buffer mapping table full");
            }
            area.set(ValueLayout.JAVA_INT, FREE_HEAD,
                    area.get(ValueLayout.JAVA_INT, entries + (link - 1) * ENTRY_SIZE + E_NEXT));
            return link;
        } finally {
            freeLock.unlock();
        }
    }

    private void freeEntry(int link) {
        freeLock.lock();
        try {
            area.set(ValueLayout.JAVA_INT, entries + (link - 1) * ENTRY_SIZE + E_NEXT,
                    area.get(ValueLayout.JAVA_INT, FREE_HEAD));
            area.set(ValueLayout.JAVA_INT, FREE_HEAD, link);
        } finally {
            freeLock.unlock();
        }
    }

    private long bucket(int hash) {
        return BUCKETS + (hash & bucketMask) * 4L;
    }

    private static int bucketCount(int buffers) {
        int wanted = Math.max(PARTITIONS, entryCount(buffers));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    private static int entryCount(int buffers) {
        return Math.addExact(buffers, PARTITIONS);
    }

    private static long entriesOffset(int buckets) {
        return (BUCKETS + buckets * 4L + 63) & -64L;
    }
}
