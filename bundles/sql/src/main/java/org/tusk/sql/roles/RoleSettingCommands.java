package org.tusk.sql.roles;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.RoleCommand;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.func.FunctionConfig;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;

/**
 * ALTER ROLE/USER ... SET/RESET and ALTER DATABASE ... SET/RESET (user.c's AlterRoleSet, dbcommands.c's
 * AlterDatabaseSet, pg_db_role_setting.c's AlterSetting): one row of the shared catalog pg_db_role_setting per
 * (database, role) pair, 0 standing for "every", whose setconfig holds {@code name=value} items checked as SET
 * checks them. The row is changed in the session's transaction; a list left empty removes it. New sessions
 * read the rows at login ({@link LoginChecks}); running sessions are not affected, as in PostgreSQL.
 */
public final class RoleSettingCommands {

    private RoleSettingCommands() {
    }

    static void alterRole(RoleCommand.AlterRoleSet c, EvalContext session, RoleGraph roles, int myOid,
            boolean superuser, boolean createRole) {
        StorageSession storage = session.db().storage();
        CatalogTables shared = new CatalogTables(storage, 0);
        int roleOid = 0;
        if (c.role() != null) {
            roleOid = OwnerCommands.roleOid(roles, session, c.role());
            if (roles.role(roleOid).bool("rolsuper")) {
                if (!superuser) {
                    throw denied("must be superuser to alter superusers");
                }
            } else if (!createRole && roleOid != myOid) {
                throw denied("permission denied");
            }
        }
        int databaseOid = c.database() == null ? 0 : database(shared, c.database()).oid("oid");
        if (c.role() == null && !superuser) {
            throw denied("must be superuser to alter settings globally");
        }
        change(shared, databaseOid, roleOid, c.change(), session);
    }

    static void alterDatabase(RoleCommand.AlterDatabaseSet c, EvalContext session, RoleGraph roles, int myOid) {
        CatalogTables shared = new CatalogTables(session.db().storage(), 0);
        CatalogRow db = database(shared, c.database());
        if (!roles.hasPrivsOf(myOid, db.oid("datdba"))) {
            throw denied("must be owner of database " + c.database());
        }
        change(shared, db.oid("oid"), 0, c.change(), session);
    }

    private static CatalogRow database(CatalogTables shared, String name) {
        CatalogRow db = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.text("datname").equals(name));
        if (db == null) {
            throw new SqlException("3D000", "database \"" + name + "\" does not exist");
        }
        return db;
    }

    /** Applies one SET/RESET to the (database, role) row, under a lock that makes concurrent changes take turns. */
    private static void change(CatalogTables shared, int databaseOid, int roleOid,
            org.tusk.sql.ast.DdlCommand.RoutineChange change, EvalContext session) {
        StorageSession storage = shared.storage();
        storage.lockRelation(0, CatalogOids.PG_DB_ROLE_SETTING, RelationLockMode.EXCLUSIVE, false);
        storage.startStatement();
        CatalogRow row = shared.first(CatalogDefinitions.PG_DB_ROLE_SETTING,
                r -> r.oid("setdatabase") == databaseOid && r.oid("setrole") == roleOid);
        List<String> config = FunctionConfig.apply(row == null ? null : row.list("setconfig"), List.of(change),
                session);
        if (row == null) {
            if (config != null) {
                shared.insert(CatalogRow.create(CatalogDefinitions.PG_DB_ROLE_SETTING).set("setdatabase", databaseOid)
                        .set("setrole", roleOid).set("setconfig", config));
            }
        } else if (config == null) {
            shared.delete(row);
        } else {
            shared.update(new CatalogRow(row.catalog(), row.values().clone(), row.tid()).set("setconfig", config));
        }
        storage.catalogChanged();
        storage.commandCounterIncrement();
    }

    /** DROP ROLE and DROP DATABASE take their settings with them (DropSetting); 0 matches nothing here. */
    public static void drop(CatalogTables shared, int databaseOid, int roleOid) {
        shared.deleteWhere(CatalogDefinitions.PG_DB_ROLE_SETTING,
                r -> databaseOid != 0 && r.oid("setdatabase") == databaseOid || roleOid != 0 && r.oid("setrole") == roleOid);
    }

    private static SqlException denied(String message) {
        return new SqlException("42501", message);
    }
}
