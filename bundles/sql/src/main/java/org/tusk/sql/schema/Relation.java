package org.tusk.sql.schema;

import java.util.List;
import java.util.Map;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.TableShape;

/**
 * A relation as one backend's relation cache holds it: what the analyzer needs to resolve names and
 * types, and what the executor needs to reach its storage and enforce its constraints. Immutable; a
 * catalog change produces a new one.
 *
 * @param kind       pg_class.relkind: 'r' table, 'v' view, 'i' index, 'S' sequence
 * @param storage    where its files are (null for a view)
 * @param columns    the live columns in attnum order (dropped columns left out)
 * @param viewQuery  a view's query as SQL text (pg_get_viewdef), null otherwise
 * @param referencedBy foreign keys of other tables that reference this one (for ON DELETE/UPDATE actions)
 * @param relpages   pg_class.relpages: the table's size in blocks when VACUUM or ANALYZE last counted it
 * @param reltuples  pg_class.reltuples: its live rows then, -1 if never counted (the planner's row estimate)
 * @param stats      what ANALYZE stored in pg_statistic, by attnum (empty before the first ANALYZE)
 */
public record Relation(int oid, int namespaceOid, String schema, String name, char kind, RelationId storage,
        List<Column> columns, List<IndexDef> indexes, List<CheckDef> checks, List<ForeignKeyDef> foreignKeys,
        List<ForeignKeyRef> referencedBy, String viewQuery, int relpages, double reltuples,
        Map<Integer, ColumnStats> stats) {

    /** A relation without column statistics. */
    public Relation(int oid, int namespaceOid, String schema, String name, char kind, RelationId storage,
            List<Column> columns, List<IndexDef> indexes, List<CheckDef> checks, List<ForeignKeyDef> foreignKeys,
            List<ForeignKeyRef> referencedBy, String viewQuery, int relpages, double reltuples) {
        this(oid, namespaceOid, schema, name, kind, storage, columns, indexes, checks, foreignKeys, referencedBy,
                viewQuery, relpages, reltuples, Map.of());
    }

    /** A relation never counted by VACUUM or ANALYZE (relpages 0, reltuples -1). */
    public Relation(int oid, int namespaceOid, String schema, String name, char kind, RelationId storage,
            List<Column> columns, List<IndexDef> indexes, List<CheckDef> checks, List<ForeignKeyDef> foreignKeys,
            List<ForeignKeyRef> referencedBy, String viewQuery) {
        this(oid, namespaceOid, schema, name, kind, storage, columns, indexes, checks, foreignKeys, referencedBy,
                viewQuery, 0, -1);
    }

    /** A foreign key of {@code table} (OID) that references this relation. */
    public record ForeignKeyRef(int table, ForeignKeyDef key) {
    }

    public Relation {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        checks = List.copyOf(checks);
        foreignKeys = List.copyOf(foreignKeys);
        referencedBy = List.copyOf(referencedBy);
        stats = Map.copyOf(stats);
    }

    /** The statistics of the column with this attnum, or null if ANALYZE has not computed any. */
    public ColumnStats columnStats(int attnum) {
        return stats.get(attnum);
    }

    /** The column called {@code name}, or null. */
    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The storage's view of the columns. */
    public TableShape shape() {
        // A plain loop: every statement that reads or writes the table asks for this.
        org.tusk.storage.access.ColumnType[] types = new org.tusk.storage.access.ColumnType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = StorageValues.columnType(columns.get(i));
        }
        return new TableShape(List.of(types));
    }

    /** The primary key's index, or null. */
    public IndexDef primaryKey() {
        for (IndexDef i : indexes) {
            if (i.primary()) {
                return i;
            }
        }
        return null;
    }
}
