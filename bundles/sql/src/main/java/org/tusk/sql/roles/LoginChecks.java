package org.tusk.sql.roles;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.StorageSession;

/**
 * What PostgreSQL's InitPostgres checks once the role is authenticated and the database found: the
 * CONNECT privilege on the database (a superuser or the owner always has it; PUBLIC has it unless
 * revoked). Runs in a short transaction of its own before the session's first.
 */
public final class LoginChecks {

    private LoginChecks() {
    }

    /**
     * @return whether the role is a superuser (the session's starting is_superuser); true for a name
     *         without a pg_authid row, which only sessions opened outside the server have
     * @throws SqlException FATAL 42501 "permission denied for database" without CONNECT
     */
    public static boolean checkConnect(StorageSession storage, String user, String database) {
        storage.begin(Isolation.READ_COMMITTED);
        boolean allowed;
        boolean superuser;
        try {
            storage.startStatement();
            CatalogTables shared = new CatalogTables(storage, 0);
            CatalogRow db = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.text("datname").equals(database));
            RoleGraph roles = RoleGraph.read(shared, db == null ? 0 : db.oid("datdba"));
            CatalogRow me = roles.role(user);
            allowed = connectAllowed(roles, me, db);
            superuser = me == null || me.bool("rolsuper");
            storage.commit();
        } catch (RuntimeException e) {
            storage.abort();
            throw e;
        }
        if (!allowed) {
            throw new SqlException(ErrorFields.of("FATAL", "42501", "permission denied for database \""
                    + database + "\"").detail("User does not have CONNECT privilege.").build());
        }
        return superuser;
    }

    static boolean connectAllowed(RoleGraph roles, CatalogRow me, CatalogRow db) {
        if (me == null || db == null || me.bool("rolsuper")) {
            return true; // an unknown role is authentication's business (and sessions opened by tests)
        }
        int user = me.oid("oid");
        int owner = db.oid("datdba");
        if (roles.hasPrivsOf(user, owner)) {
            return true;
        }
        List<Acl.Item> acl = db.get("datacl") == null ? Acl.defaults(Acl.ALL_DATABASE, String.valueOf(roles.name(owner)))
                : Acl.parse(db.list("datacl"));
        return (Acl.held(acl, user, roles) & Acl.CONNECT) != 0;
    }
}
