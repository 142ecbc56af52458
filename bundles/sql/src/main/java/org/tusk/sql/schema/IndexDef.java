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
 * @param expressions the SQL text of the expression keys (pg_index.indexprs), one for each 0 in
 *                   {@code columns}, in order: the key is computed from the row, not read from it
 * @param predicate  a partial index's condition as SQL text (pg_index.indpred), or null: only rows it is
 *                   true for have entries, and uniqueness holds among them only
 * @param keyCount   how many of the leading columns are keys (indnkeyatts); the rest are INCLUDE columns
 */
public record IndexDef(int oid, String name, RelationId storage, List<Integer> columns, IndexShape shape,
        boolean unique, boolean primary, int constraintOid, boolean deferrable, boolean initiallyDeferred,
        List<String> expressions, String predicate, int keyCount) {

    public IndexDef {
        columns = List.copyOf(columns);
        expressions = List.copyOf(expressions);
    }

    /** An index on plain columns only, over the whole table. */
    public IndexDef(int oid, String name, RelationId storage, List<Integer> columns, IndexShape shape,
            boolean unique, boolean primary, int constraintOid, boolean deferrable, boolean initiallyDeferred) {
        this(oid, name, storage, columns, shape, unique, primary, constraintOid, deferrable, initiallyDeferred,
                List.of(), null, columns.size());
    }

    /** An index that enforces its uniqueness (if any) at once, as each entry goes in. */
    public IndexDef(int oid, String name, RelationId storage, List<Integer> columns, IndexShape shape,
            boolean unique, boolean primary) {
        this(oid, name, storage, columns, shape, unique, primary, 0, false, false);
    }

    /**
     * Whether every entry is the row's own key columns, for every row, with nothing beside them: what
     * the planner's index paths, foreign keys and ON CONFLICT's column matching assume of an index.
     */
    public boolean plain() {
        return expressions.isEmpty() && predicate == null && keyCount == columns.size();
    }
}
