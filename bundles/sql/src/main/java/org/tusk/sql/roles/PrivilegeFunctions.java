package org.tusk.sql.roles;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;
import java.util.Locale;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.RegClass;
import org.tusk.sql.types.SqlType;

/**
 * The access privilege inquiry functions (acl.c): has_table_privilege, has_schema_privilege,
 * has_database_privilege and pg_has_role, each with and without the user argument (then the current
 * user), the user given by name or OID, the object by name or OID. They answer from the same ACLs and
 * role memberships the executors' checks use, so they agree with what a statement would be allowed.
 * Without storage there are no ACLs and no roles: every answer is true, as for a superuser.
 */
public final class PrivilegeFunctions {

    /** Where the functions are registered (Functions' add). */
    @FunctionalInterface
    public interface Registry {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private PrivilegeFunctions() {
    }

    public static void register(Registry r) {
        r.add("has_table_privilege", List.of(NAME, TEXT, TEXT), BOOL,
                (a, c) -> table(c, userByName(c, (String) a[0]), relationByName(c, (String) a[1]), (String) a[2]));
        r.add("has_table_privilege", List.of(NAME, OID, TEXT), BOOL,
                (a, c) -> table(c, userByName(c, (String) a[0]), oid(a[1]), (String) a[2]));
        r.add("has_table_privilege", List.of(OID, TEXT, TEXT), BOOL,
                (a, c) -> table(c, oid(a[0]), relationByName(c, (String) a[1]), (String) a[2]));
        r.add("has_table_privilege", List.of(OID, OID, TEXT), BOOL,
                (a, c) -> table(c, oid(a[0]), oid(a[1]), (String) a[2]));
        r.add("has_table_privilege", List.of(TEXT, TEXT), BOOL,
                (a, c) -> table(c, current(c), relationByName(c, (String) a[0]), (String) a[1]));
        r.add("has_table_privilege", List.of(OID, TEXT), BOOL,
                (a, c) -> table(c, current(c), oid(a[0]), (String) a[1]));
        r.add("has_sequence_privilege", List.of(NAME, TEXT, TEXT), BOOL,
                (a, c) -> sequence(c, userByName(c, (String) a[0]), relationByName(c, (String) a[1]), (String) a[2],
                        (String) a[1]));
        r.add("has_sequence_privilege", List.of(NAME, OID, TEXT), BOOL,
                (a, c) -> sequence(c, userByName(c, (String) a[0]), oid(a[1]), (String) a[2], null));
        r.add("has_sequence_privilege", List.of(OID, TEXT, TEXT), BOOL,
                (a, c) -> sequence(c, oid(a[0]), relationByName(c, (String) a[1]), (String) a[2], (String) a[1]));
        r.add("has_sequence_privilege", List.of(OID, OID, TEXT), BOOL,
                (a, c) -> sequence(c, oid(a[0]), oid(a[1]), (String) a[2], null));
        r.add("has_sequence_privilege", List.of(TEXT, TEXT), BOOL,
                (a, c) -> sequence(c, current(c), relationByName(c, (String) a[0]), (String) a[1], (String) a[0]));
        r.add("has_sequence_privilege", List.of(OID, TEXT), BOOL,
                (a, c) -> sequence(c, current(c), oid(a[0]), (String) a[1], null));
        r.add("has_schema_privilege", List.of(NAME, TEXT, TEXT), BOOL,
                (a, c) -> schema(c, userByName(c, (String) a[0]), (String) a[1], (String) a[2]));
        r.add("has_schema_privilege", List.of(OID, TEXT, TEXT), BOOL,
                (a, c) -> schema(c, oid(a[0]), (String) a[1], (String) a[2]));
        r.add("has_schema_privilege", List.of(TEXT, TEXT), BOOL,
                (a, c) -> schema(c, current(c), (String) a[0], (String) a[1]));
        r.add("has_database_privilege", List.of(NAME, TEXT, TEXT), BOOL,
                (a, c) -> database(c, userByName(c, (String) a[0]), (String) a[1], (String) a[2]));
        r.add("has_database_privilege", List.of(OID, TEXT, TEXT), BOOL,
                (a, c) -> database(c, oid(a[0]), (String) a[1], (String) a[2]));
        r.add("has_database_privilege", List.of(TEXT, TEXT), BOOL,
                (a, c) -> database(c, current(c), (String) a[0], (String) a[1]));
        ColumnPrivilegeFunctions.register(r);
        // acldefault("char", oid): "char" values are text here, as the catalogs' "char" columns are.
        r.add("acldefault", List.of(TEXT, OID), SqlType.TEXT_ARRAY, (a, c) -> new org.tusk.sql.types.ArrayValue(1,
                new java.util.ArrayList<Object>(AclDefaults.of((String) a[0], ownerName(c, oid(a[1]))))));
        r.add("pg_has_role", List.of(NAME, NAME, TEXT), BOOL,
                (a, c) -> hasRole(c, userByName(c, (String) a[0]), roleByName(c, (String) a[1]), (String) a[2]));
        r.add("pg_has_role", List.of(OID, OID, TEXT), BOOL,
                (a, c) -> hasRole(c, oid(a[0]), oid(a[1]), (String) a[2]));
        r.add("pg_has_role", List.of(NAME, TEXT), BOOL,
                (a, c) -> hasRole(c, current(c), roleByName(c, (String) a[0]), (String) a[1]));
    }

    static int oid(Object v) {
        return (int) (long) (Long) v;
    }

    /** A role's name as aclitemout prints it: its OID as digits when no role has it. */
    private static String ownerName(EvalContext c, int oid) {
        RoleGraph g = roles(c);
        String name = g == null ? null : g.name(oid);
        return name != null ? name : g == null ? c.currentUser() : Integer.toUnsignedString(oid);
    }

    static RoleGraph roles(EvalContext c) {
        AccessChecks checks = c.accessChecks();
        return checks == null ? null : checks.roles();
    }

    /** The current user's OID; -1 without storage. */
    static int current(EvalContext c) {
        RoleGraph g = roles(c);
        if (g == null) {
            return -1;
        }
        CatalogRow me = g.role(c.currentUser());
        return me == null ? -1 : me.oid("oid");
    }

    static int userByName(EvalContext c, String name) {
        RoleGraph g = roles(c);
        if (g == null) {
            return -1;
        }
        CatalogRow r = g.role(name);
        if (r == null) {
            throw new SqlException("42704", "role \"" + name + "\" does not exist");
        }
        return r.oid("oid");
    }

    private static int roleByName(EvalContext c, String name) {
        return userByName(c, name);
    }

    static int relationByName(EvalContext c, String text) {
        List<String> parts = RegClass.names(text.strip());
        Relation r = c.db() == null || parts.size() > 2 ? null
                : c.db().catalog().lookup(parts.size() == 2 ? parts.get(0) : null, parts.getLast());
        if (r == null) {
            throw new SqlException("42P01", "relation \"" + text + "\" does not exist");
        }
        return r.oid();
    }

    /**
     * convert_any_priv_string: a comma-separated list of privilege names, each optionally followed by
     * WITH GRANT OPTION, case and surrounding blanks ignored. Returns {privileges, grant options}.
     */
    static int[] privileges(String text, List<String> names, List<Integer> bits) {
        int privs = 0;
        int options = 0;
        for (String item : text.split(",", -1)) {
            String p = item.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean withOption = p.endsWith(" WITH GRANT OPTION");
            if (withOption) {
                p = p.substring(0, p.length() - " WITH GRANT OPTION".length()).strip();
            }
            int i = names.indexOf(p);
            if (i < 0) {
                throw new SqlException("22023", "unrecognized privilege type: \"" + item.strip() + "\"");
            }
            if (withOption) {
                options |= bits.get(i);
            } else {
                privs |= bits.get(i);
            }
        }
        return new int[] {privs, options};
    }

    private static final List<String> TABLE_NAMES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER");
    private static final List<Integer> TABLE_BITS = List.of(Acl.SELECT, Acl.INSERT, Acl.UPDATE, Acl.DELETE,
            Acl.TRUNCATE, Acl.REFERENCES, Acl.TRIGGER);

    private static Object table(EvalContext c, int user, int relation, String privilege) {
        int[] want = privileges(privilege, TABLE_NAMES, TABLE_BITS);
        RoleGraph g = roles(c);
        if (user == -1 || g == null || g.superuser(user)) {
            return true;
        }
        if (!(c.db().catalog() instanceof RelationCache cache)) {
            return true;
        }
        CatalogRow cls = cache.classRow(relation);
        if (cls == null) {
            return null; // PostgreSQL answers NULL for an OID that names no relation
        }
        return granted(AccessChecks.relationPrivileges(cls, user, g), optionsOf(cls, "relacl", "relowner", user, g,
                Acl.ALL_TABLE), want);
    }

    /**
     * has_sequence_privilege: 42809 for a relation that is no sequence, naming it as the caller wrote it
     * ({@code written}), or by its name when given by OID, as PostgreSQL answers.
     */
    private static Object sequence(EvalContext c, int user, int relation, String privilege, String written) {
        int[] want = privileges(privilege, List.of("USAGE", "SELECT", "UPDATE"),
                List.of(Acl.USAGE, Acl.SELECT, Acl.UPDATE));
        RoleGraph g = roles(c);
        if (g == null || !(c.db().catalog() instanceof RelationCache cache)) {
            return true;
        }
        CatalogRow cls = cache.classRow(relation);
        if (cls == null) {
            return null;
        }
        if (cls.character("relkind") != 'S') {
            throw new SqlException("42809", "\"" + (written != null ? written : cls.text("relname"))
                    + "\" is not a sequence");
        }
        if (user == -1 || g.superuser(user)) {
            return true;
        }
        return granted(AccessChecks.relationPrivileges(cls, user, g), optionsOf(cls, "relacl", "relowner", user, g,
                Acl.ALL_SEQUENCE), want);
    }

    private static Object schema(EvalContext c, int user, String name, String privilege) {
        int[] want = privileges(privilege, List.of("USAGE", "CREATE"), List.of(Acl.USAGE, Acl.CREATE));
        RoleGraph g = roles(c);
        if (!(c.db() != null && c.db().catalog() instanceof RelationCache cache)) {
            return true;
        }
        Integer ns = cache.namespaceOid(name);
        if (ns == null) {
            throw new SqlException("3F000", "schema \"" + name + "\" does not exist");
        }
        if (user == -1 || g == null || g.superuser(user)) {
            return true;
        }
        CatalogRow row = cache.tables().first(CatalogDefinitions.PG_NAMESPACE, r -> r.oid("oid") == ns);
        return granted(AccessChecks.schemaPrivileges(row, user, g), optionsOf(row, "nspacl", "nspowner", user, g,
                Acl.ALL_SCHEMA), want);
    }

    private static Object database(EvalContext c, int user, String name, String privilege) {
        int[] want = privileges(privilege, List.of("CREATE", "CONNECT", "TEMPORARY", "TEMP"),
                List.of(Acl.CREATE, Acl.CONNECT, Acl.TEMPORARY, Acl.TEMPORARY));
        RoleGraph g = roles(c);
        if (c.db() == null) {
            return true;
        }
        CatalogRow row = new CatalogTables(c.db().storage(), 0).first(CatalogDefinitions.PG_DATABASE,
                r -> r.text("datname").equals(name));
        if (row == null) {
            throw new SqlException("3D000", "database \"" + name + "\" does not exist");
        }
        if (user == -1 || g == null || g.superuser(user)) {
            return true;
        }
        int owner = row.oid("datdba");
        int held = g.hasPrivsOf(user, owner) ? Acl.ALL_DATABASE
                : Acl.held(row.get("datacl") == null ? Acl.defaults(Acl.ALL_DATABASE, String.valueOf(g.name(owner)))
                        : Acl.parse(row.list("datacl")), user, g);
        return granted(held, optionsOf(row, "datacl", "datdba", user, g, Acl.ALL_DATABASE), want);
    }

    /** The grant options the user holds on an object (the owner holds them all). */
    static int optionsOf(CatalogRow row, String aclColumn, String ownerColumn, int user, RoleGraph g,
            int all) {
        if (g.hasPrivsOf(user, row.oid(ownerColumn))) {
            return all;
        }
        int options = 0;
        for (Acl.Item it : Acl.parse(row.get(aclColumn) instanceof List<?> l ? l : null)) {
            CatalogRow grantee = it.grantee() == null ? null : g.role(it.grantee());
            if (it.grantee() == null || grantee != null && g.hasPrivsOf(user, grantee.oid("oid"))) {
                options |= it.grantOptions();
            }
        }
        return options;
    }

    /** True if any one of the privileges asked for is held (has_*_privilege's "any of" rule). */
    static boolean granted(int held, int options, int[] want) {
        return (held & want[0]) != 0 || (options & want[1]) != 0;
    }

    private static Object hasRole(EvalContext c, int user, int role, String privilege) {
        int[] want = privileges(privilege, List.of("MEMBER", "USAGE", "SET"), List.of(1, 2, 4));
        RoleGraph g = roles(c);
        if (user == -1 || g == null) {
            return true;
        }
        if ((want[0] & 2) != 0 && g.hasPrivsOf(user, role)) {
            return true;
        }
        if ((want[0] & 5) != 0 && g.isMemberOf(user, role)) {
            return true;
        }
        if (want[1] != 0) {
            CatalogRow m = g.membership(role, user);
            return g.superuser(user) || m != null && m.bool("admin_option");
        }
        return false;
    }
}
