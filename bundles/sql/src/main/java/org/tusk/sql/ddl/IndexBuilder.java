package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.tusk.protocol.ArrayFormats;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.dml.IndexKeys;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.schema.StorageValues;
import org.tusk.sql.types.TypeOutput;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.UniqueViolationException;

/**
 * Creates a B-tree index on a table and fills it (PostgreSQL's index_create and index_build): the
 * catalog rows, the index's file, then one entry per row the statement's snapshot sees. A unique
 * index that finds two equal keys fails with 23505 "could not create unique index", naming the key.
 */
final class IndexBuilder {

    private IndexBuilder() {
    }

    /**
     * One key: a column of the table ({@code expression} null), or an expression's key ({@code column} a
     * column numbered 0, named and typed as the index's own column), and its order.
     */
    record Key(Column column, String expression, boolean descending, boolean nullsFirst) {

        Key(Column column, boolean descending, boolean nullsFirst) {
            this(column, null, descending, nullsFirst);
        }
    }

    /** Creates and builds an index of plain key columns over the whole table; returns its OID. */
    static int create(DdlContext ctx, Relation table, String name, List<Key> keys, boolean unique, boolean primary) {
        return create(ctx, table, name, keys, List.of(), null, unique, primary);
    }

    /**
     * Creates and builds the index; returns its OID. {@code include} are INCLUDE columns (stored after the
     * keys), {@code predicate} a partial index's condition (SQL text) or null. The caller holds the table's
     * lock and has checked the expressions.
     */
    static int create(DdlContext ctx, Relation table, String name, List<Key> keys, List<Column> include,
            String predicate, boolean unique, boolean primary) {
        int oid = ctx.storage.newOid();
        RelationId id = new RelationId(ctx.database(), oid);
        List<IndexShape.KeyColumn> shape = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<Short> options = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (Key k : keys) {
            shape.add(new IndexShape.KeyColumn(k.column().name(),
                    org.tusk.sql.schema.StorageValues.storedTypeOid(k.column().type()), k.descending(),
                    k.nullsFirst()));
            columns.add(k.column());
            options.add((short) ((k.descending() ? 1 : 0) | (k.nullsFirst() ? 2 : 0)));
            if (k.expression() != null) {
                expressions.add(k.expression());
            }
        }
        // INCLUDE columns are in the catalogs (psql, pg_dump, the planner's index-only test) but not in the
        // storage's entries: every scan, an index-only one too, reads the row from the heap (there is no
        // visibility map), so the entries need the keys only, and uniqueness is the keys' alone.
        columns.addAll(include);
        IndexShape indexShape = new IndexShape(shape, unique, table.storage());
        ctx.writer.insertClass(oid, name, table.namespaceOid(), 'i', oid, ctx.currentUserOid(), columns.size(), null);
        ctx.writer.insertIndex(oid, table.oid(), columns, options, unique, primary, keys.size(),
                expressions.isEmpty() ? null : ArrayFormats.format(ArrayFormats.TextArray.of(expressions)),
                predicate);
        var tableRow = ctx.cache.classRow(table.oid());
        if (!tableRow.bool("relhasindex")) {
            ctx.tables.update(tableRow.set("relhasindex", true));
        }
        IndexDef def = new IndexDef(oid, name, id, columns.stream().map(Column::number).toList(), indexShape,
                unique, primary, 0, false, false, expressions, predicate, keys.size());
        Built built = build(ctx, table, id, indexShape, def);
        updateStatistics(ctx, table, oid, id, indexShape, built);
        return oid;
    }

    /** What a build counted: the table's rows, and the entries (fewer in a partial index). */
    record Built(long rows, long entries) {
    }

    /**
     * Creates the index file filled with the entry of every row the statement sees (the storage sorts
     * and packs them: PostgreSQL's index_build); {@code index} says what an entry is (its columns,
     * expressions and predicate: see {@link IndexKeys}). Two live rows with one key in a unique index
     * are 23505 "could not create unique index", naming the key.
     */
    static Built build(DdlContext ctx, Relation table, RelationId id, IndexShape shape, IndexDef index) {
        long[] count = {0};
        long[] entryCount = {0};
        IndexKeys entries = IndexKeys.of(table, index, ctx.session);
        Table heap = ctx.storage.openTable(table.storage(), table.shape());
        // Only what the entries read is decoded: the rest of a row (pgbench_accounts' filler) is not needed.
        // The build's heap scan is a sequential scan in the table's statistics, as PostgreSQL's.
        org.tusk.storage.access.RelationCounts stats = ctx.storage.relationCounts(table.storage().database(),
                table.oid());
        stats.scanStarted();
        try (RowScan scan = heap.scan(entries.columnsRead(), null)) {
            Iterator<Row> rows = new Iterator<>() {
                private Row next = advance();

                private Row advance() {
                    for (Row r = scan.next(); r != null; r = scan.next()) {
                        count[0]++;
                        stats.tupleReturned();
                        ctx.session.checkForInterrupts();
                        Object[] key = entries.key(r.values(), ctx.session);
                        if (key != null) {
                            entryCount[0]++;
                            return new Row(r.tid(), key);
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Row next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    Row entry = next;
                    next = advance();
                    return entry;
                }
            };
            ctx.storage.buildIndex(id, shape, rows, maintenanceWorkMem(ctx.session.setting("maintenance_work_mem")));
            return new Built(count[0], entryCount[0]);
        } catch (UniqueViolationException e) {
            throw new SqlException(ErrorFields.of("ERROR", "23505", "could not create unique index \""
                    + index.name() + "\"").detail("Key " + describeKey(ctx,
                            entries.described(), e.key()) + " is duplicated.").build());
        }
    }

    /**
     * maintenance_work_mem in bytes, from its SHOW form ("64MB", "1GB", "2000kB"): how much of the
     * entries the build sorts in memory before it writes sorted runs to temporary files.
     */
    static long maintenanceWorkMem(String setting) {
        long kilobytes = 64 * 1024;
        if (setting != null) {
            String v = setting.trim();
            long factor = v.endsWith("GB") ? 1024 * 1024 : v.endsWith("MB") ? 1024 : 1;
            try {
                kilobytes = Long.parseLong(v.replaceAll("[kMG]B$", "").trim()) * factor;
            } catch (NumberFormatException e) {
                // the setting's parser only lets sizes through; keep the default
            }
        }
        return kilobytes * 1024;
    }

    /** {@code (a, b)=(1, x)} as PostgreSQL's BuildIndexValueDescription writes a key. */
    static String describeKey(DdlContext ctx, List<Column> keys, Object[] key) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Column c = keys.get(k);
            names.add(c.name());
            Object v = StorageValues.fromStorage(c.type(), key[k]);
            values.add(v == null ? "null" : TypeOutput.format(c.type(), v, ctx.session));
        }
        return "(" + String.join(", ", names) + ")=(" + String.join(", ", values) + ")";
    }

    /**
     * index_update_stats: after a build, pg_class.relpages and reltuples of the table and of the index
     * say what the build counted, as VACUUM would, so the planner scales its estimates from real
     * numbers. An empty table never counted (reltuples -1, as CREATE TABLE with a PRIMARY KEY makes
     * it) stays uncounted, so it does not look vacuumed before it has rows. REINDEX does the same.
     */
    static void updateStatistics(DdlContext ctx, Relation table, int indexOid, RelationId id,
            IndexShape shape, Built built) {
        long rows = built.rows();
        ctx.changed(); // the rows written so far (relhasindex, the index's own) read back with their new TIDs
        var tableRow = ctx.cache.classRow(table.oid());
        if (rows == 0 && ((Number) tableRow.get("reltuples")).doubleValue() < 0) {
            return;
        }
        Table heap = ctx.storage.openTable(table.storage(), table.shape());
        ctx.tables.update(tableRow.set("relpages", (int) heap.blocks()).set("reltuples", (float) rows));
        var indexRow = ctx.cache.classRow(indexOid);
        if (indexRow != null) {
            long blocks = ctx.storage.openIndex(id, shape).blocks();
            ctx.tables.update(indexRow.set("relpages", (int) blocks).set("reltuples", (float) built.entries()));
        }
    }

    /**
     * What VACUUM and ANALYZE record for a table's indexes (vac_update_relstats for each index):
     * relpages is the index's size now, reltuples the table's rows (one entry per row). A partial index
     * keeps the entries its last build counted: that VACUUM does not count them is a difference.
     */
    static void updateIndexStatistics(DdlContext ctx, Relation table, long rows) {
        for (var index : table.indexes()) {
            var row = ctx.cache.classRow(index.oid());
            if (row != null && index.predicate() == null) {
                long blocks = ctx.storage.openIndex(index.storage(), index.shape()).blocks();
                ctx.tables.update(row.set("relpages", (int) blocks).set("reltuples", (float) rows));
            }
        }
    }
}
