package org.tusk.storage.shmem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child side of {@link CrossProcessLockTest}: a separate JVM that attaches the segment by path,
 * reports in, waits for the start signal, then increments the shared counter under the LWLock.
 *
 * <p>Usage: {@code CounterProcess SEGMENT_PATH INCREMENTS WRITER_ID}. Exit 0 on success.
 */
public final class CounterProcess {

    static final String STRUCT = "counter test";
    static final long LOCK = 0;
    static final long READY = 4;
    static final long GO = 8;
    static final long COUNTER = 16;
    /** Who incremented last (1 = the test, 2.. = children) and how often the lock changed process. */
    static final long LAST_WRITER = 24;
    static final long HANDOVERS = 32;
    static final long SIZE = 64;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private CounterProcess() {
    }

    public static void main(String[] args) {
        try (SharedMemory shm = SharedMemory.attach(Path.of(args[0]))) {
            MemorySegment area = shm.lookup(STRUCT);
            int increments = Integer.parseInt(args[1]);
            LWLock lock = new LWLock(area, LOCK);
            INT.getAndAdd(area, READY, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((int) INT.getVolatile(area, GO) == 0) {
                if (System.nanoTime() > deadline) {
                    System.exit(3);
                }
                LockSupport.parkNanos(100_000);
            }
            incrementUnderLock(area, lock, increments, Long.parseLong(args[2]));
        }
    }

    /** The non-atomic increment: read, add, write, correct only under the exclusive lock. */
    static void incrementUnderLock(MemorySegment area, LWLock lock, int increments, long writer) {
        for (int i = 0; i < increments; i++) {
            lock.acquire(LWLock.Mode.EXCLUSIVE);
            try {
                area.set(ValueLayout.JAVA_LONG, COUNTER, area.get(ValueLayout.JAVA_LONG, COUNTER) + 1);
                long last = area.get(ValueLayout.JAVA_LONG, LAST_WRITER);
                if (last != writer) {
                    area.set(ValueLayout.JAVA_LONG, LAST_WRITER, writer);
                    if (last != 0) {
                        area.set(ValueLayout.JAVA_LONG, HANDOVERS, area.get(ValueLayout.JAVA_LONG, HANDOVERS) + 1);
                    }
                }
            } finally {
                lock.release();
            }
        }
    }
}
