package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_DATABASE;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.Bootstrap;
import org.tusk.sql.catalog.BootstrapData;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.RelationLockMode;

/**
 * CREATE DATABASE (a file copy of the template's directory, then its pg_database row) and DROP
 * DATABASE. Neither may run inside a transaction block, which the session checks before calling.
 */
final class DatabaseCommands {

    private DatabaseCommands() {
    }

    private static CatalogTables shared(DdlContext ctx) {
        return new CatalogTables(ctx.storage, 0);
    }

    static CatalogRow find(DdlContext ctx, String name) {
        return shared(ctx).first(PG_DATABASE, r -> r.text("datname").equals(name));
    }

    static void create(DdlContext ctx, DdlCommand.CreateDatabase c) {
        ctx.storage.lockRelation(0, CatalogOids.PG_DATABASE, RelationLockMode.EXCLUSIVE, false);
        ctx.storage.startStatement();
        if (find(ctx, c.name()) != null) {
            throw new SqlException("42P04", "database \"" + c.name() + "\" already exists");
        }
        String templateName = c.template() == null ? "template1" : c.template();
        CatalogRow template = find(ctx, templateName);
        if (template == null) {
            throw new SqlException("3D000", "template database \"" + templateName + "\" does not exist");
        }
        int oid = ctx.storage.newOid();
        try {
            ctx.storage.copyDatabase(template.oid("oid"), oid);
        } catch (UnsupportedOperationException e) {
            // A storage without the file copy: the new database gets freshly bootstrapped catalogs
            // (what template1 holds until someone changes it).
            Bootstrap.createDatabaseCatalogs(ctx.storage, oid, new BootstrapData(superuser(ctx)));
        }
        CatalogRow row = new CatalogRow(PG_DATABASE, template.values().clone(), null).set("oid", oid)
                .set("datname", c.name()).set("datistemplate", false).set("datallowconn", true)
                .set("datdba", ctx.currentUserOid()).set("datacl", null);
        shared(ctx).insert(row);
        ctx.changed();
    }

    static void drop(DdlContext ctx, String name, boolean ifExists) {
        ctx.storage.lockRelation(0, CatalogOids.PG_DATABASE, RelationLockMode.EXCLUSIVE, false);
        ctx.storage.startStatement();
        CatalogRow db = find(ctx, name);
        if (db == null) {
            if (ifExists) {
                ctx.notice("00000", "database \"" + name + "\" does not exist, skipping");
                return;
            }
            throw new SqlException("3D000", "database \"" + name + "\" does not exist");
        }
        if (db.oid("oid") == ctx.database()) {
            throw new SqlException("55006", "cannot drop the currently open database");
        }
        if (db.bool("datistemplate")) {
            throw new SqlException("55000", "cannot drop a template database");
        }
        shared(ctx).delete(db);
        int oid = db.oid("oid");
        shared(ctx).deleteWhere(CatalogDefinitions.PG_SHDESCRIPTION, d -> d.oid("objoid") == oid
                && d.oid("classoid") == CatalogOids.PG_DATABASE);
        org.tusk.sql.roles.RoleSettingCommands.drop(shared(ctx), oid, 0);
        try {
            ctx.storage.dropDatabase(oid);
        } catch (UnsupportedOperationException e) {
            // A storage that cannot remove a directory: each relation file of the database goes instead.
            CatalogTables tables = new CatalogTables(ctx.storage, oid);
            for (CatalogRow r : tables.rows(CatalogDefinitions.PG_CLASS, r -> !r.bool("relisshared"))) {
                int file = r.oid("relfilenode") != 0 ? r.oid("relfilenode") : r.oid("oid");
                RelationId id = new RelationId(oid, file);
                if (r.character("relkind") != 'v' && ctx.storage.relationExists(id)) {
                    ctx.storage.dropRelation(id);
                }
            }
        }
        ctx.changed();
    }

    /** The bootstrap superuser's name (pg_authid OID 10). */
    private static String superuser(DdlContext ctx) {
        CatalogRow r = shared(ctx).first(org.tusk.sql.catalog.CatalogDefinitions.PG_AUTHID,
                a -> a.oid("oid") == CatalogOids.BOOTSTRAP_SUPERUSER_ID);
        return r == null ? "postgres" : r.text("rolname");
    }
}
