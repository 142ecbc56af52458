package org.tusk.storage.lmgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.lmgr.LockFixture.async;
import static org.tusk.storage.lmgr.LockFixture.get;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many backends (threads) lock random sets of a few relations in random modes and random order, so
 * that they wait on each other, deadlock, and fail NOWAIT requests, while a per-(tag, mode) counter
 * of current holders checks the lock manager's promise: no two backends ever hold conflicting modes
 * of one tag at the same time.
 *
 * <p>Counting: a backend increments the counter after its acquire returns and decrements it before
 * it releases, so the counter never exceeds the true number of holders, and a non-zero count of a
 * conflicting mode is a real overlap, never an artefact of the bookkeeping.
 */
class LockStressTest {

    private static final int THREADS = 8;
    private static final int TAGS = 5;
    private static final int TRANSACTIONS = 400;
    private static final LockMode[] MODES = LockMode.values();

    @TempDir
    Path dir;

    @Test
    void conflictingModesAreNeverHeldTogether() throws Exception {
        try (LockFixture fx = new LockFixture(dir, new LockSettings(THREADS, 16))) {
            AtomicIntegerArray holders = new AtomicIntegerArray(TAGS * MODES.length);
            AtomicLong violations = new AtomicLong();
            AtomicLong committed = new AtomicLong();
            AtomicLong deadlocks = new AtomicLong();
            AtomicLong nowaitFailures = new AtomicLong();
            AtomicLong attempts = new AtomicLong();
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int proc = t;
                futures.add(async(() -> {
                    BackendLocks me = fx.manager.backend(proc, 2000 + proc, Duration.ofMillis(20));
                    Random random = new Random(proc * 7919L + 1);
                    // Past TRANSACTIONS, a backend goes on until some NOWAIT request has met a conflict: on a
                    // loaded machine the threads may otherwise each run alone and never collide.
                    for (int x = 0; x < TRANSACTIONS || nowaitFailures.get() == 0 && x < 100 * TRANSACTIONS; x++) {
                        attempts.incrementAndGet();
                        List<int[]> mine = new ArrayList<>(); // {tag, mode}
                        try {
                            int locks = 1 + random.nextInt(3);
                            for (int i = 0; i < locks; i++) {
                                int tag = random.nextInt(TAGS);
                                if (mine.stream().anyMatch(h -> h[0] == tag)) {
                                    continue; // one mode per tag and backend keeps the check simple
                                }
                                // Mostly weak modes, as real workloads, so that work gets done in parallel.
                                LockMode mode = random.nextInt(3) == 0 ? MODES[random.nextInt(MODES.length)]
                                        : MODES[random.nextInt(3)];
                                boolean nowait = random.nextInt(10) == 0;
                                me.acquire(LockFixture.rel(tag), mode, false, nowait);
                                if (random.nextBoolean()) {
                                    me.acquire(LockFixture.rel(tag), mode); // re-entrant, local only
                                }
                                holders.incrementAndGet(tag * MODES.length + mode.ordinal());
                                mine.add(new int[] {tag, mode.ordinal()});
                                for (LockMode other : MODES) {
                                    int count = holders.get(tag * MODES.length + other.ordinal());
                                    if (other == mode) {
                                        count--;
                                    }
                                    if (mode.conflictsWith(other) && count > 0) {
                                        violations.incrementAndGet();
                                    }
                                }
                                Thread.onSpinWait();
                            }
                            committed.incrementAndGet();
                        } catch (LockException e) {
                            switch (e.sqlState()) {
                                case LockException.DEADLOCK_DETECTED -> deadlocks.incrementAndGet();
                                case LockException.LOCK_NOT_AVAILABLE -> nowaitFailures.incrementAndGet();
                                default -> throw e;
                            }
                        } finally {
                            for (int[] held : mine) {
                                holders.decrementAndGet(held[0] * MODES.length + held[1]);
                            }
                            me.releaseAll();
                        }
                    }
                    return null;
                }));
            }
            // While they run, check the tables' invariants now and then under all partition locks.
            List<String> problems = new ArrayList<>();
            int checks = 0;
            while (!futures.stream().allMatch(Future::isDone)) {
                problems.addAll(fx.manager.verify());
                checks++;
                Thread.sleep(5);
            }
            for (Future<Void> future : futures) {
                get(future);
            }
            assertEquals(List.of(), problems, "inconsistent lock tables seen during " + checks + " checks");
            assertEquals(List.of(), fx.manager.verify());
            System.out.printf("lock stress: %d committed, %d deadlock victims, %d nowait failures, %d table checks%n",
                    committed.get(), deadlocks.get(), nowaitFailures.get(), checks);
            assertEquals(0, violations.get(), "conflicting modes held at the same time");
            assertEquals(attempts.get(), committed.get() + deadlocks.get() + nowaitFailures.get());
            assertTrue(nowaitFailures.get() > 0, "the backends never even collided");
            assertEquals(0, fx.manager.locksInUse(), "lock objects leaked");
            assertEquals(0, fx.manager.procLocksInUse(), "proc-locks leaked");
            assertTrue(fx.manager.snapshot().isEmpty());
            for (int proc = 0; proc < THREADS; proc++) {
                assertTrue(!fx.manager.isWaiting(proc));
            }
        }
    }
}
