package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * The parser's view of the lexer: tokens pulled on demand with as much lookahead as a rule needs.
 */
final class TokenStream {
    private final Lexer lexer;
    private final List<Token> lookahead = new ArrayList<>();

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
    }

    /** The token {@code n} places ahead (0 is the next one). */
    Token peek(int n) {
        while (lookahead.size() <= n) {
            Token last = lookahead.isEmpty() ? null : lookahead.getLast();
            lookahead.add(last != null && last.kind() == TokenKind.EOF ? last : lexer.next());
        }
        return lookahead.get(n);
    }

    Token peek() {
        return peek(0);
    }

    Token next() {
        Token t = peek(0);
        lookahead.removeFirst();
        return t;
    }

    boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    boolean atKeyword(String word) {
        return peek().isKeyword(word);
    }

    boolean atOp(String op) {
        return peek().isOp(op);
    }

    /** Consumes the keyword if it is next. */
    boolean acceptKeyword(String word) {
        if (atKeyword(word)) {
            next();
            return true;
        }
        return false;
    }

    boolean accept(TokenKind kind) {
        if (at(kind)) {
            next();
            return true;
        }
        return false;
    }

    Token expectKeyword(String word) {
        if (!atKeyword(word)) {
            throw syntaxError(peek());
        }
        return next();
    }

    Token expect(TokenKind kind) {
        if (!at(kind)) {
            throw syntaxError(peek());
        }
        return next();
    }

    /**
     * gram.y's ColId: a name that may stand for a column or table (an identifier, an unreserved or a
     * column-name keyword); reserved and type/function-name keywords are the syntax error.
     */
    Token colId() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT) {
            throw syntaxError(t);
        }
        Keywords.Category c = t.quoted() ? Keywords.Category.NONE : Keywords.category(t.text());
        if (c == Keywords.Category.RESERVED || c == Keywords.Category.TYPE_FUNC_NAME) {
            throw syntaxError(t);
        }
        return next();
    }

    /** PostgreSQL's generic grammar error, pointing at the token the grammar could not use. */
    static SqlException syntaxError(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return SqlException.at("42601", "syntax error at end of input", t.position());
        }
        return SqlException.at("42601", "syntax error at or near \"" + t.raw() + "\"", t.position());
    }
}
