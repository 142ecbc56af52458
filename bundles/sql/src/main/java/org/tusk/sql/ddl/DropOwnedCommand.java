package org.tusk.sql.ddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ObjectKind;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.RoleCommand.RoleSpec;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.roles.AccessChecks;
import org.tusk.sql.roles.OwnerChange;
import org.tusk.sql.roles.RoleGraph;

/**
 * DROP OWNED BY (PostgreSQL's shdepDropOwned): takes back every privilege granted to the roles on the
 * database's tables, views, sequences, schemas and functions and on databases, forgets their default
 * privileges, and drops what they own in this database: views, tables, sequences, functions, then schemas,
 * each through the ordinary DROP with the statement's CASCADE or RESTRICT. Without pg_shdepend the owned
 * objects are found by their owner columns.
 */
final class DropOwnedCommand {
    private DropOwnedCommand() {
    }

    static void run(DdlContext ctx, DdlCommand.DropOwned c) {
        AccessChecks checks = ctx.session.accessChecks();
        if (checks == null) {
            throw new SqlException("0A000", "DROP OWNED is not supported here");
        }
        RoleGraph roles = checks.roles();
        Set<Integer> owners = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (RoleSpec r : c.roles()) {
            String name = switch (r.kind()) {
                case NAME -> r.name();
                case CURRENT_ROLE, CURRENT_USER -> ctx.session.currentUser();
                case SESSION_USER -> ctx.session.sessionUser();
                case PUBLIC -> "public";
            };
            CatalogRow row = roles.role(name);
            if (row == null) {
                throw new SqlException("42704", "role \"" + name + "\" does not exist");
            }
            owners.add(row.oid("oid"));
            names.add(name);
        }
        CatalogRow me = roles.role(ctx.session.currentUser());
        if (me != null && !roles.superuser(me.oid("oid"))) {
            for (int o : owners) {
                if (!roles.hasPrivsOf(me.oid("oid"), o)) {
                    throw new SqlException("42501", "permission denied to drop objects");
                }
            }
        }
        revoke(ctx.tables, CatalogDefinitions.PG_CLASS, "relacl", names);
        revoke(ctx.tables, CatalogDefinitions.PG_NAMESPACE, "nspacl", names);
        revoke(ctx.tables, CatalogDefinitions.PG_PROC, "proacl", names);
        revoke(new CatalogTables(ctx.storage, 0), CatalogDefinitions.PG_DATABASE, "datacl", names);
        ctx.tables.deleteWhere(CatalogDefinitions.PG_DEFAULT_ACL, r -> owners.contains(r.oid("defaclrole")));
        ctx.cache.changed();
        for (char kind : new char[] {'v', 'r', 'S'}) {
            for (CatalogRow cls : ctx.cache.classRows()) {
                if (cls.character("relkind") != kind || !owners.contains(cls.oid("relowner"))
                        || Integer.toUnsignedLong(cls.oid("oid")) < 16384 || ctx.cache.classRow(cls.oid("oid")) == null) {
                    continue;
                }
                ObjectKind objectKind = kind == 'v' ? ObjectKind.VIEW : kind == 'r' ? ObjectKind.TABLE
                        : ObjectKind.SEQUENCE;
                QualifiedName name = new QualifiedName(ctx.cache.namespaceName(cls.oid("relnamespace")),
                        cls.text("relname"), -1);
                DropCommand.run(ctx, new DdlCommand.Drop(objectKind, List.of(name), false, c.cascade()));
            }
        }
        for (CatalogRow p : ctx.tables.rows(CatalogDefinitions.PG_PROC, r -> owners.contains(r.oid("proowner"))
                && Integer.toUnsignedLong(r.oid("oid")) >= 16384)) {
            org.tusk.sql.func.FunctionCommands.dropByOid(ctx.cache, p.oid("oid"));
        }
        List<String> schemas = new ArrayList<>();
        for (CatalogRow ns : ctx.tables.rows(CatalogDefinitions.PG_NAMESPACE, r -> owners.contains(r.oid("nspowner"))
                && Integer.toUnsignedLong(r.oid("oid")) >= 16384)) {
            schemas.add(ns.text("nspname"));
        }
        for (String s : schemas) {
            DropCommand.run(ctx, new DdlCommand.Drop(ObjectKind.SCHEMA, List.of(new QualifiedName(null, s, -1)), false,
                    c.cascade()));
        }
    }

    /** Removes the items granted to {@code grantees} from one ACL column of every row of a catalog. */
    private static void revoke(CatalogTables tables, org.tusk.sql.catalog.CatalogRelation catalog, String column,
            Set<String> grantees) {
        for (CatalogRow row : tables.rows(catalog, r -> r.get(column) != null)) {
            List<String> kept = OwnerChange.withoutGrantees(row.list(column), grantees);
            if (kept.size() != row.list(column).size()) {
                tables.update(new CatalogRow(row.catalog(), row.values().clone(), row.tid()).set(column, kept));
            }
        }
    }
}
