package org.tusk.sql.roles;

import java.util.List;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.catalog.RelationCache;
import org.tusk.sql.schema.Database;
import org.tusk.sql.schema.Relation;

/**
 * One session's privilege checks (aclchk.c's pg_class_aclcheck and friends): before a statement reads or
 * changes a table it asks here whether the current user holds the privileges it needs, and gets 42501
 * "permission denied for table t" otherwise. Superusers and the owner (or a member of the owning role)
 * pass without looking at the ACL.
 *
 * <p>The roles and memberships are read once and kept until the catalogs change: another backend's
 * committed role or ACL change moves the storage's catalog version, and this session's own role
 * commands mark the cache stale until their transaction ends (a rollback takes them back). So a
 * superuser's statement costs one version comparison and one map lookup.
 */
public final class AccessChecks {
    private final Database db;
    private final Supplier<String> currentUser;
    private RoleGraph graph;
    private long version;
    private boolean ownChanges;

    public AccessChecks(Database db, Supplier<String> currentUser) {
        this.db = db;
        this.currentUser = currentUser;
    }

    /** The roles as the current statement sees them (cached, see the class comment). */
    public RoleGraph roles() {
        long v = db.storage().catalogVersion();
        if (graph == null || ownChanges || v != version) {
            return reload();
        }
        return graph;
    }

    /**
     * has_privs_of_role for the current user: whether it may use {@code role}'s privileges (a superuser may
     * use every role's; a session whose user has no pg_authid row is not checked, see currentUserOid).
     */
    public boolean currentUserHasPrivsOf(int role) {
        RoleGraph roles = roles();
        int me = currentUserOid(roles);
        return me < 0 || roles.hasPrivsOf(me, role);
    }

    /** Reads the roles again now. */
    RoleGraph reload() {
        version = db.storage().catalogVersion();
        CatalogTables shared = new CatalogTables(db.storage(), 0);
        int dbOid = db.catalog().databaseOid();
        CatalogRow database = shared.first(CatalogDefinitions.PG_DATABASE, r -> r.oid("oid") == dbOid);
        graph = RoleGraph.read(shared, database == null ? 0 : database.oid("datdba"));
        return graph;
    }

    /** This session changed roles or ACLs in its open transaction: read them again at every use until it ends. */
    void ownChange() {
        ownChanges = true;
    }

    /** The session's transaction ended (committed or rolled back). */
    public void transactionEnded() {
        if (ownChanges) {
            ownChanges = false;
            graph = null;
        }
    }

    /**
     * The current user's OID, or -1 when the user has no pg_authid row (a session opened outside the
     * server, by tests): such a session is not checked, as authentication admits only existing roles.
     */
    int currentUserOid(RoleGraph roles) {
        CatalogRow me = roles.role(currentUser.get());
        return me == null ? -1 : me.oid("oid");
    }

    /**
     * Raises 42501 unless the current user holds every privilege of {@code required} (Acl bits) on the
     * relation.
     */
    public void checkRelation(Relation relation, int required) {
        RoleGraph roles = roles();
        checkRelation(relation, required, currentUserOid(roles), roles);
    }

    /**
     * As {@link #checkRelation(Relation, int)}, for the owner of {@code view} instead of the current user: the
     * relation under an automatically updatable view is written with the view owner's rights (checkAsUser).
     */
    public void checkRelationAsOwnerOf(Relation view, Relation relation, int required) {
        if (!(db.catalog() instanceof RelationCache cache) || currentUserOid(roles()) == -1) {
            return;
        }
        CatalogRow v = cache.classRow(view.oid());
        if (v != null) {
            checkRelation(relation, required, v.oid("relowner"), roles());
        }
    }

    private void checkRelation(Relation relation, int required, int user, RoleGraph roles) {
        if (user == -1 || roles.superuser(user)) {
            return;
        }
        if (!(db.catalog() instanceof RelationCache cache)) {
            return;
        }
        CatalogRow cls = cache.classRow(relation.oid());
        if (cls == null) {
            return;
        }
        if ((relationPrivileges(cls, user, roles) & required) != required) {
            throw new SqlException("42501", "permission denied for " + kindWord(cls.character("relkind")) + " "
                    + cls.text("relname"));
        }
    }

    /**
     * execMain.c's ExecCheckRTEPerms for one relation: the privileges of {@code required} (Acl bits) the
     * current user lacks on the table may still be held on the columns concerned: SELECT on each column of
     * {@code selected}, INSERT and UPDATE on each column of {@code modified} (column names; null: every
     * column). An empty set asks for the privilege on any one column (what {@code SELECT count(*)} needs).
     * The names are asked for only when table privileges fall short: a superuser's or owner's statement,
     * every pgbench statement, builds no sets. Raises 42501 "permission denied for table t" otherwise.
     */
    public void checkColumns(Relation relation, int required, java.util.function.Supplier<java.util.Set<String>> selected,
            java.util.function.Supplier<java.util.Set<String>> modified) {
        RoleGraph roles = roles();
        int user = currentUserOid(roles);
        if (user == -1 || roles.superuser(user) || !(db.catalog() instanceof RelationCache cache)) {
            return;
        }
        CatalogRow cls = cache.classRow(relation.oid());
        if (cls == null) {
            return;
        }
        int missing = required & ~relationPrivileges(cls, user, roles);
        if (missing != 0 && ((missing & ~Acl.ALL_COLUMN) != 0
                || !columnsHold(cache, cls, user, roles, missing & Acl.SELECT, selected.get())
                || !columnsHold(cache, cls, user, roles, missing & (Acl.INSERT | Acl.UPDATE), modified.get()))) {
            throw new SqlException("42501", "permission denied for " + kindWord(cls.character("relkind")) + " "
                    + cls.text("relname"));
        }
    }

    /** Whether {@code user} holds {@code bits} on each column of {@code columns} (see checkColumns). */
    private static boolean columnsHold(RelationCache cache, CatalogRow cls, int user, RoleGraph roles, int bits,
            java.util.Set<String> columns) {
        if (bits == 0) {
            return true;
        }
        int rel = cls.oid("oid");
        boolean any = false;
        for (CatalogRow att : cache.tables().rows(CatalogDefinitions.PG_ATTRIBUTE, r -> r.oid("attrelid") == rel
                && r.int2("attnum") > 0 && !r.bool("attisdropped"))) {
            boolean concerned = columns == null || columns.contains(att.text("attname"));
            if (!concerned && !columns.isEmpty()) {
                continue;
            }
            boolean held = att.get("attacl") != null
                    && (Acl.held(Acl.parse(att.list("attacl")), user, roles) & bits) == bits;
            if (concerned && !held) {
                return false;
            }
            any |= held;
        }
        return columns == null || !columns.isEmpty() || any;
    }

    /**
     * Raises 42501 "permission denied for schema s" (at {@code position} if it is positive) unless the current
     * user holds {@code required} (USAGE or CREATE) on the schema with OID {@code namespace}.
     */
    public void checkSchema(int namespace, int required, int position) {
        RoleGraph roles = roles();
        int user = currentUserOid(roles);
        if (user == -1 || roles.superuser(user) || !(db.catalog() instanceof RelationCache cache)) {
            return;
        }
        CatalogRow ns = cache.tables().first(CatalogDefinitions.PG_NAMESPACE, r -> r.oid("oid") == namespace);
        if (ns != null && (schemaPrivileges(ns, user, roles) & required) != required) {
            String message = "permission denied for schema " + ns.text("nspname");
            throw position > 0 ? SqlException.at("42501", message, position) : new SqlException("42501", message);
        }
    }

    /** superuser(): whether the current user (after SET ROLE) is a superuser. */
    public boolean superuser() {
        RoleGraph roles = roles();
        int user = currentUserOid(roles);
        return user == -1 || roles.superuser(user);
    }

    /**
     * Raises 42501 "must be owner of table t" unless the current user is a superuser or has the privileges
     * of the relation's owner (pg_class_ownercheck): what DROP, ALTER and CREATE INDEX need.
     */
    public void checkOwner(int relation) {
        RoleGraph roles = roles();
        int user = currentUserOid(roles);
        if (user == -1 || roles.superuser(user) || !(db.catalog() instanceof RelationCache cache)) {
            return;
        }
        CatalogRow cls = cache.classRow(relation);
        if (cls != null && !roles.hasPrivsOf(user, cls.oid("relowner"))) {
            throw new SqlException("42501", "must be owner of " + kindWord(cls.character("relkind")) + " "
                    + cls.text("relname"));
        }
    }

    /**
     * Raises 42501 "must be owner of schema s" unless the current user is a superuser or has the privileges
     * of the schema's owner (pg_namespace_ownercheck): what DROP SCHEMA and COMMENT ON SCHEMA need.
     */
    public void checkSchemaOwner(int namespace) {
        RoleGraph roles = roles();
        int user = currentUserOid(roles);
        if (user == -1 || roles.superuser(user) || !(db.catalog() instanceof RelationCache cache)) {
            return;
        }
        CatalogRow ns = cache.tables().first(CatalogDefinitions.PG_NAMESPACE, r -> r.oid("oid") == namespace);
        if (ns != null && !roles.hasPrivsOf(user, ns.oid("nspowner"))) {
            throw new SqlException("42501", "must be owner of schema " + ns.text("nspname"));
        }
    }

    /**
     * Raises 42501 "permission denied for sequence s" unless the current user holds at least one of
     * {@code anyOf} on the sequence: nextval wants USAGE or UPDATE, currval SELECT or USAGE, setval UPDATE.
     */
    public void checkSequence(int sequence, int anyOf) {
        RoleGraph roles = roles();
        int user = currentUserOid(roles);
        if (user == -1 || roles.superuser(user) || !(db.catalog() instanceof RelationCache cache)) {
            return;
        }
        CatalogRow cls = cache.classRow(sequence);
        if (cls != null && (relationPrivileges(cls, user, roles) & anyOf) == 0) {
            throw new SqlException("42501", "permission denied for sequence " + cls.text("relname"));
        }
    }

    /** The privileges {@code user} holds on the relation (table, view, sequence) of pg_class row {@code cls}. */
    static int relationPrivileges(CatalogRow cls, int user, RoleGraph roles) {
        int owner = cls.oid("relowner");
        int all = cls.character("relkind") == 'S' ? Acl.ALL_SEQUENCE : Acl.ALL_TABLE;
        if (roles.hasPrivsOf(user, owner)) {
            return all;
        }
        List<Acl.Item> acl = cls.get("relacl") == null ? Acl.defaults(all, String.valueOf(roles.name(owner)))
                : Acl.parse(cls.list("relacl"));
        return Acl.held(acl, user, roles);
    }

    /** The privileges {@code user} holds on the schema of pg_namespace row {@code ns}. */
    static int schemaPrivileges(CatalogRow ns, int user, RoleGraph roles) {
        int owner = ns.oid("nspowner");
        if (roles.hasPrivsOf(user, owner)) {
            return Acl.ALL_SCHEMA;
        }
        List<Acl.Item> acl = ns.get("nspacl") == null ? Acl.defaults(Acl.ALL_SCHEMA, String.valueOf(roles.name(owner)))
                : Acl.parse(ns.list("nspacl"));
        return Acl.held(acl, user, roles);
    }

    /** How PostgreSQL's "permission denied for ..." names a relation kind. */
    static String kindWord(char relkind) {
        return switch (relkind) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'S' -> "sequence";
            case 'f' -> "foreign table";
            case 'i', 'I' -> "index";
            default -> "table";
        };
    }
}
