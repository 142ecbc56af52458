package org.tusk.storage.btree;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.tusk.storage.page.Page;

/**
 * Splitting a full B-tree page (nbtinsert.c's _bt_split and a simple _bt_findsplitloc), as a pure
 * function over two page images: the full page, which becomes the left half in place, and a fresh
 * page for the right half. The caller holds both exclusively, writes the WAL record, sets both LSNs,
 * updates the left link of the old right sibling (a third page) and then inserts the downlink to the
 * right half into the parent ({@link Result#separator} with {@link IndexTuple#withDownlink}); until
 * then the left half carries {@link BTreePage#BTP_INCOMPLETE_SPLIT}, which the caller clears.
 *
 * <h2>Why a reader never gets lost (Lehman and Yao)</h2>
 * The left half keeps its block number and gets a right link to the new page and a high key equal to
 * the separator, so a reader that reached it through the parent's old downlink, looking for a key
 * that moved right, sees the key above the high key and follows the right link. That is why the left
 * page is rewritten as a whole (the caller writes it under its exclusive lock, atomically for
 * readers who take a share lock) and the right page is complete before the left one points at it.
 */
public final class BTreeSplit {

    /** BTREE_DEFAULT_FILLFACTOR: a rightmost leaf splits leaving the left half 90% full. */
    public static final int LEAF_FILLFACTOR = 90;

    private BTreeSplit() {
    }

    /**
     * What a split did.
     *
     * @param separator      the left half's new high key: the parent's new pivot for the right half
     *                       (its downlink still to be set)
     * @param newItemOnLeft  where the new item went
     * @param newItemOffset  its offset number on that page
     * @param leftCount      data items on the left half, {@code rightCount} on the right
     */
    public record Result(byte[] separator, boolean newItemOnLeft, int newItemOffset, int leftCount, int rightCount) {
    }

    /**
     * Splits {@code page} (block {@code pageBlock}) into itself and {@code rightPage} (block
     * {@code rightBlock}, any content, overwritten), inserting {@code newItem} at
     * {@code newItemOffset} (the offset it would have had on the unsplit page). Items keep their
     * order; the split point balances the free space of the halves (for a rightmost leaf, leaves the
     * left {@value #LEAF_FILLFACTOR}% full, since ascending inserts land on the right). The left page
     * keeps its LSN, the right one has LSN 0: both get the WAL record's LSN from the caller.
     */
    public static Result split(IndexKeys keys, MemorySegment page, int pageBlock, MemorySegment rightPage, int rightBlock,
            int newItemOffset, MemorySegment newItem, int cycleId) {
        boolean leaf = BTreePage.isLeaf(page);
        boolean rightmost = BTreePage.isRightmost(page);
        int first = BTreePage.firstDataKey(page);
        int max = Page.maxOffset(page);
        if (newItemOffset < first || newItemOffset > max + 1) {
            throw new IllegalArgumentException("new item offset " + newItemOffset + " not in " + first + ".." + (max + 1));
        }
        List<byte[]> items = new ArrayList<>(max - first + 2);
        for (int off = first; off <= max; off++) {
            if (off == newItemOffset) {
                items.add(bytes(newItem));
            }
            items.add(bytes(Page.item(page, off)));
        }
        if (newItemOffset == max + 1) {
            items.add(bytes(newItem));
        }
        int newIndex = newItemOffset - first;
        byte[] oldHighKey = rightmost ? null : bytes(Page.item(page, BTreePage.P_HIKEY));

        int k = chooseSplit(items, leaf, rightmost, oldHighKey);
        byte[] separator = leaf
                ? IndexTuple.pivotOf(MemorySegment.ofArray(items.get(k)), keys.size())
                : items.get(k).clone();

        // Everything needed is copied out: rewrite the left half in place.
        int prev = BTreePage.prev(page);
        int next = BTreePage.next(page);
        int level = BTreePage.level(page);
        int flags = BTreePage.flags(page) & ~(BTreePage.BTP_ROOT | BTreePage.BTP_SPLIT_END | BTreePage.BTP_HAS_GARBAGE
                | BTreePage.BTP_INCOMPLETE_SPLIT);
        long lsn = Page.lsn(page);

        BTreePage.initialize(rightPage, level, flags | (cycleId != 0 ? BTreePage.BTP_SPLIT_END : 0));
        BTreePage.setPrev(rightPage, pageBlock);
        BTreePage.setNext(rightPage, next);
        BTreePage.setCycleId(rightPage, cycleId);
        int offset = BTreePage.P_HIKEY;
        if (oldHighKey != null) {
            add(rightPage, offset++, oldHighKey);
        }
        int newOffset = 0;
        for (int i = k; i < items.size(); i++) {
            byte[] item = items.get(i);
            if (!leaf && i == k) {
                item = IndexTuple.minusInfinity(IndexTuple.downlink(MemorySegment.ofArray(item)));
            }
            if (i == newIndex) {
                newOffset = offset;
            }
            add(rightPage, offset++, item);
        }

        BTreePage.initialize(page, level, flags | BTreePage.BTP_INCOMPLETE_SPLIT);
        Page.setLsn(page, lsn);
        BTreePage.setPrev(page, prev);
        BTreePage.setNext(page, rightBlock);
        BTreePage.setCycleId(page, cycleId);
        add(page, BTreePage.P_HIKEY, separator);
        offset = BTreePage.P_HIKEY + 1;
        for (int i = 0; i < k; i++) {
            if (i == newIndex) {
                newOffset = offset;
            }
            add(page, offset++, items.get(i));
        }
        return new Result(separator, newIndex < k, newOffset, k, items.size() - k);
    }

    /**
     * The index of the first item that goes right (1 .. n-1): the split point whose halves both fit
     * and whose free space is best balanced, weighted by the fill factor on a rightmost leaf.
     */
    static int chooseSplit(List<byte[]> items, boolean leaf, boolean rightmost, byte[] oldHighKey) {
        int n = items.size();
        if (n < 2) {
            throw new IllegalStateException("cannot split a page with fewer than two items");
        }
        int usable = Page.SIZE - Page.HEADER_SIZE - Page.maxAlign(BTreePage.SPECIAL_SIZE);
        int[] prefix = new int[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + footprint(items.get(i).length);
        }
        double leftWeight = leaf && rightmost ? LEAF_FILLFACTOR / 100.0 : 0.5;
        int best = -1;
        double bestDelta = Double.MAX_VALUE;
        for (int k = 1; k < n; k++) {
            int highKey = leaf ? Page.maxAlign(items.get(k).length) + Page.maxAlign(8) : items.get(k).length;
            int left = prefix[k] + footprint(highKey);
            int firstRight = leaf ? footprint(items.get(k).length) : footprint(IndexTuple.HEADER_SIZE);
            int right = firstRight + prefix[n] - prefix[k + 1] + (oldHighKey == null ? 0 : footprint(oldHighKey.length));
            if (left > usable || right > usable) {
                continue;
            }
            double delta = Math.abs(leftWeight * (usable - left) - (1 - leftWeight) * (usable - right));
            if (delta < bestDelta) {
                bestDelta = delta;
                best = k;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("could not find a feasible split point");
        }
        return best;
    }

    private static int footprint(int length) {
        return Page.maxAlign(length) + Page.ITEM_ID_SIZE;
    }

    private static void add(MemorySegment page, int offset, byte[] item) {
        if (Page.addItem(page, MemorySegment.ofArray(item), offset, false, false) != offset) {
            throw new IllegalStateException("failed to add item to the " + (offset == 1 ? "high key" : "page") + " at " + offset);
        }
    }

    private static byte[] bytes(MemorySegment item) {
        return item.toArray(ValueLayout.JAVA_BYTE);
    }
}
