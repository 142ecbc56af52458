package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.RoleCommand;
import org.tusk.sql.ast.RoleCommand.ObjectType;
import org.tusk.sql.ast.RoleCommand.Privilege;
import org.tusk.sql.ast.RoleCommand.RoleOption;
import org.tusk.sql.ast.RoleCommand.RoleSpec;
import org.tusk.sql.ast.RoleCommand.SpecKind;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's rules about roles and privileges: CreateRoleStmt, CreateUserStmt, CreateGroupStmt,
 * AlterRoleStmt, RenameStmt for roles, DropRoleStmt, GrantStmt, RevokeStmt, GrantRoleStmt,
 * RevokeRoleStmt, and the ROLE and SESSION AUTHORIZATION forms of SET and RESET. The errors that
 * gram.y itself raises (a reserved role name, an unknown role option) are raised here, with
 * their positions.
 */
final class RoleParser {
    private final TokenStream in;

    RoleParser(TokenStream in) {
        this.in = in;
    }

    /** True if the statement at the next token is CREATE/ALTER/DROP ROLE, USER or GROUP. */
    static boolean isRoleDdl(TokenStream in) {
        Token t1 = in.peek(1);
        if (!(t1.isKeyword("role") || t1.isKeyword("user") || t1.isKeyword("group"))) {
            return false;
        }
        // CREATE USER MAPPING is another statement.
        return !(t1.isKeyword("user") && in.peek(2).isKeyword("mapping"));
    }

    /** CREATE, ALTER or DROP of a role; the caller checked {@link #isRoleDdl}. */
    Statement roleDdl() {
        Token first = in.next();
        Token kind = in.next();
        RoleCommand command = switch (first.text()) {
            case "create" -> create(kind.isKeyword("user"));
            case "alter" -> alter();
            default -> drop();
        };
        return new Statement.RoleStatement(command, first.position());
    }

    private RoleCommand create(boolean user) {
        Token nameToken = in.peek();
        String name = roleId();
        in.acceptKeyword("with");
        return new RoleCommand.CreateRole(name, user, options(true), nameToken.position());
    }

    private RoleCommand alter() {
        Token at = in.peek();
        if (at.isKeyword("all")) {
            in.next();
            return alterSettings(null);
        }
        RoleSpec role = roleSpec();
        if (in.atKeyword("rename")) {
            in.next();
            in.expectKeyword("to");
            if (role.kind() != SpecKind.NAME) {
                throw notHere(role, at);
            }
            Token newName = in.peek();
            return new RoleCommand.RenameRole(role.name(), roleId(), newName.position());
        }
        if (in.atKeyword("set") || in.atKeyword("reset") || in.atKeyword("in")) {
            return alterSettings(role);
        }
        in.acceptKeyword("with");
        return new RoleCommand.AlterRole(role, options(false));
    }

    /** gram.y's AlterRoleSetStmt after the role (null for ALL): [IN DATABASE name] SetResetClause. */
    private RoleCommand alterSettings(RoleSpec role) {
        String database = null;
        if (in.acceptKeyword("in")) {
            in.expectKeyword("database");
            database = in.colId().text();
        }
        if (!in.atKeyword("set") && !in.atKeyword("reset")) {
            throw TokenStream.syntaxError(in.peek());
        }
        return new RoleCommand.AlterRoleSet(role, database, SetClause.routineSetOrReset(in, in.next()));
    }

    /**
     * True if the statement at the next token is ALTER DATABASE name SET/RESET (gram.y's AlterDatabaseSetStmt);
     * SET TABLESPACE is another statement.
     */
    static boolean isDatabaseSet(TokenStream in) {
        return in.peek().isKeyword("alter") && in.peek(1).isKeyword("database")
                && (in.peek(3).isKeyword("reset")
                        || in.peek(3).isKeyword("set") && !in.peek(4).isKeyword("tablespace"));
    }

    /** ALTER DATABASE name SET/RESET ...; the caller checked {@link #isDatabaseSet}. */
    Statement alterDatabaseSet() {
        Token first = in.next();
        in.next();
        String database = in.colId().text();
        RoleCommand command = new RoleCommand.AlterDatabaseSet(database, SetClause.routineSetOrReset(in, in.next()));
        return new Statement.RoleStatement(command, first.position());
    }

    private RoleCommand drop() {
        boolean ifExists = false;
        if (in.atKeyword("if") && in.peek(1).isKeyword("exists")) {
            in.next();
            in.next();
            ifExists = true;
        }
        return new RoleCommand.DropRole(roleList(), ifExists);
    }

    /** gram.y's OptRoleList (CREATE) or AlterOptRoleList (ALTER): options up to the end of the statement. */
    private List<RoleOption> options(boolean create) {
        List<RoleOption> options = new ArrayList<>();
        while (!in.at(TokenKind.EOF) && !in.at(TokenKind.SEMICOLON)) {
            options.add(option(create));
        }
        return options;
    }

    private RoleOption option(boolean create) {
        Token t = in.peek();
        int pos = t.position();
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            throw TokenStream.syntaxError(t);
        }
        switch (t.text()) {
            case "password" -> {
                in.next();
                return new RoleOption("password", passwordValue(), pos);
            }
            case "encrypted" -> {
                in.next();
                in.expectKeyword("password");
                return new RoleOption("password", in.expect(TokenKind.STRING).text(), pos);
            }
            case "unencrypted" -> {
                in.next();
                in.expectKeyword("password");
                throw SqlException.at("0A000", "UNENCRYPTED PASSWORD is no longer supported", pos);
            }
            case "inherit" -> {
                in.next();
                return new RoleOption("inherit", Boolean.TRUE, pos);
            }
            case "connection" -> {
                in.next();
                in.expectKeyword("limit");
                return new RoleOption("connectionlimit", signedInteger(), pos);
            }
            case "valid" -> {
                in.next();
                in.expectKeyword("until");
                return new RoleOption("validUntil", in.expect(TokenKind.STRING).text(), pos);
            }
            case "user" -> {
                // Supported but not documented for roles, as in gram.y: the same as ROLE.
                in.next();
                return new RoleOption("rolemembers", roleList(), pos);
            }
            default -> {
            }
        }
        if (create) {
            switch (t.text()) {
                case "sysid" -> {
                    in.next();
                    in.expect(TokenKind.INTEGER);
                    return new RoleOption("sysid", null, pos);
                }
                case "admin" -> {
                    in.next();
                    return new RoleOption("adminmembers", roleList(), pos);
                }
                case "role" -> {
                    in.next();
                    return new RoleOption("rolemembers", roleList(), pos);
                }
                case "in" -> {
                    in.next();
                    if (!in.acceptKeyword("role")) {
                        in.expectKeyword("group");
                    }
                    return new RoleOption("addroleto", roleList(), pos);
                }
                default -> {
                }
            }
        }
        // The remaining options are plain identifiers, recognized by name as gram.y's AlterOptRoleElem does.
        if (Keywords.category(t.text()) != Keywords.Category.NONE && !isOptionWord(t.text())) {
            throw TokenStream.syntaxError(t);
        }
        in.next();
        return switch (t.text()) {
            case "superuser" -> new RoleOption("superuser", Boolean.TRUE, pos);
            case "nosuperuser" -> new RoleOption("superuser", Boolean.FALSE, pos);
            case "createrole" -> new RoleOption("createrole", Boolean.TRUE, pos);
            case "nocreaterole" -> new RoleOption("createrole", Boolean.FALSE, pos);
            case "replication" -> new RoleOption("isreplication", Boolean.TRUE, pos);
            case "noreplication" -> new RoleOption("isreplication", Boolean.FALSE, pos);
            case "createdb" -> new RoleOption("createdb", Boolean.TRUE, pos);
            case "nocreatedb" -> new RoleOption("createdb", Boolean.FALSE, pos);
            case "login" -> new RoleOption("canlogin", Boolean.TRUE, pos);
            case "nologin" -> new RoleOption("canlogin", Boolean.FALSE, pos);
            case "bypassrls" -> new RoleOption("bypassrls", Boolean.TRUE, pos);
            case "nobypassrls" -> new RoleOption("bypassrls", Boolean.FALSE, pos);
            case "noinherit" -> new RoleOption("inherit", Boolean.FALSE, pos);
            default -> throw SqlException.at("42601", "unrecognized role option \"" + t.text() + "\"", pos);
        };
    }

    /** The option words that are also keywords (REPLICATION is an unreserved keyword). */
    private static boolean isOptionWord(String word) {
        return word.equals("replication");
    }

    private String passwordValue() {
        if (in.acceptKeyword("null")) {
            return null;
        }
        return in.expect(TokenKind.STRING).text();
    }

    private Integer signedInteger() {
        boolean negative = false;
        if (in.atOp("-") || in.atOp("+")) {
            negative = in.next().text().equals("-");
        }
        Token n = in.expect(TokenKind.INTEGER);
        long v = Long.parseLong(n.text());
        return (int) (negative ? -v : v);
    }

    // ---- GRANT and REVOKE

    /** GRANT ... or REVOKE ...: privileges on objects, or roles to roles. */
    Statement grantOrRevoke() {
        Token first = in.next();
        boolean grant = first.isKeyword("grant");
        boolean optionFor = false;
        if (!grant && (in.atKeyword("grant") || in.atKeyword("admin")) && in.peek(1).isKeyword("option")
                && in.peek(2).isKeyword("for")) {
            in.next();
            in.next();
            in.next();
            optionFor = true;
        }
        List<Privilege> privileges = privileges();
        RoleCommand command;
        if (in.atKeyword("on")) {
            in.next();
            command = grantOnObjects(grant, optionFor, privileges);
        } else {
            command = grantRoles(grant, optionFor, privileges);
        }
        return new Statement.RoleStatement(command, first.position());
    }

    /** gram.y's privileges: null for ALL [PRIVILEGES]. */
    List<Privilege> privileges() {
        if (in.atKeyword("all")) {
            Token all = in.next();
            in.acceptKeyword("privileges");
            List<String> columns = columns();
            return columns == null ? null : List.of(new Privilege("all", all.position(), columns));
        }
        List<Privilege> list = new ArrayList<>();
        do {
            Token t = in.peek();
            if (t.isKeyword("select") || t.isKeyword("references") || t.isKeyword("create")) {
                in.next();
            } else {
                t = in.colId();
            }
            list.add(new Privilege(t.text(), t.position(), columns()));
        } while (in.accept(TokenKind.COMMA));
        return list;
    }

    /** A privilege's column list {@code (a, b)} (gram.y's opt_column_list), or null when there is none. */
    private List<String> columns() {
        if (!in.accept(TokenKind.LPAREN)) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        do {
            columns.add(in.colId().text());
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return columns;
    }

    private RoleCommand grantOnObjects(boolean grant, boolean optionFor, List<Privilege> privileges) {
        ObjectType type;
        List<QualifiedName> objects = new ArrayList<>();
        Token t = in.peek();
        if (t.isKeyword("all") && (in.peek(1).isKeyword("tables") || in.peek(1).isKeyword("sequences"))) {
            in.next();
            type = in.next().isKeyword("tables") ? ObjectType.ALL_TABLES_IN_SCHEMA
                    : ObjectType.ALL_SEQUENCES_IN_SCHEMA;
            in.expectKeyword("in");
            in.expectKeyword("schema");
            do {
                Token n = in.colId();
                objects.add(new QualifiedName(null, n.text(), n.position()));
            } while (in.accept(TokenKind.COMMA));
        } else if (t.isKeyword("schema") || t.isKeyword("database")) {
            in.next();
            type = t.isKeyword("schema") ? ObjectType.SCHEMA : ObjectType.DATABASE;
            do {
                Token n = in.colId();
                objects.add(new QualifiedName(null, n.text(), n.position()));
            } while (in.accept(TokenKind.COMMA));
        } else if (t.isKeyword("large") && in.peek(1).isKeyword("object")) {
            // LARGE OBJECT NumericOnly, ...: the OIDs are kept as written, in the names.
            in.next();
            in.next();
            type = ObjectType.LARGE_OBJECT;
            do {
                Token n = in.expect(TokenKind.INTEGER);
                objects.add(new QualifiedName(null, n.text(), n.position()));
            } while (in.accept(TokenKind.COMMA));
        } else if (t.isKeyword("sequence")) {
            in.next();
            type = ObjectType.SEQUENCE;
            do {
                objects.add(qualifiedName());
            } while (in.accept(TokenKind.COMMA));
        } else {
            if (isOtherObjectKind(t) && in.peek(1).kind() == TokenKind.IDENT && !in.peek(1).isKeyword("to")
                    && !in.peek(1).isKeyword("from")) {
                throw SqlException.at("0A000", "GRANT ON " + t.text().toUpperCase() + " is not supported yet",
                        t.position());
            }
            in.acceptKeyword("table");
            type = ObjectType.TABLE;
            do {
                objects.add(qualifiedName());
            } while (in.accept(TokenKind.COMMA));
        }
        if (grant) {
            in.expectKeyword("to");
        } else {
            in.expectKeyword("from");
        }
        List<RoleSpec> grantees = grantees();
        boolean grantOption = optionFor;
        if (grant && in.atKeyword("with") && in.peek(1).isKeyword("grant")) {
            in.next();
            in.next();
            in.expectKeyword("option");
            grantOption = true;
        }
        grantedBy();
        if (!grant && !in.acceptKeyword("restrict")) {
            in.acceptKeyword("cascade");
        }
        return new RoleCommand.GrantPrivileges(grant, privileges, type, objects, grantees, grantOption);
    }

    private static boolean isOtherObjectKind(Token t) {
        return t.isKeyword("function") || t.isKeyword("procedure")
                || t.isKeyword("routine") || t.isKeyword("language") || t.isKeyword("tablespace")
                || t.isKeyword("domain") || t.isKeyword("type") || t.isKeyword("foreign")
                || t.isKeyword("large");
    }

    private RoleCommand grantRoles(boolean grant, boolean adminOptionFor, List<Privilege> privileges) {
        if (privileges == null) {
            throw TokenStream.syntaxError(in.peek());
        }
        List<RoleSpec> roles = new ArrayList<>();
        for (Privilege p : privileges) {
            roles.add(new RoleSpec(SpecKind.NAME, p.name(), p.position()));
        }
        if (grant) {
            in.expectKeyword("to");
        } else {
            in.expectKeyword("from");
        }
        List<RoleSpec> grantees = roleList();
        boolean admin = adminOptionFor;
        if (grant && in.atKeyword("with")) {
            in.next();
            in.expectKeyword("admin");
            in.expectKeyword("option");
            admin = true;
        }
        grantedBy();
        if (!grant && !in.acceptKeyword("restrict")) {
            in.acceptKeyword("cascade");
        }
        return new RoleCommand.GrantRole(grant, roles, grantees, admin);
    }

    private void grantedBy() {
        if (in.atKeyword("granted")) {
            in.next();
            in.expectKeyword("by");
            roleSpec();
        }
    }

    /** gram.y's grantee_list: [GROUP] RoleSpec, .... */
    List<RoleSpec> grantees() {
        List<RoleSpec> list = new ArrayList<>();
        do {
            if (in.atKeyword("group") && in.peek(1).kind() == TokenKind.IDENT) {
                in.next();
            }
            list.add(roleSpec());
        } while (in.accept(TokenKind.COMMA));
        return list;
    }

    private QualifiedName qualifiedName() {
        Token first = in.colId();
        if (in.at(TokenKind.DOT)) {
            in.next();
            Token second = in.colId();
            return new QualifiedName(first.text(), second.text(), first.position());
        }
        return new QualifiedName(null, first.text(), first.position());
    }

    // ---- SET ROLE, SET SESSION AUTHORIZATION

    /**
     * The rest of {@code SET [LOCAL|SESSION] ROLE ...} or {@code SET [LOCAL|SESSION] SESSION AUTHORIZATION ...},
     * the next token being ROLE or SESSION.
     */
    Statement setRole(Token start, boolean local) {
        boolean authorization = in.atKeyword("session");
        in.next();
        if (authorization) {
            in.expectKeyword("authorization");
        }
        Token value = in.peek();
        String name;
        if (authorization && value.isKeyword("default")) {
            in.next();
            name = null;
        } else if (value.kind() == TokenKind.STRING) {
            in.next();
            name = value.text();
        } else {
            name = nonReservedWord().text();
        }
        if (!authorization && name != null && name.equals("none")) {
            name = null;
        }
        return new Statement.RoleStatement(new RoleCommand.SetRole(authorization, name, local, false,
                start.position()), start.position());
    }

    /** The rest of {@code RESET ROLE} or {@code RESET SESSION AUTHORIZATION}, the next token being ROLE or SESSION. */
    Statement resetRole(Token start) {
        boolean authorization = in.atKeyword("session");
        in.next();
        if (authorization) {
            in.expectKeyword("authorization");
        }
        return new Statement.RoleStatement(new RoleCommand.SetRole(authorization, null, false, true,
                start.position()), start.position());
    }

    // ---- role names

    /** gram.y's role_list. */
    private List<RoleSpec> roleList() {
        List<RoleSpec> list = new ArrayList<>();
        do {
            list.add(roleSpec());
        } while (in.accept(TokenKind.COMMA));
        return list;
    }

    /** gram.y's RoleSpec: NonReservedWord (public is PUBLIC, none is refused) or CURRENT_ROLE/USER, SESSION_USER. */
    RoleSpec roleSpec() {
        Token t = in.peek();
        if (t.kind() == TokenKind.IDENT && !t.quoted()) {
            switch (t.text()) {
                case "current_role" -> {
                    in.next();
                    return new RoleSpec(SpecKind.CURRENT_ROLE, null, t.position());
                }
                case "current_user" -> {
                    in.next();
                    return new RoleSpec(SpecKind.CURRENT_USER, null, t.position());
                }
                case "session_user" -> {
                    in.next();
                    return new RoleSpec(SpecKind.SESSION_USER, null, t.position());
                }
                default -> {
                }
            }
        }
        Token name = nonReservedWord();
        if (name.text().equals("public")) {
            return new RoleSpec(SpecKind.PUBLIC, null, name.position());
        }
        if (name.text().equals("none")) {
            throw reserved("none", name.position());
        }
        return new RoleSpec(SpecKind.NAME, name.text(), name.position());
    }

    /** gram.y's RoleId: a RoleSpec that must be a plain name. */
    private String roleId() {
        Token at = in.peek();
        RoleSpec spec = roleSpec();
        if (spec.kind() != SpecKind.NAME) {
            throw notHere(spec, at);
        }
        return spec.name();
    }

    private static SqlException notHere(RoleSpec spec, Token at) {
        return switch (spec.kind()) {
            case PUBLIC -> reserved("public", at.position());
            case NAME -> throw new IllegalStateException();
            default -> SqlException.at("42939", spec.kind().name() + " cannot be used as a role name here",
                    at.position());
        };
    }

    private static SqlException reserved(String name, int position) {
        return SqlException.at("42939", "role name \"" + name + "\" is reserved", position);
    }

    /** gram.y's NonReservedWord: an identifier or any keyword but a reserved one. */
    private Token nonReservedWord() {
        Token t = in.peek();
        if (t.kind() != TokenKind.IDENT
                || !t.quoted() && Keywords.category(t.text()) == Keywords.Category.RESERVED) {
            throw TokenStream.syntaxError(t);
        }
        return in.next();
    }
}
