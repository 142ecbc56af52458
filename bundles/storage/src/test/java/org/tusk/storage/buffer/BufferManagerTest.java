package org.tusk.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.smgr.StorageException;
import org.tusk.storage.smgr.StorageManager;

/** The buffer manager in one process: several BufferManagers stand for several backends. */
class BufferManagerTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);
    private static final ForkNumber MAIN = ForkNumber.MAIN;

    @TempDir
    Path dir;

    private SharedMemory shm;
    private SharedBufferPool pool;
    private StorageManager smgr;

    private void open(int buffers) {
        shm = SharedMemory.create(dir.resolve("shm"), SharedMemory.HEADER_SIZE + SharedBufferPool.shmemSize(buffers));
        pool = SharedBufferPool.initialize(shm, buffers);
        smgr = new StorageManager(dir.resolve("data"), null);
        smgr.create(REL, MAIN, false);
    }

    @AfterEach
    void close() {
        if (smgr != null) {
            smgr.close();
        }
        if (shm != null) {
            shm.close();
        }
    }

    /** Extends the relation by {@code count} blocks filled with their block number's pattern, dirty. */
    private static void extendFilled(BufferManager buffers, int count) {
        for (int i = 0; i < count; i++) {
            int b = buffers.extend(REL, MAIN);
            buffers.lock(b, LWLock.Mode.EXCLUSIVE);
            Pages.fill(buffers.page(b), buffers.tag(b).block());
            buffers.markDirty(b);
            buffers.unlockRelease(b);
        }
    }

    private static void checkBlock(BufferManager buffers, int block, int seed) {
        int b = buffers.readBuffer(REL, MAIN, block);
        buffers.lock(b, LWLock.Mode.SHARED);
        try {
            assertEquals(block, buffers.tag(b).block());
            Pages.check(buffers.page(b), seed);
        } finally {
            buffers.unlockRelease(b);
        }
    }

    @Test
    void hitsAndMisses() {
        open(8);
        BufferManager one = new BufferManager(pool, smgr, Pages.NO_WAL);
        extendFilled(one, 3);
        assertEquals(3, one.extensions());
        assertEquals(3, smgr.nblocks(REL, MAIN), "extension reaches the file at once");

        checkBlock(one, 1, 1);
        assertEquals(1, one.hits());
        assertEquals(0, one.reads());
        BufferManager two = new BufferManager(pool, smgr, Pages.NO_WAL);
        checkBlock(two, 2, 2);
        assertEquals(1, two.hits(), "another backend finds the same buffer");

        int b = one.readBuffer(REL, MAIN, 0);
        one.pinAgain(b);
        assertEquals(2, one.pinCount(b));
        assertEquals(1, BufferState.refcount(one.sharedState(b)), "a backend counts once in the shared pin count");
        int again = two.readBuffer(REL, MAIN, 0);
        assertEquals(b, again);
        assertEquals(2, BufferState.refcount(one.sharedState(b)));
        one.release(b);
        one.release(b);
        two.release(b);
        assertEquals(0, BufferState.refcount(one.sharedState(b)));
        assertThrows(IllegalStateException.class, () -> one.release(b));

        assertEquals(3, one.flushAll());
        assertEquals(0, one.flushAll(), "nothing is dirty any more");
        one.dropRelationAllForks(REL);
        checkBlock(one, 1, 1);
        assertEquals(1, one.reads(), "after dropping the buffers the block comes from disk");
    }

    /**
     * A read through a ring (BufferRing) of a relation larger than the pool leaves the pool's other
     * pages in place and reads every block right (dirty ring buffers are written out before reuse);
     * the same read without a ring pushes them out.
     */
    @Test
    void aRingReadKeepsThePoolsOtherPages() {
        open(128);
        RelFileLocator hot = RelFileLocator.of(5, 16385);
        smgr.create(hot, MAIN, false);
        BufferManager one = new BufferManager(pool, smgr, Pages.NO_WAL);
        extendFilled(one, 300); // dirty: most are written out by eviction, the last ones by the ring
        for (int i = 0; i < 40; i++) {
            one.release(one.extend(hot, MAIN));
        }
        for (boolean withRing : new boolean[] {true, false}) {
            for (int pass = 0; pass < 3; pass++) { // used often: a usage count above the big read's
                for (int i = 0; i < 40; i++) {
                    one.release(one.readBuffer(hot, MAIN, i));
                }
            }
            BufferRing ring = withRing ? BufferRing.bulkRead() : null;
            for (int block = 0; block < 300; block++) {
                int b = one.readBuffer(REL, MAIN, block, ring);
                checkPinned(one, b, block);
            }
            long hits = one.hits();
            for (int i = 0; i < 40; i++) {
                one.release(one.readBuffer(hot, MAIN, i));
            }
            if (withRing) {
                assertEquals(40, one.hits() - hits, "the other relation's pages stay");
            } else {
                assertTrue(one.hits() - hits < 40, "without a ring they go: " + (one.hits() - hits));
            }
        }
    }

    private static void checkPinned(BufferManager buffers, int b, int block) {
        buffers.lock(b, LWLock.Mode.SHARED);
        try {
            assertEquals(block, buffers.tag(b).block());
            Pages.check(buffers.page(b), block);
        } finally {
            buffers.unlockRelease(b);
        }
    }

    @Test
    void evictionUnderPressureKeepsEveryPage() {
        open(8);
        BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        extendFilled(buffers, 80);
        for (int block = 0; block < 80; block++) {
            checkBlock(buffers, block, block);
        }
        // Change every page again, in reverse, then read them all back twice over.
        for (int block = 79; block >= 0; block--) {
            int b = buffers.readBuffer(REL, MAIN, block);
            buffers.lock(b, LWLock.Mode.EXCLUSIVE);
            Pages.fill(buffers.page(b), 1000 + block);
            buffers.markDirty(b);
            buffers.unlockRelease(b);
        }
        for (int round = 0; round < 2; round++) {
            for (int block = 0; block < 80; block++) {
                checkBlock(buffers, block, 1000 + block);
            }
        }
        assertTrue(buffers.reads() >= 150, "most reads had to go to disk: " + buffers.reads());
        assertTrue(buffers.writes() >= 144, "dirty victims were written: " + buffers.writes());
        buffers.flushAll();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
            for (int block = 0; block < 80; block++) {
                smgr.read(REL, MAIN, block, page);
                Pages.check(page, 1000 + block);
            }
        }
    }

    /**
     * A WAL that checks WAL-before-data itself: whenever it is asked to flush, no page on disk may carry
     * an LSN beyond what it has flushed so far. A buffer manager that wrote a page before flushing WAL up
     * to its LSN would be caught at the next flush request or at the end.
     */
    private static final class CheckingWal implements WalFlusher {
        private final StorageManager disk;
        private final List<String> violations = new ArrayList<>();
        private final Set<Long> requested = new HashSet<>();
        private long flushed;

        CheckingWal(StorageManager disk) {
            this.disk = disk;
        }

        @Override
        public synchronized void flush(long lsn) {
            checkDisk();
            requested.add(lsn);
            flushed = Math.max(flushed, lsn);
        }

        @Override
        public synchronized long flushedUpTo() {
            return flushed;
        }

        synchronized void checkDisk() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                int blocks = disk.nblocks(REL, MAIN);
                for (int block = 0; block < blocks; block++) {
                    disk.read(REL, MAIN, block, page);
                    if (PageLsn.get(page) > flushed) {
                        violations.add("block " + block + " on disk with LSN " + PageLsn.get(page)
                                + " while WAL was flushed to " + flushed);
                    }
                }
            }
        }
    }

    @Test
    void walIsFlushedUpToThePageLsnBeforeThePageIsWritten() {
        open(4);
        try (StorageManager disk = new StorageManager(dir.resolve("data"), null)) {
            CheckingWal wal = new CheckingWal(disk);
            BufferManager buffers = new BufferManager(pool, smgr, wal);
            Set<Long> lsns = new HashSet<>();
            long lsn = 1000;
            for (int i = 0; i < 12; i++) {
                int b = buffers.extend(REL, MAIN);
                buffers.lock(b, LWLock.Mode.EXCLUSIVE);
                Pages.fill(buffers.page(b), i);
                lsn += 24;
                PageLsn.set(buffers.page(b), lsn); // as if a WAL record for the change ended there
                buffers.markDirty(b);
                buffers.unlockRelease(b);
                if (i >= 4) {
                    lsns.add(lsn - 4 * 24); // the page evicted to make room was written by now
                }
            }
            assertTrue(wal.requested.containsAll(lsns), "WAL flushed for every evicted page: " + wal.requested);
            assertEquals(8, buffers.writes());
            buffers.flushAll();
            wal.checkDisk();
            assertEquals(List.of(), wal.violations);
            assertEquals(12, wal.requested.size(), "one flush request per page written");
            assertEquals(lsn, wal.flushed);
        }
    }

    @Test
    void pinnedBuffersAreNeverEvicted() {
        open(4);
        BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        extendFilled(buffers, 40);
        int held = buffers.readBuffer(REL, MAIN, 0);
        for (int round = 0; round < 3; round++) {
            for (int block = 1; block < 40; block++) {
                checkBlock(buffers, block, block);
            }
        }
        assertEquals(0, buffers.tag(held).block());
        Pages.check(buffers.page(held), 0);
        long hits = buffers.hits();
        int again = buffers.readBuffer(REL, MAIN, 0);
        assertEquals(held, again);
        assertEquals(hits + 1, buffers.hits());
        buffers.release(again);

        int one = buffers.readBuffer(REL, MAIN, 1);
        int two = buffers.readBuffer(REL, MAIN, 2);
        int three = buffers.readBuffer(REL, MAIN, 3);
        assertEquals(4, Set.of(held, one, two, three).size());
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> buffers.readBuffer(REL, MAIN, 4));
        assertEquals("no unpinned buffers available", full.getMessage());
        buffers.releaseAll();
        for (int b = 0; b < 4; b++) {
            assertEquals(0, BufferState.refcount(buffers.sharedState(b)));
            assertEquals(0, buffers.pinCount(b));
        }
        checkBlock(buffers, 4, 4);
    }

    /** A WAL whose flush blocks until the test lets it go: an I/O that stays in progress. */
    private static final class GateWal implements WalFlusher {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        volatile int calls;

        @Override
        public void flush(long lsn) {
            calls++;
            entered.countDown();
            try {
                if (!proceed.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the WAL gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long flushedUpTo() {
            return 0;
        }
    }

    @Test
    void secondWriterWaitsForTheIoInProgressAndFindsTheBufferClean() throws Exception {
        open(4);
        GateWal wal = new GateWal();
        BufferManager main = new BufferManager(pool, smgr, wal);
        int b = main.extend(REL, MAIN);
        main.lock(b, LWLock.Mode.EXCLUSIVE);
        Pages.fill(main.page(b), 42);
        PageLsn.set(main.page(b), 77);
        main.markDirty(b);
        main.unlockRelease(b);

        BufferManager first = new BufferManager(pool, smgr, wal);
        BufferManager second = new BufferManager(pool, smgr, wal);
        BufferManager reader = new BufferManager(pool, smgr, wal);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread writer1 = Thread.ofPlatform().start(() -> run(errors, () -> first.flushRelation(REL)));
        assertTrue(wal.entered.await(30, TimeUnit.SECONDS));
        assertTrue(BufferState.has(main.sharedState(b), BufferState.IO_IN_PROGRESS));

        Thread writer2 = Thread.ofPlatform().start(() -> run(errors, () -> second.flushRelation(REL)));
        // Reading the page does not wait for the write.
        Thread read = Thread.ofPlatform().start(() -> run(errors, () -> checkBlock(reader, 0, 42)));
        read.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(read.isAlive(), "a reader waited for a write in progress");
        writer2.join(200);
        assertTrue(writer2.isAlive(), "the second writer must wait while the first one's I/O is in progress");

        wal.proceed.countDown();
        writer1.join(TimeUnit.SECONDS.toMillis(30));
        writer2.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(writer1.isAlive() || writer2.isAlive());
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(1, wal.calls, "the page was written once");
        assertEquals(1, first.writes());
        assertEquals(0, second.writes(), "the waiter found it clean");
        int state = main.sharedState(b);
        assertFalse(BufferState.has(state, BufferState.DIRTY | BufferState.IO_IN_PROGRESS));
    }

    /**
     * A backend that needs a block another process is reading in sleeps on the buffer's I/O lock and
     * then uses what that process read, without reading it again. The test plays the other process by
     * hand: it holds the I/O lock with IO_IN_PROGRESS set, as a reader in another JVM would.
     */
    @Test
    void readerWaitsForAReadInProgressAndUsesItsResult() throws Exception {
        open(4);
        BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        assertThrows(StorageException.class, () -> buffers.readBuffer(REL, MAIN, 0)); // leaves an invalid buffer
        int b = -1;
        BufferDescriptors descriptors = pool.descriptors();
        for (int i = 0; i < 4; i++) {
            if (BufferState.has(descriptors.state(i), BufferState.TAG_VALID)) {
                b = i;
            }
        }
        assertTrue(b >= 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment onDisk = arena.allocate(StorageConstants.BLOCK_SIZE);
            Pages.fill(onDisk, 1);
            smgr.extend(REL, MAIN, 0, onDisk);
        }
        LWLock io = descriptors.ioLock(b);
        io.acquire(LWLock.Mode.EXCLUSIVE);
        int state = descriptors.lockHeader(b);
        descriptors.unlockHeader(b, state | BufferState.IO_IN_PROGRESS);

        BufferManager waiter = new BufferManager(pool, smgr, Pages.NO_WAL);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        int[] got = {-1};
        Thread thread = Thread.ofPlatform().start(() -> run(errors, () -> {
            got[0] = waiter.readBuffer(REL, MAIN, 0);
            Pages.check(waiter.page(got[0]), 2);
            waiter.release(got[0]);
        }));
        thread.join(200);
        assertTrue(thread.isAlive(), "the reader must wait for the I/O in progress");

        Pages.fill(pool.frame(b), 2); // "our" read's result, deliberately not what the disk holds
        state = descriptors.lockHeader(b);
        descriptors.unlockHeader(b, (state & ~(BufferState.IO_IN_PROGRESS | BufferState.IO_ERROR)) | BufferState.VALID);
        io.release();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(thread.isAlive());
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(b, got[0]);
        assertEquals(0, waiter.reads(), "it did not read the block again");
        assertEquals(1, waiter.hits());
    }

    @Test
    void truncationDropsBuffersWithoutWritingThem() {
        open(16);
        BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        extendFilled(buffers, 10);
        buffers.dropRelation(REL, MAIN, 5);
        smgr.truncate(REL, MAIN, 5);
        assertEquals(5, buffers.flushAll(), "only the blocks that remain are written");
        assertEquals(5, smgr.nblocks(REL, MAIN));
        int b = buffers.extend(REL, MAIN);
        assertEquals(5, buffers.tag(b).block());
        MemorySegment page = buffers.page(b);
        assertEquals(-1L, page.mismatch(MemorySegment.ofArray(new byte[StorageConstants.BLOCK_SIZE])),
                "the re-added block is new, not the dropped one");
        buffers.release(b);
        checkBlock(buffers, 4, 4);

        buffers.dropRelationAllForks(REL);
        smgr.unlink(REL);
        assertEquals(0, buffers.flushAll());
        StorageException gone = assertThrows(StorageException.class, () -> buffers.readBuffer(REL, MAIN, 0));
        assertEquals("58P01", gone.sqlState());
        for (int i = 0; i < 16; i++) {
            assertEquals(0, BufferState.refcount(buffers.sharedState(i)), "a failed read leaves no pin");
        }
    }

    @Test
    void failedWriteOfAVictimLeavesItDirtyAndUnpinned() {
        open(2);
        boolean[] failNext = {false};
        WalFlusher wal = new WalFlusher() {
            @Override
            public void flush(long lsn) {
                if (failNext[0]) {
                    failNext[0] = false;
                    throw new IllegalStateException("could not write to WAL");
                }
            }

            @Override
            public long flushedUpTo() {
                return 0;
            }
        };
        BufferManager buffers = new BufferManager(pool, smgr, wal);
        for (int i = 0; i < 2; i++) {
            int b = buffers.extend(REL, MAIN);
            buffers.lock(b, LWLock.Mode.EXCLUSIVE);
            Pages.fill(buffers.page(b), i);
            PageLsn.set(buffers.page(b), 100 + i);
            buffers.markDirty(b);
            buffers.unlockRelease(b);
        }
        failNext[0] = true;
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> buffers.extend(REL, MAIN));
        assertEquals("could not write to WAL", error.getMessage());
        int errors = 0;
        for (int b = 0; b < 2; b++) {
            int state = buffers.sharedState(b);
            assertEquals(0, BufferState.refcount(state), "no pin left by the failed eviction");
            assertEquals(0, buffers.pinCount(b));
            assertTrue(BufferState.has(state, BufferState.DIRTY), "the page was not written");
            if (BufferState.has(state, BufferState.IO_ERROR)) {
                errors++;
            }
        }
        assertEquals(1, errors);
        assertEquals(2, smgr.nblocks(REL, MAIN));
        int b = buffers.extend(REL, MAIN); // works now that the WAL does
        buffers.release(b);
        checkBlock(buffers, 0, 0);
        checkBlock(buffers, 1, 1);
    }

    /**
     * Dropping a relation's buffers waits for a checkpoint write in progress on one of them, so that the
     * write cannot land in the file after the truncation that follows.
     */
    @Test
    void dropWaitsForAWriteInProgress() throws Exception {
        open(4);
        GateWal wal = new GateWal();
        BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        int b = buffers.extend(REL, MAIN);
        buffers.lock(b, LWLock.Mode.EXCLUSIVE);
        Pages.fill(buffers.page(b), 3);
        PageLsn.set(buffers.page(b), 10);
        buffers.markDirty(b);
        buffers.unlockRelease(b);

        BufferManager checkpointerBuffers = new BufferManager(pool, smgr, wal);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread checkpointer = Thread.ofPlatform().start(() -> run(errors, checkpointerBuffers::flushAll));
        assertTrue(wal.entered.await(30, TimeUnit.SECONDS));
        Thread drop = Thread.ofPlatform().start(() -> run(errors, () -> buffers.dropRelation(REL, MAIN, 0)));
        drop.join(200);
        assertTrue(drop.isAlive(), "the drop must wait while the buffer is being written");
        wal.proceed.countDown();
        drop.join(TimeUnit.SECONDS.toMillis(30));
        checkpointer.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(drop.isAlive() || checkpointer.isAlive());
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(1, checkpointerBuffers.writes());
        assertFalse(BufferState.has(buffers.sharedState(b), BufferState.TAG_VALID), "the buffer was dropped");
        assertEquals(0, BufferState.refcount(buffers.sharedState(b)));
        smgr.truncate(REL, MAIN, 0);
        assertEquals(0, smgr.nblocks(REL, MAIN));
    }

    @Test
    void misuseIsRefused() {
        open(4);
        BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        int b = buffers.extend(REL, MAIN);
        assertThrows(IllegalStateException.class, () -> buffers.markDirty(b), "dirty without exclusive lock");
        buffers.lock(b, LWLock.Mode.SHARED);
        assertThrows(IllegalStateException.class, () -> buffers.markDirty(b), "dirty under a shared lock");
        assertThrows(IllegalStateException.class, () -> buffers.release(b), "unpin while locked");
        buffers.unlockRelease(b);
        assertThrows(IllegalStateException.class, () -> buffers.page(b), "page without a pin");
        assertThrows(IllegalStateException.class, () -> buffers.lock(b, LWLock.Mode.SHARED), "lock without a pin");
        StorageException beyond = assertThrows(StorageException.class, () -> buffers.readBuffer(REL, MAIN, 1));
        assertEquals("could not read block 1 in file \"base/5/16384\": read only 0 of 8192 bytes", beyond.getMessage());
        int next = buffers.extend(REL, MAIN);
        assertEquals(1, buffers.tag(next).block(), "the failed read's leftover buffer does not block extension");
        buffers.release(next);
    }

    @Test
    void concurrentExtensionHandsOutDistinctBlocks() throws Exception {
        open(8);
        int threads = 3;
        int each = 20;
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
            workers.add(Thread.ofPlatform().start(() -> run(errors, () -> {
                for (int i = 0; i < each; i++) {
                    int b = buffers.extend(REL, MAIN);
                    buffers.lock(b, LWLock.Mode.EXCLUSIVE);
                    buffers.page(b).set(ValueLayout.JAVA_INT_UNALIGNED, 8, 1 + id * 1000 + i);
                    buffers.markDirty(b);
                    buffers.unlockRelease(b);
                }
            })));
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(threads * each, smgr.nblocks(REL, MAIN));
        BufferManager check = new BufferManager(pool, smgr, Pages.NO_WAL);
        Set<Integer> stamps = new HashSet<>();
        for (int block = 0; block < threads * each; block++) {
            int b = check.readBuffer(REL, MAIN, block);
            int stamp = check.page(b).get(ValueLayout.JAVA_INT_UNALIGNED, 8);
            assertNotEquals(0, stamp, "block " + block + " was never handed out");
            stamps.add(stamp);
            check.release(b);
        }
        assertEquals(threads * each, stamps.size());
    }

    /**
     * Four backends on four threads, six buffers, 24 pages: each page holds its block number, one counter
     * per backend and their sum. Writers increment under the exclusive lock, readers check under the
     * shared lock that the page is whole and consistent; at the end every count is exact, on disk too.
     */
    @Test
    void manyBackendsReadAndWriteConcurrently() throws Exception {
        open(6);
        int pages = 24;
        int threads = 4;
        int operations = 1500;
        BufferManager setup = new BufferManager(pool, smgr, Pages.NO_WAL);
        for (int i = 0; i < pages; i++) {
            int b = setup.extend(REL, MAIN);
            setup.lock(b, LWLock.Mode.EXCLUSIVE);
            setup.page(b).set(ValueLayout.JAVA_INT_UNALIGNED, 8, i);
            setup.markDirty(b);
            setup.unlockRelease(b);
        }
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        long[] increments = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            BufferManager buffers = new BufferManager(pool, smgr, Pages.NO_WAL);
            workers.add(Thread.ofPlatform().start(() -> run(errors, () -> {
                java.util.Random random = new java.util.Random(id);
                for (int i = 0; i < operations; i++) {
                    int block = random.nextInt(pages);
                    int b = buffers.readBuffer(REL, MAIN, block);
                    MemorySegment page = buffers.page(b);
                    if (i % 3 == 0) {
                        buffers.lock(b, LWLock.Mode.SHARED);
                        checkConsistent(page, block, threads);
                    } else {
                        buffers.lock(b, LWLock.Mode.EXCLUSIVE);
                        checkConsistent(page, block, threads);
                        // Announce the writer, rewrite a 2 kB region (a window for anyone who gets in
                        // without the lock to notice), update the counters, check nobody else came in.
                        page.set(ValueLayout.JAVA_INT_UNALIGNED, WRITER, id + 1);
                        for (long offset = REGION; offset < REGION_END; offset += 4) {
                            page.set(ValueLayout.JAVA_INT_UNALIGNED, offset, id * 7 + i);
                        }
                        long offset = 16 + 8L * id;
                        page.set(ValueLayout.JAVA_LONG_UNALIGNED, offset,
                                page.get(ValueLayout.JAVA_LONG_UNALIGNED, offset) + 1);
                        page.set(ValueLayout.JAVA_LONG_UNALIGNED, 64, page.get(ValueLayout.JAVA_LONG_UNALIGNED, 64) + 1);
                        assertEquals(id + 1, page.get(ValueLayout.JAVA_INT_UNALIGNED, WRITER), "two writers at once");
                        page.set(ValueLayout.JAVA_INT_UNALIGNED, WRITER, 0);
                        buffers.markDirty(b);
                        increments[id]++;
                    }
                    buffers.unlockRelease(b);
                }
            })));
        }
        // A checkpointer and a background writer write pages while the backends change them.
        BufferManager checkpointerBuffers = new BufferManager(pool, smgr, Pages.NO_WAL);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread checkpointer = Thread.ofPlatform().start(() -> run(errors, () -> {
            do {
                checkpointerBuffers.flushAll();
                smgr.syncPending();
            } while (!done.get());
        }));
        BackgroundWriter bgwriter = new BackgroundWriter(pool, new BufferManager(pool, smgr, Pages.NO_WAL), 2, 6);
        bgwriter.start(java.time.Duration.ofMillis(1));
        try {
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(60));
            }
        } finally {
            done.set(true);
            bgwriter.stop();
            checkpointer.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertTrue(checkpointerBuffers.writes() > 0, "the checkpointer wrote pages while they changed");
        setup.flushAll();
        long[] counted = new long[threads];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
            for (int block = 0; block < pages; block++) {
                smgr.read(REL, MAIN, block, page);
                checkConsistent(page, block, threads);
                for (int t = 0; t < threads; t++) {
                    counted[t] += page.get(ValueLayout.JAVA_LONG_UNALIGNED, 16 + 8L * t);
                }
            }
        }
        assertEquals(java.util.Arrays.toString(increments), java.util.Arrays.toString(counted));
        assertEquals(1000, increments[0], "two writes in three operations");
        for (int b = 0; b < 6; b++) {
            assertEquals(0, BufferState.refcount(setup.sharedState(b)));
        }
    }

    private static final long WRITER = 72;
    private static final long REGION = 128;
    private static final long REGION_END = REGION + 2048;

    private static void checkConsistent(MemorySegment page, int block, int threads) {
        assertEquals(block, page.get(ValueLayout.JAVA_INT_UNALIGNED, 8), "page of the wrong block");
        assertEquals(0, page.get(ValueLayout.JAVA_INT_UNALIGNED, WRITER), "a writer is inside");
        int first = page.get(ValueLayout.JAVA_INT_UNALIGNED, REGION);
        for (long offset = REGION; offset < REGION_END; offset += 4) {
            if (page.get(ValueLayout.JAVA_INT_UNALIGNED, offset) != first) {
                assertEquals(first, page.get(ValueLayout.JAVA_INT_UNALIGNED, offset), "half-written region");
            }
        }
        long sum = 0;
        for (int t = 0; t < threads; t++) {
            sum += page.get(ValueLayout.JAVA_LONG_UNALIGNED, 16 + 8L * t);
        }
        assertEquals(sum, page.get(ValueLayout.JAVA_LONG_UNALIGNED, 64), "sum of block " + block);
    }

    private static void run(ConcurrentLinkedQueue<Throwable> errors, Runnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            errors.add(e);
        }
    }
}
