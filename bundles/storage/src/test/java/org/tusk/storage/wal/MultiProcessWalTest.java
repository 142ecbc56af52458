package org.tusk.storage.wal;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two child JVMs and this one insert into the same shared WAL buffers and flush to the same pg_wal:
 * the log must be complete and valid, with the three writers' records interleaved.
 */
class MultiProcessWalTest {

    private static final int CHILDREN = 2;
    private static final int RECORDS = 4000;
    private static final int WAL_BUFFERS = 16;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    @TempDir
    Path dir;

    @Test
    void processesShareTheWal() throws Exception {
        try (WalTestCluster cluster = WalTestCluster.start(dir, WalTestCluster.fastSettings(WAL_BUFFERS))) {
            MemorySegment sync = cluster.shmem.allocate(WalInsertProcess.STRUCT, WalInsertProcess.SIZE);
            long first = cluster.wal.insertPosition();
            List<Process> children = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            try {
                for (int i = 0; i < CHILDREN; i++) {
                    Path log = dir.resolve("child" + i + ".log");
                    logs.add(log);
                    children.add(ChildJvm.start(WalInsertProcess.class, log, cluster.shmem.path().toString(), dir.toString(), Integer.toString(WAL_BUFFERS),
                            Integer.toString(RECORDS), Integer.toString(i + 1)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((int) INT.getVolatile(sync, WalInsertProcess.READY) < CHILDREN) {
                    if (System.nanoTime() > deadline) {
                        fail("children did not attach in time" + output(logs));
                    }
                    Thread.sleep(5);
                }
                INT.setVolatile(sync, WalInsertProcess.GO, 1);
                WalInsertProcess.insert(cluster.wal, 0, RECORDS);
                for (Process child : children) {
                    if (!child.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        fail("child did not finish in time" + output(logs));
                    }
                    assertEquals(0, child.exitValue(), "child exit status" + output(logs));
                }
            } finally {
                for (Process child : children) {
                    child.destroyForcibly();
                }
            }
            assertTrue(cluster.wal.flushedUpTo() >= cluster.wal.insertPosition() - WalAddressing.SHORT_HEADER);
            try (WalReader reader = cluster.reader()) {
                assertEquals((CHILDREN + 1) * RECORDS, ConcurrentInsertTest.checkLog(reader, first, CHILDREN + 1,
                        RECORDS));
            }
            int switches = 0;
            int lastWriter = -1;
            try (WalReader reader = cluster.reader()) {
                for (WalRecord r = reader.read(first); r != null; r = reader.next()) {
                    int writer = ByteBuffer.wrap(r.mainData()).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    if (lastWriter >= 0 && writer != lastWriter) {
                        switches++;
                    }
                    lastWriter = writer;
                }
            }
            assertTrue(switches > 0, "the processes' insertions never interleaved");
            System.out.printf("%d processes x %d records, writer changed %d times in the log%n", CHILDREN + 1, RECORDS,
                    switches);
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
