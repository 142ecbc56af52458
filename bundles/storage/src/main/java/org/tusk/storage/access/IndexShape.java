package org.tusk.storage.access;

import java.util.List;

/**
 * The key columns of a B-tree index and its uniqueness (pg_index plus the operator classes: each key's
 * type decides its default btree order).
 *
 * @param table the indexed table (pg_index.indrelid, by its file): a unique index reads the heap rows
 *              its equal keys point at to decide whether they are live duplicates, so a unique index
 *              needs it; null is fine for an index that is not unique
 */
public record IndexShape(List<KeyColumn> keys, boolean unique, RelationId table) {

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

    /** A shape without its table (enough for an index that is not unique). */
    public IndexShape(List<KeyColumn> keys, boolean unique) {
        this(keys, unique, null);
    }

    public IndexShape {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an index needs at least one key column");
        }
    }
}
