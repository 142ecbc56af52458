package org.tusk.storage.xact;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle.Status;

/** Xids are unique and dense, across threads and across processes attached to one segment. */
class XidAssignmentTest {

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    @TempDir
    Path dir;

    /** Checks entries of {@link XidProcess#run}: each xid once, and its final status. */
    private static void check(TransactionSystem system, long[] entries, Set<Long> seen) {
        for (long entry : entries) {
            long xid = entry / 2;
            assertTrue(seen.add(xid), "xid " + xid + " assigned twice");
            assertEquals(entry % 2 == 1 ? Status.COMMITTED : Status.ABORTED, system.status(xid), "xid " + xid);
        }
    }

    @Test
    void uniqueAcrossThreads() throws Exception {
        int threads = 8;
        int each = 3_000;
        try (Cluster cluster = new Cluster(dir, new TransactionSystem.Settings(threads, 8, 8))) {
            ConcurrentLinkedQueue<long[]> results = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                TransactionManager backend = cluster.backend(t);
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        results.add(XidProcess.run(backend, each));
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertTrue(errors.isEmpty(), () -> "errors: " + errors);
            Set<Long> all = new HashSet<>();
            for (long[] entries : results) {
                check(cluster.system, entries, all);
            }
            // Dense: exactly the ids from the first normal one up to the counter.
            assertEquals(TransactionIds.FIRST_NORMAL + all.size(), cluster.system.nextXid());
            assertEquals(threads * (each + (each + 2) / 3), all.size());
        }
    }

    @Test
    void uniqueAcrossTwoChildJvms() throws Exception {
        int children = 2;
        int each = 4_000;
        // Start shortly before a clog page boundary: the processes also extend pg_xact and pg_subtrans.
        long first = CommitLog.XIDS_PER_PAGE - 5_000;
        try (Cluster cluster = new Cluster(dir, new TransactionSystem.Settings(4, 8, 8), first)) {
            MemorySegment area = cluster.shm.allocate(XidProcess.STRUCT, XidProcess.SIZE);
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            try {
                for (int i = 0; i < children; i++) {
                    Path log = dir.resolve("child" + i + ".log");
                    Path output = dir.resolve("xids" + i + ".txt");
                    logs.add(log);
                    outputs.add(output);
                    processes.add(ChildJvm.start(XidProcess.class, log, cluster.shm.path().toString(), dir.toString(),
                            Integer.toString(i + 1), Integer.toString(each), output.toString(),
                            Integer.toString(children + 1)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((int) INT.getVolatile(area, XidProcess.READY) < children) {
                    if (System.nanoTime() > deadline) {
                        fail("children did not attach in time" + output(logs));
                    }
                    Thread.sleep(5);
                }
                INT.setVolatile(area, XidProcess.GO, 1);
                long[] mine = XidProcess.run(cluster.backend(0), each, area, children + 1);
                for (Process child : processes) {
                    if (!child.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        fail("child did not finish in time" + output(logs));
                    }
                    assertEquals(0, child.exitValue(), "child exit status" + output(logs));
                }
                Set<Long> all = new HashSet<>();
                check(cluster.system, mine, all);
                long maxOfParent = mine[mine.length - 1] / 2;
                long minOfChildren = Long.MAX_VALUE;
                for (Path output : outputs) {
                    long[] entries = Files.readAllLines(output).stream().mapToLong(Long::parseLong).toArray();
                    assertEquals(mine.length, entries.length);
                    minOfChildren = Math.min(minOfChildren, entries[0] / 2);
                    // Statuses the children wrote are read here, through this process's clog view.
                    check(cluster.system, entries, all);
                }
                assertEquals(first + all.size(), cluster.system.nextXid(), "dense");
                assertTrue(minOfChildren < maxOfParent, "the processes never overlapped");
            } finally {
                for (Process child : processes) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private static String output(List<Path> logs) {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            try {
                text.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            } catch (java.io.IOException e) {
                text.append("\n(no ").append(log).append(')');
            }
        }
        return text.toString();
    }
}
