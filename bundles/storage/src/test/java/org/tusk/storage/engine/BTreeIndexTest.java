package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.asc;
import static org.tusk.storage.engine.BTreeFixture.desc;
import static org.tusk.storage.engine.BTreeFixture.insert;
import static org.tusk.storage.engine.BTreeFixture.scanAll;
import static org.tusk.storage.engine.BTreeFixture.shape;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.btree.BTreeMeta;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.xact.IsolationLevel;

/** The B-tree access method in one backend: random contents against a model, every scan shape, MVCC. */
class BTreeIndexTest {

    @TempDir
    Path dir;

    static Object[] randomRow(Random r) {
        Integer a = r.nextInt(10) == 0 ? null : r.nextInt(400) - 200;
        String b = r.nextInt(10) == 0 ? null : "k" + r.nextInt(300) + "-".repeat(r.nextInt(40));
        Double c = r.nextInt(10) == 0 ? null : switch (r.nextInt(20)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> -0.0;
            default -> (double) (r.nextInt(100) - 50) / 4;
        };
        BigDecimal d = r.nextInt(10) == 0 ? null : BigDecimal.valueOf(r.nextInt(2000) - 1000, 2);
        return new Object[] {a, b, c, d};
    }

    /** A random bound: a prefix of a random model entry's key (or of random values), without NULLs. */
    static Object[] randomBound(Random r, List<BTreeFixture.Entry> entries, int columns) {
        for (int attempt = 0; attempt < 100; attempt++) {
            Object[] key = entries.get(r.nextInt(entries.size())).key();
            int n = 1 + r.nextInt(columns);
            Object[] bound = java.util.Arrays.copyOf(key, n);
            if (java.util.Arrays.stream(bound).noneMatch(v -> v == null)) {
                return bound;
            }
        }
        throw new IllegalStateException("no bound without nulls");
    }

    @Test
    void randomContentsMatchTheModelForEveryScanShape() {
        List<IndexShape> shapes = List.of(
                shape(false, asc("a", PgType.INT4)),
                shape(false, desc("b", PgType.TEXT), asc("a", PgType.INT4)),
                shape(false, asc("c", PgType.FLOAT8), new IndexShape.KeyColumn("d", PgType.NUMERIC.oid(), true, false)),
                shape(false, new IndexShape.KeyColumn("a", PgType.INT4.oid(), false, true), asc("b", PgType.TEXT),
                        desc("d", PgType.NUMERIC)));
        Random r = new Random(42);
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            List<BTreeIndex> indexes = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                indexes.add(BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16500 + i), shapes.get(i)));
            }
            BTreeIndex[] all = indexes.toArray(BTreeIndex[]::new);
            List<List<BTreeFixture.Entry>> models = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                models.add(new ArrayList<>());
            }
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int n = 0; n < 5000; n++) {
                Object[] row = randomRow(r);
                TupleId tid = insert(s, row, all);
                for (int i = 0; i < all.length; i++) {
                    models.get(i).add(new BTreeFixture.Entry(BTreeFixture.keyOf(shapes.get(i), row), tid));
                }
            }
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < all.length; i++) {
                BTreeIndex index = all[i];
                List<BTreeFixture.Entry> sorted = new ArrayList<>(models.get(i));
                sorted.sort(BTreeFixture.order(index.keys()));
                assertTrue(index.readMeta().level() >= 1, "the index split: " + index.readMeta());
                checkScan(s, index, sorted, KeyRange.ALL, false);
                checkScan(s, index, sorted, KeyRange.ALL, true);
                for (int q = 0; q < 60; q++) {
                    int columns = index.keys().size();
                    Object[] low = r.nextInt(4) == 0 ? null : randomBound(r, sorted, columns);
                    Object[] high = r.nextInt(4) == 0 ? null : randomBound(r, sorted, columns);
                    KeyRange range = switch (r.nextInt(3)) {
                        case 0 -> low == null ? KeyRange.ALL : KeyRange.equal(low);
                        default -> new KeyRange(low, r.nextBoolean(), high, r.nextBoolean());
                    };
                    checkScan(s, index, sorted, range, r.nextBoolean());
                }
            }
            s.commit();
        }
    }

    static void checkScan(Session s, BTreeIndex index, List<BTreeFixture.Entry> sorted, KeyRange range,
            boolean backward) {
        List<TupleId> expected = BTreeFixture.expected(index.keys(), sorted, range, backward);
        List<TupleId> actual = scanAll(index.scan(s.heap(), TABLE, range, backward, s.snapshot())).stream()
                .map(Row::tid).toList();
        assertEquals(expected, actual, () -> "scan " + java.util.Arrays.deepToString(range.low()) + " "
                + range.lowInclusive() + " .. " + java.util.Arrays.deepToString(range.high()) + " "
                + range.highInclusive() + (backward ? " backward" : "") + " on " + index.shape());
    }

    @Test
    void longKeysGrowAThreeLevelTreeAndEveryKeyIsFound() {
        IndexShape shape = shape(false, asc("b", PgType.TEXT), asc("a", PgType.INT4));
        Random r = new Random(7);
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16600), shape);
            List<BTreeFixture.Entry> model = new ArrayList<>();
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int n = 0; n < 3000; n++) {
                Object[] row = {r.nextInt(5), "x" + r.nextInt(2000) + "y".repeat(500 + r.nextInt(300)), null, null};
                model.add(new BTreeFixture.Entry(BTreeFixture.keyOf(shape, row), insert(s, row, index)));
            }
            s.commit();
            BTreeMeta.Data meta = index.readMeta();
            assertTrue(meta.level() >= 2, "three levels: " + meta);
            assertEquals(meta.root(), meta.fastRoot());
            s.begin(IsolationLevel.READ_COMMITTED);
            model.sort(BTreeFixture.order(index.keys()));
            checkScan(s, index, model, KeyRange.ALL, false);
            checkScan(s, index, model, KeyRange.ALL, true);
            for (int q = 0; q < 200; q++) {
                Object[] key = model.get(r.nextInt(model.size())).key();
                checkScan(s, index, model, KeyRange.equal(key), false);
                checkScan(s, index, model, KeyRange.equal(key[0]), q % 2 == 0);
            }
            s.commit();
        }
    }

    @Test
    void ascendingAndDescendingInsertsStayInOrder() {
        IndexShape shape = shape(false, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16601), shape);
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 20000; i++) {
                insert(s, new Object[] {i, null, null, null}, index);
            }
            // Ascending inserts leave the leaves 90% full (an entry is 16 bytes and a 4-byte line
            // pointer): about 56 leaves, where splits in the middle would make about 100.
            long leaves = 20000 * 20 / (8192 * 85 / 100) + 1;
            assertTrue(index.blocks() <= leaves + 3, "blocks " + index.blocks() + ", expected about " + leaves);
            for (int i = -1; i >= -5000; i--) {
                insert(s, new Object[] {i, null, null, null}, index);
            }
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            List<Row> rows = scanAll(index.scan(s.heap(), TABLE, KeyRange.ALL, false, s.snapshot()));
            assertEquals(25000, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i - 5000, rows.get(i).values()[0]);
            }
            List<Row> some = scanAll(index.scan(s.heap(), TABLE, new KeyRange(new Object[] {100}, false,
                    new Object[] {110}, true), true, s.snapshot()));
            assertEquals(List.of(110, 109, 108, 107, 106, 105, 104, 103, 102, 101),
                    some.stream().map(row -> row.values()[0]).toList());
            List<Row> wide = scanAll(index.scan(s.heap(), TABLE, new KeyRange(new Object[] {100L}, false,
                    new Object[] {110L}, true), true, s.snapshot()));
            assertEquals(some.stream().map(Row::tid).toList(), wide.stream().map(Row::tid).toList(),
                    "int8 bounds on an int4 index");
            s.commit();
        }
    }

    @Test
    void nullKeysAreStoredAndOnlyUnboundedScansReturnThem() {
        IndexShape shape = shape(false, asc("a", PgType.INT4), asc("b", PgType.TEXT));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16602), shape);
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId n1 = insert(s, new Object[] {null, "x", null, null}, index);
            TupleId one = insert(s, new Object[] {1, "x", null, null}, index);
            TupleId oneNull = insert(s, new Object[] {1, null, null, null}, index);
            TupleId two = insert(s, new Object[] {2, "a", null, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(one, oneNull, two, n1), tids(s, index, KeyRange.ALL, false), "NULLS LAST");
            assertEquals(List.of(n1, two, oneNull, one), tids(s, index, KeyRange.ALL, true));
            assertEquals(List.of(one, oneNull), tids(s, index, KeyRange.equal(1), false));
            assertEquals(List.of(one), tids(s, index, new KeyRange(new Object[] {1, "a"}, true, new Object[] {1}, true),
                    false), "b >= 'a' is not true for a NULL b");
            assertEquals(List.of(two), tids(s, index, new KeyRange(new Object[] {1}, false, null, true), false));
            assertEquals(List.of(), tids(s, index, KeyRange.equal((Object) null), false), "= NULL is never true");
            s.commit();
        }
    }

    static List<TupleId> tids(Session s, BTreeIndex index, KeyRange range, boolean backward) {
        return scanAll(index.scan(s.heap(), TABLE, range, backward, s.snapshot())).stream().map(Row::tid).toList();
    }

    @Test
    void scansSeeOnlyWhatTheSnapshotSees() {
        IndexShape shape = shape(false, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0);
                Session other = engine.session(1)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16603), shape);
            BTreeIndex otherIndex = BTreeIndex.open(other, index.id(), shape);
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId kept = insert(s, new Object[] {1, "kept", null, null}, index);
            TupleId deleted = insert(s, new Object[] {1, "deleted", null, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            insert(s, new Object[] {1, "aborted", null, null}, index);
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().delete(TABLE, new ItemPointer(deleted.block(), deleted.offset()));
            s.commit();

            other.begin(IsolationLevel.REPEATABLE_READ);
            var before = other.snapshot();
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId late = insert(s, new Object[] {1, "late", null, null}, index);
            s.commandCounterIncrement();
            assertEquals(List.of(kept, late), tids(s, index, KeyRange.equal(1), false), "own insert seen");
            s.commit();
            assertEquals(List.of(kept), scanAll(otherIndex.scan(other.heap(), TABLE, KeyRange.equal(1), false, before))
                    .stream().map(Row::tid).toList(), "a snapshot taken before the insert does not see it");
            other.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            List<Row> rows = scanAll(index.scan(s.heap(), TABLE, KeyRange.equal(1), false, s.snapshot()));
            assertEquals(List.of(kept, late), rows.stream().map(Row::tid).toList());
            assertArrayEquals(new Object[] {1, "kept", null, null}, rows.get(0).values());
            s.commit();
        }
    }

    @Test
    void scansMarkEntriesOfRowsDeadToEveryoneAndLaterScansSkipThem() {
        IndexShape shape = shape(false, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16605), shape);
            List<TupleId> tids = new ArrayList<>();
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 300; i++) {
                tids.add(insert(s, new Object[] {i % 30, null, null, null}, index));
            }
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 300; i += 2) {
                s.heap().delete(TABLE, new ItemPointer(tids.get(i).block(), tids.get(i).offset()));
            }
            s.commit();
            assertEquals(0, BTreeIncompleteSplitTest.deadItems(index));
            s.begin(IsolationLevel.READ_COMMITTED);
            List<TupleId> live = new ArrayList<>();
            for (int i = 1; i < 300; i += 2) {
                live.add(tids.get(i));
            }
            List<TupleId> found = new ArrayList<>(tids(s, index, KeyRange.ALL, false));
            found.sort(java.util.Comparator.comparing(t -> new ItemPointer(t.block(), t.offset())));
            assertEquals(live, found);
            s.commit();
            assertEquals(150, BTreeIncompleteSplitTest.deadItems(index), "the deleted rows' entries are marked");
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(10, tids(s, index, KeyRange.equal(7), true).size(), "key 7: odd rows, all live");
            assertEquals(0, tids(s, index, KeyRange.equal(8), false).size(), "key 8: even rows, all deleted");
            s.commit();
        }
    }

    @Test
    void openFindsWhatCreateWroteAndAWrongKeyCountIsRefused() {
        IndexShape shape = shape(false, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.create(s, new RelationId(BTreeFixture.DB, 16604), shape);
            assertEquals(2, index.blocks(), "metapage and root leaf");
            s.begin(IsolationLevel.READ_COMMITTED);
            assertThrows(IllegalArgumentException.class, () -> index.insert(new Object[] {1, 2}, new TupleId(0, 1)));
            TupleId t = insert(s, new Object[] {7, null, null, null}, index);
            s.commit();
            BTreeIndex again = BTreeIndex.open(s, index.id(), shape);
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(t), tids(s, again, KeyRange.equal(7), false));
            s.commit();
        }
    }
}
