package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.RoleCommand.Privilege;
import org.tusk.sql.ast.RoleCommand.RoleSpec;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's AlterDefaultPrivilegesStmt: ALTER DEFAULT PRIVILEGES [FOR {ROLE|USER} r, ...] [IN SCHEMA s, ...]
 * followed by an abbreviated GRANT or REVOKE whose object is a kind (TABLES, SEQUENCES, FUNCTIONS, ROUTINES,
 * TYPES, SCHEMAS) instead of named objects. The privilege list and the grantees are GRANT's own
 * ({@link RoleParser}).
 */
final class DefaultPrivilegesParser {
    private DefaultPrivilegesParser() {
    }

    /** Whether the statement at the next token (ALTER) is ALTER DEFAULT PRIVILEGES. */
    static boolean at(TokenStream in) {
        return in.peek(1).isKeyword("default") && in.peek(2).isKeyword("privileges");
    }

    static DdlCommand parse(TokenStream in) {
        in.next();
        in.next();
        in.next();
        RoleParser roles = new RoleParser(in);
        List<RoleSpec> forRoles = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        while (true) {
            if (in.atKeyword("for")) {
                in.next();
                if (!in.acceptKeyword("role")) {
                    in.expectKeyword("user");
                }
                do {
                    forRoles.add(roles.roleSpec());
                } while (in.accept(TokenKind.COMMA));
            } else if (in.atKeyword("in")) {
                in.next();
                in.expectKeyword("schema");
                do {
                    schemas.add(in.colId().text());
                } while (in.accept(TokenKind.COMMA));
            } else {
                break;
            }
        }
        boolean grant = in.atKeyword("grant");
        if (!grant) {
            in.expectKeyword("revoke");
        } else {
            in.next();
        }
        boolean grantOption = false;
        if (!grant && in.atKeyword("grant") && in.peek(1).isKeyword("option")) {
            in.next();
            in.next();
            in.expectKeyword("for");
            grantOption = true;
        }
        List<Privilege> privileges = roles.privileges();
        in.expectKeyword("on");
        Token kind = in.next();
        char objectType = switch (kind.kind() == TokenKind.IDENT && !kind.quoted() ? kind.text() : "") {
            case "tables" -> 'r';
            case "sequences" -> 'S';
            case "functions", "routines" -> 'f';
            case "types" -> 'T';
            case "schemas" -> 'n';
            default -> throw TokenStream.syntaxError(kind);
        };
        if (grant) {
            in.expectKeyword("to");
        } else {
            in.expectKeyword("from");
        }
        List<RoleSpec> grantees = roles.grantees();
        if (grant && in.atKeyword("with")) {
            in.next();
            in.expectKeyword("grant");
            in.expectKeyword("option");
            grantOption = true;
        }
        if (!grant && !in.acceptKeyword("restrict")) {
            in.acceptKeyword("cascade");
        }
        return new DdlCommand.AlterDefaultPrivileges(forRoles, schemas, grant, grantOption, privileges, objectType,
                grantees);
    }
}
