package org.tusk.storage.xact;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.slru.Slru;

/**
 * The commit log (PostgreSQL's clog, directory {@code pg_xact}): two bits per transaction id, four
 * ids per byte, 32,768 per 8 kB page, kept in an {@link Slru}.
 *
 * <p>Every group of {@link #XIDS_PER_LSN_GROUP} ids on a page carries the LSN of the latest
 * asynchronous commit record among them. The SLRU flushes WAL up to a page's largest group LSN before
 * writing it, so an asynchronously committed status never reaches disk before its commit record; and
 * {@link #commitLsn} tells the heap whether it may already set a "committed" hint bit (not before that
 * WAL is flushed). Synchronous commits pass no LSN: their record is flushed before the clog is touched.
 * Aborts pass none either: an abort lost in a crash is an abort anyway.
 */
public final class CommitLog {

    /** The four states of PostgreSQL's clog, with its bit values. */
    public static final int IN_PROGRESS = 0;
    public static final int COMMITTED = 1;
    public static final int ABORTED = 2;
    public static final int SUB_COMMITTED = 3;

    static final String SHMEM_NAME = "xact clog";
    static final int XIDS_PER_BYTE = 4;
    static final int XIDS_PER_PAGE = Slru.PAGE_SIZE * XIDS_PER_BYTE;
    /** PostgreSQL's CLOG_XACTS_PER_LSN_GROUP: a 8 kB page gets 1024 LSNs. */
    static final int XIDS_PER_LSN_GROUP = 32;
    static final int LSN_GROUPS_PER_PAGE = XIDS_PER_PAGE / XIDS_PER_LSN_GROUP;

    private final Slru slru;

    private CommitLog(Slru slru) {
        this.slru = slru;
    }

    public static long shmemSize(int buffers) {
        return Slru.shmemSize(buffers, LSN_GROUPS_PER_PAGE);
    }

    static CommitLog initialize(SharedMemory shm, Path dataDirectory, int buffers, WalFlusher walFlusher) {
        return new CommitLog(Slru.initialize(shm, SHMEM_NAME, buffers, LSN_GROUPS_PER_PAGE,
                dataDirectory.resolve("pg_xact"), true, walFlusher));
    }

    static CommitLog attach(SharedMemory shm, Path dataDirectory, WalFlusher walFlusher) {
        return new CommitLog(Slru.attach(shm, SHMEM_NAME, dataDirectory.resolve("pg_xact"), true, walFlusher));
    }

    static long pageOf(long xid) {
        return xid / XIDS_PER_PAGE;
    }

    /** The recorded state of {@code xid}: one of the four constants. */
    public int status(long xid) {
        int slot = slru.readPageReadOnly(pageOf(xid));
        try {
            return bits(slru.page(slot), xid);
        } finally {
            slru.unlock();
        }
    }

    /**
     * The LSN that must be flushed before {@code xid}'s committed status may be relied on durably
     * (for hint bits): its group's LSN, {@link Lsn#INVALID} if nothing asynchronous is pending there.
     */
    public long commitLsn(long xid) {
        int slot = slru.readPageReadOnly(pageOf(xid));
        try {
            return slru.groupLsn(slot, groupOf(xid));
        } finally {
            slru.unlock();
        }
    }

    /**
     * Records the outcome of a transaction tree (PostgreSQL's TransactionIdSetTreeStatus). For a
     * commit spanning several pages the subtransactions on other pages are first marked
     * SUB_COMMITTED, then the top-level id and the subtransactions on its page are set in one page
     * update, then the others COMMITTED: a reader or a crash in between sees either "in progress" or
     * "sub-committed, parent not committed", both of which mean not committed, never a half-committed
     * tree. Idempotent, so WAL redo may repeat it.
     *
     * @param lsn the commit record's end for an asynchronous commit, else {@link Lsn#INVALID}
     */
    public void setTreeStatus(long xid, long[] subxids, int status, long lsn) {
        if (status != COMMITTED && status != ABORTED) {
            throw new IllegalArgumentException("a transaction tree ends committed or aborted, not " + status);
        }
        long[] sorted = subxids.clone();
        Arrays.sort(sorted);
        long page = pageOf(xid);
        int onPage = 0;
        while (onPage < sorted.length && pageOf(sorted[onPage]) == page) {
            onPage++;
        }
        long[] samePage = Arrays.copyOfRange(sorted, 0, onPage);
        long[] otherPages = Arrays.copyOfRange(sorted, onPage, sorted.length);
        // Subtransactions get ids after their parent, so after sorting those on the parent's page
        // come first; any other would still be handled by the by-page loops.
        if (otherPages.length == 0) {
            setPageStatus(page, xid, samePage, status, lsn);
            return;
        }
        if (status == COMMITTED) {
            setByPages(otherPages, SUB_COMMITTED, lsn);
        }
        setPageStatus(page, xid, samePage, status, lsn);
        setByPages(otherPages, status, lsn);
    }

    /** Marks an id a new transaction may use on a fresh page: the page is zeroed in memory, not read. */
    void extend(long xid) {
        if (xid % XIDS_PER_PAGE != 0 && xid != TransactionIds.FIRST_NORMAL) {
            return;
        }
        slru.lockExclusive();
        try {
            slru.zeroPage(pageOf(xid));
        } finally {
            slru.unlock();
        }
    }

    /**
     * After recovery: clears the status of every id from {@code nextXid} to the end of its page
     * (PostgreSQL's TrimCLOG). Ids at or after nextXid were never assigned as far as the WAL knows, but
     * an aborted status of a lost transaction may have been written before the crash; the id will be
     * reused and must start "in progress". Later pages are zeroed by {@link #extend} when reached.
     */
    void trimAfter(long nextXid) {
        slru.lockExclusive();
        try {
            int slot = slru.readPage(pageOf(nextXid), false);
            MemorySegment page = slru.page(slot);
            int index = (int) (nextXid % XIDS_PER_PAGE);
            int byteIndex = index / XIDS_PER_BYTE;
            int keepBits = (index % XIDS_PER_BYTE) * 2;
            if (keepBits != 0) {
                byte b = page.get(ValueLayout.JAVA_BYTE, byteIndex);
                page.set(ValueLayout.JAVA_BYTE, byteIndex, (byte) (b & ((1 << keepBits) - 1)));
                byteIndex++;
            }
            page.asSlice(byteIndex).fill((byte) 0);
            slru.markDirty(slot);
        } finally {
            slru.unlock();
        }
    }

    /** Writes every dirty page: the checkpoint's part for pg_xact (CheckPointCLOG). */
    public void flushAll() {
        slru.flushAll();
    }

    /**
     * Deletes the segment files holding only ids below {@code oldestXid}. With 64-bit ids there is no
     * wraparound forcing this; the caller (vacuum) must know no row still carries an older id without
     * a hint bit. Returns the number of files removed.
     */
    public int truncate(long oldestXid) {
        return slru.truncate(pageOf(oldestXid));
    }

    Slru slru() {
        return slru;
    }

    private void setByPages(long[] sortedXids, int status, long lsn) {
        int start = 0;
        while (start < sortedXids.length) {
            long page = pageOf(sortedXids[start]);
            int end = start;
            while (end < sortedXids.length && pageOf(sortedXids[end]) == page) {
                end++;
            }
            setPageStatus(page, TransactionIds.INVALID, Arrays.copyOfRange(sortedXids, start, end), status, lsn);
            start = end;
        }
    }

    /** One page's part of a tree update, under the control lock exclusive. */
    private void setPageStatus(long page, long xid, long[] subxids, int status, long lsn) {
        slru.lockExclusive();
        try {
            // With an LSN, the change must not slip into a write that has already flushed WAL.
            int slot = slru.readPage(page, lsn == Lsn.INVALID);
            if (status == COMMITTED && xid != TransactionIds.INVALID) {
                // Within the page too: a concurrent write of the page (sync commit may overlap one)
                // must never capture a committed child beside a parent still in progress.
                for (long sub : subxids) {
                    setBits(slot, sub, SUB_COMMITTED, lsn);
                }
            }
            if (xid != TransactionIds.INVALID) {
                setBits(slot, xid, status, lsn);
            }
            for (long sub : subxids) {
                setBits(slot, sub, status, lsn);
            }
            slru.markDirty(slot);
        } finally {
            slru.unlock();
        }
    }

    private void setBits(int slot, long xid, int status, long lsn) {
        MemorySegment page = slru.page(slot);
        int current = bits(page, xid);
        if (status == SUB_COMMITTED && current == COMMITTED) {
            return; // redo of a commit already on disk: the first phase is a no-op
        }
        boolean allowed = current == status || current == IN_PROGRESS
                || (current == SUB_COMMITTED && status != IN_PROGRESS);
        if (!allowed) {
            throw new IllegalStateException("transaction " + xid + " cannot go from clog state " + current
                    + " to " + status);
        }
        int index = (int) (xid % XIDS_PER_PAGE);
        int byteIndex = index / XIDS_PER_BYTE;
        int shift = (index % XIDS_PER_BYTE) * 2;
        byte b = page.get(ValueLayout.JAVA_BYTE, byteIndex);
        page.set(ValueLayout.JAVA_BYTE, byteIndex, (byte) ((b & ~(3 << shift)) | (status << shift)));
        if (lsn != Lsn.INVALID) {
            slru.advanceGroupLsn(slot, groupOf(xid), lsn);
        }
    }

    private static int bits(MemorySegment page, long xid) {
        int index = (int) (xid % XIDS_PER_PAGE);
        byte b = page.get(ValueLayout.JAVA_BYTE, index / XIDS_PER_BYTE);
        return (b >> ((index % XIDS_PER_BYTE) * 2)) & 3;
    }

    private static int groupOf(long xid) {
        return (int) (xid % XIDS_PER_PAGE) / XIDS_PER_LSN_GROUP;
    }
}
