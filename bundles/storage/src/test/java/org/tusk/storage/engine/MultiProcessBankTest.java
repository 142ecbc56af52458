package org.tusk.storage.engine;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The bank workload with backends in three JVMs at once: this one (which created the segment and
 * runs the checkpointer) and two children attached to the same segment and data directory. Row
 * waits, deadlocks and commits cross process boundaries through the shared lock tables, buffers,
 * WAL and commit log.
 */
class MultiProcessBankTest {

    private static final int ACCOUNTS = 8;
    private static final int TRANSFERS = 100;

    @TempDir
    Path dir;

    @Test
    void transfersFromThreeProcessesKeepTheInvariants() throws Exception {
        EngineSettings settings = EngineSettings.small().withSharedBuffers(32);
        Path data = dir.resolve("data");
        Path segment = dir.resolve("segment.shm");
        Path go = dir.resolve("go");
        try (StorageEngine engine = StorageEngine.create(data, segment, settings)) {
            Map<Integer, ItemPointer> index;
            try (Session s = engine.session(0)) {
                BankWorkload.setup(s, ACCOUNTS);
                index = BankWorkload.index(s);
            }
            List<Process> children = new ArrayList<>();
            List<Path> results = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            try {
                for (int c = 0; c < 2; c++) {
                    Path result = dir.resolve("result" + c);
                    Path log = dir.resolve("child" + c + ".log");
                    results.add(result);
                    logs.add(log);
                    children.add(ChildJvm.start(BankProcess.class, log, segment.toString(), data.toString(),
                            settings.encode(), Integer.toString(4 + 2 * c), "2", Integer.toString(TRANSFERS),
                            Integer.toString(ACCOUNTS), result.toString(), go.toString()));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (Path result : results) {
                    while (!Files.exists(result) || !Files.readString(result).startsWith("READY")) {
                        if (System.nanoTime() > deadline) {
                            fail("children did not attach in time: " + logs(logs));
                        }
                        Thread.sleep(5);
                    }
                }
                Files.createFile(go);
                List<CompletableFuture<BankWorkload.Counts>> mine = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int proc = 1 + t;
                    IsolationLevel level = t == 0 ? IsolationLevel.READ_COMMITTED : IsolationLevel.REPEATABLE_READ;
                    mine.add(CompletableFuture.supplyAsync(() -> {
                        try (Session s = engine.session(proc)) {
                            return BankWorkload.run(s, index, ACCOUNTS, TRANSFERS, proc * 1_000_000L, level, proc,
                                    id -> {
                                    });
                        }
                    }, r -> Thread.ofPlatform().start(r)));
                }
                long committed = 0;
                long deadlocks = 0;
                for (CompletableFuture<BankWorkload.Counts> w : mine) {
                    BankWorkload.Counts counts = w.get(120, TimeUnit.SECONDS);
                    committed += counts.committed;
                    deadlocks += counts.deadlocks;
                }
                for (int c = 0; c < children.size(); c++) {
                    Process p = children.get(c);
                    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child " + c + " finished");
                    assertEquals(0, p.exitValue(), "child " + c + " failed: " + logs(logs));
                    String[] done = Files.readString(results.get(c)).lines().filter(l -> l.startsWith("DONE"))
                            .findFirst().orElseThrow().split(" ");
                    committed += Long.parseLong(done[1]);
                    deadlocks += Long.parseLong(done[2]);
                }
                System.out.printf("multi-process bank: %d transfers committed by 3 processes, %d deadlock victims%n",
                        committed, deadlocks);
                assertEquals(6L * TRANSFERS, committed);
                try (Session s = engine.session(0)) {
                    BankWorkload.State state = BankWorkload.state(s);
                    BankWorkload.checkIndex(s);
                    assertEquals(ACCOUNTS * BankWorkload.INITIAL_BALANCE, state.total());
                    assertEquals(2 * committed, state.applied());
                    assertEquals(committed, state.historyRows());
                    assertEquals(committed, state.transferIds().size());
                }
            } finally {
                for (Process p : children) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static String logs(List<Path> logs) {
        StringBuilder b = new StringBuilder();
        for (Path log : logs) {
            try {
                b.append('\n').append(log).append(":\n").append(Files.readString(log));
            } catch (java.io.IOException e) {
                b.append("\n(no log ").append(log).append(')');
            }
        }
        return b.toString();
    }
}
