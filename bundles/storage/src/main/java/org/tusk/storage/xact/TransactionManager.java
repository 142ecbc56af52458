package org.tusk.storage.xact;

import java.util.Arrays;
import java.util.Objects;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.common.WalFlusher;

/**
 * One backend's transactions (the state machine of PostgreSQL's xact.c below the transaction-block
 * level): a stack of (sub)transaction levels, the command counter, statement snapshots, and the
 * commit and abort sequences. One instance per backend, used by that backend's thread only; the
 * shared state it changes is in {@link TransactionSystem}.
 *
 * <h2>Lifecycle</h2>
 * {@link #begin} starts a top-level transaction without an xid. {@link #currentXid} assigns one on
 * first need (the first write); a subtransaction's xid is assigned after its parents'. {@link #savepoint}
 * pushes a subtransaction, {@link #releaseSavepoint} merges it (and those inside it) into the parent,
 * {@link #rollbackToSavepoint} aborts them and starts the savepoint afresh. {@link #commit} and
 * {@link #abort} end everything.
 *
 * <h2>Commit</h2>
 * With an xid: (1) the commit record goes into the WAL, (2) with synchronous_commit on, the WAL is
 * flushed through its end, (3) the clog gets COMMITTED for the xid and its committed subtransactions,
 * (4) the xid leaves the running array. Step 3 before 4 is what makes a new snapshot that no longer
 * sees the transaction running find it committed. With synchronous_commit off, step 2 is skipped and
 * the clog pages carry the record's LSN instead, so they are not written before the WAL is.
 * A failure between steps 1 and 4 (the flush) leaves the transaction neither committed nor aborted;
 * PostgreSQL PANICs there, and so must the caller: crash recovery decides from the WAL.
 * Without an xid, commit only clears the backend's xmin: nothing to log.
 *
 * <p>Abort writes an abort record but flushes nothing: if it is lost, a crash makes the transaction
 * aborted anyway.
 */
public final class TransactionManager implements TransactionOracle {

    private static final long[] NO_XIDS = new long[0];
    /** PostgreSQL's limit: command ids are unsigned 32-bit, 0xFFFFFFFF is InvalidCommandId. */
    private static final int LAST_COMMAND_ID = -2;

    /** One (sub)transaction level (PostgreSQL's TransactionStateData). */
    private static final class Level {
        final Level parent;
        final String savepointName;
        final int nestingLevel;
        long xid;
        /** Xids of released (sub-committed) children and their descendants, ascending. */
        long[] childXids = NO_XIDS;
        int childCount;

        Level(Level parent, String savepointName) {
            this.parent = parent;
            this.savepointName = savepointName;
            this.nestingLevel = parent == null ? 1 : parent.nestingLevel + 1;
        }

        void addChildren(long[] xids, int count) {
            if (childCount + count > childXids.length) {
                childXids = Arrays.copyOf(childXids, Math.max(childCount + count, childXids.length * 2 + 4));
            }
            System.arraycopy(xids, 0, childXids, childCount, count);
            childCount += count;
        }

        long[] children() {
            return Arrays.copyOf(childXids, childCount);
        }

        /** This level's xid (if any) followed by its children's: what it hands up or aborts. */
        long[] ownAndChildren() {
            if (xid == TransactionIds.INVALID) {
                return NO_XIDS;
            }
            long[] all = new long[childCount + 1];
            all[0] = xid;
            System.arraycopy(childXids, 0, all, 1, childCount);
            return all;
        }
    }

    private final TransactionSystem system;
    private final int proc;
    private final XactWalWriter wal;
    private final WalFlusher walFlusher;
    private final XidLockHook lockHook;
    private boolean synchronousCommit = true;

    private Level current;
    private IsolationLevel isolation;
    private int commandId;
    private Snapshot transactionSnapshot;
    /** The last snapshot this backend took, handed out again while no transaction has ended since. */
    private final SnapshotReuse lastSnapshot = new SnapshotReuse();
    /**
     * The highest xmin of the snapshots this backend took (PostgreSQL's RecentXmin): every id below
     * it had finished by then, so {@link #status} need not ask the running array about it.
     */
    private long recentXmin = TransactionIds.INVALID;

    public TransactionManager(TransactionSystem system, int procNumber, XactWalWriter wal, WalFlusher walFlusher,
            XidLockHook lockHook) {
        this.system = Objects.requireNonNull(system);
        if (procNumber < 0 || procNumber >= system.maxProcs()) {
            throw new IllegalArgumentException("proc number " + procNumber + " outside [0, " + system.maxProcs() + ")");
        }
        this.proc = procNumber;
        this.wal = Objects.requireNonNull(wal);
        this.walFlusher = Objects.requireNonNull(walFlusher);
        this.lockHook = Objects.requireNonNull(lockHook);
    }

    /** {@code synchronous_commit}: on waits for the commit record's flush, off does not. */
    public void setSynchronousCommit(boolean on) {
        this.synchronousCommit = on;
    }

    public boolean synchronousCommit() {
        return synchronousCommit;
    }

    public int procNumber() {
        return proc;
    }

    // ------------------------------------------------------------ top level

    /** Starts a top-level transaction. */
    public void begin(IsolationLevel level) {
        if (current != null) {
            throw new IllegalStateException("a transaction is already in progress");
        }
        current = new Level(null, null);
        isolation = Objects.requireNonNull(level);
        commandId = 0;
        transactionSnapshot = null;
    }

    public boolean inTransaction() {
        return current != null;
    }

    public IsolationLevel isolationLevel() {
        requireTransaction();
        return isolation;
    }

    /** 1 at top level, one more per open savepoint; 0 outside a transaction. */
    public int nestingLevel() {
        return current == null ? 0 : current.nestingLevel;
    }

    /**
     * The current (sub)transaction's xid, assigning it (and its parents') now if it has none
     * (GetCurrentTransactionId): called before the first write.
     */
    public long currentXid() {
        requireTransaction();
        assignXid(current);
        return current.xid;
    }

    /**
     * The top-level xid, assigning it now if it has none (GetTopTransactionId, what txid_current()
     * returns); open subtransactions get no xid from this.
     */
    public long topXidAssigned() {
        requireTransaction();
        Level top = current;
        while (top.parent != null) {
            top = top.parent;
        }
        assignXid(top);
        return top.xid;
    }

    /** The current (sub)transaction's xid, or {@link TransactionIds#INVALID} if none yet. */
    public long currentXidIfAssigned() {
        return current == null ? TransactionIds.INVALID : current.xid;
    }

    /** The top-level xid, or {@link TransactionIds#INVALID} if none yet. */
    public long topXid() {
        if (current == null) {
            return TransactionIds.INVALID;
        }
        Level top = current;
        while (top.parent != null) {
            top = top.parent;
        }
        return top.xid;
    }

    /** The current command id: changes made under it are not yet visible to this transaction. */
    public int commandId() {
        requireTransaction();
        return commandId;
    }

    /**
     * Starts the next command (CommandCounterIncrement): what earlier commands changed becomes visible
     * to later ones. Command ids are unsigned 32-bit values; compare them with
     * {@link Integer#compareUnsigned}.
     */
    public void commandCounterIncrement() {
        requireTransaction();
        if (commandId == LAST_COMMAND_ID) {
            throw new TransactionException(TransactionException.PROGRAM_LIMIT_EXCEEDED,
                    "cannot have more than 2^32-2 commands in a transaction");
        }
        commandId++;
    }

    /**
     * The snapshot for the statement about to run, with the current command id. READ COMMITTED takes
     * a new one each time (and moves this backend's xmin to it); REPEATABLE READ and SERIALIZABLE take
     * one at the first statement and keep it.
     */
    public Snapshot statementSnapshot() {
        return statementSnapshot(true);
    }

    /**
     * As {@link #statementSnapshot()}; with {@code advanceXmin} false a new READ COMMITTED snapshot
     * leaves this backend's xmin where an earlier one put it, because a scan of an earlier statement
     * (an open portal) still reads with that one and pruning must keep what it can see (PostgreSQL's
     * registered snapshots hold the xmin back the same way).
     */
    public Snapshot statementSnapshot(boolean advanceXmin) {
        requireTransaction();
        if (isolation.snapshotPerStatement()) {
            return noteXmin(system.snapshot(proc, commandId, advanceXmin, lastSnapshot));
        }
        if (transactionSnapshot == null) {
            transactionSnapshot = noteXmin(system.snapshot(proc, commandId, true, lastSnapshot));
        }
        return transactionSnapshot.withCommandId(commandId);
    }

    /** Commits the transaction and every open subtransaction (see the class comment for the order). */
    public void commit() {
        requireTransaction();
        while (current.parent != null) {
            commitSubtransaction();
        }
        Level top = current;
        if (top.xid == TransactionIds.INVALID) {
            system.procArray().clearXmin(proc);
            reset();
            return;
        }
        long[] subxids = top.children();
        long lsn;
        try {
            lsn = wal.logCommit(top.xid, subxids);
        } catch (RuntimeException e) {
            // Nothing is committed yet: the transaction aborts.
            abort();
            throw e;
        }
        if (synchronousCommit) {
            walFlusher.flush(lsn);
            system.commitLog().setTreeStatus(top.xid, subxids, CommitLog.COMMITTED, Lsn.INVALID);
        } else {
            system.commitLog().setTreeStatus(top.xid, subxids, CommitLog.COMMITTED, lsn);
        }
        system.procArray().endTransaction(proc);
        reset();
    }

    /** Aborts the transaction and every open subtransaction; nothing to do outside one. */
    public void abort() {
        if (current == null) {
            return;
        }
        Level top = current;
        long[] others = NO_XIDS;
        int count = 0;
        for (Level level = current; level != null; level = level.parent) {
            long[] mine = level.parent == null ? level.children() : level.ownAndChildren();
            if (count + mine.length > others.length) {
                others = Arrays.copyOf(others, count + mine.length);
            }
            System.arraycopy(mine, 0, others, count, mine.length);
            count += mine.length;
            top = level;
        }
        long[] subxids = Arrays.copyOf(others, count);
        if (top.xid == TransactionIds.INVALID) {
            system.procArray().clearXmin(proc);
        } else {
            try {
                wal.logAbort(top.xid, subxids);
            } finally {
                // Even if the record could not be written: not running and not committed is aborted.
                system.commitLog().setTreeStatus(top.xid, subxids, CommitLog.ABORTED, Lsn.INVALID);
                system.procArray().endTransaction(proc);
                reset();
            }
            return;
        }
        reset();
    }

    // ------------------------------------------------------------ savepoints

    /** SAVEPOINT name: starts a subtransaction (no xid until it writes). */
    public void savepoint(String name) {
        if (current == null) {
            throw new TransactionException(TransactionException.NO_ACTIVE_SQL_TRANSACTION,
                    "SAVEPOINT can only be used in transaction blocks");
        }
        current = new Level(current, Objects.requireNonNull(name));
    }

    /**
     * RELEASE SAVEPOINT name: the innermost savepoint of that name and every one opened after it
     * end; their changes become part of the parent (their xids stay running until the top-level end).
     */
    public void releaseSavepoint(String name) {
        if (current == null) {
            throw new TransactionException(TransactionException.NO_ACTIVE_SQL_TRANSACTION,
                    "RELEASE SAVEPOINT can only be used in transaction blocks");
        }
        Level target = find(name);
        while (current != target) {
            commitSubtransaction();
        }
        commitSubtransaction();
    }

    /**
     * ROLLBACK TO SAVEPOINT name: aborts every subtransaction opened after the savepoint and the
     * savepoint's own, then starts it again (it stays defined), as PostgreSQL does.
     */
    public void rollbackToSavepoint(String name) {
        if (current == null) {
            throw new TransactionException(TransactionException.NO_ACTIVE_SQL_TRANSACTION,
                    "ROLLBACK TO SAVEPOINT can only be used in transaction blocks");
        }
        Level target = find(name);
        while (current != target) {
            abortSubtransaction();
        }
        abortSubtransaction();
        current = new Level(current, target.savepointName);
    }

    /** The nesting level of the innermost savepoint called {@code name} (3B001 if there is none). */
    public int savepointLevel(String name) {
        if (current == null) {
            throw new TransactionException(TransactionException.NO_ACTIVE_SQL_TRANSACTION,
                    "ROLLBACK TO SAVEPOINT can only be used in transaction blocks");
        }
        return find(name).nestingLevel;
    }

    private Level find(String name) {
        for (Level level = current; level.parent != null; level = level.parent) {
            if (level.savepointName.equals(name)) {
                return level;
            }
        }
        throw new TransactionException(TransactionException.INVALID_SAVEPOINT_SPECIFICATION,
                "savepoint \"" + name + "\" does not exist");
    }

    /** Merges the current subtransaction into its parent (CommitSubTransaction: no clog change). */
    private void commitSubtransaction() {
        Level sub = current;
        long[] handed = sub.ownAndChildren();
        sub.parent.addChildren(handed, handed.length);
        current = sub.parent;
    }

    /**
     * Aborts the current subtransaction and the released ones inside it (AbortSubTransaction): abort
     * record, clog ABORTED, out of the running array's cache; the parent goes on.
     */
    private void abortSubtransaction() {
        Level sub = current;
        current = sub.parent;
        if (sub.xid == TransactionIds.INVALID) {
            return; // children cannot have xids if the parent has none
        }
        long[] children = sub.children();
        try {
            wal.logAbort(sub.xid, children);
        } finally {
            system.commitLog().setTreeStatus(sub.xid, children, CommitLog.ABORTED, Lsn.INVALID);
            system.procArray().removeSubxids(proc, sub.ownAndChildren());
        }
    }

    // ------------------------------------------------------------ TransactionOracle

    /**
     * True for the top-level xid, every open subtransaction's xid and every released one's; false for
     * aborted subtransactions (PostgreSQL's TransactionIdIsCurrentTransactionId).
     */
    @Override
    public boolean isCurrentTransaction(long xid) {
        if (!TransactionIds.isNormal(xid)) {
            return false;
        }
        for (Level level = current; level != null; level = level.parent) {
            if (level.xid == xid || Arrays.binarySearch(level.childXids, 0, level.childCount, xid) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The status as {@link TransactionSystem#status(long, long)} gives it: a transaction still in the
     * running array is IN_PROGRESS even if the clog already says committed.
     */
    @Override
    public Status status(long xid) {
        return system.status(xid, recentXmin);
    }

    private Snapshot noteXmin(Snapshot snapshot) {
        recentXmin = Math.max(recentXmin, snapshot.xmin());
        return snapshot;
    }

    // ------------------------------------------------------------ internals

    private void assignXid(Level level) {
        if (level.xid != TransactionIds.INVALID) {
            return;
        }
        long parentXid = TransactionIds.INVALID;
        if (level.parent != null) {
            assignXid(level.parent);
            parentXid = level.parent.xid;
        }
        level.xid = system.assignXid(proc, parentXid);
        lockHook.xidAssigned(level.xid);
    }

    private void reset() {
        current = null;
        isolation = null;
        commandId = 0;
        transactionSnapshot = null;
    }

    private void requireTransaction() {
        if (current == null) {
            throw new IllegalStateException("no transaction in progress");
        }
    }
}
