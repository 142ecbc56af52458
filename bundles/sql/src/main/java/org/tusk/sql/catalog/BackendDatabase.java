package org.tusk.sql.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.schema.Database;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageAccess;
import org.tusk.storage.access.StorageSession;

/**
 * The {@link Database} of one backend: its storage session and the relation cache of the database it
 * connected to. The session tells it where statements and transactions begin and end, which is when
 * the cache must look for other backends' catalog changes or forget its own.
 */
public final class BackendDatabase implements Database {
    private final StorageSession storage;
    private final RelationCache catalog;
    /** Where the backend's storage session came from, for the sequence session; null in tests that need none. */
    private StorageAccess access;
    private int processId;
    /** A second storage session for nextval's own transactions, opened when first needed. */
    private StorageSession sequenceSession;
    /** currval: the last value nextval gave this session, by sequence OID. */
    private final Map<Integer, Long> sequenceValues = new HashMap<>();
    private final org.tusk.sql.largeobject.Descriptors largeObjects = new org.tusk.sql.largeobject.Descriptors();
    /** The cumulative statistics this transaction read (stats_fetch_consistency = cache). */
    private final org.tusk.sql.eval.StatsSnapshot statsSnapshot = new org.tusk.sql.eval.StatsSnapshot();

    private BackendDatabase(StorageSession storage, RelationCache catalog) {
        this.storage = storage;
        this.catalog = catalog;
    }

    /**
     * Like {@link #connect(StorageSession, String, String, Supplier)}, remembering where the storage
     * session came from so that sequences can open a second one (see {@link #sequenceSession}).
     */
    public static BackendDatabase connect(StorageAccess access, StorageSession storage, int processId, String name,
            String user, Supplier<String> searchPath) {
        BackendDatabase db = connect(storage, name, user, searchPath);
        db.access = access;
        db.processId = processId;
        return db;
    }

    /**
     * Connects a backend's storage session to the database called {@code name}, first creating the
     * cluster's catalogs if this is its first backend (with {@code user} as bootstrap superuser).
     * Leaves no transaction open.
     *
     * @param searchPath the session's search_path setting, read at each lookup
     * @throws SqlException FATAL 3D000 if there is no such database, 55000 if it takes no connections
     */
    public static BackendDatabase connect(StorageSession storage, String name, String user,
            Supplier<String> searchPath) {
        Bootstrap.ensure(storage, user);
        CatalogRow db;
        storage.begin(Isolation.READ_COMMITTED);
        try {
            // As InitPostgres: wait for a bootstrap or CREATE DATABASE in progress, then look.
            storage.lockRelation(0, CatalogOids.PG_DATABASE, RelationLockMode.ACCESS_SHARE, false);
            storage.startStatement();
            db = new CatalogTables(storage, 0).first(CatalogDefinitions.PG_DATABASE, r -> r.text("datname").equals(name));
            storage.commit();
        } catch (RuntimeException e) {
            storage.abort();
            throw e;
        }
        if (db == null) {
            throw DatabaseErrors.doesNotExist(name);
        }
        if (!db.bool("datallowconn")) {
            throw new SqlException(ErrorFields.of("FATAL", "55000", "database \"" + name
                    + "\" is not currently accepting connections").build());
        }
        return new BackendDatabase(storage, new RelationCache(new CatalogTables(storage, db.oid("oid")), searchPath,
                user));
    }

    @Override
    public StorageSession storage() {
        return storage;
    }

    @Override
    public RelationCache catalog() {
        return catalog;
    }

    public int databaseOid() {
        return catalog.databaseOid();
    }

    /** A statement is about to run (its snapshot has just been taken). */
    public void statementStarted() {
        catalog.statementStarted();
    }

    /** The backend's transaction committed or rolled back. */
    public void transactionEnded() {
        catalog.transactionEnded();
        largeObjects.closeAll();
        statsSnapshot.clear();
    }

    /** The cumulative statistics entries read in this transaction (pg_stat_clear_snapshot() drops them). */
    public org.tusk.sql.eval.StatsSnapshot statsSnapshot() {
        return statsSnapshot;
    }

    /** The backend's open large-object descriptors, closed at every transaction end. */
    public org.tusk.sql.largeobject.Descriptors largeObjects() {
        return largeObjects;
    }

    /**
     * A storage session of this backend's own, outside its transaction, in which nextval and setval
     * change sequences so that their effect survives the backend's rollback (as PostgreSQL's
     * sequences are not transactional). Null when the database was connected without its
     * StorageAccess.
     */
    public StorageSession sequenceSession() {
        if (sequenceSession == null && access != null) {
            sequenceSession = access.openSession(processId);
        }
        return sequenceSession;
    }

    /** currval's memory: the values this session's nextval calls returned, by sequence OID. */
    public Map<Integer, Long> sequenceValues() {
        return sequenceValues;
    }

    /** The backend ends: its storage sessions are closed (an open transaction is rolled back). */
    public void close() {
        if (sequenceSession != null) {
            sequenceSession.close();
        }
        storage.close();
    }
}
