package org.tusk.storage.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads inserting and committing at once: the log must hold every record exactly once, in LSN
 * order with an unbroken prev-link chain; and commits must share fsyncs (group commit).
 */
class ConcurrentInsertTest {

    private static final int THREADS = 8;

    @TempDir
    Path dir;

    /** A record whose main data says who wrote it and its sequence number, padded to a varying length. */
    static WalRecordBuilder tagged(int writer, int sequence) {
        int length = 8 + (sequence * 37 + writer * 101) % 600;
        ByteBuffer data = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(writer).putInt(sequence);
        return new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NOOP, writer).mainData(data.array());
    }

    /** Reads the whole log from {@code first}; asserts that each writer's records are all there, in order. */
    static int checkLog(WalReader reader, long first, int writers, int perWriter) {
        int[] next = new int[writers];
        int count = 0;
        long previous = 0;
        for (WalRecord r = reader.read(first); r != null; r = reader.next()) {
            if (r.rmid() != RmgrIds.XLOG || r.info() != RmgrIds.XLOG_NOOP) {
                continue;
            }
            assertTrue(r.lsn() > previous);
            previous = r.lsn();
            ByteBuffer data = r.mainDataBuffer();
            int writer = data.getInt();
            int sequence = data.getInt();
            assertEquals(next[writer], sequence, "writer " + writer + "'s records in order, none missing");
            next[writer]++;
            count++;
        }
        for (int w = 0; w < writers; w++) {
            assertEquals(perWriter, next[w], "records of writer " + w + " (log ended: " + reader.errorMessage() + ")");
        }
        return count;
    }

    @Test
    void concurrentInsertersProduceACompleteOrderedLog() throws Exception {
        int perThread = 3000;
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(16))) {
            Wal wal = cluster.wal;
            long first = wal.insertPosition();
            runThreads(THREADS, t -> {
                for (int i = 0; i < perThread; i++) {
                    Wal.Inserted at = wal.insert(tagged(t, i));
                    if (i % 500 == 0) {
                        wal.flush(at.end());
                    }
                }
            });
            wal.flush(wal.insertPosition());
            try (WalReader reader = cluster.reader()) {
                assertEquals(THREADS * perThread, checkLog(reader, first, THREADS, perThread));
            }
            assertEquals(THREADS * perThread, wal.stats().records());
        }
    }

    @Test
    void simultaneousCommitsShareOneFsync() throws Exception {
        int rounds = 10;
        WalSettings settings = WalSettings.defaults().withWalBuffers(64); // fsync on: real fdatasync
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            Wal wal = cluster.wal;
            Wal.Stats before = wal.stats();
            CyclicBarrier inserted = new CyclicBarrier(THREADS);
            CyclicBarrier committed = new CyclicBarrier(THREADS);
            runThreads(THREADS, t -> {
                for (int round = 0; round < rounds; round++) {
                    Wal.Inserted at = wal.insert(tagged(t, round));
                    await(inserted);
                    // Every commit record of the round is in the buffers: the first committer to get the
                    // write lock writes and syncs them all, the others find theirs already durable.
                    wal.commit(at.end());
                    assertTrue(wal.flushedUpTo() >= at.end());
                    await(committed);
                }
            });
            Wal.Stats after = wal.stats();
            assertEquals(THREADS * rounds, after.commits() - before.commits());
            assertEquals(rounds, after.syncs() - before.syncs(), "one fdatasync per round of " + THREADS + " commits");
        }
    }

    @Test
    void freeRunningCommitsAreGrouped() throws Exception {
        int perThread = 100;
        WalSettings settings = WalSettings.defaults().withWalBuffers(64);
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            Wal wal = cluster.wal;
            Wal.Stats before = wal.stats();
            runThreads(THREADS, t -> {
                for (int i = 0; i < perThread; i++) {
                    Wal.Inserted at = wal.insert(tagged(t, i));
                    wal.commit(at.end());
                    assertTrue(wal.flushedUpTo() >= at.end(), "commit returned before its record was durable");
                }
            });
            Wal.Stats after = wal.stats();
            long commits = after.commits() - before.commits();
            long syncs = after.syncs() - before.syncs();
            assertEquals(THREADS * perThread, commits);
            assertTrue(syncs > 0 && syncs < commits, syncs + " fdatasyncs for " + commits + " commits");
        }
    }

    @Test
    void asynchronousCommitIsFlushedByTheWalWriter() throws Exception {
        WalSettings settings = WalTestCluster.fastSettings(16).withSynchronousCommit(false);
        try (WalTestCluster cluster = WalTestCluster.start(dir, settings)) {
            Wal wal = cluster.wal;
            Wal.Inserted at = wal.insert(tagged(0, 0));
            wal.commit(at.end());
            assertTrue(wal.flushedUpTo() < at.end(), "synchronous_commit off returns without flushing");
            assertEquals(at.end(), wal.asyncCommitLsn());
            WalWriter writer = new WalWriter(wal);
            assertTrue(writer.runOnce());
            assertTrue(wal.flushedUpTo() >= at.end());
            assertTrue(!writer.runOnce(), "nothing left to do");
            // The thread variant: its last round on stop makes everything durable.
            writer.start();
            Wal.Inserted later = wal.insert(tagged(0, 1));
            wal.commit(later.end());
            writer.stop();
            assertTrue(wal.flushedUpTo() >= later.end());
        }
    }

    interface Body {
        void run(int thread) throws Exception;
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void runThreads(int count, Body body) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    body.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(60_000);
            assertTrue(!thread.isAlive(), "thread stuck");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
