package org.tusk.sql.parser;

import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * {@code OPERATOR(schema.op)}: an operator named with its schema, as psql writes
 * {@code relname OPERATOR(pg_catalog.~) '^(t)$'} so that a user's operators cannot capture its catalog queries.
 * Whatever the operator, the construct has the precedence of the "other" operators (gram.y's qual_Op).
 * The schema stays in the operator's name ({@code pg_catalog.=}; operator names never contain a dot):
 * analysis looks {@code pg_catalog.op} up as {@code op}, where every built-in operator lives, finds nothing
 * in another schema, and reports a missing schema (3F000) or operator (42883) in PostgreSQL's words,
 * "operator does not exist: integer public.= integer".
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
        if (s.contains(".")) {
            // gram.y's any_operator: PostgreSQL reports this without a position.
            throw new SqlException("0A000", "cross-database references are not implemented: " + s + "." + op.text());
        }
        String name = s.isEmpty() ? op.text() : s + "." + op.text();
        return new Token(TokenKind.OP, name, op.raw(), keyword.position(), false);
    }
}
