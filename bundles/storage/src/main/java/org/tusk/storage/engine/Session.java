package org.tusk.storage.engine;

import java.time.Duration;
import java.util.List;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.lmgr.BackendLocks;
import org.tusk.storage.xact.IsolationLevel;
import org.tusk.storage.xact.TransactionManager;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.xact.XactWalWriter;

/**
 * One backend's storage state (PostgreSQL's per-backend globals: the PGPROC slot's proc number, the
 * transaction state, the local lock table, private buffer pins): a {@link TransactionManager}, a
 * {@link BackendLocks}, a {@link BufferManager}, and the heap access method over them. Not
 * thread-safe: one thread (the backend) uses it.
 *
 * <p>The transaction calls are what the SQL engine's transaction-block layer will make:
 * {@link #begin}, {@link #commit}, {@link #abort}, {@link #snapshot} at each statement,
 * {@link #commandCounterIncrement} between the commands of a transaction. Commit releases every
 * heavyweight lock after the commit is in the commit log and the backend left the running array, so
 * that a waiter woken by the release sees the outcome (PostgreSQL's order); abort also drops any
 * buffer pins and content locks an error left behind.
 */
public final class Session implements AutoCloseable {

    private final StorageEngine engine;
    private final int procNumber;
    private final TransactionManager transaction;
    private final BackendLocks locks;
    private final BufferManager buffers;
    private final HeapAccess heap;
    private boolean closed;
    private static final RelFileLocator[] NO_RELATIONS = new RelFileLocator[0];
    /** Listed in the next commit record: the relations whose files the commit removes. */
    private RelFileLocator[] relationsAtCommit = NO_RELATIONS;
    /** Listed in the next abort record: the relations whose files the abort removes. */
    private RelFileLocator[] relationsAtAbort = NO_RELATIONS;

    Session(StorageEngine engine, int procNumber) {
        this(engine, procNumber, (int) ProcessHandle.current().pid());
    }

    /** A session whose locks show {@code processId} (the backend's pg_backend_pid) to other backends. */
    Session(StorageEngine engine, int procNumber, int processId) {
        this.engine = engine;
        this.procNumber = procNumber;
        this.locks = engine.lockManager().backend(procNumber, processId, engine.settings().deadlockTimeout());
        this.buffers = new BufferManager(engine.pool(), engine.smgr(), engine.flusher());
        CommitDelay delay = engine.commitDelay();
        TransactionWal wal = engine.transactionWal();
        XactWalWriter writer = new XactWalWriter() {
            @Override
            public long logCommit(long xid, long[] subxids) {
                delay.enter(procNumber); // left in commit(), once the commit log has the outcome
                RelFileLocator[] rels = relationsAtCommit;
                relationsAtCommit = NO_RELATIONS;
                return wal.logCommit(xid, subxids, rels);
            }

            @Override
            public long logAbort(long xid, long[] subxids) {
                RelFileLocator[] rels = relationsAtAbort;
                relationsAtAbort = NO_RELATIONS;
                return wal.logAbort(xid, subxids, rels);
            }
        };
        this.transaction = new TransactionManager(engine.transactions(), procNumber, writer, engine.wal(),
                locks::lockTransactionId);
        this.transaction.setSynchronousCommit(engine.settings().wal().synchronousCommit());
        this.heap = new HeapAccess(engine, transaction, locks, buffers);
    }

    public int procNumber() {
        return procNumber;
    }

    /** The heap access method of this backend. */
    public HeapAccess heap() {
        return heap;
    }

    public TransactionManager transaction() {
        return transaction;
    }

    public BackendLocks locks() {
        return locks;
    }

    /** {@code synchronous_commit} for this session's commits. */
    public void setSynchronousCommit(boolean on) {
        transaction.setSynchronousCommit(on);
    }

    public void setDeadlockTimeout(Duration timeout) {
        locks.setDeadlockTimeout(timeout);
    }

    public void setLockTimeout(Duration timeout) {
        locks.setLockTimeout(timeout);
    }

    public void begin(IsolationLevel level) {
        transaction.begin(level);
    }

    public boolean inTransaction() {
        return transaction.inTransaction();
    }

    /** The snapshot for the statement about to run (a new one per statement in READ COMMITTED). */
    public Snapshot snapshot() {
        return transaction.statementSnapshot();
    }

    /** The statement's snapshot, leaving the backend's xmin behind if {@code advanceXmin} is false (see TransactionManager). */
    public Snapshot snapshot(boolean advanceXmin) {
        return transaction.statementSnapshot(advanceXmin);
    }

    public void commandCounterIncrement() {
        transaction.commandCounterIncrement();
    }

    /**
     * Commits: commit record (flushed with synchronous_commit), commit log, proc array, then locks;
     * from the record to the commit log the backend delays checkpoints ({@link CommitDelay}).
     */
    public void commit() {
        commit(null);
    }

    /**
     * Commits as {@link #commit()}, running {@code atCommit} once the commit is in the commit log and
     * the proc array but before the locks are released (where PostgreSQL's CommitTransaction sends
     * invalidations and unlinks dropped relations: a backend waiting for our locks then finds both
     * done). Not run if the commit fails.
     */
    public void commit(Runnable atCommit) {
        try {
            transaction.commit();
            if (atCommit != null) {
                atCommit.run();
            }
        } finally {
            relationsAtCommit = NO_RELATIONS;
            relationsAtAbort = NO_RELATIONS;
            engine.commitDelay().leave(procNumber);
            buffers.releaseAll();
            locks.releaseAll();
        }
    }

    /** Aborts (nothing to do outside a transaction); safe to call after any error. */
    public void abort() {
        buffers.releaseAll();
        try {
            transaction.abort();
        } finally {
            relationsAtCommit = NO_RELATIONS;
            relationsAtAbort = NO_RELATIONS;
            locks.releaseAll();
        }
    }

    /**
     * The relations the next commit record lists as dropped, or the next abort record as created
     * (the first abort record written, for a ROLLBACK TO that aborts several levels): redo removes
     * their files, see {@link TransactionWal}. Cleared once written.
     */
    void setRelationsToLog(List<RelFileLocator> atCommit, List<RelFileLocator> atAbort) {
        relationsAtCommit = atCommit.toArray(NO_RELATIONS);
        relationsAtAbort = atAbort.toArray(NO_RELATIONS);
    }

    /**
     * ROLLBACK TO SAVEPOINT: the pins and content locks an error inside the savepoint left behind are
     * dropped first (the backend holds none between statements), then the subtransactions abort.
     */
    public void rollbackToSavepoint(String name) {
        buffers.releaseAll();
        transaction.rollbackToSavepoint(name);
    }

    /**
     * Removes a relation's files now (DropRelationBuffers then mdunlink): its buffers are forgotten
     * without being written, so no later eviction or checkpoint writes into a file that is gone.
     * Called at the commit of the dropping transaction or the abort of the creating one.
     */
    void unlinkRelation(RelFileLocator locator) {
        engine.counters().noteRelationRemoval(); // first: no backend trusts its memory of the file after
        heap.forgetRelation(locator);
        buffers.dropRelationAllForks(locator);
        engine.smgr().unlink(locator);
    }

    /**
     * CREATE DATABASE's FILE_COPY: the template's dirty buffers are written, its files copied and
     * fsynced, then the copy is WAL-logged and the record flushed (redo copies again if a crash comes
     * before the next checkpoint). The caller keeps others out of the template meanwhile.
     */
    void copyDatabase(int template, int database) {
        DatabaseWal.copy(engine.dataDirectory(), buffers, template, database);
        Wal wal = engine.wal();
        wal.flush(wal.insert(DatabaseWal.createRecord(transaction.currentXid(), template, database)).end());
    }

    /**
     * Removes a database's files: the removal is WAL-logged and flushed first, so that redo repeats it,
     * then its buffers are forgotten and its files deleted.
     */
    void removeDatabase(int database) {
        Wal wal = engine.wal();
        long xid = transaction.inTransaction() ? transaction.currentXidIfAssigned() : 0;
        wal.flush(wal.insert(DatabaseWal.dropRecord(xid, database)).end());
        engine.counters().noteRelationRemoval();
        DatabaseWal.remove(engine.dataDirectory(), buffers, engine.smgr(), database);
    }

    /**
     * Creates a new heap relation's file, WAL-logged first so that recovery re-creates it (the
     * catalog entry is the SQL layer's business). The relation is visible to everyone at once.
     */
    public HeapTable createTable(RelFileLocator locator, TupleDescriptor descriptor) {
        if (transaction.inTransaction()) {
            transaction.currentXid(); // so that an abort writes a record, which redo removes the file by
        }
        heap.forgetRelation(locator);
        engine.wal().flush(engine.wal().insert(StorageWal.createRecord(locator, ForkNumber.MAIN)).end());
        engine.smgr().create(locator, ForkNumber.MAIN, false);
        return new HeapTable(locator, descriptor);
    }

    /** Ends the backend: an open transaction is aborted and the proc number is free again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (engine.isClosed()) {
            return; // the engine crashed or stopped under us: nothing of ours is left to release
        }
        try {
            abort();
            locks.releaseAllIncludingSession();
        } finally {
            engine.sessionClosed(procNumber);
        }
    }

    // ------------------------------------------------------------ for the index access method

    BufferManager buffers() {
        return buffers;
    }

    StorageEngine engine() {
        return engine;
    }
}
