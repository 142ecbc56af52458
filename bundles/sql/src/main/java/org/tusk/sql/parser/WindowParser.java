package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's over_clause, window_specification and opt_frame_clause, shared by OVER and the WINDOW
 * clause. The frame's shape errors PostgreSQL's grammar raises (an UNBOUNDED FOLLOWING start, a frame
 * whose end precedes its start) are raised here too, with the same positions.
 */
final class WindowParser {

    private final TokenStream in;
    private final ExprParser exprs;
    private final SelectParser queries;

    WindowParser(TokenStream in, ExprParser exprs, SelectParser queries) {
        this.in = in;
        this.exprs = exprs;
        this.queries = queries;
    }

    /** After OVER: a window name, or a parenthesized specification. */
    Expr.WindowSpec over() {
        Token t = in.peek();
        if (t.kind() == TokenKind.LPAREN) {
            return specification();
        }
        return new Expr.WindowSpec(in.colId().text(), false, List.of(), List.of(), null, t.position());
    }

    /** {@code ( [name] [PARTITION BY ...] [ORDER BY ...] [frame] )}. */
    Expr.WindowSpec specification() {
        Token open = in.expect(TokenKind.LPAREN);
        String ref = null;
        Token t = in.peek();
        if (t.kind() == TokenKind.IDENT && !(t.isKeyword("partition") || t.isKeyword("order") || t.isKeyword("range")
                || t.isKeyword("rows") || t.isKeyword("groups"))) {
            ref = in.colId().text();
        }
        List<Expr> partition = List.of();
        if (in.acceptKeyword("partition")) {
            in.expectKeyword("by");
            partition = exprs.parseExprList();
        }
        List<Query.SortBy> order = List.of();
        if (in.acceptKeyword("order")) {
            in.expectKeyword("by");
            order = queries.sortList();
        }
        Expr.WindowFrame frame = null;
        if (in.atKeyword("range") || in.atKeyword("rows") || in.atKeyword("groups")) {
            frame = frame();
        }
        in.expect(TokenKind.RPAREN);
        return new Expr.WindowSpec(ref, true, partition, order, frame, open.position());
    }

    private Expr.WindowFrame frame() {
        Token modeToken = in.next();
        Expr.FrameMode mode = Expr.FrameMode.valueOf(modeToken.text().toUpperCase(java.util.Locale.ROOT));
        Expr.FrameBound start;
        Expr.FrameBound end;
        if (in.acceptKeyword("between")) {
            start = bound();
            in.expectKeyword("and");
            end = bound();
            if (start.kind() == Expr.FrameBoundKind.UNBOUNDED_FOLLOWING) {
                throw SqlException.at("42P20", "frame start cannot be UNBOUNDED FOLLOWING", start.position());
            }
            if (end.kind() == Expr.FrameBoundKind.UNBOUNDED_PRECEDING) {
                throw SqlException.at("42P20", "frame end cannot be UNBOUNDED PRECEDING", end.position());
            }
            if (start.kind() == Expr.FrameBoundKind.CURRENT_ROW && end.kind() == Expr.FrameBoundKind.OFFSET_PRECEDING) {
                throw SqlException.at("42P20", "frame starting from current row cannot have preceding rows",
                        end.position());
            }
            if (start.kind() == Expr.FrameBoundKind.OFFSET_FOLLOWING
                    && (end.kind() == Expr.FrameBoundKind.OFFSET_PRECEDING
                            || end.kind() == Expr.FrameBoundKind.CURRENT_ROW)) {
                throw SqlException.at("42P20", "frame starting from following row cannot have preceding rows",
                        end.position());
            }
        } else {
            start = bound();
            end = new Expr.FrameBound(Expr.FrameBoundKind.CURRENT_ROW, null, -1);
            if (start.kind() == Expr.FrameBoundKind.UNBOUNDED_FOLLOWING) {
                throw SqlException.at("42P20", "frame start cannot be UNBOUNDED FOLLOWING", start.position());
            }
            if (start.kind() == Expr.FrameBoundKind.OFFSET_FOLLOWING) {
                throw SqlException.at("42P20", "frame starting from following row cannot end with current row",
                        start.position());
            }
        }
        Expr.FrameExclusion exclusion = Expr.FrameExclusion.NO_OTHERS;
        if (in.acceptKeyword("exclude")) {
            if (in.acceptKeyword("current")) {
                in.expectKeyword("row");
                exclusion = Expr.FrameExclusion.CURRENT_ROW;
            } else if (in.acceptKeyword("group")) {
                exclusion = Expr.FrameExclusion.GROUP;
            } else if (in.acceptKeyword("ties")) {
                exclusion = Expr.FrameExclusion.TIES;
            } else {
                in.expectKeyword("no");
                in.expectKeyword("others");
            }
        }
        return new Expr.WindowFrame(mode, start, end, exclusion, modeToken.position());
    }

    private Expr.FrameBound bound() {
        Token t = in.peek();
        if (t.isKeyword("unbounded")) {
            in.next();
            if (in.acceptKeyword("preceding")) {
                return new Expr.FrameBound(Expr.FrameBoundKind.UNBOUNDED_PRECEDING, null, t.position());
            }
            in.expectKeyword("following");
            return new Expr.FrameBound(Expr.FrameBoundKind.UNBOUNDED_FOLLOWING, null, t.position());
        }
        if (t.isKeyword("current")) {
            in.next();
            in.expectKeyword("row");
            return new Expr.FrameBound(Expr.FrameBoundKind.CURRENT_ROW, null, t.position());
        }
        Expr offset = exprs.parseExpr();
        if (in.acceptKeyword("preceding")) {
            return new Expr.FrameBound(Expr.FrameBoundKind.OFFSET_PRECEDING, offset, t.position());
        }
        in.expectKeyword("following");
        return new Expr.FrameBound(Expr.FrameBoundKind.OFFSET_FOLLOWING, offset, t.position());
    }

    /** {@code WINDOW name AS (spec) [, ...]}, after the keyword WINDOW. */
    List<Query.WindowDef> windowClause() {
        List<Query.WindowDef> defs = new ArrayList<>();
        do {
            Token name = in.colId();
            in.expectKeyword("as");
            defs.add(new Query.WindowDef(name.text(), specification(), name.position()));
        } while (in.accept(TokenKind.COMMA));
        return defs;
    }

}
