package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's CreateExtensionStmt, DropStmt for extensions and AlterExtensionStmt (UPDATE only):
 * {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]},
 * {@code DROP EXTENSION [IF EXISTS] name, ... [CASCADE | RESTRICT]} and
 * {@code ALTER EXTENSION name UPDATE [TO v]}. Options may come in any order, as gram.y's
 * create_extension_opt_list allows; the obsolete FROM old_version is refused as PostgreSQL 15 refuses it.
 */
final class ExtensionParser {

    private ExtensionParser() {
    }

    static boolean atExtension(TokenStream in) {
        return in.peek(1).isKeyword("extension");
    }

    /** At CREATE EXTENSION. */
    static DdlCommand create(TokenStream in) {
        in.next();
        in.next();
        boolean ifNotExists = false;
        if (in.atKeyword("if")) {
            in.next();
            in.expectKeyword("not");
            in.expectKeyword("exists");
            ifNotExists = true;
        }
        Token name = in.colId();
        in.acceptKeyword("with");
        String schema = null;
        String version = null;
        boolean cascade = false;
        while (true) {
            if (in.acceptKeyword("schema")) {
                schema = in.colId().text();
            } else if (in.acceptKeyword("version")) {
                version = versionWord(in);
            } else if (in.atKeyword("from")) {
                throw org.tusk.spi.SqlException.at("0A000", "CREATE EXTENSION ... FROM is no longer supported",
                        in.peek().position());
            } else if (in.acceptKeyword("cascade")) {
                cascade = true;
            } else {
                break;
            }
        }
        return new DdlCommand.CreateExtension(name.text(), ifNotExists, schema, version, cascade, name.position());
    }

    /** At DROP EXTENSION. */
    static DdlCommand drop(TokenStream in) {
        in.next();
        in.next();
        boolean ifExists = false;
        if (in.atKeyword("if")) {
            in.next();
            in.expectKeyword("exists");
            ifExists = true;
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(in.colId().text());
        } while (in.accept(TokenKind.COMMA));
        boolean cascade = in.acceptKeyword("cascade");
        if (!cascade) {
            in.acceptKeyword("restrict");
        }
        return new DdlCommand.DropExtension(names, ifExists, cascade);
    }

    /** At ALTER EXTENSION: only UPDATE [TO version]; other forms are not recognized (null, nothing consumed). */
    static DdlCommand alter(TokenStream in) {
        if (!in.peek(3).isKeyword("update")) {
            return null;
        }
        in.next();
        in.next();
        Token name = in.colId();
        in.expectKeyword("update");
        String version = null;
        if (in.acceptKeyword("to")) {
            version = versionWord(in);
        }
        return new DdlCommand.AlterExtensionUpdate(name.text(), version);
    }

    /** NonReservedWord_or_Sconst: a version is a string constant or a name. */
    private static String versionWord(TokenStream in) {
        if (in.at(TokenKind.STRING)) {
            return in.next().text();
        }
        return in.colId().text();
    }
}
