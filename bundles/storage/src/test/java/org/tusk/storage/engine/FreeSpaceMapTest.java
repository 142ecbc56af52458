package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.fsm.FreeSpaceMap;

/**
 * The free space map as the heap uses it: space VACUUM frees is found again by later inserts (the
 * table stops growing), by several inserters at once, after a clean restart and after a crash; a
 * stale entry is corrected by the insert it misleads; the fork goes with a dropped table.
 */
class FreeSpaceMapTest {

    static final RelationId T = AccessSessionTest.T;
    /** Rows of about 750 bytes: ten to a page, with room left for the dead line pointers VACUUM keeps. */
    static final int NOTE = 700;
    static final int N = 400;

    @RegisterExtension
    final EngineFixture db = new EngineFixture(64);

    /** A note that no compression could shrink, so the row sizes are what the comment above says. */
    static String note(int id) {
        Random random = new Random(id);
        StringBuilder sb = new StringBuilder(NOTE);
        for (int i = 0; i < NOTE; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    static void insert(AccessSession s, Table t, int from, int to) {
        s.begin(Isolation.READ_COMMITTED);
        for (int i = from; i < to; i++) {
            t.insert(new Object[] {i, (long) i, note(i)});
        }
        s.commit();
    }

    /** Creates T with N rows, deletes nine in ten and vacuums; returns the table's blocks before. */
    long filledThenThinned(AccessSession s) {
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, AccessSessionTest.ACCOUNTS);
        s.commit();
        insert(s, t, 0, N);
        long blocks = t.blocks();
        s.begin(Isolation.READ_COMMITTED);
        for (Row r : AccessSessionTest.all(t)) {
            if ((Integer) r.values()[0] % 10 != 0) {
                assertTrue(t.delete(r.tid(), v -> true));
            }
        }
        s.commit();
        t.vacuum();
        return blocks;
    }

    Table table(AccessSession s) {
        return s.openTable(T, AccessSessionTest.ACCOUNTS);
    }

    static RelFileLocator locator(Table t) {
        return ((EngineTable) t).heapTable().locator();
    }

    static Set<Integer> ids(Table t) {
        Set<Integer> ids = new HashSet<>();
        try (RowScan scan = t.scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                assertTrue(ids.add((Integer) r.values()[0]), "row " + r.values()[0] + " twice");
                assertEquals(note((Integer) r.values()[0]), r.values()[2]);
            }
        }
        return ids;
    }

    static Set<Integer> expected() {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < N; i += 10) {
            ids.add(i);
        }
        for (int i = N; i < 2 * N - N / 10; i++) {
            ids.add(i);
        }
        return ids;
    }

    @Test
    void insertsAfterVacuumReuseTheFreedSpace() {
        AccessSession s = db.open();
        long before = filledThenThinned(s);
        assertTrue(before >= N / 11, "ten rows to a page: " + before);
        s.begin(Isolation.READ_COMMITTED);
        Table t = table(s);
        FreeSpaceMap fsm = s.heap().freeSpaceMap();
        assertTrue(fsm.recordedFreeSpace(locator(t), 0) > 6000, "VACUUM recorded what it freed");
        s.commit();
        insert(s, t, N, 2 * N - N / 10); // as many as were deleted
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(before, t.blocks(), "the table did not grow");
        assertEquals(expected(), ids(t));
        s.commit();
    }

    @Test
    void concurrentInsertersShareTheFreedSpace() throws Exception {
        AccessSession s = db.open();
        long before = filledThenThinned(s);
        int threads = 4;
        int each = (N - N / 10) / threads;
        List<AccessSession> inserters = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            inserters.add(db.open());
        }
        List<CompletableFuture<Set<TupleId>>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            AccessSession mine = inserters.get(i);
            int from = N + i * each;
            done.add(CompletableFuture.supplyAsync(() -> {
                Set<TupleId> tids = new HashSet<>();
                for (int k = from; k < from + each; k++) {
                    mine.begin(Isolation.READ_COMMITTED); // a transaction per row: they interleave
                    tids.add(table(mine).insert(new Object[] {k, (long) k, note(k)}));
                    mine.commit();
                }
                return tids;
            }));
        }
        Set<TupleId> all = new HashSet<>();
        for (CompletableFuture<Set<TupleId>> f : done) {
            Set<TupleId> tids = f.get(60, TimeUnit.SECONDS);
            assertEquals(each, tids.size());
            all.addAll(tids);
        }
        assertEquals(threads * each, all.size(), "no two inserts got the same TID");
        s.begin(Isolation.READ_COMMITTED);
        Table t = table(s);
        assertEquals(expected(), ids(t));
        // Racing inserters may each extend once when the map runs dry under them; not more.
        assertTrue(t.blocks() <= before + threads, "grew from " + before + " to " + t.blocks());
        s.commit();
    }

    @Test
    void theMapSurvivesACleanRestart() {
        AccessSession s = db.open();
        long before = filledThenThinned(s);
        db.shutdownAndRestart();
        AccessSession again = db.open();
        again.begin(Isolation.READ_COMMITTED);
        Table t = table(again);
        assertTrue(again.heap().freeSpaceMap().recordedFreeSpace(locator(t), 1) > 6000,
                "the map was written at the shutdown checkpoint");
        again.commit();
        insert(again, t, N, 2 * N - N / 10);
        again.begin(Isolation.READ_COMMITTED);
        assertEquals(before, t.blocks(), "the table did not grow");
        assertEquals(expected(), ids(t));
        again.commit();
    }

    @Test
    void afterACrashTheMapMayBeStaleButInsertsStayCorrect() {
        AccessSession s = db.open();
        long before = filledThenThinned(s);
        db.crashAndRestart();
        AccessSession again = db.open();
        Table t;
        again.begin(Isolation.READ_COMMITTED);
        t = table(again);
        again.commit();
        insert(again, t, N, 2 * N - N / 10);
        again.begin(Isolation.READ_COMMITTED);
        assertEquals(expected(), ids(t));
        assertTrue(t.blocks() <= 2 * before, "at worst as if there were no map: " + t.blocks());
        again.commit();
        // A VACUUM rebuilds the map whatever the crash left of it.
        t.vacuum();
        again.begin(Isolation.READ_COMMITTED);
        RelFileLocator rel = locator(t);
        FreeSpaceMap fsm = again.heap().freeSpaceMap();
        for (int block = 0; block < t.blocks(); block++) {
            assertTrue(fsm.recordedFreeSpace(rel, block) < 8000, "block " + block + " is not empty");
        }
        again.commit();
    }

    @Test
    void aStaleEntryIsCorrectedByTheInsertItMisleads() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, AccessSessionTest.ACCOUNTS);
        s.commit();
        insert(s, t, 0, 60);
        long blocks = t.blocks();
        assertTrue(blocks >= 5);
        RelFileLocator rel = locator(t);
        FreeSpaceMap fsm = s.heap().freeSpaceMap();
        fsm.record(rel, 0, 8000); // a lie: block 0 is full
        assertEquals(8000 / 32 * 32, fsm.recordedFreeSpace(rel, 0));
        // A new backend (no cached target) is sent to block 0 first, finds it full, corrects the map.
        AccessSession other = db.open();
        other.begin(Isolation.READ_COMMITTED);
        TupleId tid = table(other).insert(new Object[] {60, 60L, note(60)});
        other.commit();
        assertTrue(fsm.recordedFreeSpace(rel, 0) < 750, "corrected: " + fsm.recordedFreeSpace(rel, 0));
        assertFalse(Relations.itemPointer(tid).block() == 0, "the row did not go to the full page");
        s.begin(Isolation.READ_COMMITTED);
        assertEquals(61, ids(t).size());
        s.commit();
    }

    @Test
    void theMapGoesWithADroppedTable() {
        AccessSession s = db.open();
        filledThenThinned(s);
        Path fsmFile = db.dir().resolve("data/base/" + T.database() + "/" + T.fileNumber() + "_fsm");
        assertTrue(Files.exists(fsmFile), "VACUUM created the fork");
        s.begin(Isolation.READ_COMMITTED);
        s.dropRelation(T);
        s.commit();
        assertFalse(Files.exists(fsmFile));
    }

    @Test
    void aBackendFindsPagesAnotherAddedToTheMapAndForgetsAMapWhoseFilesWentAway() {
        AccessSession a = db.open();
        AccessSession b = db.open();
        a.begin(Isolation.READ_COMMITTED);
        a.createTable(T, AccessSessionTest.ACCOUNTS);
        a.commit();
        var rel = Relations.locator(T);
        var mapA = a.heap().freeSpaceMap();
        var mapB = b.heap().freeSpaceMap();
        mapA.record(rel, 5, 200);
        assertEquals(5, mapB.search(rel, 100), "b learns the fork's one page");
        // a adds two pages to the map; b still knows one, finds nothing there, and looks again.
        int far = 2 * org.tusk.storage.fsm.FreeSpaceMap.SLOTS_PER_PAGE + 3;
        mapA.record(rel, far, 4000);
        assertEquals(far, mapB.search(rel, 3000));
        mapB.record(rel, far, 0);
        assertEquals(0, mapA.recordedFreeSpace(rel, far), "one map: b's record is what a reads");
        // The table goes and a new one takes its file number: b must not trust its three pages.
        a.begin(Isolation.READ_COMMITTED);
        a.dropRelation(T);
        a.commit();
        a.begin(Isolation.READ_COMMITTED);
        a.createTable(T, AccessSessionTest.ACCOUNTS);
        a.commit();
        mapA.record(rel, 1, 300);
        assertEquals(0, mapB.recordedFreeSpace(rel, far), "no third page in the new map");
        assertEquals(1, mapB.search(rel, 100));
        mapB.record(rel, far, 5000);
        assertEquals(far, mapA.search(rel, 4500), "b extended the new map as needed");
    }
}

