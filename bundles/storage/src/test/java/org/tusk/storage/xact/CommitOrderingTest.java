package org.tusk.storage.xact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;

/**
 * The commit ordering rule under concurrency: writers commit and abort (with savepoints, some rolled
 * back) while readers take snapshots; every xid below a snapshot's xmax that the snapshot does not
 * list as running must already have its final status in the clog.
 */
class CommitOrderingTest {

    @TempDir
    Path dir;

    @Test
    void everyXidASnapshotSeesFinishedHasItsFinalStatus() throws Exception {
        int writers = 4;
        int readers = 2;
        int transactionsEach = 3_000;
        try (Cluster cluster = new Cluster(dir, new TransactionSystem.Settings(writers + readers, 4, 4))) {
            TransactionSystem system = cluster.system;
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong checked = new AtomicLong();
            // The writers start once every reader is reading, so that the check overlaps the writes
            // however the threads are scheduled (on a busy machine the writers could otherwise be done
            // before a reader takes its first snapshot).
            java.util.concurrent.CountDownLatch readersRunning = new java.util.concurrent.CountDownLatch(readers);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                TransactionManager backend = cluster.backend(w);
                backend.setSynchronousCommit(w % 2 == 0);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        readersRunning.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        // Past transactionsEach, writers go on until the readers have checked enough xids:
                        // on a loaded machine the readers may get no CPU while the writers run.
                        for (int i = 0; i < transactionsEach || checked.get() <= 1_000 && i < 50 * transactionsEach; i++) {
                            backend.begin(IsolationLevel.READ_COMMITTED);
                            backend.currentXid();
                            if (random.nextInt(3) == 0) {
                                backend.savepoint("s");
                                backend.currentXid();
                                if (random.nextBoolean()) {
                                    backend.rollbackToSavepoint("s");
                                }
                            }
                            if (random.nextInt(4) == 0) {
                                backend.abort();
                            } else {
                                backend.commit();
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            List<Thread> readerThreads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                TransactionManager backend = cluster.backend(writers + r);
                readerThreads.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (!done.get()) {
                            backend.begin(IsolationLevel.READ_COMMITTED);
                            Snapshot snapshot = backend.statementSnapshot();
                            long from = Math.max(TransactionIds.FIRST_NORMAL, snapshot.xmin() - 50);
                            for (long xid = from; xid < snapshot.xmax(); xid++) {
                                if (!snapshot.isRunning(xid)) {
                                    int bits = system.commitLog().status(xid);
                                    if (bits != CommitLog.COMMITTED && bits != CommitLog.ABORTED) {
                                        throw new AssertionError("xid " + xid + " finished for " + snapshot
                                                + " but its clog state is " + bits);
                                    }
                                    checked.incrementAndGet();
                                }
                            }
                            backend.commit();
                            readersRunning.countDown();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            done.set(true);
            for (Thread thread : readerThreads) {
                thread.join();
            }
            assertTrue(errors.isEmpty(), () -> "errors: " + errors);
            assertTrue(checked.get() > 1_000, "readers checked only " + checked.get() + " xids");
            for (long xid = TransactionIds.FIRST_NORMAL; xid < system.nextXid(); xid++) {
                int bits = system.commitLog().status(xid);
                assertTrue(bits == CommitLog.COMMITTED || bits == CommitLog.ABORTED, "xid " + xid + " ended " + bits);
            }
        }
    }
}
