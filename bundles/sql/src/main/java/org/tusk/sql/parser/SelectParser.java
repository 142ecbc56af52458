package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * The query grammar of gram.y (select_no_parens and friends): set operations with INTERSECT binding
 * tighter than UNION and EXCEPT, parenthesized branches, the SELECT clauses, FROM items with joins,
 * and the ORDER BY / LIMIT / OFFSET / FETCH / FOR UPDATE tail. Expressions come from {@link ExprParser},
 * which calls back here for subqueries.
 */
final class SelectParser {
    private final TokenStream in;
    private final ExprParser exprs;

    /** INSERT, UPDATE and DELETE in WITH (the statement parser's DML parser); null where none is allowed. */
    private java.util.function.Supplier<Statement> modifyingStatements;

    /** Lets WITH hold INSERT, UPDATE and DELETE, parsed by {@code statements} from their first keyword. */
    void setModifyingStatements(java.util.function.Supplier<Statement> statements) {
        this.modifyingStatements = statements;
    }

    SelectParser(TokenStream in, ExprParser exprs) {
        this.in = in;
        this.exprs = exprs;
    }

    /** SELECT's INTO clause: the table to create. */
    record Into(org.tusk.sql.ast.DdlCommand.QualifiedName name) {
    }

    /** Whether the next SELECT list may be followed by INTO (the first of a statement's query only). */
    private boolean intoAllowed;
    /** The INTO clause read since {@link #allowInto}, or null. */
    private Into into;
    /** How many queries are being parsed, one inside the other: INTO belongs to the outermost only. */
    private int depth;

    /** Lets the first SELECT of the query parsed next have an INTO clause ({@link #takeInto} gets it). */
    void allowInto() {
        intoAllowed = true;
        into = null;
    }

    /** The INTO clause of the query parsed since {@link #allowInto}, or null; INTO is refused again after. */
    Into takeInto() {
        Into taken = into;
        intoAllowed = false;
        into = null;
        return taken;
    }

    /** {@code INTO [TEMPORARY | TEMP | UNLOGGED] [TABLE] name} after a SELECT list (gram.y's into_clause). */
    private void into() {
        in.next();
        boolean allowed = intoAllowed && depth == 1;
        intoAllowed = false;
        // UNLOGGED: a logged table, as for CREATE UNLOGGED TABLE (see DdlParser).
        in.acceptKeyword("unlogged");
        boolean scoped = in.acceptKeyword("local") || in.acceptKeyword("global");
        boolean temporary = in.acceptKeyword("temporary") || in.acceptKeyword("temp");
        if (scoped && !temporary) {
            throw TokenStream.syntaxError(in.peek());
        }
        in.acceptKeyword("table");
        Token first = in.colId();
        if (!allowed) {
            // PostgreSQL points at the table's name, where its IntoClause starts.
            throw SqlException.at("42601", "SELECT ... INTO is not allowed here", first.position());
        }
        String schema = null;
        String name = first.text();
        if (in.accept(TokenKind.DOT)) {
            schema = name;
            name = in.colId().text();
        }
        if (temporary) {
            if (schema != null && !schema.equals(org.tusk.sql.catalog.RelationCache.TEMP_ALIAS)) {
                throw SqlException.at("42P16", "cannot create temporary relation in non-temporary schema",
                        first.position());
            }
            schema = org.tusk.sql.catalog.RelationCache.TEMP_ALIAS;
        }
        into = new Into(new org.tusk.sql.ast.DdlCommand.QualifiedName(schema, name, first.position()));
    }

    /** Whether the next token starts a query (where a parenthesized expression could also stand). */
    boolean atQueryStart() {
        return in.atKeyword("select") || in.atKeyword("values") || in.atKeyword("with")
                || in.atKeyword("table");
    }

    /** A whole query: body, then ORDER BY, LIMIT/OFFSET/FETCH and locking. */
    Query query() {
        int position = in.peek().position();
        depth++;
        try {
            List<Query.CommonTable> with = List.of();
            if (in.atKeyword("with")) {
                with = withClause();
            }
            return queryAfterWith(with, position);
        } finally {
            depth--;
        }
    }

    /**
     * A statement's leading WITH clause, parsed before it is known whether a query or an INSERT, UPDATE or
     * DELETE follows (gram.y's with_clause before SelectStmt, InsertStmt, UpdateStmt, DeleteStmt).
     */
    List<Query.CommonTable> leadingWith() {
        return withClause();
    }

    /** The rest of a query whose WITH clause {@link #leadingWith} has read; {@code position} is its start. */
    Query queryAfterWith(List<Query.CommonTable> with, int position) {
        Query.Body body = setExpression();
        List<Query.SortBy> orderBy = new ArrayList<>();
        if (in.acceptKeyword("order")) {
            in.expectKeyword("by");
            orderBy = sortList();
        }
        Expr limit = null;
        Expr offset = null;
        Query.Locking locking = null;
        for (int i = 0; i < 3; i++) {
            if (limit == null && in.atKeyword("limit")) {
                in.next();
                limit = in.acceptKeyword("all") ? new Expr.Literal(Expr.LiteralKind.NULL, "", -1) : exprs.parseExpr();
            } else if (limit == null && in.atKeyword("fetch")) {
                in.next();
                if (!in.acceptKeyword("first")) {
                    in.expectKeyword("next");
                }
                if (in.atKeyword("row") || in.atKeyword("rows")) {
                    limit = new Expr.Literal(Expr.LiteralKind.INTEGER, "1", -1);
                } else {
                    limit = exprs.parseExpr();
                }
                if (!in.acceptKeyword("rows")) {
                    in.expectKeyword("row");
                }
                if (in.atKeyword("with")) {
                    throw SqlException.at("0A000", "FETCH ... WITH TIES is not supported yet", in.peek().position());
                }
                in.expectKeyword("only");
            } else if (offset == null && in.acceptKeyword("offset")) {
                offset = exprs.parseExpr();
                if (!in.acceptKeyword("rows")) {
                    in.acceptKeyword("row");
                }
            } else if (locking == null && in.atKeyword("for")) {
                locking = locking();
            }
        }
        if (body instanceof Query.Nested n && orderBy.isEmpty() && limit == null && offset == null
                && locking == null && with.isEmpty()) {
            return n.query();
        }
        return new Query(body, orderBy, limit, offset, locking, position, with);
    }

    /** {@code WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (query), ...}. */
    private List<Query.CommonTable> withClause() {
        in.next();
        boolean recursive = in.acceptKeyword("recursive");
        List<Query.CommonTable> list = new ArrayList<>();
        do {
            Token name = in.colId();
            List<String> columns = new ArrayList<>();
            if (in.accept(TokenKind.LPAREN)) {
                do {
                    columns.add(in.colId().text());
                } while (in.accept(TokenKind.COMMA));
                in.expect(TokenKind.RPAREN);
            }
            in.expectKeyword("as");
            Query.Materialize materialize = Query.Materialize.DEFAULT;
            if (in.acceptKeyword("not")) {
                in.expectKeyword("materialized");
                materialize = Query.Materialize.NEVER;
            } else if (in.acceptKeyword("materialized")) {
                materialize = Query.Materialize.ALWAYS;
            }
            in.expect(TokenKind.LPAREN);
            Token first = in.peek();
            if (modifyingStatements != null
                    && (first.isKeyword("insert") || first.isKeyword("update") || first.isKeyword("delete"))) {
                Statement dml = modifyingStatements.get();
                in.expect(TokenKind.RPAREN);
                list.add(new Query.CommonTable(name.text(), columns, null, name.position(), recursive, materialize,
                        dml));
                continue;
            }
            if (!atQueryStart() && !in.at(TokenKind.LPAREN)) {
                throw SqlException.at("0A000", "data-modifying statements in WITH are not supported yet",
                        in.peek().position());
            }
            Query q = query();
            in.expect(TokenKind.RPAREN);
            list.add(new Query.CommonTable(name.text(), columns, q, name.position(), recursive, materialize));
        } while (in.accept(TokenKind.COMMA));
        return list;
    }

    private Query.Locking locking() {
        Token start = in.next();
        String strength;
        if (in.acceptKeyword("update")) {
            strength = "update";
        } else if (in.acceptKeyword("share")) {
            strength = "share";
        } else if (in.acceptKeyword("no")) {
            in.expectKeyword("key");
            in.expectKeyword("update");
            strength = "no key update";
        } else {
            in.expectKeyword("key");
            in.expectKeyword("share");
            strength = "key share";
        }
        if (in.acceptKeyword("of")) {
            do {
                in.colId();
            } while (in.accept(TokenKind.COMMA));
        }
        boolean noWait = in.acceptKeyword("nowait");
        boolean skipLocked = false;
        if (!noWait && in.acceptKeyword("skip")) {
            in.expectKeyword("locked");
            skipLocked = true;
        }
        return new Query.Locking(strength, noWait, skipLocked, start.position());
    }

    List<Query.SortBy> sortList() {
        List<Query.SortBy> list = new ArrayList<>();
        do {
            int position = in.peek().position();
            Expr e = exprs.parseExpr();
            SortOrder order = SortOrder.parse(in);
            list.add(new Query.SortBy(e, order.descending(), order.nullsFirst(), position));
        } while (in.accept(TokenKind.COMMA));
        return list;
    }

    /** UNION and EXCEPT, left-associative, over INTERSECT terms. */
    private Query.Body setExpression() {
        Query.Body left = intersectTerm();
        while (in.atKeyword("union") || in.atKeyword("except")) {
            Token op = in.next();
            boolean all = setQuantifier();
            Query.Body right = intersectTerm();
            left = new Query.SetOperation(op.text().equals("union") ? Query.SetOpKind.UNION : Query.SetOpKind.EXCEPT,
                    all, left, right, op.position());
        }
        return left;
    }

    private Query.Body intersectTerm() {
        Query.Body left = primary();
        while (in.atKeyword("intersect")) {
            Token op = in.next();
            boolean all = setQuantifier();
            left = new Query.SetOperation(Query.SetOpKind.INTERSECT, all, left, primary(), op.position());
        }
        return left;
    }

    private boolean setQuantifier() {
        if (in.acceptKeyword("all")) {
            return true;
        }
        in.acceptKeyword("distinct");
        return false;
    }

    private Query.Body primary() {
        Token t = in.peek();
        if (t.kind() == TokenKind.LPAREN) {
            in.next();
            Query q = query();
            in.expect(TokenKind.RPAREN);
            return new Query.Nested(q, t.position());
        }
        if (t.isKeyword("values")) {
            return values();
        }
        if (t.isKeyword("table")) {
            in.next();
            Query.TableRef table = tableRef(in.peek());
            return new Query.SelectCore(null, List.of(new Statement.Target(new Expr.ColumnRef(List.of("*"),
                    t.position()), null, t.position())), List.of(table), null, List.of(), null, t.position());
        }
        if (!t.isKeyword("select")) {
            throw TokenStream.syntaxError(t);
        }
        return selectCore();
    }

    private Query.Values values() {
        Token start = in.next();
        List<List<Expr>> rows = new ArrayList<>();
        do {
            in.expect(TokenKind.LPAREN);
            List<Expr> row = new ArrayList<>();
            do {
                if (in.atKeyword("default")) {
                    throw SqlException.at("42601", "DEFAULT is not allowed in this context", in.peek().position());
                }
                row.add(exprs.parseExpr());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
            rows.add(row);
        } while (in.accept(TokenKind.COMMA));
        return new Query.Values(rows, start.position());
    }

    private Query.SelectCore selectCore() {
        Token start = in.next();
        List<Expr> distinctOn = null;
        if (!in.acceptKeyword("all") && in.acceptKeyword("distinct")) {
            distinctOn = List.of();
            if (in.acceptKeyword("on")) {
                in.expect(TokenKind.LPAREN);
                distinctOn = exprs.parseExprList();
                in.expect(TokenKind.RPAREN);
            }
        }
        List<Statement.Target> targets = new ArrayList<>();
        if (!atSelectListEnd()) {
            do {
                if (in.atOp("*")) {
                    Token t = in.next();
                    targets.add(new Statement.Target(new Expr.ColumnRef(List.of("*"), t.position()), null,
                            t.position()));
                    continue;
                }
                targets.add(target());
            } while (in.accept(TokenKind.COMMA));
        }
        if (in.atKeyword("into")) {
            into();
        }
        List<Query.FromItem> from = new ArrayList<>();
        if (in.acceptKeyword("from")) {
            do {
                from.add(fromItem());
            } while (in.accept(TokenKind.COMMA));
        }
        Expr where = in.acceptKeyword("where") ? exprs.parseExpr() : null;
        List<Expr> groupBy = new ArrayList<>();
        if (in.acceptKeyword("group")) {
            in.expectKeyword("by");
            groupBy = groupByList();
        }
        Expr having = in.acceptKeyword("having") ? exprs.parseExpr() : null;
        List<Query.WindowDef> windows = List.of();
        if (in.acceptKeyword("window")) {
            windows = new WindowParser(in, exprs, this).windowClause();
        }
        return new Query.SelectCore(distinctOn, targets, from, where, groupBy, having, windows, start.position());
    }

    /** GROUP BY's items: expressions, {@code ()}, ROLLUP, CUBE and GROUPING SETS. */
    private List<Expr> groupByList() {
        List<Expr> items = new ArrayList<>();
        do {
            items.add(groupingElement());
        } while (in.accept(TokenKind.COMMA));
        return items;
    }

    private Expr groupingElement() {
        Token t = in.peek();
        if (t.kind() == TokenKind.LPAREN && in.peek(1).kind() == TokenKind.RPAREN) {
            in.next();
            in.next();
            return new Expr.GroupingSet(Expr.GroupingKind.EMPTY, List.of(), t.position());
        }
        if ((t.isKeyword("rollup") || t.isKeyword("cube")) && in.peek(1).kind() == TokenKind.LPAREN) {
            in.next();
            in.next();
            List<Expr> items = exprs.parseExprList();
            in.expect(TokenKind.RPAREN);
            return new Expr.GroupingSet(t.isKeyword("rollup") ? Expr.GroupingKind.ROLLUP : Expr.GroupingKind.CUBE,
                    items, t.position());
        }
        if (t.isKeyword("grouping") && in.peek(1).isKeyword("sets")) {
            in.next();
            in.next();
            in.expect(TokenKind.LPAREN);
            List<Expr> items = groupByList();
            in.expect(TokenKind.RPAREN);
            return new Expr.GroupingSet(Expr.GroupingKind.SETS, items, t.position());
        }
        return exprs.parseExpr();
    }

    private boolean atSelectListEnd() {
        Token t = in.peek();
        return t.kind() == TokenKind.EOF || t.kind() == TokenKind.SEMICOLON || t.kind() == TokenKind.RPAREN
                || t.isKeyword("from") || t.isKeyword("where") || t.isKeyword("group") || t.isKeyword("having")
                || t.isKeyword("order") || t.isKeyword("limit") || t.isKeyword("offset") || t.isKeyword("union")
                || t.isKeyword("intersect") || t.isKeyword("except") || t.isKeyword("into") || t.isKeyword("window")
                || t.isKeyword("for") || t.isKeyword("fetch");
    }

    private Statement.Target target() {
        int position = in.peek().position();
        Expr e = exprs.parseExpr();
        String alias = null;
        if (in.acceptKeyword("as")) {
            Token label = in.peek();
            if (label.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(label);
            }
            in.next();
            alias = label.text();
        } else {
            Token t = in.peek();
            if (t.kind() == TokenKind.IDENT && (t.quoted() || Keywords.isBareLabel(t.text()))) {
                in.next();
                alias = t.text();
            }
        }
        return new Statement.Target(e, alias, position);
    }

    // ---- FROM

    private Query.FromItem fromItem() {
        Query.FromItem left = tablePrimary();
        while (true) {
            Token t = in.peek();
            if (t.isKeyword("cross")) {
                in.next();
                in.expectKeyword("join");
                left = new Query.Join(Query.JoinType.CROSS, left, tablePrimary(), false, List.of(), null, null,
                        t.position());
                continue;
            }
            boolean natural = in.acceptKeyword("natural");
            Query.JoinType type;
            if (in.acceptKeyword("join")) {
                type = Query.JoinType.INNER;
            } else if (in.atKeyword("inner")) {
                in.next();
                in.expectKeyword("join");
                type = Query.JoinType.INNER;
            } else if (in.atKeyword("left") || in.atKeyword("right") || in.atKeyword("full")) {
                type = Query.JoinType.valueOf(in.next().text().toUpperCase());
                in.acceptKeyword("outer");
                in.expectKeyword("join");
            } else if (natural) {
                throw TokenStream.syntaxError(in.peek());
            } else {
                return left;
            }
            Query.FromItem right = tablePrimary();
            List<String> using = List.of();
            Expr on = null;
            if (!natural) {
                if (in.acceptKeyword("on")) {
                    on = exprs.parseExpr();
                } else if (in.acceptKeyword("using")) {
                    in.expect(TokenKind.LPAREN);
                    List<String> names = new ArrayList<>();
                    do {
                        names.add(in.colId().text());
                    } while (in.accept(TokenKind.COMMA));
                    in.expect(TokenKind.RPAREN);
                    using = names;
                } else {
                    throw TokenStream.syntaxError(in.peek());
                }
            }
            left = new Query.Join(type, left, right, natural, using, on, null, t.position());
        }
    }

    private Query.FromItem tablePrimary() {
        Token t = in.peek();
        boolean lateral = in.acceptKeyword("lateral");
        Token start = in.peek();
        if (start.kind() == TokenKind.LPAREN) {
            in.next();
            if (atQueryStart()) {
                Query q = query();
                in.expect(TokenKind.RPAREN);
                Query.Alias alias = alias();
                if (alias == null) {
                    throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42601",
                            "subquery in FROM must have an alias")
                            .hint("For example, FROM (SELECT ...) [AS] foo.").position(start.position()).build());
                }
                return new Query.SubqueryRef(q, lateral, alias, t.position());
            }
            Query.FromItem inner = fromItem();
            in.expect(TokenKind.RPAREN);
            Query.Alias alias = alias();
            if (alias != null && inner instanceof Query.Join j) {
                return new Query.Join(j.type(), j.left(), j.right(), j.natural(), j.using(), j.on(), alias,
                        j.position());
            }
            return inner;
        }
        if (!lateral && in.atKeyword("only")) {
            // relation_expr: ONLY name or ONLY (name): the table without its partitions (of a plain table,
            // the table itself: pg_dump writes ONLY in the SELECTs of --inserts).
            in.next();
            boolean parenthesized = in.accept(TokenKind.LPAREN);
            Token name = in.peek();
            if (name.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(name);
            }
            List<String> names = new ArrayList<>();
            names.add(in.colId().text());
            while (in.accept(TokenKind.DOT)) {
                names.add(in.expect(TokenKind.IDENT).text());
            }
            if (parenthesized) {
                in.expect(TokenKind.RPAREN);
            }
            return new Query.TableRef(names, alias(), name.position(), true);
        }
        if (start.kind() != TokenKind.IDENT) {
            throw TokenStream.syntaxError(start);
        }
        // A function call: a (possibly qualified) name followed by '('.
        int k = 1;
        while (in.peek(k).kind() == TokenKind.DOT && in.peek(k + 1).kind() == TokenKind.IDENT) {
            k += 2;
        }
        if (in.peek(k).kind() == TokenKind.LPAREN) {
            Expr e = exprs.parseExpr();
            if (!(e instanceof Expr.FuncCall f)) {
                throw TokenStream.syntaxError(in.peek());
            }
            boolean ordinality = false;
            if (in.atKeyword("with") && in.peek(1).isKeyword("ordinality")) {
                in.next();
                in.next();
                ordinality = true;
            }
            return functionAlias(f, lateral, ordinality, t.position());
        }
        if (lateral) {
            throw TokenStream.syntaxError(start);
        }
        return tableRef(start);
    }

    private Query.TableRef tableRef(Token start) {
        List<String> names = new ArrayList<>();
        names.add(in.colId().text());
        while (in.accept(TokenKind.DOT)) {
            names.add(in.expect(TokenKind.IDENT).text());
        }
        return new Query.TableRef(names, alias(), start.position());
    }

    /**
     * A function's alias, which may be a column definition list ({@code [AS] [name] (col type, ...)}, for a
     * function returning record): told from column aliases by the type after the first name.
     */
    private Query.FunctionRef functionAlias(Expr.FuncCall f, boolean lateral, boolean ordinality, int position) {
        boolean as = in.atKeyword("as");
        int k = as ? 1 : 0;
        String name = null;
        if (in.peek(k).kind() == TokenKind.IDENT && in.peek(k + 1).kind() == TokenKind.LPAREN) {
            k++;
        }
        if (in.peek(k).kind() != TokenKind.LPAREN || in.peek(k + 1).kind() != TokenKind.IDENT
                || in.peek(k + 2).kind() == TokenKind.COMMA || in.peek(k + 2).kind() == TokenKind.RPAREN
                || (!as && k == 0)) {
            return new Query.FunctionRef(f, lateral, ordinality, alias(), position);
        }
        if (as) {
            in.next();
        }
        if (k > (as ? 1 : 0)) {
            name = in.colId().text();
        }
        in.expect(TokenKind.LPAREN);
        List<Query.ColumnDefinition> definitions = new ArrayList<>();
        do {
            Token column = in.peek();
            String columnName = in.colId().text();
            definitions.add(new Query.ColumnDefinition(columnName, exprs.parseTypeName(), column.position()));
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return new Query.FunctionRef(f, lateral, ordinality, name == null ? null : new Query.Alias(name, List.of()),
                position, definitions);
    }

    /** {@code [AS] name [(col, ...)]}, or null. */
    private Query.Alias alias() {
        String name;
        if (in.acceptKeyword("as")) {
            name = in.colId().text();
        } else if (in.at(TokenKind.IDENT) && (in.peek().quoted()
                || Keywords.category(in.peek().text()).compareTo(Keywords.Category.COL_NAME) <= 0)) {
            name = in.next().text();
        } else {
            return null;
        }
        List<String> columns = new ArrayList<>();
        if (in.accept(TokenKind.LPAREN)) {
            do {
                columns.add(in.colId().text());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        }
        return new Query.Alias(name, columns);
    }


    /**
     * One item of a FROM list (a table, subquery, function, VALUES, a join of them), for UPDATE ... FROM
     * and DELETE ... USING, which take what SELECT's FROM takes.
     */
    Query.FromItem parseFromItem() {
        return fromItem();
    }
}
