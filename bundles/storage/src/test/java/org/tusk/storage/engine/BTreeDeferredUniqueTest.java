package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.asc;
import static org.tusk.storage.engine.BTreeFixture.keyOf;
import static org.tusk.storage.engine.BTreeFixture.shape;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The index of a DEFERRABLE unique key (opened non-unique): {@link BTreeIndex#insertPartial} takes every
 * entry and reports a possible conflict without waiting; {@link BTreeIndex#recheckUnique} is the real check,
 * which skips the entry's own row, ignores a row deleted since, and waits for a running inserter.
 */
class BTreeDeferredUniqueTest {

    static final IndexShape DEFERRABLE = shape(false, asc("a", PgType.INT4), asc("b", PgType.TEXT));

    @TempDir
    Path dir;

    BTreeIndex index;

    private TupleId insert(Session s, Object[] row, BTreeIndex into, boolean conflict) {
        ItemPointer tid = s.heap().insert(TABLE, row);
        TupleId t = new TupleId(tid.block(), tid.offset());
        assertEquals(conflict, into.insertPartial(keyOf(into.shape(), row), t), "possible conflict reported");
        return t;
    }

    @Test
    void partialEntriesAndTheirRecheckInOneTransaction() {
        try (StorageEngine e = BTreeFixture.start(dir); Session s = e.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16710), DEFERRABLE);
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId first = insert(s, new Object[] {1, "x", null, null}, index, false);
            TupleId second = insert(s, new Object[] {1, "x", 2.0, null}, index, true);
            insert(s, new Object[] {1, null, null, null}, index, false);
            insert(s, new Object[] {1, null, null, null}, index, false);
            index.recheckUnique(new Object[] {1, null}, first);
            assertThrows(UniqueViolationException.class, () -> index.recheckUnique(new Object[] {1, "x"}, second));
            s.commandCounterIncrement();
            s.heap().delete(TABLE, new ItemPointer(second.block(), second.offset()));
            // The deleted row holds no key any more; the other one is alone with it.
            index.recheckUnique(new Object[] {1, "x"}, second);
            index.recheckUnique(new Object[] {1, "x"}, first);
            s.commit();
        }
    }

    @Test
    void theRecheckWaitsForTheOtherInserterThenFailsIfItCommits() throws Exception {
        race(true);
    }

    @Test
    void theRecheckWaitsForTheOtherInserterThenPassesIfItAborts() throws Exception {
        race(false);
    }

    private void race(boolean firstCommits) throws Exception {
        try (StorageEngine e = BTreeFixture.start(dir); Session s1 = e.session(0); Session s2 = e.session(1)) {
            s1.createTable(TABLE.locator(), TABLE.descriptor());
            index = BTreeIndex.create(s1, new RelationId(BTreeFixture.DB, 16711), DEFERRABLE);
            BTreeIndex index2 = BTreeIndex.open(s2, index.id(), DEFERRABLE);
            s1.begin(IsolationLevel.READ_COMMITTED);
            insert(s1, new Object[] {7, "race", null, null}, index, false);
            s2.begin(IsolationLevel.READ_COMMITTED);
            TupleId mine = insert(s2, new Object[] {7, "race", null, null}, index2, true);
            CompletableFuture<Void> recheck = CompletableFuture.runAsync(
                    () -> index2.recheckUnique(new Object[] {7, "race"}, mine));
            while (!recheck.isDone() && !e.lockManager().isWaiting(s2.procNumber())) {
                Thread.onSpinWait();
            }
            assertFalse(recheck.isDone(), "the recheck waits for the first inserter");
            if (firstCommits) {
                s1.commit();
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> recheck.get(10, TimeUnit.SECONDS));
                assertInstanceOf(UniqueViolationException.class, failure.getCause());
                s2.abort();
            } else {
                s1.abort();
                recheck.get(10, TimeUnit.SECONDS);
                assertTrue(recheck.isDone());
                s2.commit();
            }
        }
    }
}
