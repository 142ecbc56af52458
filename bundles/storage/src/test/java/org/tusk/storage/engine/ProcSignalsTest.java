package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.BackendSignal;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationLockMode;

/**
 * Cancel and terminate requests between backends travel through the segment: a backend registered
 * for its process ID gets them on its handler (also when the sender maps the segment separately, as a
 * backend of another process would), an unknown process ID is refused, a backend that stopped
 * receiving gets nothing, and a backend asleep in a lock wait is woken with 57014.
 */
class ProcSignalsTest {

    @TempDir
    Path dir;
    StorageEngine engine;
    final List<AccessSession> sessions = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"),
                EngineSettings.small().withBackgroundThreads(false));
    }

    @AfterEach
    void stop() {
        sessions.forEach(AccessSession::close);
        engine.shutdown();
    }

    AccessSession open(int pid) {
        AccessSession s = AccessSession.open(engine, engine.openSession(pid));
        sessions.add(s);
        return s;
    }

    static BackendSignal next(BlockingQueue<BackendSignal> received) throws InterruptedException {
        BackendSignal s = received.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no signal delivered within 10 s");
        }
        return s;
    }

    @Test
    void aSignalReachesTheBackendWithThatProcessId() throws Exception {
        AccessSession target = open(7001);
        AccessSession other = open(7002);
        AccessSession sender = open(7003);
        BlockingQueue<BackendSignal> received = new LinkedBlockingQueue<>();
        BlockingQueue<BackendSignal> otherReceived = new LinkedBlockingQueue<>();
        target.receiveSignals(7001, received::add);
        other.receiveSignals(7002, otherReceived::add);

        assertTrue(sender.backendAlive(7001));
        assertTrue(sender.signalBackend(7001, BackendSignal.CANCEL));
        assertEquals(BackendSignal.CANCEL, next(received));
        assertTrue(sender.signalBackend(7001, BackendSignal.TERMINATE));
        assertEquals(BackendSignal.TERMINATE, next(received));
        assertTrue(otherReceived.isEmpty(), "only the addressed backend hears it");
    }

    @Test
    void anUnknownOrEndedBackendIsRefused() {
        AccessSession sender = open(7101);
        assertFalse(sender.signalBackend(424242, BackendSignal.CANCEL));
        assertFalse(sender.backendAlive(424242));
        assertFalse(sender.signalBackend(0, BackendSignal.TERMINATE), "0 is no process ID");

        AccessSession target = open(7102);
        target.receiveSignals(7102, s -> { });
        assertTrue(sender.backendAlive(7102));
        target.close();
        assertFalse(sender.backendAlive(7102));
        assertFalse(sender.signalBackend(7102, BackendSignal.CANCEL));
    }

    @Test
    void aSenderMappingTheSegmentSeparatelyReachesTheBackend() throws Exception {
        AccessSession target = open(7201);
        BlockingQueue<BackendSignal> received = new LinkedBlockingQueue<>();
        target.receiveSignals(7201, received::add);
        try (StorageEngine attached = StorageEngine.attach(dir.resolve("segment.shm"), dir.resolve("data"),
                EngineSettings.small().withBackgroundThreads(false))) {
            assertEquals(target.engineSession().procNumber(), attached.procSignals().procOf(7201));
            assertTrue(attached.procSignals().send(7201, ProcSignals.TERMINATE));
        }
        assertEquals(BackendSignal.TERMINATE, next(received));
    }

    @Test
    void aBackendInALockWaitIsWokenWithACancel() throws Exception {
        AccessSession holder = open(7301);
        AccessSession waiter = open(7302);
        AccessSession sender = open(7303);
        BlockingQueue<BackendSignal> received = new LinkedBlockingQueue<>();
        waiter.receiveSignals(7302, received::add);
        holder.begin(Isolation.READ_COMMITTED);
        holder.lockRelation(5, 16400, RelationLockMode.ACCESS_EXCLUSIVE, false);
        waiter.begin(Isolation.READ_COMMITTED);
        CompletableFuture<Void> waits = CompletableFuture.runAsync(
                () -> waiter.lockRelation(5, 16400, RelationLockMode.ACCESS_SHARE, false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!engine.lockManager().isWaiting(waiter.engineSession().procNumber())) {
            assertTrue(System.nanoTime() < deadline, "the waiter never started waiting");
            Thread.sleep(5);
        }
        assertTrue(sender.signalBackend(7302, BackendSignal.CANCEL));
        ExecutionException e = assertThrows(ExecutionException.class, () -> waits.get(10, TimeUnit.SECONDS));
        AccessException cause = (AccessException) e.getCause();
        assertEquals("57014", cause.sqlState());
        assertEquals("canceling statement due to user request", cause.getMessage());
        assertEquals(BackendSignal.CANCEL, next(received));
        waiter.abort();
        holder.commit();

        // The next statement's lock waits are not canceled again.
        waiter.begin(Isolation.READ_COMMITTED);
        waiter.startStatement();
        waiter.lockRelation(5, 16400, RelationLockMode.ACCESS_SHARE, false);
        waiter.commit();
    }
}
