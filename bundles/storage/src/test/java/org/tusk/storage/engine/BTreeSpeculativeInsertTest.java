package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.asc;
import static org.tusk.storage.engine.BTreeFixture.scanAll;
import static org.tusk.storage.engine.BTreeFixture.shape;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * ON CONFLICT's speculative insertion in the storage: {@link BTreeIndex#insertSpeculative} puts the entry in a
 * unique index and reports, without waiting, an equal key another transaction holds or is inserting;
 * {@link HeapAccess#abortInsert} then takes the row back: no snapshot (its own transaction's included) sees it,
 * no unique check counts it or waits for its transaction, and a crash does not bring it back.
 */
class BTreeSpeculativeInsertTest {

    static final IndexShape UNIQUE = shape(true, asc("a", PgType.INT4));
    static final RelationId INDEX_ID = new RelationId(BTreeFixture.DB, 16720);

    @TempDir
    Path dir;

    private static TupleId heapInsert(Session s, int a) {
        ItemPointer tid = s.heap().insert(TABLE, new Object[] {a, "row " + a, null, null});
        return new TupleId(tid.block(), tid.offset());
    }

    private static List<TupleId> lookup(Session s, BTreeIndex index, int a) {
        return scanAll(index.scan(s.heap(), TABLE, KeyRange.equal(a), false, s.snapshot())).stream()
                .map(Row::tid).toList();
    }

    private StorageEngine start() {
        return StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"), BTreeRecoveryTest.settings());
    }

    @Test
    void aReportedKeyIsTakenBackAndNeverSeenEvenAfterACrash() {
        TupleId first;
        StorageEngine engine = start();
        try (Session s1 = engine.session(0); Session s2 = engine.session(1)) {
            s1.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index1 = BTreeIndex.create(s1, INDEX_ID, UNIQUE);
            BTreeIndex index2 = BTreeIndex.open(s2, INDEX_ID, UNIQUE);
            s1.begin(IsolationLevel.READ_COMMITTED);
            first = heapInsert(s1, 7);
            index1.insert(new Object[] {7}, first);
            s2.begin(IsolationLevel.READ_COMMITTED);
            // A new key goes in unreported; one that a running transaction is inserting is reported at once.
            assertFalse(index2.insertSpeculative(new Object[] {8}, heapInsert(s2, 8)));
            TupleId mine = heapInsert(s2, 7);
            assertTrue(index2.insertSpeculative(new Object[] {7}, mine), "the running inserter's key is reported");
            s2.heap().abortInsert(TABLE, new ItemPointer(mine.block(), mine.offset()));
            TupleId nine = heapInsert(s2, 9);
            assertFalse(index2.insertSpeculative(new Object[] {9}, nine));
            s2.heap().abortInsert(TABLE, new ItemPointer(nine.block(), nine.offset()));
            s2.commandCounterIncrement();
            assertEquals(List.of(), lookup(s2, index2, 7), "a row taken back is not seen by its own transaction");
            assertThrows(IllegalStateException.class,
                    () -> s2.heap().abortInsert(TABLE, new ItemPointer(mine.block(), mine.offset())));
            s1.commit();
            // While s2 still runs, its rows taken back are dead to everyone: nobody's unique check waits for s2.
            s1.begin(IsolationLevel.READ_COMMITTED);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertEquals(first, index1.conflict(new Object[] {7}));
                assertNull(index1.conflict(new Object[] {9}));
                index1.insert(new Object[] {9}, heapInsert(s1, 9));
            });
            s1.commit();
            s2.commit();
            engine.crash();
        }
        try (StorageEngine again = start(); Session s = again.session(0)) {
            assertTrue(again.recoveryOutcome().performed());
            BTreeIndex index = BTreeIndex.open(s, INDEX_ID, UNIQUE);
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(first), lookup(s, index, 7), "recovery replays the taking back");
            assertEquals(1, lookup(s, index, 8).size());
            assertEquals(1, lookup(s, index, 9).size());
            List<Object> keys = new java.util.ArrayList<>();
            for (HeapRow row : s.heap().scan(TABLE, s.snapshot())) {
                keys.add(row.values()[0]);
            }
            keys.sort(null);
            assertEquals(List.of(7, 8, 9), keys, "7 the first inserter's, 9 s1's");
            s.commit();
        }
    }
}
