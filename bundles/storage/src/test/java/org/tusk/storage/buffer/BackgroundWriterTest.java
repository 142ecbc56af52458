package org.tusk.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.smgr.StorageManager;

class BackgroundWriterTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);
    private static final ForkNumber MAIN = ForkNumber.MAIN;

    @TempDir
    Path dir;

    /**
     * Eight dirty buffers with usage count 1; one allocation sweeps the clock once around (every usage
     * count drops to 0) and evicts one of them. The background writer then writes the seven others that
     * are unpinned, at most three per round, and skips the one a backend pins.
     */
    @Test
    void writesUnpinnedUnusedDirtyBuffersBoundedPerRound() throws Exception {
        int count = 8;
        try (SharedMemory shm = SharedMemory.create(dir.resolve("shm"),
                SharedMemory.HEADER_SIZE + SharedBufferPool.shmemSize(count));
                StorageManager smgr = new StorageManager(dir.resolve("data"), null)) {
            SharedBufferPool pool = SharedBufferPool.initialize(shm, count);
            smgr.create(REL, MAIN, false);
            BufferManager backend = new BufferManager(pool, smgr, Pages.NO_WAL);
            BufferManager writerBuffers = new BufferManager(pool, smgr, Pages.NO_WAL);
            BackgroundWriter writer = new BackgroundWriter(pool, writerBuffers, 3, count);
            for (int i = 0; i < count; i++) {
                int b = backend.extend(REL, MAIN);
                backend.lock(b, LWLock.Mode.EXCLUSIVE);
                Pages.fill(backend.page(b), 100 + i);
                backend.markDirty(b);
                backend.unlockRelease(b);
            }
            assertEquals(0, writer.runOnce(), "every buffer was used recently");
            assertEquals(count, writer.recentAllocations());

            int extra = backend.extend(REL, MAIN); // sweeps all usage counts to 0, evicts (writes) one page
            backend.release(extra);
            assertEquals(1, backend.writes());
            int pinned = backend.readBuffer(REL, MAIN, 5);

            assertEquals(3, writer.runOnce());
            assertEquals(3, writer.runOnce());
            assertEquals(0, writer.runOnce(), "the pinned one is left alone, the rest are clean");
            assertTrue(BufferState.has(backend.sharedState(pinned), BufferState.DIRTY));
            backend.release(pinned);

            try (Arena arena = Arena.ofConfined()) {
                MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                for (int block = 0; block < count; block++) {
                    if (block != 5) {
                        smgr.read(REL, MAIN, block, page);
                        Pages.check(page, 100 + block);
                    }
                }
            }

            // The thread form, once block 5's usage count is gone (as the next clock pass would do).
            BufferDescriptors descriptors = pool.descriptors();
            int state = descriptors.lockHeader(pinned);
            descriptors.unlockHeader(pinned, state & ~BufferState.USAGE_MASK);
            writer.start(Duration.ofMillis(5));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (BufferState.has(descriptors.state(pinned), BufferState.DIRTY) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } finally {
                writer.stop();
            }
            assertEquals(7, writerBuffers.writes());
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                smgr.read(REL, MAIN, 5, page);
                Pages.check(page, 105);
            }
        }
    }
}
