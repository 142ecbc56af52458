package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.CumulativeStats;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationCounts;

/**
 * The shared cumulative statistics: what a session counted reaches the shared entries only when its
 * transaction ends, turned into live and dead tuples by commit or abort as PostgreSQL does; another
 * session and a second mapping of the segment see them; resets zero them; a clean shutdown keeps them
 * for the next start and a crash loses them.
 */
class StatsAreaTest {

    @TempDir
    Path dir;
    StorageEngine engine;
    final List<AccessSession> sessions = new ArrayList<>();

    private StorageEngine start() {
        engine = StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"),
                EngineSettings.small().withBackgroundThreads(false));
        return engine;
    }

    @AfterEach
    void stop() {
        sessions.forEach(AccessSession::close);
        sessions.clear();
        if (engine != null) {
            engine.shutdown();
        }
    }

    private AccessSession open(int pid) {
        AccessSession s = AccessSession.open(engine, engine.openSession(pid));
        s.reportBackendStart(pid, 5, "alice", "", 1);
        sessions.add(s);
        return s;
    }

    private static long[] read(AccessSession s, int object) {
        long[] values = new long[CumulativeStats.FIELDS];
        s.readStats(5, object, values);
        return values;
    }

    @Test
    void countsReachOtherSessionsAtTransactionEnd() {
        start();
        AccessSession a = open(101);
        AccessSession b = open(102);
        a.begin(Isolation.READ_COMMITTED);
        RelationCounts t = a.relationCounts(5, 16400);
        t.scanStarted();
        t.tupleReturned();
        t.tupleReturned();
        t.tuplesInserted(5);
        t.tupleUpdated(true);
        t.tupleDeleted();
        assertFalse(b.readStats(5, 16400, new long[CumulativeStats.FIELDS]), "nothing before the commit");
        a.commit();
        long[] seen = read(b, 16400);
        assertEquals(1, seen[CumulativeStats.NUMSCANS]);
        assertEquals(2, seen[CumulativeStats.TUPLES_RETURNED]);
        assertEquals(5, seen[CumulativeStats.TUPLES_INSERTED]);
        assertEquals(1, seen[CumulativeStats.TUPLES_HOT_UPDATED]);
        assertEquals(4, seen[CumulativeStats.LIVE_TUPLES]);
        assertEquals(2, seen[CumulativeStats.DEAD_TUPLES]);
        assertEquals(7, seen[CumulativeStats.CHANGES_SINCE_ANALYZE]);
        long[] db = read(b, CumulativeStats.DATABASE_ENTRY);
        assertEquals(1, db[CumulativeStats.XACT_COMMIT]);
        assertEquals(5, db[CumulativeStats.DB_TUPLES_INSERTED]);

        // An abort: the inserts still count as inserted, and leave dead tuples instead of live ones.
        a.begin(Isolation.READ_COMMITTED);
        a.relationCounts(5, 16400).tuplesInserted(3);
        a.abort();
        seen = read(b, 16400);
        assertEquals(8, seen[CumulativeStats.TUPLES_INSERTED]);
        assertEquals(4, seen[CumulativeStats.LIVE_TUPLES]);
        assertEquals(5, seen[CumulativeStats.DEAD_TUPLES]);
        assertEquals(1, read(b, CumulativeStats.DATABASE_ENTRY)[CumulativeStats.XACT_ROLLBACK]);

        // A TRUNCATE that commits starts the live and dead counts again.
        a.begin(Isolation.READ_COMMITTED);
        a.relationCounts(5, 16400).truncated();
        a.relationCounts(5, 16400).tuplesInserted(1);
        a.commit();
        seen = read(b, 16400);
        assertEquals(1, seen[CumulativeStats.LIVE_TUPLES]);
        assertEquals(0, seen[CumulativeStats.DEAD_TUPLES]);

        // A second mapping of the segment (a backend in another process) reads the same entry.
        org.tusk.storage.shmem.SharedMemory mapping = org.tusk.storage.shmem.SharedMemory.attach(engine.segmentPath());
        try {
            long[] copy = new long[CumulativeStats.FIELDS];
            assertTrue(StatsArea.attach(mapping).read(5, 16400, copy));
            assertEquals(9, copy[CumulativeStats.TUPLES_INSERTED]);
        } finally {
            mapping.close();
        }
    }

    @Test
    void maintenanceAndResets() {
        start();
        AccessSession a = open(201);
        a.reportMaintenance(5, 16500, false, 40, 0, 1_000_000);
        a.reportMaintenance(5, 16500, true, 41, -1, 2_000_000);
        long[] seen = read(a, 16500);
        assertEquals(41, seen[CumulativeStats.LIVE_TUPLES]);
        assertEquals(1, seen[CumulativeStats.VACUUM_COUNT]);
        assertEquals(1_000_000, seen[CumulativeStats.VACUUM_TIME]);
        assertEquals(1, seen[CumulativeStats.ANALYZE_COUNT]);
        assertEquals(2_000_000, seen[CumulativeStats.ANALYZE_TIME]);

        a.resetStats(5, 16500, 3_000_000);
        assertEquals(0, read(a, 16500)[CumulativeStats.VACUUM_COUNT]);
        assertEquals(3_000_000, read(a, CumulativeStats.DATABASE_ENTRY)[CumulativeStats.STATS_RESET]);

        a.reportMaintenance(5, 16500, false, 7, 0, 4_000_000);
        a.reportMaintenance(6, 16600, false, 7, 0, 4_000_000);
        a.resetStats(5, -1, 5_000_000);
        assertEquals(0, read(a, 16500)[CumulativeStats.LIVE_TUPLES], "every object of the database");
        long[] elsewhere = new long[CumulativeStats.FIELDS];
        a.readStats(6, 16600, elsewhere);
        assertEquals(7, elsewhere[CumulativeStats.LIVE_TUPLES], "other databases keep theirs");
    }

    @Test
    void aCleanShutdownKeepsTheCountsAndACrashLosesThem() {
        start();
        AccessSession a = open(301);
        a.reportMaintenance(5, 16700, false, 12, 0, 1);
        a.close();
        sessions.clear();
        engine.shutdown();

        start();
        assertEquals(12, read(open(302), 16700)[CumulativeStats.LIVE_TUPLES], "kept over a clean restart");
        sessions.forEach(AccessSession::close);
        sessions.clear();
        engine.crash();

        start();
        assertEquals(0, read(open(303), 16700)[CumulativeStats.LIVE_TUPLES], "lost in a crash");
    }
}
