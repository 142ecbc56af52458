package org.tusk.storage.slru;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;

/**
 * A "simple least-recently-used" cache of 8 kB pages of a file-backed array, all in shared memory
 * (PostgreSQL's slru.c): the commit log and the subtransaction parent map use one each.
 *
 * <h2>Shared layout (one named structure)</h2>
 * <pre>
 *  0    control LWLock (int)                 8   LRU counter (long)
 *  16   latest page number (long)            24  slot count (int)   28  LSN groups per page (int)
 *  64   slot descriptors, 64 bytes each: page number (long), status (int), dirty (int),
 *       LRU count (long), I/O LWLock (int)
 *  ..   group LSNs: slots x groups x 8 bytes (the end of the last WAL record that changed each group)
 *  ..   page buffers: slots x 8192 bytes
 * </pre>
 *
 * <h2>Locking</h2>
 * The control lock protects every descriptor field and the page contents. Readers that only look at
 * a page in memory take it shared ({@link #readPageReadOnly}); everything else takes it exclusive.
 * I/O is never done under the control lock: the slot is marked READ_IN_PROGRESS or WRITE_IN_PROGRESS,
 * its I/O lock taken exclusive, the control lock released, the I/O done, the control lock re-taken.
 * Whoever needs a slot that is in I/O waits by taking its I/O lock shared once ({@link #waitIo}) and
 * then looks again, since anything may have changed while the control lock was released.
 *
 * <p>A page may be modified while it is being written (the writer cleared its dirty flag first; the
 * modifier sets it again, so the newer contents are written later) except by a caller that must not
 * let its change reach disk before some WAL: such callers pass {@code writeOk = false} and wait for
 * the write to finish. The writer flushes WAL up to the page's largest group LSN before writing.
 */
public final class Slru {

    public static final int PAGE_SIZE = StorageConstants.BLOCK_SIZE;

    /** Slot states (PostgreSQL's SlruPageStatus). */
    static final int EMPTY = 0;
    static final int READ_IN_PROGRESS = 1;
    static final int VALID = 2;
    static final int WRITE_IN_PROGRESS = 3;

    private static final long OFF_CONTROL = 0;
    private static final long OFF_LRU = 8;
    private static final long OFF_LATEST = 16;
    private static final long OFF_SLOTS = 24;
    private static final long OFF_GROUPS = 28;
    private static final long HEADER = 64;
    private static final long SLOT_SIZE = 64;
    private static final long S_PAGE = 0;
    private static final long S_STATUS = 8;
    private static final long S_DIRTY = 12;
    private static final long S_LRU = 16;
    private static final long S_IO_LOCK = 24;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment area;
    private final int slots;
    private final int groups;
    private final long groupsOffset;
    private final long pagesOffset;
    private final LWLock control;
    private final LWLock[] ioLocks;
    private final SlruFiles files;
    private final WalFlusher walFlusher;

    private Slru(MemorySegment area, SlruFiles files, WalFlusher walFlusher) {
        this.area = area;
        this.slots = (int) INT.get(area, OFF_SLOTS);
        this.groups = (int) INT.get(area, OFF_GROUPS);
        this.groupsOffset = groupsOffset(slots);
        this.pagesOffset = pagesOffset(slots, groups);
        this.control = new LWLock(area, OFF_CONTROL);
        this.ioLocks = new LWLock[slots];
        for (int i = 0; i < slots; i++) {
            ioLocks[i] = new LWLock(area, slot(i) + S_IO_LOCK);
        }
        this.files = files;
        this.walFlusher = walFlusher;
    }

    /** Bytes of the shared structure for {@code slots} page buffers with {@code lsnGroups} LSNs per page. */
    public static long shmemSize(int slots, int lsnGroups) {
        checkSettings(slots, lsnGroups);
        return Math.addExact(pagesOffset(slots, lsnGroups), Math.multiplyExact((long) slots, PAGE_SIZE));
    }

    /**
     * Allocates and formats the structure {@code name} (the creator's job, once), and creates the
     * directory. {@code walFlusher} may be null for an SLRU whose pages never carry LSNs.
     */
    public static Slru initialize(SharedMemory shm, String name, int slots, int lsnGroups, Path directory,
            boolean fsync, WalFlusher walFlusher) {
        checkSettings(slots, lsnGroups);
        MemorySegment area = shm.allocate(name, shmemSize(slots, lsnGroups));
        LWLock.init(area, OFF_CONTROL);
        LONG.set(area, OFF_LRU, 0L);
        LONG.set(area, OFF_LATEST, -1L);
        INT.set(area, OFF_SLOTS, slots);
        INT.set(area, OFF_GROUPS, lsnGroups);
        for (int i = 0; i < slots; i++) {
            long s = HEADER + i * SLOT_SIZE;
            LONG.set(area, s + S_PAGE, -1L);
            INT.set(area, s + S_STATUS, EMPTY);
            LWLock.init(area, s + S_IO_LOCK);
        }
        SlruFiles files = new SlruFiles(directory, fsync);
        files.createDirectory();
        VarHandle.fullFence();
        return new Slru(area, files, walFlusher);
    }

    /** A view of the structure {@code name} created by {@link #initialize}, for another process. */
    public static Slru attach(SharedMemory shm, String name, Path directory, boolean fsync, WalFlusher walFlusher) {
        return new Slru(shm.lookup(name), new SlruFiles(directory, fsync), walFlusher);
    }

    private static void checkSettings(int slots, int lsnGroups) {
        if (slots < 2) {
            throw new IllegalArgumentException("an SLRU needs at least 2 buffers, not " + slots);
        }
        if (lsnGroups < 0 || lsnGroups > PAGE_SIZE) {
            throw new IllegalArgumentException("bad LSN group count " + lsnGroups);
        }
    }

    private static long groupsOffset(int slots) {
        return alignUp(HEADER + slots * SLOT_SIZE);
    }

    private static long pagesOffset(int slots, int groups) {
        return alignUp(groupsOffset(slots) + (long) slots * groups * 8);
    }

    private static long alignUp(long offset) {
        return (offset + SharedMemory.ALIGNMENT - 1) & -SharedMemory.ALIGNMENT;
    }

    // ---------------------------------------------------------------- control lock

    public void lockExclusive() {
        control.acquire(LWLock.Mode.EXCLUSIVE);
    }

    /** Releases the control lock in whatever mode it is held. */
    public void unlock() {
        control.release();
    }

    public int slotCount() {
        return slots;
    }

    public Path directory() {
        return files.directory();
    }

    // ---------------------------------------------------------------- page access

    /** The buffer of {@code slot}; read or written only under the control lock. */
    public MemorySegment page(int slot) {
        return area.asSlice(pagesOffset + (long) slot * PAGE_SIZE, PAGE_SIZE);
    }

    /** The page now in {@code slot} (diagnostics and tests). */
    public long pageNumber(int slot) {
        return (long) LONG.get(area, slot(slot) + S_PAGE);
    }

    /**
     * Finds {@code pageNumber} in the cache, reading it from disk if needed, and returns its slot.
     * The caller holds the control lock exclusive and still holds it on return (it may have been
     * released and re-taken meanwhile). With {@code writeOk} false, a page being written is waited for:
     * the caller's change must not race into that write.
     */
    public int readPage(long pageNumber, boolean writeOk) {
        while (true) {
            int slot = selectSlot(pageNumber);
            long s = slot(slot);
            if (pageOf(s) == pageNumber && status(s) != EMPTY) {
                int status = status(s);
                if (status == READ_IN_PROGRESS || (status == WRITE_IN_PROGRESS && !writeOk)) {
                    waitIo(slot);
                    continue;
                }
                recentlyUsed(slot);
                return slot;
            }
            // A free or clean slot: load the page into it.
            LONG.set(area, s + S_PAGE, pageNumber);
            INT.set(area, s + S_STATUS, READ_IN_PROGRESS);
            INT.set(area, s + S_DIRTY, 0);
            ioLocks[slot].acquire(LWLock.Mode.EXCLUSIVE);
            control.release();
            boolean ok = false;
            try {
                files.read(pageNumber, page(slot));
                ok = true;
            } finally {
                control.acquire(LWLock.Mode.EXCLUSIVE);
                INT.set(area, s + S_STATUS, ok ? VALID : EMPTY);
                clearGroupLsns(slot);
                ioLocks[slot].release();
            }
            recentlyUsed(slot);
            return slot;
        }
    }

    /**
     * Like {@link #readPage} for a caller that only reads: takes the control lock itself, shared when
     * the page is already in memory (the common case), exclusive otherwise. Returns with the lock held
     * in one of the two modes; release it with {@link #unlock}.
     */
    public int readPageReadOnly(long pageNumber) {
        control.acquire(LWLock.Mode.SHARED);
        for (int i = 0; i < slots; i++) {
            long s = slot(i);
            int status = status(s);
            if (pageOf(s) == pageNumber && status != EMPTY && status != READ_IN_PROGRESS) {
                // Racy LRU update under the shared lock, as PostgreSQL does: a lost update only
                // makes the replacement choice slightly less exact.
                LONG.setOpaque(area, s + S_LRU, (long) LONG.getOpaque(area, OFF_LRU));
                return i;
            }
        }
        control.release();
        control.acquire(LWLock.Mode.EXCLUSIVE);
        return readPage(pageNumber, true);
    }

    /**
     * Puts an all-zero {@code pageNumber} in the cache without reading it (extending the array with a
     * new page), marks it dirty and the latest page. Caller holds the control lock exclusive.
     */
    public int zeroPage(long pageNumber) {
        int slot = selectSlot(pageNumber);
        long s = slot(slot);
        if (pageOf(s) == pageNumber && status(s) != EMPTY) {
            // Someone has it (in I/O perhaps): wait until it is stable, then overwrite it.
            while (pageOf(s) == pageNumber && (status(s) == READ_IN_PROGRESS || status(s) == WRITE_IN_PROGRESS)) {
                waitIo(slot);
            }
            if (pageOf(s) != pageNumber || status(s) == EMPTY) {
                return zeroPage(pageNumber);
            }
        }
        LONG.set(area, s + S_PAGE, pageNumber);
        INT.set(area, s + S_STATUS, VALID);
        INT.set(area, s + S_DIRTY, 1);
        page(slot).fill((byte) 0);
        clearGroupLsns(slot);
        LONG.set(area, OFF_LATEST, pageNumber);
        recentlyUsed(slot);
        return slot;
    }

    /** Marks a page changed; caller holds the control lock exclusive. */
    public void markDirty(int slot) {
        INT.set(area, slot(slot) + S_DIRTY, 1);
    }

    /** Raises group {@code group}'s LSN of the page in {@code slot} to {@code lsn}; control lock exclusive. */
    public void advanceGroupLsn(int slot, int group, long lsn) {
        long offset = groupLsnOffset(slot, group);
        if (Lsn.compare((long) LONG.get(area, offset), lsn) < 0) {
            LONG.set(area, offset, lsn);
        }
    }

    /** Group {@code group}'s LSN of the page in {@code slot}; control lock held in any mode. */
    public long groupLsn(int slot, int group) {
        return (long) LONG.get(area, groupLsnOffset(slot, group));
    }

    /** Writes every dirty page (a checkpoint). Takes the control lock itself. */
    public void flushAll() {
        control.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            for (int i = 0; i < slots; i++) {
                writePage(i);
            }
        } finally {
            control.release();
        }
    }

    /**
     * Forgets cached pages below {@code cutoffPage} and deletes the segment files that hold only such
     * pages (PostgreSQL's SimpleLruTruncate). The caller guarantees nobody will ask for those pages
     * again. Returns the number of files deleted.
     */
    public int truncate(long cutoffPage) {
        control.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            for (int i = 0; i < slots; i++) {
                long s = slot(i);
                while (status(s) != EMPTY && pageOf(s) < cutoffPage
                        && (status(s) == READ_IN_PROGRESS || status(s) == WRITE_IN_PROGRESS)) {
                    waitIo(i);
                }
                if (status(s) != EMPTY && pageOf(s) < cutoffPage) {
                    INT.set(area, s + S_STATUS, EMPTY);
                    INT.set(area, s + S_DIRTY, 0);
                }
            }
        } finally {
            control.release();
        }
        return files.deleteSegmentsBefore(cutoffPage);
    }

    /** Deletes every file (for an SLRU that starts empty at each start-up). Only before anyone uses it. */
    public void deleteAllFiles() {
        files.deleteAll();
    }

    // ---------------------------------------------------------------- replacement and I/O

    /**
     * The slot holding {@code pageNumber}, or one that may be reused for it: empty, or valid and clean,
     * chosen least recently used (PostgreSQL's SlruSelectLRUPage). Writes dirty victims and waits for
     * slots in I/O as needed, releasing and re-taking the control lock, so it loops until it finds one.
     */
    private int selectSlot(long pageNumber) {
        while (true) {
            for (int i = 0; i < slots; i++) {
                long s = slot(i);
                if (pageOf(s) == pageNumber && status(s) != EMPTY) {
                    return i;
                }
            }
            long now = (long) LONG.get(area, OFF_LRU);
            long latest = (long) LONG.get(area, OFF_LATEST);
            int bestValid = -1;
            long bestValidDelta = -1;
            int bestBusy = -1;
            long bestBusyDelta = -1;
            for (int i = 0; i < slots; i++) {
                long s = slot(i);
                int status = status(s);
                if (status == EMPTY) {
                    return i;
                }
                long delta = now - (long) LONG.getOpaque(area, s + S_LRU);
                if (delta < 0) {
                    // A racy update under a shared lock ran ahead of the counter: treat as just used.
                    LONG.setOpaque(area, s + S_LRU, now);
                    delta = 0;
                }
                if (pageOf(s) == latest) {
                    continue; // the page being filled by new xids is always wanted soon
                }
                if (status == VALID) {
                    if (delta > bestValidDelta) {
                        bestValid = i;
                        bestValidDelta = delta;
                    }
                } else if (delta > bestBusyDelta) {
                    bestBusy = i;
                    bestBusyDelta = delta;
                }
            }
            if (bestValid < 0) {
                if (bestBusy < 0) {
                    throw new IllegalStateException("no SLRU buffer can be replaced in " + files.directory());
                }
                waitIo(bestBusy);
                continue;
            }
            if ((int) INT.get(area, slot(bestValid) + S_DIRTY) == 0) {
                return bestValid;
            }
            writePage(bestValid);
        }
    }

    /**
     * Writes the page in {@code slot} if it is valid and dirty (PostgreSQL's SlruInternalWritePage).
     * Control lock held exclusive on entry and on return. WAL is flushed first up to the page's
     * largest group LSN: no commit status may reach disk before its commit record.
     */
    private void writePage(int slot) {
        long s = slot(slot);
        long pageNumber = pageOf(s);
        while (status(s) == WRITE_IN_PROGRESS && pageOf(s) == pageNumber) {
            waitIo(slot);
        }
        if (status(s) != VALID || pageOf(s) != pageNumber || (int) INT.get(area, s + S_DIRTY) == 0) {
            return;
        }
        INT.set(area, s + S_STATUS, WRITE_IN_PROGRESS);
        INT.set(area, s + S_DIRTY, 0);
        ioLocks[slot].acquire(LWLock.Mode.EXCLUSIVE);
        control.release();
        boolean ok = false;
        try {
            // Callers that set group LSNs wait while the page is WRITE_IN_PROGRESS, so the LSNs are
            // stable here even without the control lock.
            long maxLsn = Lsn.INVALID;
            for (int g = 0; g < groups; g++) {
                long lsn = groupLsn(slot, g);
                if (Lsn.compare(lsn, maxLsn) > 0) {
                    maxLsn = lsn;
                }
            }
            if (maxLsn != Lsn.INVALID) {
                if (walFlusher == null) {
                    throw new IllegalStateException("SLRU page with an LSN but no WAL flusher: " + files.directory());
                }
                walFlusher.flush(maxLsn);
            }
            files.write(pageNumber, page(slot));
            ok = true;
        } finally {
            control.acquire(LWLock.Mode.EXCLUSIVE);
            INT.set(area, s + S_STATUS, VALID);
            if (!ok) {
                INT.set(area, s + S_DIRTY, 1); // still needs writing
            }
            ioLocks[slot].release();
        }
    }

    /**
     * Waits for the I/O on {@code slot} to finish: releases the control lock, takes and drops the
     * slot's I/O lock, re-takes the control lock exclusive. The caller must look again afterwards.
     */
    private void waitIo(int slot) {
        control.release();
        ioLocks[slot].acquire(LWLock.Mode.SHARED);
        ioLocks[slot].release();
        control.acquire(LWLock.Mode.EXCLUSIVE);
    }

    private void recentlyUsed(int slot) {
        long s = slot(slot);
        long counter = (long) LONG.get(area, OFF_LRU);
        if ((long) LONG.getOpaque(area, s + S_LRU) != counter) {
            counter++;
            LONG.setOpaque(area, OFF_LRU, counter);
            LONG.setOpaque(area, s + S_LRU, counter);
        }
    }

    private void clearGroupLsns(int slot) {
        if (groups > 0) {
            area.asSlice(groupLsnOffset(slot, 0), (long) groups * 8).fill((byte) 0);
        }
    }

    private long groupLsnOffset(int slot, int group) {
        return groupsOffset + ((long) slot * groups + group) * 8;
    }

    private static long slot(int slot) {
        return HEADER + slot * SLOT_SIZE;
    }

    private long pageOf(long s) {
        return (long) LONG.get(area, s + S_PAGE);
    }

    private int status(long s) {
        return (int) INT.get(area, s + S_STATUS);
    }
}
