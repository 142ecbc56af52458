package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.RoleCommand;
import org.tusk.sql.ast.RoleCommand.Privilege;
import org.tusk.sql.ast.RoleCommand.RoleSpec;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.schema.Database;
import org.tusk.storage.access.RelationLockMode;

/**
 * GRANT and REVOKE of privileges on tables (and views), all tables of schemas, schemas and databases
 * (aclchk.c's ExecuteGrantStmt): the object's ACL is read (a NULL ACL standing for its default, the
 * owner holding everything), changed item by item with the owner as grantor, as PostgreSQL records a
 * grant by a superuser or the owner, and written back to relacl, nspacl or datacl.
 *
 * <p>Only superusers and the owner (or members of the owning role) may grant here; PostgreSQL also
 * lets a holder of the grant option grant, which is not done yet.
 */
final class PrivilegeCommands {
    private final Database db;
    private final RelationCache cache;
    private final EvalContext session;
    private final RoleGraph roles;
    private final RoleCommand.GrantPrivileges command;

    private PrivilegeCommands(Database db, RelationCache cache, EvalContext session, RoleGraph roles,
            RoleCommand.GrantPrivileges command) {
        this.db = db;
        this.cache = cache;
        this.session = session;
        this.roles = roles;
        this.command = command;
    }

    static void run(RoleCommand.GrantPrivileges c, Database db, EvalContext session, AccessChecks checks) {
        if (!(db.catalog() instanceof RelationCache cache)) {
            throw new SqlException("0A000", c.tag() + " is not supported yet");
        }
        // ACL changes of concurrent sessions take turns (each reads the ACL after the previous committed).
        db.storage().lockRelation(cache.databaseOid(), CatalogOids.PG_CLASS, RelationLockMode.SHARE_ROW_EXCLUSIVE,
                false);
        db.storage().startStatement();
        new PrivilegeCommands(db, cache, session, checks.reload(), c).execute();
        checks.ownChange();
    }

    private void execute() {
        List<String> grantees = new ArrayList<>();
        for (RoleSpec g : command.grantees()) {
            grantees.add(grantee(g));
        }
        if (command.type() != RoleCommand.ObjectType.TABLE && command.privileges() != null
                && command.privileges().stream().anyMatch(p -> p.columns() != null)) {
            throw new SqlException("0LP01", "column privileges are only valid for relations");
        }
        switch (command.type()) {
            case TABLE, SEQUENCE -> {
                boolean sequences = command.type() == RoleCommand.ObjectType.SEQUENCE;
                int mask = sequences ? mask(Acl.ALL_SEQUENCE, "sequence")
                        : mask(Acl.ALL_TABLE | Acl.ALL_SEQUENCE, "relation");
                for (QualifiedName n : command.objects()) {
                    Integer oid = cache.lookupOid(n.schema(), n.name());
                    if (oid == null) {
                        throw new SqlException("42P01", "relation \"" + n + "\" does not exist");
                    }
                    changeRelation(cache.classRow(oid), mask, grantees, sequences);
                }
            }
            case ALL_TABLES_IN_SCHEMA, ALL_SEQUENCES_IN_SCHEMA -> {
                boolean sequences = command.type() == RoleCommand.ObjectType.ALL_SEQUENCES_IN_SCHEMA;
                int mask = sequences ? mask(Acl.ALL_SEQUENCE, "sequence")
                        : mask(Acl.ALL_TABLE | Acl.ALL_SEQUENCE, "relation");
                String kinds = sequences ? "S" : "rpvmf";
                for (QualifiedName n : command.objects()) {
                    int ns = schemaOid(n.name());
                    for (CatalogRow r : cache.classRows()) {
                        if (r.oid("relnamespace") == ns && kinds.indexOf(r.character("relkind")) >= 0) {
                            changeRelation(r, mask, grantees, sequences);
                        }
                    }
                }
            }
            case SCHEMA -> {
                int mask = mask(Acl.ALL_SCHEMA, "schema");
                for (QualifiedName n : command.objects()) {
                    int ns = schemaOid(n.name());
                    CatalogRow row = cache.tables().first(CatalogDefinitions.PG_NAMESPACE, r -> r.oid("oid") == ns);
                    changeAcl(cache.tables(), row, "nspacl", "nspowner", Acl.ALL_SCHEMA, mask, grantees,
                            "schema " + n.name());
                }
            }
            case LARGE_OBJECT -> {
                // ExecGrant_Largeobject: SELECT and UPDATE, on pg_largeobject_metadata.lomacl.
                int mask = mask(Acl.SELECT | Acl.UPDATE, "large object");
                for (QualifiedName n : command.objects()) {
                    long loid = Long.parseLong(n.name());
                    CatalogRow row = cache.tables().first(CatalogDefinitions.PG_LARGEOBJECT_METADATA,
                            r -> Integer.toUnsignedLong(r.oid("oid")) == loid);
                    if (row == null) {
                        throw new SqlException("42704", "large object " + loid + " does not exist");
                    }
                    changeAcl(cache.tables(), row, "lomacl", "lomowner", Acl.SELECT | Acl.UPDATE, mask, grantees,
                            "large object " + loid);
                }
            }
            case DATABASE -> {
                int mask = mask(Acl.ALL_DATABASE, "database");
                CatalogTables shared = new CatalogTables(db.storage(), 0);
                for (QualifiedName n : command.objects()) {
                    CatalogRow row = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.text("datname").equals(n.name()));
                    if (row == null) {
                        throw new SqlException("3D000", "database \"" + n.name() + "\" does not exist");
                    }
                    changeAcl(shared, row, "datacl", "datdba", Acl.ALL_DATABASE, mask, grantees,
                            "database " + n.name());
                }
            }
        }
        cache.changed();
    }

    private int schemaOid(String name) {
        Integer ns = cache.namespaceOid(name);
        if (ns == null) {
            throw new SqlException("3F000", "schema \"" + name + "\" does not exist");
        }
        return ns;
    }

    /** The grantee's name as ACLs store it; null for PUBLIC. */
    private String grantee(RoleSpec g) {
        String name = switch (g.kind()) {
            case PUBLIC -> null;
            case NAME -> g.name();
            case CURRENT_ROLE, CURRENT_USER -> session.currentUser();
            case SESSION_USER -> session.sessionUser();
        };
        if (name != null && roles.role(name) == null) {
            throw new SqlException("42704", "role \"" + name + "\" does not exist");
        }
        return name;
    }

    /** The privileges named, as Acl bits; 0LP01 for one the kind of object does not have. */
    private int mask(int all, String kind) {
        if (command.privileges() == null) {
            return all;
        }
        int mask = 0;
        for (Privilege p : command.privileges()) {
            if (p.columns() != null) {
                continue;
            }
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
                case "temporary", "temp" -> Acl.TEMPORARY;
                case "connect" -> Acl.CONNECT;
                case "set" -> Acl.bit('s');
                default -> throw new SqlException("22023", "unrecognized privilege type \"" + p.name() + "\"");
            };
            if ((bit & all) == 0) {
                throw new SqlException("0LP01", "invalid privilege type " + p.name().toUpperCase() + " for " + kind);
            }
            mask |= bit;
        }
        return mask;
    }

    /**
     * ExecGrant_Relation for one relation: {@code mask} is what the statement named (all of it for ALL), to
     * be fitted to the relation's kind: a sequence takes only USAGE, SELECT and UPDATE (GRANT ... ON TABLE
     * drops the rest with a WARNING), a table no USAGE.
     */
    private void changeRelation(CatalogRow cls, int mask, List<String> grantees, boolean onSequence) {
        char kind = cls.character("relkind");
        String name = cls.text("relname");
        if (kind == 'i' || kind == 'I') {
            throw new SqlException("42809", "\"" + name + "\" is an index");
        }
        if (onSequence && kind != 'S') {
            throw new SqlException("42809", "\"" + name + "\" is not a sequence");
        }
        ColumnPrivileges columns = ColumnPrivileges.of(command.privileges(), cache, cls);
        int all = kind == 'S' ? Acl.ALL_SEQUENCE : Acl.ALL_TABLE;
        int privileges = command.privileges() == null ? all : mask;
        if (!command.grant()) {
            // Revoking a privilege on the table revokes it on each column too (ExecGrant_Relation).
            columns.addToEveryColumn(privileges & Acl.ALL_COLUMN);
        }
        columns.apply(this, cls, grantees);
        if (privileges == 0) {
            return;
        }
        if (kind == 'S' && (privileges & ~all) != 0) {
            session.notice(org.tusk.protocol.ErrorFields.of("WARNING", "0LP01", "sequence \"" + name
                    + "\" only supports USAGE, SELECT, and UPDATE privileges").build());
            privileges &= all;
        } else if (kind != 'S' && (privileges & ~all) != 0) {
            throw new SqlException("0LP01", "invalid privilege type USAGE for table");
        }
        changeAcl(cache.tables(), cls, "relacl", "relowner", all, privileges, grantees,
                AccessChecks.kindWord(kind) + " " + name);
    }

    /** Grants or revokes on one catalog row's ACL column and writes the row back. */
    private void changeAcl(CatalogTables tables, CatalogRow row, String aclColumn, String ownerColumn, int all,
            int mask, List<String> grantees, String objectText) {
        changeAcl(tables, row, aclColumn, row.oid(ownerColumn), all, mask, grantees, objectText);
    }

    /**
     * Grants or revokes {@code mask} on the ACL in {@code aclColumn} of {@code row}, for an object owned by
     * {@code owner}; {@code all} 0 means a column's ACL, empty when NULL and set back to NULL when empty.
     */
    void changeAcl(CatalogTables tables, CatalogRow row, String aclColumn, int owner, int all, int mask,
            List<String> grantees, String objectText) {
        String ownerName = roles.name(owner);
        CatalogRow me = roles.role(session.currentUser());
        if (me != null && !roles.hasPrivsOf(me.oid("oid"), owner)) {
            throw new SqlException("42501", "permission denied for " + objectText);
        }
        // A column's NULL ACL is empty (acldefault for columns grants nothing, not even to the owner).
        List<Acl.Item> acl = row.get(aclColumn) != null ? Acl.parse(row.list(aclColumn))
                : all == 0 ? new ArrayList<>() : Acl.defaults(all, ownerName);
        for (String g : grantees) {
            acl = command.grant() ? Acl.grant(acl, g, ownerName, mask, command.grantOption())
                    : Acl.revoke(acl, g, ownerName, mask, command.grantOption());
        }
        CatalogRow updated = new CatalogRow(row.catalog(), row.values().clone(), row.tid())
                .set(aclColumn, all == 0 && acl.isEmpty() ? null : Acl.format(acl));
        tables.update(updated);
    }
}
