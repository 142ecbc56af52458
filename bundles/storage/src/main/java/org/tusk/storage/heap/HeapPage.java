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
 * <p>HOT: {@link #update} with {@code hot} makes a heap-only version on the same page, {@link #prune}
 * prunes chain by chain and leaves redirects, {@link HotChain} walks a chain. Not here yet: MultiXacts (a second locker of
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
        return place(page, block, tuple, xid, cid, 0, 0);
    }

    /**
     * {@link #insert} of a tuple born frozen (COPY FREEZE, heap_insert's HEAP_INSERT_FROZEN): xmin is
     * {@code xid} as usual, with HEAP_XMIN_FROZEN set, so that every snapshot sees it without asking
     * the commit log. Only for a relation file the inserting (sub)transaction created: if it aborts,
     * the file goes with the rows.
     */
    public static int insertFrozen(MemorySegment page, int block, byte[] tuple, long xid, int cid) {
        return place(page, block, tuple, xid, cid, HeapTupleHeader.HEAP_XMIN_FROZEN, 0);
    }

    private static int place(MemorySegment page, int block, byte[] tuple, long xid, int cid, int extraInfomask,
            int extraInfomask2) {
        HeapTuple.checkSize(tuple.length);
        // The header is stamped on the page's copy once it is placed: the caller's bytes stay as they
        // are, and no copy of each tuple is made just to stamp it (a COPY places a million of them).
        int offset = Page.addItem(page, MemorySegment.ofArray(tuple), Page.INVALID_OFFSET, false, true);
        if (offset == Page.INVALID_OFFSET) {
            return offset;
        }
        MemorySegment placed = Page.item(page, offset);
        HeapTupleHeader.setXmin(placed, xid);
        HeapTupleHeader.setCmin(placed, cid);
        HeapTupleHeader.setXmax(placed, 0);
        HeapTupleHeader.setCmax(placed, 0);
        HeapTupleHeader.setInfomask(placed, (HeapTupleHeader.infomask(placed) & ~XACT_MASK)
                | HeapTupleHeader.HEAP_XMAX_INVALID | extraInfomask);
        HeapTupleHeader.setInfomask2(placed, HeapTupleHeader.natts(placed) | extraInfomask2);
        HeapTupleHeader.setCtid(placed, new ItemPointer(block, offset));
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
     * {@code hot} makes it a heap-only update (the caller checked that no indexed column changed and
     * {@code newPage} is the old page): the new version is HEAP_ONLY_TUPLE, the old one
     * HEAP_HOT_UPDATED, and the new version is reached through the old one's chain, not an index.
     */
    public static ItemPointer update(MemorySegment oldPage, int oldOffset, MemorySegment newPage, int newBlock,
            byte[] newTuple, long xid, int cid, boolean keysUpdated, boolean hot) {
        if (hot && oldPage != newPage) {
            throw new IllegalArgumentException("a heap-only update keeps the new version on the old page");
        }
        MemorySegment old = required(oldPage, oldOffset);
        int offset = place(newPage, newBlock, newTuple, xid, cid, HeapTupleHeader.HEAP_UPDATED,
                hot ? HeapTupleHeader.HEAP_ONLY_TUPLE : 0);
        if (offset == Page.INVALID_OFFSET) {
            return null;
        }
        // Still valid when both versions share the page: adding an item never moves the others.
        ItemPointer newTid = new ItemPointer(newBlock, offset);
        stampXmax(old, xid, cid, 0);
        HeapTupleHeader.setCtid(old, newTid);
        int mask2 = HeapTupleHeader.infomask2(old) & ~HeapTupleHeader.HEAP_HOT_UPDATED;
        if (hot) {
            mask2 |= HeapTupleHeader.HEAP_HOT_UPDATED;
        }
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
        // Replacing an aborted updater's xmax ends the chain here (its new version is dead anyway).
        int mask2 = HeapTupleHeader.infomask2(t) & ~(HeapTupleHeader.HEAP_KEYS_UPDATED | HeapTupleHeader.HEAP_HOT_UPDATED);
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
     * heap_page_prune: removes what {@link HeapVisibility#satisfiesVacuum} finds DEAD with horizon
     * {@code oldestXmin}, HOT chain by chain (heap_prune_chain). From each root line pointer (a tuple
     * that is not heap-only, or a redirect) the chain is followed while its members are DEAD or
     * RECENTLY_DEAD; every member up to the last DEAD one goes. Removed heap-only members become
     * LP_UNUSED at once (no index entry points at them); the root becomes LP_REDIRECT to the first
     * member left, or LP_DEAD if the whole chain went (index entries still point at it, so the number
     * cannot be reused until VACUUM has removed them, see {@link #setUnused}). Heap-only tuples no
     * chain reaches (the new version of an aborted HOT update) go if DEAD. Then the page is
     * defragmented; pd_prune_xid is reset to the oldest xmax of what is left that may become
     * prunable later, and PD_PAGE_FULL is cleared. {@code block} is the page's block number (chain
     * links are TIDs). Returns the number of tuples removed.
     */
    public static int prune(MemorySegment page, int block, long oldestXmin, TransactionOracle oracle, HintBits hints) {
        int max = Page.maxOffset(page);
        VacuumStatus[] status = new VacuumStatus[max + 1];
        for (int off = Page.FIRST_OFFSET; off <= max; off++) {
            if (Page.isNormal(page, off)) {
                status[off] = HeapVisibility.satisfiesVacuum(Page.item(page, off), oldestXmin, oracle, hints);
            }
        }
        boolean[] inChain = new boolean[max + 1];
        int[] chain = new int[max];
        int removed = 0;
        for (int root = Page.FIRST_OFFSET; root <= max; root++) {
            boolean redirect = Page.isRedirect(page, root);
            if (!redirect && !(Page.isNormal(page, root) && !HotChain.isHeapOnly(Page.item(page, root)))) {
                continue; // heap-only tuples are reached from their root; unused and dead pointers hold nothing
            }
            int length = 0;
            int lastDead = -1;
            for (int off = HotChain.first(page, root); off != Page.INVALID_OFFSET && !inChain[off];) {
                if (redirect || off != root) {
                    if (!HotChain.isHeapOnly(Page.item(page, off))) {
                        break; // a redirect must lead to a heap-only member
                    }
                }
                inChain[off] = true;
                chain[length++] = off;
                VacuumStatus s = status[off];
                if (s == VacuumStatus.DEAD) {
                    lastDead = length - 1;
                } else if (s != VacuumStatus.RECENTLY_DEAD) {
                    break;
                }
                off = HotChain.next(page, block, Page.item(page, off));
            }
            if (lastDead < 0) {
                if (redirect && length == 0) {
                    Page.setDead(page, root); // the redirect's target is gone (cannot happen; be safe)
                }
                continue;
            }
            for (int k = 0; k <= lastDead; k++) {
                if (chain[k] != root) {
                    Page.setUnused(page, chain[k]);
                }
                removed++;
            }
            if (lastDead == length - 1) {
                Page.setDead(page, root);
            } else {
                Page.setRedirect(page, root, chain[lastDead + 1]);
            }
        }
        long nextPrunable = 0;
        for (int off = Page.FIRST_OFFSET; off <= max; off++) {
            if (!Page.isNormal(page, off)) {
                continue;
            }
            if (!inChain[off] && status[off] == VacuumStatus.DEAD && HotChain.isHeapOnly(Page.item(page, off))) {
                Page.setUnused(page, off); // an orphaned heap-only tuple: its inserter aborted
                removed++;
                continue;
            }
            if (status[off] == VacuumStatus.RECENTLY_DEAD || status[off] == VacuumStatus.DELETE_IN_PROGRESS) {
                long xmax = HeapTupleHeader.xmax(Page.item(page, off));
                if (nextPrunable == 0 || xmax < nextPrunable) {
                    nextPrunable = xmax;
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
