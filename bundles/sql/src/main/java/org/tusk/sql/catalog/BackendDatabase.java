package org.tusk.sql.catalog;

import java.util.List;

import org.tusk.sql.schema.Catalog;
import org.tusk.sql.schema.Database;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.StorageSession;

/**
 * The {@link Database} of one backend: its storage session and the catalog of the database it
 * connected to. The session tells it where transactions and statements begin and end, which is when
 * the relation cache must look for other backends' catalog changes or forget its own.
 */
public final class BackendDatabase implements Database {
    private final StorageSession storage;
    private final int databaseOid;
    private final Catalog catalog;

    BackendDatabase(StorageSession storage, int databaseOid, Catalog catalog) {
        this.storage = storage;
        this.databaseOid = databaseOid;
        this.catalog = catalog;
    }

    /**
     * Connects a backend's storage session to the database called {@code name}.
     *
     * @throws org.tusk.spi.SqlException FATAL 3D000 if there is no such database
     */
    public static BackendDatabase connect(StorageSession storage, String name) {
        int oid = switch (name) {
            case "template1" -> CatalogOids.TEMPLATE1_DB_OID;
            case "template0" -> CatalogOids.TEMPLATE0_DB_OID;
            case "postgres" -> CatalogOids.POSTGRES_DB_OID;
            default -> throw DatabaseErrors.doesNotExist(name);
        };
        return new BackendDatabase(storage, oid, new NoRelations(oid));
    }

    @Override
    public StorageSession storage() {
        return storage;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    public int databaseOid() {
        return databaseOid;
    }

    /** A statement is about to run (its snapshot has just been taken). */
    public void statementStarted() {
        // The relation cache checks catalogVersion() here.
    }

    /** The backend's transaction committed or rolled back. */
    public void transactionEnded() {
        // The relation cache forgets what the transaction's own DDL changed here.
    }

    /** Until the catalogs are stored as tables, a database has no relations. */
    private record NoRelations(int databaseOid) implements Catalog {
        @Override
        public Relation lookup(String schema, String name) {
            return null;
        }

        @Override
        public Relation relation(int oid) {
            return null;
        }

        @Override
        public List<String> searchPath() {
            return List.of("pg_catalog", "public");
        }
    }
}
