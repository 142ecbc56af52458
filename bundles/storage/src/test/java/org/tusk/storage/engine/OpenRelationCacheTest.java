package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.storage.access.ColumnType;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;

/**
 * A session keeps the indexes and tuple descriptors it opened across statements and transactions
 * (AccessSession's relation cache): what it cached about an index (the root, the rightmost leaf)
 * may go stale while other sessions split pages, and must still lead to every entry.
 */
class OpenRelationCacheTest {

    static final TableShape ROWS = new TableShape(List.of(new ColumnType("id", 23, true),
            new ColumnType("note", 25, false)));
    static final RelationId T = new RelationId(5, 16500);
    static final RelationId I = new RelationId(5, 16501);
    static final IndexShape ID_KEY = new IndexShape(List.of(IndexShape.KeyColumn.ascending("id", 23)), true, T);

    @RegisterExtension
    final EngineFixture db = new EngineFixture(64);

    static void insertRange(AccessSession s, int from, int to) {
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table t = s.openTable(T, ROWS);
        Index index = s.openIndex(I, ID_KEY);
        for (int i = from; i < to; i++) {
            TupleId tid = t.insert(new Object[] {i, "row " + i});
            index.insert(new Object[] {i}, tid);
        }
        s.commit();
    }

    /** The notes the index finds for {@code id}, read in a transaction of its own with freshly opened relations. */
    static List<String> lookup(AccessSession s, int id) {
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Table t = s.openTable(T, ROWS);
        Index index = s.openIndex(I, ID_KEY);
        List<String> notes = new ArrayList<>();
        try (RowScan scan = t.indexScan(index, KeyRange.equal(new Object[] {id}), false)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                notes.add((String) r.values()[1]);
            }
        }
        s.commit();
        return notes;
    }

    @Test
    void anIndexReopenedAfterOtherSessionsSplitItsRootFindsEveryEntry() {
        AccessSession a = db.open();
        a.begin(Isolation.READ_COMMITTED);
        a.createTable(T, ROWS);
        a.createIndex(I, ID_KEY);
        a.commit();
        insertRange(a, 0, 10);
        assertEquals(List.of("row 5"), lookup(a, 5), "the root (a leaf then) is now cached");
        AccessSession b = db.open();
        insertRange(b, 10, 20_000); // many leaf splits, and the root splits more than once
        for (int id = 0; id < 20_000; id += 997) {
            assertEquals(List.of("row " + id), lookup(a, id), "id " + id);
        }
        assertEquals(List.of("row 19999"), lookup(a, 19_999));
        // Inserts through the cached index too: its rightmost leaf is long split by then.
        insertRange(a, 20_000, 20_100);
        insertRange(b, 20_100, 25_000);
        insertRange(a, 25_000, 25_100);
        for (int id : new int[] {0, 20_000, 20_099, 20_100, 24_999, 25_000, 25_099}) {
            assertEquals(List.of("row " + id), lookup(a, id), "id " + id);
            assertEquals(List.of("row " + id), lookup(b, id), "id " + id);
        }
        assertTrue(lookup(a, 25_100).isEmpty());
    }

    @Test
    void tablesOfDifferentShapesKeepTheirOwnDescriptors() {
        RelationId other = new RelationId(5, 16502);
        TableShape wide = new TableShape(List.of(new ColumnType("id", 20, true), new ColumnType("at", 1114, false),
                new ColumnType("note", 25, false)));
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table narrow = s.createTable(T, ROWS);
        Table w = s.createTable(other, wide);
        narrow.insert(new Object[] {1, "narrow"});
        w.insert(new Object[] {2L, java.time.LocalDateTime.of(2026, 11, 24, 8, 0), "wide"});
        s.commit();
        for (int round = 0; round < 2; round++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            assertEquals(List.of("[1, narrow]"), rows(s.openTable(T, ROWS)));
            assertEquals(List.of("[2, 2026-11-24T08:00, wide]"), rows(s.openTable(other, wide)));
            s.commit();
        }
    }

    static List<String> rows(Table t) {
        List<String> out = new ArrayList<>();
        try (RowScan scan = t.scan()) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                out.add(java.util.Arrays.toString(r.values()));
            }
        }
        return out;
    }
}
