package org.tusk.storage.xact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;

/**
 * Rough figures for the README, not a test (timings are too noisy to assert on). Run by hand:
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes
 * org.tusk.storage.xact.XactBench}. The WAL is the recording fake (no I/O), so commit figures are the
 * transaction machinery's own cost.
 */
public final class XactBench {

    private XactBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tusk-xact-bench");
        int procs = 100;
        try (Cluster cluster = new Cluster(dir, TransactionSystem.Settings.defaults(procs))) {
            TransactionManager backend = cluster.backend(0);
            backend.setSynchronousCommit(false);
            for (int round = 0; round < 3; round++) {
                cluster.wal.records.clear();
                int n = 200_000;
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    backend.begin(IsolationLevel.READ_COMMITTED);
                    backend.currentXid();
                    backend.commit();
                }
                long commitNs = (System.nanoTime() - t) / n;
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    backend.begin(IsolationLevel.READ_COMMITTED);
                    backend.statementSnapshot();
                    backend.commit();
                }
                long readOnlyNs = (System.nanoTime() - t) / n;
                long probe = TransactionIds.FIRST_NORMAL + round * 1000L;
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    backend.status(probe + i % 1000);
                }
                long statusNs = (System.nanoTime() - t) / n;
                System.out.printf("1 backend, %d procs: write txn (xid + commit) %d ns, read-only txn (snapshot) %d ns, "
                        + "status of a finished xid %d ns%n", procs, commitNs, readOnlyNs, statusNs);
            }
            // Snapshots with 20 other backends each holding a transaction with 5 subxids.
            List<TransactionManager> others = new ArrayList<>();
            for (int p = 1; p <= 20; p++) {
                TransactionManager other = cluster.backend(p);
                other.begin(IsolationLevel.READ_COMMITTED);
                other.currentXid();
                for (int s = 0; s < 5; s++) {
                    other.savepoint("s" + s);
                    other.currentXid();
                }
                others.add(other);
            }
            for (int round = 0; round < 3; round++) {
                int n = 200_000;
                long t = System.nanoTime();
                Snapshot last = null;
                for (int i = 0; i < n; i++) {
                    last = cluster.system.snapshot(0, 0, true);
                }
                System.out.printf("snapshot with %d running xids out of %d procs: %d ns%n", last.inProgress().length,
                        procs, (System.nanoTime() - t) / n);
            }
            for (TransactionManager other : others) {
                other.commit();
            }
        }
    }
}
