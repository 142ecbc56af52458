package org.tusk.storage.heap;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

/**
 * Heap page operations (the page-level half of heapam.c and pruneheap.c): put a tuple on a page, fetch
 * it, stamp a delete, an update or a row lock into its header, and prune what is dead to everyone.
 * Pure: the caller pins and locks the buffer (exclusive for all of these), checked visibility with
 * {@link HeapVisibility#satisfiesUpdate} first, writes the WAL record and sets the page LSN, and
 * marks the buffer dirty.
 *
 * <p>Not here yet: HOT (heap-only tuples, redirect line pointers and chain pruning: the header flags
 * and {@link Page#setRedirect} exist, the decision needs the indexes), MultiXacts (a second locker of
 * a row that is already locked needs one; until then the caller waits for the first locker to end
 * before replacing xmax), and the visibility map (PD_ALL_VISIBLE is never set here).
 */
public final class HeapPage {

    /**
     * The infomask bits describing transactions (everything except HASNULL, HASVARWIDTH and
     * HASEXTERNAL, which describe the data): cleared when a tuple is (re)stamped with a new xmin.
     */
    static final int XACT_MASK = 0xFFF0;

    private HeapPage() {
    }

    /** A fresh heap page: no special space. */
    public static void initialize(MemorySegment page) {
        Page.initialize(page, 0);
    }

    /**
     * heap_insert's page part: stamps {@code tuple} (from {@link HeapTuple#form}) with xmin
     * {@code xid}, cmin {@code cid} and no xmax, places it on the page of block {@code block} and sets
     * t_ctid to its own TID. Returns the offset number, or {@link Page#INVALID_OFFSET} if it does not
     * fit (the caller tries another page). A tuple that fits on no page at all is refused with
     * "row is too big" (54000).
     */
    public static int insert(MemorySegment page, int block, byte[] tuple, long xid, int cid) {
        return place(page, block, tuple, xid, cid, 0);
    }

    private static int place(MemorySegment page, int block, byte[] tuple, long xid, int cid, int extraInfomask) {
        HeapTuple.checkSize(tuple.length);
        MemorySegment copy = MemorySegment.ofArray(tuple.clone());
        HeapTupleHeader.setXmin(copy, xid);
        HeapTupleHeader.setCmin(copy, cid);
        HeapTupleHeader.setXmax(copy, 0);
        HeapTupleHeader.setCmax(copy, 0);
        HeapTupleHeader.setInfomask(copy, (HeapTupleHeader.infomask(copy) & ~XACT_MASK)
                | HeapTupleHeader.HEAP_XMAX_INVALID | extraInfomask);
        HeapTupleHeader.setInfomask2(copy, HeapTupleHeader.natts(copy));
        int offset = Page.addItem(page, copy, Page.INVALID_OFFSET, false, true);
        if (offset != Page.INVALID_OFFSET) {
            HeapTupleHeader.setCtid(Page.item(page, offset), new ItemPointer(block, offset));
        }
        return offset;
    }

    /** The tuple at {@code offset} (a slice of the page), or null if the line pointer is not normal. */
    public static MemorySegment fetch(MemorySegment page, int offset) {
        if (offset < Page.FIRST_OFFSET || offset > Page.maxOffset(page) || !Page.isNormal(page, offset)) {
            return null;
        }
        return Page.item(page, offset);
    }

    /**
     * heap_delete's page part: {@code xid}, command {@code cid}, deletes the tuple. Its xmax bits are
     * reset (a previous locker or aborted deleter is replaced), t_ctid stays pointing at itself (that
     * is what tells a delete from an update), and the page becomes a pruning candidate.
     */
    public static void delete(MemorySegment page, int offset, long xid, int cid) {
        MemorySegment t = required(page, offset);
        stampXmax(t, xid, cid, 0);
        HeapTupleHeader.setInfomask2(t, (HeapTupleHeader.infomask2(t) | HeapTupleHeader.HEAP_KEYS_UPDATED)
                & ~HeapTupleHeader.HEAP_HOT_UPDATED);
        Page.notePrunable(page, xid);
    }

    /**
     * heap_update's page part: places the new version on {@code newPage} (block {@code newBlock}; may
     * be the old page itself), marked HEAP_UPDATED, and points the old version's t_ctid at it with
     * xmax {@code xid}. Returns the new TID, or null if the new version does not fit on
     * {@code newPage} (nothing is changed then). {@code keysUpdated} records whether key columns
     * changed (HEAP_KEYS_UPDATED), which decides which row locks conflict with this update.
     */
    public static ItemPointer update(MemorySegment oldPage, int oldOffset, MemorySegment newPage, int newBlock,
            byte[] newTuple, long xid, int cid, boolean keysUpdated) {
        MemorySegment old = required(oldPage, oldOffset);
        int offset = place(newPage, newBlock, newTuple, xid, cid, HeapTupleHeader.HEAP_UPDATED);
        if (offset == Page.INVALID_OFFSET) {
            return null;
        }
        // Still valid when both versions share the page: adding an item never moves the others.
        ItemPointer newTid = new ItemPointer(newBlock, offset);
        stampXmax(old, xid, cid, 0);
        HeapTupleHeader.setCtid(old, newTid);
        int mask2 = HeapTupleHeader.infomask2(old) & ~HeapTupleHeader.HEAP_HOT_UPDATED;
        HeapTupleHeader.setInfomask2(old, keysUpdated ? mask2 | HeapTupleHeader.HEAP_KEYS_UPDATED
                : mask2 & ~HeapTupleHeader.HEAP_KEYS_UPDATED);
        Page.notePrunable(oldPage, xid);
        return newTid;
    }

    /**
     * heap_lock_tuple's page part: records {@code xid} as a locker in {@code mode} (xmax with
     * HEAP_XMAX_LOCK_ONLY and the mode's bits). The tuple is neither deleted nor updated by it.
     */
    public static void lock(MemorySegment page, int offset, long xid, TupleLockMode mode) {
        MemorySegment t = required(page, offset);
        stampXmax(t, xid, 0, HeapTupleHeader.HEAP_XMAX_LOCK_ONLY | mode.infomaskBits());
        int mask2 = HeapTupleHeader.infomask2(t) & ~HeapTupleHeader.HEAP_KEYS_UPDATED;
        HeapTupleHeader.setInfomask2(t, mode == TupleLockMode.UPDATE ? mask2 | HeapTupleHeader.HEAP_KEYS_UPDATED : mask2);
    }

    private static void stampXmax(MemorySegment t, long xid, int cid, int bits) {
        HeapTupleHeader.setInfomask(t, (HeapTupleHeader.infomask(t) & ~HeapTupleHeader.HEAP_XMAX_BITS) | bits);
        HeapTupleHeader.setXmax(t, xid);
        HeapTupleHeader.setCmax(t, cid);
    }

    private static MemorySegment required(MemorySegment page, int offset) {
        MemorySegment t = fetch(page, offset);
        if (t == null) {
            throw new IllegalArgumentException("no tuple at offset " + offset);
        }
        return t;
    }

    /** The free space to record in the free space map: PageGetHeapFreeSpace. */
    public static int freeSpace(MemorySegment page) {
        return Page.heapFreeSpace(page);
    }

    /**
     * heap_page_prune without HOT: every tuple {@link HeapVisibility#satisfiesVacuum} finds DEAD with
     * horizon {@code oldestXmin} loses its storage and its line pointer becomes LP_DEAD (index entries
     * may still point at it, so the number cannot be reused until VACUUM has removed them, see
     * {@link #setUnused}); then the page is defragmented. pd_prune_xid is reset to the oldest xmax of
     * what is left that may become prunable later, and PD_PAGE_FULL is cleared. Returns the number of
     * tuples removed.
     */
    public static int prune(MemorySegment page, long oldestXmin, TransactionOracle oracle, HintBits hints) {
        int removed = 0;
        long nextPrunable = 0;
        for (int off = Page.FIRST_OFFSET; off <= Page.maxOffset(page); off++) {
            if (!Page.isNormal(page, off)) {
                continue;
            }
            MemorySegment t = Page.item(page, off);
            VacuumStatus status = HeapVisibility.satisfiesVacuum(t, oldestXmin, oracle, hints);
            switch (status) {
                case DEAD -> {
                    Page.setDead(page, off);
                    removed++;
                }
                case RECENTLY_DEAD, DELETE_IN_PROGRESS -> {
                    long xmax = HeapTupleHeader.xmax(t);
                    if (nextPrunable == 0 || xmax < nextPrunable) {
                        nextPrunable = xmax;
                    }
                }
                default -> {
                }
            }
        }
        Page.setPruneXid(page, nextPrunable);
        Page.setFlag(page, Page.PD_PAGE_FULL, false);
        if (removed > 0) {
            Page.repairFragmentation(page);
        }
        return removed;
    }

    /**
     * VACUUM's second heap pass: the index entries of these LP_DEAD line pointers are gone, so the
     * numbers can be reused; trailing unused pointers are given back.
     */
    public static void setUnused(MemorySegment page, int... offsets) {
        for (int off : offsets) {
            if (!Page.isDead(page, off)) {
                throw new IllegalArgumentException("line pointer " + off + " is not dead");
            }
            Page.setUnused(page, off);
        }
        Page.truncateLinePointerArray(page);
    }
}
