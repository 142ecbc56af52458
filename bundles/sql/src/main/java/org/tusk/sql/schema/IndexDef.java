package org.tusk.sql.schema;

import java.util.List;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;

/**
 * One B-tree index of a table (pg_class + pg_index rows, and its pg_constraint row for a PRIMARY KEY or
 * UNIQUE constraint).
 *
 * @param columns    the table's attnums of the key columns, in key order
 * @param shape      the storage's description of the keys (types, order, uniqueness)
 */
public record IndexDef(int oid, String name, RelationId storage, List<Integer> columns, IndexShape shape,
        boolean unique, boolean primary) {

    public IndexDef {
        columns = List.copyOf(columns);
    }
}
