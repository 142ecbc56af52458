package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;
import org.tusk.storage.heap.TmResult;
import org.tusk.storage.heap.TupleLockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/** The engine end to end in one process: start-up, the heap access method, row conflicts, restart. */
class EngineTest {

    @TempDir
    Path dir;

    static EngineSettings settings() {
        return EngineSettings.small().withBackgroundThreads(false);
    }

    StorageEngine start() {
        return StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"), settings());
    }

    @Test
    void newClusterIsBootstrappedAndShutsDownClean() {
        try (StorageEngine engine = start()) {
            assertFalse(engine.recoveryOutcome().performed());
        }
        assertEquals(DbState.SHUT_DOWN, ControlFile.read(dir.resolve("data")).state());
        try (StorageEngine engine = start()) {
            assertFalse(engine.recoveryOutcome().performed(), "a clean shutdown needs no redo");
        }
    }

    @Test
    void rowsSurviveCleanRestartAndCrash() {
        ItemPointer a;
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            BankWorkload.setup(s, 3);
            s.begin(IsolationLevel.READ_COMMITTED);
            a = s.heap().scan(BankWorkload.ACCOUNTS, s.snapshot()).get(0).tid();
            assertNotNull(s.heap().updateRow(BankWorkload.ACCOUNTS, a, new Object[] {0, 1000L, 0L},
                    v -> new Object[] {v[0], 900L, 1L}));
            s.commit();
        }
        StorageEngine engine = start();
        try (Session s = engine.session(0)) {
            BankWorkload.State state = BankWorkload.state(s);
            assertEquals(2900, state.total());
            // a committed change, a change rolled back, a change never committed: then a crash
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(BankWorkload.HISTORY, new Object[] {1L, 0, 1, 5L});
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(BankWorkload.HISTORY, new Object[] {2L, 0, 1, 5L});
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(BankWorkload.HISTORY, new Object[] {3L, 0, 1, 5L});
            s.heap().delete(BankWorkload.ACCOUNTS, s.heap().fetchLatest(BankWorkload.ACCOUNTS, a, s.snapshot()).tid());
            engine.crash();
        }
        try (StorageEngine again = start(); Session s = again.session(0)) {
            assertTrue(again.recoveryOutcome().performed());
            BankWorkload.State state = BankWorkload.state(s);
            assertEquals(3, state.accounts());
            assertEquals(2900, state.total());
            assertEquals(java.util.Set.of(1L), state.transferIds());
            // the xids of the lost transaction are not reused in a way that resurrects its rows
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(BankWorkload.HISTORY, new Object[] {4L, 0, 1, 5L});
            s.commit();
            assertEquals(java.util.Set.of(1L, 4L), BankWorkload.state(s).transferIds());
        }
    }

    @Test
    void readCommittedWaitsThenUpdatesTheNewestVersion() throws Exception {
        try (StorageEngine engine = start(); Session s1 = engine.session(0); Session s2 = engine.session(1)) {
            BankWorkload.setup(s1, 1);
            s1.begin(IsolationLevel.READ_COMMITTED);
            HeapRow row = s1.heap().scan(BankWorkload.ACCOUNTS, s1.snapshot()).get(0);
            ItemPointer first = s1.heap().updateRow(BankWorkload.ACCOUNTS, row.tid(), row.values(),
                    v -> new Object[] {v[0], (Long) v[1] + 10, (Long) v[2] + 1});
            assertNotNull(first);
            s2.begin(IsolationLevel.READ_COMMITTED);
            HeapRow seen = s2.heap().scan(BankWorkload.ACCOUNTS, s2.snapshot()).get(0);
            assertEquals(1000L, seen.value(1), "s1 has not committed");
            CompletableFuture<ItemPointer> blocked = CompletableFuture.supplyAsync(() -> s2.heap().updateRow(
                    BankWorkload.ACCOUNTS, seen.tid(), seen.values(),
                    v -> new Object[] {v[0], (Long) v[1] + 100, (Long) v[2] + 1}));
            Thread.sleep(100);
            assertFalse(blocked.isDone(), "s2 waits for s1");
            s1.commit();
            ItemPointer second = blocked.get(10, TimeUnit.SECONDS);
            assertNotNull(second);
            s2.commit();
            s1.begin(IsolationLevel.READ_COMMITTED);
            List<HeapRow> rows = s1.heap().scan(BankWorkload.ACCOUNTS, s1.snapshot());
            assertEquals(1, rows.size());
            assertArrayEquals(new Object[] {0, 1110L, 2L}, rows.get(0).values(), "no lost update");
            s1.commit();
        }
    }

    @Test
    void repeatableReadFailsOnConcurrentUpdate() throws Exception {
        try (StorageEngine engine = start(); Session s1 = engine.session(0); Session s2 = engine.session(1)) {
            BankWorkload.setup(s1, 1);
            s2.begin(IsolationLevel.REPEATABLE_READ);
            HeapRow seen = s2.heap().scan(BankWorkload.ACCOUNTS, s2.snapshot()).get(0);
            s1.begin(IsolationLevel.READ_COMMITTED);
            s1.heap().updateRow(BankWorkload.ACCOUNTS, seen.tid(), seen.values(),
                    v -> new Object[] {v[0], 1L, 1L});
            s1.commit();
            EngineException e = assertThrows(EngineException.class, () -> s2.heap().updateRow(BankWorkload.ACCOUNTS,
                    seen.tid(), seen.values(), v -> new Object[] {v[0], 2L, 1L}));
            assertEquals("40001", e.sqlState());
            assertEquals("could not serialize access due to concurrent update", e.getMessage());
            assertEquals(1000L, s2.heap().fetch(BankWorkload.ACCOUNTS, seen.tid(), s2.snapshot())[1],
                    "the snapshot still sees the old version");
            s2.abort();
        }
    }

    @Test
    void rowLockBlocksUpdaterUntilCommitAndDeleteIsSeen() throws Exception {
        try (StorageEngine engine = start(); Session s1 = engine.session(0); Session s2 = engine.session(1)) {
            BankWorkload.setup(s1, 1);
            s1.begin(IsolationLevel.READ_COMMITTED);
            HeapRow row = s1.heap().scan(BankWorkload.ACCOUNTS, s1.snapshot()).get(0);
            assertEquals(TmResult.OK, s1.heap().lock(BankWorkload.ACCOUNTS, row.tid(), TupleLockMode.UPDATE).result());
            s2.begin(IsolationLevel.READ_COMMITTED);
            CompletableFuture<Boolean> deleter = CompletableFuture.supplyAsync(
                    () -> s2.heap().deleteRow(BankWorkload.ACCOUNTS, row.tid(), v -> true));
            Thread.sleep(100);
            assertFalse(deleter.isDone(), "the row lock holds the deleter");
            // the locker may still update its locked row
            assertNotNull(s1.heap().updateRow(BankWorkload.ACCOUNTS, row.tid(), row.values(),
                    v -> new Object[] {v[0], 5L, 1L}));
            s1.commit();
            assertTrue(deleter.get(10, TimeUnit.SECONDS), "READ COMMITTED deletes the newest version");
            s2.commit();
            s1.begin(IsolationLevel.READ_COMMITTED);
            assertTrue(s1.heap().scan(BankWorkload.ACCOUNTS, s1.snapshot()).isEmpty());
            assertNull(s1.heap().fetchLatest(BankWorkload.ACCOUNTS, row.tid(), s1.snapshot()));
            s1.commit();
        }
    }

    @Test
    void rowsSpreadOverPagesAndUpdatesMoveBetweenPages() {
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            BankWorkload.setup(s, 0);
            s.begin(IsolationLevel.READ_COMMITTED);
            for (long i = 0; i < 2000; i++) {
                s.heap().insert(BankWorkload.HISTORY, new Object[] {i, 1, 2, i});
            }
            s.commit();
            int pages = s.heap().blocks(BankWorkload.HISTORY);
            assertTrue(pages > 10, pages + " pages");
            s.begin(IsolationLevel.READ_COMMITTED);
            int moved = 0;
            for (HeapRow row : s.heap().scan(BankWorkload.HISTORY, s.snapshot())) {
                ItemPointer now = s.heap().updateRow(BankWorkload.HISTORY, row.tid(), row.values(),
                        v -> new Object[] {v[0], v[1], v[2], (Long) v[3] + 1});
                if (now.block() != row.tid().block()) {
                    moved++;
                }
            }
            s.commit();
            assertTrue(moved > 0);
            engine.crash();
        }
        try (StorageEngine engine = start(); Session s = engine.session(0)) {
            s.begin(IsolationLevel.READ_COMMITTED);
            List<HeapRow> rows = s.heap().scan(BankWorkload.HISTORY, s.snapshot());
            assertEquals(2000, rows.size());
            for (HeapRow row : rows) {
                assertEquals((Long) row.value(0) + 1, row.value(3));
            }
            s.commit();
        }
    }
}
