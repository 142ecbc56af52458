package org.tusk.storage.shmem;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LWLock between processes: two child JVMs and this one increment one non-atomic counter in the
 * mapped file under the exclusive lock. Any lost update would show in the total. Children are killed
 * if they do not finish in time.
 */
class CrossProcessLockTest {

    private static final int CHILDREN = 2;
    private static final int INCREMENTS = 100_000;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    @TempDir
    Path dir;

    @Test
    void lwlockExcludesAcrossProcesses() throws Exception {
        Path file = dir.resolve("seg");
        try (SharedMemory shm = SharedMemory.create(file, 64 * 1024)) {
            MemorySegment area = shm.allocate(CounterProcess.STRUCT, CounterProcess.SIZE);
            LWLock lock = LWLock.init(area, CounterProcess.LOCK);
            List<Process> children = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            try {
                for (int i = 0; i < CHILDREN; i++) {
                    Path log = dir.resolve("child" + i + ".log");
                    logs.add(log);
                    children.add(ChildJvm.start(CounterProcess.class, log, file.toString(), Integer.toString(INCREMENTS),
                            Integer.toString(i + 2)));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while ((int) INT.getVolatile(area, CounterProcess.READY) < CHILDREN) {
                    if (System.nanoTime() > deadline) {
                        fail("children did not attach in time" + output(logs));
                    }
                    Thread.sleep(5);
                }
                INT.setVolatile(area, CounterProcess.GO, 1);
                long started = System.nanoTime();
                CounterProcess.incrementUnderLock(area, lock, INCREMENTS, 1);
                for (Process child : children) {
                    long left = Math.max(1, deadline - System.nanoTime());
                    if (!child.waitFor(left, TimeUnit.NANOSECONDS)) {
                        fail("child did not finish in time" + output(logs));
                    }
                    assertEquals(0, child.exitValue(), "child exit status" + output(logs));
                }
                System.out.printf("%d processes x %d increments in %d ms, lock changed process %d times%n",
                        CHILDREN + 1, INCREMENTS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        area.get(ValueLayout.JAVA_LONG, CounterProcess.HANDOVERS));
            } finally {
                for (Process child : children) {
                    child.destroyForcibly();
                }
            }
            // Without overlap an exact count would prove nothing; the children start together on GO
            // and each needs milliseconds, so they always interleave at least once.
            assertTrue(area.get(ValueLayout.JAVA_LONG, CounterProcess.HANDOVERS) > 0, "processes never overlapped");
            assertEquals((long) (CHILDREN + 1) * INCREMENTS, area.get(ValueLayout.JAVA_LONG, CounterProcess.COUNTER));
            assertEquals(0, lock.state());
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
