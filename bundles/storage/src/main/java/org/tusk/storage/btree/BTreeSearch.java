package org.tusk.storage.btree;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

/**
 * Searching within one B-tree page (nbtsearch.c's _bt_compare, _bt_binsrch and the test of
 * _bt_moveright). The descent itself (reading pages through the buffer manager, locking, following
 * right links) is the caller's; everything here reads one page the caller holds locked.
 */
public final class BTreeSearch {

    private BTreeSearch() {
    }

    /**
     * _bt_compare: the sign of {@code key} minus the item at {@code offset}, in index order. The first
     * data item of an internal page is minus infinity (every key is greater). A key with fewer columns
     * than the item compares equal when its columns are; then the heap TIDs decide if the key has one
     * (a pivot without a heap TID counts as minus infinity there).
     */
    public static int compare(IndexKeys keys, ScanKey key, MemorySegment page, int offset) {
        if (!BTreePage.isLeaf(page) && offset == BTreePage.firstDataKey(page)) {
            return 1;
        }
        // The first column straight from the page, without a slice of it: a binary search compares
        // about ten items per page, and a slice is an object per comparison.
        int at = Page.itemOffset(page, offset);
        int first = compareFirstInteger(keys, key, page, at);
        if (first != 0 && first != NO_FAST_PATH) {
            return first;
        }
        MemorySegment tuple = Page.item(page, offset);
        return first == 0 ? compareAfterFirst(keys, key, tuple) : compareColumns(keys, key, tuple, 0);
    }

    /** {@link #compare(IndexKeys, ScanKey, MemorySegment, int)} against one tuple. */
    public static int compare(IndexKeys keys, ScanKey key, MemorySegment tuple) {
        int first = compareFirstInteger(keys, key, tuple, 0);
        if (first != 0 && first != NO_FAST_PATH) {
            return first; // decided by the first column: most comparisons of a descent end here
        }
        return first == 0 ? compareAfterFirst(keys, key, tuple) : compareColumns(keys, key, tuple, 0);
    }

    /** The rest of a comparison whose first column compared equal. */
    private static int compareAfterFirst(IndexKeys keys, ScanKey key, MemorySegment tuple) {
        int natts = IndexTuple.natts(tuple, keys);
        if (key.size() == 1 && natts >= 1) {
            return compareTids(key, tuple); // nothing else to deform: a one-column key, as pgbench's
        }
        return compareColumns(keys, key, tuple, 1);
    }

    /** Compares the key's columns from {@code from} on, then the heap TIDs. */
    private static int compareColumns(IndexKeys keys, ScanKey key, MemorySegment tuple, int from) {
        int natts = IndexTuple.natts(tuple, keys);
        int n = Math.min(key.size(), natts);
        if (from < n) {
            Object[] stored = IndexTuple.keys(keys, tuple);
            for (int i = from; i < n; i++) {
                int c = keys.column(i).compare(key.value(i), stored[i]);
                if (c != 0) {
                    return c;
                }
            }
        }
        if (key.size() > natts) {
            return 1; // the item lacks attributes the key has: they are minus infinity
        }
        return compareTids(key, tuple);
    }

    /** The tiebreaker once every key column compared equal: the heap TIDs, if the key has one. */
    private static int compareTids(ScanKey key, MemorySegment tuple) {
        if (key.heapTid() == null) {
            return 0;
        }
        ItemPointer tid = IndexTuple.heapTid(tuple);
        if (tid == null) {
            return 1;
        }
        return Integer.signum(key.heapTid().compareTo(tid));
    }

    /** {@link #compareFirstInteger}'s answer when it cannot compare without deforming the tuple. */
    private static final int NO_FAST_PATH = Integer.MIN_VALUE;

    /**
     * The first key column of the tuple at {@code at} in {@code segment} compared straight from the
     * bytes when it is an integer (int2, int4, int8: every primary key pgbench uses), the tuple has it
     * (a pivot may have no attributes) and neither the search value nor the tuple has NULLs; else
     * {@link #NO_FAST_PATH}. Deforming every item a binary search looks at into boxed values was the
     * main cost of a B-tree descent. The first attribute starts right after the header (no null
     * bitmap), aligned for any integer; the order is {@link IndexColumn#compare}'s.
     */
    private static int compareFirstInteger(IndexKeys keys, ScanKey key, MemorySegment segment, int at) {
        if (key.size() == 0) {
            return NO_FAST_PATH;
        }
        IndexColumn column = keys.column(0);
        Object value = key.value(0);
        PgType type = column.attribute().type();
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)
                || (type != PgType.INT2 && type != PgType.INT4 && type != PgType.INT8)
                || IndexTuple.hasNulls(segment, at) || IndexTuple.natts(segment, at, keys) == 0) {
            return NO_FAST_PATH;
        }
        int data = at + IndexTuple.HEADER_SIZE;
        long stored = switch (type) {
            case INT2 -> segment.get(Page.SHORT, data);
            case INT4 -> segment.get(Page.INT, data);
            default -> segment.get(Page.LONG, data);
        };
        int c = Long.compare(((Number) value).longValue(), stored);
        return column.descending() ? -c : c;
    }

    /**
     * _bt_binsrch. On a leaf: the first data item &gt;= {@code key} ({@code nextKey}: &gt; key), which
     * may be one past the last item. On an internal page: the last item &lt; {@code key}
     * ({@code nextKey}: &lt;= key), whose downlink leads to the child to descend into; never before
     * the first data item, which is minus infinity. The high key is not searched (see
     * {@link #mustMoveRight}).
     */
    public static int binarySearch(IndexKeys keys, ScanKey key, MemorySegment page, boolean nextKey) {
        int low = BTreePage.firstDataKey(page);
        int high = Page.maxOffset(page);
        if (high < low) {
            return low;
        }
        high++; // invariant: items before low are < key (<= for nextKey), items at high and after are not
        int cmpval = nextKey ? 0 : 1;
        while (high > low) {
            int mid = low + (high - low) / 2;
            if (compare(keys, key, page, mid) >= cmpval) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return BTreePage.isLeaf(page) ? low : low - 1;
    }

    /**
     * The test of _bt_moveright: true if the page was split (or is being deleted) after the caller
     * found it and {@code key} now belongs further right: the page is not the rightmost and the key is
     * above its high key ({@code nextKey}: at or above), or the page is ignored (half-dead, deleted).
     */
    public static boolean mustMoveRight(IndexKeys keys, ScanKey key, MemorySegment page, boolean nextKey) {
        if (BTreePage.isRightmost(page)) {
            return false;
        }
        if (BTreePage.isIgnored(page)) {
            return true;
        }
        return compare(keys, key, page, BTreePage.P_HIKEY) >= (nextKey ? 0 : 1);
    }
}
