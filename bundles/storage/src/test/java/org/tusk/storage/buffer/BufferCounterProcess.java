package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestQueue;

/**
 * The child side of {@link BufferCrossProcessTest}: a backend in its own JVM. It attaches the segment,
 * opens the data directory with its own storage manager (its own file channels, its fsync requests
 * forwarded through the shared queue), and increments counters in pages of the shared test relation
 * under exclusive content locks.
 *
 * <p>Page layout: 8 block number, 16 + 8 x id this process's counter, 64 total of all processes,
 * 72 who is inside (0 = nobody), 80 last writer, 88 times the page changed process.
 *
 * <p>Usage: {@code BufferCounterProcess SEGMENT DATA_DIR INCREMENTS PAGES ID}. Exit 0 on success.
 */
public final class BufferCounterProcess {

    static final String STRUCT = "buffer counter test";
    static final long READY = 0;
    static final long GO = 4;
    static final long SIZE = 64;
    static final RelFileLocator REL = RelFileLocator.of(5, 24576);

    static final long TOTAL = 64;
    static final long INSIDE = 72;
    static final long LAST_WRITER = 80;
    static final long HANDOVERS = 88;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private BufferCounterProcess() {
    }

    public static void main(String[] args) {
        try (SharedMemory shm = SharedMemory.attach(Path.of(args[0]));
                StorageManager smgr = new StorageManager(Path.of(args[1]), SyncRequestQueue.attach(shm))) {
            int increments = Integer.parseInt(args[2]);
            int pages = Integer.parseInt(args[3]);
            int id = Integer.parseInt(args[4]);
            MemorySegment area = shm.lookup(STRUCT);
            BufferManager buffers = new BufferManager(SharedBufferPool.attach(shm), smgr, Pages.NO_WAL);
            INT.getAndAdd(area, READY, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((int) INT.getVolatile(area, GO) == 0) {
                if (System.nanoTime() > deadline) {
                    System.exit(3);
                }
                LockSupport.parkNanos(100_000);
            }
            for (int i = 0; i < increments; i++) {
                int block = (i * 7 + id) % pages;
                int b = buffers.readBuffer(REL, ForkNumber.MAIN, block);
                buffers.lock(b, LWLock.Mode.EXCLUSIVE);
                MemorySegment page = buffers.page(b);
                if (page.get(ValueLayout.JAVA_INT_UNALIGNED, 8) != block
                        || page.get(ValueLayout.JAVA_INT_UNALIGNED, INSIDE) != 0) {
                    throw new IllegalStateException("page " + block + " found in a wrong state");
                }
                page.set(ValueLayout.JAVA_INT_UNALIGNED, INSIDE, id);
                long mine = 16 + 8L * id;
                page.set(ValueLayout.JAVA_LONG_UNALIGNED, mine, page.get(ValueLayout.JAVA_LONG_UNALIGNED, mine) + 1);
                page.set(ValueLayout.JAVA_LONG_UNALIGNED, TOTAL, page.get(ValueLayout.JAVA_LONG_UNALIGNED, TOTAL) + 1);
                long last = page.get(ValueLayout.JAVA_LONG_UNALIGNED, LAST_WRITER);
                if (last != id) {
                    if (last != 0) {
                        page.set(ValueLayout.JAVA_LONG_UNALIGNED, HANDOVERS,
                                page.get(ValueLayout.JAVA_LONG_UNALIGNED, HANDOVERS) + 1);
                    }
                    page.set(ValueLayout.JAVA_LONG_UNALIGNED, LAST_WRITER, id);
                }
                page.set(ValueLayout.JAVA_INT_UNALIGNED, INSIDE, 0);
                buffers.markDirty(b);
                buffers.unlockRelease(b);
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
