package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.shmem.LWLock;

/**
 * A process's view of the buffer descriptor array in shared memory: one 64-byte cache line per buffer.
 *
 * <pre>
 *  0   state (int, {@link BufferState}: pin count, usage count, flags, header lock bit)
 *  4   content lock (LWLock): the page bytes, shared to read, exclusive to change
 *  8   I/O lock (LWLock): held exclusive by the process doing I/O on the buffer; waiters queue on it
 *  12  fork (int)  16 tablespace  20 database  24 relNumber  28 block (ints): the tag
 *  32  unused up to 64
 * </pre>
 *
 * <p>The tag is written only with the header lock held and while the writer is the sole pinner, so a
 * process that holds a pin reads a stable tag.
 */
final class BufferDescriptors {

    static final long DESCRIPTOR_SIZE = 64;
    private static final long STATE = 0;
    private static final long CONTENT_LOCK = 4;
    private static final long IO_LOCK = 8;
    private static final long FORK = 12;
    private static final long TABLESPACE = 16;
    private static final long DATABASE = 20;
    private static final long REL_NUMBER = 24;
    private static final long BLOCK = 28;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final ForkNumber[] FORKS = ForkNumber.values();

    private final MemorySegment area;
    private final int count;
    private final LWLock[] contentLocks;
    private final LWLock[] ioLocks;

    BufferDescriptors(MemorySegment area, int count) {
        this.area = area;
        this.count = count;
        this.contentLocks = new LWLock[count];
        this.ioLocks = new LWLock[count];
        for (int i = 0; i < count; i++) {
            contentLocks[i] = new LWLock(area, base(i) + CONTENT_LOCK);
            ioLocks[i] = new LWLock(area, base(i) + IO_LOCK);
        }
    }

    static long size(int count) {
        return Math.multiplyExact(count, DESCRIPTOR_SIZE);
    }

    /** Formats every descriptor: no tag, no pins, locks free. */
    static void format(MemorySegment area, int count) {
        for (int i = 0; i < count; i++) {
            long base = i * DESCRIPTOR_SIZE;
            INT.setVolatile(area, base + STATE, 0);
            LWLock.init(area, base + CONTENT_LOCK);
            LWLock.init(area, base + IO_LOCK);
        }
    }

    int count() {
        return count;
    }

    int state(int buffer) {
        return (int) INT.getVolatile(area, base(buffer) + STATE);
    }

    boolean compareAndSet(int buffer, int expected, int next) {
        return INT.compareAndSet(area, base(buffer) + STATE, expected, next);
    }

    /** Takes the header lock (LockBufHdr); returns the state with LOCKED set. */
    int lockHeader(int buffer) {
        Backoff backoff = null;
        while (true) {
            int state = state(buffer);
            if ((state & BufferState.LOCKED) == 0) {
                if (compareAndSet(buffer, state, state | BufferState.LOCKED)) {
                    return state | BufferState.LOCKED;
                }
                continue;
            }
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.pause();
        }
    }

    /**
     * Stores {@code state} without LOCKED, releasing the header lock (UnlockBufHdr). A plain release
     * store suffices: nobody CASes the word while LOCKED is set.
     */
    void unlockHeader(int buffer, int state) {
        INT.setRelease(area, base(buffer) + STATE, state & ~BufferState.LOCKED);
    }

    /** The current state once the header lock is free (WaitBufHdrUnlocked). */
    int waitUnlocked(int buffer) {
        int state = state(buffer);
        Backoff backoff = null;
        while ((state & BufferState.LOCKED) != 0) {
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.pause();
            state = state(buffer);
        }
        return state;
    }

    BufferTag tag(int buffer) {
        long base = base(buffer);
        RelFileLocator rel = new RelFileLocator(area.get(ValueLayout.JAVA_INT, base + TABLESPACE),
                area.get(ValueLayout.JAVA_INT, base + DATABASE), area.get(ValueLayout.JAVA_INT, base + REL_NUMBER));
        return new BufferTag(rel, FORKS[area.get(ValueLayout.JAVA_INT, base + FORK)],
                area.get(ValueLayout.JAVA_INT, base + BLOCK));
    }

    /** Whether the tag names {@code rel}; a cheap unlocked pre-check, to be confirmed under the header lock. */
    boolean tagMatches(int buffer, RelFileLocator rel) {
        long base = base(buffer);
        return area.get(ValueLayout.JAVA_INT, base + REL_NUMBER) == rel.relNumber()
                && area.get(ValueLayout.JAVA_INT, base + DATABASE) == rel.database()
                && area.get(ValueLayout.JAVA_INT, base + TABLESPACE) == rel.tablespace();
    }

    void setTag(int buffer, BufferTag tag) {
        long base = base(buffer);
        area.set(ValueLayout.JAVA_INT, base + TABLESPACE, tag.rel().tablespace());
        area.set(ValueLayout.JAVA_INT, base + DATABASE, tag.rel().database());
        area.set(ValueLayout.JAVA_INT, base + REL_NUMBER, tag.rel().relNumber());
        area.set(ValueLayout.JAVA_INT, base + FORK, tag.fork().ordinal());
        area.set(ValueLayout.JAVA_INT, base + BLOCK, tag.block());
    }

    void clearTag(int buffer) {
        long base = base(buffer);
        area.asSlice(base + FORK, BLOCK + 4 - FORK).fill((byte) 0);
    }

    LWLock contentLock(int buffer) {
        return contentLocks[buffer];
    }

    LWLock ioLock(int buffer) {
        return ioLocks[buffer];
    }

    private static long base(int buffer) {
        return buffer * DESCRIPTOR_SIZE;
    }
}
