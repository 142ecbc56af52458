package org.tusk.sql.catalog;

import java.util.List;

import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;
import org.tusk.storage.access.Table;

/**
 * initdb inside the server: the first backend of a cluster whose catalogs do not exist yet creates
 * them, in one transaction, under an exclusive lock on pg_database so that a second backend starting
 * at the same time waits and then finds them. Shared catalogs go under {@code global/}, then each of
 * template1 (OID 1), template0 (4) and postgres (5) gets its own catalogs with the bootstrap rows
 * ({@link BootstrapData}).
 *
 * <p>Each database's catalogs are created directly rather than copied from template1 (PostgreSQL's
 * initdb copies): the rows are the same, and creating them needs nothing from storage but tables.
 * The catalogs' B-tree indexes are described in pg_class and pg_index, as in PostgreSQL, but not
 * built: lookups scan the (small) catalogs.
 */
public final class Bootstrap {
    /** The three databases of a new cluster, template1 first as in initdb. */
    static final List<Integer> DATABASES = List.of(CatalogOids.TEMPLATE1_DB_OID, CatalogOids.TEMPLATE0_DB_OID,
            CatalogOids.POSTGRES_DB_OID);

    private Bootstrap() {
    }

    /**
     * True if the cluster's catalogs exist and their bootstrap has committed. Must be called outside a
     * transaction; leaves none open.
     *
     * <p>pg_database's file appears as soon as the bootstrapping transaction creates it, long before
     * that transaction commits and its rows become visible. A session that took the file alone as
     * proof would read pg_authid without the bootstrap superuser (and refuse the first login with
     * "role does not exist"), so when the file is there this waits for pg_database's ACCESS SHARE lock,
     * which the bootstrap holds in ACCESS EXCLUSIVE mode until it ends, and looks again: a bootstrap
     * that aborted has taken its files with it.
     *
     * <p>That transaction and lock are needed only until some backend has seen the bootstrap committed:
     * it then sets the cluster-wide flag in shared memory ({@link StorageSession#catalogsBootstrapped}),
     * and every later login of this server start answers from the flag alone, as PostgreSQL's backends
     * take a cluster made by initdb for granted.
     */
    public static boolean done(StorageSession storage) {
        if (storage.catalogsBootstrapped()) {
            return true;
        }
        if (!catalogsCreated(storage)) {
            return false;
        }
        storage.begin(Isolation.READ_COMMITTED);
        boolean created;
        try {
            storage.lockRelation(0, CatalogOids.PG_DATABASE, RelationLockMode.ACCESS_SHARE, false);
            storage.startStatement();
            created = catalogsCreated(storage);
            storage.commit();
        } catch (RuntimeException e) {
            storage.abort();
            throw e;
        }
        if (created) {
            // The lock was granted, so the bootstrap that created the file has ended, and the file is
            // still there, so it committed.
            storage.noteCatalogsBootstrapped();
        }
        return created;
    }

    /** Whether pg_database's file exists, committed or not (pg_database is the first catalog created). */
    private static boolean catalogsCreated(StorageSession storage) {
        return storage.relationExists(CatalogStorage.id(CatalogDefinitions.PG_DATABASE, 0));
    }

    /**
     * Creates the catalogs unless they exist. Must be called outside a transaction; leaves none open.
     *
     * @param superuser the bootstrap superuser's name (OID 10)
     */
    public static void ensure(StorageSession storage, String superuser) {
        ensure(storage, superuser, null);
    }

    /**
     * Like {@link #ensure(StorageSession, String)}, giving the bootstrap superuser the password verifier
     * initdb wrote (null: none).
     */
    public static void ensure(StorageSession storage, String superuser, String passwordVerifier) {
        if (done(storage)) {
            return;
        }
        storage.begin(Isolation.READ_COMMITTED);
        try {
            storage.lockRelation(0, CatalogOids.PG_DATABASE, RelationLockMode.ACCESS_EXCLUSIVE, false);
            storage.startStatement();
            if (!catalogsCreated(storage)) {
                createCatalogs(storage, new BootstrapData(superuser).withSuperuserPassword(passwordVerifier));
            }
            storage.commit();
        } catch (RuntimeException e) {
            storage.abort();
            throw e;
        }
        storage.noteCatalogsBootstrapped();
    }

    /**
     * Creates every catalog of the cluster with its bootstrap rows, in the caller's transaction, which
     * must hold pg_database's ACCESS EXCLUSIVE lock (so that {@link #done} waits for it to end).
     */
    static void createCatalogs(StorageSession storage, BootstrapData data) {
        for (CatalogRelation c : CatalogDefinitions.ALL) {
            if (c.shared()) {
                create(storage, c, 0, data);
            }
        }
        for (int database : DATABASES) {
            createDatabaseCatalogs(storage, database, data);
        }
        storage.catalogChanged();
    }

    /** The per-database catalogs of {@code database} with their bootstrap rows. */
    public static void createDatabaseCatalogs(StorageSession storage, int database, BootstrapData data) {
        for (CatalogRelation c : CatalogDefinitions.ALL) {
            if (!c.shared()) {
                create(storage, c, database, data);
            }
        }
    }

    private static void create(StorageSession storage, CatalogRelation catalog, int database, BootstrapData data) {
        Table table = storage.createTable(CatalogStorage.id(catalog, database), CatalogStorage.shape(catalog));
        for (Object[] row : data.rows(catalog)) {
            table.insert(CatalogStorage.toStorage(catalog, row));
        }
        for (Object[] row : SystemViews.rows(catalog.oid(), data.superuser())) {
            table.insert(CatalogStorage.toStorage(catalog, row));
        }
        for (Object[] row : InformationSchema.rows(catalog.oid(), data.superuser())) {
            table.insert(CatalogStorage.toStorage(catalog, row));
        }
    }
}
