package org.tusk.storage.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.SyncMethod;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalAddressing;
import org.tusk.storage.wal.WalReader;
import org.tusk.storage.wal.WalRecordBuilder;
import org.tusk.storage.wal.WalSettings;
import org.tusk.storage.wal.WalTestCluster;

/** Crash recovery: where the log ends, what is replayed, idempotence, torn pages. */
class RecoveryTest {

    private static final RelFileLocator REL = RelFileLocator.of(5, 16384);

    @TempDir
    Path dir;

    private static List<Wal.Inserted> insertNoops(Wal wal, int count) {
        List<Wal.Inserted> records = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[100 + random.nextInt(300)];
            random.nextBytes(data);
            records.add(wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 100 + i).mainData(data)));
        }
        wal.flush(records.getLast().end());
        return records;
    }

    /** Overwrites bytes of the WAL at LSN {@code lsn} (within one page) in its segment file. */
    private void overwrite(long lsn, byte[] bytes) throws IOException {
        Path file = dir.resolve("pg_wal").resolve(WalAddressing.segmentFileName(1, WalAddressing.segmentOf(lsn)));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), lsn % WalAddressing.SEGMENT_SIZE);
        }
    }

    /** A record (index from {@code from} on) whose first 64 bytes lie in one page. */
    private static int recordInOnePage(List<Wal.Inserted> records, int from) {
        int k = from;
        while (records.get(k).start() % WalAddressing.PAGE_SIZE > WalAddressing.PAGE_SIZE - 64) {
            k++;
        }
        return k;
    }

    @Test
    void cleanStartNeedsNoRedo() {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertFalse(cluster.outcome.performed());
            assertTrue(cluster.outcome.messages().getFirst().startsWith("database system was shut down at "));
            assertEquals(DbState.IN_PRODUCTION, ControlFile.read(dir).state());
            assertEquals(WalReader.nextRecordAfter(cluster.outcome.endOfLog()), cluster.wal.insertPosition());
        }
    }

    @Test
    void corruptRecordEndsRecoveryAtThePreviousOne() throws IOException {
        List<Wal.Inserted> records;
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            records = insertNoops(cluster.wal, 300);
        } // crash: no shutdown checkpoint
        int k = recordInOnePage(records, 150);
        overwrite(records.get(k).start() + 40, new byte[] {(byte) 0x5A});

        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            StartupRecovery.Outcome outcome = cluster.outcome;
            assertTrue(outcome.performed());
            assertTrue(outcome.messages().contains("database system was interrupted; last known up at "
                    + outcome.messages().getFirst().substring("database system was interrupted; last known up at ".length())));
            assertTrue(outcome.messages().contains("database system was not properly shut down; automatic recovery in progress"));
            assertTrue(outcome.messages().contains("redo starts at " + Lsn.format(WalAddressing.FIRST_RECORD)));
            String reason = "incorrect resource manager data checksum in record at " + Lsn.format(records.get(k).start());
            assertEquals(reason, outcome.stopReason());
            assertTrue(outcome.messages().contains(reason));
            assertTrue(outcome.messages().contains("redo done at " + Lsn.format(records.get(k - 1).start())));
            assertEquals(records.get(k - 1).start(), outcome.lastRecord());
            // New WAL overwrites the bad record: the end-of-recovery checkpoint goes exactly there.
            ControlFile.Data control = ControlFile.read(dir);
            assertEquals(records.get(k).start(), control.checkPoint());
            assertEquals(DbState.IN_PRODUCTION, control.state());
            Wal.Inserted after = insertNoops(cluster.wal, 1).getFirst();
            cluster.wal.flush(after.end());
            records.set(0, after);
        }
        // And the next recovery reads through the new records.
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertEquals(records.getFirst().start(), cluster.outcome.lastRecord());
            assertTrue(cluster.outcome.messages().contains("redo starts at " + Lsn.format(records.get(k).start())));
        }
    }

    @Test
    void zeroedTailEndsRecoveryWithInvalidLength() throws IOException {
        List<Wal.Inserted> records;
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            records = insertNoops(cluster.wal, 200);
        }
        int k = recordInOnePage(records, 120);
        long start = records.get(k).start();
        // Zero from record k to the end of its page, and the whole pages after it to the end of the log.
        overwrite(start, new byte[(int) (WalAddressing.PAGE_SIZE - start % WalAddressing.PAGE_SIZE)]);
        for (long page = start - start % WalAddressing.PAGE_SIZE + WalAddressing.PAGE_SIZE;
                page < records.getLast().end(); page += WalAddressing.PAGE_SIZE) {
            overwrite(page, new byte[WalAddressing.PAGE_SIZE]);
        }
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertEquals("invalid record length at " + Lsn.format(start) + ": wanted 32, got 0",
                    cluster.outcome.stopReason());
            assertEquals(records.get(k - 1).start(), cluster.outcome.lastRecord());
            assertEquals(records.get(k - 1).end(), cluster.outcome.endOfLog());
        }
    }

    @Test
    void truncatedSegmentEndsRecoveryAtTheLastCompleteRecord() throws IOException {
        List<Wal.Inserted> records;
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            records = insertNoops(cluster.wal, 200);
        }
        // The segment file loses everything from a page boundary in the middle of the log on.
        long cut = records.get(100).start() - records.get(100).start() % WalAddressing.PAGE_SIZE;
        Path file = dir.resolve("pg_wal").resolve(WalAddressing.segmentFileName(1, WalAddressing.segmentOf(cut)));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(cut % WalAddressing.SEGMENT_SIZE);
        }
        Wal.Inserted lastComplete = null;
        for (Wal.Inserted r : records) {
            if (r.end() <= cut) {
                lastComplete = r;
            }
        }
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertEquals(lastComplete.start(), cluster.outcome.lastRecord());
            assertEquals("could not read from log segment " + file.getFileName() + ", offset "
                    + cut % WalAddressing.SEGMENT_SIZE + ": read 0 of " + WalAddressing.PAGE_SIZE,
                    cluster.outcome.stopReason());
        }
    }

    @Test
    void tornRecordTailIsDetectedByItsChecksum() throws IOException {
        List<Wal.Inserted> records;
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            records = insertNoops(cluster.wal, 50);
        }
        // The last record was only half written: its second half is zeroes.
        Wal.Inserted last = records.getLast();
        long middle = (last.start() + last.end()) / 2 & ~7L;
        for (long at = middle; at < last.end(); at++) {
            if (at % WalAddressing.PAGE_SIZE >= WalAddressing.SHORT_HEADER) {
                overwrite(at, new byte[1]);
            }
        }
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertEquals("incorrect resource manager data checksum in record at " + Lsn.format(last.start()),
                    cluster.outcome.stopReason());
            assertEquals(records.get(records.size() - 2).start(), cluster.outcome.lastRecord());
        }
    }

    @Test
    void replayRebuildsPagesAndIsIdempotent() {
        TestRmgr rmgr = new TestRmgr();
        int blocks = 4;
        byte[][] expected = new byte[blocks][];
        try (TestPageStore store = new TestPageStore(dir); Arena arena = Arena.ofConfined()) {
            try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16), store, List.of(rmgr))) {
                MemorySegment[] pages = new MemorySegment[blocks];
                for (int b = 0; b < blocks; b++) {
                    pages[b] = arena.allocate(StorageConstants.BLOCK_SIZE);
                }
                Random random = new Random(11);
                for (int i = 0; i < 400; i++) {
                    int b = random.nextInt(blocks);
                    byte[] value = new byte[1 + random.nextInt(40)];
                    random.nextBytes(value);
                    Wal.Inserted at = TestRmgr.set(cluster.wal, REL, b, pages[b], 8 + random.nextInt(8000), value, 10 + i);
                    if (i == 200) {
                        // Block 1 reaches the disk halfway (after its WAL, as the buffer manager does).
                        cluster.wal.flush(at.end());
                        store.writePage(REL, ForkNumber.MAIN, 1, pages[1]);
                    }
                }
                cluster.wal.flush(cluster.wal.insertPosition());
                for (int b = 0; b < blocks; b++) {
                    expected[b] = pages[b].toArray(ValueLayout.JAVA_BYTE);
                }
            } // crash with the pages (but block 1's old version) lost

            StartupRecovery recovery = new StartupRecovery(dir, store, List.of(rmgr));
            StartupRecovery.Outcome first = recovery.redo();
            // From the redo point: initdb's shutdown checkpoint, then our 400 changes.
            assertEquals(1 + 400, first.recordsReplayed());
            assertEquals(blocks, rmgr.restored.get(), "the first change of each page carried its image");
            assertEquals(410, first.nextXid());
            for (int b = 0; b < blocks; b++) {
                assertArrayEquals(expected[b], store.pageBytes(REL, b), "block " + b);
            }
            // Replaying again restores each image again (unconditionally) and reapplies what follows it.
            StartupRecovery.Outcome second = new StartupRecovery(dir, store, List.of(rmgr)).redo();
            assertEquals(first.lastRecord(), second.lastRecord());
            for (int b = 0; b < blocks; b++) {
                assertArrayEquals(expected[b], store.pageBytes(REL, b), "block " + b + " after replaying twice");
            }
        }
    }

    @Test
    void withoutImagesChangesAlreadyOnThePageAreSkipped() {
        TestRmgr rmgr = new TestRmgr();
        WalSettings noImages = new WalSettings(16, false, SyncMethod.FDATASYNC, true, false, 1L << 30,
                Duration.ofMinutes(5), Duration.ofMillis(200));
        byte[] expected;
        try (TestPageStore store = new TestPageStore(dir); Arena arena = Arena.ofConfined()) {
            try (WalTestCluster cluster = WalTestCluster.start(dir, noImages, store, List.of(rmgr))) {
                MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                for (int i = 0; i < 100; i++) {
                    Wal.Inserted at = TestRmgr.set(cluster.wal, REL, 0, page, 8 + i * 50, new byte[] {(byte) i, 7}, 20);
                    if (i == 60) {
                        cluster.wal.flush(at.end());
                        store.writePage(REL, ForkNumber.MAIN, 0, page); // changes 0..60 reach the disk
                    }
                }
                cluster.wal.flush(cluster.wal.insertPosition());
                expected = page.toArray(ValueLayout.JAVA_BYTE);
            }
            StartupRecovery.Outcome outcome = new StartupRecovery(dir, store, List.of(rmgr)).redo();
            assertTrue(outcome.performed());
            assertEquals(0, rmgr.restored.get());
            assertEquals(61, rmgr.skipped.get(), "page LSN says changes 0..60 are there");
            assertEquals(39, rmgr.applied.get());
            assertArrayEquals(expected, store.pageBytes(REL, 0));
            new StartupRecovery(dir, store, List.of(rmgr)).redo();
            assertEquals(61 + 100, rmgr.skipped.get(), "a second replay skips everything");
            assertEquals(39, rmgr.applied.get());
            assertArrayEquals(expected, store.pageBytes(REL, 0));
        }
    }

    @Test
    void fullPageImageRepairsATornPage() {
        TestRmgr rmgr = new TestRmgr();
        byte[] expected;
        try (TestPageStore store = new TestPageStore(dir); Arena arena = Arena.ofConfined()) {
            try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16), store, List.of(rmgr))) {
                MemorySegment page = arena.allocate(StorageConstants.BLOCK_SIZE);
                for (int i = 0; i < 20; i++) {
                    TestRmgr.set(cluster.wal, REL, 0, page, 100 + i * 300, new byte[] {(byte) i, 1, 2, 3}, 50);
                }
                cluster.wal.flush(cluster.wal.insertPosition());
                store.writePage(REL, ForkNumber.MAIN, 0, page);
                // A checkpoint: the page is on disk, the redo point moves past all of the above.
                new org.tusk.storage.wal.Checkpointer(cluster.wal, dir, org.tusk.storage.wal.CheckpointHooks.NONE,
                        () -> 60, () -> 20000, java.time.Clock.systemUTC())
                        .checkpoint(org.tusk.storage.wal.Checkpointer.Kind.ONLINE);
                for (int i = 0; i < 5; i++) {
                    TestRmgr.set(cluster.wal, REL, 0, page, 4000 + i * 700, new byte[] {9, 9, (byte) i}, 61);
                }
                cluster.wal.flush(cluster.wal.insertPosition());
                expected = page.toArray(ValueLayout.JAVA_BYTE);
                // The page write is torn: the first half made it, the second half is garbage.
                MemorySegment torn = arena.allocate(StorageConstants.BLOCK_SIZE);
                MemorySegment.copy(page, 0, torn, 0, StorageConstants.BLOCK_SIZE / 2);
                byte[] garbage = new byte[StorageConstants.BLOCK_SIZE / 2];
                new Random(5).nextBytes(garbage);
                MemorySegment.copy(garbage, 0, torn, ValueLayout.JAVA_BYTE, StorageConstants.BLOCK_SIZE / 2, garbage.length);
                store.writePage(REL, ForkNumber.MAIN, 0, torn);
            }
            try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16), store, List.of(rmgr))) {
                assertTrue(cluster.outcome.performed());
                assertEquals(1, rmgr.restored.get(), "the first change after the redo point restored the image");
                assertEquals(4, rmgr.applied.get());
                assertArrayEquals(expected, store.pageBytes(REL, 0));
            }
        }
    }

    @Test
    void unknownResourceManagerStopsRecovery() {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            cluster.wal.flush(cluster.wal.insert(new WalRecordBuilder(201, 0, 5)).end());
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WalTestCluster.start(dir, WalTestCluster.fastSettings(16)));
        assertEquals("resource manager with ID 201 not registered", e.getMessage());
    }
}
