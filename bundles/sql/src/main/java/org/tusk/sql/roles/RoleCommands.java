package org.tusk.sql.roles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.RoleCommand;
import org.tusk.sql.ast.RoleCommand.RoleOption;
import org.tusk.sql.ast.RoleCommand.RoleSpec;
import org.tusk.sql.catalog.CatalogDefinitions;
import org.tusk.sql.catalog.CatalogOids;
import org.tusk.sql.catalog.CatalogRow;
import org.tusk.sql.catalog.CatalogTables;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.schema.Database;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;
import org.tusk.storage.access.RelationLockMode;
import org.tusk.storage.access.StorageSession;

/**
 * CREATE, ALTER and DROP ROLE, and GRANT/REVOKE of role membership (commands/user.c): rows of the shared
 * catalogs pg_authid and pg_auth_members, changed in the session's transaction, with PostgreSQL's
 * permission rules, errors and notices. Each command first takes an exclusive lock on pg_authid, so that
 * commands of concurrent backends take turns and each sees the roles the previous one committed (the
 * catalogs have no unique index here to catch a duplicate name).
 */
public final class RoleCommands {
    /** Roles with OIDs below this are created by initdb and cannot be dropped (FirstNormalObjectId). */
    private static final int FIRST_NORMAL_OID = 16384;

    private final Database db;
    private final StorageSession storage;
    private final CatalogTables shared;
    private final EvalContext session;
    private final ResultSink sink;
    private final AccessChecks checks;
    private RoleGraph roles;

    private RoleCommands(Database db, EvalContext session, ResultSink sink, AccessChecks checks) {
        this.db = db;
        this.storage = db.storage();
        this.shared = new CatalogTables(storage, 0);
        this.session = session;
        this.sink = sink;
        this.checks = checks;
    }

    /** Sets role, session_authorization and is_superuser, transactionally like SET. */
    @FunctionalInterface
    public interface SettingWriter {
        /** {@code value} null: back to the starting value. */
        void set(String name, String value, boolean local);
    }

    /**
     * Runs one command and answers with its tag.
     *
     * @param position where the statement starts, for the error of a session without storage
     * @param authenticatedUser the role the client logged in as (who may use SET SESSION AUTHORIZATION)
     */
    public static void run(RoleCommand command, int position, EvalContext session, ResultSink sink,
            SettingWriter settings, String authenticatedUser) {
        Database db = session.db();
        AccessChecks checks = session.accessChecks();
        if (db == null || checks == null) {
            // Without storage there are no catalogs to keep roles in.
            throw SqlException.at("0A000", command.tag() + " is not supported yet", position);
        }
        if (command instanceof RoleCommand.GrantPrivileges g) {
            PrivilegeCommands.run(g, db, session, checks);
            sink.commandComplete(command.tag());
            return;
        }
        RoleCommands c = new RoleCommands(db, session, sink, checks);
        switch (command) {
            case RoleCommand.CreateRole r -> c.create(r);
            case RoleCommand.AlterRole r -> c.alter(r);
            case RoleCommand.RenameRole r -> c.rename(r);
            case RoleCommand.DropRole r -> c.drop(r);
            case RoleCommand.GrantRole r -> c.grantRole(r);
            case RoleCommand.SetRole r -> c.setRole(r, settings, authenticatedUser);
            case RoleCommand.AlterRoleSet r -> {
                c.lockRoles();
                RoleSettingCommands.alterRole(r, session, c.roles, c.myOid(), c.amSuperuser(), c.haveCreateRole());
            }
            case RoleCommand.AlterDatabaseSet r -> {
                c.lockRoles();
                RoleSettingCommands.alterDatabase(r, session, c.roles, c.myOid());
            }
            case RoleCommand.GrantPrivileges g -> throw new IllegalStateException();
        }
        sink.commandComplete(command.tag());
    }

    // ---- shared helpers

    /** Takes pg_authid's lock and reads the roles as they are after it. */
    private void lockRoles() {
        storage.lockRelation(0, CatalogOids.PG_AUTHID, RelationLockMode.EXCLUSIVE, false);
        storage.startStatement();
        roles = checks.reload();
    }

    private CatalogRow me() {
        return roles.role(session.currentUser());
    }

    private boolean amSuperuser() {
        CatalogRow me = me();
        return me == null || me.bool("rolsuper");
    }

    private boolean haveCreateRole() {
        CatalogRow me = me();
        return me == null || me.bool("rolsuper") || me.bool("rolcreaterole");
    }

    private int myOid() {
        CatalogRow me = me();
        return me == null ? CatalogOids.BOOTSTRAP_SUPERUSER_ID : me.oid("oid");
    }

    private void changed() {
        checks.ownChange();
        storage.catalogChanged();
        storage.commandCounterIncrement();
        roles = checks.reload();
    }

    private static SqlException denied(String message) {
        return new SqlException("42501", message);
    }

    private static SqlException noSuchRole(String name) {
        return new SqlException("42704", "role \"" + name + "\" does not exist");
    }

    private static void checkReserved(String name) {
        if (name.startsWith("pg_")) {
            throw new SqlException(ErrorFields.of("ERROR", "42939", "role name \"" + name + "\" is reserved")
                    .detail("Role names starting with \"pg_\" are reserved.").build());
        }
    }

    /** The name a RoleSpec stands for (CURRENT_USER and the like resolved); PUBLIC is refused. */
    private String specName(RoleSpec spec) {
        return switch (spec.kind()) {
            case NAME -> spec.name();
            case CURRENT_ROLE, CURRENT_USER -> session.currentUser();
            case SESSION_USER -> session.sessionUser();
            case PUBLIC -> throw noSuchRole("public");
        };
    }

    private CatalogRow find(RoleSpec spec) {
        String name = specName(spec);
        CatalogRow r = roles.role(name);
        if (r == null) {
            throw noSuchRole(name);
        }
        return r;
    }

    /** The options by name, each at most once (42601 "conflicting or redundant options" at the repeated one). */
    private static Map<String, RoleOption> options(List<RoleOption> list) {
        Map<String, RoleOption> map = new HashMap<>();
        for (RoleOption o : list) {
            if (map.putIfAbsent(o.name(), o) != null) {
                throw SqlException.at("42601", "conflicting or redundant options", o.position());
            }
        }
        RoleOption limit = map.get("connectionlimit");
        if (limit != null && (Integer) limit.value() < -1) {
            throw new SqlException("22023", "invalid connection limit: " + limit.value());
        }
        return map;
    }

    private static Boolean flag(Map<String, RoleOption> options, String name) {
        RoleOption o = options.get(name);
        return o == null ? null : (Boolean) o.value();
    }

    @SuppressWarnings("unchecked")
    private static List<RoleSpec> roleList(Map<String, RoleOption> options, String name) {
        RoleOption o = options.get(name);
        return o == null ? List.of() : (List<RoleSpec>) o.value();
    }

    /** A PASSWORD option's value as stored: hashed with SCRAM-SHA-256 unless already a verifier; '' is no password. */
    private String storedPassword(String password) {
        if (password == null) {
            return null;
        }
        if (password.isEmpty()) {
            sink.notice(ErrorFields.of("NOTICE", "00000", "empty string is not a valid password, clearing password")
                    .build());
            return null;
        }
        return ScramSecret.isVerifier(password) ? password : ScramSecret.build(password);
    }

    private void applyAttributes(CatalogRow row, Map<String, RoleOption> o) {
        setFlag(row, "rolsuper", flag(o, "superuser"));
        setFlag(row, "rolinherit", flag(o, "inherit"));
        setFlag(row, "rolcreaterole", flag(o, "createrole"));
        setFlag(row, "rolcreatedb", flag(o, "createdb"));
        setFlag(row, "rolcanlogin", flag(o, "canlogin"));
        setFlag(row, "rolreplication", flag(o, "isreplication"));
        setFlag(row, "rolbypassrls", flag(o, "bypassrls"));
        if (o.containsKey("connectionlimit")) {
            row.set("rolconnlimit", o.get("connectionlimit").value());
        }
        if (o.containsKey("password")) {
            row.set("rolpassword", storedPassword((String) o.get("password").value()));
        }
        if (o.containsKey("validUntil")) {
            row.set("rolvaliduntil", TypeInput.parse(SqlType.TIMESTAMPTZ, (String) o.get("validUntil").value(),
                    session));
        }
    }

    private static void setFlag(CatalogRow row, String column, Boolean value) {
        if (value != null) {
            row.set(column, value);
        }
    }

    // ---- CREATE ROLE

    private void create(RoleCommand.CreateRole c) {
        Map<String, RoleOption> o = options(c.options());
        lockRoles();
        if (Boolean.TRUE.equals(flag(o, "superuser"))) {
            if (!amSuperuser()) {
                throw denied("must be superuser to create superusers");
            }
        } else if (Boolean.TRUE.equals(flag(o, "isreplication"))) {
            if (!amSuperuser()) {
                throw denied("must be superuser to create replication users");
            }
        } else if (Boolean.TRUE.equals(flag(o, "bypassrls"))) {
            if (!amSuperuser()) {
                throw denied("must be superuser to create bypassrls users");
            }
        } else if (!haveCreateRole()) {
            throw denied("permission denied to create role");
        }
        checkReserved(c.name());
        if (roles.role(c.name()) != null) {
            throw new SqlException("42710", "role \"" + c.name() + "\" already exists");
        }
        int oid = storage.newOid();
        CatalogRow row = CatalogRow.create(CatalogDefinitions.PG_AUTHID).set("oid", oid).set("rolname", c.name())
                .set("rolsuper", false).set("rolinherit", true).set("rolcreaterole", false)
                .set("rolcreatedb", false).set("rolcanlogin", c.user()).set("rolreplication", false)
                .set("rolbypassrls", false).set("rolconnlimit", -1).set("rolpassword", null)
                .set("rolvaliduntil", null);
        applyAttributes(row, o);
        shared.insert(row);
        changed();
        // IN ROLE: the new role becomes a member of those; ROLE and ADMIN: those become members of it.
        for (RoleSpec parent : roleList(o, "addroleto")) {
            addMember(find(parent), row, false);
        }
        for (RoleSpec member : roleList(o, "rolemembers")) {
            addMember(row, find(member), false);
        }
        for (RoleSpec member : roleList(o, "adminmembers")) {
            addMember(row, find(member), true);
        }
    }

    // ---- ALTER ROLE

    private void alter(RoleCommand.AlterRole c) {
        Map<String, RoleOption> o = options(c.options());
        lockRoles();
        CatalogRow role = find(c.role());
        boolean self = role.oid("oid") == myOid();
        if (role.bool("rolsuper") || o.containsKey("superuser")) {
            if (!amSuperuser()) {
                throw denied("must be superuser to alter superuser roles or change superuser attribute");
            }
        } else if (role.bool("rolreplication") || o.containsKey("isreplication")) {
            if (!amSuperuser()) {
                throw denied("must be superuser to alter replication roles or change replication attribute");
            }
        } else if (o.containsKey("bypassrls")) {
            if (!amSuperuser()) {
                throw denied("must be superuser to change bypassrls attribute");
            }
        } else if (!haveCreateRole() && !(self && o.size() == 1 && o.containsKey("password"))) {
            // Without CREATEROLE a role may only change its own password.
            throw denied("permission denied");
        }
        CatalogRow updated = new CatalogRow(role.catalog(), role.values().clone(), role.tid());
        applyAttributes(updated, o);
        shared.update(updated);
        changed();
    }

    private void rename(RoleCommand.RenameRole c) {
        lockRoles();
        CatalogRow role = roles.role(c.name());
        if (role == null) {
            throw noSuchRole(c.name());
        }
        if (c.name().equals(session.sessionUser())) {
            throw new SqlException("0A000", "session user cannot be renamed");
        }
        if (c.name().equals(session.currentUser())) {
            throw new SqlException("0A000", "current user cannot be renamed");
        }
        if (role.bool("rolsuper") ? !amSuperuser() : !haveCreateRole()) {
            throw denied(role.bool("rolsuper") ? "must be superuser to rename superusers"
                    : "permission denied to rename role");
        }
        checkReserved(c.newName());
        if (roles.role(c.newName()) != null) {
            throw new SqlException("42710", "role \"" + c.newName() + "\" already exists");
        }
        CatalogRow updated = new CatalogRow(role.catalog(), role.values().clone(), role.tid());
        updated.set("rolname", c.newName());
        String password = role.text("rolpassword");
        if (password != null && password.startsWith("md5") && password.length() == 35) {
            // An MD5 hash is salted with the role name, so it no longer matches.
            updated.set("rolpassword", null);
            sink.notice(ErrorFields.of("NOTICE", "00000", "MD5 password cleared because of role rename").build());
        }
        shared.update(updated);
        changed();
    }

    // ---- DROP ROLE

    private void drop(RoleCommand.DropRole c) {
        lockRoles();
        if (!haveCreateRole()) {
            throw denied("permission denied to drop role");
        }
        for (RoleSpec spec : c.roles()) {
            String name = specName(spec);
            CatalogRow role = roles.role(name);
            if (role == null) {
                if (c.ifExists()) {
                    sink.notice(ErrorFields.of("NOTICE", "00000", "role \"" + name + "\" does not exist, skipping")
                            .build());
                    continue;
                }
                throw noSuchRole(name);
            }
            int oid = role.oid("oid");
            if (name.equals(session.currentUser())) {
                throw new SqlException("55006", "current user cannot be dropped");
            }
            if (name.equals(session.sessionUser())) {
                throw new SqlException("55006", "session user cannot be dropped");
            }
            if (role.bool("rolsuper") && !amSuperuser()) {
                throw denied("must be superuser to drop superusers");
            }
            if (Integer.compareUnsigned(oid, FIRST_NORMAL_OID) < 0) {
                throw new SqlException("2BP01", "cannot drop role " + name
                        + " because it is required by the database system");
            }
            List<String> dependents = RoleDependents.find(shared, db, roles, name, oid);
            if (!dependents.isEmpty()) {
                throw new SqlException(ErrorFields.of("ERROR", "2BP01", "role \"" + name
                        + "\" cannot be dropped because some objects depend on it")
                        .detail(String.join("\n", dependents)).build());
            }
            shared.delete(role);
            shared.deleteWhere(CatalogDefinitions.PG_AUTH_MEMBERS,
                    m -> m.oid("roleid") == oid || m.oid("member") == oid);
            RoleSettingCommands.drop(shared, 0, oid);
            changed();
        }
    }

    // ---- GRANT role TO role, REVOKE role FROM role

    private void grantRole(RoleCommand.GrantRole c) {
        lockRoles();
        List<CatalogRow> granted = new ArrayList<>();
        for (RoleSpec r : c.roles()) {
            granted.add(find(r));
        }
        List<CatalogRow> members = new ArrayList<>();
        for (RoleSpec m : c.grantees()) {
            if (m.kind() == RoleCommand.SpecKind.PUBLIC) {
                throw noSuchRole("public");
            }
            members.add(find(m));
        }
        for (CatalogRow role : granted) {
            checkAdmin(role);
            for (CatalogRow member : members) {
                if (c.grant()) {
                    addMember(role, member, c.adminOption());
                } else {
                    removeMember(role, member, c.adminOption());
                }
            }
        }
    }

    /** Who may grant or revoke membership in {@code role}: superusers, CREATEROLE for non-superuser roles, admins. */
    private void checkAdmin(CatalogRow role) {
        if (amSuperuser()) {
            return;
        }
        if (role.bool("rolsuper")) {
            throw denied("must be superuser to alter superusers");
        }
        if (haveCreateRole()) {
            return;
        }
        CatalogRow m = roles.membership(role.oid("oid"), myOid());
        if (m == null || !m.bool("admin_option")) {
            throw denied("must have admin option on role \"" + role.text("rolname") + "\"");
        }
    }

    /** AddRoleMems for one pair: refuses loops, notes an existing membership, else adds or upgrades it. */
    private void addMember(CatalogRow role, CatalogRow member, boolean admin) {
        int roleOid = role.oid("oid");
        int memberOid = member.oid("oid");
        if (roleOid == memberOid || roles.reaches(roleOid, memberOid, false)) {
            throw new SqlException("0LP01", "role \"" + role.text("rolname") + "\" is a member of role \""
                    + member.text("rolname") + "\"");
        }
        CatalogRow existing = roles.membership(roleOid, memberOid);
        if (existing != null && (!admin || existing.bool("admin_option"))) {
            sink.notice(ErrorFields.of("NOTICE", "00000", "role \"" + member.text("rolname")
                    + "\" is already a member of role \"" + role.text("rolname") + "\"").build());
            return;
        }
        if (existing != null) {
            shared.update(new CatalogRow(existing.catalog(), existing.values().clone(), existing.tid())
                    .set("admin_option", true));
        } else {
            shared.insert(CatalogRow.create(CatalogDefinitions.PG_AUTH_MEMBERS).set("roleid", roleOid)
                    .set("member", memberOid).set("grantor", myOid()).set("admin_option", admin));
        }
        changed();
    }

    /** DelRoleMems for one pair: a WARNING if it is no member; ADMIN OPTION FOR keeps the membership. */
    private void removeMember(CatalogRow role, CatalogRow member, boolean adminOnly) {
        CatalogRow existing = roles.membership(role.oid("oid"), member.oid("oid"));
        if (existing == null) {
            sink.notice(ErrorFields.of("WARNING", "01000", "role \"" + member.text("rolname")
                    + "\" is not a member of role \"" + role.text("rolname") + "\"").build());
            return;
        }
        if (adminOnly) {
            shared.update(new CatalogRow(existing.catalog(), existing.values().clone(), existing.tid())
                    .set("admin_option", false));
        } else {
            shared.delete(existing);
        }
        changed();
    }

    // ---- SET ROLE, SET SESSION AUTHORIZATION

    private void setRole(RoleCommand.SetRole c, SettingWriter settings, String authenticatedUser) {
        roles = checks.roles();
        if (c.sessionAuthorization()) {
            if (c.name() != null && !c.name().equals(authenticatedUser)) {
                CatalogRow me = roles.role(authenticatedUser);
                if (me != null && !me.bool("rolsuper")) {
                    throw denied("permission denied to set session authorization");
                }
                if (roles.role(c.name()) == null) {
                    throw noSuchRole(c.name());
                }
            }
            settings.set("session_authorization", c.name(), c.local());
            settings.set("role", null, c.local());
        } else {
            if (c.name() != null) {
                CatalogRow target = roles.role(c.name());
                if (target == null) {
                    throw noSuchRole(c.name());
                }
                CatalogRow me = roles.role(session.sessionUser());
                if (me != null && !roles.isMemberOf(me.oid("oid"), target.oid("oid"))) {
                    throw denied("permission denied to set role \"" + c.name() + "\"");
                }
            }
            settings.set("role", c.name(), c.local());
        }
        CatalogRow now = roles.role(session.currentUser());
        settings.set("is_superuser", now == null || now.bool("rolsuper") ? "on" : "off", c.local());
    }
}
