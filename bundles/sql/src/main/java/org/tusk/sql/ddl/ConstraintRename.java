package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.Relation;

/**
 * ALTER TABLE ... RENAME CONSTRAINT, as tablecmds.c's rename_constraint_internal: a constraint backed by an
 * index (PRIMARY KEY, UNIQUE) renames its index with it, since the two share their name.
 */
final class ConstraintRename {

    private ConstraintRename() {
    }

    static void run(DdlContext ctx, Relation table, DdlCommand.RenameConstraint c) {
        CatalogRow con = ctx.tables.first(PG_CONSTRAINT, r -> r.oid("conrelid") == table.oid()
                && r.text("conname").equals(c.name()));
        if (con == null) {
            throw new SqlException("42704", "constraint \"" + c.name() + "\" for table \"" + table.name()
                    + "\" does not exist");
        }
        char type = con.character("contype");
        int index = con.oid("conindid");
        if ((type == 'p' || type == 'u') && index != 0) {
            if (ctx.cache.classOid(table.namespaceOid(), c.newName()) != null) {
                throw new SqlException("42P07", "relation \"" + c.newName() + "\" already exists");
            }
            ctx.tables.update(ctx.cache.classRow(index).set("relname", c.newName()));
        }
        if (ctx.tables.first(PG_CONSTRAINT, r -> r.oid("conrelid") == table.oid()
                && r.text("conname").equals(c.newName())) != null) {
            throw new SqlException("42710", "constraint \"" + c.newName() + "\" for relation \"" + table.name()
                    + "\" already exists");
        }
        ctx.tables.update(con.set("conname", c.newName()));
    }
}
