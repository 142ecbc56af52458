package org.tusk.storage.fsm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.page.Page;

/**
 * The layout of one page of the {@code _fsm} fork: a flat array of one-byte free space categories,
 * one per heap page, after a 32-byte header of which only two fields are used: pd_lsn (bytes 0-7,
 * always zero: FSM changes are not WAL-logged, so writing the page never waits for the WAL) and
 * fp_next_slot (bytes 24-27), where the next search on this page starts.
 *
 * <p>PostgreSQL keeps a binary tree of maxima over the slots in each page, and a tree of FSM pages
 * above them, so a search touches a few bytes of a few pages. Here a search reads the slots
 * linearly (8,160 bytes at most per page, one page per 64 MB of heap): simpler, and cheap next to the
 * heap page it saves. The page-level next-slot hint is kept, because it is what spreads concurrent
 * inserters over different heap pages instead of making all of them fight for the first one.
 *
 * <p>An all-zero page (new, or written back empty) means "no free space known anywhere", which is
 * always a safe answer. All methods are static and touch nothing but the page's bytes; the caller
 * holds the page's content lock (share for {@link #search}, exclusive for {@link #set}).
 */
final class FsmPage {

    static final int OFF_NEXT_SLOT = 24;
    static final int OFF_SLOTS = Page.HEADER_SIZE;
    /** Heap pages covered by one FSM page. */
    static final int SLOTS = StorageConstants.BLOCK_SIZE - OFF_SLOTS;

    private FsmPage() {
    }

    static int get(MemorySegment page, int slot) {
        return Byte.toUnsignedInt(page.get(ValueLayout.JAVA_BYTE, OFF_SLOTS + slot));
    }

    /** Sets a slot; returns whether the byte changed (only then does the page need writing). */
    static boolean set(MemorySegment page, int slot, int category) {
        if (get(page, slot) == category) {
            return false;
        }
        page.set(ValueLayout.JAVA_BYTE, OFF_SLOTS + slot, (byte) category);
        return true;
    }

    /**
     * fsm_search_avail without the tree: the first slot at or after fp_next_slot (wrapping around) of
     * category {@code needed} or more, or -1. On success fp_next_slot moves just past it, so the next
     * searcher (another backend, most likely) is sent to the next page with room. That hint is written
     * under a share lock without dirtying the page, as PostgreSQL does: a lost or torn update of it
     * only changes where a search starts, and it is clamped when read.
     */
    static int search(MemorySegment page, int needed) {
        int start = nextSlot(page);
        for (int i = 0; i < SLOTS; i++) {
            int slot = start + i < SLOTS ? start + i : start + i - SLOTS;
            if (get(page, slot) >= needed) {
                page.set(Page.INT, OFF_NEXT_SLOT, slot + 1 < SLOTS ? slot + 1 : 0);
                return slot;
            }
        }
        return -1;
    }

    static int nextSlot(MemorySegment page) {
        int next = page.get(Page.INT, OFF_NEXT_SLOT);
        return next >= 0 && next < SLOTS ? next : 0;
    }
}
