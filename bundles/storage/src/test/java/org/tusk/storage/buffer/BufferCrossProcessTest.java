package org.tusk.storage.buffer;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestQueue;

/**
 * Two backends in two child JVMs share the buffer pool (4 buffers for 16 pages, so pages keep moving
 * between memory and disk, written by one process and read back by the other) and increment counters
 * under exclusive content locks. Every count must be exact; the fsync requests of their writes reach
 * this process, the checkpointer, through the shared queue.
 */
class BufferCrossProcessTest {

    private static final int CHILDREN = 2;
    private static final int INCREMENTS = 4000;
    private static final int PAGES = 16;
    private static final int BUFFERS = 4;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    @TempDir
    Path dir;

    @Test
    void childProcessesIncrementExactly() throws Exception {
        Path segment = dir.resolve("shm");
        Path data = dir.resolve("data");
        long size = SharedMemory.HEADER_SIZE + SharedBufferPool.shmemSize(BUFFERS) + SyncRequestQueue.shmemSize(64)
                + BufferCounterProcess.SIZE + 4 * SharedMemory.ALIGNMENT;
        try (SharedMemory shm = SharedMemory.create(segment, size)) {
            SharedBufferPool pool = SharedBufferPool.initialize(shm, BUFFERS);
            SyncRequestQueue queue = SyncRequestQueue.initialize(shm, 64);
            MemorySegment area = shm.allocate(BufferCounterProcess.STRUCT, BufferCounterProcess.SIZE);
            try (StorageManager smgr = new StorageManager(data, queue)) {
                smgr.create(BufferCounterProcess.REL, ForkNumber.MAIN, false);
                BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
                for (int i = 0; i < PAGES; i++) {
                    int b = buffers.extend(BufferCounterProcess.REL, ForkNumber.MAIN);
                    buffers.lock(b, LWLock.Mode.EXCLUSIVE);
                    buffers.page(b).set(ValueLayout.JAVA_INT_UNALIGNED, 8, i);
                    buffers.markDirty(b);
                    buffers.unlockRelease(b);
                }
                smgr.syncPending();
                long forwardedBefore = queue.forwarded();

                runChildren(segment, data, area);

                // The checkpointer's part: write what is still dirty, then fsync everything written.
                buffers.flushAll();
                assertTrue(queue.forwarded() > forwardedBefore, "the children's writes were forwarded");
                assertTrue(queue.pending() > 0);
                assertEquals(1, smgr.syncPending(), "one segment file, fsynced by the checkpointer");
                assertEquals(0, queue.pending());

                long[] perChild = new long[CHILDREN + 1];
                long total = 0;
                long handovers = 0;
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                    for (int block = 0; block < PAGES; block++) {
                        smgr.read(BufferCounterProcess.REL, ForkNumber.MAIN, block, page);
                        assertEquals(block, page.get(ValueLayout.JAVA_INT_UNALIGNED, 8));
                        for (int id = 1; id <= CHILDREN; id++) {
                            perChild[id] += page.get(ValueLayout.JAVA_LONG_UNALIGNED, 16 + 8L * id);
                        }
                        total += page.get(ValueLayout.JAVA_LONG_UNALIGNED, BufferCounterProcess.TOTAL);
                        handovers += page.get(ValueLayout.JAVA_LONG_UNALIGNED, BufferCounterProcess.HANDOVERS);
                    }
                }
                System.out.printf("%d processes x %d increments over %d pages in %d buffers, %d handovers%n",
                        CHILDREN, INCREMENTS, PAGES, BUFFERS, handovers);
                for (int id = 1; id <= CHILDREN; id++) {
                    assertEquals(INCREMENTS, perChild[id], "child " + id);
                }
                assertEquals((long) CHILDREN * INCREMENTS, total, "no update lost between processes");
                assertTrue(handovers > 0, "the children never worked on a page in turn");
                for (int b = 0; b < BUFFERS; b++) {
                    assertEquals(0, BufferState.refcount(buffers.sharedState(b)), "no pin left behind");
                }
            }
        }
    }

    private void runChildren(Path segment, Path data, MemorySegment area) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int id = 1; id <= CHILDREN; id++) {
                Path log = dir.resolve("child" + id + ".log");
                logs.add(log);
                children.add(ChildJvm.start(BufferCounterProcess.class, log, segment.toString(), data.toString(), Integer.toString(INCREMENTS), Integer.toString(PAGES),
                        Integer.toString(id)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while ((int) INT.getVolatile(area, BufferCounterProcess.READY) < CHILDREN) {
                if (System.nanoTime() > deadline) {
                    fail("children did not attach in time" + output(logs));
                }
                Thread.sleep(5);
            }
            INT.setVolatile(area, BufferCounterProcess.GO, 1);
            for (Process child : children) {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!child.waitFor(left, TimeUnit.NANOSECONDS)) {
                    fail("child did not finish in time" + output(logs));
                }
                assertEquals(0, child.exitValue(), "child exit status" + output(logs));
            }
        } finally {
            for (Process child : children) {
                child.destroyForcibly();
            }
        }
    }

    private static String output(List<Path> logs) {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            try {
                text.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            } catch (IOException e) {
                text.append("\n(no ").append(log).append(')');
            }
        }
        return text.toString();
    }
}
