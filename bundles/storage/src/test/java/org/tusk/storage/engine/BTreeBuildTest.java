package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.storage.engine.BTreeFixture.TABLE;
import static org.tusk.storage.engine.BTreeFixture.asc;
import static org.tusk.storage.engine.BTreeFixture.desc;
import static org.tusk.storage.engine.BTreeFixture.shape;

import java.lang.foreign.ValueLayout;
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
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.xact.IsolationLevel;

/** The sorted bulk build: the same tree content as inserts would make, usable for inserts after. */
class BTreeBuildTest {

    @TempDir
    Path dir;

    /** The heap's visible rows as build entries: key values and TIDs. */
    static List<Row> entries(Session s, IndexShape shape) {
        List<Row> out = new ArrayList<>();
        for (HeapRow row : s.heap().scan(TABLE, s.snapshot())) {
            out.add(new Row(new TupleId(row.tid().block(), row.tid().offset()), BTreeFixture.keyOf(shape, row.values())));
        }
        return out;
    }

    /**
     * Creates the table with {@code count} random rows ({@link BTreeIndexTest#randomRow}), commits, and
     * returns the build entries of {@code shape} in a new transaction.
     */
    static List<Row> loadRandomRows(Session s, Random r, int count, IndexShape shape) {
        s.createTable(TABLE.locator(), TABLE.descriptor());
        s.begin(IsolationLevel.READ_COMMITTED);
        for (int i = 0; i < count; i++) {
            s.heap().insert(TABLE, BTreeIndexTest.randomRow(r));
        }
        s.commit();
        s.begin(IsolationLevel.READ_COMMITTED);
        return entries(s, shape);
    }

    static List<BTreeFixture.Entry> model(List<Row> entries, BTreeIndex index) {
        List<BTreeFixture.Entry> model = new ArrayList<>();
        for (Row r : entries) {
            model.add(new BTreeFixture.Entry(r.values(), r.tid()));
        }
        model.sort(BTreeFixture.order(index.keys()));
        return model;
    }

    @Test
    void aBuiltIndexAnswersEveryScanAndTakesInsertsAfterwards() {
        IndexShape shape = shape(false, desc("b", PgType.TEXT), asc("a", PgType.INT4), asc("c", PgType.FLOAT8));
        Random r = new Random(5);
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            List<Row> entries = loadRandomRows(s, r, 20000, shape);
            BTreeIndex index = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17100), shape, entries.iterator());
            s.commit();
            assertTrue(index.readMeta().level() >= 2, "" + index.readMeta());
            List<BTreeFixture.Entry> model = model(entries, index);
            s.begin(IsolationLevel.READ_COMMITTED);
            BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, false);
            BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, true);
            for (int q = 0; q < 60; q++) {
                Object[] low = BTreeIndexTest.randomBound(r, model, 3);
                Object[] high = BTreeIndexTest.randomBound(r, model, 3);
                BTreeIndexTest.checkScan(s, index, model, q % 3 == 0 ? KeyRange.equal(low)
                        : new KeyRange(low, r.nextBoolean(), high, r.nextBoolean()), r.nextBoolean());
            }
            for (int i = 0; i < 5000; i++) {
                Object[] row = BTreeIndexTest.randomRow(r);
                model.add(new BTreeFixture.Entry(BTreeFixture.keyOf(shape, row), BTreeFixture.insert(s, row, index)));
            }
            s.commit();
            model.sort(BTreeFixture.order(index.keys()));
            s.begin(IsolationLevel.READ_COMMITTED);
            BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, false);
            BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, true);
            s.commit();
        }
    }

    @Test
    void oneIntegerKeyBuildsFromPrimitiveArraysWithNullsFirstOrLast() {
        // One ascending int4 column takes IntKeyEntries: negative keys, many duplicates (tied by TID)
        // and NULLs, placed last by default and first when asked; the rows are inserted in an order
        // unrelated to their keys.
        for (boolean nullsFirst : new boolean[] {false, true}) {
            IndexShape shape = shape(false, new IndexShape.KeyColumn("a", PgType.INT4.oid(), false, nullsFirst));
            Random r = new Random(nullsFirst ? 8 : 7);
            try (StorageEngine engine = BTreeFixture.start(dir.resolve(nullsFirst ? "first" : "last"));
                    Session s = engine.session(0)) {
                List<Row> entries = loadRandomRows(s, r, 12000, shape);
                BTreeIndex index = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17300), shape,
                        entries.iterator());
                s.commit();
                assertTrue(index.readMeta().level() >= 1, "" + index.readMeta());
                List<BTreeFixture.Entry> model = model(entries, index);
                s.begin(IsolationLevel.READ_COMMITTED);
                BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, false);
                BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, true);
                for (int key : new int[] {-200, -7, 0, 13, 199}) {
                    BTreeIndexTest.checkScan(s, index, model, KeyRange.equal(new Object[] {key}), false);
                }
                s.commit();
            }
        }
    }

    @Test
    void anEmptyBuildIsAnEmptyIndex() {
        IndexShape shape = shape(false, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            BTreeIndex index = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17101), shape,
                    List.<Row>of().iterator());
            assertEquals(2, index.blocks());
            s.begin(IsolationLevel.READ_COMMITTED);
            TupleId t = BTreeFixture.insert(s, new Object[] {3, null, null, null}, index);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(List.of(t), BTreeIndexTest.tids(s, index, KeyRange.ALL, false));
            s.commit();
        }
    }

    /**
     * indcheckxmin is decided as the build walks the table's pages: rows deleted after an older
     * snapshot began make the index untrusted by it even when their page gives the build no entry
     * (a page in the middle, or the last pages after the last entry); once no snapshot is that old,
     * a build over the same table records nothing.
     */
    @Test
    void versionsAnOlderSnapshotSeesOnPagesWithoutEntriesMarkTheBuild() {
        IndexShape shape = shape(false, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0);
                Session old = engine.session(1)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            s.begin(IsolationLevel.READ_COMMITTED);
            List<ItemPointer> tids = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                tids.add(s.heap().insert(TABLE, new Object[] {i, "row " + i, null, null}));
            }
            s.commit();
            int middle = tids.get(1500).block();
            int last = tids.get(tids.size() - 1).block();
            assertTrue(middle > 0 && last > middle + 1, "pages " + middle + ", " + last);
            int id = 17110;
            for (int gone : new int[] {middle, last}) {
                old.begin(IsolationLevel.REPEATABLE_READ);
                old.snapshot();
                s.begin(IsolationLevel.READ_COMMITTED);
                for (ItemPointer t : tids) {
                    if (t.block() == gone) {
                        s.heap().delete(TABLE, t);
                    }
                }
                s.commit();
                s.begin(IsolationLevel.READ_COMMITTED);
                List<Row> entries = entries(s, shape);
                assertTrue(entries.stream().noneMatch(r -> r.tid().block() == gone));
                BTreeIndex marked = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, id++), shape,
                        entries.iterator());
                assertTrue(marked.descentStart().checkXmin() != 0, "page " + gone);
                s.commit();
                old.commit();
                s.begin(IsolationLevel.READ_COMMITTED);
                BTreeIndex trusted = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, id++), shape,
                        entries(s, shape).iterator());
                assertEquals(0, trusted.descentStart().checkXmin(), "page " + gone);
                assertEquals(entries.size(), BTreeIndexTest.tids(s, trusted, KeyRange.ALL, false).size());
                s.commit();
            }
        }
    }

    @Test
    void aUniqueBuildRefusesLiveDuplicatesOnly() {
        IndexShape shape = shape(true, asc("a", PgType.INT4));
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 3000; i++) {
                s.heap().insert(TABLE, new Object[] {i, null, null, null});
            }
            ItemPointer dup = s.heap().insert(TABLE, new Object[] {1234, "again", null, null});
            s.heap().insert(TABLE, new Object[] {null, null, null, null});
            s.heap().insert(TABLE, new Object[] {null, null, null, null});
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            List<Row> all = entries(s, shape);
            UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> BTreeIndex.build(s,
                    new RelationId(BTreeFixture.DB, 17102), shape, all.iterator()));
            assertArrayEquals(new Object[] {1234}, e.key());
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().delete(TABLE, dup);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            // The dead version's entry may be passed in: it is no duplicate.
            List<Row> withDead = entries(s, shape);
            withDead.add(new Row(new TupleId(dup.block(), dup.offset()), new Object[] {1234}));
            BTreeIndex index = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17103), shape, withDead.iterator());
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(1, BTreeIndexTest.tids(s, index, KeyRange.equal(1234), false).size(), "the dead one is not seen");
            assertEquals(3002, BTreeIndexTest.tids(s, index, KeyRange.ALL, false).size(), "NULL keys included");
            assertThrows(UniqueViolationException.class,
                    () -> BTreeFixture.insert(s, new Object[] {77, null, null, null}, index));
            s.abort();
        }
    }

    @Test
    void aBuiltIndexSurvivesACrash() {
        // Two builds in one transaction: the one-integer-key path, and a text key whose build spills
        // to sorted runs (its pages are logged as they are written from the merge, as any build's).
        IndexShape shape = shape(true, asc("a", PgType.INT4));
        IndexShape text = shape(true, asc("b", PgType.TEXT));
        RelationId id = new RelationId(BTreeFixture.DB, 17104);
        RelationId textId = new RelationId(BTreeFixture.DB, 17105);
        List<Row> entries;
        List<Row> textEntries;
        StorageEngine engine = BTreeFixture.start(dir);
        try (Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            s.begin(IsolationLevel.READ_COMMITTED);
            for (int i = 0; i < 30000; i++) {
                s.heap().insert(TABLE, new Object[] {i * 7 % 30011, "t" + (i * 7 % 30011), null, null});
            }
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            entries = entries(s, shape);
            textEntries = entries(s, text);
            BTreeIndex.build(s, id, shape, entries.iterator());
            BTreeIndex.build(s, textId, text, textEntries.iterator(), 200_000);
            s.commit();
            engine.crash();
        }
        try (StorageEngine again = BTreeFixture.start(dir); Session s = again.session(0)) {
            BTreeIndex index = BTreeIndex.open(s, id, shape);
            List<BTreeFixture.Entry> model = model(entries, index);
            BTreeIndex textIndex = BTreeIndex.open(s, textId, text);
            List<BTreeFixture.Entry> textModel = model(textEntries, textIndex);
            s.begin(IsolationLevel.READ_COMMITTED);
            BTreeIndexTest.checkScan(s, index, model, KeyRange.ALL, false);
            BTreeIndexTest.checkScan(s, index, model, KeyRange.equal(7 * 99), false);
            BTreeIndexTest.checkScan(s, textIndex, textModel, KeyRange.ALL, false);
            BTreeIndexTest.checkScan(s, textIndex, textModel, KeyRange.equal("t693"), false);
            s.commit();
        }
    }

    /**
     * A build whose entries exceed its sort memory writes sorted runs and merges them: the index has
     * the same pages (bar their LSNs) as the in-memory build of the same entries, with NULLs,
     * duplicates and a descending text column among three keys, and no run file is left behind.
     */
    @Test
    void aBuildBeyondItsSortMemoryMergesRunsIntoTheSamePages() throws Exception {
        IndexShape shape = shape(false, desc("b", PgType.TEXT), asc("a", PgType.INT4), asc("d", PgType.NUMERIC));
        Random r = new Random(11);
        long filesBefore = runFiles();
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            List<Row> entries = loadRandomRows(s, r, 20000, shape);
            BTreeIndex inMemory = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17400), shape, entries.iterator());
            BTreeIndex merged = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17401), shape, entries.iterator(),
                    100_000); // about 700 entries a run: some 30 runs
            s.commit();
            assertEquals(filesBefore, runFiles(), "run files deleted");
            List<byte[]> expected = pages(engine, inMemory);
            List<byte[]> actual = pages(engine, merged);
            assertEquals(expected.size(), actual.size(), "pages");
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "page " + i);
            }
            s.begin(IsolationLevel.READ_COMMITTED);
            List<BTreeFixture.Entry> model = model(entries, merged);
            BTreeIndexTest.checkScan(s, merged, model, KeyRange.ALL, false);
            BTreeIndexTest.checkScan(s, merged, model, KeyRange.ALL, true);
            s.commit();
        }
    }

    /**
     * A unique build that spills finds live duplicates in different runs (23505 with the key), lets
     * NULLs and a dead version's entry pass, and deletes its run files when it fails.
     */
    @Test
    void aUniqueBuildBeyondItsSortMemoryFindsDuplicatesAcrossRuns() throws Exception {
        IndexShape shape = shape(true, asc("b", PgType.TEXT));
        long filesBefore = runFiles();
        try (StorageEngine engine = BTreeFixture.start(dir); Session s = engine.session(0)) {
            s.createTable(TABLE.locator(), TABLE.descriptor());
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().insert(TABLE, new Object[] {null, null, null, null}); // NULLs are never duplicates
            s.heap().insert(TABLE, new Object[] {0, "k1234", null, null}); // in the first run
            for (int i = 0; i < 3000; i++) {
                s.heap().insert(TABLE, new Object[] {i, "k" + i, null, null});
            }
            s.heap().insert(TABLE, new Object[] {null, null, null, null});
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            List<Row> all = entries(s, shape);
            long sortMemory = 20_000; // about 200 entries a run
            UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> BTreeIndex.build(s,
                    new RelationId(BTreeFixture.DB, 17402), shape, all.iterator(), sortMemory));
            assertArrayEquals(new Object[] {"k1234"}, e.key());
            assertEquals(filesBefore, runFiles(), "run files deleted after the failure");
            s.abort();
            s.begin(IsolationLevel.READ_COMMITTED);
            s.heap().delete(TABLE, new ItemPointer(all.get(1).tid().block(), all.get(1).tid().offset()));
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            BTreeIndex index = BTreeIndex.build(s, new RelationId(BTreeFixture.DB, 17403), shape, all.iterator(), sortMemory);
            s.commit();
            s.begin(IsolationLevel.READ_COMMITTED);
            assertEquals(1, BTreeIndexTest.tids(s, index, KeyRange.equal("k1234"), false).size(), "the dead one is not seen");
            assertEquals(3002, BTreeIndexTest.tids(s, index, KeyRange.ALL, false).size(), "NULL keys included");
            s.commit();
        }
    }

    /** The index's pages as they are in the shared buffers, each with its LSN zeroed. */
    private static List<byte[]> pages(StorageEngine engine, BTreeIndex index) {
        List<byte[]> pages = new ArrayList<>();
        int blocks = engine.smgr().nblocks(index.locator(), ForkNumber.MAIN);
        for (int block = 0; block < blocks; block++) {
            int buffer = index.buffers().readBuffer(index.locator(), ForkNumber.MAIN, block);
            index.buffers().lock(buffer, LWLock.Mode.SHARED);
            try {
                byte[] page = index.buffers().page(buffer).toArray(ValueLayout.JAVA_BYTE);
                java.util.Arrays.fill(page, 0, 8, (byte) 0); // pd_lsn: each build logged its own records
                pages.add(page);
            } finally {
                index.buffers().unlockRelease(buffer);
            }
        }
        return pages;
    }

    /** How many of an index build's run files are in the temporary directory now. */
    private static long runFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("tusk-index-build-")).count();
        }
    }
}
