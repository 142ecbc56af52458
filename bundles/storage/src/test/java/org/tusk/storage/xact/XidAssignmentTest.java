package org.tusk.storage.xact;

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
            for (long[] xids : results) {
                for (long xid : xids) {
                    assertTrue(all.add(xid), "xid " + xid + " assigned twice");
                }
            }
            assertEquals(threads * each, all.size());
            // Dense: exactly the ids from the first normal one up to the counter.
            assertEquals(TransactionIds.FIRST_NORMAL + threads * each, cluster.system.nextXid());
            // Every one ended (commit or abort) and says so.
            for (long xid = TransactionIds.FIRST_NORMAL; xid < cluster.system.nextXid(); xid++) {
                assertTrue(cluster.system.status(xid) != Status.IN_PROGRESS, "xid " + xid);
            }
        }
    }

    @Test
    void uniqueAcrossTwoChildJvms() throws Exception {
        int children = 2;
        int each = 4_000;
        try (Cluster cluster = new Cluster(dir, new TransactionSystem.Settings(4, 8, 8))) {
            MemorySegment area = cluster.shm.allocate(XidProcess.STRUCT, XidProcess.SIZE);
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<Process> processes = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            try {
                for (int i = 0; i < children; i++) {
                    Path log = dir.resolve("child" + i + ".log");
                    Path output = dir.resolve("xids" + i + ".txt");
                    logs.add(log);
                    outputs.add(output);
                    processes.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                            XidProcess.class.getName(), cluster.shm.path().toString(), dir.toString(),
                            Integer.toString(i + 1), Integer.toString(each), output.toString())
                            .redirectErrorStream(true).redirectOutput(log.toFile()).start());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((int) INT.getVolatile(area, XidProcess.READY) < children) {
                    if (System.nanoTime() > deadline) {
                        fail("children did not attach in time" + output(logs));
                    }
                    Thread.sleep(5);
                }
                INT.setVolatile(area, XidProcess.GO, 1);
                long[] mine = XidProcess.run(cluster.backend(0), each);
                for (Process child : processes) {
                    if (!child.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        fail("child did not finish in time" + output(logs));
                    }
                    assertEquals(0, child.exitValue(), "child exit status" + output(logs));
                }
                Set<Long> all = new HashSet<>();
                for (long xid : mine) {
                    all.add(xid);
                }
                long maxOfParent = mine[mine.length - 1];
                long minOfChildren = Long.MAX_VALUE;
                for (Path output : outputs) {
                    List<String> lines = Files.readAllLines(output);
                    assertEquals(each, lines.size());
                    for (String line : lines) {
                        long xid = Long.parseLong(line);
                        minOfChildren = Math.min(minOfChildren, xid);
                        assertTrue(all.add(xid), "xid " + xid + " assigned twice");
                    }
                }
                assertEquals((children + 1) * each, all.size());
                assertEquals(TransactionIds.FIRST_NORMAL + (children + 1) * each, cluster.system.nextXid());
                assertTrue(minOfChildren < maxOfParent, "the processes never overlapped");
                // Statuses written by the children are visible here: even transactions committed.
                for (Path output : outputs) {
                    List<String> lines = Files.readAllLines(output);
                    for (int i = 0; i < lines.size(); i++) {
                        assertEquals(i % 2 == 0 ? Status.COMMITTED : Status.ABORTED,
                                cluster.system.status(Long.parseLong(lines.get(i))));
                    }
                }
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
