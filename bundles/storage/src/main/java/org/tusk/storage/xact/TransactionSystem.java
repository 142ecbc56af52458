package org.tusk.storage.xact;

import java.nio.file.Path;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The shared transaction machinery of one cluster, as one process sees it: the next-xid counter, the
 * commit log, the subtransaction map and the running-transactions array, all in the shared segment.
 * The postmaster {@linkplain #initialize initializes} it once; every other process
 * {@linkplain #attach attaches}. Backends use it through their own {@link TransactionManager}; the
 * startup process (WAL redo) and the checkpointer call the recovery and checkpoint methods here.
 */
public final class TransactionSystem {

    /**
     * Sizing settings.
     *
     * @param maxProcs        slots of the running-transactions array (backends plus auxiliary processes)
     * @param clogBuffers     pg_xact pages cached (PostgreSQL: 4 to 128, from shared_buffers / 512)
     * @param subtransBuffers pg_subtrans pages cached (PostgreSQL: 32)
     */
    public record Settings(int maxProcs, int clogBuffers, int subtransBuffers) {

        public static Settings defaults(int maxProcs) {
            return new Settings(maxProcs, 32, 32);
        }
    }

    private final XidGenerator xids;
    private final CommitLog clog;
    private final SubTransMap subtrans;
    private final ProcArray procArray;

    private TransactionSystem(XidGenerator xids, CommitLog clog, SubTransMap subtrans, ProcArray procArray) {
        this.xids = xids;
        this.clog = clog;
        this.subtrans = subtrans;
        this.procArray = procArray;
    }

    /** Bytes of shared memory the four structures need (plus 64-byte alignment slack for each). */
    public static long shmemSize(Settings settings) {
        long size = XidGenerator.SIZE;
        size = Math.addExact(size, CommitLog.shmemSize(settings.clogBuffers()));
        size = Math.addExact(size, SubTransMap.shmemSize(settings.subtransBuffers()));
        size = Math.addExact(size, ProcArray.shmemSize(settings.maxProcs()));
        return Math.addExact(size, 4 * SharedMemory.ALIGNMENT);
    }

    /**
     * Creates the structures (the postmaster, once per segment). {@code nextXid} comes from the
     * checkpoint record / control file; WAL redo may then advance it. pg_subtrans is emptied: nothing
     * in it outlives the transactions that were running.
     *
     * @param walFlusher used before writing a pg_xact page that holds asynchronous commits
     */
    public static TransactionSystem initialize(SharedMemory shm, Path dataDirectory, Settings settings,
            WalFlusher walFlusher, long nextXid) {
        XidGenerator xids = XidGenerator.initialize(shm, nextXid);
        CommitLog clog = CommitLog.initialize(shm, dataDirectory, settings.clogBuffers(), walFlusher);
        SubTransMap subtrans = SubTransMap.initialize(shm, dataDirectory, settings.subtransBuffers());
        ProcArray procArray = ProcArray.initialize(shm, settings.maxProcs());
        return new TransactionSystem(xids, clog, subtrans, procArray);
    }

    /** This process's view of the structures another process initialized. */
    public static TransactionSystem attach(SharedMemory shm, Path dataDirectory, WalFlusher walFlusher) {
        return new TransactionSystem(XidGenerator.attach(shm), CommitLog.attach(shm, dataDirectory, walFlusher),
                SubTransMap.attach(shm, dataDirectory), ProcArray.attach(shm));
    }

    // ------------------------------------------------------------ counter, checkpoint, recovery

    /** The next xid to be assigned; a checkpoint records it (read before flushing the clog). */
    public long nextXid() {
        return xids.nextXid();
    }

    /** Sets the next xid at start-up, from the checkpoint, before any transaction runs. */
    public void setNextXid(long nextXid) {
        xids.set(nextXid);
    }

    /** Redo of any WAL record carrying an xid: the counter must end past every xid in the WAL. */
    public void advanceNextXidPast(long xid) {
        if (TransactionIds.isNormal(xid)) {
            xids.advancePast(xid);
        }
    }

    /** Redo of a commit record: sets the bits (idempotent) and advances the counter. */
    public void redoCommit(long xid, long[] subxids) {
        redoCommit(xid, subxids, Lsn.INVALID);
    }

    /**
     * Redo of a commit record whose end is {@code lsn}: the pages get the LSN as an asynchronous commit
     * would, so they are not written before the WAL replayed so far is known flushed.
     */
    public void redoCommit(long xid, long[] subxids, long lsn) {
        advancePastTree(xid, subxids);
        clog.setTreeStatus(xid, subxids, CommitLog.COMMITTED, lsn);
    }

    /** Redo of an abort record (top-level or subtransaction): sets the bits, advances the counter. */
    public void redoAbort(long xid, long[] subxids) {
        advancePastTree(xid, subxids);
        clog.setTreeStatus(xid, subxids, CommitLog.ABORTED, Lsn.INVALID);
    }

    /**
     * The end of recovery: clears clog bits at and after the next xid on its page (a status written
     * before the crash for an id the WAL never heard of; see {@link CommitLog#trimAfter}).
     */
    public void finishRecovery() {
        clog.trimAfter(xids.nextXid());
    }

    /**
     * The transaction part of a checkpoint: returns the next xid to record, then writes and fsyncs
     * every dirty pg_xact page (pg_subtrans pages too, only to spare backends those writes).
     */
    public long checkpoint() {
        long next = xids.nextXid();
        clog.flushAll();
        subtrans.flushAll();
        return next;
    }

    // ------------------------------------------------------------ shared queries

    /** A new MVCC snapshot for {@code proc} (GetSnapshotData); see {@link ProcArray#snapshot}. */
    public Snapshot snapshot(int proc, int commandId, boolean setXmin) {
        return procArray.snapshot(proc, xids, subtrans, commandId, setXmin);
    }

    /** As {@link #snapshot(int, int, boolean)}, reusing the backend's last snapshot while still current. */
    Snapshot snapshot(int proc, int commandId, boolean setXmin, SnapshotReuse reuse) {
        return procArray.snapshot(proc, xids, subtrans, commandId, setXmin, reuse);
    }

    /** Vacuum's horizon: no running transaction or snapshot needs anything older. */
    public long globalXmin() {
        return procArray.globalXmin(xids);
    }

    /** Whether {@code xid} is a running transaction or a subtransaction of one. */
    public boolean isRunning(long xid) {
        return TransactionIds.isNormal(xid) && procArray.isRunning(xid, subtrans);
    }

    /**
     * The fate of {@code xid} for visibility checks, with nothing known about which ids have finished:
     * {@link #status(long, long)} with no bound.
     */
    public TransactionOracle.Status status(long xid) {
        return status(xid, TransactionIds.INVALID);
    }

    /**
     * The fate of {@code xid} for visibility checks: PostgreSQL's TransactionIdIsInProgress, then
     * TransactionIdDidCommit. The running array decides whether a transaction is still in progress,
     * even when the clog already says committed: a committing transaction writes COMMITTED into the
     * clog and only then leaves the array, and until it has left, every snapshot taken counts it as
     * running. Answering COMMITTED in that window lets an updater follow the row to the committer's
     * new version and update it, while its own next READ COMMITTED snapshot (taken before the
     * committer left the array) still sees the version before: the row then has two versions visible
     * to that transaction, and with HOT the chain walk stops at the older one, so its second UPDATE of
     * the row found nothing ("UPDATE 0" for a committed bank transfer). In progress, the updater waits
     * for the committer's xid lock instead, which is released after the array was left.
     *
     * <p>An ABORTED clog entry is final at once (a snapshot that still counts the transaction as
     * running ignores its changes just the same). A COMMITTED one below {@code finishedBelow} is final
     * too without asking the array: the caller took a snapshot whose xmin that is, so every id below it
     * had left the array then (PostgreSQL's RecentXmin test). Otherwise, an id not running has its
     * final status in the clog (read again, since it may have been written after the first look), or
     * none because its backend crashed (or it was a subtransaction sub-committed under a parent that
     * crashed): aborted.
     */
    public TransactionOracle.Status status(long xid, long finishedBelow) {
        if (xid == TransactionIds.INVALID) {
            return TransactionOracle.Status.ABORTED;
        }
        if (!TransactionIds.isNormal(xid)) {
            return TransactionOracle.Status.COMMITTED; // bootstrap and frozen
        }
        if (xid >= xids.nextXid()) {
            throw new IllegalStateException("transaction " + xid + " is in the future (next xid "
                    + xids.nextXid() + ")");
        }
        int bits = clog.status(xid);
        if (bits == CommitLog.ABORTED) {
            return TransactionOracle.Status.ABORTED;
        }
        if (bits == CommitLog.COMMITTED && xid < finishedBelow) {
            return TransactionOracle.Status.COMMITTED;
        }
        if (procArray.isRunning(xid, subtrans)) {
            return TransactionOracle.Status.IN_PROGRESS;
        }
        return bits == CommitLog.COMMITTED || clog.status(xid) == CommitLog.COMMITTED
                ? TransactionOracle.Status.COMMITTED : TransactionOracle.Status.ABORTED;
    }

    /** The commit log, for the heap's hint-bit rule ({@link CommitLog#commitLsn}) and truncation. */
    public CommitLog commitLog() {
        return clog;
    }

    public int maxProcs() {
        return procArray.maxProcs();
    }

    // ------------------------------------------------------------ for TransactionManager

    /**
     * Assigns a new xid to {@code proc}'s current (sub)transaction: {@code parent} is
     * {@link TransactionIds#INVALID} for a top-level transaction, else the parent's xid.
     */
    long assignXid(int proc, long parent) {
        return xids.assign(xid -> {
            clog.extend(xid);
            subtrans.extend(xid);
            if (parent == TransactionIds.INVALID) {
                procArray.publishTopXid(proc, xid);
            } else {
                subtrans.setParent(xid, parent);
                procArray.publishSubxid(proc, xid);
            }
        });
    }

    ProcArray procArray() {
        return procArray;
    }

    SubTransMap subtrans() {
        return subtrans;
    }

    private void advancePastTree(long xid, long[] subxids) {
        long max = xid;
        for (long sub : subxids) {
            max = Math.max(max, sub);
        }
        advanceNextXidPast(max);
    }
}
