package org.tusk.storage.xact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.Snapshot;

/**
 * The pruning horizon never passes a snapshot in use (what keeps a row version a statement found, and
 * so its TID, from being pruned while the statement runs): while backends take READ COMMITTED
 * statement snapshots (first ones of transactions without an xid, and later ones that move the
 * backend's xmin forward) and others assign xids, commit and abort, a thread computes
 * {@link TransactionSystem#globalXmin()} over and over. Every horizon computed before a snapshot's
 * last use must be at or below its xmin: one computed while the snapshot was in use must respect it
 * (GetSnapshotData and ComputeXidHorizons under ProcArrayLock), and one computed before it was
 * taken is below every xid still running then, so below its xmin anyway. Each reader checks, at the
 * end of each statement, the highest horizon published so far.
 */
class HorizonTest {

    @TempDir
    Path dir;

    @Test
    void theHorizonNeverPassesASnapshotInUse() throws Exception {
        try (Cluster cluster = new Cluster(dir, new TransactionSystem.Settings(6, 8, 8))) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong highestHorizon = new AtomicLong();
            AtomicLong checks = new AtomicLong();
            AtomicReference<String> violation = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                TransactionManager reader = cluster.backend(r);
                boolean writes = r == 1;
                threads.add(Thread.ofPlatform().unstarted(() -> {
                    while (!stop.get()) {
                        reader.begin(IsolationLevel.READ_COMMITTED);
                        for (int statement = 0; statement < 3; statement++) {
                            Snapshot s = reader.statementSnapshot();
                            if (writes && statement == 1) {
                                reader.currentXid();
                            }
                            Thread.onSpinWait();
                            long horizon = highestHorizon.get();
                            checks.incrementAndGet();
                            if (horizon > s.xmin()) {
                                violation.compareAndSet(null, "horizon " + horizon + " passed " + s);
                            }
                        }
                        reader.commit();
                    }
                }));
            }
            for (int w = 2; w < 5; w++) {
                TransactionManager writer = cluster.backend(w);
                threads.add(Thread.ofPlatform().unstarted(() -> {
                    for (long n = 0; !stop.get(); n++) {
                        writer.begin(IsolationLevel.READ_COMMITTED);
                        writer.currentXid();
                        if (n % 5 == 0) {
                            writer.abort();
                        } else {
                            writer.commit();
                        }
                    }
                }));
            }
            threads.add(Thread.ofPlatform().unstarted(() -> {
                while (!stop.get()) {
                    long horizon = cluster.system.globalXmin();
                    highestHorizon.accumulateAndGet(horizon, Math::max);
                }
            }));
            threads.forEach(Thread::start);
            Thread.sleep(1500);
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertTrue(violation.get() == null, violation.get());
            assertTrue(checks.get() > 1000, "only " + checks.get() + " statements checked");
        }
    }
}
