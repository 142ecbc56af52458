package org.tusk.sql.catalog;

import java.util.List;

/**
 * An index PostgreSQL 15 has on a catalog (all btree). The name lookups need them: the syscaches
 * (RELNAMENSP, TYPENAMENSP, ...) are unique indexes such as pg_class_relname_nsp_index.
 *
 * @param columns   the key columns in key order
 * @param opclasses the btree operator class of each key column (oid_ops, name_ops, int2_ops, ...)
 * @param primary   indisprimary: since PostgreSQL 14 each catalog's identifying unique index (its
 *                  OID index where it has an OID column) is marked as its primary key
 */
public record CatalogIndex(int oid, String name, boolean unique, boolean primary, List<String> columns,
        List<String> opclasses) {

    public CatalogIndex {
        columns = List.copyOf(columns);
        opclasses = List.copyOf(opclasses);
        if (columns.size() != opclasses.size()) {
            throw new IllegalArgumentException(name + ": one operator class per key column");
        }
    }
}
