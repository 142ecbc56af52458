package org.tusk.storage.access;

import java.util.List;

/**
 * The key columns of a B-tree index and its uniqueness (pg_index plus the operator classes: each key's
 * type decides its default btree order).
 */
public record IndexShape(List<KeyColumn> keys, boolean unique) {

    /**
     * One key column.
     *
     * @param typeOid    the key's type OID (one of {@link ColumnType}'s)
     * @param descending DESC
     * @param nullsFirst NULLS FIRST (PostgreSQL's default: true for DESC, false for ASC)
     */
    public record KeyColumn(String name, int typeOid, boolean descending, boolean nullsFirst) {

        public static KeyColumn ascending(String name, int typeOid) {
            return new KeyColumn(name, typeOid, false, false);
        }
    }

    public IndexShape {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one key column");
        }
    }
}
