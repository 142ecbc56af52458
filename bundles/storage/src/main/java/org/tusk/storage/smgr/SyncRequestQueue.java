package org.tusk.storage.smgr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The fsync request queue in shared memory (PostgreSQL's {@code CheckpointerShmem->requests}): every
 * process that writes a block of a relation appends "segment S is dirty" here, and the checkpointer
 * absorbs the entries into its own pending set and fsyncs those files before a checkpoint completes.
 * Writers never fsync themselves in the normal case, and the checkpointer learns about writes done by
 * processes it shares no Java heap with.
 *
 * <pre>
 *  0   LWLock (the queue lock, CheckpointerCommLock)
 *  4   entries in use (int)       8  capacity (int)
 *  16  requests forwarded (long)  24  compactions (long)
 *  64  capacity x 24 bytes: tablespace, database, relNumber, fork, segment (ints), pad
 * </pre>
 *
 * <p>When the queue is full the writer compacts it (removes duplicates, which are the common case: every
 * write of a segment adds one); if it is still full {@link #forward} returns false and the writer
 * fsyncs the file itself, as PostgreSQL's {@code RegisterSyncRequest} falls back to. Forwarding must happen
 * after the write and before the buffer is marked clean, so a checkpoint that finds the buffer clean is
 * sure to find the request when it absorbs the queue.
 */
public final class SyncRequestQueue {

    static final String NAME = "smgr sync requests";
    private static final long LOCK = 0;
    private static final long COUNT = 4;
    private static final long CAPACITY = 8;
    private static final long FORWARDED = 16;
    private static final long COMPACTIONS = 24;
    private static final long ENTRIES = 64;
    private static final long ENTRY_SIZE = 24;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final ForkNumber[] FORKS = ForkNumber.values();

    private final MemorySegment area;
    private final LWLock lock;
    private final int capacity;

    private SyncRequestQueue(MemorySegment area) {
        this.area = area;
        this.lock = new LWLock(area, LOCK);
        this.capacity = area.get(ValueLayout.JAVA_INT, CAPACITY);
    }

    /** Bytes needed in the segment for a queue of {@code capacity} entries (PostgreSQL uses NBuffers). */
    public static long shmemSize(int capacity) {
        return ENTRIES + Math.multiplyExact(capacity, ENTRY_SIZE);
    }

    /** Allocates and formats the queue; the postmaster does this once. */
    public static SyncRequestQueue initialize(SharedMemory shm, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sync request queue needs at least one entry");
        }
        MemorySegment area = shm.allocate(NAME, shmemSize(capacity));
        LWLock.init(area, LOCK);
        area.set(ValueLayout.JAVA_INT, COUNT, 0);
        area.set(ValueLayout.JAVA_INT, CAPACITY, capacity);
        return new SyncRequestQueue(area);
    }

    /** The queue the creator set up, seen from another process. */
    public static SyncRequestQueue attach(SharedMemory shm) {
        return new SyncRequestQueue(shm.lookup(NAME));
    }

    /**
     * Records that {@code tag} was written and must be fsynced by the next checkpoint. False if the queue
     * is full even after compaction: the caller must then fsync the file itself.
     */
    public boolean forward(SegmentTag tag) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int count = area.get(ValueLayout.JAVA_INT, COUNT);
            if (count == capacity) {
                count = compact(count);
                if (count == capacity) {
                    return false;
                }
            }
            long entry = ENTRIES + count * ENTRY_SIZE;
            area.set(ValueLayout.JAVA_INT, entry, tag.rel().tablespace());
            area.set(ValueLayout.JAVA_INT, entry + 4, tag.rel().database());
            area.set(ValueLayout.JAVA_INT, entry + 8, tag.rel().relNumber());
            area.set(ValueLayout.JAVA_INT, entry + 12, tag.fork().ordinal());
            area.set(ValueLayout.JAVA_INT, entry + 16, tag.segment());
            area.set(ValueLayout.JAVA_INT, COUNT, count + 1);
            LONG.getAndAdd(area, FORWARDED, 1L);
            return true;
        } finally {
            lock.release();
        }
    }

    /** Takes every queued request out of the queue (the checkpointer's AbsorbSyncRequests). */
    public List<SegmentTag> absorb() {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int count = area.get(ValueLayout.JAVA_INT, COUNT);
            List<SegmentTag> result = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                result.add(read(i));
            }
            area.set(ValueLayout.JAVA_INT, COUNT, 0);
            return result;
        } finally {
            lock.release();
        }
    }

    /** Entries waiting right now (diagnostics). */
    public int pending() {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            return area.get(ValueLayout.JAVA_INT, COUNT);
        } finally {
            lock.release();
        }
    }

    /** Requests forwarded since the segment was created. */
    public long forwarded() {
        return (long) LONG.getVolatile(area, FORWARDED);
    }

    /** Times a full queue was compacted. */
    public long compactions() {
        return (long) LONG.getVolatile(area, COMPACTIONS);
    }

    public int capacity() {
        return capacity;
    }

    /** Removes duplicate entries in place, keeping first occurrences in order; returns the new count. */
    private int compact(int count) {
        Set<SegmentTag> distinct = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            distinct.add(read(i));
        }
        int i = 0;
        for (SegmentTag tag : distinct) {
            long entry = ENTRIES + i * ENTRY_SIZE;
            area.set(ValueLayout.JAVA_INT, entry, tag.rel().tablespace());
            area.set(ValueLayout.JAVA_INT, entry + 4, tag.rel().database());
            area.set(ValueLayout.JAVA_INT, entry + 8, tag.rel().relNumber());
            area.set(ValueLayout.JAVA_INT, entry + 12, tag.fork().ordinal());
            area.set(ValueLayout.JAVA_INT, entry + 16, tag.segment());
            i++;
        }
        area.set(ValueLayout.JAVA_INT, COUNT, i);
        LONG.getAndAdd(area, COMPACTIONS, 1L);
        return i;
    }

    private SegmentTag read(int index) {
        long entry = ENTRIES + index * ENTRY_SIZE;
        RelFileLocator rel = new RelFileLocator(area.get(ValueLayout.JAVA_INT, entry),
                area.get(ValueLayout.JAVA_INT, entry + 4), area.get(ValueLayout.JAVA_INT, entry + 8));
        return new SegmentTag(rel, FORKS[area.get(ValueLayout.JAVA_INT, entry + 12)],
                area.get(ValueLayout.JAVA_INT, entry + 16));
    }
}
