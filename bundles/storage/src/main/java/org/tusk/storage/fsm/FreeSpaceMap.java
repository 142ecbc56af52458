package org.tusk.storage.fsm;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.smgr.StorageException;
import org.tusk.storage.smgr.StorageManager;

/**
 * A backend's access to the free space maps of heaps (freespace.c): the {@code _fsm} fork, its pages
 * in the shared buffer pool like any other, heap block {@code b} at slot {@code b % SLOTS} of FSM
 * page {@code b / SLOTS} (see {@link FsmPage}).
 *
 * <p>The map is only a hint. Its changes are not WAL-logged; after a crash it may be stale, empty or
 * missing, and none of that matters for correctness: the heap page is always checked for real room
 * under its own lock, and a page that turned out too full is recorded with its true free space then.
 * VACUUM records every page it visits, which rebuilds the map. A page of the fork that cannot be read
 * is treated as "nothing known" (no error reaches the insert that asked).
 *
 * <p>Locking: an FSM page's content lock is taken only for the few bytes read or written, never while
 * waiting for another lock, so callers may hold a heap page's lock while calling in (the order is
 * always heap page, then FSM page). The fork is created and extended on the first record that needs
 * it; two backends extending it at once may add a spare zero page, which is harmless.
 */
public final class FreeSpaceMap {

    /** Heap pages covered by one page of the map. */
    public static final int SLOTS_PER_PAGE = FsmPage.SLOTS;

    private final BufferManager buffers;
    private final StorageManager smgr;
    /**
     * The cluster's count of relation file removals (null: none kept), and the pages of each fork this
     * backend has seen while it had the value {@link #knownAt}. A fork only grows while its relation
     * lives, so a page seen is there until some relation's files are removed: asking the file system
     * (a stat and an fstat) on every call was two system calls per page of a COPY or a VACUUM.
     */
    private final LongSupplier removals;
    private final Map<RelFileLocator, Integer> knownPages = new HashMap<>();
    private long knownAt;

    public FreeSpaceMap(BufferManager buffers, StorageManager smgr) {
        this(buffers, smgr, null);
    }

    /** A map that remembers the forks' sizes until {@code removals} (a relation file was removed) changes. */
    public FreeSpaceMap(BufferManager buffers, StorageManager smgr, LongSupplier removals) {
        this.buffers = buffers;
        this.smgr = smgr;
        this.removals = removals;
    }

    /**
     * GetPageWithFreeSpace: a heap block the map believes has at least {@code needed} bytes free, or
     * -1 if it knows none. The caller must check the page itself and {@link #record} what it finds.
     */
    public int search(RelFileLocator rel, int needed) {
        int category = FreeSpaceCategory.ofNeeded(needed);
        int from = 0;
        int pages = knownBlocks(rel);
        while (true) {
            for (int fsmBlock = from; fsmBlock < pages; fsmBlock++) {
                int buffer = read(rel, fsmBlock);
                if (buffer < 0) {
                    continue;
                }
                int slot;
                buffers.lock(buffer, LWLock.Mode.SHARED);
                try {
                    slot = FsmPage.search(buffers.page(buffer), category);
                } finally {
                    buffers.unlockRelease(buffer);
                }
                if (slot >= 0) {
                    return fsmBlock * FsmPage.SLOTS + slot;
                }
            }
            // Nothing in the pages known: another backend may have added some since.
            int now = fsmBlocks(rel);
            if (now <= pages) {
                return -1;
            }
            from = pages;
            pages = now;
        }
    }

    /**
     * RecordPageWithFreeSpace: heap block {@code block} has {@code freeSpace} bytes free now. Nothing
     * is written when the map already says so, nor (no fork, no page) when there is no room to record.
     */
    public void record(RelFileLocator rel, int block, int freeSpace) {
        int category = FreeSpaceCategory.ofAvailable(freeSpace);
        int fsmBlock = block / FsmPage.SLOTS;
        if (fsmBlock >= knownBlocks(rel) && fsmBlock >= fsmBlocks(rel)) {
            if (category == 0) {
                return; // a missing page already says "no room"
            }
            extendTo(rel, fsmBlock);
            fsmBlocks(rel); // remember the new size
        }
        int buffer = read(rel, fsmBlock);
        if (buffer < 0) {
            return;
        }
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment page = buffers.page(buffer);
            int slot = block % FsmPage.SLOTS;
            if (FsmPage.set(page, slot, category)) {
                buffers.markDirty(buffer);
            }
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * GetRecordedFreeSpace: the free space the map records for heap block {@code block}, rounded down
     * to its category (0 if nothing is known).
     */
    public int recordedFreeSpace(RelFileLocator rel, int block) {
        int fsmBlock = block / FsmPage.SLOTS;
        if (fsmBlock >= knownBlocks(rel) && fsmBlock >= fsmBlocks(rel)) {
            return 0;
        }
        int buffer = read(rel, fsmBlock);
        if (buffer < 0) {
            return 0;
        }
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            return FreeSpaceCategory.toAvailable(FsmPage.get(buffers.page(buffer), block % FsmPage.SLOTS));
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** The number of pages of the map's fork (0 if there is none yet), asked of the file system. */
    public int fsmBlocks(RelFileLocator rel) {
        int pages = smgr.exists(rel, ForkNumber.FREE_SPACE) ? smgr.nblocks(rel, ForkNumber.FREE_SPACE) : 0;
        if (removals != null && pages > 0) {
            knownPages(); // drops what an older removal count knew
            knownPages.put(rel, pages);
        }
        return pages;
    }

    /**
     * Pages of the fork known to exist: what this backend last saw if no relation file was removed
     * since, else {@link #fsmBlocks}. Possibly fewer than there are now (another backend extended the
     * fork); callers that need a page beyond it ask {@link #fsmBlocks}.
     */
    private int knownBlocks(RelFileLocator rel) {
        if (removals != null) {
            Integer known = knownPages().get(rel);
            if (known != null) {
                return known;
            }
        }
        return fsmBlocks(rel);
    }

    private Map<RelFileLocator, Integer> knownPages() {
        long now = removals.getAsLong();
        if (now != knownAt) {
            knownPages.clear();
            knownAt = now;
        }
        return knownPages;
    }

    /** Forgets what this backend knows of the relation's map (its files are created or removed). */
    public void forget(RelFileLocator rel) {
        knownPages.remove(rel);
    }

    /** A pinned buffer of FSM page {@code fsmBlock}, or -1 if it cannot be read: no information then. */
    private int read(RelFileLocator rel, int fsmBlock) {
        try {
            return buffers.readBuffer(rel, ForkNumber.FREE_SPACE, fsmBlock);
        } catch (StorageException e) {
            knownPages.remove(rel); // ask the file system next time
            return -1;
        }
    }

    /** fsm_extend: creates the fork if needed and adds zero pages until page {@code fsmBlock} exists. */
    private void extendTo(RelFileLocator rel, int fsmBlock) {
        if (!smgr.exists(rel, ForkNumber.FREE_SPACE)) {
            smgr.create(rel, ForkNumber.FREE_SPACE, true); // another backend may be creating it too
        }
        while (smgr.nblocks(rel, ForkNumber.FREE_SPACE) <= fsmBlock) {
            buffers.release(buffers.extend(rel, ForkNumber.FREE_SPACE));
        }
    }
}
