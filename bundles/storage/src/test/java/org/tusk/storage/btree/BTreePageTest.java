package org.tusk.storage.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageException;

class BTreePageTest {

    static final IndexKeys INT_KEY = IndexKeys.of(IndexColumn.asc(Attribute.of("k", PgType.INT4)));

    /** A leaf entry and what it was made of, for checking. */
    record Entry(Object[] keys, ItemPointer tid) {
    }

    static MemorySegment newPage() {
        return MemorySegment.ofArray(new byte[Page.SIZE]);
    }

    static Entry read(IndexKeys keys, MemorySegment page, int off) {
        MemorySegment t = Page.item(page, off);
        return new Entry(IndexTuple.keys(keys, t), IndexTuple.heapTid(t));
    }

    /** Inserts into a leaf at the place a binary search finds; false if the page is full. */
    static boolean insert(IndexKeys keys, MemorySegment page, Object[] values, ItemPointer tid) {
        int off = BTreeSearch.binarySearch(keys, ScanKey.forInsert(values, tid), page, false);
        return BTreePage.addItem(page, off, MemorySegment.ofArray(IndexTuple.form(keys, values, tid, "i")));
    }

    /** The independent expected order: columns by their own rules, then heap TID. */
    static Comparator<Entry> order(IndexKeys keys) {
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                Object x = a.keys()[i];
                Object y = b.keys()[i];
                IndexColumn col = keys.column(i);
                int c;
                if (x == null || y == null) {
                    c = x == y ? 0 : (x == null) == col.nullsFirst() ? -1 : 1;
                } else {
                    c = col.comparator().compare(x, y) * (col.descending() ? -1 : 1);
                }
                if (c != 0) {
                    return c;
                }
            }
            return a.tid().compareTo(b.tid());
        };
    }

    static List<Entry> items(IndexKeys keys, MemorySegment page) {
        List<Entry> out = new ArrayList<>();
        for (int off = BTreePage.firstDataKey(page); off <= Page.maxOffset(page); off++) {
            out.add(read(keys, page, off));
        }
        return out;
    }

    static void assertSameEntries(List<Entry> expected, List<Entry> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).keys(), actual.get(i).keys(), "entry " + i);
            assertEquals(expected.get(i).tid(), actual.get(i).tid(), "entry " + i);
        }
    }

    @Test
    void specialSpaceLayout() {
        MemorySegment page = newPage();
        BTreePage.initialize(page, 2, BTreePage.BTP_ROOT);
        assertEquals(16, Page.specialSize(page));
        BTreePage.setPrev(page, 11);
        BTreePage.setNext(page, 12);
        BTreePage.setCycleId(page, 7);
        assertEquals(11, page.get(Page.INT, Page.SIZE - 16));
        assertEquals(12, page.get(Page.INT, Page.SIZE - 12));
        assertEquals(2, page.get(Page.INT, Page.SIZE - 8));
        assertEquals(BTreePage.BTP_ROOT, page.get(Page.SHORT, Page.SIZE - 4));
        assertEquals(7, page.get(Page.SHORT, Page.SIZE - 2));
        assertFalse(BTreePage.isLeaf(page));
        assertFalse(BTreePage.isRightmost(page));
        assertEquals(2, BTreePage.firstDataKey(page));
        BTreePage.setNext(page, BTreePage.P_NONE);
        assertEquals(1, BTreePage.firstDataKey(page));
        assertNull(BTreePage.highKey(page));
    }

    @Test
    void indexTupleFormat() {
        IndexKeys keys = IndexKeys.of(IndexColumn.asc(Attribute.of("a", PgType.INT4)),
                IndexColumn.asc(Attribute.of("b", PgType.TEXT)));
        MemorySegment t = MemorySegment.ofArray(IndexTuple.form(keys, new Object[] {5, "xyz"}, new ItemPointer(3, 4), "i"));
        assertEquals(16, IndexTuple.size(t), "8 header + 4 int + 1+3 short text, MAXALIGNed");
        assertFalse(IndexTuple.isPivot(t));
        assertFalse(IndexTuple.hasNulls(t));
        assertEquals(new ItemPointer(3, 4), IndexTuple.heapTid(t));
        MemorySegment n = MemorySegment.ofArray(IndexTuple.form(keys, new Object[] {null, "xyz"}, new ItemPointer(3, 4), "i"));
        assertTrue(IndexTuple.hasNulls(n));
        assertEquals(24, IndexTuple.size(n), "bitmap pushes data to 16");
        assertArrayEquals(new Object[] {null, "xyz"}, IndexTuple.keys(keys, n));
        MemorySegment pivot = MemorySegment.ofArray(IndexTuple.pivotOf(t, 2));
        assertTrue(IndexTuple.isPivot(pivot));
        assertEquals(24, IndexTuple.size(pivot));
        assertEquals(new ItemPointer(3, 4), IndexTuple.heapTid(pivot));
        assertArrayEquals(new Object[] {5, "xyz"}, IndexTuple.keys(keys, pivot));
        MemorySegment down = MemorySegment.ofArray(IndexTuple.withDownlink(pivot, 42));
        assertEquals(42, IndexTuple.downlink(down));
        assertEquals(new ItemPointer(3, 4), IndexTuple.heapTid(down));
        MemorySegment minus = MemorySegment.ofArray(IndexTuple.minusInfinity(9));
        assertEquals(0, IndexTuple.natts(minus, keys));
        assertNull(IndexTuple.heapTid(minus));
        assertEquals(9, IndexTuple.downlink(minus));

        assertEquals(2696, IndexTuple.MAX_SIZE);
        PageException e = assertThrows(PageException.class,
                () -> IndexTuple.form(keys, new Object[] {1, "w".repeat(3000)}, new ItemPointer(0, 1), "t_b_idx"));
        assertEquals("54000", e.sqlState());
        assertEquals("index row size 3016 exceeds btree version 4 maximum 2696 for index \"t_b_idx\"", e.getMessage());
    }

    @Test
    void leafBinarySearchFindsFirstGreaterOrEqual() {
        MemorySegment page = newPage();
        BTreePage.initialize(page, 0, BTreePage.BTP_LEAF | BTreePage.BTP_ROOT);
        int[] values = {10, 20, 20, 20, 30, 40};
        for (int i = 0; i < values.length; i++) {
            assertTrue(insert(INT_KEY, page, new Object[] {values[i]}, new ItemPointer(1, i + 1)));
        }
        assertEquals(1, BTreeSearch.binarySearch(INT_KEY, ScanKey.of(5), page, false));
        assertEquals(2, BTreeSearch.binarySearch(INT_KEY, ScanKey.of(20), page, false));
        assertEquals(5, BTreeSearch.binarySearch(INT_KEY, ScanKey.of(20), page, true), "nextkey: first > 20");
        assertEquals(5, BTreeSearch.binarySearch(INT_KEY, ScanKey.of(25), page, false));
        assertEquals(7, BTreeSearch.binarySearch(INT_KEY, ScanKey.of(99), page, false), "past the end");
        // With a heap TID, equal keys are ordered by it.
        assertEquals(3, BTreeSearch.binarySearch(INT_KEY, ScanKey.forInsert(new Object[] {20}, new ItemPointer(1, 3)), page, false));
        assertEquals(4, BTreeSearch.binarySearch(INT_KEY, ScanKey.forInsert(new Object[] {20}, new ItemPointer(1, 3)), page, true));
        assertEquals(2, BTreeSearch.binarySearch(INT_KEY, ScanKey.forInsert(new Object[] {20}, new ItemPointer(0, 9)), page, false));
        assertFalse(BTreeSearch.mustMoveRight(INT_KEY, ScanKey.of(1000), page, false), "rightmost: never");
    }

    @Test
    void multiColumnOrderWithNulls() {
        // (a int4 ASC NULLS LAST, b text DESC NULLS FIRST)
        IndexKeys keys = IndexKeys.of(IndexColumn.asc(Attribute.of("a", PgType.INT4)),
                IndexColumn.desc(Attribute.of("b", PgType.TEXT)));
        MemorySegment page = newPage();
        BTreePage.initialize(page, 0, BTreePage.BTP_LEAF);
        Random r = new Random(11);
        List<Entry> model = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Integer a = r.nextInt(6) == 0 ? null : r.nextInt(5);
            String b = r.nextInt(6) == 0 ? null : "s" + r.nextInt(8);
            ItemPointer tid = new ItemPointer(r.nextInt(3), 1 + r.nextInt(50));
            if (model.stream().anyMatch(e -> e.tid().equals(tid))) {
                continue;
            }
            assertTrue(insert(keys, page, new Object[] {a, b}, tid));
            model.add(new Entry(new Object[] {a, b}, tid));
        }
        model.sort(order(keys));
        assertSameEntries(model, items(keys, page));
        // The last entries have a NULL first column; the first ones with a = 0 have b NULL.
        Entry last = items(keys, page).getLast();
        assertNull(last.keys()[0]);
        // A prefix search lands on the first entry of the prefix.
        int off = BTreeSearch.binarySearch(keys, ScanKey.of((Object) null), page, false);
        assertNull(read(keys, page, off).keys()[0]);
        assertTrue(off == 1 || read(keys, page, off - 1).keys()[0] != null);
    }

    @Test
    void leafSplitKeepsEveryEntryInOrder() {
        Random r = new Random(5);
        for (boolean rightmost : new boolean[] {true, false}) {
            MemorySegment page = newPage();
            BTreePage.initialize(page, 0, BTreePage.BTP_LEAF);
            List<Entry> model = new ArrayList<>();
            if (!rightmost) {
                BTreePage.setNext(page, 99);
                BTreePage.setPrev(page, 3);
                // High key (1000000, (0,0)): every key here is below it.
                byte[] hk = IndexTuple.pivotOf(MemorySegment.ofArray(
                        IndexTuple.form(INT_KEY, new Object[] {1_000_000}, new ItemPointer(0, 0), "i")), 1);
                Page.addItem(page, MemorySegment.ofArray(hk), BTreePage.P_HIKEY, false, false);
            }
            int n = 0;
            while (true) {
                Object[] v = {r.nextInt(500)};
                ItemPointer tid = new ItemPointer(n / 100, 1 + n % 100);
                if (!insert(INT_KEY, page, v, tid)) {
                    // The page is full: split it with this entry.
                    model.add(new Entry(v, tid));
                    int off = BTreeSearch.binarySearch(INT_KEY, ScanKey.forInsert(v, tid), page, false);
                    MemorySegment right = newPage();
                    right.fill((byte) 0x5A); // whatever was there
                    Page.setLsn(page, 777);
                    BTreeSplit.Result res = BTreeSplit.split(INT_KEY, page, 4, right, 5, off,
                            MemorySegment.ofArray(IndexTuple.form(INT_KEY, v, tid, "i")), 0);
                    model.sort(order(INT_KEY));
                    List<Entry> left = items(INT_KEY, page);
                    List<Entry> rightItems = items(INT_KEY, right);
                    List<Entry> all = new ArrayList<>(left);
                    all.addAll(rightItems);
                    assertSameEntries(model, all);
                    assertEquals(left.size(), res.leftCount());
                    assertEquals(rightItems.size(), res.rightCount());
                    // Roughly even by space, or about 90/10 on the rightmost page.
                    double share = left.size() / (double) all.size();
                    if (rightmost) {
                        assertTrue(share > 0.85 && share < 0.95, "rightmost split share " + share);
                    } else {
                        assertTrue(share > 0.45 && share < 0.55, "split share " + share);
                    }
                    // The new high key is the first right entry as a pivot; all left entries are below it.
                    MemorySegment hk = BTreePage.highKey(page);
                    assertTrue(IndexTuple.isPivot(hk));
                    assertArrayEquals(rightItems.getFirst().keys(), IndexTuple.keys(INT_KEY, hk));
                    assertEquals(rightItems.getFirst().tid(), IndexTuple.heapTid(hk));
                    assertArrayEquals(res.separator(), hk.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                    ScanKey hkKey = ScanKey.forInsert(IndexTuple.keys(INT_KEY, hk), IndexTuple.heapTid(hk));
                    for (int o = BTreePage.firstDataKey(page); o <= Page.maxOffset(page); o++) {
                        assertTrue(BTreeSearch.compare(INT_KEY, hkKey, page, o) > 0);
                    }
                    // Links and flags.
                    assertEquals(5, BTreePage.next(page));
                    assertEquals(4, BTreePage.prev(right));
                    assertEquals(rightmost ? BTreePage.P_NONE : 99, BTreePage.next(right));
                    assertEquals(rightmost ? BTreePage.P_NONE : 3, BTreePage.prev(page));
                    assertTrue(BTreePage.isLeaf(right));
                    assertTrue((BTreePage.flags(page) & BTreePage.BTP_INCOMPLETE_SPLIT) != 0);
                    assertEquals(777, Page.lsn(page), "left keeps its LSN");
                    if (!rightmost) {
                        assertArrayEquals(new Object[] {1_000_000}, IndexTuple.keys(INT_KEY, BTreePage.highKey(right)),
                                "the old high key moves right");
                    }
                    // The new entry is where the result says.
                    MemorySegment where = res.newItemOnLeft() ? page : right;
                    Entry placed = read(INT_KEY, where, res.newItemOffset());
                    assertEquals(tid, placed.tid());
                    // Searches through the split pair: a key above the high key must move right.
                    Object[] top = rightItems.getLast().keys();
                    assertTrue(BTreeSearch.mustMoveRight(INT_KEY, ScanKey.forInsert(top, rightItems.getLast().tid()), page, false));
                    assertFalse(BTreeSearch.mustMoveRight(INT_KEY, ScanKey.forInsert(left.getFirst().keys(),
                            left.getFirst().tid()), page, false));
                    assertTrue(Page.isVerified(page, 4, false) && Page.isVerified(right, 5, false));
                    break;
                }
                model.add(new Entry(v, tid));
                n++;
            }
        }
    }
}
