package org.tusk.sql.ddl;

import static org.tusk.sql.catalog.CatalogDefinitions.PG_CONSTRAINT;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_DESCRIPTION;
import static org.tusk.sql.catalog.CatalogDefinitions.PG_SHDESCRIPTION;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.RelationLockMode;

/**
 * COMMENT ON: one pg_description row per object (objoid, classoid, objsubid), or a pg_shdescription row
 * for a database, replaced or removed, as
 * PostgreSQL's CreateComments does. An empty string removes the comment as NULL does. The object is
 * locked as PostgreSQL locks it for COMMENT (ShareUpdateExclusive on a relation), so the comment cannot
 * land on a relation another session is dropping.
 */
final class CommentCommand {

    private CommentCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.Comment c) {
        switch (c.kind()) {
            case "schema" -> {
                Integer ns = ctx.cache.namespaceOid(c.name().name());
                if (ns == null) {
                    throw new SqlException("3F000", "schema \"" + c.name().name() + "\" does not exist");
                }
                org.tusk.sql.roles.Privileges.checkSchemaOwner(ctx.session, ns);
                set(ctx, ns, CatalogOids.PG_NAMESPACE, 0, c.text());
            }
            case "extension" -> {
                // pg_dump writes one for every extension it creates (plpgsql's is left out: a system object).
                String name = c.name().name();
                CatalogRow ext = ctx.tables.first(org.tusk.sql.catalog.CatalogDefinitions.PG_EXTENSION,
                        r -> r.text("extname").equals(name));
                if (ext == null) {
                    throw new SqlException("42704", "extension \"" + name + "\" does not exist");
                }
                requireOwner(ctx, ext.oid("extowner"), "extension " + name);
                set(ctx, ext.oid("oid"), CatalogOids.PG_EXTENSION, 0, c.text());
            }
            case "database" -> {
                CatalogRow db = DatabaseCommands.find(ctx, c.name().name());
                if (db == null) {
                    // Only a WARNING, as in PostgreSQL: pg_dump's output comments on the database it was taken
                    // from, and restoring it under another name must not fail there.
                    ctx.warning("3D000", "database \"" + c.name().name() + "\" does not exist");
                    return;
                }
                setShared(ctx, db.oid("oid"), CatalogOids.PG_DATABASE, c.text());
            }
            case "column" -> {
                Relation r = relation(ctx, c);
                if (r.kind() == 'i' || r.kind() == 'S') {
                    throw DdlContext.wrongKind(r.name(), "a table, view, materialized view, composite type, or "
                            + "foreign table");
                }
                Column col = r.column(c.member());
                if (col == null) {
                    throw new SqlException("42703", "column \"" + c.member() + "\" of relation \"" + c.name()
                            + "\" does not exist");
                }
                org.tusk.sql.roles.Privileges.checkOwner(ctx.session, r.oid());
                set(ctx, r.oid(), CatalogOids.PG_CLASS, col.number(), c.text());
            }
            case "large object" -> {
                long loid = Long.parseLong(c.name().name());
                CatalogRow lo = ctx.tables.first(org.tusk.sql.catalog.CatalogDefinitions.PG_LARGEOBJECT_METADATA,
                        r -> Integer.toUnsignedLong(r.oid("oid")) == loid);
                if (lo == null) {
                    throw new SqlException("42704", "large object " + loid + " does not exist");
                }
                requireOwner(ctx, lo.oid("lomowner"), "large object " + loid);
                // A large object's comment is filed under pg_largeobject, as PostgreSQL files it.
                set(ctx, lo.oid("oid"), CatalogOids.PG_LARGEOBJECT, 0, c.text());
            }
            case "constraint" -> {
                Relation r = relation(ctx, c);
                CatalogRow con = ctx.tables.first(PG_CONSTRAINT, k -> k.oid("conrelid") == r.oid()
                        && k.text("conname").equals(c.member()));
                if (con == null) {
                    throw new SqlException("42704", "constraint \"" + c.member() + "\" for table \"" + r.name()
                            + "\" does not exist");
                }
                org.tusk.sql.roles.Privileges.checkOwner(ctx.session, r.oid());
                set(ctx, con.oid("oid"), CatalogOids.PG_CONSTRAINT, 0, c.text());
            }
            default -> {
                Relation r = relation(ctx, c);
                char want = switch (c.kind()) {
                    case "table" -> 'r';
                    case "view" -> 'v';
                    case "index" -> 'i';
                    default -> 'S';
                };
                if (r.kind() != want) {
                    throw DdlContext.wrongKind(r.name(), switch (c.kind()) {
                        case "table" -> "a table";
                        case "view" -> "a view";
                        case "index" -> "an index";
                        default -> "a sequence";
                    });
                }
                org.tusk.sql.roles.Privileges.checkOwner(ctx.session, r.oid());
                set(ctx, r.oid(), CatalogOids.PG_CLASS, 0, c.text());
            }
        }
    }

    /** 42501 "must be owner of {@code object}" unless the current user has the privileges of {@code owner}. */
    private static void requireOwner(DdlContext ctx, int owner, String object) {
        if (ctx.session.accessChecks() != null && !ctx.session.accessChecks().currentUserHasPrivsOf(owner)) {
            throw new SqlException("42501", "must be owner of " + object);
        }
    }

    private static Relation relation(DdlContext ctx, DdlCommand.Comment c) {
        Integer oid = ctx.relationOid(c.name());
        if (oid == null) {
            throw new SqlException("42P01", "relation \"" + c.name() + "\" does not exist");
        }
        ctx.lock(oid, RelationLockMode.SHARE_UPDATE_EXCLUSIVE);
        return ctx.relation(oid);
    }

    /** A comment on a shared object goes to the shared pg_shdescription, seen from every database. */
    private static void setShared(DdlContext ctx, int objoid, int classoid, String text) {
        CatalogTables shared = new CatalogTables(ctx.storage, 0);
        shared.deleteWhere(PG_SHDESCRIPTION, d -> d.oid("objoid") == objoid && d.oid("classoid") == classoid);
        if (text != null && !text.isEmpty()) {
            shared.insert(CatalogRow.create(PG_SHDESCRIPTION).set("objoid", objoid).set("classoid", classoid)
                    .set("description", text));
        }
        ctx.changed();
    }

    private static void set(DdlContext ctx, int objoid, int classoid, int subid, String text) {
        ctx.tables.deleteWhere(PG_DESCRIPTION, d -> d.oid("objoid") == objoid && d.oid("classoid") == classoid
                && d.int4("objsubid") == subid);
        if (text != null && !text.isEmpty()) {
            ctx.tables.insert(CatalogRow.create(PG_DESCRIPTION).set("objoid", objoid).set("classoid", classoid)
                    .set("objsubid", subid).set("description", text));
        }
        ctx.changed();
    }
}
