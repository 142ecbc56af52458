package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.DomainCheck;
import org.tusk.sql.ast.DdlCommand.ExprText;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's CreateDomainStmt, AlterDomainStmt and DROP DOMAIN. Kept apart from {@link DdlParser} because a
 * domain's constraint list is its own small grammar (no keys, VALUE in the conditions); the stored
 * expressions are read by DdlParser's helpers so their SQL text is kept the same way as a table's.
 */
final class DomainParser {
    private final TokenStream in;
    private final ExprParser exprs;
    private final Supplier<ExprText> exprText;
    private final Supplier<QualifiedName> qualifiedName;

    DomainParser(TokenStream in, ExprParser exprs, Supplier<ExprText> exprText, Supplier<QualifiedName> qualifiedName) {
        this.in = in;
        this.exprs = exprs;
        this.exprText = exprText;
        this.qualifiedName = qualifiedName;
    }

    /** CREATE DOMAIN, positioned at CREATE. */
    DdlCommand create() {
        in.next();
        in.expectKeyword("domain");
        QualifiedName name = qualifiedName.get();
        in.acceptKeyword("as");
        TypeName base = exprs.parseTypeName();
        ExprText defaultValue = null;
        boolean notNull = false;
        List<DomainCheck> checks = new ArrayList<>();
        while (true) {
            String constraint = null;
            Token at = in.peek();
            if (in.acceptKeyword("constraint")) {
                constraint = name().text();
            }
            if (in.atKeyword("not") && in.peek(1).isKeyword("null")) {
                in.next();
                in.next();
                notNull = true;
            } else if (in.acceptKeyword("null")) {
                notNull = false;
            } else if (in.atKeyword("check")) {
                checks.add(check(constraint));
            } else if (constraint == null && in.acceptKeyword("default")) {
                defaultValue = exprText.get();
            } else if (constraint == null && in.acceptKeyword("collate")) {
                qualifiedName.get();
            } else if (in.atKeyword("unique") || in.atKeyword("primary") || in.atKeyword("references")) {
                String what = in.atKeyword("unique") ? "unique" : in.atKeyword("primary") ? "primary key"
                        : "foreign key";
                throw SqlException.at("42P16", what + " constraints not possible for domains", at.position());
            } else if (constraint != null) {
                throw TokenStream.syntaxError(in.peek());
            } else {
                break;
            }
        }
        return new DdlCommand.CreateDomain(name, base, defaultValue, notNull, checks);
    }

    /** ALTER DOMAIN, positioned at ALTER (OWNER TO is OwnerParser's). */
    DdlCommand alter() {
        in.next();
        in.expectKeyword("domain");
        QualifiedName name = qualifiedName.get();
        if (in.acceptKeyword("set")) {
            if (in.acceptKeyword("default")) {
                return action(name, 'T', exprText.get(), null, null, null, false);
            }
            in.expectKeyword("not");
            in.expectKeyword("null");
            return action(name, 'N', null, null, null, null, false);
        }
        if (in.acceptKeyword("drop")) {
            if (in.acceptKeyword("default")) {
                return action(name, 'T', null, null, null, null, false);
            }
            if (in.acceptKeyword("not")) {
                in.expectKeyword("null");
                return action(name, 'O', null, null, null, null, false);
            }
            in.expectKeyword("constraint");
            boolean ifExists = false;
            if (in.acceptKeyword("if")) {
                in.expectKeyword("exists");
                ifExists = true;
            }
            String constraint = name().text();
            if (!in.acceptKeyword("cascade")) {
                in.acceptKeyword("restrict");
            }
            return action(name, 'X', null, null, constraint, null, ifExists);
        }
        if (in.acceptKeyword("add")) {
            String constraint = null;
            if (in.acceptKeyword("constraint")) {
                constraint = name().text();
            }
            if (in.atKeyword("not") && in.peek(1).isKeyword("null")) {
                in.next();
                in.next();
                return action(name, 'N', null, null, null, null, false);
            }
            if (!in.atKeyword("check")) {
                throw TokenStream.syntaxError(in.peek());
            }
            return action(name, 'C', null, check(constraint), null, null, false);
        }
        if (in.acceptKeyword("validate")) {
            in.expectKeyword("constraint");
            return action(name, 'V', null, null, name().text(), null, false);
        }
        in.expectKeyword("rename");
        if (in.acceptKeyword("constraint")) {
            String from = name().text();
            in.expectKeyword("to");
            return action(name, 'r', null, null, from, name().text(), false);
        }
        in.expectKeyword("to");
        return action(name, 'R', null, null, null, name().text(), false);
    }

    /** DROP DOMAIN [IF EXISTS] name, ... [CASCADE | RESTRICT], positioned at DROP. */
    DdlCommand drop() {
        in.next();
        in.expectKeyword("domain");
        boolean ifExists = false;
        if (in.acceptKeyword("if")) {
            in.expectKeyword("exists");
            ifExists = true;
        }
        List<QualifiedName> names = new ArrayList<>();
        do {
            names.add(qualifiedName.get());
        } while (in.accept(TokenKind.COMMA));
        boolean cascade = in.acceptKeyword("cascade");
        if (!cascade) {
            in.acceptKeyword("restrict");
        }
        return new DdlCommand.DropDomain(names, ifExists, cascade);
    }

    /** CHECK (condition) [NO INHERIT] [NOT VALID], positioned at CHECK. */
    private DomainCheck check(String constraint) {
        Token at = in.next();
        in.expect(TokenKind.LPAREN);
        ExprText condition = exprText.get();
        in.expect(TokenKind.RPAREN);
        if (in.atKeyword("no") && in.peek(1).isKeyword("inherit")) {
            throw SqlException.at("42P17", "check constraints for domains cannot be marked NO INHERIT",
                    at.position());
        }
        boolean notValid = false;
        if (in.atKeyword("not") && in.peek(1).isKeyword("valid")) {
            in.next();
            in.next();
            notValid = true;
        }
        return new DomainCheck(constraint, condition, notValid);
    }

    private static DdlCommand action(QualifiedName name, char action, ExprText defaultValue, DomainCheck check,
            String constraint, String newName, boolean ifExists) {
        return new DdlCommand.AlterDomain(name, action, defaultValue, check, constraint, newName, ifExists);
    }

    private Token name() {
        Token t = in.peek();
        if (t.kind() != TokenKind.IDENT || !t.quoted() && Keywords.category(t.text()) == Keywords.Category.RESERVED) {
            throw TokenStream.syntaxError(t);
        }
        return in.next();
    }
}
