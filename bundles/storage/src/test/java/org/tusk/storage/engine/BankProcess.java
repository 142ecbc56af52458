package org.tusk.storage.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/**
 * A backend process of {@link MultiProcessBankTest}: attaches to the running cluster's segment,
 * says READY (a line in its result file), waits for the GO file, runs the bank workload on a few
 * sessions (threads) and writes "DONE committed deadlocks serializationFailures".
 *
 * <p>Usage: {@code BankProcess SEGMENT DATA_DIR SETTINGS FIRST_PROC THREADS TRANSFERS ACCOUNTS RESULT GO}.
 */
public final class BankProcess {

    private BankProcess() {
    }

    public static void main(String[] args) throws Exception {
        EngineSettings settings = EngineSettings.decode(args[2]);
        int firstProc = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int transfers = Integer.parseInt(args[5]);
        int accounts = Integer.parseInt(args[6]);
        Path result = Path.of(args[7]);
        Path go = Path.of(args[8]);
        try (StorageEngine engine = StorageEngine.attach(Path.of(args[0]), Path.of(args[1]), settings)) {
            Map<Integer, ItemPointer> index;
            try (Session s = engine.session(firstProc)) {
                index = BankWorkload.index(s);
            }
            Files.writeString(result, "READY\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(go)) {
                if (System.nanoTime() > deadline) {
                    System.exit(3);
                }
                Thread.sleep(2);
            }
            List<CompletableFuture<BankWorkload.Counts>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int proc = firstProc + t;
                IsolationLevel level = t % 2 == 0 ? IsolationLevel.READ_COMMITTED : IsolationLevel.REPEATABLE_READ;
                workers.add(CompletableFuture.supplyAsync(() -> {
                    try (Session s = engine.session(proc)) {
                        return BankWorkload.run(s, index, accounts, transfers, proc * 1_000_000L, level, proc,
                                id -> {
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
            Files.writeString(result, "READY\nDONE " + committed + " " + deadlocks + " " + serialization + "\n");
        }
        System.exit(0);
    }
}
