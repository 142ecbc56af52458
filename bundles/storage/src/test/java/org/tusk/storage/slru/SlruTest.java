package org.tusk.storage.slru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.shmem.SharedMemory;

/** The SLRU cache: pages survive eviction and a restart, concurrent users with few buffers. */
class SlruTest {

    private static final int SLOTS = 4;

    @TempDir
    Path dir;

    private static SharedMemory segment(Path file, int slots) {
        return SharedMemory.create(file, Slru.shmemSize(slots, 0) + SharedMemory.HEADER_SIZE + 4096);
    }

    /** Writes a value derived from the page number at a few offsets of the page. */
    private static void stamp(Slru slru, long page, long value) {
        slru.lockExclusive();
        try {
            int slot = slru.readPage(page, true);
            MemorySegment buffer = slru.page(slot);
            buffer.set(ValueLayout.JAVA_LONG, 8, value);
            buffer.set(ValueLayout.JAVA_LONG, 4000, value * 3);
            buffer.set(ValueLayout.JAVA_LONG, Slru.PAGE_SIZE - 8, value * 7);
            slru.markDirty(slot);
        } finally {
            slru.unlock();
        }
    }

    private static long[] read(Slru slru, long page) {
        int slot = slru.readPageReadOnly(page);
        try {
            MemorySegment buffer = slru.page(slot);
            assertEquals(page, slru.pageNumber(slot));
            return new long[] {buffer.get(ValueLayout.JAVA_LONG, 8), buffer.get(ValueLayout.JAVA_LONG, 4000),
                buffer.get(ValueLayout.JAVA_LONG, Slru.PAGE_SIZE - 8)};
        } finally {
            slru.unlock();
        }
    }

    @Test
    void pagesSurviveEvictionAndRestart() {
        Path files = dir.resolve("pg_test");
        int pages = 100; // 25 times the cache, across 4 segment files
        try (SharedMemory shm = segment(dir.resolve("shm"), SLOTS)) {
            Slru slru = Slru.initialize(shm, "test slru", SLOTS, 0, files, false, null);
            for (long p = 0; p < pages; p++) {
                stamp(slru, p, p + 1_000);
            }
            for (long p = pages - 1; p >= 0; p--) {
                long[] values = read(slru, p);
                assertEquals(p + 1_000, values[0], "page " + p);
                assertEquals((p + 1_000) * 3, values[1]);
                assertEquals((p + 1_000) * 7, values[2]);
            }
            // Pages never written read as zeros.
            assertEquals(0, read(slru, 5_000)[0]);
            slru.flushAll();
        }
        assertTrue(Files.exists(files.resolve("000000000000000")));
        assertTrue(Files.exists(files.resolve("000000000000003")));
        // A new segment (a restart) reads everything back from the files.
        try (SharedMemory shm = segment(dir.resolve("shm"), SLOTS)) {
            Slru slru = Slru.initialize(shm, "test slru", SLOTS, 0, files, false, null);
            for (long p = 0; p < pages; p++) {
                assertEquals(p + 1_000, read(slru, p)[0], "page " + p + " after restart");
            }
            assertEquals(2, slru.truncate(64));
            assertEquals(0, read(slru, 10)[0], "truncated pages are gone");
            assertEquals(64 + 1_000, read(slru, 64)[0]);
        }
    }

    @Test
    void concurrentUsersOfFewBuffers() throws Exception {
        int threads = 6;
        int pagesPerThread = 12;
        int rounds = 40;
        try (SharedMemory shm = segment(dir.resolve("shm"), SLOTS)) {
            Slru slru = Slru.initialize(shm, "test slru", SLOTS, 0, dir.resolve("pg_test"), false, null);
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int r = 1; r <= rounds; r++) {
                            for (int i = 0; i < pagesPerThread; i++) {
                                long page = (long) i * threads + id;
                                if (r > 1) {
                                    long[] before = read(slru, page);
                                    if (before[0] != page * 1000 + r - 1 || before[2] != (page * 1000 + r - 1) * 7) {
                                        throw new AssertionError("page " + page + " round " + r + " read " + before[0]);
                                    }
                                }
                                stamp(slru, page, page * 1000 + r);
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertTrue(errors.isEmpty(), () -> "errors: " + errors);
            for (long page = 0; page < (long) threads * pagesPerThread; page++) {
                assertEquals(page * 1000 + rounds, read(slru, page)[0]);
            }
        }
    }
}
