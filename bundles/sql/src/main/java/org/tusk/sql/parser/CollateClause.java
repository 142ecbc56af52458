package org.tusk.sql.parser;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * {@code expr COLLATE name}. This engine compares strings by code point, which is what the collations a
 * UTF8 database always has (pg_catalog's "default", "C", "POSIX", "ucs_basic", with a C.UTF-8 database
 * default) all do; so the clause names one of them and leaves the expression as it is. psql's
 * {@code \d NAME} query ends its pattern with {@code COLLATE pg_catalog.default}. Any other name is the
 * error PostgreSQL reports for a collation that does not exist.
 */
final class CollateClause {

    private CollateClause() {
    }

    /** Consumes COLLATE any_name after {@code e}; returns {@code e}. */
    static Expr parse(TokenStream in, Expr e) {
        Token keyword = in.next();
        Token first = in.peek();
        if (first.kind() != TokenKind.IDENT) {
            throw TokenStream.syntaxError(first);
        }
        in.next();
        String schema = null;
        String name = first.text();
        if (in.accept(TokenKind.DOT)) {
            Token second = in.peek();
            if (second.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(second);
            }
            in.next();
            schema = name;
            name = second.text();
        }
        boolean known = name.equals("default") || name.equals("C") || name.equals("POSIX") || name.equals("ucs_basic");
        if (schema != null && !schema.equals("pg_catalog")) {
            throw SqlException.at("3F000", "schema \"" + schema + "\" does not exist", first.position());
        }
        if (!known) {
            String qualified = schema == null ? name : schema + "." + name;
            throw SqlException.at("42704", "collation \"" + qualified + "\" for encoding \"UTF8\" does not exist",
                    keyword.position());
        }
        return e;
    }
}
