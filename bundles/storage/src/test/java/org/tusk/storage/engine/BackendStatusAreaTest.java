package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.BackendActivity;

/**
 * The shared status area behind pg_stat_activity: one backend sees another's entry (also through a
 * second mapping of the segment, as a backend in another process would), texts are cut as
 * PostgreSQL cuts them, an entry goes with its session, and a reader never sees half a write.
 */
class BackendStatusAreaTest {

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

    static BackendActivity entry(List<BackendActivity> all, int pid) {
        return all.stream().filter(a -> a.pid() == pid).findFirst().orElse(null);
    }

    @Test
    void oneBackendSeesAnothersStateAndQuery() {
        AccessSession a = open(1001);
        AccessSession b = open(1002);
        a.reportBackendStart(1001, 5, "alice", "psql", 111);
        b.reportBackendStart(1002, 5, "bob", "", 222);
        a.reportActivity(BackendActivity.State.ACTIVE, "select pg_sleep(1)", 333, 444, 444);

        BackendActivity seen = entry(b.backendActivity(), 1001);
        assertEquals(new BackendActivity(1001, 5, "alice", "psql", BackendActivity.State.ACTIVE,
                "select pg_sleep(1)", 111, 333, 444, 444), seen);
        BackendActivity own = entry(b.backendActivity(), 1002);
        assertNull(own.state(), "no state before the first report");

        // null keeps the text: the statement ended, the backend is idle in its transaction
        a.reportActivity(BackendActivity.State.IDLE_IN_TRANSACTION, null, 333, 444, 555);
        seen = entry(b.backendActivity(), 1001);
        assertEquals(BackendActivity.State.IDLE_IN_TRANSACTION, seen.state());
        assertEquals("select pg_sleep(1)", seen.query());
        assertEquals(555, seen.stateChange());
    }

    @Test
    void anotherMappingOfTheSegmentSeesTheSameEntries() {
        AccessSession a = open(2001);
        a.reportBackendStart(2001, 7, "carol", "app", 1);
        a.reportActivity(BackendActivity.State.IDLE, "commit", 0, 2, 3);
        try (StorageEngine attached = StorageEngine.attach(dir.resolve("segment.shm"), dir.resolve("data"),
                EngineSettings.small().withBackgroundThreads(false))) {
            BackendActivity seen = entry(attached.backendStatus().read(), 2001);
            assertEquals("commit", seen.query());
            assertEquals("carol", seen.userName());
            assertEquals(BackendActivity.State.IDLE, seen.state());
        }
    }

    @Test
    void longTextsAreCutAtACharacterBoundary() {
        AccessSession a = open(3001);
        a.reportBackendStart(3001, 1, "u", "x".repeat(100), 0);
        // 1022 ASCII bytes, then a 2-byte character that would end past byte 1023: it is left out whole
        String query = "y".repeat(1022) + "é" + "z".repeat(50);
        a.reportActivity(BackendActivity.State.ACTIVE, query, 0, 0, 0);
        BackendActivity seen = entry(a.backendActivity(), 3001);
        assertEquals("x".repeat(63), seen.applicationName());
        assertEquals("y".repeat(1022), seen.query());

        String fits = "y".repeat(1021) + "é" + "z";
        a.reportActivity(BackendActivity.State.ACTIVE, fits, 0, 0, 0);
        seen = entry(a.backendActivity(), 3001);
        assertEquals(1023, seen.query().getBytes(StandardCharsets.UTF_8).length);
        assertEquals("y".repeat(1021) + "é", seen.query());
    }

    @Test
    void anEntryGoesWithItsSession() {
        AccessSession a = open(4001);
        AccessSession b = open(4002);
        a.reportBackendStart(4001, 1, "u", "", 0);
        assertEquals(4001, entry(b.backendActivity(), 4001).pid());
        a.close();
        assertNull(entry(b.backendActivity(), 4001));
    }

    @Test
    void aReaderNeverSeesHalfAWrite() throws Exception {
        AccessSession a = open(5001);
        AccessSession b = open(5002);
        a.reportBackendStart(5001, 1, "u", "", 0);
        String as = "a".repeat(900);
        String bs = "b".repeat(500);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (long i = 1; !stop.get(); i++) {
                    // new String objects, so the text is copied every time
                    boolean even = i % 2 == 0;
                    a.reportActivity(even ? BackendActivity.State.ACTIVE : BackendActivity.State.IDLE,
                            new String(even ? as : bs), i, i, i);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            for (int n = 0; n < 3_000; n++) {
                BackendActivity seen = entry(b.backendActivity(), 5001);
                if (seen.state() == null) {
                    continue;
                }
                boolean active = seen.state() == BackendActivity.State.ACTIVE;
                assertEquals(active ? as : bs, seen.query());
                assertEquals(seen.transactionStart(), seen.queryStart());
                assertEquals(seen.queryStart(), seen.stateChange());
                assertEquals(active, seen.stateChange() % 2 == 0);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertNull(failure.get());
        assertTrue(entry(b.backendActivity(), 5001).stateChange() > 0);
    }
}
