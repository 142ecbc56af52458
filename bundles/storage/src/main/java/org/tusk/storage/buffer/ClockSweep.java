package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.shmem.LWLock;

/**
 * The replacement strategy's shared state (PostgreSQL's freelist.c StrategyControl) and the relation
 * extension locks, in one structure "buffer strategy":
 *
 * <pre>
 *  0   buffer count (int)
 *  8   clock hand (long): total ticks; the next victim is hand mod count. 64 bits never wrap.
 *  16  buffer allocations (long): victims handed out, for the background writer's pacing
 *  64  EXTENSION_LOCKS LWLocks, one per 64-byte line
 * </pre>
 *
 * <p>Clock sweep: the hand is a shared atomic counter, each tick is a getAndAdd, so backends sweep
 * together without a lock. A buffer under the hand with pins is skipped; an unpinned one with a usage
 * count loses one and is skipped; an unpinned one with usage 0 is the victim. Pins raise the usage
 * count (up to 5), so a buffer used often survives several passes.
 */
final class ClockSweep {

    static final int EXTENSION_LOCKS = 64;
    private static final long COUNT = 0;
    private static final long HAND = 8;
    private static final long ALLOCATIONS = 16;
    private static final long LOCKS = 64;
    private static final long LOCK_STRIDE = 64;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment area;
    private final BufferDescriptors descriptors;
    private final int count;
    private final LWLock[] extensionLocks = new LWLock[EXTENSION_LOCKS];

    ClockSweep(MemorySegment area, BufferDescriptors descriptors) {
        this.area = area;
        this.descriptors = descriptors;
        this.count = area.get(ValueLayout.JAVA_INT, COUNT);
        for (int i = 0; i < EXTENSION_LOCKS; i++) {
            extensionLocks[i] = new LWLock(area, LOCKS + i * LOCK_STRIDE);
        }
    }

    static long size() {
        return LOCKS + EXTENSION_LOCKS * LOCK_STRIDE;
    }

    static void format(MemorySegment area, int buffers) {
        area.set(ValueLayout.JAVA_INT, COUNT, buffers);
        LONG.setVolatile(area, HAND, 0L);
        LONG.setVolatile(area, ALLOCATIONS, 0L);
        for (int i = 0; i < EXTENSION_LOCKS; i++) {
            LWLock.init(area, LOCKS + i * LOCK_STRIDE);
        }
    }

    static int bufferCount(MemorySegment area) {
        return area.get(ValueLayout.JAVA_INT, COUNT);
    }

    /**
     * Finds a victim (StrategyGetBuffer): returns a buffer with refcount 0 and usage 0 whose header lock
     * the caller now holds. Fails after a full pass finding every buffer pinned.
     */
    int victim() {
        LONG.getAndAdd(area, ALLOCATIONS, 1L);
        int tries = count;
        while (true) {
            int buffer = tick();
            int state = descriptors.lockHeader(buffer);
            if (BufferState.refcount(state) == 0) {
                if (BufferState.usage(state) == 0) {
                    return buffer;
                }
                descriptors.unlockHeader(buffer, state - BufferState.USAGE_ONE);
                tries = count;
            } else {
                descriptors.unlockHeader(buffer, state);
                if (--tries == 0) {
                    throw new IllegalStateException("no unpinned buffers available");
                }
            }
        }
    }

    /** Where the hand points now (the next buffer it will look at). */
    int handPosition() {
        return (int) Long.remainderUnsigned((long) LONG.getVolatile(area, HAND), count);
    }

    /** Victims handed out since start-up (StrategySyncStart's recent_alloc, cumulated). */
    long allocations() {
        return (long) LONG.getVolatile(area, ALLOCATIONS);
    }

    /**
     * The lock that serializes extension of a relation fork (standing in for PostgreSQL's heavyweight
     * relation extension lock): one of 64, chosen by hashing, so unrelated relations may share one.
     */
    LWLock extensionLock(RelFileLocator rel, ForkNumber fork) {
        int h = new BufferTag(rel, fork, 0).hash();
        return extensionLocks[h & (EXTENSION_LOCKS - 1)];
    }

    private int tick() {
        long hand = (long) LONG.getAndAdd(area, HAND, 1L);
        return (int) Long.remainderUnsigned(hand, count);
    }
}
