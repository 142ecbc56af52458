package org.tusk.storage.lmgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.lmgr.LockFixture.async;
import static org.tusk.storage.lmgr.LockFixture.failure;
import static org.tusk.storage.lmgr.LockFixture.get;
import static org.tusk.storage.lmgr.LockFixture.pid;
import static org.tusk.storage.lmgr.LockFixture.rel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockManagerTest {

    @TempDir
    Path dir;
    private LockFixture fx;

    @BeforeEach
    void setUp() {
        fx = new LockFixture(dir, new LockSettings(8, 16));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void everyPairOfModesIsGrantedExactlyWhenTheDocumentedTableAllowsIt() {
        BackendLocks a = fx.backend(0);
        BackendLocks b = fx.backend(1);
        for (LockMode held : LockMode.values()) {
            for (LockMode requested : LockMode.values()) {
                a.acquire(rel(100), held);
                boolean granted = b.tryAcquire(rel(100), requested);
                assertEquals(!LockModeTest.documentedConflict(requested, held), granted, requested + " while " + held + " held");
                b.releaseAll();
                a.releaseAll();
            }
        }
        assertEquals(0, fx.manager.locksInUse());
        assertEquals(0, fx.manager.procLocksInUse());
    }

    @Test
    void ownLocksNeverConflictWithOwnRequests() {
        BackendLocks a = fx.backend(0);
        for (LockMode mode : LockMode.values()) {
            assertEquals(BackendLocks.Result.ACQUIRED, a.acquire(rel(100), mode, false, true));
        }
        assertEquals(8, fx.manager.snapshot().size());
        assertEquals(1, fx.manager.procLocksInUse(), "one proc-lock carries all eight modes");
        a.releaseAll();
        assertTrue(fx.manager.snapshot().isEmpty());
    }

    @Test
    void waitersAreGrantedInQueueOrderAsReleasesAllow() throws Exception {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Future<BackendLocks>> waiters = new ArrayList<>();
        LockMode[] modes = {LockMode.SHARE, LockMode.ROW_EXCLUSIVE, LockMode.SHARE};
        for (int i = 0; i < modes.length; i++) {
            int proc = i + 1;
            LockMode mode = modes[i];
            waiters.add(async(() -> {
                BackendLocks b = fx.backend(proc);
                b.acquire(rel(100), mode);
                order.add("proc" + proc);
                return b;
            }));
            fx.awaitWaiting(proc);
        }
        List<LockInfo> rows = fx.manager.snapshot();
        assertEquals(List.of(new LockInfo(rel(100), LockMode.ACCESS_EXCLUSIVE, true, 0, pid(0)),
                new LockInfo(rel(100), LockMode.SHARE, false, 1, pid(1)),
                new LockInfo(rel(100), LockMode.ROW_EXCLUSIVE, false, 2, pid(2)),
                new LockInfo(rel(100), LockMode.SHARE, false, 3, pid(3))), rows);

        assertEquals(List.of(), fx.manager.verify());
        // The second SHARE waits for the AccessExclusive holder and the RowExclusive request ahead of it.
        assertEquals(List.of(pid(0), pid(2)), fx.manager.blockingPids(3));
        assertEquals(List.of(pid(0)), fx.manager.blockingPids(1));
        assertEquals(List.of(), fx.manager.blockingPids(0));
        // Releasing AccessExclusive lets the first SHARE in; RowExclusive conflicts with it, and the
        // second SHARE, although compatible with the granted SHARE, must not overtake RowExclusive.
        a.releaseAll();
        BackendLocks b1 = get(waiters.get(0));
        assertEquals(List.of("proc1"), order);
        assertEquals(List.of(), fx.manager.verify());
        assertTrue(fx.manager.isWaiting(2));
        assertTrue(fx.manager.isWaiting(3));
        b1.releaseAll();
        BackendLocks b2 = get(waiters.get(1));
        assertEquals(List.of("proc1", "proc2"), order);
        assertTrue(fx.manager.isWaiting(3));
        b2.releaseAll();
        get(waiters.get(2)).releaseAll();
        assertEquals(List.of("proc1", "proc2", "proc3"), order);
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void compatibleWaitersAreGrantedTogether() throws Exception {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
        Future<BackendLocks> first = async(() -> {
            BackendLocks b = fx.backend(1);
            b.acquire(rel(100), LockMode.ACCESS_SHARE);
            return b;
        });
        fx.awaitWaiting(1);
        Future<BackendLocks> second = async(() -> {
            BackendLocks b = fx.backend(2);
            b.acquire(rel(100), LockMode.ROW_SHARE);
            return b;
        });
        fx.awaitWaiting(2);
        a.releaseAll();
        BackendLocks b1 = get(first);
        BackendLocks b2 = get(second);
        assertEquals(2, fx.manager.snapshot().stream().filter(LockInfo::granted).count());
        b1.releaseAll();
        b2.releaseAll();
    }

    @Test
    void aRequestCompatibleWithTheHoldersStillQueuesBehindAConflictingWaiter() throws Exception {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ACCESS_SHARE);
        Future<BackendLocks> strong = async(() -> {
            BackendLocks b = fx.backend(1);
            b.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
            return b;
        });
        fx.awaitWaiting(1);
        BackendLocks c = fx.backend(2);
        // AccessShare is compatible with the granted AccessShare, but not with the queued AccessExclusive.
        assertFalse(c.tryAcquire(rel(100), LockMode.ACCESS_SHARE));
        Future<BackendLocks> weak = async(() -> {
            c.acquire(rel(100), LockMode.ACCESS_SHARE);
            return c;
        });
        fx.awaitWaiting(2);
        a.releaseAll();
        BackendLocks b = get(strong);
        assertTrue(fx.manager.isWaiting(2), "the weak request waits for the strong one to finish");
        b.releaseAll();
        get(weak).releaseAll();
    }

    @Test
    void aHolderGoesAheadOfWaitersThatWaitForItInsteadOfDeadlockingItself() throws Exception {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ACCESS_SHARE);
        Future<BackendLocks> strong = async(() -> {
            BackendLocks b = fx.backend(1);
            b.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
            return b;
        });
        fx.awaitWaiting(1);
        // RowExclusive conflicts with the queued AccessExclusive, but that waiter waits for us: queueing
        // behind it would deadlock, so we are granted at once.
        assertEquals(BackendLocks.Result.ACQUIRED, a.acquire(rel(100), LockMode.ROW_EXCLUSIVE));
        assertTrue(fx.manager.isWaiting(1));
        assertEquals(List.of(), fx.manager.verify());
        a.releaseAll();
        get(strong).releaseAll();
    }

    @Test
    void mutualUpgradeIsReportedAsDeadlockAtOnce() throws Exception {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ROW_EXCLUSIVE);
        Future<BackendLocks> other = async(() -> {
            BackendLocks b = fx.backend(1);
            b.acquire(rel(100), LockMode.ROW_EXCLUSIVE);
            b.acquire(rel(100), LockMode.SHARE);
            return b;
        });
        fx.awaitWaiting(1);
        a.setDeadlockTimeout(Duration.ofHours(1)); // so a deadlock found now can only come from the queueing rule
        LockException e = assertThrows(LockException.class, () -> a.acquire(rel(100), LockMode.SHARE));
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        assertEquals("Process 1000 waits for ShareLock on relation 100 of database 5; blocked by process 1001.\n"
                + "Process 1001 waits for ShareLock on relation 100 of database 5; blocked by process 1000.", e.detail());
        assertEquals("See server log for query details.", e.hint());
        a.releaseAll();
        get(other).releaseAll();
        assertEquals(0, fx.manager.locksInUse());
    }

    /**
     * A cycle with a soft edge: A holds AccessExclusive on rel 1; B holds AccessShare on rel 2; C waits
     * for AccessExclusive on rel 2 (behind B); A asks for AccessShare on rel 2 and queues behind C
     * (soft edge: it only waits for C because of the queue order); B asks for rel 1 (waits for A). The
     * cycle A -> C -> B -> A is broken by letting A go ahead of C, whose AccessShare is compatible with
     * B's: nobody is aborted, as in PostgreSQL.
     */
    @Test
    void aCycleThroughQueueOrderIsBrokenByReorderingNotByAborting() throws Exception {
        BackendLocks a = fx.backend(0);
        BackendLocks b = fx.backend(1);
        a.acquire(rel(1), LockMode.ACCESS_EXCLUSIVE);
        b.acquire(rel(2), LockMode.ACCESS_SHARE);
        Future<BackendLocks> c = async(() -> {
            BackendLocks backend = fx.backend(2);
            backend.acquire(rel(2), LockMode.ACCESS_EXCLUSIVE);
            return backend;
        });
        fx.awaitWaiting(2);
        Future<BackendLocks> aWaits = async(() -> {
            a.acquire(rel(2), LockMode.ACCESS_SHARE);
            return a;
        });
        fx.awaitWaiting(0);
        Future<BackendLocks> bWaits = async(() -> {
            b.acquire(rel(1), LockMode.ACCESS_SHARE);
            return b;
        });
        // Whoever's deadlock_timeout fires first finds the cycle and reorders rel 2's queue: A is granted.
        get(aWaits);
        assertEquals(List.of(), fx.manager.verify());
        assertTrue(fx.manager.isWaiting(1));
        assertTrue(fx.manager.isWaiting(2));
        a.releaseAll();
        get(bWaits).releaseAll();
        get(c).releaseAll();
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void nowaitFailsWith55P03AndLeavesNothingBehind() {
        BackendLocks a = fx.backend(0);
        BackendLocks b = fx.backend(1);
        a.acquire(rel(100), LockMode.EXCLUSIVE);
        assertEquals(BackendLocks.Result.ACQUIRED, b.acquire(rel(100), LockMode.ACCESS_SHARE, false, true),
                "ExclusiveLock still admits readers");
        LockException e = assertThrows(LockException.class, () -> b.acquire(rel(100), LockMode.ROW_SHARE, false, true));
        assertEquals("55P03", e.sqlState());
        assertEquals("could not obtain lock on relation 100 of database 5", e.getMessage());
        assertEquals(rel(100), e.tag());
        assertEquals("could not obtain lock on relation \"t\"", e.withMessage("could not obtain lock on relation \"t\"").getMessage());
        assertEquals(1, b.heldCount());
        assertEquals(2, fx.manager.procLocksInUse());
        b.releaseAll();
        assertThrows(LockException.class, () -> b.acquire(rel(100), LockMode.ROW_SHARE, false, true));
        assertEquals(0, b.heldCount());
        assertEquals(1, fx.manager.procLocksInUse(), "the failed request's proc-lock was freed");
        // A nowait request for a lock nobody holds creates and, on success, keeps it.
        assertEquals(BackendLocks.Result.ACQUIRED, b.acquire(rel(101), LockMode.ACCESS_SHARE, false, true));
        a.releaseAll();
        b.releaseAll();
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void repeatedAcquisitionsAreCountedLocally() {
        BackendLocks a = fx.backend(0);
        assertEquals(BackendLocks.Result.ACQUIRED, a.acquire(rel(100), LockMode.ROW_EXCLUSIVE));
        assertEquals(BackendLocks.Result.ALREADY_HELD, a.acquire(rel(100), LockMode.ROW_EXCLUSIVE));
        assertEquals(BackendLocks.Result.ALREADY_HELD, a.acquire(rel(100), LockMode.ROW_EXCLUSIVE));
        assertEquals(3, a.holdCount(rel(100), LockMode.ROW_EXCLUSIVE));
        assertEquals(1, fx.manager.snapshot().size(), "shared memory holds it once");
        assertTrue(a.release(rel(100), LockMode.ROW_EXCLUSIVE));
        assertTrue(a.release(rel(100), LockMode.ROW_EXCLUSIVE));
        assertEquals(1, fx.manager.snapshot().size());
        assertTrue(a.release(rel(100), LockMode.ROW_EXCLUSIVE));
        assertTrue(fx.manager.snapshot().isEmpty());
        assertFalse(a.release(rel(100), LockMode.ROW_EXCLUSIVE), "not held any more");
        assertFalse(a.release(rel(100), LockMode.SHARE), "never held");
    }

    @Test
    void sessionLocksSurviveTransactionEnd() {
        BackendLocks a = fx.backend(0);
        LockTag advisory = LockTag.advisory(5, 42L);
        a.acquire(advisory, LockMode.EXCLUSIVE, true, false);
        a.acquire(advisory, LockMode.EXCLUSIVE); // and once more within the transaction
        a.acquire(rel(100), LockMode.ACCESS_SHARE);
        a.lockTransactionId(77L); // released in releaseAll's first pass, the relation lock in its second
        a.releaseAll();
        assertFalse(a.holds(LockTag.transaction(77L), LockMode.EXCLUSIVE));
        assertFalse(a.holds(rel(100), LockMode.ACCESS_SHARE));
        assertEquals(List.of(new LockInfo(advisory, LockMode.EXCLUSIVE, true, 0, pid(0))), fx.manager.snapshot());
        assertFalse(fx.backend(1).tryAcquire(advisory, LockMode.SHARE));
        assertTrue(a.releaseSession(advisory, LockMode.EXCLUSIVE));
        assertTrue(fx.manager.snapshot().isEmpty());
        a.acquire(advisory, LockMode.SHARE, true, false);
        a.releaseAllIncludingSession();
        assertTrue(fx.manager.snapshot().isEmpty());
    }

    @Test
    void twoWayDeadlockHasExactlyOneVictim() throws Exception {
        List<Outcome> outcomes = runCycle(2);
        assertOneVictim(outcomes);
    }

    @Test
    void threeWayDeadlockHasExactlyOneVictim() throws Exception {
        List<Outcome> outcomes = runCycle(3);
        assertOneVictim(outcomes);
    }

    /** What one backend of a cycle experienced: null if it got its second lock. */
    private record Outcome(int proc, LockException error) {
    }

    /**
     * Backend i holds relation 200+i and then asks for relation 200+(i+1)%n, all in AccessExclusive:
     * a cycle of n. Each backend, once through, releases everything, so the others can proceed.
     */
    private List<Outcome> runCycle(int n) throws Exception {
        List<BackendLocks> backends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BackendLocks b = fx.backend(i);
            b.acquire(rel(200 + i), LockMode.ACCESS_EXCLUSIVE);
            backends.add(b);
        }
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int proc = i;
            BackendLocks b = backends.get(i);
            futures.add(async(() -> {
                try {
                    b.acquire(rel(200 + (proc + 1) % n), LockMode.ACCESS_EXCLUSIVE);
                    return new Outcome(proc, null);
                } catch (LockException e) {
                    return new Outcome(proc, e);
                } finally {
                    b.releaseAll();
                }
            }));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(get(future));
        }
        assertEquals(0, fx.manager.locksInUse());
        assertEquals(0, fx.manager.procLocksInUse());
        return outcomes;
    }

    private static void assertOneVictim(List<Outcome> outcomes) {
        List<Outcome> victims = outcomes.stream().filter(o -> o.error() != null).toList();
        assertEquals(1, victims.size(), "exactly one victim: " + outcomes);
        LockException e = victims.get(0).error();
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        // The DETAIL walks the cycle starting with the victim.
        int n = outcomes.size();
        int victim = victims.get(0).proc();
        StringBuilder expected = new StringBuilder();
        for (int k = 0; k < n; k++) {
            int proc = (victim + k) % n;
            int next = (proc + 1) % n;
            if (k > 0) {
                expected.append('\n');
            }
            expected.append("Process ").append(pid(proc)).append(" waits for AccessExclusiveLock on relation ")
                    .append(200 + next).append(" of database 5; blocked by process ").append(pid(next)).append('.');
        }
        assertEquals(expected.toString(), e.detail());
    }

    @Test
    void waitingForATransactionEndsWhenItsHolderEnds() throws Exception {
        long xid = 5_000_000_007L; // beyond 32 bits
        BackendLocks holder = fx.backend(0);
        holder.lockTransactionId(xid);
        BackendLocks other = fx.backend(1);
        assertFalse(other.transactionHasEnded(xid));
        Future<Boolean> waiter = async(() -> {
            other.waitForTransaction(xid);
            return true;
        });
        fx.awaitWaiting(1);
        assertEquals(List.of(new LockInfo(LockTag.transaction(xid), LockMode.EXCLUSIVE, true, 0, pid(0)),
                new LockInfo(LockTag.transaction(xid), LockMode.SHARE, false, 1, pid(1))), fx.manager.snapshot());
        holder.releaseAll(); // commit or abort
        assertTrue(get(waiter));
        assertTrue(other.transactionHasEnded(xid));
        assertEquals(0, other.heldCount());
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void cancelWaitInterruptsAWait() throws Exception {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
        BackendLocks b = fx.backend(1);
        b.setDeadlockTimeout(Duration.ofHours(1));
        Future<Void> waiter = async(() -> {
            b.acquire(rel(100), LockMode.ACCESS_SHARE);
            return null;
        });
        fx.awaitWaiting(1);
        assertTrue(fx.manager.cancelWait(1));
        LockException e = failure(waiter);
        assertEquals("57014", e.sqlState());
        assertEquals("canceling statement due to user request", e.getMessage());
        assertEquals(List.of(new LockInfo(rel(100), LockMode.ACCESS_EXCLUSIVE, true, 0, pid(0))), fx.manager.snapshot(),
                "the cancelled request left the queue");
        assertEquals(0, b.heldCount());

        // The cancel was consumed: the next wait runs into lock_timeout, not into the old cancel.
        b.setLockTimeout(Duration.ofMillis(20));
        LockException timeout = assertThrows(LockException.class, () -> b.acquire(rel(100), LockMode.ACCESS_SHARE));
        assertEquals("55P03", timeout.sqlState());
        assertEquals("canceling statement due to lock timeout", timeout.getMessage());
        a.releaseAll();
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void aCancelBeforeTheWaitIsNotLost() {
        BackendLocks a = fx.backend(0);
        a.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
        BackendLocks b = fx.backend(1);
        b.setDeadlockTimeout(Duration.ofHours(1));
        assertFalse(fx.manager.cancelWait(1, CancelReason.STATEMENT_TIMEOUT), "not waiting yet");
        assertEquals(BackendLocks.Result.ACQUIRED, b.acquire(rel(101), LockMode.ACCESS_SHARE), "no wait, no failure");
        LockException e = assertThrows(LockException.class, () -> b.acquire(rel(100), LockMode.ACCESS_SHARE));
        assertEquals("57014", e.sqlState());
        assertEquals("canceling statement due to statement timeout", e.getMessage());

        // A cleared cancel does not fire.
        fx.manager.cancelWait(1);
        b.clearCancel();
        b.setLockTimeout(Duration.ofMillis(20));
        assertEquals("canceling statement due to lock timeout",
                assertThrows(LockException.class, () -> b.acquire(rel(100), LockMode.ACCESS_SHARE)).getMessage());
        a.releaseAll();
        b.releaseAll();
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void exhaustedPoolsFailLikePostgresql(@TempDir Path other) {
        try (LockFixture small = new LockFixture(other, new LockSettings(2, 4))) {
            BackendLocks a = small.backend(0);
            for (int i = 0; i < 8; i++) {
                a.acquire(rel(i), LockMode.ACCESS_SHARE);
            }
            LockException e = assertThrows(LockException.class, () -> a.acquire(rel(8), LockMode.ACCESS_SHARE));
            assertEquals("53200", e.sqlState());
            assertEquals("out of shared memory", e.getMessage());
            assertEquals("You might need to increase max_locks_per_transaction.", e.hint());
            assertNull(e.detail());
            assertEquals(8, small.manager.locksInUse());
            assertEquals(8, a.heldCount());
            // Another mode of a lock already in the table needs no new entry.
            assertEquals(BackendLocks.Result.ACQUIRED, a.acquire(rel(3), LockMode.ROW_EXCLUSIVE));
            a.releaseAll();
            assertEquals(0, small.manager.locksInUse());
            assertEquals(0, small.manager.procLocksInUse());
            a.acquire(rel(8), LockMode.ACCESS_SHARE);
            a.releaseAll();
        }
    }

    @Test
    void anEmptyProcLockPoolUndoesTheNewLock(@TempDir Path other) {
        // 4 procs x 1: 4 lock objects, 8 proc-locks. Four backends on two relations use all 8 proc-locks.
        try (LockFixture small = new LockFixture(other, new LockSettings(4, 1))) {
            List<BackendLocks> backends = new ArrayList<>();
            for (int proc = 0; proc < 4; proc++) {
                BackendLocks b = small.backend(proc);
                b.acquire(rel(1), LockMode.ACCESS_SHARE);
                b.acquire(rel(2), LockMode.ACCESS_SHARE);
                backends.add(b);
            }
            assertEquals(2, small.manager.locksInUse());
            assertEquals(8, small.manager.procLocksInUse());
            LockException e = assertThrows(LockException.class, () -> backends.get(0).acquire(rel(3), LockMode.SHARE));
            assertEquals("53200", e.sqlState());
            assertEquals(2, small.manager.locksInUse(), "the lock object created for the request was freed");
            assertEquals(List.of(), small.manager.verify());
            for (BackendLocks b : backends) {
                b.releaseAll();
            }
            assertEquals(0, small.manager.procLocksInUse());
        }
    }

    @Test
    void attachRefusesOtherSettingsAndSharesState() {
        assertThrows(IllegalStateException.class, () -> LockManager.attach(fx.shm, new LockSettings(8, 32)));
        LockManager attached = LockManager.attach(fx.shm, new LockSettings(8, 16));
        fx.backend(0).acquire(rel(1), LockMode.SHARE);
        assertEquals(1, attached.snapshot().size());
        assertThrows(IllegalArgumentException.class, () -> fx.manager.backend(8, 1, Duration.ofSeconds(1)));
    }
}
