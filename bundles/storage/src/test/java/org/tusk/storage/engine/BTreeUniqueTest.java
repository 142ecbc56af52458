package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.asc;
import static org.tusk.storage.engine.BTreeFixture.insert;
import static org.tusk.storage.engine.BTreeFixture.scanAll;
import static org.tusk.storage.engine.BTreeFixture.shape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/** Unique B-tree indexes: duplicates refused, dead ones ignored, racing inserters serialized. */
class BTreeUniqueTest {

    static final IndexShape UNIQUE = shape(true, asc("a", PgType.INT4), asc("b", PgType.TEXT));

    @TempDir
    Path dir;

    StorageEngine engine;
    BTreeIndex index;

    BTreeIndex setUp(Session s) {
        s.createTable(TABLE.locator(), TABLE.descriptor());
        index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16700), UNIQUE);
        return index;
    }

    @Test
    void committedAndOwnDuplicatesAreRefusedNullsNeverConflict() {
        try (StorageEngine e = BTreeFixture.start(dir); Session s = e.session(0)) {
            setUp(s);
            s.begin(IsolationLevel.READ_COMMITTED);
            insert(s, new Object[] {1, "x", null, null}, index);
            UniqueViolationException own = assertThrows(UniqueViolationException.class,
                    () -> insert(s, new Object[] {1, "x", 2.0, null}, index));
            assertEquals("23505", own.sqlState());
            assertArrayEquals(new Object[] {1, "x"}, own.key());
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            insert(s, new Object[] {1, "x", null, null}, index);
            insert(s, new Object[] {1, "y", null, null}, index);
            insert(s, new Object[] {1, null, null, null}, index);
            insert(s, new Object[] {1, null, null, null}, index);
            insert(s, new Object[] {null, null, null, null}, index);
            insert(s, new Object[] {null, null, null, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertThrows(UniqueViolationException.class, () -> insert(s, new Object[] {1, "y", null, null}, index));
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(6, scanAll(index.scan(s.heap(), TABLE, KeyRange.ALL, false, s.snapshot())).size());
            s.commit();
        }
    }

    @Test
    void deletedAndAbortedDuplicatesAreIgnored() {
        try (StorageEngine e = BTreeFixture.start(dir); Session s = e.session(0)) {
            setUp(s);
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId gone = insert(s, new Object[] {5, "k", null, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            insert(s, new Object[] {6, "k", null, null}, index);
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().delete(TABLE, new ItemPointer(gone.block(), gone.offset()));
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId five = insert(s, new Object[] {5, "k", null, null}, index);
            TupleId six = insert(s, new Object[] {6, "k", null, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            // An update (delete + insert of the same key) by the same transaction is no conflict.
            s.heap().delete(TABLE, new ItemPointer(five.block(), five.offset()));
            TupleId newFive = insert(s, new Object[] {5, "k", 1.0, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(newFive, six), scanAll(index.scan(s.heap(), TABLE, KeyRange.ALL, false, s.snapshot()))
                    .stream().map(Row::tid).toList());
            s.commit();
        }
    }

    @Test
    void entriesOfRowsDeadToEveryoneAreRemovedInsteadOfSplittingTheLeaf() {
        StorageEngine e = BTreeFixture.start(dir);
        TupleId current;
        try (Session s = e.session(0)) {
            setUp(s);
            s.begin(IsolationLevel.READ_COMMITTED);
            current = insert(s, new Object[] {1, "hot", null, null}, index);
            s.commit();
            // An UPDATE of the row, 3,000 times (a new version and a new entry each time, as
            // without HOT): the unique check marks the old entries LP_DEAD and a full leaf drops them.
            s.setSynchronousCommit(false); // the last commit, synchronous, flushes all before the crash
            for (int i = 0; i < 3000; i++) {
                s.setSynchronousCommit(i == 2999);
                s.begin(IsolationLevel.READ_COMMITTED);
                s.heap().delete(TABLE, new ItemPointer(current.block(), current.offset()));
                current = insert(s, new Object[] {1, "hot", (double) i, null}, index);
                s.commit();
            }
            assertEquals(2, index.blocks(), "still the metapage and one leaf");
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(current), scanAll(index.scan(s.heap(), TABLE, KeyRange.ALL, false, s.snapshot()))
                    .stream().map(Row::tid).toList());
            s.commit();
            e.crash();
        }
        try (StorageEngine again = BTreeFixture.start(dir); Session s = again.session(0)) {
            BTreeIndex recovered = BTreeIndex.open(s, index.id(), UNIQUE);
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(current), scanAll(recovered.scan(s.heap(), TABLE, KeyRange.equal(1, "hot"), false,
                    s.snapshot())).stream().map(Row::tid).toList(), "the removals were replayed");
            assertThrows(UniqueViolationException.class, () -> insert(s, new Object[] {1, "hot", null, null},
                    recovered));
            s.abort();
        }
    }

    @Test
    void twoInsertersWaitingForEachOtherAreADeadlock() throws Exception {
        try (StorageEngine e = BTreeFixture.start(dir); Session s1 = e.session(0); Session s2 = e.session(1)) {
            setUp(s1);
            BTreeIndex index2 = BTreeIndex.open(s2, index.id(), UNIQUE);
            s1.begin(IsolationLevel.READ_COMMITTED);
            s2.begin(IsolationLevel.READ_COMMITTED);
            insert(s1, new Object[] {1, "a", null, null}, index);
            insert(s2, new Object[] {2, "b", null, null}, index2);
            // s1 waits for s2 on key 2 while s2 waits for s1 on key 1: the waits are heavyweight xid
            // locks taken with no page lock held, so the deadlock detector sees the cycle.
            ExecutorService two = Executors.newFixedThreadPool(2);
            Future<String> first = two.submit(() -> attempt(s1, new Object[] {2, "b", null, null}, index));
            Thread.sleep(100);
            Future<String> second = two.submit(() -> attempt(s2, new Object[] {1, "a", null, null}, index2));
            two.shutdown();
            List<String> outcomes = new ArrayList<>(List.of(first.get(20, TimeUnit.SECONDS),
                    second.get(20, TimeUnit.SECONDS)));
            Collections.sort(outcomes);
            assertEquals(List.of("40P01", "committed"), outcomes, "one victim, and the other goes on");
            s1.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(2, scanAll(index.scan(s1.heap(), TABLE, KeyRange.ALL, false, s1.snapshot())).size());
            s1.commit();
        }
    }

    /** Inserts and commits ("committed"), or aborts on a lock error and returns its SQLSTATE. */
    static String attempt(Session s, Object[] row, BTreeIndex index) {
        try {
            insert(s, row, index);
            s.commit();
            return "committed";
        } catch (org.tusk.storage.lmgr.LockException ex) {
            s.abort();
            return ex.sqlState();
        }
    }

    @Test
    void aSecondInserterWaitsThenFailsIfTheFirstCommits() throws Exception {
        race(true);
    }

    @Test
    void aSecondInserterWaitsThenSucceedsIfTheFirstAborts() throws Exception {
        race(false);
    }

    void race(boolean firstCommits) throws Exception {
        try (StorageEngine e = BTreeFixture.start(dir); Session s1 = e.session(0); Session s2 = e.session(1)) {
            setUp(s1);
            BTreeIndex index2 = BTreeIndex.open(s2, index.id(), UNIQUE);
            s1.begin(IsolationLevel.READ_COMMITTED);
            insert(s1, new Object[] {9, "race", null, null}, index);
            CompletableFuture<TupleId> second = CompletableFuture.supplyAsync(() -> {
                s2.begin(IsolationLevel.READ_COMMITTED);
                return insert(s2, new Object[] {9, "race", null, null}, index2);
            });
            Thread.sleep(150);
            assertFalse(second.isDone(), "the second inserter waits for the first");
            if (firstCommits) {
                s1.commit();
                ExecutionException failure = assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
                assertInstanceOf(UniqueViolationException.class, failure.getCause());
                s2.abort();
            } else {
                s1.abort();
                second.get(10, TimeUnit.SECONDS);
                s2.commit();
            }
            s1.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(1, scanAll(index.scan(s1.heap(), TABLE, KeyRange.equal(9, "race"), false, s1.snapshot())).size());
            s1.commit();
        }
    }

    @Test
    void racersStillSerializeWhenDeadDuplicatesSpanSeveralLeaves() throws Exception {
        String big = "d".repeat(1500);
        try (StorageEngine e = BTreeFixture.start(dir); Session setup = e.session(0)) {
            setUp(setup);
            // 30 dead versions of one key, 5 to a leaf: the equal keys span several pages, and a new
            // entry (highest heap TID) goes to the last of them.
            for (int i = 0; i < 30; i++) {
                setup.begin(IsolationLevel.READ_COMMITTED);
                TupleId t = insert(setup, new Object[] {1, big, null, null}, index);
                setup.commandCounterIncrement();
                assertEquals(org.tusk.storage.heap.TmResult.OK,
                        setup.heap().delete(TABLE, new ItemPointer(t.block(), t.offset())).result());
                setup.commit();
            }
            AtomicInteger winners = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int proc = t + 1;
                futures.add(pool.submit(() -> {
                    try (Session s = e.session(proc)) {
                        BTreeIndex mine = BTreeIndex.open(s, index.id(), UNIQUE);
                        for (int round = 0; round < 20; round++) {
                            s.begin(IsolationLevel.READ_COMMITTED);
                            try {
                                insert(s, new Object[] {1000 * proc + round, big, null, null}, mine); // no race here
                                insert(s, new Object[] {1, big, null, null}, mine);
                                s.commit();
                                winners.incrementAndGet();
                            } catch (UniqueViolationException ex) {
                                s.abort();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(1, winners.get(), "one transaction got the key");
            setup.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(1, scanAll(index.scan(setup.heap(), TABLE, KeyRange.equal(1, big), false, setup.snapshot()))
                    .size());
            setup.commit();
        }
    }

    @Test
    void eightThreadsRacingOnTheSameKeysLeaveExactlyOneRowPerKey() throws Exception {
        int threads = 8;
        int keys = 300;
        try (StorageEngine e = BTreeFixture.start(dir); Session setup = e.session(0)) {
            setUp(setup);
            AtomicInteger violations = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int proc = t + 1;
                futures.add(pool.submit(() -> {
                    try (Session s = e.session(proc)) {
                        BTreeIndex mine = BTreeIndex.open(s, index.id(), UNIQUE);
                        List<Integer> order = new ArrayList<>();
                        for (int k = 0; k < keys; k++) {
                            order.add(k);
                        }
                        Collections.shuffle(order, new java.util.Random(proc));
                        for (int k : order) {
                            s.begin(IsolationLevel.READ_COMMITTED);
                            try {
                                insert(s, new Object[] {k, "key-" + k + "-" + "p".repeat(200), null, null}, mine);
                                if (k % 7 == proc % 7) {
                                    s.abort(); // some winners change their mind: a waiter then wins
                                } else {
                                    s.commit();
                                }
                            } catch (UniqueViolationException ex) {
                                violations.incrementAndGet();
                                s.abort();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            setup.begin(IsolationLevel.READ_COMMITTED);
            List<Row> rows = scanAll(index.scan(setup.heap(), TABLE, KeyRange.ALL, false, setup.snapshot()));
            List<Integer> found = rows.stream().map(r -> (Integer) r.values()[0]).toList();
            List<Integer> expected = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                expected.add(k);
            }
            assertEquals(expected, found, "every key once, in order");
            assertEquals(keys, setup.heap().scan(TABLE, setup.snapshot()).size(), "no extra live heap rows");
            setup.commit();
            assertEquals(true, violations.get() > 0, "some inserts lost the race");
        }
    }
}
