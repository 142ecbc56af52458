package org.tusk.storage.xact;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The running-transactions array (PostgreSQL's ProcArray with the xid fields of PGPROC): one slot per
 * proc number in shared memory, guarded by ProcArrayLock.
 *
 * <pre>
 *  header (64 bytes): ProcArrayLock (int), slot count (int at 4), completions (long at 8)
 *  slot (576 bytes):  0 top-level xid (long, 0 = none)      8  xmin (long, 0 = none)
 *                     16 cached subxid count (int)          20 overflowed (int, 0/1)
 *                     24 first subxid that did not fit (long)
 *                     32 subxids[64] (longs, in assignment order)
 * </pre>
 *
 * <h2>Locking rules</h2>
 * <ul>
 * <li>A backend publishes its own new ids (top-level xid, or a subxid appended to its cache with the
 *     count stored after the entry, or the overflow flag) under XidGenLock only: readers take
 *     ProcArrayLock shared and read the counter first, so they only care about ids below it, which
 *     were all published before the counter passed them ({@link XidGenerator}).</li>
 * <li>Removing ids (transaction end, subtransaction abort) takes ProcArrayLock exclusive, so a
 *     snapshot sees a transaction either running or gone, never half-removed; and it happens only
 *     after the clog holds the final status: whoever does not find an id here finds its outcome
 *     there. Each removal also advances the completion count (xactCompletionCount), which tells a
 *     backend whether its last snapshot is still current ({@link SnapshotReuse}).</li>
 * <li>A backend writes its own xmin while holding ProcArrayLock shared (while taking a snapshot),
 *     and clears it without the lock when it has no xid (nothing to make atomic then).</li>
 * </ul>
 */
final class ProcArray {

    static final String SHMEM_NAME = "xact proc array";
    /** PostgreSQL's PGPROC_MAX_CACHED_SUBXIDS. */
    static final int CACHED_SUBXIDS = 64;
    private static final long HEADER = 64;
    private static final long SLOT_SIZE = 576;
    private static final long OFF_LOCK = 0;
    private static final long OFF_COUNT = 4;
    private static final long OFF_COMPLETIONS = 8;
    private static final long P_XID = 0;
    private static final long P_XMIN = 8;
    private static final long P_NSUB = 16;
    private static final long P_OVERFLOWED = 20;
    private static final long P_FIRST_OVERFLOWED = 24;
    private static final long P_SUBXIDS = 32;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    /** An empty id list, shared: the usual case for a read-only workload's snapshots. */
    private static final long[] NO_IDS = new long[0];
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment area;
    private final int procs;
    private final LWLock lock;

    private ProcArray(MemorySegment area) {
        this.area = area;
        this.procs = (int) INT.get(area, OFF_COUNT);
        this.lock = new LWLock(area, OFF_LOCK);
    }

    static long shmemSize(int maxProcs) {
        return Math.addExact(HEADER, Math.multiplyExact((long) maxProcs, SLOT_SIZE));
    }

    static ProcArray initialize(SharedMemory shm, int maxProcs) {
        if (maxProcs < 1) {
            throw new IllegalArgumentException("need at least one proc, not " + maxProcs);
        }
        MemorySegment area = shm.allocate(SHMEM_NAME, shmemSize(maxProcs));
        LWLock.init(area, OFF_LOCK);
        LONG.set(area, OFF_COMPLETIONS, 0L);
        INT.setRelease(area, OFF_COUNT, maxProcs);
        return new ProcArray(area);
    }

    static ProcArray attach(SharedMemory shm) {
        return new ProcArray(shm.lookup(SHMEM_NAME));
    }

    int maxProcs() {
        return procs;
    }

    // ------------------------------------------------------------ publication (under XidGenLock)

    void publishTopXid(int proc, long xid) {
        LONG.setRelease(area, slot(proc) + P_XID, xid);
    }

    void publishSubxid(int proc, long xid) {
        long s = slot(proc);
        int n = (int) INT.get(area, s + P_NSUB);
        if (n < CACHED_SUBXIDS) {
            LONG.set(area, s + P_SUBXIDS + n * 8L, xid);
            INT.setRelease(area, s + P_NSUB, n + 1);
        } else if ((int) INT.get(area, s + P_OVERFLOWED) == 0) {
            LONG.set(area, s + P_FIRST_OVERFLOWED, xid);
            INT.setRelease(area, s + P_OVERFLOWED, 1);
        }
    }

    // ------------------------------------------------------------ removal

    /**
     * The end of {@code proc}'s transaction (ProcArrayEndTransaction): its xid, xmin and subxids go,
     * atomically for every snapshot. The clog must already hold the outcome.
     */
    void endTransaction(int proc) {
        long s = slot(proc);
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            LONG.set(area, s + P_XID, TransactionIds.INVALID);
            LONG.set(area, s + P_XMIN, TransactionIds.INVALID);
            INT.set(area, s + P_NSUB, 0);
            INT.set(area, s + P_OVERFLOWED, 0);
            LONG.set(area, s + P_FIRST_OVERFLOWED, TransactionIds.INVALID);
            completed();
        } finally {
            lock.release();
        }
    }

    /** Under ProcArrayLock exclusive: ids left the array, so every cached snapshot is out of date. */
    private void completed() {
        LONG.set(area, OFF_COMPLETIONS, (long) LONG.get(area, OFF_COMPLETIONS) + 1);
    }

    /** The end of a transaction that never got an xid: only its xmin to clear, no lock needed. */
    void clearXmin(int proc) {
        LONG.setRelease(area, slot(proc) + P_XMIN, TransactionIds.INVALID);
    }

    /**
     * Removes the ids of an aborted subtransaction tree from {@code proc}'s cache
     * (XidCacheRemoveRunningXids). Ids that overflowed the cache are not there; they stay "running"
     * through pg_subtrans until the top-level transaction ends, which is harmless since the clog
     * already says aborted.
     */
    void removeSubxids(int proc, long[] xids) {
        long s = slot(proc);
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int n = (int) INT.get(area, s + P_NSUB);
            for (long xid : xids) {
                for (int i = n - 1; i >= 0; i--) {
                    if ((long) LONG.get(area, s + P_SUBXIDS + i * 8L) == xid) {
                        // Move the last entry into the hole: order does not matter to readers.
                        LONG.set(area, s + P_SUBXIDS + i * 8L, (long) LONG.get(area, s + P_SUBXIDS + (n - 1) * 8L));
                        n--;
                        break;
                    }
                }
            }
            INT.setRelease(area, s + P_NSUB, n);
            completed();
        } finally {
            lock.release();
        }
    }

    // ------------------------------------------------------------ readers

    /**
     * PostgreSQL's GetSnapshotData. Under ProcArrayLock shared: xmax is the next xid (read after the
     * lock is taken), the running ids below it are collected, xmin is the oldest of them (or xmax).
     * {@code proc}'s own xmin is set to the snapshot's xmin when {@code setXmin}, or when it has none,
     * so that vacuum's horizon keeps what this snapshot can see. Own ids are included: visibility
     * checks ask {@code isCurrentTransaction} first.
     *
     * <p>Backends whose subxid cache overflowed have running subtransactions that are listed nowhere
     * but in pg_subtrans: for each, the ids from the first one that did not fit in the cache up to
     * xmax whose topmost parent is its xid are added (after the lock is released; their parents were
     * set before the counter passed them). Earlier ids of the transaction are in the cache, or were
     * removed because they aborted, and an aborted id may be left out: its clog status already hides
     * its changes. The walk costs one map lookup per id assigned (by anyone) since the overflow;
     * PostgreSQL instead flags the snapshot "suboverflowed" and maps ids to their top-level parent at
     * visibility time, which the shared Snapshot type has no room for.
     */
    Snapshot snapshot(int proc, XidGenerator xids, SubTransMap subtrans, int commandId, boolean setXmin) {
        return snapshot(proc, xids, subtrans, commandId, setXmin, null);
    }

    /**
     * As {@link #snapshot(int, XidGenerator, SubTransMap, int, boolean)}, handing out {@code reuse}'s
     * snapshot again (with {@code commandId}) if no transaction has ended since it was taken
     * (GetSnapshotDataReuse), and leaving the new one in it otherwise. {@code proc}'s xmin is set as for
     * a new snapshot; a reused one's xmin is safe for it: every id running when it was taken still
     * runs, so vacuum's horizon cannot have passed it.
     */
    Snapshot snapshot(int proc, XidGenerator xids, SubTransMap subtrans, int commandId, boolean setXmin,
            SnapshotReuse reuse) {
        long[] running = NO_IDS;
        int count = 0;
        long[] overflowedTops = NO_IDS;
        long[] overflowedFrom = NO_IDS;
        long xmax;
        long xmin;
        long completions;
        lock.acquire(LWLock.Mode.SHARED);
        try {
            completions = (long) LONG.get(area, OFF_COMPLETIONS);
            if (reuse != null && reuse.snapshot != null && reuse.completions == completions) {
                Snapshot cached = reuse.snapshot;
                long own = slot(proc) + P_XMIN;
                if (setXmin || (long) LONG.get(area, own) == TransactionIds.INVALID) {
                    LONG.setRelease(area, own, cached.xmin());
                }
                return cached.commandId() == commandId ? cached : cached.withCommandId(commandId);
            }
            xmax = xids.nextXid();
            xmin = xmax;
            for (int p = 0; p < procs; p++) {
                long s = slot(p);
                long xid = (long) LONG.getAcquire(area, s + P_XID);
                if (xid == TransactionIds.INVALID || xid >= xmax) {
                    continue;
                }
                xmin = Math.min(xmin, xid);
                if (count == running.length) {
                    running = Arrays.copyOf(running, Math.max(16, count * 2));
                }
                running[count++] = xid;
                int n = (int) INT.getAcquire(area, s + P_NSUB);
                for (int i = 0; i < n; i++) {
                    long sub = (long) LONG.get(area, s + P_SUBXIDS + i * 8L);
                    if (sub < xmax) {
                        if (count == running.length) {
                            running = Arrays.copyOf(running, Math.max(16, count * 2));
                        }
                        running[count++] = sub;
                    }
                }
                if ((int) INT.getAcquire(area, s + P_OVERFLOWED) != 0) {
                    overflowedTops = Arrays.copyOf(overflowedTops, overflowedTops.length + 1);
                    overflowedTops[overflowedTops.length - 1] = xid;
                    overflowedFrom = Arrays.copyOf(overflowedFrom, overflowedFrom.length + 1);
                    overflowedFrom[overflowedFrom.length - 1] = (long) LONG.get(area, s + P_FIRST_OVERFLOWED);
                }
            }
            long own = slot(proc) + P_XMIN;
            if (setXmin || (long) LONG.get(area, own) == TransactionIds.INVALID) {
                LONG.setRelease(area, own, xmin);
            }
        } finally {
            lock.release();
        }
        for (int o = 0; o < overflowedTops.length; o++) {
            long top = overflowedTops[o];
            for (long xid = overflowedFrom[o]; xid < xmax; xid++) {
                if (subtrans.parent(xid) != TransactionIds.INVALID && subtrans.topmost(xid) == top) {
                    if (count == running.length) {
                        running = Arrays.copyOf(running, Math.max(16, count * 2));
                    }
                    running[count++] = xid;
                }
            }
        }
        long[] sorted = count == 0 ? NO_IDS : Arrays.copyOf(running, count);
        Arrays.sort(sorted);
        Snapshot snapshot = new Snapshot(xmin, xmax, distinct(sorted), commandId);
        if (reuse != null) {
            reuse.snapshot = snapshot;
            reuse.completions = completions;
        }
        return snapshot;
    }

    /**
     * The oldest xid any running transaction or snapshot may still need (vacuum's horizon,
     * GetOldestNonRemovableTransactionId): the minimum of every slot's xid and xmin and the next xid.
     * Rows deleted by transactions that committed before it are dead to everyone.
     */
    long globalXmin(XidGenerator xids) {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            long horizon = xids.nextXid();
            for (int p = 0; p < procs; p++) {
                long s = slot(p);
                long xid = (long) LONG.getAcquire(area, s + P_XID);
                long xmin = (long) LONG.getAcquire(area, s + P_XMIN);
                if (xid != TransactionIds.INVALID) {
                    horizon = Math.min(horizon, xid);
                }
                if (xmin != TransactionIds.INVALID) {
                    horizon = Math.min(horizon, xmin);
                }
            }
            return horizon;
        } finally {
            lock.release();
        }
    }

    /**
     * Whether {@code xid} belongs to a running transaction (TransactionIdIsInProgress): a slot's xid,
     * a cached subxid, or, when some cache overflowed, an id whose topmost parent is a running xid.
     */
    boolean isRunning(long xid, SubTransMap subtrans) {
        boolean anyOverflowed = false;
        lock.acquire(LWLock.Mode.SHARED);
        try {
            for (int p = 0; p < procs; p++) {
                long s = slot(p);
                if ((long) LONG.getAcquire(area, s + P_XID) == xid) {
                    return true;
                }
                int n = (int) INT.getAcquire(area, s + P_NSUB);
                for (int i = 0; i < n; i++) {
                    if ((long) LONG.get(area, s + P_SUBXIDS + i * 8L) == xid) {
                        return true;
                    }
                }
                anyOverflowed |= (int) INT.getAcquire(area, s + P_OVERFLOWED) != 0;
            }
        } finally {
            lock.release();
        }
        if (!anyOverflowed) {
            return false;
        }
        long top = subtrans.topmost(xid);
        if (top == xid) {
            return false;
        }
        lock.acquire(LWLock.Mode.SHARED);
        try {
            for (int p = 0; p < procs; p++) {
                if ((long) LONG.getAcquire(area, slot(p) + P_XID) == top) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.release();
        }
    }

    /** {@code proc}'s top-level xid, 0 if none (diagnostics, tests). */
    long xidOf(int proc) {
        return (long) LONG.getAcquire(area, slot(proc) + P_XID);
    }

    /** {@code proc}'s xmin, 0 if none. */
    long xminOf(int proc) {
        return (long) LONG.getAcquire(area, slot(proc) + P_XMIN);
    }

    /** Whether {@code proc}'s subxid cache overflowed. */
    boolean overflowed(int proc) {
        return (int) INT.getAcquire(area, slot(proc) + P_OVERFLOWED) != 0;
    }

    private long slot(int proc) {
        if (proc < 0 || proc >= procs) {
            throw new IllegalArgumentException("proc number " + proc + " outside [0, " + procs + ")");
        }
        return HEADER + proc * SLOT_SIZE;
    }

    private static long[] distinct(long[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[n - 1] != sorted[i]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }
}
