package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_DESCRIPTION;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * ALTER TABLE ... DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE] (tablecmds.c's ATExecDropConstraint),
 * which pg_dump --clean and pg_restore --clean write for every constraint they recreate. A primary key or
 * unique constraint takes its index with it; the foreign keys that use that index depend on it, so they make
 * the drop fail (2BP01) or, with CASCADE, go too with PostgreSQL's NOTICE. The table's columns keep their NOT
 * NULL, as in PostgreSQL 15.
 */
final class ConstraintDrop {

    private ConstraintDrop() {
    }

    static void run(DdlContext ctx, Relation table, DdlCommand.DropConstraint drop) {
        CatalogRow k = ctx.tables.first(PG_CONSTRAINT, r -> r.oid("conrelid") == table.oid()
                && r.text("conname").equals(drop.name()));
        if (k == null) {
            String message = "constraint \"" + drop.name() + "\" of relation \"" + table.name() + "\" does not exist";
            if (drop.ifExists()) {
                ctx.notice("00000", message + ", skipping");
                return;
            }
            throw new SqlException("42704", message);
        }
        char type = k.character("contype");
        if (type == 'p' || type == 'u') {
            dropDependentKeys(ctx, table, k, drop.cascade());
        }
        if (type == 'f') {
            // The referenced table's cached "referenced by" list changes too.
            ctx.lock(k.oid("confrelid"), RelationLockMode.SHARE_ROW_EXCLUSIVE);
        }
        remove(ctx, k);
        if (type == 'p' || type == 'u') {
            DropCommand.dropIndex(ctx, k.oid("conindid"));
        } else if (type == 'c') {
            CatalogRow row = ctx.cache.classRow(table.oid());
            ctx.tables.update(row.set("relchecks", (short) Math.max(0, row.int2("relchecks") - 1)));
        }
        ctx.changed();
    }

    /** The foreign keys (of any table) that use the key's index: 2BP01 without CASCADE, dropped with it. */
    private static void dropDependentKeys(DdlContext ctx, Relation table, CatalogRow key, boolean cascade) {
        int index = key.oid("conindid");
        List<CatalogRow> dependents = ctx.tables.rows(PG_CONSTRAINT, r -> r.character("contype") == 'f'
                && r.oid("conindid") == index);
        if (dependents.isEmpty()) {
            return;
        }
        String indexName = ctx.cache.classRow(index).text("relname");
        List<String> objects = dependents.stream().map(d -> "constraint " + d.text("conname") + " on table "
                + DropCommand.visibleName(ctx, d.oid("conrelid"))).toList();
        if (!cascade) {
            throw new SqlException(ErrorFields.of("ERROR", "2BP01", "cannot drop constraint " + key.text("conname")
                    + " on table " + DropCommand.visibleName(ctx, table.oid()) + " because other objects depend on it")
                    .detail(String.join("\n", objects.stream().map(o -> o + " depends on index " + indexName).toList()))
                    .hint("Use DROP ... CASCADE to drop the dependent objects too.").build());
        }
        if (objects.size() == 1) {
            ctx.notice("00000", "drop cascades to " + objects.getFirst());
        } else {
            ctx.sink.notice(ErrorFields.of("NOTICE", "00000", "drop cascades to " + objects.size() + " other objects")
                    .detail(String.join("\n", objects.stream().map(o -> "drop cascades to " + o).toList())).build());
        }
        for (CatalogRow d : dependents) {
            ctx.lock(d.oid("conrelid"), RelationLockMode.ACCESS_EXCLUSIVE);
            remove(ctx, d);
        }
    }

    private static void remove(DdlContext ctx, CatalogRow k) {
        int oid = k.oid("oid");
        ctx.tables.deleteWhere(PG_DESCRIPTION, d -> d.oid("objoid") == oid
                && d.oid("classoid") == CatalogOids.PG_CONSTRAINT);
        Constraints.delete(ctx, r -> r.oid("oid") == oid);
    }
}
