package org.tusk.sql.parser;

import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's DeclareCursorStmt, FetchStmt (FETCH and MOVE) and ClosePortalStmt. FETCH's many spellings
 * (NEXT, PRIOR, FIRST, LAST, ABSOLUTE n, RELATIVE n, n, ALL, FORWARD [n|ALL], BACKWARD [n|ALL]) are
 * reduced here to the three kinds PostgreSQL's executor knows, so the session has only those to run.
 */
final class CursorParser {

    private final TokenStream in;
    private final Supplier<Statement> select;
    private final Supplier<Token> colId;

    CursorParser(TokenStream in, Supplier<Statement> select, Supplier<Token> colId) {
        this.in = in;
        this.select = select;
        this.colId = colId;
    }

    /** {@code DECLARE name [options] CURSOR [WITH|WITHOUT HOLD] FOR query}. */
    Statement declare() {
        Token start = in.next();
        String name = colId.get().text();
        boolean binary = false;
        Statement.ScrollOption scroll = Statement.ScrollOption.DEFAULT;
        // cursor_options: any order, repeats allowed by the grammar (PostgreSQL checks conflicts later).
        while (true) {
            if (in.acceptKeyword("binary")) {
                binary = true;
            } else if (in.acceptKeyword("insensitive") || in.acceptKeyword("asensitive")) {
                // Every Tusk cursor is insensitive: it reads the snapshot taken at DECLARE.
            } else if (in.atKeyword("no") && in.peek(1).isKeyword("scroll")) {
                in.next();
                in.next();
                scroll = noScroll(scroll);
            } else if (in.atKeyword("scroll")) {
                in.next();
                scroll = scroll(scroll);
            } else {
                break;
            }
        }
        in.expectKeyword("cursor");
        boolean hold = false;
        if (in.acceptKeyword("with")) {
            in.expectKeyword("hold");
            hold = true;
        } else if (in.acceptKeyword("without")) {
            in.expectKeyword("hold");
        }
        in.expectKeyword("for");
        Token queryStart = in.peek();
        if (!(queryStart.kind() == TokenKind.LPAREN || queryStart.isKeyword("select") || queryStart.isKeyword("values")
                || queryStart.isKeyword("table") || queryStart.isKeyword("with"))) {
            throw TokenStream.syntaxError(queryStart);
        }
        Statement.Select query = (Statement.Select) select.get();
        return new Statement.DeclareCursor(name, binary, scroll, hold, query, start.position());
    }

    private Statement.ScrollOption scroll(Statement.ScrollOption current) {
        if (current == Statement.ScrollOption.NO_SCROLL) {
            throw conflicting();
        }
        return Statement.ScrollOption.SCROLL;
    }

    private Statement.ScrollOption noScroll(Statement.ScrollOption current) {
        if (current == Statement.ScrollOption.SCROLL) {
            throw conflicting();
        }
        return Statement.ScrollOption.NO_SCROLL;
    }

    private static SqlException conflicting() {
        return new SqlException("42P11", "cannot specify both SCROLL and NO SCROLL");
    }

    /** {@code FETCH|MOVE [direction [FROM|IN]] name}. */
    Statement fetch() {
        Token start = in.next();
        boolean move = start.isKeyword("move");
        Statement.FetchDirection direction = Statement.FetchDirection.RELATIVE_COUNT;
        long count = 1;
        if (in.acceptKeyword("next")) {
        } else if (in.acceptKeyword("prior")) {
            count = -1;
        } else if (in.acceptKeyword("first")) {
            direction = Statement.FetchDirection.ABSOLUTE;
        } else if (in.acceptKeyword("last")) {
            direction = Statement.FetchDirection.ABSOLUTE;
            count = -1;
        } else if (in.acceptKeyword("absolute")) {
            direction = Statement.FetchDirection.ABSOLUTE;
            count = signedCount();
        } else if (in.acceptKeyword("relative")) {
            direction = Statement.FetchDirection.RELATIVE;
            count = signedCount();
        } else if (in.acceptKeyword("all")) {
            count = Long.MAX_VALUE;
        } else if (in.acceptKeyword("forward")) {
            count = countOrAll(1);
        } else if (in.acceptKeyword("backward")) {
            count = -countOrAll(1);
        } else if (atSignedCount()) {
            count = signedCount();
        }
        // FROM or IN may follow a direction or stand alone (FETCH FROM c); either may be left out.
        if (!in.acceptKeyword("from")) {
            in.acceptKeyword("in");
        }
        String name = colId.get().text();
        return new Statement.Fetch(name, direction, count, move, start.position());
    }

    private long countOrAll(long none) {
        if (in.acceptKeyword("all")) {
            return Long.MAX_VALUE;
        }
        return atSignedCount() ? signedCount() : none;
    }

    private boolean atSignedCount() {
        if (in.at(TokenKind.INTEGER)) {
            return true;
        }
        return (in.atOp("-") || in.atOp("+")) && in.peek(1).kind() == TokenKind.INTEGER;
    }

    /** SignedIconst: an integer that fits in 32 bits, with an optional sign. */
    private long signedCount() {
        boolean negative = false;
        if (in.atOp("-") || in.atOp("+")) {
            negative = in.next().text().equals("-");
        }
        Token t = in.expect(TokenKind.INTEGER);
        long v;
        try {
            v = Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw TokenStream.syntaxError(t);
        }
        return negative ? -v : v;
    }

    /** {@code CLOSE name | ALL}. */
    Statement close() {
        Token start = in.next();
        if (in.acceptKeyword("all")) {
            return new Statement.CloseCursor(null, start.position());
        }
        return new Statement.CloseCursor(colId.get().text(), start.position());
    }
}
