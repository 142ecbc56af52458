package org.tusk.storage.btree;

import static org.tusk.storage.page.Page.INT;
import static org.tusk.storage.page.Page.SHORT;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.page.Page;

/**
 * A B-tree page (PostgreSQL's nbtree, Lehman and Yao): a slotted {@link Page} whose 16-byte special
 * space holds the page's place in the tree.
 *
 * <pre>
 * special +0  btpo_prev     4  left sibling's block, {@link #P_NONE} if leftmost
 *         +4  btpo_next     4  right sibling's block, {@link #P_NONE} if rightmost
 *         +8  btpo_level    4  0 for leaves, parents one more than their children
 *         +12 btpo_flags    2  {@link #BTP_LEAF}, {@link #BTP_ROOT}, ...
 *         +14 btpo_cycleid  2  vacuum cycle id of the latest split (0 if none)
 * </pre>
 *
 * <h2>Items</h2>
 * On every page but the rightmost of its level, item 1 ({@link #P_HIKEY}) is the high key: an upper
 * bound (exclusive, heap TID included) of the keys on the page, which tells a reader that arrived
 * after a concurrent split that it must follow the right link (Lehman and Yao's "move right"). Data
 * items start at {@link #firstDataKey}: 2, or 1 on the rightmost page. On internal pages each data
 * item is a pivot whose TID block is the downlink to a child; the first one's key is "minus
 * infinity" (it is stored with no attributes) because everything on its child is below the next one.
 * Block 0 of an index is its metapage, so 0 can mean "no page".
 */
public final class BTreePage {

    /** sizeof(BTPageOpaqueData). */
    public static final int SPECIAL_SIZE = 16;

    public static final int P_NONE = 0;
    public static final int P_HIKEY = 1;

    public static final int BTP_LEAF = 1 << 0;
    public static final int BTP_ROOT = 1 << 1;
    public static final int BTP_DELETED = 1 << 2;
    public static final int BTP_META = 1 << 3;
    public static final int BTP_HALF_DEAD = 1 << 4;
    /** The rightmost page of a split that happened during the current vacuum cycle. */
    public static final int BTP_SPLIT_END = 1 << 5;
    public static final int BTP_HAS_GARBAGE = 1 << 6;
    /** Split, but the parent does not have the downlink to the right half yet. */
    public static final int BTP_INCOMPLETE_SPLIT = 1 << 7;

    private BTreePage() {
    }

    /** _bt_pageinit plus the opaque fields: an empty page at {@code level} with {@code flags}. */
    public static void initialize(MemorySegment page, int level, int flags) {
        Page.initialize(page, SPECIAL_SIZE);
        setLevel(page, level);
        setFlags(page, flags);
        setPrev(page, P_NONE);
        setNext(page, P_NONE);
    }

    private static long special(MemorySegment page) {
        return Page.special(page);
    }

    public static int prev(MemorySegment page) {
        return page.get(INT, special(page));
    }

    public static void setPrev(MemorySegment page, int block) {
        page.set(INT, special(page), block);
    }

    public static int next(MemorySegment page) {
        return page.get(INT, special(page) + 4);
    }

    public static void setNext(MemorySegment page, int block) {
        page.set(INT, special(page) + 4, block);
    }

    public static int level(MemorySegment page) {
        return page.get(INT, special(page) + 8);
    }

    public static void setLevel(MemorySegment page, int level) {
        page.set(INT, special(page) + 8, level);
    }

    public static int flags(MemorySegment page) {
        return Short.toUnsignedInt(page.get(SHORT, special(page) + 12));
    }

    public static void setFlags(MemorySegment page, int flags) {
        page.set(SHORT, special(page) + 12, (short) flags);
    }

    public static void setFlag(MemorySegment page, int flag, boolean on) {
        setFlags(page, on ? flags(page) | flag : flags(page) & ~flag);
    }

    public static int cycleId(MemorySegment page) {
        return Short.toUnsignedInt(page.get(SHORT, special(page) + 14));
    }

    public static void setCycleId(MemorySegment page, int cycleId) {
        page.set(SHORT, special(page) + 14, (short) cycleId);
    }

    public static boolean isLeaf(MemorySegment page) {
        return (flags(page) & BTP_LEAF) != 0;
    }

    public static boolean isRoot(MemorySegment page) {
        return (flags(page) & BTP_ROOT) != 0;
    }

    public static boolean isRightmost(MemorySegment page) {
        return next(page) == P_NONE;
    }

    public static boolean isLeftmost(MemorySegment page) {
        return prev(page) == P_NONE;
    }

    /** P_IGNORE: deleted or half-dead pages are stepped over by searches. */
    public static boolean isIgnored(MemorySegment page) {
        return (flags(page) & (BTP_DELETED | BTP_HALF_DEAD)) != 0;
    }

    /** P_FIRSTDATAKEY: 1 on the rightmost page (no high key), else 2. */
    public static int firstDataKey(MemorySegment page) {
        return isRightmost(page) ? P_HIKEY : P_HIKEY + 1;
    }

    /** The high key, or null on the rightmost page. */
    public static MemorySegment highKey(MemorySegment page) {
        return isRightmost(page) ? null : Page.item(page, P_HIKEY);
    }

    /** The number of data items (high key excluded). */
    public static int dataItemCount(MemorySegment page) {
        return Page.maxOffset(page) - firstDataKey(page) + 1;
    }

    /**
     * Adds an index tuple at {@code offset} (shifting later items), as _bt_pgaddtup: on an internal
     * page the first data item is stored as minus infinity, whatever its key. Returns false if it
     * does not fit.
     */
    public static boolean addItem(MemorySegment page, int offset, MemorySegment tuple) {
        MemorySegment stored = tuple;
        if (!isLeaf(page) && offset == firstDataKey(page)) {
            stored = MemorySegment.ofArray(IndexTuple.minusInfinity(IndexTuple.downlink(tuple)));
        }
        return Page.addItem(page, stored, offset, false, false) != Page.INVALID_OFFSET;
    }
}
