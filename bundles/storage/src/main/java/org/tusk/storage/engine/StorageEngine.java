package org.tusk.storage.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.storage.buffer.BackgroundWriter;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SharedBufferPool;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.lmgr.LockManager;
import org.tusk.storage.lmgr.LockSettings;
import org.tusk.storage.recovery.StartupRecovery;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestQueue;
import org.tusk.storage.wal.Checkpointer;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.WalRecordBuilder;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalBootstrap;
import org.tusk.storage.wal.WalWriter;
import org.tusk.storage.xact.TransactionSystem;

/**
 * One process's storage engine: the shared-memory segment and this process's views of every
 * subsystem in it, plus per-backend {@link Session}s.
 *
 * <p>{@link #create} is the postmaster's side: it bootstraps a new data directory (WAL and control
 * file, like initdb), sizes a fresh segment as the sum of the subsystems' {@code shmemSize}, formats
 * every structure, runs crash recovery (StartupRecovery with the Heap, Transaction and Storage
 * resource managers) and starts the checkpointer, WAL writer and background writer threads.
 * {@link #attach} is a backend in another JVM: it maps the segment by path and attaches to the same
 * structures; it never recovers or checkpoints. Either kind hands out sessions by proc number.
 *
 * <p>{@link #shutdown} is a clean stop (a shutdown checkpoint, control file "shut down");
 * {@link #crash} simulates a crash for tests (nothing written: shared buffers and unflushed WAL are
 * lost, exactly what a kill -9 of the whole cluster loses). See README.md for the sequence and why.
 */
public final class StorageEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageEngine.class);
    /** Entries in the shared fsync request queue (PostgreSQL sizes it by NBuffers). */
    private static final int MIN_SYNC_QUEUE = 1024;

    private final Path dataDirectory;
    private final EngineSettings settings;
    private final SharedMemory shm;
    private final boolean creator;
    private final SharedBufferPool pool;
    private final StorageManager smgr;
    private final Wal wal;
    private final EngineWalFlusher flusher;
    private final TransactionSystem transactions;
    private final LockManager lockManager;
    private final TransactionWal transactionWal;
    private final boolean[] procsInUse;
    private final CommitDelay commitDelay;
    private final SharedCounters counters;
    private final ProcSlots procSlots;
    /** Every backend's activity for pg_stat_activity, one slot per proc number. */
    private final BackendStatusArea backendStatus;
    /** The cluster's cumulative statistics (pg_stat_* views). */
    private final StatsArea statsArea;
    /** Proc numbers this process claimed in {@link #procSlots} (released when their session closes). */
    private final boolean[] claimed;
    /** Cancel and terminate requests between backends, and this process's receiving end of them. */
    private final ProcSignals procSignals;
    private final ProcSignalWatcher signalWatcher;
    private Checkpointer checkpointer;
    private WalWriter walWriter;
    private BackgroundWriter backgroundWriter;
    private StartupRecovery.Outcome recovery;
    private boolean closed;

    private StorageEngine(Path dataDirectory, EngineSettings settings, SharedMemory shm, boolean creator,
            SharedBufferPool pool, StorageManager smgr, Wal wal, EngineWalFlusher flusher,
            TransactionSystem transactions, LockManager lockManager, CommitDelay commitDelay,
            SharedCounters counters, ProcSlots procSlots) {
        this.commitDelay = commitDelay;
        this.counters = counters;
        this.procSlots = procSlots;
        this.backendStatus = creator ? BackendStatusArea.initialize(shm, settings.maxConnections())
                : BackendStatusArea.attach(shm);
        this.statsArea = creator ? StatsArea.initialize(shm) : StatsArea.attach(shm);
        this.claimed = new boolean[settings.maxConnections()];
        this.procSignals = creator ? ProcSignals.initialize(shm, settings.maxConnections()) : ProcSignals.attach(shm);
        this.signalWatcher = new ProcSignalWatcher(procSignals, lockManager);
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        this.shm = shm;
        this.creator = creator;
        this.pool = pool;
        this.smgr = smgr;
        this.wal = wal;
        this.flusher = flusher;
        this.transactions = transactions;
        this.lockManager = lockManager;
        this.transactionWal = new TransactionWal(wal, transactions);
        this.procsInUse = new boolean[settings.maxConnections()];
    }

    /** Bytes of shared memory the settings need: the sum of every subsystem's size plus the directory. */
    public static long shmemSize(EngineSettings settings) {
        long size = SharedMemory.HEADER_SIZE;
        size = Math.addExact(size, SharedBufferPool.shmemSize(settings.sharedBuffers()));
        size = Math.addExact(size, SyncRequestQueue.shmemSize(syncQueueSize(settings)));
        size = Math.addExact(size, Wal.shmemSize(settings.wal()));
        size = Math.addExact(size, TransactionSystem.shmemSize(transactionSettings(settings)));
        size = Math.addExact(size, LockManager.shmemSize(lockSettings(settings)));
        size = Math.addExact(size, CommitDelay.shmemSize(settings.maxConnections()));
        size = Math.addExact(size, SharedCounters.shmemSize());
        size = Math.addExact(size, ProcSlots.shmemSize(settings.maxConnections()));
        size = Math.addExact(size, BackendStatusArea.shmemSize(settings.maxConnections()));
        size = Math.addExact(size, StatsArea.shmemSize());
        size = Math.addExact(size, ProcSignals.shmemSize(settings.maxConnections()));
        // alignment slack for every named structure (the segment's directory holds at most 63)
        return Math.addExact(size, 63L * SharedMemory.ALIGNMENT);
    }

    private static int syncQueueSize(EngineSettings settings) {
        return Math.max(MIN_SYNC_QUEUE, settings.sharedBuffers());
    }

    private static TransactionSystem.Settings transactionSettings(EngineSettings settings) {
        return new TransactionSystem.Settings(settings.maxConnections(), settings.clogBuffers(), 32);
    }

    private static LockSettings lockSettings(EngineSettings settings) {
        return new LockSettings(settings.maxConnections(), settings.maxLocksPerTransaction());
    }

    /**
     * The postmaster's start: bootstraps {@code dataDirectory} if it has no control file, creates the
     * segment at {@code segmentPath} (replacing a previous incarnation's), initializes every
     * subsystem, recovers, and starts the auxiliary threads if the settings ask for them.
     */
    public static StorageEngine create(Path dataDirectory, Path segmentPath, EngineSettings settings) {
        return create(dataDirectory, segmentPath, settings, 0);
    }

    /**
     * As {@link #create(Path, Path, EngineSettings)}, with {@code extraBytes} more in the segment for
     * structures the caller allocates itself through {@link #sharedMemory()} (the LISTEN/NOTIFY queue).
     */
    public static StorageEngine create(Path dataDirectory, Path segmentPath, EngineSettings settings,
            long extraBytes) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create directory \"" + dataDirectory + "\"", e);
        }
        if (!Files.exists(ControlFile.path(dataDirectory))) {
            long systemId = ControlFile.newSystemIdentifier();
            LOG.info("initializing data directory {} (system identifier {})", dataDirectory, systemId);
            WalBootstrap.bootstrap(dataDirectory, systemId, settings.wal().fullPageWrites());
        }
        ControlFile.Data control = ControlFile.read(dataDirectory);
        long size = Math.addExact(shmemSize(settings), extraBytes);
        size = Math.addExact(size, 4095) / 4096 * 4096;
        SharedMemory shm = SharedMemory.create(segmentPath, size);
        try {
            SharedBufferPool pool = SharedBufferPool.initialize(shm, settings.sharedBuffers());
            SyncRequestQueue queue = SyncRequestQueue.initialize(shm, syncQueueSize(settings));
            StorageManager smgr = new StorageManager(dataDirectory, queue);
            Wal wal = Wal.initialize(shm, settings.wal(), dataDirectory, control.systemIdentifier());
            EngineWalFlusher flusher = new EngineWalFlusher(wal, true);
            TransactionSystem transactions = TransactionSystem.initialize(shm, dataDirectory,
                    transactionSettings(settings), flusher, control.nextXid());
            LockManager locks = LockManager.initialize(shm, lockSettings(settings));
            CommitDelay delay = CommitDelay.initialize(shm, settings.maxConnections());
            SharedCounters counters = SharedCounters.initialize(shm, Integer.toUnsignedLong(control.nextOid()));
            StorageEngine engine = new StorageEngine(dataDirectory, settings, shm, true, pool, smgr, wal, flusher,
                    transactions, locks, delay, counters, ProcSlots.initialize(shm, settings.maxConnections()));
            engine.startup(control);
            return engine;
        } catch (RuntimeException | Error e) {
            shm.close();
            throw e;
        }
    }

    /**
     * A backend process joining a running cluster: maps the segment the creator made and attaches to
     * its structures. The settings must be the creator's (they give the structures' shapes).
     */
    public static StorageEngine attach(Path segmentPath, Path dataDirectory, EngineSettings settings) {
        SharedMemory shm = SharedMemory.attach(segmentPath);
        try {
            SharedBufferPool pool = SharedBufferPool.attach(shm);
            SyncRequestQueue queue = SyncRequestQueue.attach(shm);
            StorageManager smgr = new StorageManager(dataDirectory, queue);
            Wal wal = Wal.attach(shm, settings.wal(), dataDirectory);
            EngineWalFlusher flusher = new EngineWalFlusher(wal, false);
            TransactionSystem transactions = TransactionSystem.attach(shm, dataDirectory, flusher);
            LockManager locks = LockManager.attach(shm, lockSettings(settings));
            return new StorageEngine(dataDirectory, settings, shm, false, pool, smgr, wal, flusher, transactions,
                    locks, CommitDelay.attach(shm), SharedCounters.attach(shm), ProcSlots.attach(shm));
        } catch (RuntimeException | Error e) {
            shm.close();
            throw e;
        }
    }

    /**
     * The startup process's part: redo from the last checkpoint, continue the log after its last
     * valid record, end-of-recovery checkpoint; then the transaction counter past every replayed xid,
     * the commit log trimmed, and the auxiliary threads.
     */
    private void startup(ControlFile.Data control) {
        BufferManager startupBuffers = new BufferManager(pool, smgr, flusher);
        EngineCheckpointHooks hooks = new EngineCheckpointHooks(new BufferManager(pool, smgr, flusher), smgr,
                transactions, commitDelay);
        transactionWal.setRedoUnlink(rel -> {
            startupBuffers.dropRelationAllForks(rel);
            smgr.unlink(rel);
        });
        StartupRecovery startup = new StartupRecovery(dataDirectory, new BufferRedoAccess(startupBuffers, smgr),
                List.of(new HeapWal(transactions), transactionWal, new StorageWal(smgr), new BTreeWal(),
                        new DatabaseWal(dataDirectory, startupBuffers, smgr)));
        recovery = startup.startup(wal, hooks);
        // Counts a clean shutdown saved come back; after a crash they are lost (pgstat_restore_stats).
        statsArea.restore(dataDirectory, !recovery.performed());
        startupBuffers.releaseAll();
        counters.advanceNextOid(Integer.toUnsignedLong(recovery.nextOid()));
        if (recovery.nextXid() > transactions.nextXid()) {
            transactions.setNextXid(recovery.nextXid());
        }
        transactions.finishRecovery();
        flusher.endRecovery();
        checkpointer = new Checkpointer(wal, dataDirectory, hooks, transactions::nextXid, counters::checkpointOid,
                Clock.systemUTC());
        if (settings.backgroundThreads()) {
            checkpointer.start(settings.checkpointerPollMillis());
            walWriter = new WalWriter(wal);
            walWriter.start();
            backgroundWriter = new BackgroundWriter(pool, new BufferManager(pool, smgr, flusher), 100,
                    Math.min(settings.sharedBuffers(), 256));
            backgroundWriter.start(java.time.Duration.ofMillis(200));
        }
        // "database system is ready to accept connections" is the postmaster's line, said once it listens.
    }

    /** What crash recovery found and did at {@link #create} (null for an attached process). */
    public StartupRecovery.Outcome recoveryOutcome() {
        return recovery;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The segment this process maps, for structures outside the engine that live in it too. */
    public SharedMemory sharedMemory() {
        return shm;
    }

    public Path segmentPath() {
        return shm.path();
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * A backend session for {@code procNumber} (unique across every process of the cluster; the
     * caller, i.e. the postmaster, hands them out). Close it when the backend ends.
     */
    public synchronized Session session(int procNumber) {
        checkOpen();
        if (procNumber < 0 || procNumber >= procsInUse.length) {
            throw new IllegalArgumentException("proc number " + procNumber + " outside [0, "
                    + procsInUse.length + ")");
        }
        if (procsInUse[procNumber]) {
            throw new IllegalStateException("proc number " + procNumber + " is already in use in this process");
        }
        procsInUse[procNumber] = true;
        return new Session(this, procNumber);
    }

    /**
     * A backend session on the lowest proc number no backend of any process attached to the segment
     * has claimed through this method (see {@link ProcSlots}), its locks shown with
     * {@code processId}; null if every proc number is taken.
     */
    public synchronized Session openSession(int processId) {
        checkOpen();
        while (true) {
            int proc = procSlots.claim(processId);
            if (proc < 0) {
                return null;
            }
            if (procsInUse[proc]) {
                claimed[proc] = true; // used here through session(int): the claim goes when that session closes
                continue;
            }
            procsInUse[proc] = true;
            claimed[proc] = true;
            try {
                return new Session(this, proc, processId);
            } catch (RuntimeException | Error e) {
                procsInUse[proc] = false;
                claimed[proc] = false;
                procSlots.release(proc);
                throw e;
            }
        }
    }

    synchronized void sessionClosed(int procNumber) {
        procsInUse[procNumber] = false;
        if (claimed[procNumber]) {
            claimed[procNumber] = false;
            if (!closed) {
                procSlots.release(procNumber);
            }
        }
    }

    /**
     * A checkpoint now: done here in the creator, requested from the checkpointer's thread (and not
     * waited for) in an attached process.
     */
    public void checkpoint() {
        checkOpen();
        if (creator) {
            checkpointer.checkpoint(Checkpointer.Kind.REQUESTED);
        } else {
            wal.requestCheckpoint();
        }
    }

    /** Shared WAL counters (syncs, writes, records, bytes). */
    public Wal.Stats walStats() {
        return wal.stats();
    }

    /** Commit records written by this process's sessions. */
    public long commitRecords() {
        return transactionWal.commits();
    }

    /** A new OID from the cluster-wide counter (see {@link SharedCounters#newOid}). */
    public int newOid() {
        checkOpen();
        return counters.newOid(limit -> wal.insert(new WalRecordBuilder(RmgrIds.XLOG, RmgrIds.XLOG_NEXTOID, 0)
                .mainData(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putInt((int) limit).array())));
    }

    /** The cluster-wide catalog version (see {@link SharedCounters}). */
    public long catalogVersion() {
        checkOpen();
        return counters.catalogVersion();
    }

    // ------------------------------------------------------------ for sessions

    SharedCounters counters() {
        return counters;
    }

    /** Whether this process created the segment (and runs the checkpointer). */
    boolean isCreator() {
        return creator;
    }

    SharedBufferPool pool() {
        return pool;
    }

    StorageManager smgr() {
        return smgr;
    }

    Wal wal() {
        return wal;
    }

    EngineWalFlusher flusher() {
        return flusher;
    }

    TransactionSystem transactions() {
        return transactions;
    }

    LockManager lockManager() {
        return lockManager;
    }

    StatsArea statsArea() {
        return statsArea;
    }

    BackendStatusArea backendStatus() {
        return backendStatus;
    }

    ProcSignals procSignals() {
        return procSignals;
    }

    ProcSignalWatcher signalWatcher() {
        return signalWatcher;
    }

    CommitDelay commitDelay() {
        return commitDelay;
    }

    TransactionWal transactionWal() {
        return transactionWal;
    }

    // ------------------------------------------------------------ stopping

    /**
     * A clean stop of this process. The creator (after every backend has gone, which the caller
     * ensures) stops the auxiliary threads and makes a shutdown checkpoint, so the control file says
     * "shut down" and the next start needs no redo; then it removes the segment. An attached process
     * only unmaps.
     */
    public synchronized void shutdown() {
        if (closed) {
            return;
        }
        if (creator) {
            stopAuxiliaryThreads();
            checkpointer.checkpoint(Checkpointer.Kind.SHUTDOWN);
            try {
                statsArea.save(dataDirectory); // as PostgreSQL's pgstat_write_statsfile at shutdown
            } catch (java.io.UncheckedIOException e) {
                LOG.warn("could not save the cumulative statistics", e);
            }
            // "database system is shut down" is the postmaster's line, after the last backend has gone.
            LOG.debug("storage engine shut down");
        }
        release(creator);
    }

    /**
     * A crash, for tests: the threads stop and the process lets go of everything without writing a
     * page or flushing WAL (what was only in shared memory is lost). The segment file stays, as after
     * a kill -9; the next {@link #create} replaces it with a new generation.
     */
    public synchronized void crash() {
        if (closed) {
            return;
        }
        if (creator) {
            stopAuxiliaryThreads();
        }
        release(false);
    }

    @Override
    public void close() {
        shutdown();
    }

    private void stopAuxiliaryThreads() {
        try {
            if (backgroundWriter != null) {
                backgroundWriter.stop();
            }
            if (walWriter != null) {
                walWriter.stop();
            }
            checkpointer.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the auxiliary threads", e);
        }
    }

    private void release(boolean removeSegment) {
        closed = true;
        try {
            signalWatcher.stop(); // it reads the segment: stopped before the segment is unmapped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path segment = shm.path();
        wal.close();
        smgr.close();
        shm.close();
        if (removeSegment) {
            try {
                Files.deleteIfExists(segment);
            } catch (IOException e) {
                LOG.warn("could not remove shared memory segment {}", segment, e);
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the storage engine is shut down");
        }
    }
}
