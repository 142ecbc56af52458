package org.tusk.storage.lmgr;

import org.tusk.storage.testing.ChildJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tusk.storage.lmgr.LockFixture.rel;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock manager between processes: this JVM is backend 0, child JVMs ({@link LockScriptProcess},
 * started with the running JDK's java and the test class path) attach the same segment and are
 * backends 1 and 2. Waits, wake-ups and deadlock detection must work across the two address spaces exactly as
 * between threads, since all state is in the segment and waits are futexes on shared words.
 */
class CrossProcessLockManagerTest {

    private static final LockSettings SETTINGS = new LockSettings(4, 16);
    private static final int CHILD_PID = 4001;

    @TempDir
    Path dir;
    private LockFixture fx;
    private MemorySegment flags;
    private final List<Process> children = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fx = new LockFixture(dir, SETTINGS);
        flags = fx.shm.allocate(LockScriptProcess.FLAGS, 4L * LockScriptProcess.FLAG_COUNT);
    }

    @AfterEach
    void tearDown() {
        for (Process child : children) {
            child.destroyForcibly();
        }
        fx.close();
    }

    @Test
    void aChildProcessWaitsForOurLockAndGetsItWhenWeRelease() throws Exception {
        BackendLocks me = fx.backend(0);
        me.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
        Process child = start("lock:100:ACCESS_SHARE:1", "releaseAll");
        awaitWaiting(child, 1);
        assertEquals(List.of(new LockInfo(rel(100), LockMode.ACCESS_EXCLUSIVE, true, 0, LockFixture.pid(0)),
                new LockInfo(rel(100), LockMode.ACCESS_SHARE, false, 1, CHILD_PID)), fx.manager.snapshot());
        assertEquals(0, LockScriptProcess.get(flags, 1), "granted while we hold AccessExclusive");
        me.releaseAll();
        awaitExit(child);
        assertEquals(1, LockScriptProcess.get(flags, 1));
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void anotherProcessCancelsTheWait() throws Exception {
        BackendLocks me = fx.backend(0);
        me.acquire(rel(100), LockMode.ACCESS_EXCLUSIVE);
        // The child's second step only runs if the cancelled wait left the child holding nothing.
        Process child = start("lock:100:ROW_EXCLUSIVE:1", "lock:101:ACCESS_EXCLUSIVE:2", "releaseAll");
        awaitWaiting(child, 1);
        assertTrue(fx.manager.cancelWait(1)); // as the postmaster would, on a cancel request
        awaitExit(child);
        assertEquals(3, LockScriptProcess.get(flags, 1), "57014 in the child" + output());
        assertEquals(1, LockScriptProcess.get(flags, 2));
        assertEquals(List.of(new LockInfo(rel(100), LockMode.ACCESS_EXCLUSIVE, true, 0, LockFixture.pid(0))),
                fx.manager.snapshot());
        me.releaseAll();
        assertEquals(List.of(), fx.manager.verify());
    }

    @Test
    void aDeadlockBetweenProcessesHasExactlyOneVictim() throws Exception {
        BackendLocks me = fx.backend(0);
        me.acquire(rel(200), LockMode.ACCESS_EXCLUSIVE);
        // Child: take 201, say so, wait for our go, then ask for 200 (which we hold).
        Process child = start("lock:201:ACCESS_EXCLUSIVE:1", "set:2:1", "await:3:1",
                "lock:200:ACCESS_EXCLUSIVE:4", "releaseAll");
        if (!LockScriptProcess.await(flags, 2, 1)) {
            fail("child did not take its first lock" + output());
        }
        LockScriptProcess.set(flags, 3, 1);
        LockException mine = null;
        try {
            me.acquire(rel(201), LockMode.ACCESS_EXCLUSIVE); // closes the cycle
        } catch (LockException e) {
            mine = e;
        } finally {
            me.releaseAll();
        }
        awaitExit(child);
        int childOutcome = LockScriptProcess.get(flags, 4);
        if (mine != null) {
            assertEquals("40P01", mine.sqlState());
            assertEquals("Process 1000 waits for AccessExclusiveLock on relation 201 of database 5; blocked by process 4001.\n"
                    + "Process 4001 waits for AccessExclusiveLock on relation 200 of database 5; blocked by process 1000.",
                    mine.detail());
            assertEquals(1, childOutcome, "the child proceeds once the victim is gone" + output());
        } else {
            assertEquals(2, childOutcome, "neither process was chosen as victim" + output());
            assertTrue(output().contains("Process 4001 waits for AccessExclusiveLock on relation 200 of database 5;"
                    + " blocked by process 1000."), output());
        }
        assertEquals(0, fx.manager.locksInUse());
    }

    @Test
    void aDeadlockBetweenTwoChildProcessesHasExactlyOneVictim() throws Exception {
        // Each child takes one relation, reports, waits for the go, then asks for the other's.
        Process first = start(1, 4001, "lock:300:ACCESS_EXCLUSIVE:1", "set:2:1", "await:9:1",
                "lock:301:ACCESS_EXCLUSIVE:3", "releaseAll");
        Process second = start(2, 4002, "lock:301:ACCESS_EXCLUSIVE:4", "set:5:1", "await:9:1",
                "lock:300:ACCESS_EXCLUSIVE:6", "releaseAll");
        if (!LockScriptProcess.await(flags, 2, 1) || !LockScriptProcess.await(flags, 5, 1)) {
            fail("children did not take their first locks" + output());
        }
        LockScriptProcess.set(flags, 9, 1);
        awaitExit(first);
        awaitExit(second);
        List<Integer> outcomes = List.of(LockScriptProcess.get(flags, 3), LockScriptProcess.get(flags, 6));
        assertTrue(outcomes.equals(List.of(1, 2)) || outcomes.equals(List.of(2, 1)),
                "one victim (2), one success (1): " + outcomes + output());
        String victimLine = outcomes.get(0) == 2
                ? "Process 4001 waits for AccessExclusiveLock on relation 301 of database 5; blocked by process 4002."
                : "Process 4002 waits for AccessExclusiveLock on relation 300 of database 5; blocked by process 4001.";
        assertTrue(output().contains("40P01 deadlock detected\n" + victimLine), output());
        assertEquals(0, fx.manager.locksInUse());
    }

    private Process start(String... steps) throws IOException {
        return start(1, CHILD_PID, steps);
    }

    private Process start(int proc, int pid, String... steps) throws IOException {
        List<String> command = new ArrayList<>(List.of(fx.shm.path().toString(),
                Integer.toString(SETTINGS.maxProcs()), Integer.toString(SETTINGS.maxLocksPerTransaction()),
                Integer.toString(proc), Integer.toString(pid), Long.toString(LockFixture.DEADLOCK_TIMEOUT.toMillis())));
        command.addAll(List.of(steps));
        Path log = dir.resolve("child" + proc + ".log");
        logs.add(log);
        Process child = ChildJvm.start(LockScriptProcess.class, log, command.toArray(String[]::new));
        children.add(child);
        return child;
    }

    private void awaitWaiting(Process child, int proc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LockFixture.LIMIT_SECONDS);
        while (!fx.manager.isWaiting(proc)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("child never waited for the lock" + output());
            }
            Thread.sleep(2);
        }
    }

    private void awaitExit(Process child) throws InterruptedException {
        if (!child.waitFor(LockFixture.LIMIT_SECONDS, TimeUnit.SECONDS)) {
            fail("child did not finish" + output());
        }
        assertEquals(0, child.exitValue(), "child exit status" + output());
    }

    private String output() {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            try {
                text.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            } catch (IOException e) {
                text.append("\n(no ").append(log.getFileName()).append(')');
            }
        }
        return text.toString();
    }
}
