package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.RoleCommand.Privilege;
import org.tusk.sql.ast.RoleCommand.RoleSpec;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;

/**
 * Default privileges (PostgreSQL's SetDefaultACL and get_user_default_acl in aclchk.c): ALTER DEFAULT
 * PRIVILEGES keeps, per role, object kind and schema (0 for all schemas), the ACL that role's new objects
 * start with, in pg_default_acl; CREATE TABLE, CREATE SEQUENCE, CREATE VIEW and CREATE FUNCTION ask
 * {@link #aclFor} what to put into relacl or proacl.
 *
 * <p>A row for all schemas replaces the built-in default (acldefault: the owner holds everything, PUBLIC
 * EXECUTE on functions and USAGE on types) and is deleted when it says the same again; a row for one schema
 * only adds privileges and is deleted when it is empty. A new object gets the two merged, sorted as
 * aclitemsort sorts (by grantee, grantor and privileges, role OIDs, PUBLIC first), or NULL when that is
 * the built-in default.
 */
public final class DefaultPrivileges {
    private DefaultPrivileges() {
    }

    public static void run(DdlCommand.AlterDefaultPrivileges c, BackendDatabase db, EvalContext session) {
        AccessChecks checks = session.accessChecks();
        if (checks == null) {
            throw new SqlException("0A000", "ALTER DEFAULT PRIVILEGES is not supported here");
        }
        if (c.privileges() != null && c.privileges().stream().anyMatch(p -> p.columns() != null)) {
            throw new SqlException("0LP01", "default privileges cannot be set for columns");
        }
        RoleGraph roles = checks.roles();
        RelationCache rc = db.catalog();
        if (c.objectType() == 'n' && !c.schemas().isEmpty()) {
            throw new SqlException("0LP01", "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
        }
        List<Integer> targets = new ArrayList<>();
        if (c.roles().isEmpty()) {
            targets.add(roleOid(roles, session, new RoleSpec(org.tusk.sql.ast.RoleCommand.SpecKind.CURRENT_USER, null,
                    -1)));
        }
        int me = checks.currentUserOid(roles);
        for (RoleSpec r : c.roles()) {
            int oid = roleOid(roles, session, r);
            if (me != -1 && !roles.superuser(me) && !roles.isMemberOf(me, oid)) {
                throw new SqlException("42501", "must be member of role \"" + roles.name(oid) + "\"");
            }
            targets.add(oid);
        }
        List<Integer> namespaces = new ArrayList<>();
        for (String s : c.schemas()) {
            Integer ns = rc.namespaceOid(s);
            if (ns == null) {
                throw new SqlException("3F000", "schema \"" + s + "\" does not exist");
            }
            namespaces.add(ns);
        }
        if (namespaces.isEmpty()) {
            namespaces.add(0);
        }
        int all = all(c.objectType());
        int mask = mask(c.privileges(), all, c.objectType());
        List<String> grantees = new ArrayList<>();
        for (RoleSpec g : c.grantees()) {
            grantees.add(g.kind() == org.tusk.sql.ast.RoleCommand.SpecKind.PUBLIC ? null
                    : roles.name(roleOid(roles, session, g)));
        }
        for (int role : targets) {
            String owner = roles.name(role);
            for (int ns : namespaces) {
                CatalogRow row = rc.tables().first(CatalogDefinitions.PG_DEFAULT_ACL, r -> r.oid("defaclrole") == role
                        && r.oid("defaclnamespace") == ns && r.character("defaclobjtype") == c.objectType());
                List<Acl.Item> acl = row != null ? Acl.parse(row.list("defaclacl"))
                        : ns == 0 ? builtIn(c.objectType(), owner) : List.of();
                for (String g : grantees) {
                    acl = c.grant() ? Acl.grant(acl, g, owner, mask, c.grantOption())
                            : Acl.revoke(acl, g, owner, mask, c.grantOption());
                }
                boolean unneeded = ns == 0 ? sorted(acl, roles).equals(sorted(builtIn(c.objectType(), owner), roles))
                        : acl.isEmpty();
                if (unneeded) {
                    if (row != null) {
                        rc.tables().delete(row);
                    }
                } else if (row != null) {
                    rc.tables().update(new CatalogRow(row.catalog(), row.values().clone(), row.tid())
                            .set("defaclacl", Acl.format(acl)));
                } else {
                    rc.tables().insert(CatalogRow.create(CatalogDefinitions.PG_DEFAULT_ACL)
                            .set("oid", db.storage().newOid()).set("defaclrole", role).set("defaclnamespace", ns)
                            .set("defaclobjtype", c.objectType()).set("defaclacl", Acl.format(acl)));
                }
            }
        }
        rc.changed();
    }

    /**
     * The ACL a new object of kind {@code objectType} (r, S, f, T, n) owned by {@code owner} in schema
     * {@code namespace} gets, or null for the built-in default (get_user_default_acl).
     */
    public static List<String> aclFor(CatalogTables tables, char objectType, int owner, int namespace) {
        List<CatalogRow> rows = tables.rows(CatalogDefinitions.PG_DEFAULT_ACL, r -> r.oid("defaclrole") == owner
                && r.character("defaclobjtype") == objectType
                && (r.oid("defaclnamespace") == 0 || r.oid("defaclnamespace") == namespace));
        if (rows.isEmpty()) {
            return null;
        }
        RoleGraph roles = RoleGraph.read(new CatalogTables(tables.storage(), 0), 0);
        String ownerName = roles.name(owner);
        List<Acl.Item> global = builtIn(objectType, ownerName);
        List<Acl.Item> schema = List.of();
        for (CatalogRow r : rows) {
            if (r.oid("defaclnamespace") == 0) {
                global = Acl.parse(r.list("defaclacl"));
            } else {
                schema = Acl.parse(r.list("defaclacl"));
            }
        }
        List<Acl.Item> merged = global;
        for (Acl.Item i : schema) {
            merged = Acl.grant(merged, i.grantee(), i.grantor(), i.privileges(), false);
            merged = Acl.grant(merged, i.grantee(), i.grantor(), i.grantOptions(), true);
        }
        List<Acl.Item> result = sorted(merged, roles);
        if (result.equals(sorted(builtIn(objectType, ownerName), roles))) {
            return null;
        }
        return Acl.format(result);
    }

    /** acldefault for the kinds default privileges know. */
    private static List<Acl.Item> builtIn(char objectType, String owner) {
        List<Acl.Item> items = new ArrayList<>();
        if (objectType == 'f' || objectType == 'T') {
            items.add(new Acl.Item(null, owner, all(objectType), 0));
        }
        items.add(new Acl.Item(owner, owner, all(objectType), 0));
        return items;
    }

    private static int all(char objectType) {
        return switch (objectType) {
            case 'r' -> Acl.ALL_TABLE;
            case 'S' -> Acl.ALL_SEQUENCE;
            case 'f' -> Acl.bit('X');
            case 'T' -> Acl.USAGE;
            default -> Acl.ALL_SCHEMA;
        };
    }

    /** aclitemsort: by grantee OID (PUBLIC, 0, first), grantor OID, then the privilege bits. */
    private static List<Acl.Item> sorted(List<Acl.Item> acl, RoleGraph roles) {
        List<Acl.Item> out = new ArrayList<>(acl);
        out.sort(Comparator.comparingLong((Acl.Item i) -> oidOf(roles, i.grantee()))
                .thenComparingLong(i -> oidOf(roles, i.grantor())).thenComparingInt(Acl.Item::privileges));
        return out;
    }

    private static long oidOf(RoleGraph roles, String name) {
        CatalogRow r = name == null ? null : roles.role(name);
        return r == null ? 0 : Integer.toUnsignedLong(r.oid("oid"));
    }

    private static int roleOid(RoleGraph roles, EvalContext session, RoleSpec spec) {
        String name = switch (spec.kind()) {
            case NAME -> spec.name();
            case CURRENT_ROLE, CURRENT_USER -> session.currentUser();
            case SESSION_USER -> session.sessionUser();
            case PUBLIC -> throw new SqlException("42704", "role \"public\" does not exist");
        };
        CatalogRow r = roles.role(name);
        if (r == null) {
            throw new SqlException("42704", "role \"" + name + "\" does not exist");
        }
        return r.oid("oid");
    }

    /** The privileges named, as Acl bits; 0LP01 for one the kind of object does not have. */
    private static int mask(List<Privilege> privileges, int all, char objectType) {
        if (privileges == null) {
            return all;
        }
        int mask = 0;
        for (Privilege p : privileges) {
            int bit = switch (p.name()) {
                case "select" -> Acl.SELECT;
                case "insert" -> Acl.INSERT;
                case "update" -> Acl.UPDATE;
                case "delete" -> Acl.DELETE;
                case "truncate" -> Acl.TRUNCATE;
                case "references" -> Acl.REFERENCES;
                case "trigger" -> Acl.TRIGGER;
                case "execute" -> Acl.bit('X');
                case "usage" -> Acl.USAGE;
                case "create" -> Acl.CREATE;
                default -> throw new SqlException("22023", "unrecognized privilege type \"" + p.name() + "\"");
            };
            if ((bit & all) == 0) {
                String kind = switch (objectType) {
                    case 'r' -> "relation";
                    case 'S' -> "sequence";
                    case 'f' -> "function";
                    case 'T' -> "type";
                    default -> "schema";
                };
                throw new SqlException("0LP01", "invalid privilege type " + p.name().toUpperCase(java.util.Locale.ROOT)
                        + " for " + kind);
            }
            mask |= bit;
        }
        return mask;
    }
}
