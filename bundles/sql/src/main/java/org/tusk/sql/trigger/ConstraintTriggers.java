package org.tusk.sql.trigger;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_DEPEND;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_TRIGGER;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.schema.Relation;

/**
 * The pg_constraint side of CREATE CONSTRAINT TRIGGER: as CreateTrigger does, a constraint trigger gets a
 * pg_constraint row of its own (contype 't', named as the trigger, on the trigger's table, with its
 * DEFERRABLE attributes), which is what SET CONSTRAINTS finds it by; the trigger depends on it internally
 * and dropping the trigger drops it.
 */
final class ConstraintTriggers {

    private ConstraintTriggers() {
    }

    /** The constraint made for a constraint trigger, and the FROM table's OID (0 if none). */
    record Created(int oid, int fromTable) {
    }

    static Created create(BackendDatabase db, Relation table, String name, DdlCommand.ConstraintTrigger c) {
        RelationCache rc = db.catalog();
        int from = 0;
        if (c.fromTable() != null) {
            Integer oid = rc.lookupOid(c.fromTable().schema(), c.fromTable().name());
            if (oid == null) {
                throw new SqlException("42P01", "relation \"" + c.fromTable() + "\" does not exist");
            }
            from = oid;
        }
        int oid = db.storage().newOid();
        CatalogTables tables = rc.tables();
        tables.insert(CatalogRow.create(PG_CONSTRAINT).set("oid", oid).set("conname", name)
                .set("connamespace", table.namespaceOid()).set("contype", 't').set("condeferrable", c.deferrable())
                .set("condeferred", c.initiallyDeferred()).set("convalidated", true).set("conrelid", table.oid())
                .set("conindid", 0).set("confrelid", 0).set("confupdtype", ' ').set("confdeltype", ' ')
                .set("confmatchtype", ' ').set("conislocal", true).set("connoinherit", true));
        tables.insert(CatalogRow.create(PG_DEPEND).set("classid", CatalogOids.PG_CONSTRAINT).set("objid", oid)
                .set("objsubid", 0).set("refclassid", CatalogOids.PG_CLASS).set("refobjid", table.oid())
                .set("refobjsubid", 0).set("deptype", 'a'));
        return new Created(oid, from);
    }

    /** Dropping trigger {@code trigger}: its constraint (if it is a constraint trigger) goes with it. */
    static void dropConstraint(CatalogTables tables, int trigger) {
        CatalogRow t = tables.first(PG_TRIGGER, r -> r.oid("oid") == trigger);
        if (t == null || t.oid("tgconstraint") == 0) {
            return;
        }
        int con = t.oid("tgconstraint");
        tables.deleteWhere(PG_CONSTRAINT, r -> r.oid("oid") == con && r.character("contype") == 't');
        tables.deleteWhere(PG_DEPEND, d -> d.oid("classid") == CatalogOids.PG_CONSTRAINT && d.oid("objid") == con);
    }
}
