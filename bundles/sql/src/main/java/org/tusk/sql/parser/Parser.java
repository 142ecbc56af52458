package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Query;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.ast.Statement.SetValue;
import org.tusk.sql.ast.Statement.ValueKind;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * Turns a query string into statements. Like PostgreSQL's raw parser it parses the whole string before
 * anything runs, so a syntax error in the last statement means none of them run. Empty statements
 * between semicolons are dropped; a string holding none is the empty query.
 */
public final class Parser {
    private final TokenStream in;
    private final ExprParser exprs;
    private final SelectParser queries;
    private final DdlParser ddl;

    private Parser(String sql, boolean standardConformingStrings) {
        this(sql, standardConformingStrings, null);
    }

    private Parser(String sql, boolean standardConformingStrings,
            java.util.function.Consumer<org.tusk.protocol.ErrorFields> warnings) {
        this.in = new TokenStream(new Lexer(sql, standardConformingStrings, warnings));
        this.exprs = new ExprParser(in);
        this.queries = new SelectParser(in, exprs);
        exprs.setQueries(queries);
        this.ddl = new DdlParser(in, exprs, sql, this::select);
        queries.setModifyingStatements(this::modifyingStatement);
    }

    /**
     * Parses every statement of {@code sql}.
     *
     * @param standardConformingStrings the session setting of that name
     * @throws SqlException 42601 for a syntax error, with its position
     */
    public static List<Statement> parse(String sql, boolean standardConformingStrings) {
        return new Parser(sql, standardConformingStrings).statements();
    }

    /**
     * The same, reporting the lexer's WARNINGs (escape_string_warning) to {@code warnings} if not null.
     */
    public static List<Statement> parse(String sql, boolean standardConformingStrings,
            java.util.function.Consumer<org.tusk.protocol.ErrorFields> warnings) {
        return new Parser(sql, standardConformingStrings, warnings).statements();
    }

    /**
     * Parses one expression stored as SQL text (a column default, a CHECK condition), as PostgreSQL
     * reads them back from pg_attrdef and pg_constraint.
     *
     * @throws SqlException 42601 if it is not exactly one expression
     */
    public static Expr parseExpression(String sql) {
        Parser p = new Parser(sql, true);
        Expr e = p.exprs.parseExpr();
        if (!p.in.at(TokenKind.EOF)) {
            throw TokenStream.syntaxError(p.in.peek());
        }
        return e;
    }

    private List<Statement> statements() {
        List<Statement> result = new ArrayList<>();
        while (true) {
            while (in.accept(TokenKind.SEMICOLON)) {
                // empty statement
            }
            if (in.at(TokenKind.EOF)) {
                return result;
            }
            result.add(statement());
            if (!in.at(TokenKind.EOF) && !in.at(TokenKind.SEMICOLON)) {
                throw TokenStream.syntaxError(in.peek());
            }
        }
    }

    private Statement statement() {
        Token first = in.peek();
        if (first.kind() == TokenKind.LPAREN) {
            return selectStatement();
        }
        if (first.kind() != TokenKind.IDENT || first.quoted()) {
            throw TokenStream.syntaxError(first);
        }
        return switch (first.text()) {
            case "select", "values", "table" -> selectStatement();
            case "with" -> withStatement();
            case "explain" -> explain();
            case "show" -> show();
            case "set" -> set();
            case "reset" -> reset();
            case "begin" -> {
                in.next();
                if (!in.acceptKeyword("work")) {
                    in.acceptKeyword("transaction");
                }
                yield transactionModes(first);
            }
            case "start" -> {
                in.next();
                in.expectKeyword("transaction");
                yield transactionModes(first);
            }
            case "copy" -> copy();
            case "commit", "end" -> endTransaction(Statement.TransactionKind.COMMIT);
            case "rollback", "abort" -> endTransaction(Statement.TransactionKind.ROLLBACK);
            case "listen" -> {
                in.next();
                yield new Statement.Listen(in.colId().text(), first.position());
            }
            case "unlisten" -> {
                in.next();
                if (in.atOp("*")) {
                    in.next();
                    yield new Statement.Unlisten(null, first.position());
                }
                yield new Statement.Unlisten(in.colId().text(), first.position());
            }
            case "notify" -> notifyStatement();
            case "create", "drop", "alter", "truncate", "vacuum", "analyze", "analyse", "comment", "do", "call",
                    "reassign", "reindex", "cluster", "refresh" -> {
                if ((first.text().equals("create") || first.text().equals("alter") || first.text().equals("drop"))
                        && RoleParser.isRoleDdl(in)) {
                    yield new RoleParser(in).roleDdl();
                }
                if (RoleParser.isDatabaseSet(in)) {
                    yield new RoleParser(in).alterDatabaseSet();
                }
                Statement s = ddl.parse();
                yield s != null ? s : unsupported();
            }
            case "savepoint" -> {
                in.next();
                yield new Statement.Savepoint(Statement.SavepointKind.SAVEPOINT, in.colId().text(), first.position());
            }
            case "release" -> {
                in.next();
                in.acceptKeyword("savepoint");
                yield new Statement.Savepoint(Statement.SavepointKind.RELEASE, in.colId().text(), first.position());
            }
            case "lock" -> lock();
            case "prepare" -> in.peek(1).isKeyword("transaction") ? unsupported() : prepare();
            case "execute" -> executePrepared();
            case "deallocate" -> deallocate();
            case "declare" -> cursors().declare();
            case "fetch", "move" -> cursors().fetch();
            case "close" -> cursors().close();
            case "discard" -> discard();
            case "checkpoint" -> {
                in.next();
                yield new Statement.Checkpoint(first.position());
            }
            case "grant", "revoke" -> new RoleParser(in).grantOrRevoke();
            case "insert" -> dml().insert();
            case "update" -> dml().update();
            case "delete" -> dml().delete();
            default -> {
                if (CommandNames.isKnown(first)) {
                    yield unsupported();
                }
                throw TokenStream.syntaxError(first);
            }
        };
    }

    // ---- SELECT (the grammar is SelectParser's)

    /** gram.y's ExplainStmt: the old keyword form or a parenthesized option list, then a query. */
    private Statement explain() {
        Token start = in.next();
        boolean analyze = false;
        boolean verbose = false;
        boolean costs = true;
        Boolean timing = null;
        Boolean summary = null;
        if (in.at(TokenKind.LPAREN) && !in.peek(1).isKeyword("select") && !in.peek(1).isKeyword("values")
                && in.peek(1).kind() != TokenKind.LPAREN) {
            in.next();
            do {
                Token name = in.next();
                if (name.kind() != TokenKind.IDENT) {
                    throw TokenStream.syntaxError(name);
                }
                boolean value = true;
                Token v = in.peek();
                if (v.kind() == TokenKind.IDENT && !v.quoted() && (v.text().equals("on") || v.text().equals("off")
                        || v.text().equals("true") || v.text().equals("false"))) {
                    in.next();
                    value = v.text().equals("on") || v.text().equals("true");
                } else if (v.kind() == TokenKind.INTEGER || v.kind() == TokenKind.STRING) {
                    in.next();
                    value = !v.text().equals("0") && !v.text().equalsIgnoreCase("off")
                            && !v.text().equalsIgnoreCase("false");
                    if (name.text().equals("format") && !v.text().equalsIgnoreCase("text")) {
                        throw SqlException.at("0A000", "EXPLAIN format " + v.text() + " is not supported yet",
                                v.position());
                    }
                } else if (v.kind() == TokenKind.IDENT && name.text().equals("format")) {
                    in.next();
                    if (!v.text().equals("text")) {
                        throw SqlException.at("0A000", "EXPLAIN format " + v.text() + " is not supported yet",
                                v.position());
                    }
                }
                switch (name.text()) {
                    case "analyze", "analyse" -> analyze = value;
                    case "verbose" -> verbose = value;
                    case "costs" -> costs = value;
                    case "timing" -> timing = value;
                    case "summary" -> summary = value;
                    case "buffers", "settings", "wal", "format" -> {
                    }
                    default -> throw SqlException.at("42601", "unrecognized EXPLAIN option \"" + name.text() + "\"",
                            name.position());
                }
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        } else {
            analyze = in.acceptKeyword("analyze") || in.acceptKeyword("analyse");
            verbose = in.acceptKeyword("verbose");
        }
        Token body = in.peek();
        Statement query;
        if (body.isKeyword("insert") || body.isKeyword("update") || body.isKeyword("delete")) {
            query = modifyingStatement();
        } else if (body.isKeyword("with")) {
            query = withStatement();
        } else if (!queries.atQueryStart() && !in.at(TokenKind.LPAREN)) {
            if (CommandNames.isKnown(in.peek())) {
                throw SqlException.at("0A000", "EXPLAIN of this statement is not supported yet", in.peek().position());
            }
            throw TokenStream.syntaxError(in.peek());
        } else {
            query = select();
        }
        return new Statement.Explain(query, analyze, verbose, costs, timing != null ? timing : analyze,
                summary != null ? summary : analyze, start.position());
    }

    private Statement select() {
        int position = in.peek().position();
        return new Statement.Select(queries.query(), position);
    }

    /**
     * A query as a statement of its own, where its first SELECT may have an INTO clause: {@code SELECT ...
     * INTO t FROM ...} is CREATE TABLE t AS the query without it, as PostgreSQL's transformation makes it.
     */
    private Statement selectStatement() {
        int position = in.peek().position();
        Query query;
        SelectParser.Into into;
        queries.allowInto();
        try {
            query = queries.query();
        } finally {
            into = queries.takeInto();
        }
        Statement.Select select = new Statement.Select(query, position);
        if (into == null) {
            return select;
        }
        return new Statement.DdlStatement(new org.tusk.sql.ast.DdlCommand.CreateTableAs(into.name(), false, List.of(),
                select, true, List.of()), position);
    }

    /** gram.y's LockStmt: {@code LOCK [TABLE] [ONLY] name [*] [, ...] [IN lock_type MODE] [NOWAIT]}. */
    private Statement lock() {
        Token start = in.next();
        in.acceptKeyword("table");
        List<Statement.RangeVar> tables = new ArrayList<>();
        do {
            in.acceptKeyword("only");
            Token t = in.peek();
            List<String> names = new ArrayList<>();
            names.add(in.colId().text());
            while (in.accept(TokenKind.DOT)) {
                names.add(in.colId().text());
            }
            if (in.atOp("*")) {
                in.next();
            }
            tables.add(new Statement.RangeVar(List.copyOf(names), null, t.position()));
        } while (in.accept(TokenKind.COMMA));
        String mode = "ACCESS EXCLUSIVE";
        if (in.acceptKeyword("in")) {
            // lock_type: each word must continue one of the eight modes, else it is the syntax error
            List<String> modes = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
                    "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");
            String words = "";
            while (!(modes.contains(words) && in.atKeyword("mode"))) {
                Token w = in.peek();
                String next = (words.isEmpty() ? "" : words + " ") + w.text().toUpperCase();
                if (w.kind() != TokenKind.IDENT || w.quoted()
                        || modes.stream().noneMatch(m -> m.equals(next) || m.startsWith(next + " "))) {
                    throw TokenStream.syntaxError(w);
                }
                in.next();
                words = next;
            }
            in.next();
            mode = words;
        }
        boolean noWait = in.acceptKeyword("nowait");
        return new Statement.Lock(List.copyOf(tables), mode, noWait, start.position());
    }

    /** gram.y's PrepareStmt: {@code PREPARE name [(type, ...)] AS PreparableStmt}. */
    private Statement prepare() {
        Token start = in.next();
        String name = in.colId().text();
        List<org.tusk.sql.ast.TypeName> types = new ArrayList<>();
        if (in.accept(TokenKind.LPAREN)) {
            do {
                types.add(exprs.parseTypeName());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        }
        if (!in.acceptKeyword("as")) {
            throw TokenStream.syntaxError(in.peek());
        }
        Token body = in.peek();
        if (!queries.atQueryStart() && !in.at(TokenKind.LPAREN) && !body.isKeyword("insert")
                && !body.isKeyword("update") && !body.isKeyword("delete")) {
            throw TokenStream.syntaxError(body);
        }
        return new Statement.Prepare(name, List.copyOf(types), statement(), start.position());
    }

    /** gram.y's ExecuteStmt: {@code EXECUTE name [(expr, ...)]}. */
    private Statement executePrepared() {
        Token start = in.next();
        String name = in.colId().text();
        List<Expr> args = new ArrayList<>();
        if (in.accept(TokenKind.LPAREN)) {
            do {
                args.add(exprs.parseExpr());
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        }
        return new Statement.ExecutePrepared(name, List.copyOf(args), start.position());
    }

    /** gram.y's DeallocateStmt: {@code DEALLOCATE [PREPARE] name | ALL}. */
    private Statement deallocate() {
        Token start = in.next();
        in.acceptKeyword("prepare");
        if (in.acceptKeyword("all")) {
            return new Statement.Deallocate(null, start.position());
        }
        return new Statement.Deallocate(in.colId().text(), start.position());
    }

    /** gram.y's DiscardStmt: {@code DISCARD ALL | PLANS | SEQUENCES | TEMP | TEMPORARY}. */
    private Statement discard() {
        Token start = in.next();
        Token what = in.next();
        String word = what.kind() == TokenKind.IDENT && !what.quoted() ? what.text() : "";
        return switch (word) {
            case "all", "plans", "sequences", "temp" -> new Statement.Discard(word.toUpperCase(java.util.Locale.ROOT),
                    start.position());
            case "temporary" -> new Statement.Discard("TEMP", start.position());
            default -> throw TokenStream.syntaxError(what);
        };
    }

    /** DECLARE, FETCH, MOVE and CLOSE are parsed in their own class. */
    private CursorParser cursors() {
        return new CursorParser(in, this::select, in::colId);
    }

    /** INSERT, UPDATE and DELETE are parsed in their own class; sub-queries and FROM items come from here. */
    private DmlParser dml() {
        return new DmlParser(in, exprs, this::select, queries::parseFromItem);
    }


    // ---- SHOW, SET, RESET

    /** A configuration parameter name: identifiers joined by dots (custom names are "prefix.name"). */
    private String varName() {
        return SetClause.varName(in);
    }

    private Statement show() {
        Token start = in.next();
        if (in.acceptKeyword("all")) {
            return new Statement.Show(null, start.position());
        }
        if (in.atKeyword("time") && in.peek(1).isKeyword("zone")) {
            in.next();
            in.next();
            return new Statement.Show("timezone", start.position());
        }
        if (in.atKeyword("transaction") && in.peek(1).isKeyword("isolation")) {
            in.next();
            in.next();
            in.expectKeyword("level");
            return new Statement.Show("transaction_isolation", start.position());
        }
        if (in.atKeyword("session") && in.peek(1).isKeyword("authorization")) {
            in.next();
            in.next();
            return new Statement.Show("session_authorization", start.position());
        }
        return new Statement.Show(varName(), start.position());
    }

    private Statement reset() {
        Token start = in.next();
        if (in.acceptKeyword("all")) {
            return new Statement.Reset(null, start.position());
        }
        if (in.atKeyword("time") && in.peek(1).isKeyword("zone")) {
            in.next();
            in.next();
            return new Statement.Reset("timezone", start.position());
        }
        if (in.atKeyword("role") || in.atKeyword("session") && in.peek(1).isKeyword("authorization")) {
            return new RoleParser(in).resetRole(start);
        }
        return new Statement.Reset(varName(), start.position());
    }

    private Statement set() {
        Token start = in.next();
        boolean local = false;
        if (in.atKeyword("local") && in.peek(1).kind() == TokenKind.IDENT) {
            in.next();
            local = true;
        } else if (in.atKeyword("session") && in.peek(1).kind() == TokenKind.IDENT
                && !in.peek(1).isKeyword("authorization") && !in.peek(1).isKeyword("characteristics")) {
            in.next();
        }
        Token t = in.peek();
        if (t.isKeyword("time") && in.peek(1).isKeyword("zone")) {
            in.next();
            in.next();
            if (in.acceptKeyword("local") || in.acceptKeyword("default")) {
                return new Statement.SetVariable("timezone", null, local, start.position());
            }
            return new Statement.SetVariable("timezone", List.of(setValue()), local, start.position());
        }
        if (t.isKeyword("names")) {
            in.next();
            List<SetValue> values = in.atKeyword("default") || in.at(TokenKind.EOF) || in.at(TokenKind.SEMICOLON)
                    ? null : List.of(setValue());
            in.acceptKeyword("default");
            return new Statement.SetVariable("client_encoding", values, local, start.position());
        }
        if (t.isKeyword("schema")) {
            in.next();
            Token s = in.expect(TokenKind.STRING);
            return new Statement.SetVariable("search_path", List.of(new SetValue(ValueKind.STRING, s.text())), local,
                    start.position());
        }
        if (t.isKeyword("transaction") || t.isKeyword("session") && in.peek(1).isKeyword("characteristics")) {
            boolean session = t.isKeyword("session");
            in.next();
            if (session) {
                in.next();
                in.expectKeyword("as");
                in.expectKeyword("transaction");
            }
            Token firstMode = in.peek();
            Statement.Transaction modes = (Statement.Transaction) transactionModes(start);
            if (in.peek() == firstMode) {
                // At least one mode (DEFERRABLE alone is one).
                throw TokenStream.syntaxError(firstMode);
            }
            return new Statement.SetTransaction(modes.isolation(), modes.readOnly(), session, start.position());
        }
        if (t.isKeyword("role") || t.isKeyword("session") && in.peek(1).isKeyword("authorization")) {
            return new RoleParser(in).setRole(start, local);
        }
        if (t.isKeyword("constraints")) {
            in.next();
            List<List<String>> names = null;
            if (!in.acceptKeyword("all")) {
                names = new ArrayList<>();
                do {
                    List<String> parts = new ArrayList<>();
                    parts.add(in.colId().text());
                    while (in.accept(TokenKind.DOT)) {
                        parts.add(in.colId().text());
                    }
                    names.add(parts);
                } while (in.accept(TokenKind.COMMA));
            }
            boolean deferred = in.acceptKeyword("deferred");
            if (!deferred) {
                in.expectKeyword("immediate");
            }
            return new Statement.SetConstraints(names, deferred, start.position());
        }
        if (t.isKeyword("session")) {
            String what = t.isKeyword("session") ? "SET SESSION " + in.peek(1).text().toUpperCase()
                    : "SET " + t.text().toUpperCase();
            throw SqlException.at("0A000", what + " is not supported yet", start.position());
        }
        String name = varName();
        if (!in.acceptKeyword("to") && !in.atOp("=")) {
            throw TokenStream.syntaxError(in.peek());
        }
        if (in.atOp("=")) {
            in.next();
        }
        if (in.acceptKeyword("default")) {
            return new Statement.SetVariable(name, null, local, start.position());
        }
        if (in.atKeyword("from") && in.peek(1).isKeyword("current")) {
            throw SqlException.at("0A000", "SET FROM CURRENT is not supported yet", start.position());
        }
        List<SetValue> values = new ArrayList<>();
        do {
            values.add(setValue());
        } while (in.accept(TokenKind.COMMA));
        return new Statement.SetVariable(name, List.copyOf(values), local, start.position());
    }

    /** One SET value (see SetClause#value). */
    private SetValue setValue() {
        return SetClause.value(in);
    }

    // ---- transaction control

    private Statement transactionModes(Token first) {
        String isolation = null;
        Boolean readOnly = null;
        boolean firstMode = true;
        while (true) {
            if (!firstMode && in.at(TokenKind.COMMA)) {
                in.next();
            }
            if (in.acceptKeyword("isolation")) {
                in.expectKeyword("level");
                if (in.acceptKeyword("serializable")) {
                    isolation = "serializable";
                } else if (in.acceptKeyword("repeatable")) {
                    in.expectKeyword("read");
                    isolation = "repeatable read";
                } else {
                    in.expectKeyword("read");
                    if (in.acceptKeyword("committed")) {
                        isolation = "read committed";
                    } else {
                        in.expectKeyword("uncommitted");
                        isolation = "read uncommitted";
                    }
                }
            } else if (in.atKeyword("read")) {
                in.next();
                if (in.acceptKeyword("only")) {
                    readOnly = true;
                } else {
                    in.expectKeyword("write");
                    readOnly = false;
                }
            } else if (in.acceptKeyword("deferrable")) {
                // Only meaningful for serializable read-only transactions; nothing to do yet.
            } else if (in.atKeyword("not") && in.peek(1).isKeyword("deferrable")) {
                in.next();
                in.next();
            } else {
                break;
            }
            firstMode = false;
        }
        Statement.TransactionKind kind = first.isKeyword("start") ? Statement.TransactionKind.START
                : Statement.TransactionKind.BEGIN;
        return new Statement.Transaction(kind, isolation, readOnly, false, first.position());
    }

    private Statement endTransaction(Statement.TransactionKind kind) {
        Token first = in.next();
        if (in.atKeyword("prepared")) {
            throw SqlException.at("0A000", first.text().toUpperCase() + " PREPARED is not supported yet",
                    first.position());
        }
        if (!in.acceptKeyword("work")) {
            in.acceptKeyword("transaction");
        }
        if (kind == Statement.TransactionKind.ROLLBACK && in.acceptKeyword("to")) {
            in.acceptKeyword("savepoint");
            return new Statement.Savepoint(Statement.SavepointKind.ROLLBACK_TO, in.colId().text(), first.position());
        }
        boolean chain = false;
        if (in.atKeyword("and")) {
            in.next();
            chain = !in.acceptKeyword("no");
            in.expectKeyword("chain");
        }
        return new Statement.Transaction(kind, null, null, chain, first.position());
    }

    // ---- COPY

    /** gram.y's CopyStmt: a table or a parenthesized SELECT, the direction and target, the options. */
    private Statement copy() {
        Token start = in.next();
        List<Statement.CopyOption> options = new ArrayList<>();
        if (in.atKeyword("binary")) {
            options.add(new Statement.CopyOption("format", "binary", in.next().position()));
        }
        Statement.Select query = null;
        List<String> relation = null;
        List<String> columns = new ArrayList<>();
        int relationPosition = in.peek().position();
        if (in.at(TokenKind.LPAREN)) {
            in.next();
            if (!queries.atQueryStart() && !in.at(TokenKind.LPAREN)) {
                throw TokenStream.syntaxError(in.peek());
            }
            query = (Statement.Select) select();
            in.expect(TokenKind.RPAREN);
        } else {
            relation = new ArrayList<>();
            relation.add(in.colId().text());
            while (in.accept(TokenKind.DOT)) {
                relation.add(in.expect(TokenKind.IDENT).text());
            }
            if (in.accept(TokenKind.LPAREN)) {
                do {
                    columns.add(in.colId().text());
                } while (in.accept(TokenKind.COMMA));
                in.expect(TokenKind.RPAREN);
            }
        }
        boolean from = query == null && in.acceptKeyword("from");
        if (!from) {
            in.expectKeyword("to");
        }
        boolean stdio;
        if (in.atKeyword(from ? "stdin" : "stdout")) {
            in.next();
            stdio = true;
        } else if (in.atKeyword("program")) {
            in.next();
            in.expect(TokenKind.STRING);
            stdio = false;
        } else {
            in.expect(TokenKind.STRING);
            stdio = false;
        }
        if (relation != null && in.atKeyword("using")) {
            in.next();
            in.expectKeyword("delimiters");
            Token d = in.expect(TokenKind.STRING);
            options.add(new Statement.CopyOption("delimiter", d.text(), d.position()));
        }
        in.acceptKeyword("with");
        if (in.at(TokenKind.LPAREN)) {
            in.next();
            do {
                Token name = in.expect(TokenKind.IDENT);
                String value = null;
                if (in.at(TokenKind.STRING) || in.at(TokenKind.INTEGER) || in.at(TokenKind.IDENT)) {
                    value = in.next().text();
                } else if (in.atOp("*")) {
                    in.next();
                    value = "*";
                } else if (in.accept(TokenKind.LPAREN)) {
                    value = copyColumnList();
                    in.expect(TokenKind.RPAREN);
                }
                options.add(new Statement.CopyOption(name.text(), value, name.position()));
            } while (in.accept(TokenKind.COMMA));
            in.expect(TokenKind.RPAREN);
        } else {
            legacyCopyOptions(options);
        }
        if (from && in.atKeyword("where")) {
            throw SqlException.at("0A000", "COPY FROM ... WHERE is not supported yet", in.peek().position());
        }
        return new Statement.Copy(query, relation == null ? null : List.copyOf(relation), from, stdio,
                List.copyOf(options), relationPosition, start.position(), List.copyOf(columns));
    }

    /** The column names of a FORCE_* option, joined by commas. */
    private String copyColumnList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(in.colId().text());
        } while (in.accept(TokenKind.COMMA));
        return String.join(",", names);
    }

    /** The pre-9.0 option spellings: BINARY, DELIMITER [AS] 'c', NULL [AS] 's', CSV, HEADER, QUOTE, ESCAPE. */
    private void legacyCopyOptions(List<Statement.CopyOption> options) {
        while (in.at(TokenKind.IDENT) && !in.peek().quoted()) {
            Token t = in.peek();
            switch (t.text()) {
                case "binary" -> options.add(new Statement.CopyOption("format", "binary", in.next().position()));
                case "csv" -> options.add(new Statement.CopyOption("format", "csv", in.next().position()));
                case "header" -> options.add(new Statement.CopyOption("header", null, in.next().position()));
                case "delimiter", "null", "quote", "escape" -> {
                    in.next();
                    in.acceptKeyword("as");
                    options.add(new Statement.CopyOption(t.text(), in.expect(TokenKind.STRING).text(), t.position()));
                }
                case "freeze" -> options.add(new Statement.CopyOption("freeze", null, in.next().position()));
                case "encoding" -> {
                    in.next();
                    options.add(new Statement.CopyOption("encoding", in.expect(TokenKind.STRING).text(),
                            t.position()));
                }
                case "force" -> {
                    in.next();
                    String option;
                    if (in.acceptKeyword("quote")) {
                        option = "force_quote";
                    } else {
                        in.expectKeyword("not");
                        in.expectKeyword("null");
                        option = "force_not_null";
                    }
                    String value;
                    if (in.atOp("*")) {
                        in.next();
                        value = "*";
                    } else {
                        value = copyColumnList();
                    }
                    options.add(new Statement.CopyOption(option, value, t.position()));
                }
                default -> {
                    return;
                }
            }
        }
    }

    // ---- LISTEN, UNLISTEN, NOTIFY

    /** {@code NOTIFY ColId [, Sconst]}. */
    private Statement notifyStatement() {
        Token first = in.next();
        String channel = in.colId().text();
        String payload = "";
        if (in.accept(TokenKind.COMMA)) {
            payload = in.expect(TokenKind.STRING).text();
        }
        return new Statement.Notify(channel, payload, first.position());
    }

    // ---- everything else

    /**
     * A statement that is recognised but not run yet. Its tokens are consumed up to the next top-level
     * semicolon, so that the statements after it still parse.
     */
    private Statement unsupported() {
        Token first = in.peek();
        List<String> words = new ArrayList<>();
        int depth = 0;
        while (!in.at(TokenKind.EOF) && !(depth == 0 && in.at(TokenKind.SEMICOLON))) {
            Token t = in.next();
            if (t.kind() == TokenKind.LPAREN) {
                depth++;
            } else if (t.kind() == TokenKind.RPAREN) {
                depth--;
            } else if (t.kind() == TokenKind.IDENT && !t.quoted() && words.size() < 6) {
                words.add(t.text());
            }
        }
        return new Statement.Unsupported(CommandNames.name(words), first.position());
    }

    /** An INSERT, UPDATE or DELETE in WITH ({@code WITH d AS (DELETE ... RETURNING *) ...}). */
    private Statement modifyingStatement() {
        Token t = in.peek();
        if (t.isKeyword("insert")) {
            return dml().insert();
        }
        return t.isKeyword("update") ? dml().update() : dml().delete();
    }

    /**
     * A statement that starts with WITH: a query, or an INSERT, UPDATE or DELETE whose WITH queries its
     * parts can read ({@code WITH x AS (...) DELETE FROM t USING x ...}).
     */
    private Statement withStatement() {
        Token start = in.peek();
        List<org.tusk.sql.ast.Query.CommonTable> with = queries.leadingWith();
        Token t = in.peek();
        if (t.isKeyword("insert") || t.isKeyword("update") || t.isKeyword("delete")) {
            return switch (modifyingStatement()) {
                case Statement.Insert i -> i.withClause(with, start.position());
                case Statement.Update u -> u.withClause(with, start.position());
                case Statement.Delete d -> d.withClause(with, start.position());
                default -> throw TokenStream.syntaxError(t);
            };
        }
        return new Statement.Select(queries.queryAfterWith(with, start.position()), start.position());
    }
}
