package org.tusk.sql.roles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.RoleCommand.Privilege;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.RelationCache;

/**
 * The column part of a GRANT or REVOKE on a table (aclchk.c's expand_col_privileges and
 * ExecGrant_Attribute): the privileges named with a column list, gathered per column, and applied to each
 * column's pg_attribute.attacl with the table's owner as grantor. A column's ACL starts empty (its NULL
 * grants nothing; the owner's rights come from the table) and goes back to NULL when emptied.
 */
final class ColumnPrivileges {
    private final RelationCache cache;
    private final CatalogRow cls;
    /** Privileges (Acl bits) by attnum, in the order the columns were first named. */
    private final Map<Short, Integer> byColumn = new LinkedHashMap<>();

    private ColumnPrivileges(RelationCache cache, CatalogRow cls) {
        this.cache = cache;
        this.cls = cls;
    }

    /** The column privileges of {@code privileges} (null: ALL without columns) on the relation {@code cls}. */
    static ColumnPrivileges of(List<Privilege> privileges, RelationCache cache, CatalogRow cls) {
        ColumnPrivileges c = new ColumnPrivileges(cache, cls);
        if (privileges == null) {
            return c;
        }
        for (Privilege p : privileges) {
            if (p.columns() == null) {
                continue;
            }
            int bits = bits(p.name());
            for (String column : p.columns()) {
                CatalogRow att = c.attribute(column);
                c.byColumn.merge(att.int2("attnum"), bits, (a, b) -> a | b);
            }
        }
        return c;
    }

    /** A column privilege's bits; 0LP01 for one columns do not have. */
    private static int bits(String name) {
        return switch (name) {
            case "all" -> Acl.ALL_COLUMN;
            case "select" -> Acl.SELECT;
            case "insert" -> Acl.INSERT;
            case "update" -> Acl.UPDATE;
            case "references" -> Acl.REFERENCES;
            case "delete", "truncate", "trigger", "execute", "usage", "create", "temporary", "temp", "connect",
                    "set" -> throw new SqlException("0LP01", "invalid privilege type " + name.toUpperCase()
                            + " for column");
            default -> throw new SqlException("22023", "unrecognized privilege type \"" + name + "\"");
        };
    }

    private CatalogRow attribute(String column) {
        int rel = cls.oid("oid");
        CatalogRow att = cache.tables().first(CatalogDefinitions.PG_ATTRIBUTE, r -> r.oid("attrelid") == rel
                && r.text("attname").equals(column) && !r.bool("attisdropped"));
        if (att == null) {
            throw new SqlException("42703", "column \"" + column + "\" of relation \"" + cls.text("relname")
                    + "\" does not exist");
        }
        return att;
    }

    /** REVOKE of table privileges: {@code bits} are revoked from every user column as well. */
    void addToEveryColumn(int bits) {
        if (bits == 0) {
            return;
        }
        int rel = cls.oid("oid");
        for (CatalogRow att : cache.tables().rows(CatalogDefinitions.PG_ATTRIBUTE, r -> r.oid("attrelid") == rel
                && r.int2("attnum") > 0 && !r.bool("attisdropped"))) {
            byColumn.merge(att.int2("attnum"), bits, (a, b) -> a | b);
        }
    }

    /** Changes each column's attacl by the command of {@code commands}. */
    void apply(PrivilegeCommands commands, CatalogRow table, List<String> grantees) {
        int rel = table.oid("oid");
        for (Map.Entry<Short, Integer> e : byColumn.entrySet()) {
            short attnum = e.getKey();
            CatalogRow att = cache.tables().first(CatalogDefinitions.PG_ATTRIBUTE, r -> r.oid("attrelid") == rel
                    && r.int2("attnum") == attnum);
            commands.changeAcl(cache.tables(), att, "attacl", table.oid("relowner"), 0, e.getValue(), grantees,
                    AccessChecks.kindWord(table.character("relkind")) + " " + table.text("relname"));
        }
    }
}
