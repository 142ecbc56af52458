package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.StorageSession;

/**
 * What PostgreSQL's InitPostgres checks once the role is authenticated and the database found: the
 * role's CONNECTION LIMIT (InitializeSessionUserId: the other backends of the role, as the shared status
 * area lists them, must be fewer; superusers are not limited), then the CONNECT privilege on the
 * database (a superuser or the owner always has it; PUBLIC has it unless revoked). Runs in a short
 * transaction of its own before the session's first.
 */
public final class LoginChecks {

    private LoginChecks() {
    }

    /**
     * What the login found: whether the role is a superuser (the session's starting is_superuser; true for a
     * name without a pg_authid row, which only sessions opened outside the server have), and the
     * pg_db_role_setting items that apply, as (source, setconfig) pairs from the least to the most specific
     * (process_settings: "global", "database", "user", "database user"), so that a later one wins.
     */
    public record Login(boolean superuser, List<Map.Entry<String, List<?>>> settings) {
    }

    /**
     * @return whether the role is a superuser and the settings that apply, see {@link Login}
     * @throws SqlException FATAL 53300 "too many connections for role" at the role's connection limit,
     *         FATAL 42501 "permission denied for database" without CONNECT
     */
    public static Login checkConnect(StorageSession storage, String user, String database) {
        storage.begin(Isolation.READ_COMMITTED);
        boolean allowed;
        boolean superuser;
        int limit;
        List<Map.Entry<String, List<?>>> settings;
        try {
            storage.startStatement();
            CatalogTables shared = new CatalogTables(storage, 0);
            CatalogRow db = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.text("datname").equals(database));
            RoleGraph roles = RoleGraph.read(shared, db == null ? 0 : db.oid("datdba"));
            CatalogRow me = roles.role(user);
            allowed = connectAllowed(roles, me, db);
            superuser = me == null || me.bool("rolsuper");
            limit = superuser ? -1 : me.int4("rolconnlimit");
            settings = settings(shared, db == null ? -1 : db.oid("oid"), me == null ? -1 : me.oid("oid"));
            storage.commit();
        } catch (RuntimeException e) {
            storage.abort();
            throw e;
        }
        if (limit >= 0 && otherBackends(storage, user) >= limit) {
            throw new SqlException(ErrorFields.of("FATAL", "53300", "too many connections for role \"" + user
                    + "\"").build());
        }
        if (!allowed) {
            throw new SqlException(ErrorFields.of("FATAL", "42501", "permission denied for database \""
                    + database + "\"").detail("User does not have CONNECT privilege.").build());
        }
        return new Login(superuser, settings);
    }

    /** The pg_db_role_setting rows for this database and role, least specific first (an unknown one is -1). */
    private static List<Map.Entry<String, List<?>>> settings(CatalogTables shared, int database, int role) {
        List<CatalogRow> rows = shared.rows(CatalogDefinitions.PG_DB_ROLE_SETTING, r -> r.get("setconfig") != null);
        List<Map.Entry<String, List<?>>> found = new ArrayList<>();
        int[][] pairs = {{0, 0}, {database, 0}, {0, role}, {database, role}};
        String[] sources = {"global", "database", "user", "database user"};
        for (int i = 0; i < pairs.length; i++) {
            int[] pair = pairs[i];
            for (CatalogRow r : rows) {
                if (r.oid("setdatabase") == pair[0] && r.oid("setrole") == pair[1]) {
                    found.add(Map.entry(sources[i], r.list("setconfig")));
                }
            }
        }
        return found;
    }

    /** CountUserBackends, less this backend (not in the status area until the session starts). */
    private static long otherBackends(StorageSession storage, String user) {
        return storage.backendActivity().stream().filter(b -> user.equals(b.userName())).count();
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
