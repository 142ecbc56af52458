package org.tusk.storage.xact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.TransactionOracle.Status;

/** pg_xact: bits across many pages through a small cache, files, WAL-before-clog, redo. */
class CommitLogTest {

    private static final int PER_PAGE = CommitLog.XIDS_PER_PAGE;

    @TempDir
    Path dir;

    /** Threads a flush callback leaves behind for the test to join. */
    private final List<Thread> pending = Collections.synchronizedList(new ArrayList<>());

    private static TransactionSystem.Settings small() {
        return new TransactionSystem.Settings(4, 4, 4);
    }

    /** The 2 bits of {@code xid} as they are in the pg_xact file right now (0 if absent). */
    private static int onDisk(Path dataDirectory, long xid) {
        long page = xid / PER_PAGE;
        Path file = dataDirectory.resolve("pg_xact").resolve(String.format("%015X", page / 32));
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            long position = (page % 32) * 8192 + (xid % PER_PAGE) / 4;
            if (channel.read(one, position) <= 0) {
                return 0;
            }
            return (one.get(0) >> ((xid % 4) * 2)) & 3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int expected(long xid) {
        return switch ((int) (xid % 5)) {
            case 0, 3 -> CommitLog.COMMITTED;
            case 1 -> CommitLog.ABORTED;
            default -> CommitLog.IN_PROGRESS;
        };
    }

    @Test
    void statusesAcrossManyPagesWithEvictionAndRestart() {
        List<Long> xids = new ArrayList<>();
        for (long page = 0; page < 40; page++) {
            for (long k : new long[] {3, 4, 5, 6, 7, 1000, PER_PAGE - 1}) {
                xids.add(page * PER_PAGE + k);
            }
        }
        long maxXid = xids.get(xids.size() - 1);
        try (Cluster cluster = new Cluster(dir, small())) {
            CommitLog clog = cluster.system.commitLog();
            for (long xid : xids) {
                int status = expected(xid);
                if (status != CommitLog.IN_PROGRESS) {
                    clog.setTreeStatus(xid, new long[0], status, Lsn.INVALID);
                }
            }
            // 40 pages through 4 buffers: most were evicted and are read back from the files.
            for (long xid : xids) {
                assertEquals(expected(xid), clog.status(xid), "xid " + xid);
            }
            assertEquals(CommitLog.IN_PROGRESS, clog.status(8), "neighbours untouched");
            cluster.system.advanceNextXidPast(maxXid);
            for (long xid : xids) {
                // Never committed and not running (a crashed transaction) is aborted.
                Status status = expected(xid) == CommitLog.COMMITTED ? Status.COMMITTED : Status.ABORTED;
                assertEquals(status, cluster.system.status(xid), "xid " + xid);
            }
            cluster.system.checkpoint();
        }
        try (Cluster restarted = new Cluster(dir, small(), maxXid + 1)) {
            for (long xid : xids) {
                assertEquals(expected(xid), restarted.system.commitLog().status(xid), "xid " + xid + " after restart");
            }
        }
    }

    @Test
    void asyncCommitStatusReachesDiskOnlyAfterItsWal() {
        try (Cluster cluster = new Cluster(dir, small())) {
            CommitLog clog = cluster.system.commitLog();
            long xid = 100;
            List<Integer> seenAtFlush = new ArrayList<>();
            cluster.wal.onFlush = lsn -> seenAtFlush.add(onDisk(dir, xid));
            clog.setTreeStatus(xid, new long[0], CommitLog.COMMITTED, 5_000);
            assertEquals(5_000, clog.commitLsn(xid));
            assertEquals(Lsn.INVALID, clog.commitLsn(xid + 32), "another LSN group");
            assertTrue(cluster.wal.flushes().isEmpty());
            // Push page 0 out of the 4 buffers.
            for (long page = 1; page <= 6; page++) {
                clog.setTreeStatus(page * PER_PAGE, new long[0], CommitLog.ABORTED, Lsn.INVALID);
            }
            assertEquals(List.of(5_000L), cluster.wal.flushes(), "flushed exactly to the commit record once");
            assertEquals(List.of(CommitLog.IN_PROGRESS), seenAtFlush, "the page was not on disk yet at flush time");
            assertEquals(CommitLog.COMMITTED, onDisk(dir, xid));
            assertEquals(CommitLog.COMMITTED, clog.status(xid));
        }
    }

    /**
     * While a page is being written (inside the WAL flush that precedes the write, the control lock
     * released), a synchronous commit may still change it, but an asynchronous one must wait for the
     * write to end: its LSN would otherwise miss the flush the writer already chose.
     */
    @Test
    void asyncCommitWaitsForAPageWriteInProgressSyncDoesNot() throws Exception {
        try (Cluster cluster = new Cluster(dir, small())) {
            CommitLog clog = cluster.system.commitLog();
            long written = 100;
            long sync = 200;
            long async = 300;
            clog.setTreeStatus(written, new long[0], CommitLog.COMMITTED, 5_000);
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            cluster.wal.onFlush = lsn -> {
                if (lsn != 5_000) {
                    return;
                }
                try {
                    Thread syncCommit = Thread.ofPlatform().start(() -> {
                        clog.setTreeStatus(sync, new long[0], CommitLog.COMMITTED, Lsn.INVALID);
                        events.add("sync done");
                    });
                    syncCommit.join(30_000);
                    assertFalse(syncCommit.isAlive(), "a synchronous commit must not wait for the write");
                    Thread asyncCommit = Thread.ofPlatform().start(() -> {
                        clog.setTreeStatus(async, new long[0], CommitLog.COMMITTED, 9_000);
                        events.add("async done");
                    });
                    asyncCommit.join(300);
                    events.add("flush returns");
                    // Let the test wait for it after the write.
                    cluster.wal.onFlush = next -> {
                    };
                    pending.add(asyncCommit);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            };
            // Evict page 0 by touching 4 other pages through the 4 buffers.
            for (long page = 1; page <= 4; page++) {
                clog.setTreeStatus(page * PER_PAGE, new long[0], CommitLog.ABORTED, Lsn.INVALID);
            }
            for (Thread thread : pending) {
                thread.join(30_000);
                assertFalse(thread.isAlive());
            }
            assertEquals(List.of("sync done", "flush returns", "async done"), events);
            assertEquals(CommitLog.COMMITTED, clog.status(sync));
            assertEquals(CommitLog.COMMITTED, clog.status(async));
            assertEquals(9_000, clog.commitLsn(async));
        }
    }

    @Test
    void treeAcrossPagesAndRedoIsIdempotent() {
        try (Cluster cluster = new Cluster(dir, small())) {
            TransactionSystem system = cluster.system;
            long top = PER_PAGE - 2;
            long[] subs = {PER_PAGE - 1, PER_PAGE, 3L * PER_PAGE + 9};
            system.redoCommit(top, subs);
            system.redoCommit(top, subs, 7_000);
            assertEquals(3L * PER_PAGE + 10, system.nextXid(), "redo advanced the counter past the tree");
            for (long xid : new long[] {top, subs[0], subs[1], subs[2]}) {
                assertEquals(CommitLog.COMMITTED, system.commitLog().status(xid));
                assertEquals(Status.COMMITTED, system.status(xid));
            }
            long other = 2L * PER_PAGE;
            system.redoAbort(other, new long[] {other + 1});
            system.redoAbort(other, new long[] {other + 1});
            assertEquals(Status.ABORTED, system.status(other + 1));
            // Contradictions are refused.
            assertThrows(IllegalStateException.class, () -> system.redoAbort(top, new long[0]));
            assertThrows(IllegalStateException.class, () -> system.redoCommit(other, new long[0]));
            assertEquals(Status.COMMITTED, system.status(top));
        }
    }

    @Test
    void trimAfterRecoveryClearsStaleStatusesPastNextXid() {
        try (Cluster cluster = new Cluster(dir, small())) {
            CommitLog clog = cluster.system.commitLog();
            for (long xid = 3; xid < 20; xid++) {
                clog.setTreeStatus(xid, new long[0], CommitLog.ABORTED, Lsn.INVALID);
            }
            cluster.system.setNextXid(10);
            cluster.system.finishRecovery();
            for (long xid = 3; xid < 10; xid++) {
                assertEquals(CommitLog.ABORTED, clog.status(xid));
            }
            for (long xid = 10; xid < 20; xid++) {
                assertEquals(CommitLog.IN_PROGRESS, clog.status(xid), "xid " + xid);
            }
            assertFalse(cluster.system.isRunning(12));
        }
    }
}
