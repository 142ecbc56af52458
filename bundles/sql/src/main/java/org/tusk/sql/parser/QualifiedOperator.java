package org.tusk.sql.parser;

import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * {@code OPERATOR(schema.op)}: an operator named with its schema, as psql writes
 * {@code relname OPERATOR(pg_catalog.~) '^(t)$'} so that a user's operators cannot capture its catalog queries.
 * Whatever the operator, the construct has the precedence of the "other" operators (gram.y's qual_Op).
 * Every built-in operator of this engine lives in pg_catalog, so any other schema names no operator.
 */
final class QualifiedOperator {

    private QualifiedOperator() {
    }

    /** Consumes OPERATOR ( [schema .]... op ) and returns the operator as a token at OPERATOR's position. */
    static Token parse(TokenStream in) {
        Token keyword = in.next();
        in.expect(TokenKind.LPAREN);
        StringBuilder schema = new StringBuilder();
        while (in.peek().kind() == TokenKind.IDENT && in.peek(1).kind() == TokenKind.DOT) {
            if (!schema.isEmpty()) {
                schema.append('.');
            }
            schema.append(in.next().text());
            in.next();
        }
        Token op = in.peek();
        if (op.kind() != TokenKind.OP) {
            throw TokenStream.syntaxError(op);
        }
        in.next();
        in.expect(TokenKind.RPAREN);
        String s = schema.toString();
        if (!s.isEmpty() && !s.equals("pg_catalog")) {
            if (s.contains(".")) {
                throw SqlException.at("0A000", "cross-database references are not implemented: " + s + "." + op.text(),
                        keyword.position());
            }
            throw SqlException.at("3F000", "schema \"" + s + "\" does not exist", keyword.position());
        }
        return new Token(TokenKind.OP, op.text(), op.raw(), keyword.position(), false);
    }
}
