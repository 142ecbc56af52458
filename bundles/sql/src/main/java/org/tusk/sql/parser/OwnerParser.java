package org.tusk.sql.parser;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's AlterOwnerStmt (and ALTER TABLE's OWNER TO action) for the objects that have owners here:
 * ALTER {TABLE|VIEW|SEQUENCE|SCHEMA|DATABASE|TYPE} name OWNER TO role. Recognized by looking ahead,
 * so that every other ALTER TABLE keeps going to the ALTER TABLE grammar. The new owner may be
 * CURRENT_USER, CURRENT_ROLE or SESSION_USER (RoleSpec), marked with a leading NUL so that a role really
 * named "current_user" (quoted) stays a name.
 */
final class OwnerParser {
    private OwnerParser() {
    }

    /** Whether the statement at the next token (ALTER) is ALTER kind [IF EXISTS] [ONLY] name OWNER TO. */
    static boolean atAlterOwner(TokenStream in) {
        if (in.peek(1).isKeyword("large") && in.peek(2).isKeyword("object")) {
            return in.peek(3).kind() == TokenKind.INTEGER && in.peek(4).isKeyword("owner");
        }
        if (kind(in.peek(1)) == null) {
            return false;
        }
        int k = 2;
        if (in.peek(k).isKeyword("if") && in.peek(k + 1).isKeyword("exists")) {
            k += 2;
        }
        if (in.peek(k).isKeyword("only")) {
            k++;
        }
        if (in.peek(k).kind() != TokenKind.IDENT) {
            return false;
        }
        k++;
        if (in.peek(k).kind() == TokenKind.DOT) {
            k += 2;
        }
        return in.peek(k).isKeyword("owner") && in.peek(k + 1).isKeyword("to");
    }

    /** The command; the caller checked {@link #atAlterOwner}. */
    static DdlCommand alterOwner(TokenStream in) {
        in.next();
        if (in.acceptKeyword("large")) {
            // ALTER LARGE OBJECT oid OWNER TO role: the OID is kept as written, in the name.
            in.expectKeyword("object");
            Token oid = in.expect(TokenKind.INTEGER);
            QualifiedName name = new QualifiedName(null, oid.text(), oid.position());
            return ownerTo(in, "LARGE OBJECT", name, false);
        }
        String kind = kind(in.next());
        boolean ifExists = false;
        if (in.acceptKeyword("if")) {
            in.expectKeyword("exists");
            ifExists = true;
        }
        in.acceptKeyword("only");
        Token first = in.next();
        QualifiedName name;
        if (in.accept(TokenKind.DOT)) {
            Token second = in.next();
            if (second.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(second);
            }
            name = new QualifiedName(first.text(), second.text(), first.position());
        } else {
            name = new QualifiedName(null, first.text(), first.position());
        }
        return ownerTo(in, kind, name, ifExists);
    }

    /** OWNER TO role, the end of every ALTER ... OWNER TO. */
    private static DdlCommand ownerTo(TokenStream in, String kind, QualifiedName name, boolean ifExists) {
        in.expectKeyword("owner");
        in.expectKeyword("to");
        Token role = in.next();
        if (role.kind() != TokenKind.IDENT) {
            throw TokenStream.syntaxError(role);
        }
        boolean special = !role.quoted() && (role.text().equals("current_user") || role.text().equals("current_role")
                || role.text().equals("session_user"));
        return new DdlCommand.AlterOwner(kind, name, ifExists, role.text(), special);
    }

    /** The object kind as the command tag spells it, or null for one without OWNER TO here. */
    private static String kind(Token t) {
        if (t.kind() != TokenKind.IDENT || t.quoted()) {
            return null;
        }
        return switch (t.text()) {
            case "table", "view", "sequence", "schema", "database", "type", "domain" ->
                    t.text().toUpperCase(java.util.Locale.ROOT);
            default -> null;
        };
    }

    /** REASSIGN OWNED BY role, ... TO role, positioned at REASSIGN. */
    static DdlCommand reassignOwned(TokenStream in) {
        in.next();
        in.expectKeyword("owned");
        in.expectKeyword("by");
        RoleParser roles = new RoleParser(in);
        java.util.List<org.tusk.sql.ast.RoleCommand.RoleSpec> from = new java.util.ArrayList<>();
        do {
            from.add(roles.roleSpec());
        } while (in.accept(TokenKind.COMMA));
        in.expectKeyword("to");
        return new DdlCommand.ReassignOwned(from, roles.roleSpec());
    }

    /** DROP OWNED BY role, ... [CASCADE | RESTRICT], positioned at DROP. */
    static DdlCommand dropOwned(TokenStream in) {
        in.next();
        in.expectKeyword("owned");
        in.expectKeyword("by");
        RoleParser roles = new RoleParser(in);
        java.util.List<org.tusk.sql.ast.RoleCommand.RoleSpec> list = new java.util.ArrayList<>();
        do {
            list.add(roles.roleSpec());
        } while (in.accept(TokenKind.COMMA));
        boolean cascade = in.acceptKeyword("cascade");
        if (!cascade) {
            in.acceptKeyword("restrict");
        }
        return new DdlCommand.DropOwned(list, cascade);
    }
}
