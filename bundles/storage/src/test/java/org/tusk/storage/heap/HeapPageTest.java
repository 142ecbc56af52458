package org.tusk.storage.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

class HeapPageTest {

    static final TupleDescriptor DESC = TupleDescriptor.of(Attribute.of("id", PgType.INT4, true),
            Attribute.of("name", PgType.TEXT));

    /** Transactions by fate; the current one is {@code current}. */
    static final class Oracle implements TransactionOracle {
        final Map<Long, Status> status = new HashMap<>();
        long current;

        @Override
        public boolean isCurrentTransaction(long xid) {
            return xid == current;
        }

        @Override
        public Status status(long xid) {
            return status.getOrDefault(xid, Status.ABORTED);
        }
    }

    private static MemorySegment newPage() {
        MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
        HeapPage.initialize(page);
        return page;
    }

    private static byte[] row(int id, String name) {
        return HeapTuple.form(DESC, new Object[] {id, name});
    }

    @Test
    void insertLeavesTheCallersBytesAsTheyWere() {
        // The header is stamped on the page's copy: the formed tuple can be placed again elsewhere.
        byte[] tuple = row(5, "five");
        byte[] before = tuple.clone();
        MemorySegment page = newPage();
        int off = HeapPage.insert(page, 3, tuple, 42, 1);
        assertArrayEquals(before, tuple);
        assertEquals(42, HeapTupleHeader.xmin(HeapPage.fetch(page, off)));
        int again = HeapPage.insert(page, 3, tuple, 43, 2);
        assertEquals(43, HeapTupleHeader.xmin(HeapPage.fetch(page, again)));
        assertEquals(new ItemPointer(3, again), HeapTupleHeader.ctid(HeapPage.fetch(page, again)));
        assertArrayEquals(new Object[] {5, "five"}, HeapTuple.deform(DESC, HeapPage.fetch(page, again)));
    }

    @Test
    void insertStampsTheHeaderAndFetchDecodes() {
        MemorySegment page = newPage();
        int off = HeapPage.insert(page, 7, row(1, "one"), 10, 3);
        assertEquals(1, off);
        MemorySegment t = HeapPage.fetch(page, off);
        assertEquals(10, HeapTupleHeader.xmin(t));
        assertEquals(3, HeapTupleHeader.cmin(t));
        assertEquals(0, HeapTupleHeader.xmax(t));
        assertEquals(new ItemPointer(7, 1), HeapTupleHeader.ctid(t));
        assertTrue(HeapTupleHeader.hasAny(t, HeapTupleHeader.HEAP_XMAX_INVALID));
        assertEquals(0, Page.itemOffset(page, off) % 8);
        assertArrayEquals(new Object[] {1, "one"}, HeapTuple.deform(DESC, t));
        assertNull(HeapPage.fetch(page, 2));
    }

    @Test
    void deleteUpdateAndLockStampXmaxAndCtid() {
        MemorySegment page = newPage();
        Oracle oracle = new Oracle();
        oracle.status.put(10L, TransactionOracle.Status.COMMITTED);
        int a = HeapPage.insert(page, 0, row(1, "a"), 10, 0);
        int b = HeapPage.insert(page, 0, row(2, "b"), 10, 0);
        int c = HeapPage.insert(page, 0, row(3, "c"), 10, 0);

        oracle.current = 20;
        oracle.status.put(20L, TransactionOracle.Status.IN_PROGRESS);
        HeapPage.delete(page, a, 20, 1);
        MemorySegment ta = HeapPage.fetch(page, a);
        assertEquals(20, HeapTupleHeader.xmax(ta));
        assertEquals(1, HeapTupleHeader.cmax(ta));
        assertFalse(HeapTupleHeader.hasAny(ta, HeapTupleHeader.HEAP_XMAX_INVALID));
        assertEquals(20, Page.pruneXid(page));

        ItemPointer newTid = HeapPage.update(page, b, page, 0, row(2, "b2"), 20, 1, false, false);
        assertEquals(new ItemPointer(0, 4), newTid);
        MemorySegment tb = HeapPage.fetch(page, b);
        assertEquals(newTid, HeapTupleHeader.ctid(tb));
        MemorySegment tNew = HeapPage.fetch(page, newTid.offset());
        assertTrue(HeapTupleHeader.hasAny(tNew, HeapTupleHeader.HEAP_UPDATED));
        assertEquals(20, HeapTupleHeader.xmin(tNew));

        HeapPage.lock(page, c, 20, TupleLockMode.SHARE);
        MemorySegment tc = HeapPage.fetch(page, c);
        assertTrue(HeapTupleHeader.isLockedOnly(HeapTupleHeader.infomask(tc)));
        assertEquals(HeapTupleHeader.HEAP_XMAX_SHR_LOCK, HeapTupleHeader.infomask(tc) & HeapTupleHeader.HEAP_LOCK_MASK);

        // Another transaction, 30, sees all this as its TM_Result while 20 runs and after it commits.
        oracle.current = 30;
        assertEquals(TmResult.BEING_MODIFIED, HeapVisibility.satisfiesUpdate(ta, new ItemPointer(0, a), 0, oracle, HintBits.ALWAYS));
        assertEquals(TmResult.BEING_MODIFIED, HeapVisibility.satisfiesUpdate(tc, new ItemPointer(0, c), 0, oracle, HintBits.ALWAYS));
        oracle.status.put(20L, TransactionOracle.Status.COMMITTED);
        assertEquals(TmResult.DELETED, HeapVisibility.satisfiesUpdate(ta, new ItemPointer(0, a), 0, oracle, HintBits.ALWAYS));
        assertEquals(TmResult.UPDATED, HeapVisibility.satisfiesUpdate(tb, new ItemPointer(0, b), 0, oracle, HintBits.ALWAYS));
        assertEquals(TmResult.OK, HeapVisibility.satisfiesUpdate(tc, new ItemPointer(0, c), 0, oracle, HintBits.ALWAYS));
        assertEquals(TmResult.OK, HeapVisibility.satisfiesUpdate(tNew, newTid, 0, oracle, HintBits.ALWAYS));

        Snapshot after = new Snapshot(30, 31, new long[] {}, 0);
        assertFalse(HeapVisibility.satisfiesMvcc(ta, after, oracle, HintBits.ALWAYS));
        assertFalse(HeapVisibility.satisfiesMvcc(tb, after, oracle, HintBits.ALWAYS));
        assertTrue(HeapVisibility.satisfiesMvcc(tNew, after, oracle, HintBits.ALWAYS));
        assertTrue(HeapVisibility.satisfiesMvcc(tc, after, oracle, HintBits.ALWAYS));
        Snapshot before = new Snapshot(20, 21, new long[] {20}, 0);
        assertTrue(HeapVisibility.satisfiesMvcc(ta, before, oracle, HintBits.ALWAYS));
        assertFalse(HeapVisibility.satisfiesMvcc(tNew, before, oracle, HintBits.ALWAYS));
    }

    @Test
    void updateToAnotherPage() {
        MemorySegment oldPage = newPage();
        MemorySegment newPage = newPage();
        int off = HeapPage.insert(oldPage, 3, row(1, "x"), 10, 0);
        ItemPointer tid = HeapPage.update(oldPage, off, newPage, 4, row(1, "y"), 11, 0, true, false);
        assertEquals(new ItemPointer(4, 1), tid);
        MemorySegment old = HeapPage.fetch(oldPage, off);
        assertEquals(tid, HeapTupleHeader.ctid(old));
        assertTrue((HeapTupleHeader.infomask2(old) & HeapTupleHeader.HEAP_KEYS_UPDATED) != 0);
        assertArrayEquals(new Object[] {1, "y"}, HeapTuple.deform(DESC, HeapPage.fetch(newPage, 1)));
    }

    @Test
    void insertUntilFullThenPruneReclaimsDeadSpace() {
        MemorySegment page = newPage();
        Oracle oracle = new Oracle();
        oracle.status.put(10L, TransactionOracle.Status.COMMITTED);
        oracle.status.put(11L, TransactionOracle.Status.COMMITTED);
        oracle.status.put(50L, TransactionOracle.Status.COMMITTED);
        oracle.status.put(12L, TransactionOracle.Status.COMMITTED);
        int n = 0;
        String name = "n".repeat(100);
        while (HeapPage.insert(page, 0, row(n, name), 10, 0) != Page.INVALID_OFFSET) {
            n++;
        }
        assertTrue(HeapPage.freeSpace(page) < 40 + 4 + 4 + 101);
        // Delete every even row by 11 (old, committed) and row 1 by 50 (committed, but recently).
        for (int off = 1; off <= n; off += 2) {
            HeapPage.delete(page, off, 11, 0);
        }
        HeapPage.delete(page, 2, 50, 0);
        // A prune with horizon 40: 11's deletions are dead to everyone, 50's is not yet.
        int removed = HeapPage.prune(page, 0, 40, oracle, HintBits.ALWAYS);
        assertEquals((n + 1) / 2, removed);
        assertEquals(50, Page.pruneXid(page), "the recently dead row makes the page prunable later");
        for (int off = 1; off <= n; off++) {
            if (off % 2 == 1) {
                assertTrue(Page.isDead(page, off));
                assertNull(HeapPage.fetch(page, off));
            } else {
                assertArrayEquals(new Object[] {off - 1, name}, HeapTuple.deform(DESC, HeapPage.fetch(page, off)),
                        "survivors keep their offsets and contents");
            }
        }
        assertTrue(HeapPage.freeSpace(page) >= removed * 152 - 8, "dead storage reclaimed: " + HeapPage.freeSpace(page));
        // Dead line pointers cannot be reused until VACUUM releases them.
        int next = HeapPage.insert(page, 0, row(1000, "new"), 12, 0);
        assertEquals(n + 1, next);
        HeapPage.setUnused(page, 1, 3);
        assertEquals(1, HeapPage.insert(page, 0, row(1001, "reuse"), 12, 0));
        assertEquals(3, HeapPage.insert(page, 0, row(1002, "reuse"), 12, 0));
        // Horizon past 50: row 2 goes too.
        assertEquals(1, HeapPage.prune(page, 0, 60, oracle, HintBits.ALWAYS));
        assertEquals(0, Page.pruneXid(page));
    }

    /**
     * The infomask bits each operation leaves, as PostgreSQL 15.20 leaves them (pageinspect's
     * heap_page_items after FOR KEY SHARE / FOR SHARE / FOR NO KEY UPDATE / FOR UPDATE, DELETE, a
     * non-key UPDATE and a key UPDATE in one transaction on a table (id int primary key, v text);
     * checked 2026-11-23). XMIN_COMMITTED (0x100), a hint set by an earlier read there, is left out.
     * PostgreSQL's non-key update was HOT: infomask2 0x4000 on the old version, 0x8000 on the new.
     */
    @Test
    void infomaskBitsMatchPostgres() {
        MemorySegment page = newPage();
        int[] off = new int[8];
        for (int i = 0; i < 7; i++) {
            off[i] = HeapPage.insert(page, 0, row(i + 1, "v" + (i + 1)), 726, 0);
        }
        HeapPage.lock(page, off[0], 727, TupleLockMode.KEY_SHARE);
        HeapPage.lock(page, off[1], 727, TupleLockMode.SHARE);
        HeapPage.lock(page, off[2], 727, TupleLockMode.NO_KEY_UPDATE);
        HeapPage.lock(page, off[3], 727, TupleLockMode.UPDATE);
        HeapPage.delete(page, off[4], 727, 0);
        ItemPointer hotCandidate = HeapPage.update(page, off[5], page, 0, row(6, "x"), 727, 0, false, true);
        ItemPointer keyUpdate = HeapPage.update(page, off[6], page, 0, row(70, "v7"), 727, 0, true, false);
        int[][] expected = { // infomask, infomask2
            {0x092, 0x0002}, {0x0d2, 0x0002}, {0x0c2, 0x0002}, {0x0c2, 0x2002}, {0x002, 0x2002}, {0x002, 0x4002},
            {0x002, 0x2002}};
        for (int i = 0; i < 7; i++) {
            MemorySegment t = HeapPage.fetch(page, off[i]);
            assertEquals(expected[i][0], HeapTupleHeader.infomask(t), "infomask of row " + (i + 1));
            assertEquals(expected[i][1], HeapTupleHeader.infomask2(t), "infomask2 of row " + (i + 1));
            assertEquals(727, HeapTupleHeader.xmax(t));
        }
        for (ItemPointer tid : new ItemPointer[] {hotCandidate, keyUpdate}) {
            MemorySegment t = HeapPage.fetch(page, tid.offset());
            assertEquals(0x2802, HeapTupleHeader.infomask(t));
            assertEquals(tid == hotCandidate ? 0x8002 : 0x0002, HeapTupleHeader.infomask2(t));
        }
    }
}
