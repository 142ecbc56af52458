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
 */
public record ForeignKeyDef(String name, List<Integer> columns, int referencedTable, List<Integer> referencedColumns,
        char onDelete, char onUpdate) {

    public ForeignKeyDef {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
