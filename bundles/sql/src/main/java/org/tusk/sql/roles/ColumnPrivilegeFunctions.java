package org.tusk.sql.roles;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.INT2;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.OID;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.types.SqlType;

/**
 * has_column_privilege and has_any_column_privilege (acl.c), in each of PostgreSQL's signatures: a
 * privilege on the table counts for every column; otherwise the column's attacl (or, for the "any"
 * form, any column's) must grant it. A relation or column OID/number that names nothing gives NULL; a
 * column name that does not exist is 42703.
 */
final class ColumnPrivilegeFunctions {
    private static final List<String> NAMES = List.of("SELECT", "INSERT", "UPDATE", "REFERENCES");
    private static final List<Integer> BITS = List.of(Acl.SELECT, Acl.INSERT, Acl.UPDATE, Acl.REFERENCES);

    private ColumnPrivilegeFunctions() {
    }

    static void register(PrivilegeFunctions.Registry r) {
        for (SqlType user : List.of(NAME, OID)) {
            for (SqlType table : List.of(TEXT, OID)) {
                for (SqlType column : List.of(TEXT, INT2)) {
                    r.add("has_column_privilege", List.of(user, table, column, TEXT), BOOL,
                            (a, c) -> column(c, user(c, a[0]), relation(c, a[1]), a[2], (String) a[3]));
                }
                r.add("has_any_column_privilege", List.of(user, table, TEXT), BOOL,
                        (a, c) -> any(c, user(c, a[0]), relation(c, a[1]), (String) a[2]));
            }
        }
        for (SqlType table : List.of(TEXT, OID)) {
            for (SqlType column : List.of(TEXT, INT2)) {
                r.add("has_column_privilege", List.of(table, column, TEXT), BOOL,
                        (a, c) -> column(c, PrivilegeFunctions.current(c), relation(c, a[0]), a[1], (String) a[2]));
            }
            r.add("has_any_column_privilege", List.of(table, TEXT), BOOL,
                    (a, c) -> any(c, PrivilegeFunctions.current(c), relation(c, a[0]), (String) a[1]));
        }
    }

    private static int user(EvalContext c, Object v) {
        return v instanceof String name ? PrivilegeFunctions.userByName(c, name) : PrivilegeFunctions.oid(v);
    }

    private static int relation(EvalContext c, Object v) {
        return v instanceof String name ? PrivilegeFunctions.relationByName(c, name) : PrivilegeFunctions.oid(v);
    }

    /** What a call asks about: the catalog, the roles and the relation's pg_class row (null: no such relation). */
    private record Subject(RelationCache cache, RoleGraph roles, CatalogRow cls) {
    }

    /** The call's subject; null when nothing is checked (no storage or no known user: every answer is true). */
    private static Subject subject(EvalContext c, int user, int relation) {
        RoleGraph g = PrivilegeFunctions.roles(c);
        if (user == -1 || g == null || !(c.db().catalog() instanceof RelationCache cache)) {
            return null;
        }
        return new Subject(cache, g, cache.classRow(relation));
    }

    private static Object column(EvalContext c, int user, int relation, Object column, String privilege) {
        int[] want = PrivilegeFunctions.privileges(privilege, NAMES, BITS);
        Subject s = subject(c, user, relation);
        if (s == null || s.cls() == null) {
            return s == null ? Boolean.TRUE : null;
        }
        CatalogRow att = s.cache().tables().first(CatalogDefinitions.PG_ATTRIBUTE, r -> r.oid("attrelid") == relation
                && (column instanceof String name ? r.text("attname").equals(name)
                        : r.int2("attnum") == ((Number) column).intValue()));
        if (att == null || att.bool("attisdropped")) {
            if (column instanceof String name) {
                throw new SqlException("42703", "column \"" + name + "\" of relation \"" + s.cls().text("relname")
                        + "\" does not exist");
            }
            return null;
        }
        if (s.roles().superuser(user) || tableGranted(s.cls(), user, s.roles(), want)) {
            return true;
        }
        return columnGranted(att, user, s.roles(), want);
    }

    private static Object any(EvalContext c, int user, int relation, String privilege) {
        int[] want = PrivilegeFunctions.privileges(privilege, NAMES, BITS);
        Subject s = subject(c, user, relation);
        if (s == null || s.cls() == null) {
            return s == null ? Boolean.TRUE : null;
        }
        if (s.roles().superuser(user) || tableGranted(s.cls(), user, s.roles(), want)) {
            return true;
        }
        for (CatalogRow att : s.cache().tables().rows(CatalogDefinitions.PG_ATTRIBUTE,
                r -> r.oid("attrelid") == relation && r.int2("attnum") > 0 && !r.bool("attisdropped"))) {
            if (columnGranted(att, user, s.roles(), want)) {
                return true;
            }
        }
        return false;
    }

    private static boolean tableGranted(CatalogRow cls, int user, RoleGraph g, int[] want) {
        int all = cls.character("relkind") == 'S' ? Acl.ALL_SEQUENCE : Acl.ALL_TABLE;
        return PrivilegeFunctions.granted(AccessChecks.relationPrivileges(cls, user, g),
                PrivilegeFunctions.optionsOf(cls, "relacl", "relowner", user, g, all), want);
    }

    private static boolean columnGranted(CatalogRow att, int user, RoleGraph g, int[] want) {
        if (att.get("attacl") == null) {
            return false;
        }
        List<Acl.Item> acl = Acl.parse(att.list("attacl"));
        int options = 0;
        for (Acl.Item it : acl) {
            CatalogRow grantee = it.grantee() == null ? null : g.role(it.grantee());
            if (it.grantee() == null || grantee != null && g.hasPrivsOf(user, grantee.oid("oid"))) {
                options |= it.grantOptions();
            }
        }
        return PrivilegeFunctions.granted(Acl.held(acl, user, g), options, want);
    }
}
