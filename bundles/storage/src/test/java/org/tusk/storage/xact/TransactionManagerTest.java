package org.tusk.storage.xact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle.Status;

/** Snapshots, isolation levels, savepoints, commit sequence and statuses, on one segment. */
class TransactionManagerTest {

    @TempDir
    Path dir;

    private Cluster cluster;
    private TransactionManager a;
    private TransactionManager b;

    @BeforeEach
    void start() {
        cluster = new Cluster(dir, new TransactionSystem.Settings(4, 8, 8));
        a = cluster.backend(0);
        b = cluster.backend(1);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void readOnlyTransactionsGetNoXidAndLogNothing() {
        a.begin(IsolationLevel.READ_COMMITTED);
        Snapshot snapshot = a.statementSnapshot();
        assertEquals(TransactionIds.INVALID, a.topXid());
        assertEquals(snapshot.xmin(), cluster.system.procArray().xminOf(0), "the snapshot holds back the horizon");
        a.commit();
        assertEquals(TransactionIds.FIRST_NORMAL, cluster.system.nextXid());
        assertTrue(cluster.wal.records().isEmpty());
        assertTrue(cluster.wal.flushes().isEmpty());
        assertEquals(TransactionIds.INVALID, cluster.system.procArray().xminOf(0));
        assertFalse(a.inTransaction());
    }

    /**
     * GetSnapshotDataReuse: while no transaction ends, a backend's next snapshot is its last one (ids
     * assigned meanwhile are at or above its xmax, so running for it anyway), and it still sets the
     * backend's xmin; a commit, an abort or a rolled-back savepoint anywhere makes the next one new.
     */
    @Test
    void aSnapshotIsTakenAgainOnlyAfterSomeTransactionEnded() {
        a.begin(IsolationLevel.READ_COMMITTED);
        a.savepoint("s");
        long xa = a.currentXid();
        b.begin(IsolationLevel.READ_COMMITTED);
        Snapshot first = b.statementSnapshot();
        b.commit();
        assertEquals(TransactionIds.INVALID, cluster.system.procArray().xminOf(1));

        b.begin(IsolationLevel.READ_COMMITTED);
        TransactionManager c = cluster.backend(2);
        c.begin(IsolationLevel.READ_COMMITTED);
        long xc = c.currentXid(); // assigned after the snapshot: not an end
        Snapshot again = b.statementSnapshot();
        assertSame(first, again, "nothing ended: the same snapshot");
        assertEquals(first.xmin(), cluster.system.procArray().xminOf(1), "a reused snapshot holds back the horizon too");
        assertTrue(again.isRunning(xa));
        assertTrue(again.isRunning(xc), "at or above its xmax");

        a.rollbackToSavepoint("s");
        Snapshot afterRollback = b.statementSnapshot();
        assertNotSame(first, afterRollback, "an aborted subtransaction left the array");
        assertFalse(afterRollback.isRunning(xa));
        long top = a.topXid();
        assertTrue(afterRollback.isRunning(top));
        assertSame(afterRollback, b.statementSnapshot());

        a.commit();
        Snapshot afterCommit = b.statementSnapshot();
        assertNotSame(afterRollback, afterCommit);
        assertFalse(afterCommit.isRunning(top), "the committed transaction is no longer running");
        assertTrue(afterCommit.isRunning(xc));
        b.commit();
        c.commit();
    }

    /**
     * Between a committer's clog update and its leaving the running array (steps 3 and 4 of the commit
     * sequence), snapshots still count it as running, so the status must say in progress too
     * (TransactionIdIsInProgress asks the array first); otherwise an updater would follow the row to a
     * version its own next snapshot does not see (see TransactionSystem.status).
     */
    @Test
    void aCommitStillInTheRunningArrayIsInProgress() {
        a.begin(IsolationLevel.READ_COMMITTED);
        long xa = a.currentXid();
        b.begin(IsolationLevel.READ_COMMITTED);
        b.statementSnapshot();
        cluster.system.commitLog().setTreeStatus(xa, new long[0], CommitLog.COMMITTED, Lsn.INVALID);
        assertTrue(b.statementSnapshot().isRunning(xa), "a snapshot now still counts it as running");
        assertEquals(Status.IN_PROGRESS, b.status(xa));
        assertEquals(Status.IN_PROGRESS, cluster.system.status(xa));
        a.commit();
        Snapshot after = b.statementSnapshot();
        assertFalse(after.isRunning(xa));
        assertEquals(Status.COMMITTED, b.status(xa));
        assertEquals(Status.COMMITTED, cluster.system.status(xa));
        b.commit();
    }

    @Test
    void snapshotsExcludeRunningAndIncludeCommitted() {
        a.begin(IsolationLevel.READ_COMMITTED);
        long xa = a.currentXid();
        b.begin(IsolationLevel.READ_COMMITTED);
        Snapshot during = b.statementSnapshot();
        assertTrue(during.isRunning(xa));
        assertEquals(xa, during.xmin());
        assertEquals(xa + 1, during.xmax());
        assertArrayEquals(new long[] {xa}, during.inProgress());
        assertEquals(Status.IN_PROGRESS, b.status(xa));
        assertTrue(a.isCurrentTransaction(xa));
        assertFalse(b.isCurrentTransaction(xa));

        a.commit();
        // Commit ordering: the very next snapshot finds it finished, and the clog says committed.
        Snapshot after = b.statementSnapshot();
        assertFalse(after.isRunning(xa));
        assertEquals(Status.COMMITTED, b.status(xa));
        assertEquals(CommitLog.COMMITTED, cluster.system.commitLog().status(xa));
        assertTrue(during.isRunning(xa), "an old snapshot does not change");
        b.commit();
    }

    @Test
    void readCommittedVersusRepeatableRead() {
        TransactionManager c = cluster.backend(2);
        a.begin(IsolationLevel.READ_COMMITTED);
        b.begin(IsolationLevel.REPEATABLE_READ);
        Snapshot rc1 = a.statementSnapshot();
        Snapshot rr1 = b.statementSnapshot();

        c.begin(IsolationLevel.READ_COMMITTED);
        long xc = c.currentXid();
        c.commit();

        Snapshot rc2 = a.statementSnapshot();
        Snapshot rr2 = b.statementSnapshot();
        assertTrue(rc1.isRunning(xc), "not started when the first statement ran");
        assertFalse(rc2.isRunning(xc), "read committed: a new snapshot per statement sees it");
        assertTrue(rr2.isRunning(xc), "repeatable read: still the first snapshot");
        assertEquals(rr1, rr2);
        assertTrue(rc2.xmax() > rc1.xmax());

        b.commandCounterIncrement();
        assertEquals(1, b.statementSnapshot().commandId(), "same snapshot, current command id");
        assertEquals(rr1.xmax(), b.statementSnapshot().xmax());
        a.commit();
        b.commit();

        b.begin(IsolationLevel.SERIALIZABLE);
        Snapshot ser = b.statementSnapshot();
        c.begin(IsolationLevel.READ_COMMITTED);
        long later = c.currentXid();
        c.commit();
        assertTrue(b.statementSnapshot().isRunning(later), "serializable keeps its snapshot, as repeatable read");
        assertEquals(ser.xmax(), b.statementSnapshot().xmax());
        b.commit();
    }

    @Test
    void savepointsAbortAndCommitSubtransactions() {
        a.begin(IsolationLevel.READ_COMMITTED);
        a.savepoint("s1");
        long sub1 = a.currentXid();
        long top = a.topXid();
        assertTrue(top < sub1, "the parent gets its xid first");
        assertEquals(2, a.nestingLevel());
        a.savepoint("s2");
        long sub2 = a.currentXid();
        a.rollbackToSavepoint("s2");
        assertEquals(3, a.nestingLevel(), "the savepoint is started again");
        assertEquals(TransactionIds.INVALID, a.currentXidIfAssigned());
        assertEquals(Status.ABORTED, b.status(sub2), "aborted while the parent goes on");
        assertFalse(a.isCurrentTransaction(sub2));
        assertTrue(a.isCurrentTransaction(sub1));
        assertEquals(Status.IN_PROGRESS, b.status(sub1));
        assertEquals(Status.IN_PROGRESS, b.status(top));
        b.begin(IsolationLevel.READ_COMMITTED);
        Snapshot snapshot = b.statementSnapshot();
        assertTrue(snapshot.isRunning(sub1));
        assertFalse(snapshot.isRunning(sub2), "the aborted subtransaction left the running array");
        b.commit();

        long sub3 = a.currentXid(); // the restarted s2
        a.releaseSavepoint("s1"); // releases s2 too
        assertEquals(1, a.nestingLevel());
        assertTrue(a.isCurrentTransaction(sub1));
        assertTrue(a.isCurrentTransaction(sub3));
        assertEquals(Status.IN_PROGRESS, b.status(sub1), "released, but the parent has not committed");
        assertEquals(CommitLog.IN_PROGRESS, cluster.system.commitLog().status(sub1));
        a.commit();

        assertEquals(Status.COMMITTED, b.status(top));
        assertEquals(Status.COMMITTED, b.status(sub1));
        assertEquals(Status.COMMITTED, b.status(sub3));
        assertEquals(Status.ABORTED, b.status(sub2));
        List<FakeWal.Entry> records = cluster.wal.records();
        assertEquals(2, records.size());
        assertEquals("abort", records.get(0).kind());
        assertEquals(sub2, records.get(0).xid());
        assertEquals("commit", records.get(1).kind());
        assertEquals(top, records.get(1).xid());
        assertArrayEquals(new long[] {sub1, sub3}, records.get(1).subxids());
    }

    @Test
    void abortOfTheWholeTreeAndNestedRollback() {
        a.begin(IsolationLevel.READ_COMMITTED);
        long top = a.currentXid();
        a.savepoint("x");
        a.savepoint("y");
        long inner = a.currentXid();
        long middle = inner - 1; // x got its xid just before y's, parents first
        assertTrue(a.isCurrentTransaction(middle));
        assertEquals(top, cluster.system.procArray().xidOf(0));
        a.savepoint("z");
        long innermost = a.currentXid();
        a.rollbackToSavepoint("x"); // aborts z, y and x, restarts x
        assertEquals(2, a.nestingLevel());
        for (long xid : new long[] {middle, inner, innermost}) {
            assertEquals(Status.ABORTED, b.status(xid), "xid " + xid);
        }
        a.savepoint("w");
        long survivor = a.currentXid();
        a.abort();
        assertEquals(Status.ABORTED, b.status(top));
        assertEquals(Status.ABORTED, b.status(survivor));
        assertTrue(cluster.wal.flushes().isEmpty(), "aborts are never flushed");
        assertEquals(TransactionIds.INVALID, cluster.system.procArray().xidOf(0));
        assertFalse(a.inTransaction());
        a.abort(); // nothing to do
    }

    @Test
    void savepointErrorsAreThoseOfPostgres() {
        TransactionException outside = assertThrows(TransactionException.class, () -> a.savepoint("s"));
        assertEquals("25P01", outside.sqlState());
        assertEquals("SAVEPOINT can only be used in transaction blocks", outside.getMessage());
        assertEquals("25P01", assertThrows(TransactionException.class, () -> a.releaseSavepoint("s")).sqlState());
        assertEquals("ROLLBACK TO SAVEPOINT can only be used in transaction blocks",
                assertThrows(TransactionException.class, () -> a.rollbackToSavepoint("s")).getMessage());
        a.begin(IsolationLevel.READ_COMMITTED);
        a.savepoint("s");
        TransactionException missing = assertThrows(TransactionException.class, () -> a.releaseSavepoint("t"));
        assertEquals("3B001", missing.sqlState());
        assertEquals("savepoint \"t\" does not exist", missing.getMessage());
        assertEquals(2, a.nestingLevel(), "a failed release changes nothing");
        a.savepoint("s"); // duplicate names: the innermost wins
        a.releaseSavepoint("s");
        assertEquals(2, a.nestingLevel());
        a.commit();
    }

    @Test
    void synchronousCommitFlushesBeforeTheClogAndAsyncDoesNot() {
        List<Integer> clogAtFlush = new ArrayList<>();
        a.begin(IsolationLevel.READ_COMMITTED);
        long first = a.currentXid();
        cluster.wal.onFlush = lsn -> {
            clogAtFlush.add(cluster.system.commitLog().status(first));
            assertTrue(cluster.system.isRunning(first), "still running while its WAL is flushed");
        };
        a.commit();
        List<FakeWal.Entry> records = cluster.wal.records();
        assertEquals(List.of(records.get(0).lsn()), cluster.wal.flushes());
        assertEquals(List.of(CommitLog.IN_PROGRESS), clogAtFlush, "WAL flushed before the clog is set");
        assertEquals(Lsn.INVALID, cluster.system.commitLog().commitLsn(first), "nothing asynchronous pending");

        a.setSynchronousCommit(false);
        a.begin(IsolationLevel.READ_COMMITTED);
        long second = a.currentXid();
        a.commit();
        assertEquals(1, cluster.wal.flushes().size(), "no flush with synchronous_commit off");
        assertEquals(Status.COMMITTED, b.status(second));
        assertEquals(cluster.wal.records().get(1).lsn(), cluster.system.commitLog().commitLsn(second),
                "the clog remembers the record to flush before the page or a hint bit");
    }

    @Test
    void aFailingCommitRecordAbortsTheTransaction() {
        XactWalWriter failing = new XactWalWriter() {
            @Override
            public long logCommit(long xid, long[] subxids) {
                throw new IllegalStateException("disk full");
            }

            @Override
            public long logAbort(long xid, long[] subxids) {
                return 1;
            }
        };
        TransactionManager c = new TransactionManager(cluster.system, 2, failing, cluster.wal, XidLockHook.NONE);
        c.begin(IsolationLevel.READ_COMMITTED);
        long xid = c.currentXid();
        assertThrows(IllegalStateException.class, c::commit);
        assertFalse(c.inTransaction());
        assertEquals(Status.ABORTED, b.status(xid));
        assertFalse(cluster.system.isRunning(xid));
    }

    @Test
    void commandCounterAndLockHook() {
        List<Long> locked = new ArrayList<>();
        TransactionManager c = new TransactionManager(cluster.system, 2, cluster.wal, cluster.wal, locked::add);
        c.begin(IsolationLevel.READ_COMMITTED);
        assertEquals(0, c.commandId());
        c.commandCounterIncrement();
        c.commandCounterIncrement();
        assertEquals(2, c.statementSnapshot().commandId());
        c.savepoint("s");
        long sub = c.currentXid();
        assertEquals(List.of(c.topXid(), sub), locked, "each xid locked when assigned, parent first");
        assertEquals(sub, c.currentXid(), "assigned once");
        assertEquals(2, locked.size());
        c.commit();
    }

    @Test
    void manySubtransactionsOverflowTheCacheAndStayVisibleAsRunning() {
        a.begin(IsolationLevel.READ_COMMITTED);
        long top = a.currentXid();
        List<Long> subs = new ArrayList<>();
        for (int i = 0; i < ProcArray.CACHED_SUBXIDS + 30; i++) {
            a.savepoint("s" + i);
            subs.add(a.currentXid());
            if (i % 10 == 9) {
                a.rollbackToSavepoint("s" + i); // some aborted, also past the cache
                a.releaseSavepoint("s" + i);
            } else {
                a.releaseSavepoint("s" + i);
            }
        }
        assertTrue(cluster.system.procArray().overflowed(0));
        // Another backend's transaction interleaved, to check the walk keeps strangers out.
        b.begin(IsolationLevel.READ_COMMITTED);
        long stranger = b.currentXid();
        a.savepoint("last");
        long last = a.currentXid();

        TransactionManager c = cluster.backend(2);
        c.begin(IsolationLevel.READ_COMMITTED);
        Snapshot snapshot = c.statementSnapshot();
        for (int i = 0; i < subs.size(); i++) {
            long sub = subs.get(i);
            assertTrue(snapshot.isRunning(sub) || i % 10 == 9, "subxid " + sub + " must look running");
            assertEquals(i % 10 == 9 ? Status.ABORTED : Status.IN_PROGRESS, c.status(sub), "subxid " + sub);
        }
        assertTrue(snapshot.isRunning(last));
        assertTrue(snapshot.isRunning(stranger));
        assertEquals(Status.IN_PROGRESS, c.status(last));
        b.abort();
        assertEquals(Status.ABORTED, c.status(stranger), "not mistaken for a subtransaction of the overflowed one");
        a.commit();
        Snapshot after = c.statementSnapshot();
        for (int i = 0; i < subs.size(); i++) {
            assertFalse(after.isRunning(subs.get(i)));
            assertEquals(i % 10 == 9 ? Status.ABORTED : Status.COMMITTED, c.status(subs.get(i)));
        }
        assertEquals(Status.COMMITTED, c.status(top));
        assertEquals(Status.COMMITTED, c.status(last));
        assertFalse(cluster.system.procArray().overflowed(0));
        c.commit();
    }

    @Test
    void globalXminIsTheOldestXidOrSnapshot() {
        a.begin(IsolationLevel.REPEATABLE_READ);
        Snapshot old = a.statementSnapshot(); // no xid, but a snapshot
        b.begin(IsolationLevel.READ_COMMITTED);
        long xb = b.currentXid();
        b.commit();
        assertEquals(old.xmin(), cluster.system.globalXmin());
        assertTrue(old.xmin() <= xb);
        a.commit();
        assertEquals(cluster.system.nextXid(), cluster.system.globalXmin(), "nothing running: the next xid");
        b.begin(IsolationLevel.READ_COMMITTED);
        long running = b.currentXid();
        assertEquals(running, cluster.system.globalXmin());
        b.commit();
    }

    @Test
    void aCrashedTransactionIsAbortedAfterRestart() {
        a.begin(IsolationLevel.READ_COMMITTED);
        long committed = a.currentXid();
        a.commit();
        a.begin(IsolationLevel.READ_COMMITTED);
        long crashed = a.currentXid();
        a.savepoint("s");
        long crashedSub = a.currentXid();
        long next = cluster.system.checkpoint();
        cluster.close();
        // The postmaster re-creates the segment; the WAL (here: none after the checkpoint) is replayed.
        cluster = new Cluster(dir, new TransactionSystem.Settings(4, 8, 8), next);
        cluster.system.finishRecovery();
        TransactionManager fresh = cluster.backend(0);
        assertEquals(Status.COMMITTED, fresh.status(committed));
        assertEquals(Status.ABORTED, fresh.status(crashed));
        assertEquals(Status.ABORTED, fresh.status(crashedSub));
        fresh.begin(IsolationLevel.READ_COMMITTED);
        assertNotEquals(crashed, fresh.currentXid());
        assertEquals(next, fresh.currentXid());
        fresh.commit();
    }

    @Test
    void statusOfSpecialIds() {
        assertEquals(Status.COMMITTED, a.status(TransactionIds.BOOTSTRAP));
        assertEquals(Status.COMMITTED, a.status(TransactionIds.FROZEN));
        assertEquals(Status.ABORTED, a.status(TransactionIds.INVALID));
        assertThrows(IllegalStateException.class, () -> a.status(cluster.system.nextXid() + 10));
        assertFalse(a.isCurrentTransaction(TransactionIds.INVALID));
    }
}
