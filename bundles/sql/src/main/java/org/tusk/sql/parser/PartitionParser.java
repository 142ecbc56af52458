package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's PartitionSpec ({@code PARTITION BY strategy (columns)}) and PartitionBoundSpec ({@code FOR VALUES
 * ... | DEFAULT}), shared by CREATE TABLE and ALTER TABLE ATTACH PARTITION. Partition keys are plain columns
 * here; an expression key is reported as not supported yet.
 */
final class PartitionParser {
    private final TokenStream in;
    private final ExprParser exprs;

    PartitionParser(TokenStream in, ExprParser exprs) {
        this.in = in;
        this.exprs = exprs;
    }

    /** Whether the next tokens are PARTITION BY. */
    boolean atPartitionBy() {
        return in.atKeyword("partition") && in.peek(1).isKeyword("by");
    }

    /** {@code PARTITION BY strategy ( column [, ...] )}. */
    DdlCommand.PartitionBy partitionBy() {
        int position = in.next().position();
        in.expectKeyword("by");
        Token strategy = in.colId();
        char strat = switch (strategy.text()) {
            case "range" -> 'r';
            case "list" -> 'l';
            case "hash" -> 'h';
            default -> throw SqlException.at("22023", "unrecognized partitioning strategy \"" + strategy.text()
                    + "\"", strategy.position());
        };
        in.expect(TokenKind.LPAREN);
        List<String> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        do {
            Token t = in.peek();
            if (t.kind() != TokenKind.IDENT || in.peek(1).kind() == TokenKind.LPAREN) {
                throw SqlException.at("0A000", "partition keys other than plain columns are not supported yet",
                        t.position());
            }
            in.colId();
            columns.add(t.text());
            positions.add(t.position());
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return new DdlCommand.PartitionBy(strat, columns, positions, position);
    }

    /** {@code FOR VALUES {FROM (..) TO (..) | IN (..) | WITH (MODULUS m, REMAINDER r)} | DEFAULT}. */
    DdlCommand.BoundSpec bound() {
        Token first = in.peek();
        if (in.acceptKeyword("default")) {
            return new DdlCommand.BoundSpec('d', List.of(), List.of(), List.of(), 0, 0, first.position());
        }
        in.expectKeyword("for");
        in.expectKeyword("values");
        Token kind = in.peek();
        if (in.acceptKeyword("in")) {
            List<Expr> values = list();
            return new DdlCommand.BoundSpec('l', List.of(), List.of(), values, 0, 0, kind.position());
        }
        if (in.acceptKeyword("from")) {
            List<Expr> from = list();
            in.expectKeyword("to");
            List<Expr> to = list();
            return new DdlCommand.BoundSpec('r', from, to, List.of(), 0, 0, kind.position());
        }
        in.expectKeyword("with");
        in.expect(TokenKind.LPAREN);
        Integer modulus = null;
        Integer remainder = null;
        do {
            Token option = in.next();
            Token value = in.expect(TokenKind.INTEGER);
            int v = Integer.parseInt(value.text());
            switch (option.text()) {
                case "modulus" -> {
                    if (modulus != null) {
                        throw SqlException.at("42601", "modulus for hash partition provided more than once",
                                option.position());
                    }
                    modulus = v;
                }
                case "remainder" -> {
                    if (remainder != null) {
                        throw SqlException.at("42601", "remainder for hash partition provided more than once",
                                option.position());
                    }
                    remainder = v;
                }
                default -> throw SqlException.at("42601", "unrecognized hash partition bound specification \""
                        + option.text() + "\"", option.position());
            }
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        if (modulus == null) {
            throw SqlException.at("42601", "modulus for hash partition must be specified", kind.position());
        }
        if (remainder == null) {
            throw SqlException.at("42601", "remainder for hash partition must be specified", kind.position());
        }
        return new DdlCommand.BoundSpec('h', List.of(), List.of(), List.of(), modulus, remainder, kind.position());
    }

    private List<Expr> list() {
        in.expect(TokenKind.LPAREN);
        List<Expr> out = exprs.parseExprList();
        in.expect(TokenKind.RPAREN);
        return out;
    }
}
