package org.tusk.storage.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.BackendActivity;
import org.tusk.storage.access.BackendSignal;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.lmgr.LockTag;
import org.tusk.storage.xact.IsolationLevel;

/**
 * The access API's {@link StorageSession} over one engine {@link Session}: what xact.c's entry points
 * and the relation-level parts of the executor give a PostgreSQL backend.
 *
 * <p>State kept here, on top of the engine session: the statement snapshot tables read with (taken
 * by {@link #startStatement}, its command id moved by {@link #commandCounterIncrement}, as
 * PostgreSQL's active snapshot), the relations to remove when the transaction ends
 * ({@link PendingRelations}), whether the transaction changed catalogs, and whether it failed.
 *
 * <p>A failed transaction: once an operation has thrown, the transaction may have lost track of
 * pins, locks or half-done work, so every later call but {@link #abort} and
 * {@link #rollbackToSavepoint} raises 25P02, as PostgreSQL's "current transaction is aborted"
 * state. {@link #commit} of a failed transaction rolls it back and raises 25P02 too, so that a caller
 * cannot mistake it for a commit.
 */
public final class AccessSession implements StorageSession {

    private static final Logger LOG = LoggerFactory.getLogger(AccessSession.class);

    private final Session session;
    private final StorageEngine engine;
    private final PendingRelations pending = new PendingRelations();
    /** Statistics counted in this session, added to the shared area at each transaction end. */
    private final PendingStats stats = new PendingStats();
    /** This backend's slot in the status area, once it reported its start (null before). */
    private BackendStatusArea.Writer status;
    /** This backend's registration for signals from other backends, once it asked for them (null before). */
    private ProcSignalWatcher.Receiver signals;
    private final List<Integer> createdDatabases = new ArrayList<>();
    private final List<Integer> droppedDatabases = new ArrayList<>();
    private Snapshot snapshot;
    /** Counts the snapshots taken and dropped, so that a {@link SnapshotMark} knows whether it is still current. */
    private long snapshotGeneration;

    private record Mark(Snapshot snapshot, long generation) implements SnapshotMark {
    }
    private boolean failed;
    private boolean catalogChanged;
    private boolean closed;
    /** Scans of the current transaction not yet closed or finished ({@link TrackedScan}). */
    private int openScans;
    /** Counts transactions, so that a scan outliving its transaction is not counted against the next. */
    private long transactionNumber;
    /** Relations whose file was seen while the cluster's relation-removal counter was {@link #existsCheckedAt}. */
    private final Set<RelFileLocator> knownToExist = new HashSet<>();
    private long existsCheckedAt = -1;
    /**
     * This backend's open relations, kept across statements and transactions as PostgreSQL's relcache
     * keeps them: a table's tuple descriptor (a function of its shape), and an index with what it has
     * learnt (its key comparators, the root from the metapage, the rightmost leaf it inserted into).
     * Rebuilding them for every statement was a visible part of a short transaction, and re-reading the
     * metapage costs a pin and a share lock on a buffer every backend uses. A rewritten relation gets
     * a new file number, so a cached entry never describes other files; the cache is also emptied
     * whenever a relation file is removed anywhere (see {@link #checkExists}) and when it grows large.
     */
    private final Map<TableShape, TupleDescriptor> descriptors = new HashMap<>();
    private final Map<RelationId, BTreeIndex> indexes = new HashMap<>();
    private static final int RELATION_CACHE_LIMIT = 1024;

    AccessSession(StorageEngine engine, Session session) {
        this.engine = engine;
        this.session = session;
    }

    /** A session of the access API on a new engine session of {@code engine}. */
    public static AccessSession open(StorageEngine engine, Session session) {
        return new AccessSession(engine, session);
    }

    /** The engine session underneath (for tests and the engine's own tools). */
    public Session engineSession() {
        return session;
    }

    // ------------------------------------------------------------ transactions

    @Override
    public void begin(Isolation isolation) {
        checkOpen();
        if (session.inTransaction()) {
            throw new AccessException("25001", "there is already a transaction in progress");
        }
        session.begin(switch (isolation) {
            case READ_COMMITTED -> IsolationLevel.READ_COMMITTED;
            case REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
            case SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
        });
        snapshot = null;
        snapshotGeneration++;
        failed = false;
        catalogChanged = false;
    }

    @Override
    public boolean inTransaction() {
        return session.inTransaction();
    }

    @Override
    public void startStatement() {
        if (signals != null && signals.consumeLockWaitInterrupt()) {
            // A cancel meant for a lock wait of an earlier statement that got its lock anyway.
            session.locks().clearCancel();
        }
        call(() -> {
            // An open scan of an earlier statement still reads with its snapshot: keep the xmin.
            snapshot = session.snapshot(openScans == 0);
            snapshotGeneration++;
            return null;
        });
    }

    @Override
    public SnapshotMark markSnapshot() {
        return snapshot == null ? null : new Mark(snapshot, snapshotGeneration);
    }

    @Override
    public void restoreSnapshot(SnapshotMark mark) {
        if (mark instanceof Mark m && snapshot != null && m.generation() == snapshotGeneration) {
            snapshot = m.snapshot();
        }
    }

    @Override
    public void commandCounterIncrement() {
        call(() -> {
            session.commandCounterIncrement();
            if (snapshot != null) {
                snapshot = snapshot.withCommandId(session.transaction().commandId());
            }
            return null;
        });
    }

    /** A held statement snapshot and the transaction it belongs to (for the xmin count). */
    private record HeldSnapshot(Snapshot snapshot, long transaction) {
    }

    @Override
    public Object holdSnapshot() {
        return call(() -> {
            Snapshot held = statementSnapshot();
            // Counted as an open scan: the xmin stays while the holder may still read with it.
            return new HeldSnapshot(held, scanOpened());
        });
    }

    @Override
    public Object swapSnapshot(Object next) {
        Snapshot previous = snapshot;
        snapshot = next instanceof HeldSnapshot h ? h.snapshot() : (Snapshot) next;
        return previous;
    }

    @Override
    public void releaseSnapshot(Object held) {
        if (held instanceof HeldSnapshot h) {
            scanClosed(h.transaction());
        }
    }

    @Override
    public long transactionId() {
        return call(() -> session.transaction().topXidAssigned());
    }

    @Override
    public void commit() {
        checkOpen();
        if (!session.inTransaction()) {
            return; // PostgreSQL only warns: "there is no transaction in progress"
        }
        if (failed) {
            abort();
            throw AccessErrors.inFailedTransaction();
        }
        List<RelFileLocator> drops = pending.atCommit();
        List<RelFileLocator> creates = pending.atAbort();
        // The commit record lists the drops; should the commit turn into an abort, its record lists the creations.
        session.setRelationsToLog(drops, creates);
        boolean advanceCatalog = catalogChanged;
        List<Integer> databaseDrops = List.copyOf(droppedDatabases);
        List<Integer> databaseCopies = List.copyOf(createdDatabases);
        boolean committed = false;
        try {
            session.commit(() -> {
                // Committed and visible: now what PostgreSQL does before releasing the locks.
                if (advanceCatalog) {
                    engine.counters().advanceCatalogVersion();
                }
                for (RelFileLocator rel : drops) {
                    unlinkQuietly(rel);
                }
                for (int database : databaseDrops) {
                    removeDatabaseQuietly(database);
                }
            });
            committed = true;
        } catch (RuntimeException e) {
            if (!session.inTransaction()) {
                removeCreated(creates); // the commit turned into an abort
                databaseCopies.forEach(this::removeDatabaseQuietly);
            }
            throw AccessErrors.translate(e);
        } finally {
            if (!session.inTransaction()) {
                pending.clear();
                endTransaction();
                flushStats(committed);
            }
        }
    }

    @Override
    public void abort() {
        if (closed) {
            return;
        }
        List<RelFileLocator> creates = pending.atAbort();
        session.setRelationsToLog(List.of(), creates);
        List<Integer> databaseCopies = List.copyOf(createdDatabases);
        try {
            session.abort();
        } finally {
            removeCreated(creates);
            databaseCopies.forEach(this::removeDatabaseQuietly);
            pending.clear();
            endTransaction();
            flushStats(false);
        }
    }

    @Override
    public void savepoint(String name) {
        call(() -> {
            session.transaction().savepoint(name);
            return null;
        });
    }

    @Override
    public void releaseSavepoint(String name) {
        call(() -> {
            session.transaction().releaseSavepoint(name);
            pending.releaseTo(session.transaction().nestingLevel());
            return null;
        });
    }

    @Override
    public void rollbackToSavepoint(String name) {
        checkOpen();
        requireTransaction();
        int level;
        try {
            level = session.transaction().savepointLevel(name);
        } catch (RuntimeException e) {
            throw AccessErrors.translate(e); // no such savepoint: the transaction stays as it was
        }
        // The savepoint is started again at its level: undo what was created inside it.
        List<RelFileLocator> creates = pending.atAbortFrom(level);
        session.setRelationsToLog(List.of(), creates);
        try {
            session.rollbackToSavepoint(name);
        } finally {
            session.setRelationsToLog(List.of(), List.of());
        }
        removeCreated(creates);
        pending.forgetFrom(level);
        failed = false;
    }

    @Override
    public void setSynchronousCommit(boolean on) {
        session.setSynchronousCommit(on);
    }

    @Override
    public void setDeadlockTimeout(Duration timeout) {
        session.setDeadlockTimeout(timeout);
    }

    @Override
    public void setLockTimeout(Duration timeout) {
        session.setLockTimeout(timeout);
    }

    // ------------------------------------------------------------ locks

    /**
     * The lock manager's mode for each {@link RelationLockMode}, by ordinal: every statement locks its
     * relations, and looking the mode up by name cost a hash lookup each time.
     */
    private static final LockMode[] LOCK_MODES = lockModes();

    private static LockMode[] lockModes() {
        RelationLockMode[] relationModes = RelationLockMode.values();
        LockMode[] modes = new LockMode[relationModes.length];
        for (RelationLockMode m : relationModes) {
            modes[m.ordinal()] = LockMode.valueOf(m.name());
        }
        return modes;
    }

    @Override
    public void lockRelation(int database, int relationOid, RelationLockMode mode, boolean noWait) {
        call(() -> {
            requireTransaction();
            session.locks().acquire(LockTag.relation(database, relationOid), LOCK_MODES[mode.ordinal()], false,
                    noWait);
            return null;
        });
    }

    // ------------------------------------------------------------ relations

    @Override
    public int newOid() {
        checkOpen();
        return engine.newOid();
    }

    @Override
    public Table createTable(RelationId id, TableShape shape) {
        return call(() -> {
            requireTransaction();
            RelFileLocator locator = Relations.locator(id);
            TupleDescriptor descriptor = Relations.descriptor(shape);
            HeapTable table = session.createTable(locator, descriptor);
            pending.created(locator, session.transaction().nestingLevel());
            if (Toaster.needsToast(locator, descriptor)) {
                // create_toast_table: every table with a varlena column gets its TOAST relation at once.
                RelFileLocator toast = Toaster.toastOf(locator);
                session.createTable(toast, Toaster.CHUNKS);
                pending.created(toast, session.transaction().nestingLevel());
            }
            return new EngineTable(this, id, shape, table);
        });
    }

    @Override
    public Table openTable(RelationId id, TableShape shape) {
        return call(() -> {
            RelFileLocator locator = Relations.locator(id);
            checkExists(locator);
            return new EngineTable(this, id, shape, new HeapTable(locator, descriptor(shape)));
        });
    }

    private TupleDescriptor descriptor(TableShape shape) {
        TupleDescriptor d = descriptors.get(shape);
        if (d == null) {
            if (descriptors.size() >= RELATION_CACHE_LIMIT) {
                descriptors.clear();
            }
            d = Relations.descriptor(shape);
            descriptors.put(shape, d);
        }
        return d;
    }

    /**
     * 58P01 if the relation's file is not there. The file system is asked once per relation and
     * then again only after some relation file was removed anywhere in the cluster
     * ({@link SharedCounters#relationRemovals}): opening a table is otherwise a stat per table per
     * transaction (pgbench's TPC-B opens five).
     */
    private void checkExists(RelFileLocator locator) {
        long removals = engine.counters().relationRemovals();
        if (removals != existsCheckedAt) {
            knownToExist.clear();
            indexes.clear();
            existsCheckedAt = removals;
        }
        if (knownToExist.contains(locator)) {
            return;
        }
        if (!engine.smgr().exists(locator, ForkNumber.MAIN)) {
            throw new AccessException("58P01", "could not open file \"" + locator.path(ForkNumber.MAIN, 0)
                    + "\": No such file or directory");
        }
        knownToExist.add(locator);
    }

    @Override
    public Index createIndex(RelationId id, IndexShape shape) {
        return call(() -> {
            requireTransaction();
            session.transaction().currentXid(); // so that an abort writes a record listing the file
            BTreeIndex index = BTreeIndex.create(session, id, shape);
            pending.created(Relations.locator(id), session.transaction().nestingLevel());
            return new SessionIndex(this, index);
        });
    }

    @Override
    public Index buildIndex(RelationId id, IndexShape shape, Iterator<Row> entries) {
        return buildIndex(id, shape, entries, BTreeBuild.DEFAULT_SORT_MEMORY);
    }

    @Override
    public Index buildIndex(RelationId id, IndexShape shape, Iterator<Row> entries, long sortMemory) {
        return call(() -> {
            requireTransaction();
            session.transaction().currentXid(); // so that an abort writes a record listing the file
            // Registered before the build: a build that fails (23505) leaves a file the abort removes.
            pending.created(Relations.locator(id), session.transaction().nestingLevel());
            return new SessionIndex(this, BTreeIndex.build(session, id, shape, entries, sortMemory));
        });
    }

    @Override
    public Index openIndex(RelationId id, IndexShape shape) {
        return call(() -> new SessionIndex(this, cachedIndex(id, shape)));
    }

    /** The index as this backend last opened it, if it has the same shape (see {@link #indexes}). */
    private BTreeIndex cachedIndex(RelationId id, IndexShape shape) {
        if (engine.counters().relationRemovals() != existsCheckedAt) {
            knownToExist.clear();
            indexes.clear();
            existsCheckedAt = engine.counters().relationRemovals();
        }
        BTreeIndex index = indexes.get(id);
        if (index == null || !index.shape().equals(shape)) {
            if (indexes.size() >= RELATION_CACHE_LIMIT) {
                indexes.clear();
            }
            index = BTreeIndex.open(session, id, shape);
            indexes.put(id, index);
        }
        return index;
    }

    @Override
    public boolean relationExists(RelationId id) {
        checkOpen();
        return engine.smgr().exists(Relations.locator(id), ForkNumber.MAIN);
    }

    @Override
    public RelationId toastRelation(RelationId table) {
        checkOpen();
        RelFileLocator toast = Toaster.toastOf(Relations.locator(table));
        if (Toaster.isToast(Relations.locator(table)) || !engine.smgr().exists(toast, ForkNumber.MAIN)) {
            return null;
        }
        return new RelationId(table.database(), toast.relNumber());
    }

    @Override
    public void dropRelation(RelationId id) {
        call(() -> {
            requireTransaction();
            RelFileLocator locator = Relations.locator(id);
            session.transaction().currentXid(); // so that the commit writes a record listing the drop
            if (!pending.isDropped(locator)) {
                pending.dropped(locator, session.transaction().nestingLevel());
            }
            RelFileLocator toast = Toaster.toastOf(locator);
            if (!Toaster.isToast(locator) && !pending.isDropped(toast) && engine.smgr().exists(toast, ForkNumber.MAIN)) {
                pending.dropped(toast, session.transaction().nestingLevel()); // the TOAST relation goes with its table
            }
            return null;
        });
    }

    /**
     * CREATE DATABASE (FILE_COPY): the copy is made, made durable and WAL-logged now, then a checkpoint
     * makes sure a crash never replays it (PostgreSQL's reason: redo would copy the template as it is
     * then, not as it was). If the transaction aborts, the copy is removed again. Like PostgreSQL's
     * CREATE DATABASE, not meant to be rolled back to a savepoint.
     */
    @Override
    public void copyDatabase(int template, int database) {
        call(() -> {
            requireTransaction();
            session.transaction().currentXid();
            session.copyDatabase(template, database);
            createdDatabases.add(database);
            engine.checkpoint(); // in a process that attached, only requested (see engine README)
            return null;
        });
    }

    /**
     * CHECKPOINT: made here when this process created the cluster's shared memory; requested from the
     * creator's checkpointer otherwise (see the engine README: an attached process cannot wait for it yet).
     */
    @Override
    public void checkpoint() {
        call(() -> {
            engine.checkpoint();
            return null;
        });
    }

    /** pg_database_size: the files' sizes as the file system reports them, as PostgreSQL's db_dir_size. */
    @Override
    public long databaseSize(int database) {
        return call(() -> DatabaseFiles.size(DatabaseFiles.directory(engine.dataDirectory(), database)));
    }

    @Override
    public long relationForkSize(RelationId id, String fork) {
        ForkNumber f = switch (fork) {
            case "main" -> ForkNumber.MAIN;
            case "fsm" -> ForkNumber.FREE_SPACE;
            case "vm" -> ForkNumber.VISIBILITY;
            case "init" -> ForkNumber.INIT;
            default -> throw new IllegalArgumentException("unknown fork " + fork);
        };
        return call(() -> {
            RelFileLocator locator = Relations.locator(id);
            return engine.smgr().exists(locator, f)
                    ? Integer.toUnsignedLong(engine.smgr().nblocks(locator, f)) * StorageConstants.BLOCK_SIZE : 0L;
        });
    }

    /** DROP DATABASE: the files go when the transaction commits (see {@link #commit}). */
    @Override
    public void dropDatabase(int database) {
        call(() -> {
            requireTransaction();
            session.transaction().currentXid();
            if (!droppedDatabases.contains(database)) {
                droppedDatabases.add(database);
            }
            return null;
        });
    }

    // ------------------------------------------------------------ invalidation

    @Override
    public long catalogVersion() {
        checkOpen();
        return engine.catalogVersion();
    }

    @Override
    public void catalogChanged() {
        call(() -> {
            requireTransaction();
            catalogChanged = true;
            return null;
        });
    }

    @Override
    public boolean catalogsBootstrapped() {
        checkOpen();
        return engine.counters().catalogsBootstrapped();
    }

    @Override
    public void noteCatalogsBootstrapped() {
        checkOpen();
        engine.counters().noteCatalogsBootstrapped();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!engine.isClosed()) {
                abort();
            }
        } finally {
            closed = true;
            if (status != null && !engine.isClosed()) {
                status.clear();
                status = null;
            }
            if (signals != null && !engine.isClosed()) {
                engine.signalWatcher().unregister(session.procNumber());
            }
            signals = null;
            session.close();
        }
    }

    // ------------------------------------------------------------ activity

    @Override
    public void reportBackendStart(int processId, int databaseOid, String user, String applicationName,
            long backendStartMicros) {
        if (status == null) {
            status = engine.backendStatus().writer(session.procNumber());
        }
        if (status != null) {
            status.start(processId, databaseOid, user, applicationName, backendStartMicros);
        }
        stats.database(databaseOid);
    }

    @Override
    public void reportActivity(BackendActivity.State state, String query, long transactionStartMicros,
            long queryStartMicros, long stateChangeMicros) {
        if (status != null) {
            status.report(state, query, transactionStartMicros, queryStartMicros, stateChangeMicros);
        }
    }

    // ------------------------------------------------------------ cumulative statistics

    private void flushStats(boolean committed) {
        if (!engine.isClosed()) {
            stats.flush(engine.statsArea(), committed);
        }
    }

    @Override
    public org.tusk.storage.access.RelationCounts relationCounts(int database, int object) {
        return stats.relation(database, object);
    }

    @Override
    public boolean readStats(int database, int object, long[] into) {
        return engine.statsArea().read(database, object, into);
    }

    @Override
    public void resetStats(int database, int object, long nowMicros) {
        StatsArea area = engine.statsArea();
        long db = area.entry(database, org.tusk.storage.access.CumulativeStats.DATABASE_ENTRY, true);
        if (object == -1) {
            area.zeroObjectsOf(database);
            if (db >= 0) {
                area.zero(db);
            }
        } else {
            long e = area.entry(database, object, false);
            if (e >= 0) {
                area.zero(e);
            }
        }
        if (db >= 0) {
            area.set(db, org.tusk.storage.access.CumulativeStats.STATS_RESET, nowMicros);
        }
    }

    @Override
    public void reportMaintenance(int database, int object, boolean analyze, long liveTuples, long deadTuples,
            long nowMicros) {
        StatsArea area = engine.statsArea();
        long e = area.entry(database, object, true);
        if (e < 0) {
            return;
        }
        area.set(e, org.tusk.storage.access.CumulativeStats.LIVE_TUPLES, Math.max(0, liveTuples));
        if (deadTuples >= 0) {
            area.set(e, org.tusk.storage.access.CumulativeStats.DEAD_TUPLES, deadTuples);
        }
        if (analyze) {
            area.set(e, org.tusk.storage.access.CumulativeStats.CHANGES_SINCE_ANALYZE, 0);
            area.set(e, org.tusk.storage.access.CumulativeStats.ANALYZE_TIME, nowMicros);
            area.add(e, org.tusk.storage.access.CumulativeStats.ANALYZE_COUNT, 1);
        } else {
            area.set(e, org.tusk.storage.access.CumulativeStats.INSERTS_SINCE_VACUUM, 0);
            area.set(e, org.tusk.storage.access.CumulativeStats.VACUUM_TIME, nowMicros);
            area.add(e, org.tusk.storage.access.CumulativeStats.VACUUM_COUNT, 1);
        }
    }

    @Override
    public List<BackendActivity> backendActivity() {
        return engine.backendStatus().read();
    }

    @Override
    public List<org.tusk.storage.access.LockStatus> lockStatus() {
        List<org.tusk.storage.lmgr.LockInfo> locks = engine.lockManager().snapshot();
        // Relations with a strong mode held or awaited: PostgreSQL moves their weak locks out of fast path.
        Set<org.tusk.storage.lmgr.LockTag> strong = new HashSet<>();
        for (org.tusk.storage.lmgr.LockInfo l : locks) {
            if (l.mode().ordinal() > LockMode.SHARE_UPDATE_EXCLUSIVE.ordinal()) {
                strong.add(l.tag());
            }
        }
        List<org.tusk.storage.access.LockStatus> rows = new ArrayList<>(locks.size());
        for (org.tusk.storage.lmgr.LockInfo l : locks) {
            org.tusk.storage.lmgr.LockTag t = l.tag();
            boolean fastPath = l.granted() && t.type() == org.tusk.storage.lmgr.LockTagType.RELATION
                    && t.field1() != 0 && l.mode().ordinal() < LockMode.SHARE_UPDATE_EXCLUSIVE.ordinal()
                    && !strong.contains(t);
            rows.add(new org.tusk.storage.access.LockStatus(t.type().pgName(), t.field1(), t.field2(), t.field3(),
                    t.field4(), l.mode().pgName(), l.granted(), l.procNumber(), l.pid(), fastPath));
        }
        return rows;
    }

    @Override
    public List<Integer> blockingPids(int processId) {
        for (org.tusk.storage.lmgr.LockInfo l : engine.lockManager().snapshot()) {
            if (!l.granted() && l.pid() == processId) {
                return engine.lockManager().blockingPids(l.procNumber());
            }
        }
        return List.of();
    }

    @Override
    public java.util.Map<Integer, String> lockWaits() {
        java.util.Map<Integer, String> waits = new java.util.HashMap<>();
        for (org.tusk.storage.lmgr.LockInfo l : engine.lockManager().snapshot()) {
            if (!l.granted()) {
                waits.put(l.pid(), l.tag().type().pgName());
            }
        }
        return waits;
    }

    // ------------------------------------------------------------ for tables

    HeapAccess heap() {
        return session.heap();
    }

    /** The snapshot of the statement being run, taken now if the caller started none. */
    Snapshot statementSnapshot() {
        requireTransaction();
        if (snapshot == null) {
            snapshot = session.snapshot(openScans == 0);
            snapshotGeneration++;
        }
        return snapshot;
    }

    /**
     * Runs one operation of the session or of one of its tables: refused in a failed transaction; an
     * error marks the transaction failed and leaves as an {@link AccessException} where the engine
     * gave it a SQLSTATE.
     */
    <T> T call(Supplier<T> operation) {
        checkOpen();
        if (failed) {
            throw AccessErrors.inFailedTransaction();
        }
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (session.inTransaction()) {
                failed = true;
            }
            RuntimeException translated = AccessErrors.translate(e);
            if (translated instanceof org.tusk.storage.access.AccessException a && "40P01".equals(a.sqlState())) {
                stats.deadlock(); // pg_stat_database.deadlocks counts the victims
            }
            throw translated;
        }
    }

    /**
     * Whether the current subtransaction created the relation file {@code locator} (CREATE TABLE, or
     * TRUNCATE's new file): see {@link PendingRelations#createdAt}. Outside a transaction, false.
     */
    boolean createdInCurrentSubtransaction(RelFileLocator locator) {
        return session.inTransaction() && pending.createdAt(locator, session.transaction().nestingLevel());
    }

    // ------------------------------------------------------------ internals

    private void requireTransaction() {
        if (!session.inTransaction()) {
            throw AccessErrors.noTransaction();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the storage session is closed");
        }
    }

    /** A scan of the current transaction starts; returns the transaction's number for {@link #scanClosed}. */
    long scanOpened() {
        openScans++;
        return transactionNumber;
    }

    /** A scan opened in transaction {@code number} is closed or finished. */
    void scanClosed(long number) {
        if (number == transactionNumber && openScans > 0) {
            openScans--;
        }
    }

    private void endTransaction() {
        openScans = 0;
        transactionNumber++;
        createdDatabases.clear();
        droppedDatabases.clear();
        snapshot = null;
        snapshotGeneration++;
        failed = false;
        catalogChanged = false;
    }

    private void removeCreated(List<RelFileLocator> created) {
        for (RelFileLocator rel : created) {
            unlinkQuietly(rel);
        }
    }

    /** Removes a database's files once the outcome is decided; a failure is logged, as for relations. */
    private void removeDatabaseQuietly(int database) {
        try {
            session.removeDatabase(database);
        } catch (RuntimeException e) {
            LOG.warn("could not remove database directory {}: {}", database, e.getMessage());
        }
    }

    /**
     * Removes a relation's files after the transaction's outcome is decided: a failure cannot undo the
     * outcome, so it is logged (PostgreSQL warns "could not remove file") and the file left behind.
     */
    private void unlinkQuietly(RelFileLocator rel) {
        try {
            session.unlinkRelation(rel);
        } catch (RuntimeException e) {
            LOG.warn("could not remove relation {}: {}", rel, e.getMessage());
        }
    }

    @Override
    public int backendId() {
        return session.procNumber() + 1;
    }

    // ------------------------------------------------------------ signals between backends

    @Override
    public void receiveSignals(int processId, java.util.function.Consumer<BackendSignal> handler) {
        checkOpen();
        if (signals != null) {
            engine.signalWatcher().unregister(session.procNumber());
        }
        signals = engine.signalWatcher().register(session.procNumber(), processId, handler);
    }

    @Override
    public boolean signalBackend(int processId, BackendSignal signal) {
        checkOpen();
        return engine.procSignals().send(processId,
                signal == BackendSignal.TERMINATE ? ProcSignals.TERMINATE : ProcSignals.CANCEL);
    }

    @Override
    public boolean backendAlive(int processId) {
        checkOpen();
        return engine.procSignals().procOf(processId) >= 0;
    }
}
