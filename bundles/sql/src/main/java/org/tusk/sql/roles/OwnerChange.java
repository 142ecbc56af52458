package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;

/**
 * The checks and the ACL rewrite every OWNER TO shares (PostgreSQL's AlterObjectOwner_internal,
 * ATExecChangeOwner and aclnewowner): a superuser may give anything to anyone; anyone else must have the
 * privileges of the current owner ("must be owner of ..."), be a member of the new owner ("must be member
 * of role ..."), and, for an object in a schema, the new owner must have CREATE on that schema. The ACL
 * then names the new owner wherever it named the old one, as grantee and as grantor.
 */
public final class OwnerChange {
    private OwnerChange() {
    }

    /**
     * The OID of the new owner: the role {@code name}, or the current or session user when {@code special}
     * (CURRENT_USER, CURRENT_ROLE, SESSION_USER written unquoted); 42704 for a role that does not exist.
     */
    public static int newOwner(EvalContext session, String name, boolean special) {
        AccessChecks checks = session.accessChecks();
        String role = !special ? name : name.equals("session_user") ? session.sessionUser() : session.currentUser();
        if (checks == null) {
            throw new SqlException("0A000", "OWNER TO is not supported here");
        }
        CatalogRow r = checks.roles().role(role);
        if (r == null) {
            throw new SqlException("42704", "role \"" + role + "\" does not exist");
        }
        return r.oid("oid");
    }

    /**
     * Raises 42501 unless the current user may give the object owned by {@code oldOwner} to {@code newOwner}.
     *
     * @param objectText how "must be owner of" names the object ("table t", "function f")
     * @param namespace  the object's schema, or -1 for an object in no schema
     */
    public static void check(EvalContext session, int oldOwner, int newOwner, String objectText, int namespace) {
        AccessChecks checks = session.accessChecks();
        if (checks == null) {
            return;
        }
        RoleGraph roles = checks.roles();
        int user = checks.currentUserOid(roles);
        if (user == -1 || roles.superuser(user)) {
            return;
        }
        if (!roles.hasPrivsOf(user, oldOwner)) {
            throw new SqlException("42501", "must be owner of " + objectText);
        }
        if (!roles.isMemberOf(user, newOwner)) {
            throw new SqlException("42501", "must be member of role \"" + roles.name(newOwner) + "\"");
        }
        if (namespace >= 0 && session.db() != null && session.db().catalog() instanceof RelationCache cache) {
            CatalogRow ns = cache.tables().first(CatalogDefinitions.PG_NAMESPACE, r -> r.oid("oid") == namespace);
            if (ns != null && (AccessChecks.schemaPrivileges(ns, newOwner, roles) & Acl.CREATE) == 0) {
                throw new SqlException("42501", "permission denied for schema " + ns.text("nspname"));
            }
        }
    }

    /** The name of a role (for ACL texts), or its OID as text when it is gone. */
    public static String roleName(EvalContext session, int oid) {
        AccessChecks checks = session.accessChecks();
        String name = checks == null ? null : checks.roles().name(oid);
        return name == null ? Integer.toUnsignedString(oid) : name;
    }

    /** aclnewowner: the ACL (null stays null, meaning the defaults) with the old owner replaced by the new. */
    public static List<String> newAcl(List<?> acl, String oldOwner, String newOwner) {
        if (acl == null) {
            return null;
        }
        List<Acl.Item> items = new ArrayList<>();
        for (Acl.Item i : Acl.parse(acl)) {
            Acl.Item moved = new Acl.Item(oldOwner.equals(i.grantee()) ? newOwner : i.grantee(),
                    i.grantor().equals(oldOwner) ? newOwner : i.grantor(), i.privileges(), i.grantOptions());
            int same = -1;
            for (int k = 0; k < items.size(); k++) {
                if (java.util.Objects.equals(items.get(k).grantee(), moved.grantee())
                        && items.get(k).grantor().equals(moved.grantor())) {
                    same = k;
                }
            }
            if (same < 0) {
                items.add(moved);
            } else {
                Acl.Item had = items.get(same);
                items.set(same, new Acl.Item(had.grantee(), had.grantor(), had.privileges() | moved.privileges(),
                        had.grantOptions() | moved.grantOptions()));
            }
        }
        return Acl.format(items);
    }
}
