package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.schema.Database;

/**
 * What keeps a role from being dropped (pg_shdepend.c's checkSharedDependencies): objects it owns and
 * ACLs that name it. Tusk has no pg_shdepend, so the catalogs are searched instead: the connected
 * database's relations and schemas, and the databases. Each becomes a DETAIL line as PostgreSQL words
 * it ("owner of table t", "privileges for schema s"), in OID order as PostgreSQL sorts them.
 * Objects in other databases are not found (PostgreSQL reports "N objects in database d").
 */
final class RoleDependents {

    private RoleDependents() {
    }

    private record Dependent(int oid, String text) {
    }

    static List<String> find(CatalogTables shared, Database db, RoleGraph roles, String name, int oid) {
        List<Dependent> found = new ArrayList<>();
        if (db.catalog() instanceof RelationCache cache) {
            for (CatalogRow r : cache.classRows()) {
                char kind = r.character("relkind");
                if (kind == 'i' || kind == 'I' || kind == 't') {
                    continue;
                }
                int relOid = r.oid("oid");
                String what = AccessChecks.kindWord(kind) + " " + relationName(cache, r);
                add(found, relOid, r.oid("relowner") == oid, mentions(r.get("relacl"), name), what);
            }
            for (CatalogRow n : cache.tables().rows(CatalogDefinitions.PG_NAMESPACE, r -> true)) {
                add(found, n.oid("oid"), n.oid("nspowner") == oid, mentions(n.get("nspacl"), name),
                        "schema " + n.text("nspname"));
            }
        }
        for (CatalogRow d : shared.rows(CatalogDefinitions.PG_DATABASE, r -> true)) {
            add(found, d.oid("oid"), d.oid("datdba") == oid, mentions(d.get("datacl"), name),
                    "database " + d.text("datname"));
        }
        found.sort(Comparator.comparingLong(d -> Integer.toUnsignedLong(d.oid())));
        return found.stream().map(Dependent::text).toList();
    }

    private static void add(List<Dependent> found, int oid, boolean owner, boolean acl, String what) {
        if (owner) {
            found.add(new Dependent(oid, "owner of " + what));
        }
        if (acl) {
            found.add(new Dependent(oid, "privileges for " + what));
        }
    }

    /** Whether an ACL has an item granted to or by the role. */
    private static boolean mentions(Object acl, String name) {
        if (!(acl instanceof List<?> list)) {
            return false;
        }
        for (Acl.Item it : Acl.parse(list)) {
            if (name.equals(it.grantee()) || name.equals(it.grantor())) {
                return true;
            }
        }
        return false;
    }

    /** The relation's name, qualified when search_path would not find it, as getObjectDescription prints it. */
    private static String relationName(RelationCache cache, CatalogRow r) {
        Integer visible = cache.lookupOid(null, r.text("relname"));
        if (visible != null && visible == r.oid("oid")) {
            return r.text("relname");
        }
        return cache.namespaceName(r.oid("relnamespace")) + "." + r.text("relname");
    }
}
