package org.tusk.storage.xact;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.slru.Slru;

/**
 * The subtransaction parent map (PostgreSQL's pg_subtrans): for every id, the id of its parent
 * transaction, or 0 for a top-level one; 8 bytes per id, 1024 ids per page, in an {@link Slru}.
 *
 * <p>It is needed only while transactions run: a backend's shared cache of running subtransaction ids
 * ({@link ProcArray}) holds 64; past that the backend is marked "overflowed", and whoever must decide
 * whether an id belongs to a running transaction walks this map up to the top-level id. Nothing here
 * survives a restart (no running transactions do), so it is not WAL-logged, never fsynced, and its
 * files are deleted when the segment is created; a page never written reads as zeros ("no parent").
 */
final class SubTransMap {

    static final String SHMEM_NAME = "xact subtrans";
    static final int XIDS_PER_PAGE = Slru.PAGE_SIZE / Long.BYTES;
    private static final ValueLayout.OfLong ENTRY = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Slru slru;

    private SubTransMap(Slru slru) {
        this.slru = slru;
    }

    static long shmemSize(int buffers) {
        return Slru.shmemSize(buffers, 0);
    }

    static SubTransMap initialize(SharedMemory shm, Path dataDirectory, int buffers) {
        Slru slru = Slru.initialize(shm, SHMEM_NAME, buffers, 0, dataDirectory.resolve("pg_subtrans"), false, null);
        slru.deleteAllFiles();
        return new SubTransMap(slru);
    }

    static SubTransMap attach(SharedMemory shm, Path dataDirectory) {
        return new SubTransMap(Slru.attach(shm, SHMEM_NAME, dataDirectory.resolve("pg_subtrans"), false, null));
    }

    /** Zeroes the page of a newly assigned id when it is the page's first (ExtendSUBTRANS). */
    void extend(long xid) {
        if (xid % XIDS_PER_PAGE != 0 && xid != TransactionIds.FIRST_NORMAL) {
            return;
        }
        slru.lockExclusive();
        try {
            slru.zeroPage(xid / XIDS_PER_PAGE);
        } finally {
            slru.unlock();
        }
    }

    void setParent(long xid, long parent) {
        slru.lockExclusive();
        try {
            int slot = slru.readPage(xid / XIDS_PER_PAGE, true);
            slru.page(slot).set(ENTRY, (xid % XIDS_PER_PAGE) * Long.BYTES, parent);
            slru.markDirty(slot);
        } finally {
            slru.unlock();
        }
    }

    /** The parent of {@code xid}, {@link TransactionIds#INVALID} for a top-level transaction. */
    long parent(long xid) {
        int slot = slru.readPageReadOnly(xid / XIDS_PER_PAGE);
        try {
            return slru.page(slot).get(ENTRY, (xid % XIDS_PER_PAGE) * Long.BYTES);
        } finally {
            slru.unlock();
        }
    }

    /** The top-level transaction {@code xid} belongs to ({@code xid} itself if it is top-level). */
    long topmost(long xid) {
        long current = xid;
        while (true) {
            long parent = parent(current);
            if (parent == TransactionIds.INVALID) {
                return current;
            }
            if (parent >= current) {
                throw new IllegalStateException("pg_subtrans corrupt: parent " + parent + " of " + current);
            }
            current = parent;
        }
    }

    void flushAll() {
        slru.flushAll();
    }
}
