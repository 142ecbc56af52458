package org.tusk.storage.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;

/** Checkpoints: the record, the control file, the hooks, the triggers, and segment recycling. */
class CheckpointTest {

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static void fillSegments(Wal wal, long untilSegment) {
        byte[] data = new byte[8000];
        while (WalAddressing.segmentOf(wal.insertPosition()) < untilSegment) {
            wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 3).mainData(data));
        }
        wal.flush(wal.insertPosition());
    }

    @Test
    void checkpointWritesRecordAndControlFileAndCallsHooks() {
        List<String> calls = new ArrayList<>();
        CheckpointHooks hooks = new CheckpointHooks() {
            @Override
            public void flushAllBuffers() {
                calls.add("flush");
            }

            @Override
            public void syncDataFiles() {
                calls.add("sync");
            }
        };
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            Wal wal = cluster.wal;
            wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 3).mainData(new byte[100]));
            long before = wal.insertPosition();
            Checkpointer checkpointer = new Checkpointer(wal, dir, hooks, () -> 777, () -> 12345, Clock.systemUTC());
            Checkpointer.Result result = checkpointer.checkpoint(Checkpointer.Kind.ONLINE);
            assertEquals(List.of("flush", "sync"), calls);
            assertEquals(before, result.redo());
            assertEquals(before, wal.redoPointer());
            assertTrue(wal.flushedUpTo() >= result.end(), "the checkpoint record is durable");
            ControlFile.Data control = ControlFile.read(dir);
            assertEquals(result.location(), control.checkPoint());
            assertEquals(result.redo(), control.redo());
            assertEquals(777, control.nextXid());
            assertEquals(12345, control.nextOid());
            assertEquals(DbState.IN_PRODUCTION, control.state());
            try (WalReader reader = cluster.reader()) {
                CheckpointRecord record = CheckpointRecord.of(reader.read(result.location()));
                assertNotNull(record);
                assertEquals(result.redo(), record.redo());
                assertEquals(777, record.nextXid());
                assertEquals(RmgrIds.XLOG_CHECKPOINT_ONLINE, reader.read(result.location()).info());
            }
            Checkpointer.Result shutdown = checkpointer.checkpoint(Checkpointer.Kind.SHUTDOWN);
            assertEquals(shutdown.redo(), shutdown.location(), "nothing between a shutdown checkpoint's redo and it");
            assertEquals(DbState.SHUT_DOWN, ControlFile.read(dir).state());
        }
        // After a clean shutdown, start-up replays nothing.
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertFalse(cluster.outcome.performed());
            assertEquals(777, cluster.outcome.nextXid());
        }
    }

    @Test
    void checkpointRecyclesAndRemovesOldSegments() {
        // max_wal_size of 2 segments: one old segment is kept for reuse under a future name, the other removed.
        WalSettings settings = WalTestCluster.fastSettings(32).withMaxWalSize(2 * WalAddressing.SEGMENT_SIZE);
        byte[] lastPayload = {1, 2, 3, 4, 5};
        long lastRecord;
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            Wal wal = cluster.wal;
            fillSegments(wal, 3);
            assertArrayEquals(new long[] {1, 2, 3}, WalReader.segments(wal.walDirectory()));
            Checkpointer checkpointer = new Checkpointer(wal, dir, CheckpointHooks.NONE, () -> 5, () -> 20000,
                    Clock.systemUTC());
            Checkpointer.Result result = checkpointer.checkpoint(Checkpointer.Kind.ONLINE);
            assertEquals(3, WalAddressing.segmentOf(result.redo()));
            assertEquals(1, result.recycled());
            assertEquals(1, result.removed());
            assertArrayEquals(new long[] {3, 4}, WalReader.segments(wal.walDirectory()),
                    "segment 1 renamed to 4 (recycled), segment 2 removed");
            // Write into the recycled segment: its stale pages (old page addresses) must not be read as WAL.
            fillSegments(wal, 4);
            lastRecord = wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 9).mainData(lastPayload))
                    .start();
            wal.flush(wal.insertPosition());
        }
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            assertTrue(cluster.outcome.performed());
            assertEquals(lastRecord, cluster.outcome.lastRecord());
            String reason = cluster.outcome.stopReason();
            assertTrue(reason.startsWith("invalid record length at ") || reason.startsWith("unexpected pageaddr ")
                    || reason.startsWith("invalid magic number "), reason);
        }
        assertTrue(Files.exists(dir.resolve("pg_wal").resolve(WalAddressing.segmentFileName(1, 4))));
    }

    @Test
    void checkpointerTriggers() {
        ManualClock clock = new ManualClock();
        AtomicInteger xid = new AtomicInteger(10);
        WalSettings settings = WalTestCluster.fastSettings(16).withCheckpointTimeout(Duration.ofSeconds(300))
                .withMaxWalSize(2 * WalAddressing.SEGMENT_SIZE);
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            Wal wal = cluster.wal;
            Checkpointer checkpointer = new Checkpointer(wal, dir, CheckpointHooks.NONE, xid::get, () -> 20000, clock);
            assertNull(checkpointer.runOnce(), "nothing due");
            wal.requestCheckpoint();
            assertNotNull(checkpointer.runOnce(), "requested");
            assertNull(checkpointer.runOnce());
            clock.millis += 301_000;
            assertNull(checkpointer.runOnce(), "timeout, but no WAL since the last checkpoint: skipped");
            wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 3));
            clock.millis += 301_000;
            assertNotNull(checkpointer.runOnce(), "timeout with WAL written");
            // max_wal_size / (1 + 0.9) of WAL since the redo point triggers one without waiting for the timeout.
            long redo = wal.redoPointer();
            byte[] data = new byte[8000];
            while (WalAddressing.recPtrToBytePos(wal.insertPosition()) - WalAddressing.recPtrToBytePos(redo)
                    < 2 * WalAddressing.SEGMENT_SIZE / 1.9) {
                assertNull(checkpointer.runOnce());
                for (int i = 0; i < 100; i++) {
                    wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 3).mainData(data));
                }
            }
            Checkpointer.Result byVolume = checkpointer.runOnce();
            assertNotNull(byVolume);
            assertTrue(byVolume.redo() > redo);
        }
    }

    @Test
    void checkpointerThreadServesRequests() throws Exception {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            Wal wal = cluster.wal;
            long before = ControlFile.read(dir).checkPoint();
            Checkpointer checkpointer = new Checkpointer(wal, dir, CheckpointHooks.NONE, () -> 5, () -> 20000,
                    Clock.systemUTC());
            checkpointer.start(5);
            try {
                wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 3));
                wal.requestCheckpoint();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (ControlFile.read(dir).checkPoint() == before && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } finally {
                checkpointer.stop();
            }
            assertTrue(ControlFile.read(dir).checkPoint() > before, "the thread made the requested checkpoint");
        }
    }

    @Test
    void crashBeforeTheControlFileIsUpdatedKeepsThePreviousCheckpoint() {
        long previousRedo;
        long newCheckpoint;
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            Wal wal = cluster.wal;
            previousRedo = ControlFile.read(dir).redo();
            wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, 3).mainData(new byte[50]));
            // Steps 1-3 of a checkpoint, then the crash: the control file still names the old one.
            long redo = wal.beginCheckpoint();
            newCheckpoint = wal.insert(new CheckpointRecord(redo, 1, true, 9, 20000, 0).toRecord(false)).start();
            wal.flush(wal.insertPosition());
        }
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            assertTrue(cluster.outcome.performed());
            assertEquals(previousRedo, cluster.outcome.redoStart(), "redo from the checkpoint pg_control names");
            assertEquals(newCheckpoint, cluster.outcome.lastRecord(), "and through the unfinished one");
            assertEquals(9, cluster.outcome.nextXid(), "its counters are taken on the way");
        }
    }
}
