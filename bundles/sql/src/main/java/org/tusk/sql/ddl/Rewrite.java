package org.tusk.sql.ddl;

import java.util.function.UnaryOperator;

import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/**
 * Gives a table new files (PostgreSQL's table rewrite and TRUNCATE's new relfilenode): a new heap,
 * filled from the old one through {@code change} (or left empty), and new, rebuilt indexes; the old
 * files are dropped when the transaction commits, the new ones when it aborts. The storage keeps a
 * table's column list fixed for the life of its file, so every ALTER TABLE that changes the stored
 * columns (ADD/DROP COLUMN, RENAME COLUMN, SET/DROP NOT NULL) rewrites.
 */
final class Rewrite {

    private Rewrite() {
    }

    /**
     * @param before the table as it was stored (its file and columns)
     * @param change each old row to its new values, or null to leave the new heap empty (TRUNCATE)
     */
    static void table(DdlContext ctx, Relation before, UnaryOperator<Object[]> change) {
        // The catalogs already describe the new columns; only the file number is still the old one.
        Relation after = ctx.relation(before.oid());
        int filenode = ctx.storage.newOid();
        RelationId id = new RelationId(ctx.database(), filenode);
        Table heap = ctx.storage.createTable(id, after.shape());
        if (change != null) {
            Table old = ctx.storage.openTable(before.storage(), before.shape());
            try (RowScan scan = old.scan()) {
                for (Row r = scan.next(); r != null; r = scan.next()) {
                    heap.insert(change.apply(r.values()));
                    ctx.session.checkForInterrupts();
                }
            }
        }
        setFilenode(ctx, before.oid(), filenode);
        ctx.storage.dropRelation(before.storage());
        ctx.changed();
        Relation table = ctx.relation(before.oid());
        for (IndexDef i : table.indexes()) {
            int indexFile = ctx.storage.newOid();
            IndexBuilder.build(ctx, table, new RelationId(ctx.database(), indexFile),
                    new IndexShape(i.shape().keys(), i.unique(), table.storage()), i.name(), i.columns().stream()
                            .map(n -> table.columns().stream().filter(c -> c.number() == n).findFirst().orElseThrow())
                            .toList());
            setFilenode(ctx, i.oid(), indexFile);
            ctx.storage.dropRelation(i.storage());
        }
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
