package org.tusk.sql.ddl;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.TableConstraint;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;

/**
 * DEFERRABLE and INITIALLY DEFERRED of key and foreign-key constraints in the catalogs (the pg_constraint
 * row's condeferrable/condeferred are written with the row), pg_index.indimmediate false for the unique index of a
 * DEFERRABLE PRIMARY KEY or UNIQUE constraint (which is how the relation cache learns that the index
 * must not refuse duplicates at once, and the planner that it proves nothing). ALTER CONSTRAINT changes
 * a foreign key's attributes, as PostgreSQL 15 allows for foreign keys only.
 */
final class ConstraintDeferral {

    private ConstraintDeferral() {
    }

    /** Marks the unique index of a DEFERRABLE key constraint just added as not immediate. */
    static void store(DdlContext ctx, int indexOid, TableConstraint k) {
        if (!k.deferrable()) {
            return;
        }
        ctx.changed();
        CatalogRow index = ctx.tables.first(CatalogDefinitions.PG_INDEX, r -> r.oid("indexrelid") == indexOid);
        ctx.tables.update(index.set("indimmediate", false));
    }

    /**
     * A foreign key may reference only a key checked at once (transformFkeyGetPrimaryKey and
     * transformFkeyCheckAttrs refuse a deferrable one).
     */
    static void checkReferenced(Relation referenced, IndexDef key, boolean primary) {
        if (key != null && key.deferrable()) {
            throw new SqlException("55000", "cannot use a deferrable " + (primary ? "primary key" : "unique constraint")
                    + " for referenced table \"" + referenced.name() + "\"");
        }
    }

    /** ALTER TABLE ... ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY ...] (ATExecAlterConstraint). */
    static void alter(DdlContext ctx, Relation table, DdlCommand.AlterConstraint a) {
        CatalogRow con = ctx.tables.first(CatalogDefinitions.PG_CONSTRAINT,
                r -> r.oid("conrelid") == table.oid() && r.text("conname").equals(a.name()));
        if (con == null) {
            throw new SqlException("42704", "constraint \"" + a.name() + "\" of relation \"" + table.name()
                    + "\" does not exist");
        }
        if (con.character("contype") != 'f') {
            throw new SqlException("42809", "constraint \"" + a.name() + "\" of relation \"" + table.name()
                    + "\" is not a foreign key constraint");
        }
        if (con.bool("condeferrable") != a.deferrable() || con.bool("condeferred") != a.initiallyDeferred()) {
            ctx.tables.update(con.set("condeferrable", a.deferrable()).set("condeferred", a.initiallyDeferred()));
        }
    }
}
