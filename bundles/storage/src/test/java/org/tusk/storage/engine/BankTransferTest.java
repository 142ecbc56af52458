package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.lmgr.LockException;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * Many threads moving money between a few accounts at once: no lost update, no half transfer, the
 * total invariant, deadlock victims retried; then a crash and recovery that keeps all of it.
 */
class BankTransferTest {

    private static final int ACCOUNTS = 10;
    private static final int THREADS = 6;
    private static final int TRANSFERS = 150;

    @TempDir
    Path dir;

    @Test
    void concurrentTransfersKeepTheInvariantsAcrossACrash() throws Exception {
        // 32 buffers: the tables outgrow the pool, so pages are evicted and read back during the run.
        EngineSettings settings = EngineSettings.small().withSharedBuffers(32);
        Path data = dir.resolve("data");
        StorageEngine engine = StorageEngine.create(data, dir.resolve("seg"), settings);
        Map<Integer, ItemPointer> index;
        try (Session s = engine.session(0)) {
            BankWorkload.setup(s, ACCOUNTS);
            index = BankWorkload.index(s);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread checkpoints = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                engine.checkpoint();
                sleep(30);
            }
        });
        List<CompletableFuture<BankWorkload.Counts>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int proc = t + 1;
            // two of the six run REPEATABLE READ: they retry on 40001 instead of following the chain
            IsolationLevel level = t < 4 ? IsolationLevel.READ_COMMITTED : IsolationLevel.REPEATABLE_READ;
            workers.add(CompletableFuture.supplyAsync(() -> {
                try (Session s = engine.session(proc)) {
                    return BankWorkload.run(s, index, ACCOUNTS, TRANSFERS, proc * 1_000_000L, level, proc, id -> {
                    });
                }
            }, r -> Thread.ofPlatform().start(r)));
        }
        long committed = 0;
        long deadlocks = 0;
        long serialization = 0;
        for (CompletableFuture<BankWorkload.Counts> w : workers) {
            BankWorkload.Counts c = w.get(120, TimeUnit.SECONDS);
            committed += c.committed;
            deadlocks += c.deadlocks;
            serialization += c.serializationFailures;
        }
        running.set(false);
        checkpoints.join();
        System.out.printf("bank: %d transfers committed, %d deadlock victims, %d serialization failures%n",
                committed, deadlocks, serialization);
        assertEquals((long) THREADS * TRANSFERS, committed);
        BankWorkload.State before;
        try (Session s = engine.session(0)) {
            before = BankWorkload.state(s);
            BankWorkload.checkIndex(s);
        }
        assertEquals(ACCOUNTS, before.accounts());
        assertEquals(ACCOUNTS * BankWorkload.INITIAL_BALANCE, before.total());
        assertEquals(2 * committed, before.applied(), "every committed transfer applied to both rows once");
        assertEquals(committed, before.historyRows());
        engine.crash();

        try (StorageEngine again = StorageEngine.create(data, dir.resolve("seg"), settings);
                Session s = again.session(0)) {
            assertTrue(again.recoveryOutcome().performed());
            assertEquals(before, BankWorkload.state(s), "recovery restores exactly the committed state");
            BankWorkload.checkIndex(s);
        }
    }

    @Test
    void deadlockHasOneVictimAndTheOtherCommits() throws Exception {
        EngineSettings settings = EngineSettings.small().withBackgroundThreads(false);
        try (StorageEngine engine = StorageEngine.create(dir.resolve("d"), dir.resolve("s"), settings);
                Session s1 = engine.session(0); Session s2 = engine.session(1)) {
            BankWorkload.setup(s1, 2);
            Map<Integer, ItemPointer> index = BankWorkload.index(s1);
            s1.begin(IsolationLevel.READ_COMMITTED);
            s2.begin(IsolationLevel.READ_COMMITTED);
            update(s1, index.get(0));
            update(s2, index.get(1));
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> update(s1, index.get(1)),
                    r -> Thread.ofPlatform().start(r));
            Thread.sleep(50);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> update(s2, index.get(0)),
                    r -> Thread.ofPlatform().start(r));
            // Exactly one of them is chosen as the victim and fails while the other still waits;
            // once the victim aborts, the other gets through.
            try {
                CompletableFuture.anyOf(first, second).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // the victim's failure: looked at below
            }
            boolean firstLost = first.isCompletedExceptionally();
            assertTrue(firstLost != second.isCompletedExceptionally(), "one victim");
            CompletableFuture<Void> lost = firstLost ? first : second;
            CompletableFuture<Void> won = firstLost ? second : first;
            ExecutionException e = assertThrows(ExecutionException.class, lost::get);
            LockException victim = (LockException) e.getCause();
            (firstLost ? s1 : s2).abort();
            won.get(10, TimeUnit.SECONDS);
            Session survivor = firstLost ? s2 : s1;
            assertNotNull(victim);
            assertEquals("40P01", victim.sqlState());
            assertEquals("deadlock detected", victim.getMessage());
            survivor.commit();
            BankWorkload.State state = BankWorkload.state(s1);
            assertEquals(2, state.applied(), "only the survivor's two updates");
        }
    }

    private static void update(Session s, ItemPointer tid) {
        HeapRow row = s.heap().fetchLatest(BankWorkload.ACCOUNTS, tid, s.snapshot());
        s.heap().updateRow(BankWorkload.ACCOUNTS, row.tid(), row.values(),
                v -> new Object[] {v[0], (Long) v[1] + 1, (Long) v[2] + 1});
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
