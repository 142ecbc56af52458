package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * The grammar of INSERT, UPDATE and DELETE (gram.y's InsertStmt, UpdateStmt, DeleteStmt), kept apart
 * from {@link Parser} so that the SELECT and DDL grammars grow without touching it. Sub-queries and
 * FROM items are parsed by the SELECT grammar, passed in.
 */
final class DmlParser {
    private final TokenStream in;
    private final ExprParser exprs;
    private final Supplier<Statement> query;
    private final Supplier<Query.FromItem> fromItem;

    /**
     * @param query    parses a SELECT (or VALUES) starting at the current token
     * @param fromItem parses one item of a FROM list
     */
    DmlParser(TokenStream in, ExprParser exprs, Supplier<Statement> query, Supplier<Query.FromItem> fromItem) {
        this.in = in;
        this.exprs = exprs;
        this.query = query;
        this.fromItem = fromItem;
    }

    Statement insert() {
        Token start = in.next();
        in.expectKeyword("into");
        Token nameStart = in.peek();
        List<String> names = qualifiedName();
        String alias = in.acceptKeyword("as") ? in.colId().text() : null;
        Statement.RangeVar table = new Statement.RangeVar(names, alias, nameStart.position());
        List<String> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        if (in.at(TokenKind.LPAREN) && !in.peek(1).isKeyword("select") && !in.peek(1).isKeyword("values")
                && in.peek(1).kind() != TokenKind.LPAREN) {
            in.next();
            columnList(columns, positions);
        }
        char overriding = '\0';
        if (in.acceptKeyword("overriding")) {
            // What pg_dump --inserts writes for a GENERATED ALWAYS identity column.
            if (in.acceptKeyword("system")) {
                overriding = 's';
            } else {
                in.expectKeyword("user");
                overriding = 'u';
            }
            in.expectKeyword("value");
        }
        List<List<Expr>> values = null;
        Statement select = null;
        if (in.acceptKeyword("default")) {
            in.expectKeyword("values");
        } else if (in.acceptKeyword("values")) {
            values = valuesRows();
        } else if (in.atKeyword("select") || in.atKeyword("with") || in.atKeyword("table")
                || in.at(TokenKind.LPAREN)) {
            select = query.get();
        } else {
            throw TokenStream.syntaxError(in.peek());
        }
        Statement.OnConflict onConflict = in.atKeyword("on") ? onConflict() : null;
        return new Statement.Insert(table, List.copyOf(columns), List.copyOf(positions), values, select,
                returning(), start.position(), List.of(), onConflict, overriding);
    }

    /** gram.y's opt_on_conflict (index elements are plain column names here). */
    private Statement.OnConflict onConflict() {
        int position = in.next().position();
        in.expectKeyword("conflict");
        List<String> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Expr targetWhere = null;
        String constraint = null;
        int targetPosition = in.peek().position();
        List<Expr> expressions = new ArrayList<>();
        if (in.accept(TokenKind.LPAREN)) {
            // index_elem as CREATE INDEX writes it: a column, a function call, or (expression).
            do {
                if (in.accept(TokenKind.LPAREN)) {
                    expressions.add(exprs.parseExpr());
                    in.expect(TokenKind.RPAREN);
                } else if (in.peek(1).kind() == TokenKind.LPAREN || in.peek(1).kind() == TokenKind.DOT) {
                    expressions.add(exprs.parseExpr());
                } else {
                    Token c = in.colId();
                    columns.add(c.text());
                    positions.add(c.position());
                }
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
            targetWhere = where();
        } else if (in.acceptKeyword("on")) {
            in.expectKeyword("constraint");
            constraint = in.colId().text();
        }
        in.expectKeyword("do");
        List<Statement.SetClause> set = null;
        Expr where = null;
        if (!in.acceptKeyword("nothing")) {
            in.expectKeyword("update");
            in.expectKeyword("set");
            set = new ArrayList<>();
            do {
                set.add(setClause());
            } while (in.accept(TokenKind.COMMA));
            set = List.copyOf(set);
            where = where();
        }
        return new Statement.OnConflict(List.copyOf(columns), List.copyOf(positions), targetPosition, targetWhere,
                constraint, set, where, position, List.copyOf(expressions));
    }

    /** {@code a, b, c)} after an opening parenthesis: the names and where they were written. */
    private void columnList(List<String> columns, List<Integer> positions) {
        do {
            Token c = in.colId();
            columns.add(c.text());
            positions.add(c.position());
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
    }

    /** {@code (a, DEFAULT), (b, c)}: a null item is DEFAULT. */
    private List<List<Expr>> valuesRows() {
        List<List<Expr>> rows = new ArrayList<>();
        do {
            in.expect(TokenKind.LPAREN);
            List<Expr> row = new ArrayList<>();
            do {
                row.add(in.acceptKeyword("default") ? null : exprs.parseExpr());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
            rows.add(java.util.Collections.unmodifiableList(row));
        } while (in.accept(TokenKind.COMMA));
        return rows;
    }

    Statement update() {
        Token start = in.next();
        boolean only = in.acceptKeyword("only");
        Token nameStart = in.peek();
        List<String> names = qualifiedName();
        String alias = null;
        if (in.acceptKeyword("as")) {
            alias = in.colId().text();
        } else if (in.at(TokenKind.IDENT) && !in.atKeyword("set")) {
            alias = in.colId().text();
        }
        Statement.RangeVar table = new Statement.RangeVar(names, alias, nameStart.position(), only);
        in.expectKeyword("set");
        List<Statement.SetClause> set = new ArrayList<>();
        do {
            set.add(setClause());
        } while (in.accept(TokenKind.COMMA));
        List<Query.FromItem> from = new ArrayList<>();
        if (in.acceptKeyword("from")) {
            do {
                from.add(fromItem.get());
            } while (in.accept(TokenKind.COMMA));
        }
        Expr where = where();
        return new Statement.Update(table, List.copyOf(set), List.copyOf(from), where, returning(), start.position());
    }

    private Statement.SetClause setClause() {
        Token first = in.peek();
        List<String> columns = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (in.accept(TokenKind.LPAREN)) {
            columnList(columns, positions);
            expectEquals();
            boolean row = in.acceptKeyword("row");
            if (!in.at(TokenKind.LPAREN)) {
                throw TokenStream.syntaxError(in.peek());
            }
            if (in.peek(1).isKeyword("select")) {
                throw SqlException.at("0A000", "a sub-SELECT in UPDATE's SET is not supported yet",
                        in.peek(1).position());
            }
            in.next();
            int firstValue = in.peek().position();
            do {
                values.add(in.acceptKeyword("default") ? null : exprs.parseExpr());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
            if (values.size() == 1 && !row) {
                // "(x)" is a parenthesized expression, not a row (gram.y makes a row of two or more).
                throw SqlException.at("42601", "source for a multiple-column UPDATE item must be a sub-SELECT or "
                        + "ROW() expression", firstValue);
            }
        } else {
            Token c = in.colId();
            if (in.at(TokenKind.DOT)) {
                in.next();
                Token field = in.colId();
                if (in.at(TokenKind.DOT) || in.at(TokenKind.LBRACKET)) {
                    throw SqlException.at("0A000", "assigning to a nested field is not supported yet",
                            in.peek().position());
                }
                columns.add(c.text());
                positions.add(c.position());
                expectEquals();
                Expr value = in.acceptKeyword("default") ? null : exprs.parseExpr();
                values.add(value == null ? null : new Expr.FieldAssign(new Expr.ColumnRef(List.of(c.text()),
                        c.position()), field.text(), value, c.position()));
                return new Statement.SetClause(List.copyOf(columns), List.copyOf(positions),
                        java.util.Collections.unmodifiableList(values), first.position());
            }
            Expr.Subscript element = in.at(TokenKind.LBRACKET)
                    ? (Expr.Subscript) exprs.parseSubscripts(new Expr.ColumnRef(List.of(c.text()), c.position()))
                    : null;
            columns.add(c.text());
            positions.add(c.position());
            expectEquals();
            Expr value = in.acceptKeyword("default") ? null : exprs.parseExpr();
            // SET a[i] = v is SET a = (a with element i replaced by v), as PostgreSQL's assignment indirection.
            values.add(element == null || value == null ? value
                    : new Expr.ArrayAssign(element, value, element.position()));
        }
        return new Statement.SetClause(List.copyOf(columns), List.copyOf(positions),
                java.util.Collections.unmodifiableList(values), first.position());
    }

    private void expectEquals() {
        if (!in.atOp("=")) {
            throw TokenStream.syntaxError(in.peek());
        }
        in.next();
    }

    Statement delete() {
        Token start = in.next();
        in.expectKeyword("from");
        boolean only = in.acceptKeyword("only");
        Token nameStart = in.peek();
        List<String> names = qualifiedName();
        String alias = null;
        if (in.acceptKeyword("as")) {
            alias = in.colId().text();
        } else if (in.at(TokenKind.IDENT) && !in.atKeyword("using") && !in.atKeyword("where")
                && !in.atKeyword("returning")) {
            alias = in.colId().text();
        }
        Statement.RangeVar table = new Statement.RangeVar(names, alias, nameStart.position(), only);
        List<Query.FromItem> using = new ArrayList<>();
        if (in.acceptKeyword("using")) {
            do {
                using.add(fromItem.get());
            } while (in.accept(TokenKind.COMMA));
        }
        Expr where = where();
        return new Statement.Delete(table, List.copyOf(using), where, returning(), start.position());
    }

    private Expr where() {
        if (!in.acceptKeyword("where")) {
            return null;
        }
        if (in.atKeyword("current") && in.peek(1).isKeyword("of")) {
            throw SqlException.at("0A000", "WHERE CURRENT OF is not supported yet", in.peek().position());
        }
        return exprs.parseExpr();
    }

    /** {@code RETURNING *, expr [AS name], ...}, or an empty list. */
    private List<Statement.Returning> returning() {
        List<Statement.Returning> list = new ArrayList<>();
        if (!in.acceptKeyword("returning")) {
            return list;
        }
        do {
            Token t = in.peek();
            if (t.isOp("*")) {
                in.next();
                list.add(new Statement.Returning(null, null, t.position()));
                continue;
            }
            Expr e = exprs.parseExpr();
            String alias = null;
            if (in.acceptKeyword("as")) {
                Token label = in.peek();
                if (label.kind() != TokenKind.IDENT) {
                    throw TokenStream.syntaxError(label);
                }
                alias = in.next().text();
            } else if (in.at(TokenKind.IDENT) && (in.peek().quoted() || Keywords.isBareLabel(in.peek().text()))) {
                alias = in.next().text();
            }
            list.add(new Statement.Returning(e, alias, t.position()));
        } while (in.accept(TokenKind.COMMA));
        return List.copyOf(list);
    }

    private List<String> qualifiedName() {
        List<String> names = new ArrayList<>();
        names.add(in.colId().text());
        while (in.accept(TokenKind.DOT)) {
            names.add(in.expect(TokenKind.IDENT).text());
        }
        return List.copyOf(names);
    }

}
