package org.tusk.storage.engine;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash torture: again and again, a child JVM starts the cluster and runs bank transfers (with
 * checkpoints at random moments), and is killed with SIGKILL at a random moment: after 1 to 30
 * acknowledged transfers plus 0-30 ms (tens to a few hundred ms of work, depending on the load). Each time the data directory is then recovered here, in a fresh engine (a new segment),
 * and must satisfy: the balances sum to the initial total, the applied counters match the history
 * (no half transfer, no lost update), no transfer twice, and every transfer whose commit had
 * returned before the kill (in any iteration so far) is there. Every other recovered engine is
 * crashed again at once instead of shut down, so the next child starts with a recovery of its own.
 *
 * <p>50 iterations by default; more with {@code -Dtusk.crashIterations=N}, e.g.
 * {@code ./mvnw -B -o -q -pl bundles/storage verify -Dtest=CrashTortureTest -Dtusk.crashIterations=1000}.
 * synchronous_commit and fsync are on. A kill -9 loses the process, not the kernel's page cache, so
 * this tests the WAL protocol and recovery, not the disk's behaviour on power loss.
 */
class CrashTortureTest {

    private static final int ACCOUNTS = 12;
    private static final int THREADS = 3;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedTransferSurvivesKillNine() throws Exception {
        int iterations = Integer.getInteger("tusk.crashIterations", 50);
        EngineSettings settings = EngineSettings.small().withSharedBuffers(48);
        Path data = dir.resolve("data");
        Path segment = dir.resolve("segment.shm");
        try (StorageEngine engine = StorageEngine.create(data, segment, settings.withBackgroundThreads(false));
                Session s = engine.session(0)) {
            BankWorkload.setup(s, ACCOUNTS);
        }
        Random random = new Random(42);
        Set<Long> acknowledged = new HashSet<>();
        int recoveries = 0;
        long replayed = 0;
        for (int i = 0; i < iterations; i++) {
            Path ack = dir.resolve("ack" + i);
            Path log = dir.resolve("worker" + i + ".log");
            Process worker = ChildJvm.start(CrashWorker.class, log, segment.toString(), data.toString(),
                    settings.encode(), Integer.toString(THREADS), Long.toString((i + 1) * 10_000_000L),
                    Integer.toString(ACCOUNTS), ack.toString());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(ack) || !Files.readString(ack).startsWith("READY\n")) {
                    if (!worker.isAlive() || System.nanoTime() > deadline) {
                        fail("iteration " + i + ": the worker did not start: " + Files.readString(log));
                    }
                    Thread.sleep(2);
                }
                // Kill at a random moment once the worker has done some work: after 1 to 30
                // acknowledged transfers (however loaded the machine is), plus up to 30 ms.
                int target = 1 + random.nextInt(30);
                while (Files.readString(ack).lines().count() <= target && System.nanoTime() < deadline) {
                    if (!worker.isAlive()) {
                        fail("iteration " + i + ": the worker died: " + Files.readString(log));
                    }
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(30));
                if (!worker.isAlive()) {
                    fail("iteration " + i + ": the worker died: " + Files.readString(log));
                }
            } finally {
                worker.destroyForcibly(); // SIGKILL
                worker.waitFor();
            }
            List<String> lines = Files.readString(ack).lines().toList();
            boolean complete = Files.readString(ack).endsWith("\n");
            for (int l = 1; l < lines.size(); l++) {
                if (l == lines.size() - 1 && !complete) {
                    break; // the kill cut this line short
                }
                acknowledged.add(Long.parseLong(lines.get(l)));
            }
            try (StorageEngine engine = StorageEngine.create(data, segment,
                    settings.withBackgroundThreads(false)); Session s = engine.session(0)) {
                if (engine.recoveryOutcome().performed()) {
                    recoveries++;
                    replayed += engine.recoveryOutcome().recordsReplayed();
                }
                BankWorkload.State state = BankWorkload.state(s);
                BankWorkload.checkIndex(s);
                String where = "iteration " + i;
                assertEquals(ACCOUNTS, state.accounts(), where);
                assertEquals(ACCOUNTS * BankWorkload.INITIAL_BALANCE, state.total(), where);
                assertEquals(2 * state.historyRows(), state.applied(), where + ": applied counters vs history");
                assertEquals(state.historyRows(), state.transferIds().size(), where + ": a transfer twice");
                Set<Long> missing = new HashSet<>(acknowledged);
                missing.removeAll(state.transferIds());
                if (!missing.isEmpty()) {
                    System.out.println("LOST " + missing + "\nrecovery " + engine.recoveryOutcome() + "\nworker log:\n"
                            + Files.readString(log) + "\nprevious worker log:\n"
                            + (i > 0 ? Files.readString(dir.resolve("worker" + (i - 1) + ".log")) : ""));
                }
                assertTrue(missing.isEmpty(), where + ": acknowledged but lost: " + missing);
                if (i % 2 == 1) {
                    engine.crash();
                }
            }
        }
        System.out.printf("crash torture: %d kills, %d recoveries, %d records replayed, %d acknowledged transfers"
                + " all present%n", iterations, recoveries, replayed, acknowledged.size());
        assertEquals(iterations, recoveries, "every kill needed a recovery");
        assertTrue(acknowledged.size() >= iterations, "the workers got work done: " + acknowledged.size());
    }
}
