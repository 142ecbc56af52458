package org.tusk.sql.roles;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;

/**
 * The roles of the cluster and who is a member of whom, read from pg_authid and pg_auth_members as one
 * statement sees them (acl.c's role membership cache). Two relations matter, as in PostgreSQL:
 * {@link #isMemberOf} (membership through any chain of grants: what SET ROLE needs) and
 * {@link #hasPrivsOf} (only through roles that INHERIT: what privilege checks use). A superuser is both
 * for every role.
 */
public final class RoleGraph {
    private final Map<Integer, CatalogRow> byOid = new HashMap<>();
    private final Map<String, CatalogRow> byName = new HashMap<>();
    private final List<CatalogRow> memberships;
    /** The owner of the connected database, implicitly a member of pg_database_owner; 0 if unknown. */
    private final int databaseOwner;

    RoleGraph(List<CatalogRow> roles, List<CatalogRow> memberships, int databaseOwner) {
        for (CatalogRow r : roles) {
            byOid.put(r.oid("oid"), r);
            byName.put(r.text("rolname"), r);
        }
        this.memberships = List.copyOf(memberships);
        this.databaseOwner = databaseOwner;
    }

    /** Reads the shared catalogs in the storage session's current statement. */
    public static RoleGraph read(CatalogTables shared, int databaseOwner) {
        return new RoleGraph(shared.rows(CatalogDefinitions.PG_AUTHID, r -> true),
                shared.rows(CatalogDefinitions.PG_AUTH_MEMBERS, r -> true), databaseOwner);
    }

    /** The pg_authid row of the role called {@code name}, or null. */
    public CatalogRow role(String name) {
        return name == null ? null : byName.get(name);
    }

    /** The pg_authid row of role {@code oid}, or null. */
    public CatalogRow role(int oid) {
        return byOid.get(oid);
    }

    /** The name of role {@code oid}, or null. */
    public String name(int oid) {
        CatalogRow r = byOid.get(oid);
        return r == null ? null : r.text("rolname");
    }

    public boolean superuser(int oid) {
        CatalogRow r = byOid.get(oid);
        return r != null && r.bool("rolsuper");
    }

    /** The pg_auth_members rows. */
    List<CatalogRow> memberships() {
        return memberships;
    }

    /** is_member_of_role: membership through any grants, whatever INHERIT says; superusers are members of all. */
    public boolean isMemberOf(int member, int role) {
        return member == role || superuser(member) || reaches(member, role, false);
    }

    /** has_privs_of_role: the privileges of {@code role} are usable by {@code member}. */
    public boolean hasPrivsOf(int member, int role) {
        return member == role || superuser(member) || reaches(member, role, true);
    }

    /** Whether {@code role} is reached from {@code member} over pg_auth_members, only through inheriting roles if asked. */
    boolean reaches(int member, int role, boolean inheritOnly) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        todo.add(member);
        seen.add(member);
        while (!todo.isEmpty()) {
            int r = todo.poll();
            CatalogRow row = byOid.get(r);
            if (inheritOnly && (row == null || !row.bool("rolinherit"))) {
                continue;
            }
            if (r == databaseOwner && r != 0 && seen.add(org.tusk.sql.catalog.CatalogOids.PG_DATABASE_OWNER)) {
                // The database's owner is implicitly a member of pg_database_owner (PostgreSQL 15).
                if (role == org.tusk.sql.catalog.CatalogOids.PG_DATABASE_OWNER) {
                    return true;
                }
                todo.add(org.tusk.sql.catalog.CatalogOids.PG_DATABASE_OWNER);
            }
            for (CatalogRow m : memberships) {
                if (m.oid("member") == r && seen.add(m.oid("roleid"))) {
                    if (m.oid("roleid") == role) {
                        return true;
                    }
                    todo.add(m.oid("roleid"));
                }
            }
        }
        return false;
    }

    /** The pg_auth_members row granting {@code role} to {@code member} directly, or null. */
    CatalogRow membership(int role, int member) {
        for (CatalogRow m : memberships) {
            if (m.oid("roleid") == role && m.oid("member") == member) {
                return m;
            }
        }
        return null;
    }
}
