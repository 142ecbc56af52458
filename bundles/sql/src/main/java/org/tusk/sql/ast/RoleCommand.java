package org.tusk.sql.ast;

import java.util.List;

/**
 * The statements about roles and privileges, as parser.RoleParser reads them: CREATE/ALTER/DROP ROLE
 * (and their USER and GROUP spellings), GRANT and REVOKE of roles and of privileges on objects, and
 * SET ROLE / SET SESSION AUTHORIZATION. They reach the session wrapped in
 * {@link Statement.RoleStatement}; package {@code roles} runs them.
 */
public sealed interface RoleCommand {

    /** The command tag PostgreSQL answers with. */
    String tag();

    /** gram.y's RoleSpec: a role name or one of the special spellings. */
    enum SpecKind { NAME, CURRENT_ROLE, CURRENT_USER, SESSION_USER, PUBLIC }

    /** A role as written: {@code name} is set for {@link SpecKind#NAME}. */
    record RoleSpec(SpecKind kind, String name, int position) {
    }

    /**
     * One option of CREATE/ALTER ROLE. {@code name} is the option as CreateRole's DefElem names it
     * (superuser, createdb, createrole, canlogin, inherit, isreplication, bypassrls, connectionlimit,
     * password, validUntil, addroleto, rolemembers, adminmembers); {@code value} is a Boolean, an
     * Integer, a String (null for PASSWORD NULL) or a list of {@link RoleSpec}.
     */
    record RoleOption(String name, Object value, int position) {
    }

    /** CREATE ROLE/USER/GROUP; {@code user} makes LOGIN the default, as CREATE USER does. */
    record CreateRole(String name, boolean user, List<RoleOption> options, int position) implements RoleCommand {
        @Override
        public String tag() {
            return "CREATE ROLE";
        }
    }

    /** ALTER ROLE/USER ... [WITH] options. */
    record AlterRole(RoleSpec role, List<RoleOption> options) implements RoleCommand {
        @Override
        public String tag() {
            return "ALTER ROLE";
        }
    }

    /**
     * ALTER ROLE/USER {name | ALL} [IN DATABASE db] SET/RESET ... ({@code role} null for ALL, {@code database}
     * null without IN DATABASE): one change of the role's defaults in pg_db_role_setting, as a
     * {@link DdlCommand.RoutineChange} ("set", "set-current" or "reset") like a function's SET clause.
     */
    record AlterRoleSet(RoleSpec role, String database, DdlCommand.RoutineChange change) implements RoleCommand {
        @Override
        public String tag() {
            return "ALTER ROLE";
        }
    }

    /** ALTER DATABASE name SET/RESET ...: one change of the database's defaults in pg_db_role_setting. */
    record AlterDatabaseSet(String database, DdlCommand.RoutineChange change) implements RoleCommand {
        @Override
        public String tag() {
            return "ALTER DATABASE";
        }
    }

    /** ALTER ROLE/USER/GROUP name RENAME TO newname. */
    record RenameRole(String name, String newName, int position) implements RoleCommand {
        @Override
        public String tag() {
            return "ALTER ROLE";
        }
    }

    /** DROP ROLE/USER/GROUP [IF EXISTS] name, .... */
    record DropRole(List<RoleSpec> roles, boolean ifExists) implements RoleCommand {
        @Override
        public String tag() {
            return "DROP ROLE";
        }
    }

    /** GRANT role, ... TO role, ... [WITH ADMIN OPTION] and REVOKE [ADMIN OPTION FOR] role, ... FROM role, .... */
    record GrantRole(boolean grant, List<RoleSpec> roles, List<RoleSpec> grantees, boolean adminOption)
            implements RoleCommand {
        @Override
        public String tag() {
            return grant ? "GRANT ROLE" : "REVOKE ROLE";
        }
    }

    /** What GRANT and REVOKE on objects name; LARGE_OBJECT's objects are the OIDs, as written, in the name. */
    enum ObjectType { TABLE, ALL_TABLES_IN_SCHEMA, SCHEMA, DATABASE, SEQUENCE, ALL_SEQUENCES_IN_SCHEMA, LARGE_OBJECT }

    /**
     * One privilege as written (lower case, e.g. "select"), with where it was written; {@code columns} are
     * the columns of a column privilege ({@code SELECT (a, b)}), null for a privilege on the whole object.
     * ALL PRIVILEGES with columns is the privilege "all".
     */
    record Privilege(String name, int position, List<String> columns) {
        public Privilege(String name, int position) {
            this(name, position, null);
        }
    }

    /**
     * GRANT privileges ON objects TO grantees [WITH GRANT OPTION] and REVOKE [GRANT OPTION FOR]
     * privileges ON objects FROM grantees [CASCADE | RESTRICT]. {@code privileges} is null for ALL
     * [PRIVILEGES]; {@code objects} are schema-qualified names for tables, plain names otherwise.
     */
    record GrantPrivileges(boolean grant, List<Privilege> privileges, ObjectType type,
            List<DdlCommand.QualifiedName> objects, List<RoleSpec> grantees, boolean grantOption)
            implements RoleCommand {
        @Override
        public String tag() {
            return grant ? "GRANT" : "REVOKE";
        }
    }

    /**
     * SET [LOCAL] ROLE name|NONE, RESET ROLE, SET [LOCAL] SESSION AUTHORIZATION name|DEFAULT and RESET
     * SESSION AUTHORIZATION; {@code name} is null for NONE, DEFAULT and RESET.
     */
    record SetRole(boolean sessionAuthorization, String name, boolean local, boolean reset, int position)
            implements RoleCommand {
        @Override
        public String tag() {
            return reset ? "RESET" : "SET";
        }
    }
}
