package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;

/**
 * The storage access API over a real engine: transactions and visibility (READ COMMITTED, REPEATABLE
 * READ), savepoints, the failed-transaction state, streaming scans, concurrent changes of one row,
 * row and relation locks, and the relation lifecycle.
 */
class AccessSessionTest {

    /** (id int4, balance int8, note text). */
    static final TableShape ACCOUNTS = new TableShape(List.of(new ColumnType("id", 23, true),
            new ColumnType("balance", 20, true), new ColumnType("note", 25, false)));
    static final RelationId T = new RelationId(5, 16400);

    @RegisterExtension
    final EngineFixture db = new EngineFixture(32);

    /** Creates T with rows (i, 1000, null) for i in [0, n), committed. */
    Table setup(AccessSession s, int n) {
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, ACCOUNTS);
        for (int i = 0; i < n; i++) {
            t.insert(new Object[] {i, 1000L, null});
        }
        s.commit();
        return t;
    }

    static List<Row> all(Table t) {
        List<Row> rows = new ArrayList<>();
        try (RowScan scan = t.scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    static Set<Integer> ids(Table t) {
        Set<Integer> ids = new HashSet<>();
        for (Row r : all(t)) {
            ids.add((Integer) r.values()[0]);
        }
        return ids;
    }

    Path file(RelationId id) {
        return db.dir().resolve("data/base/" + id.database() + "/" + id.fileNumber());
    }

    @Test
    void checkpointWritesTheDirtyPagesAndMovesTheRedoPoint() throws java.io.IOException {
        AccessSession s = db.open();
        setup(s, 100);
        long redoBefore = db.engine().wal().redoPointer();
        s.checkpoint();
        assertTrue(db.engine().wal().redoPointer() > redoBefore);
        byte[] page = java.nio.file.Files.readAllBytes(file(T));
        assertTrue(page.length >= 8192);
        int nonZero = 0;
        for (byte b : page) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 100 * 8, "the rows' page is on disk: " + nonZero + " non-zero bytes");
    }

    @Test
    void readCommittedSeesCommitsOfOthersAtTheNextStatementRepeatableReadDoesNot() {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        AccessSession s3 = db.open();
        setup(s1, 1);
        Table t2 = s2.openTable(T, ACCOUNTS);
        Table t3 = s3.openTable(T, ACCOUNTS);
        s2.begin(Isolation.READ_COMMITTED);
        s2.startStatement();
        s3.begin(Isolation.REPEATABLE_READ);
        s3.startStatement();
        assertEquals(Set.of(0), ids(t2));
        assertEquals(Set.of(0), ids(t3));

        s1.begin(Isolation.READ_COMMITTED);
        Table t1 = s1.openTable(T, ACCOUNTS);
        t1.insert(new Object[] {1, 5L, "new"});
        s1.startStatement();
        assertEquals(Set.of(0), ids(t1), "the inserting command does not see its own row");
        s1.commandCounterIncrement();
        assertEquals(Set.of(0, 1), ids(t1), "a later command does");
        s2.startStatement();
        assertEquals(Set.of(0), ids(t2), "not committed yet");
        s1.commit();

        assertEquals(Set.of(0), ids(t2), "the same statement keeps its snapshot");
        s2.startStatement();
        assertEquals(Set.of(0, 1), ids(t2), "the next statement of READ COMMITTED sees the commit");
        s3.startStatement();
        assertEquals(Set.of(0), ids(t3), "REPEATABLE READ keeps the first statement's snapshot");
        s2.commit();
        s3.commit();
        s3.begin(Isolation.REPEATABLE_READ);
        assertEquals(Set.of(0, 1), ids(t3), "a new transaction sees it");
        s3.commit();
    }

    @Test
    void abortedChangesAreInvisibleAndTransactionIdsAreAssignedOnDemand() {
        AccessSession s = db.open();
        Table t = setup(s, 2);
        s.begin(Isolation.READ_COMMITTED);
        long xid = s.transactionId();
        assertTrue(xid > 0);
        assertEquals(xid, s.transactionId(), "one xid per transaction");
        s.startStatement();
        Row first = all(t).get(0);
        assertTrue(t.delete(first.tid(), v -> true));
        t.insert(new Object[] {7, 1L, "x"});
        s.abort();
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(Set.of(0, 1), ids(t));
        assertTrue(s.transactionId() > xid, "xids grow");
        s.commit();
    }

    @Test
    void savepointsUndoExactlyWhatWasDoneInsideThem() {
        AccessSession s = db.open();
        Table t = setup(s, 0);
        s.begin(Isolation.READ_COMMITTED);
        t.insert(new Object[] {1, 0L, null});
        s.savepoint("a");
        t.insert(new Object[] {2, 0L, null});
        s.savepoint("b");
        t.insert(new Object[] {3, 0L, null});
        s.rollbackToSavepoint("a"); // b goes too; a is started again
        t.insert(new Object[] {4, 0L, null});
        s.releaseSavepoint("a");
        AccessException missing = assertThrows(AccessException.class, () -> s.rollbackToSavepoint("b"));
        assertEquals("3B001", missing.sqlState());
        assertEquals("savepoint \"b\" does not exist", missing.getMessage());
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(Set.of(1, 4), ids(t));
        s.commit();
    }

    @Test
    void anErrorFailsTheTransactionUntilRollbackToASavepointOrAbort() {
        AccessSession s = db.open();
        Table t = setup(s, 1);
        s.begin(Isolation.READ_COMMITTED);
        s.savepoint("sp");
        t.insert(new Object[] {1, 0L, null});
        // (A wide text no longer fails: TOAST stores it. A value of the wrong Java type does.)
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> t.insert(new Object[] {2, 0L, 9000}));
        assertTrue(wrongType.getMessage().contains("note"), wrongType.getMessage());
        AccessException ignored = assertThrows(AccessException.class, () -> t.insert(new Object[] {3, 0L, null}));
        assertEquals("25P02", ignored.sqlState());
        assertEquals("current transaction is aborted, commands ignored until end of transaction block",
                ignored.getMessage());
        s.rollbackToSavepoint("sp");
        t.insert(new Object[] {4, 0L, null});
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        assertThrows(IllegalArgumentException.class, () -> t.insert(new Object[] {5, 0L, 9000}));
        AccessException commit = assertThrows(AccessException.class, s::commit);
        assertEquals("25P02", commit.sqlState(), "COMMIT of a failed transaction rolls back");
        assertFalse(s.inTransaction());
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(Set.of(0, 4), ids(t));
        s.commit();
    }

    @Test
    void aScanStreamsATableBiggerThanSharedBuffers() {
        AccessSession s = db.open();
        Table t = setup(s, 0);
        s.begin(Isolation.READ_COMMITTED);
        String note = "n".repeat(200);
        int rows = 3000;
        for (int i = 0; i < rows; i++) {
            t.insert(new Object[] {i, (long) i, note});
        }
        s.commit();
        assertTrue(t.blocks() > 2 * 32, "the table (" + t.blocks() + " blocks) is bigger than the 32 buffers");

        s.begin(Isolation.REPEATABLE_READ);
        s.startStatement(); // the transaction's snapshot is taken here
        AccessSession other = db.open();
        other.begin(Isolation.READ_COMMITTED);
        Table o = other.openTable(T, ACCOUNTS);
        o.insert(new Object[] {rows, 0L, note}); // a concurrent insert the scan must not see
        other.commit();
        long sum = 0;
        int count = 0;
        int lastBlock = -1;
        try (RowScan scan = t.scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                assertTrue(r.tid().block() >= lastBlock, "in TID order");
                lastBlock = r.tid().block();
                sum += (Long) r.values()[1];
                count++;
            }
            assertNull(scan.next(), "stays at the end");
        }
        assertEquals(rows, count);
        assertEquals((long) rows * (rows - 1) / 2, sum);
        s.commit();
    }

    @Test
    void fetchByTidSeesOnlyWhatTheSnapshotSees() {
        AccessSession s = db.open();
        Table t = setup(s, 0);
        s.begin(Isolation.READ_COMMITTED);
        TupleId tid = t.insert(new Object[] {1, 10L, "a"});
        assertNull(t.fetch(tid), "not yet visible to the inserting command");
        s.commandCounterIncrement();
        assertArrayEquals(new Object[] {1, 10L, "a"}, t.fetch(tid).values());
        assertNull(t.fetch(new TupleId(99, 1)), "past the end of the table");
        Row updated = t.update(tid, t.fetch(tid).values(), v -> new Object[] {v[0], 11L, v[2]});
        assertNotNull(updated);
        assertArrayEquals(new Object[] {1, 11L, "a"}, updated.values());
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        assertNull(t.fetch(tid), "the old version is dead");
        assertArrayEquals(new Object[] {1, 11L, "a"}, t.fetch(updated.tid()).values());
        s.commit();
    }

    @Test
    void readCommittedUpdateWaitsAndReappliesToTheNewestVersion() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        Table t1 = setup(s1, 2);
        Table t2 = s2.openTable(T, ACCOUNTS);
        s1.begin(Isolation.READ_COMMITTED);
        Row r1 = all(t1).get(0);
        assertNotNull(t1.update(r1.tid(), r1.values(), v -> new Object[] {v[0], (Long) v[1] + 10, "s1"}));
        s2.begin(Isolation.READ_COMMITTED);
        s2.startStatement();
        List<Row> seen = all(t2);
        Row r2 = seen.get(0);
        assertEquals(1000L, r2.values()[1], "s1 has not committed");
        CompletableFuture<Row> blocked = CompletableFuture.supplyAsync(() -> t2.update(r2.tid(), r2.values(),
                v -> (Long) v[1] >= 1000 ? new Object[] {v[0], (Long) v[1] + 100, "s2"} : null));
        // the second row: s1 deletes it, s2's delete then finds nothing to delete
        Row other = seen.get(1);
        assertTrue(t1.delete(other.tid(), v -> true));
        Thread.sleep(100);
        assertFalse(blocked.isDone(), "s2 waits for s1");
        s1.commit();
        Row updated = blocked.get(10, TimeUnit.SECONDS);
        assertArrayEquals(new Object[] {0, 1110L, "s2"}, updated.values(), "applied to s1's version");
        assertFalse(t2.delete(other.tid(), v -> true), "deleted meanwhile");
        s2.commit();

        // The re-check: the newest version no longer qualifies, nothing is updated.
        s1.begin(Isolation.READ_COMMITTED);
        s2.begin(Isolation.READ_COMMITTED);
        s2.startStatement();
        Row again = all(t2).get(0);
        Row cut = all(t1).get(0);
        assertNotNull(t1.update(cut.tid(), cut.values(), v -> new Object[] {v[0], 0L, v[2]}));
        CompletableFuture<Row> rechecked = CompletableFuture.supplyAsync(() -> t2.update(again.tid(), again.values(),
                v -> (Long) v[1] >= 1000 ? new Object[] {v[0], 1L, v[2]} : null));
        Thread.sleep(50);
        s1.commit();
        assertNull(rechecked.get(10, TimeUnit.SECONDS));
        s2.commit();
        s1.begin(Isolation.READ_COMMITTED);
        assertEquals(0L, all(t1).get(0).values()[1]);
        s1.commit();
    }

    @Test
    void repeatableReadFailsWith40001OnAConcurrentUpdate() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        Table t1 = setup(s1, 1);
        Table t2 = s2.openTable(T, ACCOUNTS);
        s2.begin(Isolation.REPEATABLE_READ);
        s2.startStatement();
        Row r2 = all(t2).get(0);
        s1.begin(Isolation.READ_COMMITTED);
        Row r1 = all(t1).get(0);
        t1.update(r1.tid(), r1.values(), v -> new Object[] {v[0], 1L, v[2]});
        CompletableFuture<Row> blocked = CompletableFuture.supplyAsync(
                () -> t2.update(r2.tid(), r2.values(), v -> new Object[] {v[0], 2L, v[2]}));
        Thread.sleep(50);
        s1.commit();
        Exception e = assertThrows(Exception.class, () -> blocked.get(10, TimeUnit.SECONDS));
        AccessException failure = (AccessException) e.getCause();
        assertEquals("40001", failure.sqlState());
        assertEquals("could not serialize access due to concurrent update", failure.getMessage());
        assertEquals("25P02", assertThrows(AccessException.class, () -> all(t2)).sqlState());
        s2.abort();
        s2.begin(Isolation.REPEATABLE_READ);
        assertEquals(1L, all(t2).get(0).values()[1]);
        s2.commit();
    }

    @Test
    void rowLocksWaitOrFailWithNowaitAndFollowTheNewestVersion() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        Table t1 = setup(s1, 1);
        Table t2 = s2.openTable(T, ACCOUNTS);
        s1.begin(Isolation.READ_COMMITTED);
        Row r1 = all(t1).get(0);
        Row locked = t1.lock(r1.tid(), RowLockMode.UPDATE, false, v -> true);
        assertArrayEquals(r1.values(), locked.values());
        s2.begin(Isolation.READ_COMMITTED);
        Row r2 = all(t2).get(0);
        AccessException nowait = assertThrows(AccessException.class,
                () -> t2.lock(r2.tid(), RowLockMode.SHARE, true, v -> true));
        assertEquals("55P03", nowait.sqlState());
        assertTrue(nowait.getMessage().startsWith("could not obtain lock on row in relation"), nowait.getMessage());
        s2.abort();

        s2.begin(Isolation.READ_COMMITTED);
        Row r2b = all(t2).get(0);
        CompletableFuture<Row> waiting = CompletableFuture.supplyAsync(
                () -> t2.lock(r2b.tid(), RowLockMode.UPDATE, false, v -> (Long) v[1] > 0));
        t1.update(r1.tid(), r1.values(), v -> new Object[] {v[0], 5L, "s1"});
        Thread.sleep(50);
        assertFalse(waiting.isDone());
        s1.commit();
        Row newest = waiting.get(10, TimeUnit.SECONDS);
        assertArrayEquals(new Object[] {0, 5L, "s1"}, newest.values(), "the version now locked");
        assertFalse(newest.tid().equals(r2b.tid()));
        s2.commit();
    }

    @Test
    void relationLocksConflictAndNowaitFails() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        s1.begin(Isolation.READ_COMMITTED);
        s1.lockRelation(5, 16400, RelationLockMode.ACCESS_EXCLUSIVE, false);
        s2.begin(Isolation.READ_COMMITTED);
        AccessException e = assertThrows(AccessException.class,
                () -> s2.lockRelation(5, 16400, RelationLockMode.ACCESS_SHARE, true));
        assertEquals("55P03", e.sqlState());
        s2.abort();
        s2.begin(Isolation.READ_COMMITTED);
        s2.lockRelation(5, 16401, RelationLockMode.ACCESS_EXCLUSIVE, false); // another relation: no conflict
        CompletableFuture<Void> waits = CompletableFuture.runAsync(
                () -> s2.lockRelation(5, 16400, RelationLockMode.ROW_EXCLUSIVE, false));
        Thread.sleep(50);
        assertFalse(waits.isDone());
        s1.commit();
        waits.get(10, TimeUnit.SECONDS);
        s2.commit();
    }

    @Test
    void aDeadlockIs40P01WithPostgresDetail() throws Exception {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        s1.begin(Isolation.READ_COMMITTED);
        s2.begin(Isolation.READ_COMMITTED);
        s1.lockRelation(5, 1, RelationLockMode.ACCESS_EXCLUSIVE, false);
        s2.lockRelation(5, 2, RelationLockMode.ACCESS_EXCLUSIVE, false);
        // Two threads of their own: the common pool may have a single worker on a small machine.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> s1.lockRelation(5, 2, RelationLockMode.ACCESS_EXCLUSIVE, false), threads);
        CompletableFuture<Void> second = CompletableFuture.runAsync(
                () -> s2.lockRelation(5, 1, RelationLockMode.ACCESS_EXCLUSIVE, false), threads);
        threads.shutdown();
        // One of them is chosen as the victim; once it aborts, the other gets its lock.
        try {
            CompletableFuture.anyOf(first, second).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // the victim's error, looked at below
        }
        boolean firstFailed = first.isCompletedExceptionally();
        CompletableFuture<Void> victim = firstFailed ? first : second;
        CompletableFuture<Void> survivor = firstFailed ? second : first;
        AccessException e = (AccessException) assertThrows(Exception.class, () -> victim.get(10, TimeUnit.SECONDS))
                .getCause();
        (firstFailed ? s1 : s2).abort();
        survivor.get(10, TimeUnit.SECONDS);
        (firstFailed ? s2 : s1).commit();
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        assertTrue(e.detail().startsWith("Process "), e.detail());
        assertEquals("See server log for query details.", e.hint());
    }

    @Test
    void aRelationCreatedByAnAbortedTransactionIsGone() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, ACCOUNTS);
        t.insert(new Object[] {1, 1L, null});
        assertTrue(s.relationExists(T));
        assertTrue(Files.exists(file(T)));
        s.abort();
        assertFalse(s.relationExists(T));
        assertFalse(Files.exists(file(T)));
        AccessException gone = assertThrows(AccessException.class, () -> s.openTable(T, ACCOUNTS));
        assertEquals("58P01", gone.sqlState());

        // created inside a savepoint that is rolled back: gone, the rest of the transaction commits
        RelationId kept = new RelationId(5, 16500);
        s.begin(Isolation.READ_COMMITTED);
        s.createTable(kept, ACCOUNTS);
        s.savepoint("sp");
        s.createTable(T, ACCOUNTS);
        s.rollbackToSavepoint("sp");
        assertFalse(s.relationExists(T));
        s.commit();
        assertTrue(s.relationExists(kept));
        // the same file number can be created again now
        s.begin(Isolation.READ_COMMITTED);
        s.createTable(T, ACCOUNTS).insert(new Object[] {1, 1L, null});
        s.commit();
        assertTrue(s.relationExists(T));
    }

    @Test
    void aDroppedRelationIsGoneOnlyWhenTheDropCommits() {
        AccessSession s = db.open();
        Table t = setup(s, 3);
        s.begin(Isolation.READ_COMMITTED);
        s.dropRelation(T);
        assertTrue(s.relationExists(T), "still there until commit");
        s.abort();
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(Set.of(0, 1, 2), ids(t), "an aborted drop changes nothing");
        s.dropRelation(T);
        s.commit();
        assertFalse(s.relationExists(T));
        assertFalse(Files.exists(file(T)));
        // its buffers were dropped too: a checkpoint does not bring the file back
        db.engine().checkpoint();
        assertFalse(Files.exists(file(T)));

        // created and dropped in one transaction: gone at commit
        s.begin(Isolation.READ_COMMITTED);
        s.createTable(T, ACCOUNTS).insert(new Object[] {1, 1L, null});
        s.dropRelation(T);
        s.commit();
        assertFalse(s.relationExists(T));
    }

    @Test
    void operationsOutsideATransactionAreRefused() {
        AccessSession s = db.open();
        assertEquals("25P01", assertThrows(AccessException.class, () -> s.createTable(T, ACCOUNTS)).sqlState());
        assertEquals("25P01", assertThrows(AccessException.class,
                () -> s.lockRelation(5, 1, RelationLockMode.ACCESS_SHARE, false)).sqlState());
        s.abort(); // nothing to do
        s.commit(); // nothing to do
        s.begin(Isolation.SERIALIZABLE);
        assertEquals("25001", assertThrows(AccessException.class,
                () -> s.begin(Isolation.READ_COMMITTED)).sqlState());
        s.commit();
    }


    @Test
    void redoCompletesADropAndUndoesACreationWhoseTransactionAborted() {
        AccessSession s = db.open();
        Table t = setup(s, 50);
        RelationId aborted = new RelationId(5, 16600);
        RelationId inSavepoint = new RelationId(5, 16601);
        RelationId kept = new RelationId(5, 16602);
        s.begin(Isolation.READ_COMMITTED);
        s.dropRelation(T);
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.createTable(aborted, ACCOUNTS).insert(new Object[] {1, 1L, null});
        s.abort();
        s.begin(Isolation.READ_COMMITTED);
        s.savepoint("sp");
        s.createTable(inSavepoint, ACCOUNTS).insert(new Object[] {1, 1L, null});
        s.rollbackToSavepoint("sp");
        s.createTable(kept, ACCOUNTS).insert(new Object[] {2, 2L, null});
        s.commit(); // flushes the WAL, the abort records before it included
        assertFalse(Files.exists(file(T)));
        assertFalse(Files.exists(file(aborted)));
        assertFalse(Files.exists(file(inSavepoint)));

        // Redo replays the creations and the inserts (the files come back) and then the outcomes.
        db.crashAndRestart();
        assertFalse(Files.exists(file(T)), "the committed drop is replayed");
        assertFalse(Files.exists(file(aborted)), "the aborted creation is undone again");
        assertFalse(Files.exists(file(inSavepoint)), "so is the one in a rolled-back savepoint");
        AccessSession again = db.open();
        again.begin(Isolation.READ_COMMITTED);
        assertEquals(Set.of(2), ids(again.openTable(kept, ACCOUNTS)));
        again.commit();
    }

    @Test
    void oidsAreNeverReusedAfterACrash() {
        AccessSession s = db.open();
        AccessSession other = db.open();
        int first = s.newOid();
        assertTrue(Integer.toUnsignedLong(first) >= 16384);
        int last = first;
        for (int i = 0; i < 20_000; i++) { // past two NEXTOID records' worth
            int oid = (i % 2 == 0 ? other : s).newOid();
            assertEquals(last + 1, oid, "one counter, no gaps while running");
            last = oid;
        }
        setup(s, 1); // a commit flushes the WAL, the NEXTOID records before it included
        db.crashAndRestart();
        int after = db.open().newOid();
        assertTrue(Integer.compareUnsigned(after, last) > 0, after + " must be above " + last);
        assertTrue(after - last <= 8192 + 1, "at most one prefetch is skipped: " + (after - last));
        // and again after a clean restart (the shutdown checkpoint records the logged limit)
        db.shutdownAndRestart();
        assertTrue(Integer.compareUnsigned(db.open().newOid(), after) > 0);
    }

    @Test
    void createDatabaseCopiesTheTemplateAndDropDatabaseRemovesItAtCommit() {
        AccessSession s = db.open();
        Table template = setup(s, 20); // not checkpointed: the rows are only in shared buffers
        RelationId copyOfT = new RelationId(6, T.fileNumber());
        s.begin(Isolation.READ_COMMITTED);
        s.copyDatabase(5, 6);
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        Table copy = s.openTable(copyOfT, ACCOUNTS);
        assertEquals(ids(template), ids(copy));
        copy.insert(new Object[] {100, 0L, "only in 6"});
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(21, ids(copy).size());
        assertEquals(20, ids(template).size(), "the copy is separate");
        s.commit();

        // aborted: the copy is gone
        s.begin(Isolation.READ_COMMITTED);
        s.copyDatabase(5, 7);
        assertTrue(Files.exists(db.dir().resolve("data/base/7/" + T.fileNumber())));
        s.abort();
        assertFalse(Files.exists(db.dir().resolve("data/base/7")));

        // dropped: there until the commit, then gone, also after a crash replays the inserts into it
        s.begin(Isolation.READ_COMMITTED);
        s.dropDatabase(6);
        assertTrue(s.relationExists(copyOfT));
        s.commit();
        assertFalse(s.relationExists(copyOfT));
        assertFalse(Files.exists(db.dir().resolve("data/base/6")));
        db.crashAndRestart();
        assertFalse(Files.exists(db.dir().resolve("data/base/6")), "redo removes it again");
        AccessSession again = db.open();
        again.begin(Isolation.READ_COMMITTED);
        assertEquals(20, ids(again.openTable(T, ACCOUNTS)).size());
        again.commit();
    }

    @Test
    void repeatedUpdatesOfOneRowReuseTheSpaceOfDeadVersions() {
        AccessSession s = db.open();
        Table t = setup(s, 0);
        String note = "x".repeat(500); // a version takes about 550 bytes: 14 to a page
        s.setSynchronousCommit(false); // 800 commits without waiting for 800 fsyncs
        s.begin(Isolation.READ_COMMITTED);
        t.insert(new Object[] {1, 0L, note});
        s.commit();
        for (int i = 1; i <= 800; i++) {
            s.begin(Isolation.READ_COMMITTED);
            Row r = all(t).get(0);
            assertNotNull(t.update(r.tid(), r.values(), v -> new Object[] {v[0], (Long) v[1] + 1, v[2]}));
            s.commit();
        }
        s.begin(Isolation.READ_COMMITTED);
        List<Row> rows = all(t);
        assertEquals(1, rows.size());
        assertEquals(800L, rows.get(0).values()[1]);
        s.commit();
        // Without pruning: 801 versions of 550 bytes, 58 pages. With it, dead versions make room;
        // what remains are their 4-byte line pointers (at most 291 to a page).
        assertTrue(t.blocks() <= 6, "table grew to " + t.blocks() + " blocks");
    }

    @Test
    void pruningKeepsWhatAnOpenSnapshotStillSees() {
        AccessSession s = db.open();
        AccessSession reader = db.open();
        Table t = setup(s, 0);
        String note = "x".repeat(500);
        s.begin(Isolation.READ_COMMITTED);
        t.insert(new Object[] {1, 0L, note});
        s.commit();
        reader.begin(Isolation.REPEATABLE_READ);
        Table seen = reader.openTable(T, ACCOUNTS);
        reader.startStatement();
        assertEquals(0L, all(seen).get(0).values()[1]);
        for (int i = 1; i <= 100; i++) {
            s.begin(Isolation.READ_COMMITTED);
            Row r = all(t).get(0);
            t.update(r.tid(), r.values(), v -> new Object[] {v[0], (Long) v[1] + 1, v[2]});
            s.commit();
        }
        t.vacuum();
        assertEquals(0L, all(seen).get(0).values()[1], "the old version is still there for the old snapshot");
        long grown = t.blocks();
        assertTrue(grown >= 100 / 14, "nothing could be pruned below the reader's xmin: " + grown);
        reader.commit();
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(100L, all(t).get(0).values()[1]);
        s.commit();
    }

    @Test
    void vacuumRemovesDeadVersionsAndRedoRestoresThePrunedPages() {
        AccessSession s = db.open();
        Table t = setup(s, 0);
        s.begin(Isolation.READ_COMMITTED);
        for (int i = 0; i < 200; i++) {
            t.insert(new Object[] {i, (long) i, "y".repeat(100)});
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        for (Row r : all(t)) {
            if ((Integer) r.values()[0] % 3 != 0) {
                assertTrue(t.delete(r.tid(), v -> true));
            }
        }
        s.commit();
        t.vacuum();
        // the space is reused by updates that need it: the kept rows grow on their own pages
        s.begin(Isolation.READ_COMMITTED);
        long before = t.blocks();
        for (Row r : all(t)) {
            t.update(r.tid(), r.values(), v -> new Object[] {v[0], v[1], "z".repeat(150)});
        }
        s.commit();
        assertTrue(t.blocks() <= before + 1, "updates went into the pruned space: " + before + " -> " + t.blocks());
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < 200; i += 3) {
            expected.add(i);
        }
        db.crashAndRestart();
        AccessSession again = db.open();
        again.begin(Isolation.READ_COMMITTED);
        Table after = again.openTable(T, ACCOUNTS);
        assertEquals(expected, ids(after));
        for (Row r : all(after)) {
            assertEquals("z".repeat(150), r.values()[2]);
        }
        again.commit();
    }

    @Test
    void aBackendOfAnAttachedEngineOpensSessionsBesideTheCreatorsOnes() {
        EngineSettings settings = db.settings().withMaxConnections(3);
        StorageEngine engine = db.restartWith(settings);
        try (StorageEngine attached = StorageEngine.attach(db.segmentFile(), db.dataDirectory(), settings)) {
            org.tusk.storage.access.StorageAccess here = new EngineStorageAccess(engine);
            org.tusk.storage.access.StorageAccess there = new EngineStorageAccess(attached);
            try (var a = here.openSession(1); var b = there.openSession(2); var c = there.openSession(3)) {
                AccessException full = assertThrows(AccessException.class, () -> here.openSession(4));
                assertEquals("53300", full.sqlState(), "the slots are shared by both processes");
                a.begin(Isolation.READ_COMMITTED);
                a.createTable(T, ACCOUNTS).insert(new Object[] {1, 10L, "from the creator"});
                a.commit();
                b.begin(Isolation.READ_COMMITTED);
                Table t = b.openTable(T, ACCOUNTS);
                assertEquals(Set.of(1), ids(t));
                t.insert(new Object[] {2, 20L, "from the attached process"});
                b.commit();
                c.begin(Isolation.READ_COMMITTED);
                c.lockRelation(5, 99, RelationLockMode.ACCESS_EXCLUSIVE, false);
                a.begin(Isolation.READ_COMMITTED);
                assertEquals(Set.of(1, 2), ids(a.openTable(T, ACCOUNTS)));
                assertEquals("55P03", assertThrows(AccessException.class,
                        () -> a.lockRelation(5, 99, RelationLockMode.ACCESS_SHARE, true)).sqlState(),
                        "one lock table");
                a.abort();
                c.commit();
                assertEquals(a.newOid() + 1, c.newOid(), "one OID counter");
            }
            try (var again = there.openSession(5)) {
                assertTrue(again.catalogVersion() >= 1, "closed sessions gave their slots back");
            }
        }
    }

    @Test
    void theCatalogsBootstrappedFlagIsSharedWithAttachedProcessesAndClearedByANewSegment() {
        EngineSettings settings = db.settings().withMaxConnections(3);
        StorageEngine engine = db.restartWith(settings);
        try (StorageEngine attached = StorageEngine.attach(db.segmentFile(), db.dataDirectory(), settings)) {
            org.tusk.storage.access.StorageAccess here = new EngineStorageAccess(engine);
            org.tusk.storage.access.StorageAccess there = new EngineStorageAccess(attached);
            try (var a = here.openSession(1); var b = there.openSession(2)) {
                assertFalse(a.catalogsBootstrapped(), "a new segment knows nothing of the catalogs");
                assertFalse(b.catalogsBootstrapped());
                b.noteCatalogsBootstrapped();
                assertTrue(a.catalogsBootstrapped(), "set in the attached process, seen by the creator's backend");
                assertTrue(b.catalogsBootstrapped());
            }
        }
        engine = db.restartWith(settings);
        try (var again = new EngineStorageAccess(engine).openSession(1)) {
            assertFalse(again.catalogsBootstrapped(), "the next start's first login looks at the catalogs again");
        }
    }

    @Test
    void aScanOpenAcrossStatementsKeepsWhatItsSnapshotSeesFromPruning() {
        AccessSession s = db.open();
        AccessSession other = db.open();
        Table t = setup(s, 0);
        s.begin(Isolation.READ_COMMITTED);
        for (int i = 0; i < 300; i++) {
            t.insert(new Object[] {i, (long) i, "p".repeat(100)});
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        RowScan portal = t.scan(); // a portal: fetched from now and then, across statements
        int seen = 0;
        for (int i = 0; i < 10; i++) {
            assertNotNull(portal.next());
            seen++;
        }
        other.begin(Isolation.READ_COMMITTED);
        Table o = other.openTable(T, ACCOUNTS);
        for (Row r : all(o)) {
            assertTrue(o.delete(r.tid(), v -> true));
        }
        other.commit();
        s.startStatement(); // the next statement of the transaction: a new snapshot
        assertEquals(Set.of(), ids(t), "the new statement sees the deletes");
        o.vacuum(); // would remove every deleted row if our xmin had moved to the new snapshot
        while (portal.next() != null) {
            seen++;
        }
        portal.close();
        assertEquals(300, seen, "the portal reads with its own snapshot, all the rows are still there");
        s.commit();
        o.vacuum();
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(Set.of(), ids(t));
        s.commit();
    }
}
