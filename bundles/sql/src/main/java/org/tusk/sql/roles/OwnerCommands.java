package org.tusk.sql.roles;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.eval.EvalContext;

/**
 * ALTER {TABLE|VIEW|SEQUENCE|SCHEMA|DATABASE} name OWNER TO role (ATExecChangeOwner, AlterSchemaOwner,
 * AlterDatabaseOwner): checks as {@link OwnerChange} says, then writes relowner (with the table's indexes
 * and owned sequences, which follow their table), nspowner or datdba, and the ACL with the owner renamed.
 * The rows are written in the current transaction, so a rollback undoes the change.
 */
public final class OwnerCommands {
    private OwnerCommands() {
    }

    public static void run(DdlCommand.AlterOwner c, BackendDatabase db, EvalContext session, ResultSink sink) {
        RelationCache rc = db.catalog();
        switch (c.kind()) {
            case "SCHEMA" -> schema(c, rc, session);
            case "DATABASE" -> database(c, db, session);
            case "LARGE OBJECT" -> largeObject(c, rc, session);
            case "TYPE", "DOMAIN" -> type(c, rc, session);
            default -> relation(c, rc, session, sink);
        }
        rc.changed();
        if (session.accessChecks() != null) {
            session.accessChecks().ownChange();
        }
    }

    private static void relation(DdlCommand.AlterOwner c, RelationCache rc, EvalContext session, ResultSink sink) {
        Integer oid = rc.lookupOid(c.name().schema(), c.name().name());
        if (oid == null) {
            if (c.ifExists()) {
                sink.notice(ErrorFields.of("NOTICE", "00000", "relation \"" + c.name().name()
                        + "\" does not exist, skipping").build());
                return;
            }
            throw new SqlException("42P01", "relation \"" + c.name().name() + "\" does not exist");
        }
        CatalogRow cls = rc.classRow(oid);
        char kind = cls.character("relkind");
        if (c.kind().equals("VIEW") && kind != 'v') {
            throw new SqlException("42809", "\"" + cls.text("relname") + "\" is not a view");
        }
        if (c.kind().equals("SEQUENCE") && kind != 'S') {
            throw new SqlException("42809", "\"" + cls.text("relname") + "\" is not a sequence");
        }
        int owner = OwnerChange.newOwner(session, c.owner(), c.special());
        if (cls.oid("relowner") == owner) {
            return;
        }
        OwnerChange.check(session, cls.oid("relowner"), owner, AccessChecks.kindWord(kind) + " "
                + cls.text("relname"), cls.oid("relnamespace"));
        setRelationOwner(rc, cls, owner, session);
        // Indexes and the sequences the table owns (SERIAL, identity) follow it.
        for (CatalogRow i : rc.tables().rows(CatalogDefinitions.PG_INDEX, r -> r.oid("indrelid") == oid)) {
            CatalogRow index = rc.classRow(i.oid("indexrelid"));
            if (index != null) {
                setRelationOwner(rc, index, owner, session);
            }
        }
        for (CatalogRow d : rc.tables().rows(CatalogDefinitions.PG_DEPEND, r -> r.oid("classid") == CatalogOids.PG_CLASS
                && r.oid("refclassid") == CatalogOids.PG_CLASS && r.oid("refobjid") == oid
                && (r.character("deptype") == 'a' || r.character("deptype") == 'i'))) {
            CatalogRow dependent = rc.classRow(d.oid("objid"));
            if (dependent != null && dependent.character("relkind") == 'S' && dependent.oid("relowner") != owner) {
                setRelationOwner(rc, dependent, owner, session);
            }
        }
    }

    /** ALTER TYPE name OWNER TO (the composite types Tusk has): typowner, and relowner of its pg_class row. */
    private static void type(DdlCommand.AlterOwner c, RelationCache rc, EvalContext session) {
        List<String> path = c.name().schema() != null ? List.of(c.name().schema()) : rc.searchPath();
        CatalogRow type = null;
        for (String schema : path) {
            Integer ns = rc.namespaceOid(schema);
            type = ns == null ? null : rc.tables().first(CatalogDefinitions.PG_TYPE,
                    r -> r.text("typname").equals(c.name().name()) && r.oid("typnamespace") == ns);
            if (type != null) {
                break;
            }
        }
        if (type == null) {
            throw new SqlException("42704", "type \"" + c.name() + "\" does not exist");
        }
        int owner = OwnerChange.newOwner(session, c.owner(), c.special());
        if (type.oid("typowner") == owner) {
            return;
        }
        OwnerChange.check(session, type.oid("typowner"), owner, "type " + type.text("typname"),
                type.oid("typnamespace"));
        rc.tables().update(new CatalogRow(type.catalog(), type.values().clone(), type.tid()).set("typowner", owner));
        CatalogRow cls = type.oid("typrelid") == 0 ? null : rc.classRow(type.oid("typrelid"));
        if (cls != null) {
            setRelationOwner(rc, cls, owner, session);
        }
    }

    private static void setRelationOwner(RelationCache rc, CatalogRow cls, int owner, EvalContext session) {
        String oldName = OwnerChange.roleName(session, cls.oid("relowner"));
        String newName = OwnerChange.roleName(session, owner);
        CatalogRow updated = new CatalogRow(cls.catalog(), cls.values().clone(), cls.tid()).set("relowner", owner)
                .set("relacl", OwnerChange.newAcl(cls.get("relacl") == null ? null : cls.list("relacl"), oldName,
                        newName));
        rc.tables().update(updated);
    }

    /** ALTER LARGE OBJECT oid OWNER TO role: lomowner, and lomacl with the owner renamed. */
    private static void largeObject(DdlCommand.AlterOwner c, RelationCache rc, EvalContext session) {
        long loid = Long.parseLong(c.name().name());
        CatalogRow lo = rc.tables().first(CatalogDefinitions.PG_LARGEOBJECT_METADATA,
                r -> Integer.toUnsignedLong(r.oid("oid")) == loid);
        if (lo == null) {
            throw new SqlException("42704", "large object " + loid + " does not exist");
        }
        int owner = OwnerChange.newOwner(session, c.owner(), c.special());
        if (lo.oid("lomowner") == owner) {
            return;
        }
        OwnerChange.check(session, lo.oid("lomowner"), owner, "large object " + loid, -1);
        CatalogRow updated = new CatalogRow(lo.catalog(), lo.values().clone(), lo.tid()).set("lomowner", owner)
                .set("lomacl", OwnerChange.newAcl(lo.get("lomacl") == null ? null : lo.list("lomacl"),
                        OwnerChange.roleName(session, lo.oid("lomowner")), OwnerChange.roleName(session, owner)));
        rc.tables().update(updated);
    }

    private static void schema(DdlCommand.AlterOwner c, RelationCache rc, EvalContext session) {
        CatalogRow ns = rc.tables().first(CatalogDefinitions.PG_NAMESPACE, r -> r.text("nspname")
                .equals(c.name().name()));
        if (ns == null) {
            throw new SqlException("3F000", "schema \"" + c.name().name() + "\" does not exist");
        }
        int owner = OwnerChange.newOwner(session, c.owner(), c.special());
        if (ns.oid("nspowner") == owner) {
            return;
        }
        OwnerChange.check(session, ns.oid("nspowner"), owner, "schema " + ns.text("nspname"), -1);
        requireCreateOnDatabase(session, rc, owner);
        CatalogRow updated = new CatalogRow(ns.catalog(), ns.values().clone(), ns.tid()).set("nspowner", owner)
                .set("nspacl", OwnerChange.newAcl(ns.get("nspacl") == null ? null : ns.list("nspacl"),
                        OwnerChange.roleName(session, ns.oid("nspowner")), OwnerChange.roleName(session, owner)));
        rc.tables().update(updated);
    }

    /** AlterSchemaOwner_internal: a non-superuser's new owner needs CREATE on the database. */
    private static void requireCreateOnDatabase(EvalContext session, RelationCache rc, int owner) {
        AccessChecks checks = session.accessChecks();
        if (checks == null) {
            return;
        }
        RoleGraph roles = checks.roles();
        int user = checks.currentUserOid(roles);
        if (user == -1 || roles.superuser(user)) {
            return;
        }
        CatalogTables shared = new CatalogTables(session.db().storage(), 0);
        int dbOid = rc.databaseOid();
        CatalogRow database = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.oid("oid") == dbOid);
        if (database == null || roles.hasPrivsOf(owner, database.oid("datdba"))) {
            return;
        }
        java.util.List<Acl.Item> acl = database.get("datacl") == null
                ? Acl.defaults(Acl.ALL_DATABASE, String.valueOf(roles.name(database.oid("datdba"))))
                : Acl.parse(database.list("datacl"));
        if ((Acl.held(acl, owner, roles) & Acl.CREATE) == 0) {
            throw new SqlException("42501", "permission denied for database " + database.text("datname"));
        }
    }

    private static void database(DdlCommand.AlterOwner c, BackendDatabase db, EvalContext session) {
        CatalogTables shared = new CatalogTables(db.storage(), 0);
        CatalogRow database = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.text("datname")
                .equals(c.name().name()));
        if (database == null) {
            throw new SqlException("3D000", "database \"" + c.name().name() + "\" does not exist");
        }
        int owner = OwnerChange.newOwner(session, c.owner(), c.special());
        if (database.oid("datdba") == owner) {
            return;
        }
        OwnerChange.check(session, database.oid("datdba"), owner, "database " + database.text("datname"), -1);
        AccessChecks checks = session.accessChecks();
        if (checks != null) {
            RoleGraph roles = checks.roles();
            int user = checks.currentUserOid(roles);
            CatalogRow me = user == -1 ? null : roles.role(user);
            if (me != null && !roles.superuser(user) && !me.bool("rolcreatedb")) {
                throw new SqlException("42501", "permission denied to change owner of database");
            }
        }
        CatalogRow updated = new CatalogRow(database.catalog(), database.values().clone(), database.tid())
                .set("datdba", owner)
                .set("datacl", OwnerChange.newAcl(database.get("datacl") == null ? null : database.list("datacl"),
                        OwnerChange.roleName(session, database.oid("datdba")), OwnerChange.roleName(session, owner)));
        shared.update(updated);
    }

    /**
     * REASSIGN OWNED BY old TO new (shdepReassignOwned): every table, view, sequence, schema and function of
     * this database, and every database, that an old role owns goes to the new one, with its ACL. The
     * current user must have the privileges of every role named ("permission denied to reassign objects").
     */
    public static void reassign(DdlCommand.ReassignOwned c, BackendDatabase db, EvalContext session) {
        AccessChecks checks = session.accessChecks();
        if (checks == null) {
            throw new SqlException("0A000", "REASSIGN OWNED is not supported here");
        }
        RoleGraph roles = checks.roles();
        int to = roleOid(roles, session, c.to());
        java.util.Set<Integer> from = new java.util.HashSet<>();
        for (org.tusk.sql.ast.RoleCommand.RoleSpec r : c.from()) {
            from.add(roleOid(roles, session, r));
        }
        int me = checks.currentUserOid(roles);
        if (me != -1 && !roles.superuser(me)) {
            for (int r : from) {
                if (!roles.hasPrivsOf(me, r)) {
                    throw new SqlException("42501", "permission denied to reassign objects");
                }
            }
            if (!roles.hasPrivsOf(me, to)) {
                throw new SqlException("42501", "permission denied to reassign objects");
            }
        }
        RelationCache rc = db.catalog();
        String newName = roles.name(to);
        for (CatalogRow cls : rc.classRows()) {
            if (from.contains(cls.oid("relowner")) && Integer.toUnsignedLong(cls.oid("oid")) >= 16384) {
                setRelationOwner(rc, cls, to, session);
            }
        }
        for (CatalogRow ns : rc.tables().rows(CatalogDefinitions.PG_NAMESPACE, r -> from.contains(r.oid("nspowner"))
                && Integer.toUnsignedLong(r.oid("oid")) >= 16384)) {
            rc.tables().update(new CatalogRow(ns.catalog(), ns.values().clone(), ns.tid()).set("nspowner", to)
                    .set("nspacl", OwnerChange.newAcl(ns.get("nspacl") == null ? null : ns.list("nspacl"),
                            roles.name(ns.oid("nspowner")), newName)));
        }
        for (CatalogRow p : rc.tables().rows(CatalogDefinitions.PG_PROC, r -> from.contains(r.oid("proowner"))
                && Integer.toUnsignedLong(r.oid("oid")) >= 16384)) {
            rc.tables().update(new CatalogRow(p.catalog(), p.values().clone(), p.tid()).set("proowner", to)
                    .set("proacl", OwnerChange.newAcl(p.get("proacl") == null ? null : p.list("proacl"),
                            roles.name(p.oid("proowner")), newName)));
        }
        CatalogTables shared = new CatalogTables(db.storage(), 0);
        for (CatalogRow d : shared.rows(CatalogDefinitions.PG_DATABASE, r -> from.contains(r.oid("datdba")))) {
            shared.update(new CatalogRow(d.catalog(), d.values().clone(), d.tid()).set("datdba", to)
                    .set("datacl", OwnerChange.newAcl(d.get("datacl") == null ? null : d.list("datacl"),
                            roles.name(d.oid("datdba")), newName)));
        }
        rc.changed();
    }

    /** The OID of the role a RoleSpec names (get_rolespec_oid): 42704 for an unknown one and for PUBLIC. */
    static int roleOid(RoleGraph roles, EvalContext session, org.tusk.sql.ast.RoleCommand.RoleSpec spec) {
        String name = switch (spec.kind()) {
            case NAME -> spec.name();
            case CURRENT_ROLE, CURRENT_USER -> session.currentUser();
            case SESSION_USER -> session.sessionUser();
            case PUBLIC -> "public";
        };
        CatalogRow r = roles.role(name);
        if (r == null) {
            throw new SqlException("42704", "role \"" + name + "\" does not exist");
        }
        return r.oid("oid");
    }
}
