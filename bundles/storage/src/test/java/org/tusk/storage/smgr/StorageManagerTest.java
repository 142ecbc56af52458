package org.tusk.storage.smgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.shmem.SharedMemory;

/** The storage manager on real files, with 4-block segments so that segment boundaries are cheap to cross. */
class StorageManagerTest {

    private static final int BLCKSZ = StorageConstants.BLOCK_SIZE;
    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @TempDir
    Path dataDir;

    private Arena arena;
    private StorageManager smgr;

    @BeforeEach
    void setUp() {
        arena = Arena.ofConfined();
        smgr = new StorageManager(dataDir, null, 4);
    }

    @AfterEach
    void tearDown() {
        smgr.close();
        arena.close();
    }

    @Test
    void createExtendReadWrite() {
        assertFalse(smgr.exists(REL, ForkNumber.MAIN));
        smgr.create(REL, ForkNumber.MAIN, false);
        assertTrue(smgr.exists(REL, ForkNumber.MAIN));
        assertTrue(Files.isRegularFile(dataDir.resolve("base/5/16384")));
        assertEquals(0, smgr.nblocks(REL, ForkNumber.MAIN));
        for (int block = 0; block < 3; block++) {
            smgr.extend(REL, ForkNumber.MAIN, block, page(block));
        }
        assertEquals(3, smgr.nblocks(REL, ForkNumber.MAIN));
        smgr.write(REL, ForkNumber.MAIN, 1, page(101));
        MemorySegment read = arena.allocate(BLCKSZ);
        smgr.read(REL, ForkNumber.MAIN, 1, read);
        assertEquals(101, stamp(read));
        smgr.read(REL, ForkNumber.MAIN, 2, read);
        assertEquals(2, stamp(read));

        StorageException duplicate = assertThrows(StorageException.class,
                () -> smgr.create(REL, ForkNumber.MAIN, false));
        assertEquals("could not create file \"base/5/16384\": File exists", duplicate.getMessage());
        assertEquals("58P02", duplicate.sqlState());
        smgr.create(REL, ForkNumber.MAIN, true); // redo tolerates it
        assertEquals(3, smgr.nblocks(REL, ForkNumber.MAIN));
    }

    @Test
    void segmentsFillAndContinue() throws IOException {
        smgr.create(REL, ForkNumber.MAIN, false);
        for (int block = 0; block < 10; block++) {
            smgr.extend(REL, ForkNumber.MAIN, block, page(block));
        }
        assertEquals(10, smgr.nblocks(REL, ForkNumber.MAIN));
        assertEquals(4L * BLCKSZ, Files.size(dataDir.resolve("base/5/16384")));
        assertEquals(4L * BLCKSZ, Files.size(dataDir.resolve("base/5/16384.1")));
        assertEquals(2L * BLCKSZ, Files.size(dataDir.resolve("base/5/16384.2")));
        assertFalse(Files.exists(dataDir.resolve("base/5/16384.3")));
        MemorySegment read = arena.allocate(BLCKSZ);
        for (int block = 0; block < 10; block++) {
            smgr.read(REL, ForkNumber.MAIN, block, read);
            assertEquals(block, stamp(read));
        }
        // A fresh storage manager (another process) sees the same through its own channels.
        try (StorageManager other = new StorageManager(dataDir, null, 4)) {
            assertEquals(10, other.nblocks(REL, ForkNumber.MAIN));
            other.read(REL, ForkNumber.MAIN, 9, read);
            assertEquals(9, stamp(read));
        }
    }

    @Test
    void truncateKeepsEmptySegmentsAndExtendsAgain() throws IOException {
        smgr.create(REL, ForkNumber.MAIN, false);
        for (int block = 0; block < 10; block++) {
            smgr.extend(REL, ForkNumber.MAIN, block, page(block));
        }
        smgr.truncate(REL, ForkNumber.MAIN, 6);
        assertEquals(6, smgr.nblocks(REL, ForkNumber.MAIN));
        assertEquals(4L * BLCKSZ, Files.size(dataDir.resolve("base/5/16384")));
        assertEquals(2L * BLCKSZ, Files.size(dataDir.resolve("base/5/16384.1")));
        assertEquals(0L, Files.size(dataDir.resolve("base/5/16384.2")), "kept, empty: others may have it open");
        MemorySegment read = arena.allocate(BLCKSZ);
        StorageException gone = assertThrows(StorageException.class,
                () -> smgr.read(REL, ForkNumber.MAIN, 6, read));
        assertEquals("could not read block 6 in file \"base/5/16384.1\": read only 0 of 8192 bytes",
                gone.getMessage());

        for (int block = 6; block < 9; block++) {
            smgr.extend(REL, ForkNumber.MAIN, block, page(1000 + block));
        }
        assertEquals(9, smgr.nblocks(REL, ForkNumber.MAIN));
        smgr.read(REL, ForkNumber.MAIN, 8, read);
        assertEquals(1008, stamp(read));
        smgr.read(REL, ForkNumber.MAIN, 5, read);
        assertEquals(5, stamp(read));

        smgr.truncate(REL, ForkNumber.MAIN, 0);
        assertEquals(0, smgr.nblocks(REL, ForkNumber.MAIN));
        assertEquals(0L, Files.size(dataDir.resolve("base/5/16384")));
        StorageException tooFar = assertThrows(StorageException.class,
                () -> smgr.truncate(REL, ForkNumber.MAIN, 1));
        assertEquals("could not truncate file \"base/5/16384\" to 1 blocks: it's only 0 blocks now",
                tooFar.getMessage());
    }

    @Test
    void unlinkRemovesEveryForkAndSegment() {
        smgr.create(REL, ForkNumber.MAIN, false);
        smgr.create(REL, ForkNumber.FREE_SPACE, false);
        for (int block = 0; block < 9; block++) {
            smgr.extend(REL, ForkNumber.MAIN, block, page(block));
        }
        smgr.truncate(REL, ForkNumber.MAIN, 3); // leaves empty .1 and .2 behind
        smgr.extend(REL, ForkNumber.FREE_SPACE, 0, page(7));
        RelFileLocator neighbour = RelFileLocator.of(5, 16385);
        smgr.create(neighbour, ForkNumber.MAIN, false);

        smgr.unlink(REL);
        assertFalse(smgr.exists(REL, ForkNumber.MAIN));
        assertFalse(smgr.exists(REL, ForkNumber.FREE_SPACE));
        assertFalse(Files.exists(dataDir.resolve("base/5/16384.1")));
        assertFalse(Files.exists(dataDir.resolve("base/5/16384.2")));
        assertTrue(smgr.exists(neighbour, ForkNumber.MAIN));
        StorageException missing = assertThrows(StorageException.class, () -> smgr.nblocks(REL, ForkNumber.MAIN));
        assertEquals("could not open file \"base/5/16384\": No such file or directory", missing.getMessage());
        assertEquals("58P01", missing.sqlState());
        assertEquals(0, smgr.syncPending(), "pending fsyncs of the dropped relation are forgotten");
    }

    @Test
    void readingPastEndIsAnErrorInPostgresWords() {
        smgr.create(REL, ForkNumber.MAIN, false);
        smgr.extend(REL, ForkNumber.MAIN, 0, page(0));
        MemorySegment read = arena.allocate(BLCKSZ);
        StorageException error = assertThrows(StorageException.class,
                () -> smgr.read(REL, ForkNumber.MAIN, 1, read));
        assertEquals("could not read block 1 in file \"base/5/16384\": read only 0 of 8192 bytes", error.getMessage());
        assertEquals("XX001", error.sqlState());

        StorageException noSegment = assertThrows(StorageException.class,
                () -> smgr.read(REL, ForkNumber.MAIN, 9, read));
        assertEquals("could not open file \"base/5/16384.2\" (target block 9): previous segment is only 0 blocks",
                noSegment.getMessage());
        StorageException noWrite = assertThrows(StorageException.class,
                () -> smgr.write(REL, ForkNumber.MAIN, 5, page(5)));
        assertEquals("could not open file \"base/5/16384.1\" (target block 5): previous segment is only 1 blocks",
                noWrite.getMessage());
    }

    @Test
    void partialTrailingBlockIsIgnoredAndOverwritten() throws IOException {
        smgr.create(REL, ForkNumber.MAIN, false);
        smgr.extend(REL, ForkNumber.MAIN, 0, page(0));
        Path file = dataDir.resolve("base/5/16384");
        // A crash in the middle of extending: 100 bytes of the second block made it to disk.
        Files.write(file, new byte[100], java.nio.file.StandardOpenOption.APPEND);
        assertEquals(BLCKSZ + 100L, Files.size(file));
        assertEquals(1, smgr.nblocks(REL, ForkNumber.MAIN));
        MemorySegment read = arena.allocate(BLCKSZ);
        StorageException error = assertThrows(StorageException.class,
                () -> smgr.read(REL, ForkNumber.MAIN, 1, read));
        assertEquals("could not read block 1 in file \"base/5/16384\": read only 100 of 8192 bytes",
                error.getMessage());
        smgr.extend(REL, ForkNumber.MAIN, smgr.nblocks(REL, ForkNumber.MAIN), page(1));
        assertEquals(2L * BLCKSZ, Files.size(file));
        smgr.read(REL, ForkNumber.MAIN, 1, read);
        assertEquals(1, stamp(read));
    }

    @Test
    void pendingFsyncsWithoutQueue() {
        smgr.create(REL, ForkNumber.MAIN, false);
        for (int block = 0; block < 6; block++) {
            smgr.extend(REL, ForkNumber.MAIN, block, page(block));
        }
        assertEquals(2, smgr.pendingSyncCount(), "segments 0 and 1");
        assertEquals(2, smgr.syncPending());
        assertEquals(0, smgr.pendingSyncCount());
        smgr.write(REL, ForkNumber.MAIN, 5, page(55));
        assertEquals(1, smgr.syncPending());
        assertEquals(0, smgr.syncPending());
    }

    @Test
    void writesAreForwardedToTheCheckpointerThroughSharedMemory() {
        try (SharedMemory shm = SharedMemory.create(dataDir.resolve("shm"), 64 * 1024)) {
            SyncRequestQueue queue = SyncRequestQueue.initialize(shm, 3);
            try (StorageManager backend = new StorageManager(dataDir, SyncRequestQueue.attach(shm), 4);
                    StorageManager checkpointer = new StorageManager(dataDir, queue, 4)) {
                backend.create(REL, ForkNumber.MAIN, false);
                for (int block = 0; block < 8; block++) {
                    backend.extend(REL, ForkNumber.MAIN, block, page(block));
                }
                // 8 writes to 2 segments in a 3-entry queue: compaction kept them all, no write was fsynced
                // by the backend itself, and nothing is pending in the backend.
                assertEquals(0, backend.pendingSyncCount());
                assertEquals(0, backend.selfSyncs());
                assertTrue(queue.compactions() > 0);
                assertEquals(8, queue.forwarded());
                assertEquals(2, checkpointer.syncPending(), "the checkpointer fsyncs both segments");
                assertEquals(0, queue.pending());

                // Four distinct segments do not fit in three entries: the fourth write fsyncs itself.
                RelFileLocator other = RelFileLocator.of(5, 16390);
                backend.create(other, ForkNumber.MAIN, false);
                for (int block = 0; block < 16; block += 4) {
                    backend.extend(other, ForkNumber.MAIN, block, page(block));
                }
                assertEquals(1, backend.selfSyncs());
                assertEquals(3, checkpointer.syncPending());
            }
        }
    }

    private MemorySegment page(int stampValue) {
        MemorySegment page = arena.allocate(BLCKSZ);
        for (int offset = 0; offset < BLCKSZ; offset += 4) {
            page.set(ValueLayout.JAVA_INT_UNALIGNED, offset, stampValue);
        }
        return page;
    }

    /** The page's stamp, after checking that every word carries it (no torn or shifted pages). */
    private static int stamp(MemorySegment page) {
        int value = page.get(ValueLayout.JAVA_INT_UNALIGNED, 0);
        for (int offset = 0; offset < BLCKSZ; offset += 4) {
            assertEquals(value, page.get(ValueLayout.JAVA_INT_UNALIGNED, offset), "word at " + offset);
        }
        return value;
    }
}
