package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/**
 * Gives a table new files (PostgreSQL's table rewrite and TRUNCATE's new relfilenode): a new heap,
 * filled from the old one through {@code change} (or left empty), and new, rebuilt indexes; the old
 * files are dropped when the transaction commits, the new ones when it aborts. The storage keeps a
 * table's column list fixed for the life of its file, so every ALTER TABLE that changes the stored
 * columns (ADD/DROP COLUMN, RENAME COLUMN, SET/DROP NOT NULL) rewrites; so do VACUUM FULL and CLUSTER
 * (in an index's order), and REINDEX uses the index half alone.
 */
final class Rewrite {

    /** Rows handed to the bulk insert at a time. */
    private static final int BATCH = 1000;

    private Rewrite() {
    }

    /**
     * @param before the table as it was stored (its file and columns)
     * @param change each old row to its new values, or null to leave the new heap empty (TRUNCATE)
     */
    static void table(DdlContext ctx, Relation before, UnaryOperator<Object[]> change) {
        table(ctx, before, change, null);
    }

    /**
     * {@link #table(DdlContext, Relation, UnaryOperator)} with the rows copied in the order of index
     * {@code order} (CLUSTER), or in the old heap's order if it is null (VACUUM FULL, ALTER TABLE).
     * Returns how many rows the new heap has.
     */
    static long table(DdlContext ctx, Relation before, UnaryOperator<Object[]> change, IndexDef order) {
        // The catalogs already describe the new columns; only the file number is still the old one.
        Relation after = ctx.relation(before.oid());
        int filenode = ctx.storage.newOid();
        RelationId id = new RelationId(ctx.database(), filenode);
        Table heap = ctx.storage.createTable(id, after.shape());
        long rows = 0;
        if (change != null) {
            Table old = ctx.storage.openTable(before.storage(), before.shape());
            try (RowScan scan = order == null ? old.scan()
                    : old.indexScan(ctx.storage.openIndex(order.storage(), order.shape()), KeyRange.ALL, false)) {
                // In batches through the bulk insert (several rows to a page, one WAL record per page), as
                // COPY FROM writes: the new heap is filled in order, nobody else sees it before commit.
                List<Object[]> batch = new ArrayList<>(BATCH);
                for (Row r = scan.next(); r != null; r = scan.next()) {
                    batch.add(change.apply(r.values()));
                    rows++;
                    if (batch.size() == BATCH) {
                        heap.insertAll(batch);
                        batch.clear();
                    }
                    ctx.session.checkForInterrupts();
                }
                heap.insertAll(batch);
            }
        }
        setFilenode(ctx, before.oid(), filenode);
        ctx.storage.dropRelation(before.storage());
        ctx.changed();
        Relation table = ctx.relation(before.oid());
        indexes(ctx, table, table.indexes());
        ctx.changed();
        return rows;
    }

    /**
     * Rebuilds {@code which} (indexes of {@code table}) into new files from the table's rows (REINDEX, and
     * the last step of a table rewrite): pg_class.relfilenode moves to the new file in the transaction, the
     * old file goes at commit, the new one if it aborts, as for DROP. Returns what the last build counted.
     */
    static IndexBuilder.Built indexes(DdlContext ctx, Relation table, List<IndexDef> which) {
        IndexBuilder.Built rows = new IndexBuilder.Built(0, 0);
        for (IndexDef i : which) {
            int indexFile = ctx.storage.newOid();
            rows = IndexBuilder.build(ctx, table, new RelationId(ctx.database(), indexFile),
                    new IndexShape(i.shape().keys(), i.unique(), table.storage()), i);
            setFilenode(ctx, i.oid(), indexFile);
            ctx.storage.dropRelation(i.storage());
        }
        return rows;
    }

    /**
     * What a rewrite counted, as cluster.c and VACUUM FULL record it: the table's new pages and its rows in
     * pg_class, and each index's pages with one entry per row.
     */
    static void recordCounts(DdlContext ctx, int oid, long rows) {
        Relation table = ctx.relation(oid);
        Table heap = ctx.storage.openTable(table.storage(), table.shape());
        CatalogRow row = ctx.cache.classRow(oid);
        ctx.tables.update(row.set("relpages", (int) heap.blocks()).set("reltuples", (float) rows));
        IndexBuilder.updateIndexStatistics(ctx, table, rows);
        ctx.changed();
    }

    private static void setFilenode(DdlContext ctx, int relation, int filenode) {
        CatalogRow row = ctx.cache.classRow(relation);
        ctx.tables.update(row.set("relfilenode", filenode));
    }

    /** The position of the column with attnum {@code number} in a relation's row, or -1. */
    static int position(Relation r, int number) {
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            if (c.number() == number) {
                return i;
            }
        }
        return -1;
    }
}
