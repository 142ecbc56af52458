package org.tusk.sql.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A catalog table: its pg_class identity, its composite row type, its columns and its indexes.
 *
 * @param rowTypeOid   reltype, the composite type named as the catalog (pg_class: 83)
 * @param arrayTypeOid the row type's array type (_pg_class: 273)
 * @param relfilenode  pg_class.relfilenode as PostgreSQL 15 shows it: 0 for a mapped catalog (its
 *                     file number lives in pg_filenode.map because pg_class itself must be read
 *                     to find it), else the OID; either way the file starts out named by the OID
 * @param shared       relisshared: one table for the whole cluster (global/), not one per database
 * @param columns      the user columns in attnum order (the OID column is attnum 1 where present)
 */
public record CatalogRelation(int oid, String name, int rowTypeOid, int arrayTypeOid, int relfilenode,
        boolean shared, List<CatalogColumn> columns, List<CatalogIndex> indexes) {

    public CatalogRelation {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).attnum() != i + 1) {
                throw new IllegalArgumentException(name + ": columns must be numbered 1, 2, ... in order");
            }
        }
    }

    /** True if the file number is kept in pg_filenode.map instead of pg_class.relfilenode. */
    public boolean mapped() {
        return relfilenode == 0;
    }

    /** The file number the table's storage starts with (relfilenode, or the OID if mapped). */
    public int initialFilenode() {
        return mapped() ? oid : relfilenode;
    }

    public Optional<CatalogColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /**
     * The 0-based position of a column in a row (attnum - 1); -1 if there is none of that name. A loop,
     * not a stream: every catalog row read by column name comes here (the privilege checks of each
     * execution of a prepared statement among them).
     */
    public int columnIndex(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<CatalogIndex> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
