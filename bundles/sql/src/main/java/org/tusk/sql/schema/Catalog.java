package org.tusk.sql.schema;

import java.util.List;

/**
 * Finds relations for one backend in its database, through its relation cache (entries are dropped
 * when another backend commits a catalog change, and at the end of a transaction that changed
 * catalogs itself). What a lookup returns reflects the current transaction's own uncommitted DDL.
 */
public interface Catalog {

    /** The database this backend serves (pg_database.oid). */
    int databaseOid();

    /**
     * The relation called {@code name}: in schema {@code schema} if it is not null, else in the first
     * schema of search_path (pg_catalog first unless listed) that has one. Null if none.
     */
    Relation lookup(String schema, String name);

    /** The relation with OID {@code oid}, or null. */
    Relation relation(int oid);

    /** The schemas of the effective search path, in order (current_schemas(true)). */
    List<String> searchPath();
}
