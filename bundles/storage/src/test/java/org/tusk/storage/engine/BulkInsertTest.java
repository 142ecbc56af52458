package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;

/**
 * {@code Table.insertAll}, COPY FROM's bulk insert: rows fill a page after another with one WAL
 * record per page, in order, as the current command; they survive a crash when committed and are
 * gone when not.
 */
class BulkInsertTest {

    @TempDir
    Path dir;
    StorageEngine engine;
    final List<AccessSession> sessions = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"),
                EngineSettings.small().withBackgroundThreads(false).withSharedBuffers(32)
                        .withDeadlockTimeout(Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        sessions.forEach(AccessSession::close);
        engine.shutdown();
    }

    AccessSession open() {
        AccessSession s = AccessSession.open(engine, engine.openSession(4711 + sessions.size()));
        sessions.add(s);
        return s;
    }

    static List<Object[]> rows(int from, int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            rows.add(new Object[] {i, (long) i * 10, "row " + i});
        }
        return rows;
    }

    @Test
    void rowsGoInOrderPageByPageWithOneRecordPerPage() {
        AccessSession s = open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        long before = engine.wal().insertPosition();
        List<TupleId> tids = t.insertAll(rows(0, 3000));
        long bulkWal = engine.wal().insertPosition() - before;
        assertEquals(0, AccessSessionTest.all(t).size(), "rows of the current command are not seen by it");
        s.commandCounterIncrement();
        List<Row> all = AccessSessionTest.all(t);
        assertEquals(3000, all.size());
        for (int i = 0; i < 3000; i++) {
            assertEquals(tids.get(i), all.get(i).tid(), "row " + i + " went where insertAll said, in order");
            assertEquals(i, all.get(i).values()[0]);
        }
        long blocks = t.blocks();
        assertTrue(blocks > 10, "several pages: " + blocks);
        assertEquals(new HashSet<>(tids).size(), 3000);
        s.commit();

        // The same rows one by one, for the WAL comparison.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        long start = engine.wal().insertPosition();
        for (Object[] row : rows(3000, 3000)) {
            t.insert(row);
        }
        long singleWal = engine.wal().insertPosition() - start;
        s.commit();
        assertTrue(bulkWal < singleWal * 3 / 4, "one record per page: " + bulkWal + " bytes against " + singleWal);
        assertTrue(t.blocks() >= 2 * blocks - 1 && t.blocks() <= 2 * blocks, "the same packing as single inserts: "
                + blocks + " then " + t.blocks());
    }

    @Test
    void committedBulkInsertsSurviveACrashAndAbortedOnesDoNot() {
        AccessSession s = open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insertAll(rows(0, 1000));
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insertAll(rows(1000, 500));
        s.abort();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insertAll(rows(2000, 700));
        s.commit();
        engine.checkpoint();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insertAll(rows(5000, 800));
        // In progress at the crash: gone afterwards.
        engine.crash();
        sessions.forEach(AccessSession::close);
        sessions.clear();
        start();
        assertTrue(engine.recoveryOutcome().performed());
        AccessSession r = open();
        Table rt = r.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        Set<Integer> ids = AccessSessionTest.ids(rt);
        assertEquals(1700, ids.size());
        for (int i = 0; i < 1000; i++) {
            assertTrue(ids.contains(i));
        }
        for (int i = 2000; i < 2700; i++) {
            assertTrue(ids.contains(i));
        }
        // New rows after recovery go on after the recovered ones without clashing.
        rt.insertAll(rows(9000, 300));
        r.commandCounterIncrement();
        assertEquals(2000, AccessSessionTest.ids(rt).size());
        r.commit();
    }
}
