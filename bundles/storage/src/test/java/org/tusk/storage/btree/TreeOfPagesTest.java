package org.tusk.storage.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

/**
 * A whole tree of pages in a map, grown by inserts through the page-level operations only: descents
 * with binary search and move-right, leaf and internal splits, new roots. What a B-tree access method
 * will do with buffers, minus locking and WAL. Checks that every key is found and that the leaf level
 * read through right links is in order.
 */
class TreeOfPagesTest {

    /** Long text keys, so that a few thousand entries make a three-level tree. */
    static final IndexKeys KEYS = IndexKeys.of(IndexColumn.asc(Attribute.of("k", PgType.TEXT)),
            IndexColumn.asc(Attribute.of("n", PgType.INT4)));

    final Map<Integer, MemorySegment> pages = new HashMap<>();
    int root;
    int nextBlock = 1; // block 0 would be the metapage

    int allocate() {
        int block = nextBlock++;
        pages.put(block, MemorySegment.ofArray(new byte[Page.SIZE]));
        return block;
    }

    void insert(Object[] values, ItemPointer tid) {
        ScanKey key = ScanKey.forInsert(values, tid);
        Deque<Integer> stack = new ArrayDeque<>();
        int block = root;
        while (true) {
            MemorySegment page = pages.get(block);
            while (BTreeSearch.mustMoveRight(KEYS, key, page, false)) {
                block = BTreePage.next(page);
                page = pages.get(block);
            }
            if (BTreePage.isLeaf(page)) {
                break;
            }
            stack.push(block);
            int off = BTreeSearch.binarySearch(KEYS, key, page, false);
            block = IndexTuple.downlink(Page.item(page, off));
        }
        MemorySegment item = MemorySegment.ofArray(IndexTuple.form(KEYS, values, tid, "t_k_idx"));
        insertAt(block, key, item, stack);
    }

    void insertAt(int block, ScanKey key, MemorySegment item, Deque<Integer> stack) {
        MemorySegment page = pages.get(block);
        int off = BTreeSearch.binarySearch(KEYS, key, page, false);
        if (!BTreePage.isLeaf(page)) {
            off++; // after the last item < key
        }
        if (BTreePage.addItem(page, off, item)) {
            return;
        }
        boolean wasRoot = BTreePage.isRoot(page);
        int rightBlock = allocate();
        MemorySegment right = pages.get(rightBlock);
        int oldNext = BTreePage.next(page);
        BTreeSplit.Result res = BTreeSplit.split(KEYS, page, block, right, rightBlock, off, item, 0);
        if (oldNext != BTreePage.P_NONE) {
            BTreePage.setPrev(pages.get(oldNext), rightBlock);
        }
        MemorySegment sep = MemorySegment.ofArray(res.separator());
        MemorySegment downlink = MemorySegment.ofArray(IndexTuple.withDownlink(sep, rightBlock));
        ScanKey sepKey = ScanKey.forInsert(IndexTuple.keys(KEYS, sep), IndexTuple.heapTid(sep));
        if (wasRoot) {
            int newRoot = allocate();
            MemorySegment r = pages.get(newRoot);
            BTreePage.initialize(r, BTreePage.level(page) + 1, BTreePage.BTP_ROOT);
            assertTrue(BTreePage.addItem(r, 1, MemorySegment.ofArray(IndexTuple.minusInfinity(block))));
            assertTrue(BTreePage.addItem(r, 2, downlink));
            root = newRoot;
        } else {
            int parent = stack.pop();
            // The parent may have split since we passed it: move right to the page covering the key.
            while (BTreeSearch.mustMoveRight(KEYS, sepKey, pages.get(parent), false)) {
                parent = BTreePage.next(pages.get(parent));
            }
            insertAt(parent, sepKey, downlink, stack);
        }
        BTreePage.setFlag(page, BTreePage.BTP_INCOMPLETE_SPLIT, false);
    }

    /** Finds the first leaf entry >= (values) by a descent without heap TID, moving right as needed. */
    Object[] search(Object[] values) {
        ScanKey key = ScanKey.of(values);
        int block = root;
        while (true) {
            MemorySegment page = pages.get(block);
            while (BTreeSearch.mustMoveRight(KEYS, key, page, false)) {
                block = BTreePage.next(page);
                page = pages.get(block);
            }
            int off = BTreeSearch.binarySearch(KEYS, key, page, false);
            if (BTreePage.isLeaf(page)) {
                // Past the end of this leaf: the match is the first entry of the next one.
                while (off > Page.maxOffset(page)) {
                    page = pages.get(BTreePage.next(page));
                    off = BTreePage.firstDataKey(page);
                }
                return IndexTuple.keys(KEYS, Page.item(page, off));
            }
            block = IndexTuple.downlink(Page.item(page, off));
        }
    }

    @Test
    void threeLevelTreeFindsEveryKeyAndKeepsLeavesInOrder() {
        Random r = new Random(17);
        // Duplicates of the text key on purpose; (k, n) pairs may repeat too, told apart by TID.
        growAndCheck(3000, () -> new Object[] {"key-" + r.nextInt(1500) + "-" + "p".repeat(150), r.nextInt(3)});
    }

    @Test
    void variableLengthKeysSplitBySpace() {
        Random r = new Random(23);
        // 1 to 1200 bytes: split points must be chosen by bytes, not by item counts.
        growAndCheck(1500, () -> new Object[] {"v" + "q".repeat(r.nextInt(1200)) + r.nextInt(100), r.nextInt(2)});
    }

    void growAndCheck(int count, java.util.function.Supplier<Object[]> keys) {
        root = allocate();
        BTreePage.initialize(pages.get(root), 0, BTreePage.BTP_LEAF | BTreePage.BTP_ROOT);
        List<Object[]> inserted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object[] v = keys.get();
            insert(v, new ItemPointer(i / 50, 1 + i % 50));
            inserted.add(v);
        }
        MemorySegment rootPage = pages.get(root);
        assertTrue(BTreePage.level(rootPage) >= 2, "level " + BTreePage.level(rootPage));

        // Walk the leaf level left to right.
        int block = root;
        while (!BTreePage.isLeaf(pages.get(block))) {
            MemorySegment p = pages.get(block);
            block = IndexTuple.downlink(Page.item(p, BTreePage.firstDataKey(p)));
        }
        List<Object[]> leafOrder = new ArrayList<>();
        ItemPointer previousTid = null;
        Object[] previous = null;
        int leaves = 0;
        while (true) {
            MemorySegment p = pages.get(block);
            leaves++;
            for (int off = BTreePage.firstDataKey(p); off <= Page.maxOffset(p); off++) {
                MemorySegment t = Page.item(p, off);
                Object[] k = IndexTuple.keys(KEYS, t);
                if (previous != null) {
                    ScanKey prevKey = ScanKey.forInsert(previous, previousTid);
                    assertTrue(BTreeSearch.compare(KEYS, prevKey, t) < 0, "leaf order");
                }
                if (!BTreePage.isRightmost(p)) {
                    ScanKey here = ScanKey.forInsert(k, IndexTuple.heapTid(t));
                    assertTrue(BTreeSearch.compare(KEYS, here, BTreePage.highKey(p)) < 0, "below the high key");
                }
                previous = k;
                previousTid = IndexTuple.heapTid(t);
                leafOrder.add(k);
            }
            if (BTreePage.isRightmost(p)) {
                break;
            }
            int next = BTreePage.next(p);
            assertEquals(block, BTreePage.prev(pages.get(next)), "left link of the right sibling");
            block = next;
        }
        assertEquals(inserted.size(), leafOrder.size());
        assertTrue(leaves > 50);

        for (Object[] v : inserted) {
            assertArrayEquals(v, search(v), "search for " + v[0] + "," + v[1]);
        }
    }
}
