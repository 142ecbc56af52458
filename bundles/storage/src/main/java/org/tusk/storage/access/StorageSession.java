package org.tusk.storage.access;

import java.time.Duration;

/**
 * One backend's storage: its transaction, locks and open relations. Used by one thread at a time.
 *
 * <p>Transactions: {@link #begin} (a transaction block or the implicit one around a statement),
 * {@link #startStatement} before each statement (a new snapshot in READ COMMITTED, the same one in
 * REPEATABLE READ), {@link #commandCounterIncrement} when a later command of the same statement or
 * transaction must see what an earlier one wrote, then {@link #commit} or {@link #abort}. Savepoints
 * are subtransactions, as in PostgreSQL. An {@link AccessException} leaves the transaction needing
 * {@link #abort} (or a rollback to a savepoint).
 *
 * <p>Relations are created and dropped transactionally: a relation created by a transaction that
 * aborts is removed, a dropped one is removed only when the dropping transaction commits.
 */
public interface StorageSession extends AutoCloseable {

    // ------------------------------------------------------------ transactions

    void begin(Isolation isolation);

    boolean inTransaction();

    /** Takes the snapshot the next statement reads with. */
    void startStatement();

    void commandCounterIncrement();

    /**
     * Keeps the current statement's snapshot for a cursor or a suspended portal, which runs its query
     * a few rows at a time across later statements and must always read with the snapshot of its own
     * start (PostgreSQL registers a portal's snapshot). While a held snapshot is not released, later
     * statements do not advance the backend's xmin past it. The handle is opaque; null from a storage
     * without snapshots. Released by {@link #releaseSnapshot} or the end of the transaction.
     */
    default Object holdSnapshot() {
        return null;
    }

    /**
     * Makes {@code snapshot} (from {@link #holdSnapshot}, or what an earlier call returned) the one
     * statements read with, and returns the one it replaces, so that the caller can put it back: a
     * FETCH reads with its cursor's snapshot, then the session's own is restored.
     */
    default Object swapSnapshot(Object snapshot) {
        return null;
    }

    /** A snapshot from {@link #holdSnapshot} is no longer needed. */
    default void releaseSnapshot(Object held) {
    }

    /**
     * The statement snapshot as it is now, for {@link #restoreSnapshot}. A function or trigger that runs
     * SQL inside a statement moves the command counter, so that each of its statements sees what the ones
     * before did; the statement around it must go on reading as of its own start (PostgreSQL's executor
     * keeps its es_snapshot while SPI pushes and pops active snapshots). Null where there is nothing to keep.
     */
    default SnapshotMark markSnapshot() {
        return null;
    }

    /**
     * Reads with the snapshot {@code mark} recorded again (its command id), if it is still this
     * statement's (not after the transaction ended or a new snapshot was taken); the command counter
     * itself does not go back, so later writes never reuse an id.
     */
    default void restoreSnapshot(SnapshotMark mark) {
    }

    /** What {@link #markSnapshot} returns: opaque to callers. */
    interface SnapshotMark {
    }

    /**
     * The current transaction's id, assigning one if it has none yet (txid_current()); 64-bit, never
     * wraps.
     */
    long transactionId();

    void commit();

    /** Rolls the transaction back; nothing to do outside one. Safe to call after any error. */
    void abort();

    void savepoint(String name);

    void releaseSavepoint(String name);

    /** Undoes everything since the savepoint and starts it again (ROLLBACK TO keeps the savepoint). */
    void rollbackToSavepoint(String name);

    void setSynchronousCommit(boolean on);

    void setDeadlockTimeout(Duration timeout);

    /** lock_timeout: a single lock wait (a relation's, a row's) gives up after this long with 55P03; zero never. */
    void setLockTimeout(Duration timeout);

    // ------------------------------------------------------------ locks

    /**
     * Locks the relation with OID {@code relationOid} of {@code database} until the transaction ends.
     * Waits for conflicting holders (40P01 on a deadlock), or with {@code noWait} fails at once with
     * 55P03.
     */
    void lockRelation(int database, int relationOid, RelationLockMode mode, boolean noWait);

    // ------------------------------------------------------------ relations

    /** A new OID from the cluster-wide counter (never below 16384, never reused after a restart). */
    int newOid();

    /** Creates an empty table's file; removed again if the transaction aborts. */
    Table createTable(RelationId id, TableShape shape);

    /** Opens an existing table (the shape must be the one it was created with). */
    Table openTable(RelationId id, TableShape shape);

    /** Creates an empty B-tree index (its metapage); removed again if the transaction aborts. */
    Index createIndex(RelationId id, IndexShape shape);

    /**
     * Creates a B-tree index filled from {@code entries} at once, sorted and packed bottom-up (CREATE
     * INDEX and ADD PRIMARY KEY on a table with rows): each entry's values are a key in index column
     * order and its TID the heap row. A unique index with two live rows of one key raises
     * {@link UniqueViolationException}. Removed again if the transaction aborts.
     */
    default Index buildIndex(RelationId id, IndexShape shape, java.util.Iterator<Row> entries) {
        Index index = createIndex(id, shape);
        while (entries.hasNext()) {
            Row entry = entries.next();
            index.insert(entry.values(), entry.tid());
        }
        return index;
    }

    /**
     * {@link #buildIndex(RelationId, IndexShape, java.util.Iterator)} sorting at most about
     * {@code sortMemory} bytes of entries in memory at a time (maintenance_work_mem); the rest goes
     * to sorted runs in temporary files that are merged as the index is written.
     */
    default Index buildIndex(RelationId id, IndexShape shape, java.util.Iterator<Row> entries, long sortMemory) {
        return buildIndex(id, shape, entries);
    }

    Index openIndex(RelationId id, IndexShape shape);

    /** Whether the relation's file exists (how the first backend finds catalogs not yet bootstrapped). */
    boolean relationExists(RelationId id);

    /** Removes a table's or index's files when the transaction commits. */
    void dropRelation(RelationId id);

    /**
     * CREATE DATABASE's file copy: {@code base/<template>} to {@code base/<database>}, made durable and
     * WAL-logged before it returns (the new database's catalogs are then found by the caller).
     */
    void copyDatabase(int template, int database);

    /** Removes {@code base/<database>} when the transaction commits. */
    void dropDatabase(int database);

    /**
     * The bytes a database's files take on disk ({@code base/<database>}, pg_database_size), or -1 when
     * the storage cannot tell.
     */
    default long databaseSize(int database) {
        return -1;
    }

    /**
     * The bytes of one fork of a relation ("main", "fsm", "vm" or "init"; pg_relation_size): whole blocks
     * as the storage manager counts them, 0 for a fork that does not exist, -1 when the storage cannot
     * tell.
     */
    default long relationForkSize(RelationId id, String fork) {
        return -1;
    }

    /**
     * The TOAST relation of a table (where its values too wide for a page are stored, see the engine
     * README, "TOAST"), or null if it has none: for the sizes that count it (pg_table_size).
     */
    default RelationId toastRelation(RelationId table) {
        return null;
    }

    /**
     * The CHECKPOINT statement (RequestCheckpoint with CHECKPOINT_WAIT): every dirty buffer written and
     * synced and a checkpoint record logged before this returns, where the storage can wait for it.
     */
    default void checkpoint() {
        throw new UnsupportedOperationException("CHECKPOINT");
    }

    // ------------------------------------------------------------ invalidation

    /**
     * A number that grows whenever a committed transaction changed catalogs (see {@link #catalogChanged}).
     * A backend caching catalog entries drops them when it sees a new value at the start of a
     * statement.
     */
    long catalogVersion();

    /** Marks the current transaction as having changed catalogs: its commit advances {@link #catalogVersion}. */
    void catalogChanged();

    /**
     * Whether a backend of this server start (in any process) has already seen the cluster's catalog
     * bootstrap committed ({@link #noteCatalogsBootstrapped}): a cluster-wide flag in shared memory, so
     * that a login need not open a transaction and lock pg_database to find out. False from a storage
     * that keeps no such flag: the caller then checks the catalogs themselves.
     */
    default boolean catalogsBootstrapped() {
        return false;
    }

    /**
     * Sets the flag {@link #catalogsBootstrapped} reads, for every backend of the cluster. Call only once
     * the bootstrap's transaction is known to have committed.
     */
    default void noteCatalogsBootstrapped() {
    }

    /**
     * This backend's number among the backends running now, from 1 (PostgreSQL's BackendId): a slot
     * number, given to another backend once this one ends, so that what is named after it (the temporary
     * schema pg_temp_N) is reused rather than piling up. 0 where the storage numbers no backends.
     */
    default int backendId() {
        return 0;
    }

    /** Ends the backend's storage: an open transaction is aborted, its slot freed. */
    @Override
    void close();

    // ------------------------------------------------------------ activity (pg_stat_activity)

    /**
     * Enters this backend in the cluster's shared status area (pgstat_bestart): its process ID,
     * database, session user, application_name and start time (µs since 1970). Nothing happens
     * where there is no such area.
     */
    default void reportBackendStart(int processId, int databaseOid, String user, String applicationName,
            long backendStartMicros) {
    }

    /**
     * Publishes what this backend does now (pgstat_report_activity): its state, the statement's text
     * (null keeps the text already shown; the same String object again costs no copy), and the
     * transaction's start (0 outside one), the statement's start and the state's change, in µs since
     * 1970. Cheap enough for every statement: no lock, no system call.
     */
    default void reportActivity(BackendActivity.State state, String query, long transactionStartMicros,
            long queryStartMicros, long stateChangeMicros) {
    }

    /** A consistent copy of every backend's entry in the status area (empty where there is none). */
    default java.util.List<BackendActivity> backendActivity() {
        return java.util.List.of();
    }

    /**
     * The backends asleep in a heavyweight lock wait now, by process ID, each with the kind of lock
     * it awaits as PostgreSQL names it ("relation", "tuple", "transactionid", ...): pg_stat_activity's
     * wait_event for wait_event_type "Lock". Empty where there is no shared lock table.
     */
    default java.util.Map<Integer, String> lockWaits() {
        return java.util.Map.of();
    }

    // ------------------------------------------------------------ cumulative statistics

    /**
     * This backend's pending counts for relation {@code object} of {@code database} (pgstat's
     * PgStat_TableStatus): the executor counts scans and tuples in it, and the session adds them to the
     * cluster's shared statistics when the transaction ends. The same object for the session's whole
     * life, so a plan node may keep it. Where there is no shared area, counts go nowhere.
     */
    default RelationCounts relationCounts(int database, int object) {
        return new RelationCounts(database, object, null);
    }

    /**
     * Copies the shared counters of (database, object) into {@code into} (indexes of
     * {@link CumulativeStats}; object {@link CumulativeStats#DATABASE_ENTRY} for the database's own);
     * false, with zeros, if nothing was ever counted for it.
     */
    default boolean readStats(int database, int object, long[] into) {
        java.util.Arrays.fill(into, 0L);
        return false;
    }

    /**
     * pg_stat_reset() ({@code object} -1: every counter of {@code database}, its own included) or
     * pg_stat_reset_single_table_counters ({@code object}'s); either way the database's stats_reset
     * becomes {@code nowMicros}.
     */
    default void resetStats(int database, int object, long nowMicros) {
    }

    /**
     * VACUUM ({@code analyze} false) or ANALYZE of relation {@code object} finished at {@code nowMicros}
     * (pgstat_report_vacuum, pgstat_report_analyze): the table's live and dead tuple counts become what it
     * found (a negative {@code deadTuples} keeps the dead count), the matching counter grows and the time is
     * kept; VACUUM zeroes inserts since vacuum, ANALYZE the changes since analyze.
     */
    default void reportMaintenance(int database, int object, boolean analyze, long liveTuples, long deadTuples,
            long nowMicros) {
    }

    /** Every lock mode held or awaited in the cluster now, taken consistently (what pg_locks shows). */
    default java.util.List<LockStatus> lockStatus() {
        return java.util.List.of();
    }

    /**
     * The process IDs of the backends that block the lock wait of the backend with {@code processId}
     * (pg_blocking_pids): holders of a conflicting mode, then conflicting waiters ahead of it. Empty if it
     * is not waiting.
     */
    default java.util.List<Integer> blockingPids(int processId) {
        return java.util.List.of();
    }

    // ------------------------------------------------------------ signals between backends

    /**
     * From now on this backend receives the signals other backends send to {@code processId}
     * ({@link #signalBackend}): {@code handler} runs on another thread, and must only raise the
     * backend's interrupt flags. A lock wait of this backend is interrupted as well. Nothing happens
     * where there is no shared memory to receive them through.
     */
    default void receiveSignals(int processId, java.util.function.Consumer<BackendSignal> handler) {
    }

    /**
     * Sends {@code signal} to the backend with {@code processId} through shared memory (PostgreSQL's
     * kill(pid, SIGINT or SIGTERM)); false if no backend receives signals for that process ID. The
     * caller checks permissions first.
     */
    default boolean signalBackend(int processId, BackendSignal signal) {
        return false;
    }

    /** Whether a backend with {@code processId} still receives signals (it has not ended). */
    default boolean backendAlive(int processId) {
        return false;
    }
}
