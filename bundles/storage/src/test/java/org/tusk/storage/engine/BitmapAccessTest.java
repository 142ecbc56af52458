package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.BitmapPage;
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
 * The access API's bitmap scan pieces on a real engine: the btree hands out TIDs without the heap
 * (including versions the snapshot cannot see), the heap returns per page only what the snapshot
 * sees (following HOT chains from their roots), a lossy page returns all its visible rows, and the
 * metapage's tree height grows with the tree.
 */
class BitmapAccessTest {

    static final TableShape SHAPE = new TableShape(List.of(new ColumnType("k", 23, true),
            new ColumnType("v", 25, false)));
    static final RelationId T = new RelationId(5, 16500);
    static final RelationId I = new RelationId(5, 16501);
    static final IndexShape K = new IndexShape(List.of(IndexShape.KeyColumn.ascending("k", 23)), false, T);

    @TempDir
    Path dir;
    StorageEngine engine;
    AccessSession s;

    @BeforeEach
    void start() {
        engine = StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"),
                EngineSettings.small().withBackgroundThreads(false).withSharedBuffers(64));
        s = AccessSession.open(engine, engine.openSession(4800));
    }

    @AfterEach
    void stop() {
        s.close();
        engine.shutdown();
    }

    /** n rows (i % 10, "row i"), committed. */
    void fill(int n) {
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, SHAPE);
        Index index = s.createIndex(I, K);
        for (int i = 0; i < n; i++) {
            TupleId tid = t.insert(new Object[] {i % 10, "row " + i + " ".repeat(60)});
            index.insert(new Object[] {i % 10}, tid);
        }
        s.commit();
    }

    List<TupleId> tids(Table t, Index index, KeyRange range) {
        List<TupleId> out = new ArrayList<>();
        t.indexTids(index, range, out::add);
        return out;
    }

    static List<Row> rows(RowScan scan) {
        List<Row> out = new ArrayList<>();
        try (scan) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void theIndexGivesEveryMatchingTidAndTheHeapOnlyVisibleRows() {
        fill(1000);
        Table t = s.openTable(T, SHAPE);
        Index index = s.openIndex(I, K);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<TupleId> three = tids(t, index, KeyRange.equal(3));
        assertEquals(100, three.size());
        // Delete a few of them: the index still has their entries, the heap no longer returns them.
        for (int i = 0; i < 5; i++) {
            TupleId victim = three.get(i);
            assertTrue(t.delete(victim, v -> true));
        }
        s.commandCounterIncrement();
        s.startStatement();
        assertEquals(100, tids(t, index, KeyRange.equal(3)).size(), "TIDs come without a heap visit");
        List<BitmapPage> pages = byPage(tids(t, index, KeyRange.equal(3)));
        List<Row> found = rows(t.bitmapScan(pages.iterator()));
        assertEquals(95, found.size());
        for (int i = 1; i < found.size(); i++) {
            TupleId a = found.get(i - 1).tid();
            TupleId b = found.get(i).tid();
            assertTrue(a.block() < b.block() || (a.block() == b.block() && a.offset() < b.offset()),
                    "rows come in physical order");
        }
        found.forEach(r -> assertEquals(3, r.values()[0]));
        s.commit();
    }

    @Test
    void aLossyPageReturnsEveryVisibleRowOfThePage() {
        fill(300);
        Table t = s.openTable(T, SHAPE);
        Index index = s.openIndex(I, K);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId first = tids(t, index, KeyRange.equal(0)).getFirst();
        int onPage = 0;
        try (RowScan all = t.scan()) {
            for (Row r = all.next(); r != null; r = all.next()) {
                onPage += r.tid().block() == first.block() ? 1 : 0;
            }
        }
        List<Row> lossy = rows(t.bitmapScan(List.of(new BitmapPage(first.block(), null),
                new BitmapPage(1_000_000, null)).iterator()));
        assertEquals(onPage, lossy.size(), "the whole page, and nothing for a block past the end");
        s.commit();
    }

    @Test
    void aHotUpdatedRowIsFoundThroughItsRoot() {
        fill(20);
        Table t = s.openTable(T, SHAPE);
        Index index = s.openIndex(I, K);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId root = tids(t, index, KeyRange.equal(7)).getFirst();
        Row before = t.fetch(root);
        Row after = t.update(root, before.values(), v -> new Object[] {v[0], "changed"}, new boolean[] {true, false});
        assertTrue(after.heapOnly());
        s.commandCounterIncrement();
        s.startStatement();
        List<Row> found = rows(t.bitmapScan(byPage(List.of(root)).iterator()));
        assertEquals(1, found.size());
        assertEquals("changed", found.getFirst().values()[1]);
        assertEquals(after.tid(), found.getFirst().tid());
        s.commit();
    }

    @Test
    void theTreeHeightGrowsWithTheIndex() {
        fill(10);
        Index index = s.openIndex(I, K);
        assertEquals(0, index.treeHeight(), "the root is a leaf");
        Table t = s.openTable(T, SHAPE);
        s.begin(Isolation.READ_COMMITTED);
        for (int i = 0; i < 3000; i++) {
            index.insert(new Object[] {i}, t.insert(new Object[] {i, "x"}));
        }
        s.commit();
        assertEquals(1, index.treeHeight(), "a root above the leaves");
        assertTrue(index.blocks() > 3);
    }

    /** TIDs grouped into exact pages in block order, as a TID bitmap would give them. */
    static List<BitmapPage> byPage(List<TupleId> tids) {
        java.util.TreeMap<Integer, java.util.TreeSet<Integer>> pages = new java.util.TreeMap<>();
        for (TupleId tid : tids) {
            pages.computeIfAbsent(tid.block(), b -> new java.util.TreeSet<>()).add(tid.offset());
        }
        List<BitmapPage> out = new ArrayList<>();
        for (var e : pages.entrySet()) {
            Iterator<Integer> it = e.getValue().iterator();
            int[] offsets = new int[e.getValue().size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = it.next();
            }
            out.add(new BitmapPage(e.getKey(), offsets));
        }
        return out;
    }
}
