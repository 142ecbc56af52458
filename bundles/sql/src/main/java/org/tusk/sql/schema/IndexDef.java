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
 * @param unique     the index refuses duplicates as entries go in (pg_index.indisunique and indimmediate):
 *                   only such an index proves uniqueness to the planner
 * @param constraintOid the pg_constraint row of a DEFERRABLE key constraint (0 otherwise)
 * @param deferrable a unique index of a DEFERRABLE constraint (indimmediate false): {@code unique} is then
 *                   false, the storage takes duplicates, and the writer checks the keys at the end of the
 *                   statement or at commit (see {@code trigger.AfterTriggerQueue})
 */
public record IndexDef(int oid, String name, RelationId storage, List<Integer> columns, IndexShape shape,
        boolean unique, boolean primary, int constraintOid, boolean deferrable, boolean initiallyDeferred) {

    public IndexDef {
        columns = List.copyOf(columns);
    }

    /** An index that enforces its uniqueness (if any) at once, as each entry goes in. */
    public IndexDef(int oid, String name, RelationId storage, List<Integer> columns, IndexShape shape,
            boolean unique, boolean primary) {
        this(oid, name, storage, columns, shape, unique, primary, 0, false, false);
    }
}
