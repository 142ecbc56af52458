package org.tusk.sql.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Whether materialized view {@code oid} holds its query's rows (pg_class.relispopulated: false after
     * WITH NO DATA until a REFRESH), so that reading it can be refused as PostgreSQL does.
     */
    default boolean populated(int oid) {
        return true;
    }

    /** A partitioned table's key (pg_partitioned_table), or null if {@code oid} is not a partitioned table. */
    default PartitionKey partitionKey(int oid) {
        return null;
    }

    /** The partitions of partitioned table {@code oid} (pg_inherits), in OID order; empty for other relations. */
    default List<Integer> partitions(int oid) {
        return List.of();
    }

    /** A partition's bound (pg_class.relpartbound), or null if {@code oid} is not a partition. */
    default PartitionBound partitionBound(int oid) {
        return null;
    }

    /** The partitioned table a partition belongs to (pg_inherits.inhparent), 0 if none. */
    default int partitionParent(int oid) {
        return 0;
    }

    /** The schemas of the effective search path, in order (current_schemas(true)). */
    List<String> searchPath();

    /**
     * What this backend derived from cached relations (a view's parsed query, ...), kept as long as the
     * relations it came from and forgotten with them, so that a catalog query calling, say,
     * pg_column_is_updatable for every column parses each view once. Keys are chosen by the users; the
     * default keeps nothing.
     */
    default Map<Object, Object> derived() {
        return new HashMap<>();
    }
}
