package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TupleId;

/**
 * {@code Table.insertAll}, COPY FROM's bulk insert: rows fill a page after another with one WAL
 * record per page, in order, as the current command; they survive a crash when committed and are
 * gone when not.
 */
class BulkInsertTest {

    @RegisterExtension
    final EngineFixture db = new EngineFixture(32);

    static List<Object[]> rows(int from, int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            rows.add(new Object[] {i, (long) i * 10, "row " + i});
        }
        return rows;
    }

    @Test
    void rowsGoInOrderPageByPageWithOneRecordPerPage() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.commit();

        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        long before = db.engine().wal().insertPosition();
        List<TupleId> tids = t.insertAll(rows(0, 3000));
        long bulkWal = db.engine().wal().insertPosition() - before;
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
        long start = db.engine().wal().insertPosition();
        for (Object[] row : rows(3000, 3000)) {
            t.insert(row);
        }
        long singleWal = db.engine().wal().insertPosition() - start;
        s.commit();
        assertTrue(bulkWal < singleWal * 3 / 4, "one record per page: " + bulkWal + " bytes against " + singleWal);
        assertTrue(t.blocks() >= 2 * blocks - 1 && t.blocks() <= 2 * blocks, "the same packing as single inserts: "
                + blocks + " then " + t.blocks());
    }

    @Test
    void committedBulkInsertsSurviveACrashAndAbortedOnesDoNot() {
        AccessSession s = db.open();
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
        db.engine().checkpoint();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.insertAll(rows(5000, 800));
        // In progress at the crash: gone afterwards.
        db.crashAndRestart();
        AccessSession r = db.open();
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

    @Test
    void aBulkInsertFillsItsOwnNewPagesInOrderAndRecordsTheirFreeSpace() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.startStatement();
        t.insertAll(rows(0, 200));
        s.commit();
        // Free room in the first pages: deleted and vacuumed rows.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        for (Row r : AccessSessionTest.all(t)) {
            if ((Integer) r.values()[0] < 100) {
                t.delete(r.tid(), v -> true);
            }
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.vacuum();
        s.commit();
        long blocksBefore = t.blocks();

        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<TupleId> tids = t.insertAll(rows(1000, 5000));
        s.commit();
        // The first rows take the room the map knows of; once the bulk insert had to add a page, every
        // further page is a new one, added in order: the blocks never go back.
        int firstNew = -1;
        for (int i = 0; i < tids.size(); i++) {
            if (tids.get(i).block() >= blocksBefore) {
                firstNew = i;
                break;
            }
        }
        assertTrue(firstNew > 0, "rows went into the freed room first: " + firstNew);
        for (int i = firstNew + 1; i < tids.size(); i++) {
            TupleId a = tids.get(i - 1);
            TupleId b = tids.get(i);
            assertTrue(b.block() == a.block() && b.offset() == a.offset() + 1 || b.block() == a.block() + 1 && b.offset() == 1,
                    "row " + i + " follows row " + (i - 1) + ": " + a + " then " + b);
        }
        // Each page filled is in the free space map with what is left on it.
        var fsm = s.heap().freeSpaceMap();
        var locator = Relations.locator(AccessSessionTest.T);
        for (long block = blocksBefore; block < t.blocks() - 1; block++) {
            int recorded = fsm.recordedFreeSpace(locator, (int) block);
            assertTrue(recorded < 64, "block " + block + " is recorded as nearly full: " + recorded);
        }
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(5100, AccessSessionTest.all(t).size());
        s.commit();
    }

    @Test
    void theBulkInsertsOfOneCommandGoOnFromTheirLastNewPageWithoutTheFreeSpaceMap() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.startStatement();
        t.insertAll(rows(0, 400));
        s.commit();
        // Room on the first page, which the map knows of.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        for (Row r : AccessSessionTest.all(t)) {
            if ((Integer) r.values()[0] < 50) {
                t.delete(r.tid(), v -> true);
            }
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        t.vacuum();
        s.commit();
        long blocksBefore = t.blocks();

        // One command (a COPY): its first batch begins on the last page, then adds pages; its next
        // batches go on from the last page added, in order, a full one making the next batch add a page.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<TupleId> first = t.insertAll(rows(1000, 1000));
        assertTrue(first.getFirst().block() < blocksBefore, "the first batch begins on a page with room");
        TupleId last = first.getLast();
        assertTrue(last.block() >= blocksBefore);
        // Rows 1000-9999 are all of one size: a full page holds perPage of them. The batches are sized
        // so that one ends exactly when its page is full: the next one begins on a new page.
        int perPage = 0;
        for (TupleId tid : first) {
            if (tid.block() > first.getFirst().block() && tid.block() < last.block()) {
                perPage = Math.max(perPage, tid.offset());
            }
        }
        int[] sizes = {100, perPage - (last.offset() + 100) % perPage, 100};
        int from = 2000;
        for (int batch = 0; batch < sizes.length; batch++) {
            List<TupleId> tids = t.insertAll(rows(from, sizes[batch]));
            from += sizes[batch];
            TupleId b = tids.getFirst();
            assertTrue(b.block() == last.block() && b.offset() == last.offset() + 1
                    || b.block() == last.block() + 1 && b.offset() == 1, "batch " + batch + " goes on after " + last
                    + ": " + b);
            last = tids.getLast();
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(400 - 50 + 1000 + from - 2000, AccessSessionTest.all(t).size());
        s.commit();
    }

    @Test
    void aScanDecodesOnlyTheColumnsAskedForOfTheRowsItKeeps() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.startStatement();
        t.insertAll(rows(0, 2000));
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        for (Row r : AccessSessionTest.all(t)) {
            if ((Integer) r.values()[0] % 10 == 0) {
                t.delete(r.tid(), v -> true); // 200 rows the next statement does not see
            }
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> all = AccessSessionTest.all(t);
        int[] asked = {0};
        List<Row> kept = new ArrayList<>();
        try (var scan = t.scan(new boolean[] {false, true, false}, () -> asked[0]++ % 3 == 0)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                kept.add(r);
            }
        }
        assertEquals(1800, asked[0], "asked once per visible row");
        assertEquals(600, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Row expected = all.get(3 * i);
            assertEquals(expected.tid(), kept.get(i).tid());
            assertEquals(null, kept.get(i).values()[0], "not asked for");
            assertEquals(expected.values()[1], kept.get(i).values()[1]);
            assertEquals(null, kept.get(i).values()[2], "not asked for");
        }
        int[] counted = {0};
        try (var scan = t.scan(new boolean[3], () -> {
            counted[0]++;
            return false;
        })) {
            assertEquals(null, scan.next());
        }
        assertEquals(1800, counted[0]);
        s.commit();
    }

    @Test
    void aLoadThenAPrimaryKeyBuildEachCommittedSurviveACrashRightAfter() {
        // pgbench -i's order: COPY the rows (committed), then build the unique index from a scan of the
        // key column only (committed), then the server is killed before any checkpoint.
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        for (int from = 0; from < 20000; from += 1000) {
            t.insertAll(rows(from, 1000));
        }
        s.commit();
        RelationId indexId = new RelationId(AccessSessionTest.T.database(), 16401);
        IndexShape shape = new IndexShape(List.of(IndexShape.KeyColumn.ascending("id", 23)), true, AccessSessionTest.T);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> entries = new ArrayList<>();
        try (var scan = t.scan(new boolean[] {true, false, false}, null)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                entries.add(new Row(r.tid(), new Object[] {r.values()[0]}));
            }
        }
        assertEquals(20000, entries.size());
        s.buildIndex(indexId, shape, entries.iterator());
        s.commit();
        db.crashAndRestart();
        AccessSession r = db.open();
        Table rt = r.openTable(AccessSessionTest.T, AccessSessionTest.ACCOUNTS);
        var index = r.openIndex(indexId, shape);
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        int n = 0;
        try (var scan = rt.indexScan(index, KeyRange.ALL, false)) {
            for (Row row = scan.next(); row != null; row = scan.next()) {
                assertEquals(n, row.values()[0], "the index gives the keys in order, each row once");
                assertEquals((long) n * 10, row.values()[1]);
                assertEquals("row " + n, row.values()[2]);
                n++;
            }
        }
        assertEquals(20000, n);
        try (var scan = rt.indexScan(index, KeyRange.equal(new Object[] {12345}), false)) {
            assertEquals("row 12345", scan.next().values()[2]);
            assertEquals(null, scan.next());
        }
        // The unique index still refuses a duplicate after recovery.
        assertThrows(org.tusk.storage.access.UniqueViolationException.class,
                () -> index.insert(new Object[] {77}, rt.insert(new Object[] {77, 0L, "again"})));
        r.abort();
    }
}
