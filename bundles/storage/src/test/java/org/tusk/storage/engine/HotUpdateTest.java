package org.tusk.storage.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
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
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.xact.CommitLog;

/**
 * Heap-only tuples through the access API on a real engine: an update that changes no indexed column
 * stays on its page and adds no index entry, index scans and unique checks follow the chain from
 * the entry's root, pruning turns dead roots into redirects and frees heap-only line pointers, and
 * all of it survives a crash.
 */
class HotUpdateTest {

    /** (id int4 indexed unique, balance int8, note text). */
    static final TableShape ACCOUNTS = new TableShape(List.of(new ColumnType("id", 23, true),
            new ColumnType("balance", 20, true), new ColumnType("note", 25, false)));
    static final RelationId T = new RelationId(5, 16400);
    static final RelationId I = new RelationId(5, 16401);
    static final IndexShape ID_KEY = new IndexShape(List.of(IndexShape.KeyColumn.ascending("id", 23)), true, T);
    static final boolean[] ID_INDEXED = {true, false, false};

    @RegisterExtension
    final EngineFixture db = new EngineFixture(32);


    /** Creates T with rows (i, 1000, "n") for i in [0, n) and its unique index on id, committed. */
    void setup(AccessSession s, int n) {
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, ACCOUNTS);
        Index index = s.createIndex(I, ID_KEY);
        for (int i = 0; i < n; i++) {
            insert(t, index, i, 1000L, "n");
        }
        s.commit();
    }

    static void insert(Table t, Index index, int id, long balance, String note) {
        TupleId tid = t.insert(new Object[] {id, balance, note});
        index.insert(new Object[] {id}, tid);
    }

    /** The rows the index gives for id = {@code id}. */
    static List<Row> byId(Table t, Index index, int id) {
        List<Row> rows = new ArrayList<>();
        try (RowScan scan = t.indexScan(index, KeyRange.equal(new Object[] {id}), false)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    @Test
    void anIndexScanWithAColumnMaskDecodesOnlyThoseColumnsAlongHotChains() {
        AccessSession s = db.open();
        setup(s, 10);
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        s.startStatement();
        assertTrue(addToBalance(t, index, 4, 5).heapOnly(), "the entry leads to the chain's root");
        s.commandCounterIncrement();
        try (RowScan scan = t.indexScan(index, KeyRange.equal(new Object[] {4}), false,
                new boolean[] {false, true, false})) {
            Row r = scan.next();
            assertArrayEquals(new Object[] {null, 1005L, null}, r.values());
            assertNull(scan.next());
        }
        try (RowScan scan = t.indexScan(index, KeyRange.equal(new Object[] {4}), false, null)) {
            assertArrayEquals(new Object[] {4, 1005L, "n"}, scan.next().values());
        }
        assertThrows(IllegalArgumentException.class,
                () -> t.indexScan(index, KeyRange.equal(new Object[] {4}), false, new boolean[] {true}));
        s.commit();
    }

    /** UPDATE ... SET balance = balance + delta WHERE id = ?, as the executor does it (index entries unless HOT). */
    static Row addToBalance(Table t, Index index, int id, long delta) {
        Row found = byId(t, index, id).getFirst();
        Row updated = t.update(found.tid(), found.values(), v -> {
            Object[] next = v.clone();
            next[1] = (Long) v[1] + delta;
            return next;
        }, ID_INDEXED);
        if (updated != null && !updated.heapOnly()) {
            index.insert(new Object[] {updated.values()[0]}, updated.tid());
        }
        return updated;
    }

    /** The line pointer flags of the table's block {@code block}, one per offset (index 0 unused). */
    int[] linePointers(AccessSession s, int block) {
        try (Session raw = db.engine().session(15)) {
            return linePointers(raw.buffers(), block);
        }
    }

    static int[] linePointers(org.tusk.storage.buffer.BufferManager buffers, int block) {
        int buffer = buffers.readBuffer(Relations.locator(T), ForkNumber.MAIN, block);
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment page = buffers.page(buffer);
            int[] flags = new int[Page.maxOffset(page) + 1];
            for (int off = Page.FIRST_OFFSET; off < flags.length; off++) {
                flags[off] = Page.itemFlags(page, off);
            }
            return flags;
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    static int count(int[] flags, int kind) {
        int n = 0;
        for (int off = Page.FIRST_OFFSET; off < flags.length; off++) {
            n += flags[off] == kind ? 1 : 0;
        }
        return n;
    }

    @Test
    void anUpdateOfAnUnindexedColumnIsHeapOnlyAndTheIndexLeadsToTheNewVersion() {
        AccessSession s = db.open();
        setup(s, 3);
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId root = byId(t, index, 1).getFirst().tid();
        Row updated = addToBalance(t, index, 1, 5);
        assertTrue(updated.heapOnly(), "no indexed column changed and the page had room");
        assertEquals(root.block(), updated.tid().block());
        s.commandCounterIncrement();
        List<Row> found = byId(t, index, 1);
        assertEquals(1, found.size());
        assertEquals(1005L, found.getFirst().values()[1]);
        assertEquals(updated.tid(), found.getFirst().tid(), "the scan returns the chain member's own TID");
        // A key change is an ordinary update: the executor indexes the new version.
        Row moved = t.update(found.getFirst().tid(), found.getFirst().values(), v -> new Object[] {10, v[1], v[2]},
                ID_INDEXED);
        assertFalse(moved.heapOnly());
        index.insert(new Object[] {10}, moved.tid());
        s.commandCounterIncrement();
        assertTrue(byId(t, index, 1).isEmpty());
        assertEquals(1005L, byId(t, index, 10).getFirst().values()[1]);
        // Without the indexed columns given (the old call), nothing is ever HOT.
        Row plain = t.update(byId(t, index, 2).getFirst().tid(), byId(t, index, 2).getFirst().values(), v -> v);
        assertFalse(plain.heapOnly());
        s.commit();
    }

    /**
     * The lost update of the SQL bank test: B's first UPDATE of a row meets a version whose updater A
     * has written COMMITTED into the clog but not yet left the running array (the window between steps
     * 3 and 4 of TransactionManager's commit, frozen here by writing the clog entry ahead of A's
     * commit). B must wait for A as for a running transaction. When it did not, B followed the chain to
     * A's version and updated it, and B's next statement, whose snapshot still counted A as running,
     * saw A's predecessor as the row: the chain walk stopped there, the update of it led to B's own
     * version (updated by an earlier command: invisible), and the second UPDATE of the row found
     * nothing.
     */
    @Test
    void aCommitterStillInTheRunningArrayIsWaitedForAndTheRowIsUpdatedTwice() throws Exception {
        AccessSession s = db.open();
        setup(s, 1);
        AccessSession a = db.open();
        AccessSession b = db.open();
        Table ta = a.openTable(T, ACCOUNTS);
        Index ia = a.openIndex(I, ID_KEY);
        Table tb = b.openTable(T, ACCOUNTS);
        Index ib = b.openIndex(I, ID_KEY);
        a.begin(Isolation.READ_COMMITTED);
        a.startStatement();
        assertTrue(addToBalance(ta, ia, 0, 10).heapOnly());
        long xa = a.transactionId();
        db.engine().transactions().commitLog().setTreeStatus(xa, new long[0], CommitLog.COMMITTED, Lsn.INVALID);

        b.begin(Isolation.READ_COMMITTED);
        FutureTask<List<Row>> transfer = new FutureTask<>(() -> {
            b.startStatement();
            Row first = addToBalance(tb, ib, 0, 100);
            b.commandCounterIncrement();
            b.startStatement();
            Row second = addToBalance(tb, ib, 0, 1000);
            b.commandCounterIncrement();
            b.commit();
            return java.util.Arrays.asList(first, second);
        });
        Thread worker = new Thread(transfer, "transfer");
        worker.start();
        // B either waits for A now (right) or runs through both statements while A is still "running".
        while (!transfer.isDone() && !db.engine().lockManager().isWaiting(b.engineSession().procNumber())) {
            Thread.onSpinWait();
        }
        a.commit();
        List<Row> updates = transfer.get(60, TimeUnit.SECONDS);
        assertNotNull(updates.get(0), "the first UPDATE of the row found it");
        assertNotNull(updates.get(1), "the second UPDATE of the row found it");
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> rows = byId(s.openTable(T, ACCOUNTS), s.openIndex(I, ID_KEY), 0);
        assertEquals(1, rows.size());
        assertEquals(2110L, rows.getFirst().values()[1], "A's change and both of B's");
        s.commit();
    }

    @Test
    void aThousandHotUpdatesKeepTheTableAndTheIndexAtOnePage() {
        AccessSession s = db.open();
        setup(s, 10);
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        s.setSynchronousCommit(false);
        int hot = 0;
        for (int i = 1; i <= 1000; i++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            hot += addToBalance(t, index, i % 10, 1).heapOnly() ? 1 : 0;
            s.commit();
        }
        assertEquals(1, t.blocks(), "pruning frees heap-only line pointers, so the page never fills up");
        assertEquals(1000, hot, "every update found room on its page after pruning");
        assertEquals(2, index.blocks(), "metapage and one leaf: no entry was added");
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        for (int id = 0; id < 10; id++) {
            assertEquals(1100L, byId(t, index, id).getFirst().values()[1]);
        }
        s.commit();
        t.vacuum();
        int[] flags = linePointers(s, 0);
        assertEquals(10, count(flags, Page.LP_NORMAL), "one live version per row keeps storage");
        assertEquals(10, count(flags, Page.LP_REDIRECT), "each row's dead root redirects to it");
        assertEquals(0, count(flags, Page.LP_DEAD), "no chain died entirely");
        assertEquals(flags.length - 21, count(flags, Page.LP_UNUSED), "the rest is free for reuse");
    }

    @Test
    void theUniqueCheckFollowsTheChainBeforeAndAfterPruning() {
        AccessSession s = db.open();
        setup(s, 2);
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        for (int i = 0; i < 3; i++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            assertTrue(addToBalance(t, index, 0, 1).heapOnly());
            s.commit();
        }
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId dup = t.insert(new Object[] {0, 0L, "dup"});
        assertThrows(UniqueViolationException.class, () -> index.insert(new Object[] {0}, dup),
                "the root is dead, the chain's last member is live");
        s.abort();
        t.vacuum();
        assertEquals(Page.LP_REDIRECT, linePointers(s, 0)[1], "row 0's root now redirects");
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        TupleId again = t.insert(new Object[] {0, 0L, "dup"});
        assertThrows(UniqueViolationException.class, () -> index.insert(new Object[] {0}, again));
        s.abort();
        // Deleting the row's live member ends the chain: the key may then be used again.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Row live = byId(t, index, 0).getFirst();
        assertTrue(t.delete(live.tid(), v -> true));
        s.commandCounterIncrement();
        insert(t, index, 0, 7L, "new");
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> rows = byId(t, index, 0);
        assertEquals(1, rows.size());
        assertEquals(7L, rows.getFirst().values()[1]);
        s.commit();
    }

    @Test
    void anOlderSnapshotFindsItsVersionInTheChainAndPruningKeepsIt() {
        AccessSession s1 = db.open();
        AccessSession s2 = db.open();
        setup(s1, 1);
        Table t1 = s1.openTable(T, ACCOUNTS);
        Index i1 = s1.openIndex(I, ID_KEY);
        Table t2 = s2.openTable(T, ACCOUNTS);
        Index i2 = s2.openIndex(I, ID_KEY);
        s2.begin(Isolation.REPEATABLE_READ);
        s2.startStatement();
        assertEquals(1000L, byId(t2, i2, 0).getFirst().values()[1]);
        for (int k = 0; k < 5; k++) {
            s1.begin(Isolation.READ_COMMITTED);
            s1.startStatement();
            assertTrue(addToBalance(t1, i1, 0, 10).heapOnly());
            s1.commit();
        }
        t1.vacuum();
        s2.startStatement();
        assertEquals(1000L, byId(t2, i2, 0).getFirst().values()[1], "its version is still in the chain");
        s2.commit();
        s1.begin(Isolation.READ_COMMITTED);
        s1.startStatement();
        assertEquals(1050L, byId(t1, i1, 0).getFirst().values()[1]);
        s1.commit();
        t1.vacuum();
        int[] flags = linePointers(s1, 0);
        assertEquals(Page.LP_REDIRECT, flags[1]);
        assertEquals(1, count(flags, Page.LP_NORMAL), "only the live member keeps storage");
        assertEquals(4, count(flags, Page.LP_UNUSED), "the dead heap-only members' pointers are free");
    }

    @Test
    void anAbortedHotUpdateLeavesTheOldVersionAndItsOrphanIsPruned() {
        AccessSession s = db.open();
        setup(s, 1);
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertTrue(addToBalance(t, index, 0, 99).heapOnly());
        s.abort();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(1000L, byId(t, index, 0).getFirst().values()[1]);
        assertTrue(addToBalance(t, index, 0, 1).heapOnly(), "updating again replaces the aborted link");
        s.commit();
        t.vacuum();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> rows = byId(t, index, 0);
        assertEquals(1, rows.size());
        assertEquals(1001L, rows.getFirst().values()[1]);
        s.commit();
        int[] flags = linePointers(s, 0);
        assertEquals(1, count(flags, Page.LP_NORMAL));
    }

    @Test
    void hotChainsAndRedirectsSurviveACrash() {
        AccessSession s = db.open();
        setup(s, 20);
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        for (int k = 0; k < 200; k++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            addToBalance(t, index, k % 20, k);
            s.commit();
            if (k == 100) {
                db.engine().checkpoint(); // later pages get full-page images, earlier changes redo on top
            }
        }
        // An update in progress at the crash: its heap-only version must not be seen.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertTrue(addToBalance(t, index, 3, 1_000_000).heapOnly());
        long[] expected = new long[20];
        for (int k = 0; k < 200; k++) {
            expected[k % 20] += k;
        }
        db.crashAndRestart();
        AccessSession r = db.open();
        Table rt = r.openTable(T, ACCOUNTS);
        Index ri = r.openIndex(I, ID_KEY);
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        for (int id = 0; id < 20; id++) {
            List<Row> rows = byId(rt, ri, id);
            assertEquals(1, rows.size(), "id " + id);
            assertEquals(1000L + expected[id], rows.getFirst().values()[1], "id " + id);
        }
        r.commit();
        assertNotNull(rt);
        rt.vacuum();
        db.crashAndRestart();
        AccessSession again = db.open();
        Table at = again.openTable(T, ACCOUNTS);
        Index ai = again.openIndex(I, ID_KEY);
        again.begin(Isolation.READ_COMMITTED);
        again.startStatement();
        for (int id = 0; id < 20; id++) {
            assertEquals(1000L + expected[id], byId(at, ai, id).getFirst().values()[1], "after VACUUM and a crash");
        }
        assertEquals(20, AccessSessionTest.all(at).size());
        again.commit();
    }

    /** Every line pointer of the table's block {@code block}: flags, item address and length. */
    String[] itemIds(int block) {
        try (Session raw = db.engine().session(15)) {
            org.tusk.storage.buffer.BufferManager buffers = raw.buffers();
            int buffer = buffers.readBuffer(Relations.locator(T), ForkNumber.MAIN, block);
            buffers.lock(buffer, LWLock.Mode.SHARED);
            try {
                MemorySegment page = buffers.page(buffer);
                String[] ids = new String[Page.maxOffset(page) + 1];
                for (int off = Page.FIRST_OFFSET; off < ids.length; off++) {
                    ids[off] = Page.itemFlags(page, off) + "@" + Page.itemOffset(page, off) + "+"
                            + Page.itemLength(page, off);
                }
                return ids;
            } finally {
                buffers.unlockRelease(buffer);
            }
        }
    }

    @Test
    void prunesAfterACheckpointRedoToTheSameLayout() {
        AccessSession s = db.open();
        setup(s, 5);
        db.engine().checkpoint();
        Table t = s.openTable(T, ACCOUNTS);
        Index index = s.openIndex(I, ID_KEY);
        // The first change after the checkpoint logs the page's image; the page then fills and is
        // pruned several times, each prune logged as its line pointers only.
        for (int k = 0; k < 600; k++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            assertTrue(addToBalance(t, index, k % 5, 1).heapOnly());
            s.commit();
        }
        int[] flags = linePointers(s, 0);
        assertTrue(count(flags, Page.LP_REDIRECT) > 0, "the page was pruned");
        String[] before = itemIds(0);
        db.crashAndRestart();
        assertArrayEquals(before, itemIds(0), "redo compacts as the primary did: every tuple at the same address");
        AccessSession r = db.open();
        Table rt = r.openTable(T, ACCOUNTS);
        Index ri = r.openIndex(I, ID_KEY);
        r.begin(Isolation.READ_COMMITTED);
        r.startStatement();
        for (int id = 0; id < 5; id++) {
            assertEquals(1000L + 120, byId(rt, ri, id).getFirst().values()[1], "id " + id);
        }
        r.commit();
    }

    @Test
    void anIndexBuiltOverHotChainsPointsAtTheirRoots() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, ACCOUNTS);
        for (int i = 0; i < 5; i++) {
            t.insert(new Object[] {i, 0L, "n"});
        }
        s.commit();
        boolean[] none = {false, false, false};
        for (int k = 0; k < 3; k++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            for (Row r : AccessSessionTest.all(t)) {
                Row u = t.update(r.tid(), r.values(), v -> new Object[] {v[0], (Long) v[1] + 1, v[2]}, none);
                assertTrue(u.heapOnly(), "a table without indexes updates heap-only");
            }
            s.commit();
        }
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> entries = new ArrayList<>();
        for (Row r : AccessSessionTest.all(t)) {
            entries.add(new Row(r.tid(), new Object[] {r.values()[0]}));
        }
        Index index = s.buildIndex(I, ID_KEY, entries.iterator());
        s.commit();
        // Later HOT updates, then pruning frees the heap-only members the build saw: the entries must
        // lead to the chains' roots, not to line pointers that are free (or reused) now.
        for (int k = 0; k < 3; k++) {
            s.begin(Isolation.READ_COMMITTED);
            s.startStatement();
            for (int id = 0; id < 5; id++) {
                assertTrue(addToBalance(t, index, id, 1).heapOnly());
            }
            s.commit();
        }
        t.vacuum();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        for (int i = 0; i < 10; i++) {
            t.insert(new Object[] {100 + i, 0L, "takes a freed line pointer"});
        }
        for (int id = 0; id < 5; id++) {
            List<Row> rows = byId(t, index, id);
            assertEquals(1, rows.size(), "id " + id);
            assertEquals(id, rows.getFirst().values()[0]);
            assertEquals(6L, rows.getFirst().values()[1]);
        }
        s.commit();
    }

    /** The notes an index scan of {@code index} (on note) returns for {@code range}, in scan order, with ids. */
    static List<String> byNote(Table t, Index index, KeyRange range, boolean backward) {
        List<String> rows = new ArrayList<>();
        try (RowScan scan = t.indexScan(index, range, backward)) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                rows.add(r.values()[2] + ":" + r.values()[0]);
            }
        }
        return rows;
    }

    @Test
    void anIndexBuiltOverVersionsAnOlderSnapshotSeesIsNotTrustedByIt() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, ACCOUNTS);
        for (int i = 0; i < 5; i++) {
            t.insert(new Object[] {i, 0L, "n"});
        }
        s.commit();
        AccessSession old = db.open();
        Table oldT = old.openTable(T, ACCOUNTS);
        old.begin(Isolation.REPEATABLE_READ);
        old.startStatement();
        assertEquals(5, AccessSessionTest.all(oldT).size());
        // Every note changes (HOT: the table has no index yet) and row 4 goes, after the old snapshot.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        boolean[] none = {false, false, false};
        for (Row r : AccessSessionTest.all(t)) {
            if ((int) r.values()[0] == 4) {
                assertTrue(t.delete(r.tid(), v -> true));
            } else {
                assertTrue(t.update(r.tid(), r.values(), v -> new Object[] {v[0], v[1], "m" + v[0]}, none).heapOnly());
            }
        }
        s.commit();
        IndexShape byNote = new IndexShape(List.of(IndexShape.KeyColumn.ascending("note", 25)), false, T);
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        List<Row> entries = new ArrayList<>();
        for (Row r : AccessSessionTest.all(t)) {
            entries.add(new Row(r.tid(), new Object[] {r.values()[2]}));
        }
        Index index = s.buildIndex(I, byNote, entries.iterator());
        // The builder's own later statements trust it.
        s.startStatement();
        assertEquals(List.of("m1:1"), byNote(t, index, KeyRange.equal(new Object[] {"m1"}), false));
        s.commit();

        // The old snapshot sees the old notes and row 4, which the index has no entries for (and whose
        // chains its "m" entries lead to): it must get what it sees, in index order, not the index's view.
        Index oldIndex = old.openIndex(I, byNote);
        assertEquals(List.of("n:0", "n:1", "n:2", "n:3", "n:4"),
                byNote(oldT, oldIndex, KeyRange.equal(new Object[] {"n"}), false));
        assertEquals(List.of(), byNote(oldT, oldIndex, KeyRange.equal(new Object[] {"m1"}), false));
        assertEquals(List.of("n:4", "n:3", "n:2", "n:1", "n:0"),
                byNote(oldT, oldIndex, new KeyRange(null, false, null, false), true));
        old.commit();

        // A snapshot taken after the build committed uses the index itself.
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        assertEquals(List.of("m0:0", "m1:1", "m2:2", "m3:3"),
                byNote(t, index, new KeyRange(new Object[] {"m"}, true, null, false), false));
        assertEquals(List.of(), byNote(t, index, KeyRange.equal(new Object[] {"n"}), false));
        s.commit();
        // Once nothing older is left, a new index over the same table is trusted by everyone.
        t.vacuum();
        try (Session raw = db.engine().session(15)) {
            raw.begin(org.tusk.storage.xact.IsolationLevel.READ_COMMITTED);
            assertEquals(0, BTreeIndex.build(raw, new RelationId(5, 16402), byNote, List.<Row>of().iterator())
                    .descentStart().checkXmin());
            raw.abort();
        }
    }

    @Test
    void aHotUpdateOfARowTooBigForThePageMovesItAndIsNotHeapOnly() {
        AccessSession s = db.open();
        s.begin(Isolation.READ_COMMITTED);
        Table t = s.createTable(T, ACCOUNTS);
        Index index = s.createIndex(I, ID_KEY);
        // Four rows of about 2 kB of text that does not compress, each just under TOAST's threshold
        // (2032 bytes), so that they stay inline: about 8 kB, no room for another version.
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(42);
        while (text.length() < 1950) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        String big = text.toString();
        for (int i = 0; i < 4; i++) {
            insert(t, index, i, 0L, big);
        }
        s.commit();
        s.begin(Isolation.READ_COMMITTED);
        s.startStatement();
        Row updated = addToBalance(t, index, 2, 1);
        assertFalse(updated.heapOnly(), "the new version went to another page");
        assertEquals(1, updated.tid().block());
        s.commandCounterIncrement();
        assertEquals(1L, byId(t, index, 2).getFirst().values()[1]);
        s.commit();
        assertThrows(IllegalArgumentException.class, () -> t.update(updated.tid(), updated.values(), v -> v,
                new boolean[] {true}), "the indexed-column flags must match the columns");
    }
}
