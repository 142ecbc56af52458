package org.tusk.sql.schema;

import java.util.List;

/**
 * A FOREIGN KEY constraint of the referencing table.
 *
 * @param columns           attnums in this table
 * @param referencedTable   the referenced table's OID
 * @param referencedColumns attnums in the referenced table (its primary key or a unique index)
 * @param onDelete          pg_constraint.confdeltype: 'a' no action, 'r' restrict, 'c' cascade, 'n' set null, 'd' set default
 * @param onUpdate          confupdtype, same letters
 * @param oid               the pg_constraint row's OID (what SET CONSTRAINTS names)
 * @param deferrable        condeferrable
 * @param initiallyDeferred condeferred
 */
public record ForeignKeyDef(String name, List<Integer> columns, int referencedTable, List<Integer> referencedColumns,
        char onDelete, char onUpdate, int oid, boolean deferrable, boolean initiallyDeferred) {

    public ForeignKeyDef {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** A NOT DEFERRABLE key without its constraint's OID. */
    public ForeignKeyDef(String name, List<Integer> columns, int referencedTable, List<Integer> referencedColumns,
            char onDelete, char onUpdate) {
        this(name, columns, referencedTable, referencedColumns, onDelete, onUpdate, 0, false, false);
    }
}
