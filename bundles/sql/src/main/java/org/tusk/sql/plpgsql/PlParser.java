package org.tusk.sql.plpgsql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;
import org.tusk.sql.plpgsql.PlAst.Stmt;
import org.tusk.sql.plpgsql.PlAst.Var;
import org.tusk.sql.types.SqlType;

/**
 * PL/pgSQL's grammar (pl_gram.y) over the SQL lexer's tokens: blocks with DECLARE and EXCEPTION, and the
 * statements PlAst lists. SQL parts (expressions, conditions, queries) are cut out of the body as text,
 * up to the keyword that ends them at parenthesis depth 0, and kept with the variables visible there.
 */
final class PlParser {
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private final PlFunction function;
    /** The blocks' declarations, innermost last. */
    private final Deque<Map<String, Integer>> scopes = new ArrayDeque<>();
    /** How many loops enclose the statement being read (an unlabelled EXIT or CONTINUE needs one). */
    private int loopDepth;

    private static final Set<String> CURRENT_ITEMS = Set.of("row_count", "pg_context");
    private static final Set<String> STACKED_ITEMS = Set.of("returned_sqlstate", "message_text",
            "pg_exception_detail", "pg_exception_hint", "pg_exception_context", "column_name", "constraint_name",
            "pg_datatype_name", "table_name", "schema_name");

    PlParser(String src, PlFunction function) {
        this.src = src;
        this.function = function;
        Lexer lexer = new Lexer(src, true);
        for (Token t = lexer.next();; t = lexer.next()) {
            tokens.add(t);
            if (t.kind() == TokenKind.EOF) {
                break;
            }
        }
    }

    /** The whole body: one block, optionally followed by a semicolon. */
    PlAst.Block parse(Map<String, Integer> outer, int bodyPosition) {
        scopes.push(new HashMap<>(outer));
        try {
            PlAst.Block b = block(label());
            accept(TokenKind.SEMICOLON);
            if (!at(TokenKind.EOF)) {
                throw syntax(peek());
            }
            return b;
        } catch (SqlException e) {
            String position = e.fields().get(ErrorFields.POSITION);
            if (position != null && bodyPosition > 0) {
                // plpgsql_compile_error_callback: an error at a place in the body points into the statement
                // that is validating it, and gets no CONTEXT line.
                throw new SqlException(e.fields().toBuilder().position(bodyPosition + Integer.parseInt(position) - 1)
                        .build());
            }
            throw org.tusk.sql.func.ErrorContext.add(e, "compilation of PL/pgSQL function \"" + function.name()
                    + "\" near line " + line(tokens.get(Math.max(0, Math.min(pos, tokens.size() - 1)))));
        }
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int n) {
        return tokens.get(Math.min(pos + n, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean at(TokenKind k) {
        return peek().kind() == k;
    }

    private boolean atWord(String w) {
        return peek().isKeyword(w);
    }

    private boolean acceptWord(String w) {
        if (atWord(w)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean accept(TokenKind k) {
        if (at(k)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectWord(String w) {
        if (!acceptWord(w)) {
            throw syntax(peek());
        }
    }

    private void expect(TokenKind k) {
        if (!accept(k)) {
            throw syntax(peek());
        }
    }

    private int offset(Token t) {
        return src.offsetByCodePoints(0, Math.min(t.position() - 1, src.codePointCount(0, src.length())));
    }

    private int line(Token t) {
        int end = offset(t);
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private SqlException syntax(Token t) {
        String near = t.kind() == TokenKind.EOF ? "at end of input" : "at or near \"" + t.raw() + "\"";
        return new SqlException(ErrorFields.of("ERROR", "42601", "syntax error " + near).position(t.position())
                .build());
    }

    private String identifier() {
        Token t = next();
        if (t.kind() != TokenKind.IDENT) {
            throw syntax(t);
        }
        return t.text();
    }

    // ---- SQL text

    /**
     * The SQL text from here to the first of {@code ends} (keywords, or ";") at depth 0, not consumed.
     * CASE ... END inside counts as depth, so its THEN and END end nothing.
     */
    private String sqlUntil(Set<String> ends) {
        int start = pos;
        int depth = 0;
        while (true) {
            Token t = peek();
            if (t.kind() == TokenKind.EOF) {
                throw syntax(t);
            }
            if (depth == 0 && (t.kind() == TokenKind.SEMICOLON && ends.contains(";")
                    || t.kind() == TokenKind.IDENT && !t.quoted() && ends.contains(t.text())
                    || t.kind() == TokenKind.COMMA && ends.contains(",")
                    || t.kind() == TokenKind.RPAREN && ends.contains(")"))) {
                break;
            }
            if (t.kind() == TokenKind.LPAREN || t.kind() == TokenKind.LBRACKET || t.isKeyword("case")) {
                depth++;
            } else if ((t.kind() == TokenKind.RPAREN || t.kind() == TokenKind.RBRACKET || t.isKeyword("end"))
                    && depth > 0) {
                depth--;
            }
            pos++;
        }
        if (pos == start) {
            throw syntax(peek());
        }
        return text(start, pos);
    }

    /** The source text of tokens [from, to). */
    private String text(int from, int to) {
        Token last = tokens.get(to - 1);
        return src.substring(offset(tokens.get(from)), offset(last) + last.raw().length());
    }

    private PlExpr expr(String sql, int line) {
        return new PlExpr("SELECT " + sql, line, visible(), "SQL expression \"" + sql + "\"");
    }

    private PlExpr statementText(String sql, int line) {
        return new PlExpr(sql, line, visible(), "SQL statement \"" + sql + "\"");
    }

    private Map<String, Integer> visible() {
        Map<String, Integer> v = new HashMap<>();
        var it = scopes.descendingIterator();
        while (it.hasNext()) {
            v.putAll(it.next());
        }
        return v;
    }

    /** The variable {@code name} names where the parser is, or null. */
    private Var visibleVar(String name) {
        for (Map<String, Integer> s : scopes) {
            Integer slot = s.get(name);
            if (slot != null) {
                return function.var(slot);
            }
        }
        return null;
    }

    /** The record variable {@code name} names where the parser is, or null. */
    private Var visibleRecord(String name) {
        for (Map<String, Integer> s : scopes) {
            Integer slot = s.get(name);
            if (slot != null) {
                Var v = function.var(slot);
                return v.record() ? v : null;
            }
        }
        return null;
    }

    private Var lookup(String name, Token at) {
        for (Map<String, Integer> s : scopes) {
            Integer slot = s.get(name);
            if (slot != null) {
                return function.var(slot);
            }
        }
        throw new SqlException(ErrorFields.of("ERROR", "42601", "\"" + name + "\" is not a known variable")
                .position(at.position()).build());
    }

    // ---- blocks and declarations

    private String label() {
        if (peek().isOp("<<")) {
            next();
            String l = identifier();
            if (!peek().isOp(">>")) {
                throw syntax(peek());
            }
            next();
            return l;
        }
        return null;
    }

    private PlAst.Block block(String label) {
        int line = line(peek());
        List<Var> declarations = new ArrayList<>();
        scopes.push(new HashMap<>());
        if (acceptWord("declare")) {
            while (!atWord("begin")) {
                if (acceptWord("declare")) {
                    continue;
                }
                declarations.add(declaration());
            }
        }
        expectWord("begin");
        List<Stmt> body = statements(Set.of("exception", "end"));
        List<PlAst.Handler> handlers = new ArrayList<>();
        if (acceptWord("exception")) {
            while (acceptWord("when")) {
                List<String> states = new ArrayList<>();
                boolean others = false;
                do {
                    if (acceptWord("sqlstate")) {
                        states.add(next().text());
                    } else {
                        String name = identifier();
                        if (name.equals("others")) {
                            others = true;
                        } else {
                            String state = Conditions.sqlState(name);
                            if (state == null) {
                                throw new SqlException("42704", "unrecognized exception condition \"" + name + "\"");
                            }
                            states.add(state);
                        }
                    }
                } while (acceptWord("or"));
                expectWord("then");
                scopes.push(new HashMap<>());
                Var sqlState = function.declare("sqlstate", "text", false, false, null, false);
                Var sqlErrm = function.declare("sqlerrm", "text", false, false, null, false);
                scopes.peek().put("sqlstate", sqlState.slot());
                scopes.peek().put("sqlerrm", sqlErrm.slot());
                List<Stmt> handlerBody = statements(Set.of("when", "end"));
                scopes.pop();
                handlers.add(new PlAst.Handler(states, others, handlerBody, sqlState, sqlErrm));
            }
        }
        expectWord("end");
        if (at(TokenKind.IDENT) && !atWord("loop")) {
            next(); // the block's label repeated
        }
        scopes.pop();
        return new PlAst.Block(label, declarations, body, handlers, line);
    }

    private Var declaration() {
        String name = identifier();
        if (atWord("cursor") || atWord("scroll") || atWord("no") && peek(1).isKeyword("scroll")) {
            return cursorDeclaration(name);
        }
        boolean constant = acceptWord("constant");
        int start = pos;
        while (!atWord("not") && !atWord("default") && !atWord("collate") && !at(TokenKind.SEMICOLON)
                && !(peek().kind() == TokenKind.COLON && peek(1).isOp("=")) && !peek().isOp("=")) {
            if (at(TokenKind.EOF)) {
                throw syntax(peek());
            }
            pos++;
        }
        if (pos == start) {
            throw syntax(peek());
        }
        String type = text(start, pos);
        if (acceptWord("collate")) {
            identifier();
        }
        boolean notNull = false;
        if (acceptWord("not")) {
            expectWord("null");
            notNull = true;
        }
        PlExpr initial = null;
        int line = line(peek());
        if (acceptWord("default") || peek().isOp("=")) {
            if (peek().isOp("=")) {
                next();
            }
            initial = expr(sqlUntil(Set.of(";")), line);
        } else if (peek().kind() == TokenKind.COLON && peek(1).isOp("=")) {
            next();
            next();
            initial = expr(sqlUntil(Set.of(";")), line);
        }
        expect(TokenKind.SEMICOLON);
        if (notNull && initial == null) {
            throw new SqlException("22004", "variable \"" + name + "\" must have a default value, since it's "
                    + "declared NOT NULL");
        }
        boolean record = type.equalsIgnoreCase("record");
        Var v;
        try {
            v = function.declare(name, record ? "text" : type, constant, notNull, initial, record);
        } catch (SqlException e) {
            // an unknown type points at the declaration's type (a %TYPE that names nothing at its %), as
            // pl_gram.y's read_datatype reports it
            int at = tokens.get(start).position();
            if (e.sqlState().equals("42704")) {
                throw new SqlException(e.fields().toBuilder().position(at).build());
            }
            String inType = e.fields().get(ErrorFields.POSITION);
            if (inType == null) {
                pos = start; // the CONTEXT line names the declaration's line
                throw e;
            }
            throw new SqlException(e.fields().toBuilder().position(at + Integer.parseInt(inType) - 1).build());
        }
        scopes.peek().put(name, v.slot());
        return v;
    }

    /**
     * {@code name [[NO] SCROLL] CURSOR [(arg type, ...)] FOR|IS query;}: a refcursor variable whose value is
     * its own name (the portal OPEN will create), bound to the query; the arguments are variables of their
     * own, visible in the query only.
     */
    private Var cursorDeclaration(String name) {
        boolean noScroll = scrollOption();
        expectWord("cursor");
        int line = line(peek());
        scopes.push(new HashMap<>());
        List<Var> params = new ArrayList<>();
        if (accept(TokenKind.LPAREN)) {
            do {
                String param = identifier();
                int start = pos;
                int depth = 0;
                while (depth > 0 || !at(TokenKind.COMMA) && !at(TokenKind.RPAREN)) {
                    if (at(TokenKind.EOF)) {
                        throw syntax(peek());
                    }
                    depth += at(TokenKind.LPAREN) ? 1 : at(TokenKind.RPAREN) ? -1 : 0;
                    pos++;
                }
                if (pos == start) {
                    throw syntax(peek());
                }
                Var p = function.declare(param, text(start, pos), false, false, null, false);
                scopes.peek().put(param, p.slot());
                params.add(p);
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.RPAREN);
        }
        if (!acceptWord("for")) {
            expectWord("is");
        }
        PlExpr query = statementText(sqlUntil(Set.of(";")), line);
        scopes.pop();
        expect(TokenKind.SEMICOLON);
        Var v = function.declare(name, "refcursor", false, false, expr("'" + name.replace("'", "''") + "'", line),
                false);
        function.bindCursor(v.slot(), new PlAst.CursorDecl(query, params, noScroll));
        scopes.peek().put(name, v.slot());
        return v;
    }

    /** {@code [NO] SCROLL}: whether NO SCROLL was written. */
    private boolean scrollOption() {
        if (acceptWord("no")) {
            expectWord("scroll");
            return true;
        }
        acceptWord("scroll");
        return false;
    }

    /** A bound cursor's arguments at OPEN or FOR: by position or name ({@code a := 1}), in its parameters' order. */
    private List<PlExpr> cursorArgs(Var cursor, PlAst.CursorDecl decl, int line) {
        List<Var> params = decl.params();
        if (!at(TokenKind.LPAREN)) {
            if (!params.isEmpty()) {
                throw new SqlException(ErrorFields.of("ERROR", "42601", "cursor \"" + cursor.name()
                        + "\" has arguments").position(peek().position()).build());
            }
            return List.of();
        }
        if (params.isEmpty()) {
            throw new SqlException(ErrorFields.of("ERROR", "42601", "cursor \"" + cursor.name()
                    + "\" has no arguments").position(peek().position()).build());
        }
        next();
        PlExpr[] args = new PlExpr[params.size()];
        int n = 0;
        do {
            int index = n;
            if (at(TokenKind.IDENT) && (peek(1).kind() == TokenKind.COLON && peek(2).isOp("=") || peek(1).isOp("=>"))) {
                Token named = next();
                index = -1;
                for (int i = 0; i < params.size(); i++) {
                    if (params.get(i).name().equals(named.text())) {
                        index = i;
                    }
                }
                if (index < 0) {
                    throw new SqlException(ErrorFields.of("ERROR", "42601", "cursor \"" + cursor.name()
                            + "\" has no argument named \"" + named.text() + "\"").position(named.position()).build());
                }
                next();
                if (peek().isOp("=")) {
                    next();
                }
            }
            if (index >= args.length) {
                throw new SqlException(ErrorFields.of("ERROR", "42601", "too many arguments for cursor \""
                        + cursor.name() + "\"").position(peek().position()).build());
            }
            if (args[index] != null) {
                throw new SqlException(ErrorFields.of("ERROR", "42601", "value for parameter \""
                        + params.get(index).name() + "\" of cursor \"" + cursor.name() + "\" specified more than once")
                        .position(peek().position()).build());
            }
            args[index] = expr(sqlUntil(Set.of(",", ")")), line);
            n++;
        } while (accept(TokenKind.COMMA));
        Token close = peek();
        expect(TokenKind.RPAREN);
        for (PlExpr a : args) {
            if (a == null) {
                throw new SqlException(ErrorFields.of("ERROR", "42601", "not enough arguments for cursor \""
                        + cursor.name() + "\"").position(close.position()).build());
            }
        }
        return List.of(args);
    }

    /** A refcursor variable OPEN, FETCH, MOVE or CLOSE names. */
    private Var cursorVariable() {
        Token t = peek();
        Var v = lookup(identifier(), t);
        if (function.slotType(v.slot()) != SqlType.REFCURSOR) {
            throw new SqlException(ErrorFields.of("ERROR", "42804", "variable \"" + v.name()
                    + "\" must be of type cursor or refcursor").position(t.position()).build());
        }
        return v;
    }

    private Stmt open(int line) {
        Var c = cursorVariable();
        PlAst.CursorDecl decl = function.cursor(c.slot());
        if (decl != null) {
            List<PlExpr> args = cursorArgs(c, decl, line);
            expect(TokenKind.SEMICOLON);
            return new PlAst.Open(c, null, false, List.of(), args, decl.noScroll(), line);
        }
        boolean noScroll = scrollOption();
        expectWord("for");
        if (acceptWord("execute")) {
            PlExpr command = expr(sqlUntil(Set.of(";", "using")), line);
            List<PlExpr> using = acceptWord("using") ? usingList(line, Set.of(";")) : List.of();
            expect(TokenKind.SEMICOLON);
            return new PlAst.Open(c, command, true, using, List.of(), noScroll, line);
        }
        PlExpr query = statementText(sqlUntil(Set.of(";")), line);
        expect(TokenKind.SEMICOLON);
        return new PlAst.Open(c, query, false, List.of(), List.of(), noScroll, line);
    }

    /** FETCH [direction] [FROM | IN] cursor INTO target; or MOVE [direction] [FROM | IN] cursor; */
    private Stmt fetch(boolean move, Token keyword, int line) {
        org.tusk.sql.ast.Statement.FetchDirection direction = org.tusk.sql.ast.Statement.FetchDirection.RELATIVE_COUNT;
        long count = 1;
        PlExpr countExpr = null;
        boolean backward = false;
        boolean multiple = false;
        if (acceptWord("next")) {
            count = 1;
        } else if (acceptWord("prior")) {
            count = -1;
        } else if (acceptWord("first")) {
            direction = org.tusk.sql.ast.Statement.FetchDirection.ABSOLUTE;
        } else if (acceptWord("last")) {
            direction = org.tusk.sql.ast.Statement.FetchDirection.ABSOLUTE;
            count = -1;
        } else if (acceptWord("absolute") || atWord("relative")) {
            if (acceptWord("relative")) {
                direction = org.tusk.sql.ast.Statement.FetchDirection.RELATIVE;
            } else {
                direction = org.tusk.sql.ast.Statement.FetchDirection.ABSOLUTE;
            }
            countExpr = expr(sqlUntil(Set.of("from", "in")), line);
        } else if (acceptWord("all")) {
            count = Long.MAX_VALUE;
            multiple = true;
        } else if (atWord("forward") || atWord("backward")) {
            backward = next().isKeyword("backward");
            count = backward ? -1 : 1;
            if (acceptWord("all")) {
                count = backward ? -Long.MAX_VALUE : Long.MAX_VALUE;
                multiple = true;
            } else if (!atWord("from") && !atWord("in") && !(at(TokenKind.IDENT)
                    && (peek(1).kind() == TokenKind.SEMICOLON || peek(1).isKeyword("into")))) {
                countExpr = expr(sqlUntil(Set.of("from", "in")), line);
                multiple = true;
            }
        }
        if (!acceptWord("from")) {
            acceptWord("in");
        }
        Var c = cursorVariable();
        List<Var> into = new ArrayList<>();
        if (!move) {
            expectWord("into");
            do {
                Token n = peek();
                into.add(lookup(identifier(), n));
            } while (accept(TokenKind.COMMA));
            if (multiple) {
                throw new SqlException(ErrorFields.of("ERROR", "42601", "FETCH statement cannot return multiple rows")
                        .position(keyword.position()).build());
            }
        }
        expect(TokenKind.SEMICOLON);
        return new PlAst.Fetch(c, direction, count, countExpr, backward, move, into, line);
    }

    // ---- statements

    private List<Stmt> statements(Set<String> ends) {
        List<Stmt> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == TokenKind.EOF) {
                throw syntax(t);
            }
            if (t.kind() == TokenKind.IDENT && !t.quoted() && ends.contains(t.text())) {
                return out;
            }
            out.add(statement());
        }
    }

    private Stmt statement() {
        String label = label();
        Token t = peek();
        int line = line(t);
        if (t.kind() != TokenKind.IDENT) {
            throw syntax(t);
        }
        String w = t.quoted() ? "" : t.text();
        if (label != null && !Set.of("declare", "begin", "loop", "while", "for", "foreach").contains(w)) {
            throw syntax(t);
        }
        switch (w) {
            case "declare", "begin" -> {
                PlAst.Block b = block(label);
                expect(TokenKind.SEMICOLON);
                return b;
            }
            case "if" -> {
                next();
                return ifStatement(line);
            }
            case "case" -> {
                next();
                return caseStatement(line);
            }
            case "loop" -> {
                next();
                List<Stmt> body = loopBody();
                return new PlAst.Loop(label, body, line);
            }
            case "while" -> {
                next();
                PlExpr cond = expr(sqlUntil(Set.of("loop")), line);
                expectWord("loop");
                return new PlAst.While(label, cond, loopBody(), line);
            }
            case "for" -> {
                next();
                return forStatement(label, line);
            }
            case "foreach" -> {
                next();
                Var v = lookup(identifier(), t);
                if (acceptWord("slice")) {
                    throw new SqlException("0A000", "FOREACH ... SLICE is not supported yet");
                }
                expectWord("in");
                expectWord("array");
                PlExpr array = expr(sqlUntil(Set.of("loop")), line);
                expectWord("loop");
                return new PlAst.Foreach(label, v, array, loopBody(), line);
            }
            case "exit", "continue" -> {
                Token keyword = next();
                String target = at(TokenKind.IDENT) && !atWord("when") ? identifier() : null;
                if (target == null && loopDepth == 0) {
                    throw new SqlException(ErrorFields.of("ERROR", "42601", w.equals("exit")
                            ? "EXIT cannot be used outside a loop, unless it has a label"
                            : "CONTINUE cannot be used outside a loop").position(keyword.position()).build());
                }
                PlExpr when = acceptWord("when") ? expr(sqlUntil(Set.of(";")), line) : null;
                expect(TokenKind.SEMICOLON);
                return new PlAst.Exit(w.equals("continue"), target, when, line);
            }
            case "return" -> {
                next();
                return returnStatement(line);
            }
            case "perform" -> {
                next();
                String q = sqlUntil(Set.of(";"));
                expect(TokenKind.SEMICOLON);
                return new PlAst.Sql(statementText("SELECT " + q, line), List.of(), null, false, true, line);
            }
            case "raise" -> {
                next();
                return raise(line);
            }
            case "get" -> {
                next();
                boolean stacked = acceptWord("stacked");
                if (!stacked) {
                    acceptWord("current");
                }
                expectWord("diagnostics");
                List<Var> targets = new ArrayList<>();
                List<String> items = new ArrayList<>();
                do {
                    targets.add(lookup(identifier(), t));
                    if (peek().kind() == TokenKind.COLON) {
                        next();
                    }
                    if (!peek().isOp("=")) {
                        throw syntax(peek());
                    }
                    next();
                    Token item = peek();
                    String name = identifier();
                    boolean known = stacked ? STACKED_ITEMS.contains(name) : CURRENT_ITEMS.contains(name);
                    if (!known) {
                        // pl_gram.y's check_diagnostics: an item of the other kind, or an unknown word
                        throw STACKED_ITEMS.contains(name) || CURRENT_ITEMS.contains(name)
                                ? new SqlException(ErrorFields.of("ERROR", "42601", "diagnostics item "
                                        + name.toUpperCase(java.util.Locale.ROOT) + " is not allowed in GET "
                                        + (stacked ? "STACKED" : "CURRENT") + " DIAGNOSTICS")
                                        .position(t.position()).build())
                                : syntax(item);
                    }
                    items.add(name);
                } while (accept(TokenKind.COMMA));
                expect(TokenKind.SEMICOLON);
                return new PlAst.GetDiagnostics(targets, items, stacked, line);
            }
            case "open" -> {
                next();
                return open(line);
            }
            case "fetch", "move" -> {
                return fetch(w.equals("move"), next(), line);
            }
            case "close" -> {
                next();
                Var c = cursorVariable();
                expect(TokenKind.SEMICOLON);
                return new PlAst.Close(c, line);
            }
            case "null" -> {
                next();
                expect(TokenKind.SEMICOLON);
                return new PlAst.Null(line);
            }
            case "execute" -> {
                next();
                PlExpr command = expr(sqlUntil(Set.of(";", "into", "using")), line);
                List<Var> into = new ArrayList<>();
                boolean strict = false;
                List<PlExpr> using = new ArrayList<>();
                while (!at(TokenKind.SEMICOLON)) {
                    if (acceptWord("into")) {
                        strict = acceptWord("strict");
                        do {
                            into.add(lookup(identifier(), t));
                        } while (accept(TokenKind.COMMA));
                    } else if (acceptWord("using")) {
                        using = usingList(line, Set.of(";", "into"));
                    } else {
                        throw syntax(peek());
                    }
                }
                expect(TokenKind.SEMICOLON);
                return new PlAst.Execute(command, into, strict, using, line);
            }
            default -> {
            }
        }
        // assignment: target [:= | =] expression
        if (isAssignment()) {
            int assignStart = pos;
            String name = identifier();
            String field = null;
            if (accept(TokenKind.DOT)) {
                field = identifier();
            }
            Var target = lookup(name, t);
            if (peek().kind() == TokenKind.COLON) {
                next();
            }
            next(); // =
            Var source = null;
            if (target.record() && field == null && at(TokenKind.IDENT) && peek(1).kind() == TokenKind.SEMICOLON) {
                source = visibleRecord(peek().text());
            }
            String sql = sqlUntil(Set.of(";"));
            PlExpr value = new PlExpr("SELECT " + sql, line, visible(), "PL/pgSQL assignment \""
                    + text(assignStart, pos) + "\"");
            expect(TokenKind.SEMICOLON);
            if (target.constant()) {
                throw new SqlException(ErrorFields.of("ERROR", "22005", "variable \"" + name
                        + "\" is declared CONSTANT").position(tokens.get(assignStart).position()).build());
            }
            return new PlAst.Assign(target, field, value, source, line);
        }
        return sqlStatement(line);
    }

    private boolean isAssignment() {
        int n = 0;
        if (peek(n).kind() != TokenKind.IDENT) {
            return false;
        }
        n++;
        if (peek(n).kind() == TokenKind.DOT && peek(n + 1).kind() == TokenKind.IDENT) {
            n += 2;
        }
        return peek(n).kind() == TokenKind.COLON && peek(n + 1).isOp("=") || peek(n).isOp("=");
    }

    private List<PlExpr> usingList(int line, Set<String> ends) {
        List<PlExpr> out = new ArrayList<>();
        java.util.Set<String> stop = new java.util.HashSet<>(ends);
        stop.add(",");
        do {
            out.add(expr(sqlUntil(stop), line));
        } while (accept(TokenKind.COMMA));
        return out;
    }

    private List<Stmt> loopBody() {
        loopDepth++;
        List<Stmt> body = statements(Set.of("end"));
        loopDepth--;
        expectWord("end");
        expectWord("loop");
        if (at(TokenKind.IDENT)) {
            next();
        }
        expect(TokenKind.SEMICOLON);
        return body;
    }

    private Stmt ifStatement(int line) {
        List<PlExpr> conditions = new ArrayList<>();
        List<List<Stmt>> branches = new ArrayList<>();
        List<Stmt> otherwise = List.of();
        conditions.add(expr(sqlUntil(Set.of("then")), line));
        expectWord("then");
        branches.add(statements(Set.of("elsif", "elseif", "else", "end")));
        while (true) {
            if (acceptWord("elsif") || acceptWord("elseif")) {
                conditions.add(expr(sqlUntil(Set.of("then")), line(peek())));
                expectWord("then");
                branches.add(statements(Set.of("elsif", "elseif", "else", "end")));
            } else if (acceptWord("else")) {
                otherwise = statements(Set.of("end"));
            } else {
                break;
            }
        }
        expectWord("end");
        expectWord("if");
        expect(TokenKind.SEMICOLON);
        return new PlAst.If(conditions, branches, otherwise, line);
    }

    private Stmt caseStatement(int line) {
        PlExpr selector = null;
        Var selectorVar = null;
        if (!atWord("when")) {
            selector = expr(sqlUntil(Set.of("when")), line);
            selectorVar = function.declare("__case_selector", "text", false, false, null, false);
        }
        List<PlExpr> conditions = new ArrayList<>();
        List<List<Stmt>> branches = new ArrayList<>();
        List<Stmt> otherwise = null;
        while (acceptWord("when")) {
            int l = line(peek());
            String cond = sqlUntil(Set.of("then"));
            if (selectorVar != null) {
                scopes.push(new HashMap<>(Map.of("__case_selector", selectorVar.slot())));
                conditions.add(new PlExpr("SELECT __case_selector IN (" + cond + ")", l, visible(),
                        "SQL expression \"" + cond + "\""));
                scopes.pop();
            } else {
                conditions.add(expr(cond, l));
            }
            expectWord("then");
            branches.add(statements(Set.of("when", "else", "end")));
        }
        if (acceptWord("else")) {
            otherwise = statements(Set.of("end"));
        }
        expectWord("end");
        expectWord("case");
        expect(TokenKind.SEMICOLON);
        return new PlAst.Case(selector, selectorVar, conditions, branches, otherwise, line);
    }

    private Stmt forStatement(String label, int line) {
        Token first = peek();
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (accept(TokenKind.COMMA));
        expectWord("in");
        if (names.size() == 1 && at(TokenKind.IDENT) && (peek(1).kind() == TokenKind.LPAREN || peek(1).isKeyword("loop"))) {
            Var cursor = visibleVar(peek().text());
            PlAst.CursorDecl decl = cursor == null ? null : function.cursor(cursor.slot());
            if (decl != null) {
                next();
                List<PlExpr> args = cursorArgs(cursor, decl, line);
                expectWord("loop");
                // the loop's record variable is declared for the loop, as the integer of a FOR i IN 1..n
                scopes.push(new HashMap<>());
                Var target = function.declare(names.getFirst(), "text", false, false, null, true);
                scopes.peek().put(target.name(), target.slot());
                List<Stmt> body = loopBody();
                scopes.pop();
                return new PlAst.ForCursor(label, target, cursor, args, body, line);
            }
        }
        if (acceptWord("execute")) {
            PlExpr command = expr(sqlUntil(Set.of("loop", "using")), line);
            List<PlExpr> using = acceptWord("using") ? usingList(line, Set.of("loop")) : List.of();
            expectWord("loop");
            List<Var> targets = names.stream().map(n -> lookup(n, first)).toList();
            return new PlAst.ForQuery(label, targets, command, true, using, loopBody(), line);
        }
        boolean reverse = acceptWord("reverse");
        int start = pos;
        String rest = sqlUntil(Set.of("loop"));
        int range = topLevelRange(rest);
        if (range < 0 && !reverse) {
            expectWord("loop");
            List<Var> targets = names.stream().map(n -> lookup(n, first)).toList();
            return new PlAst.ForQuery(label, targets, statementText(rest, line), false, List.of(), loopBody(), line);
        }
        if (range < 0 || names.size() != 1) {
            pos = start;
            throw syntax(peek());
        }
        expectWord("loop");
        String lower = rest.substring(0, range);
        String upper = rest.substring(range + 2);
        String step = null;
        int by = topLevelWord(upper, "by");
        if (by >= 0) {
            step = upper.substring(by + 2);
            upper = upper.substring(0, by);
        }
        PlExpr lo = expr(lower, line);
        PlExpr hi = expr(upper, line);
        PlExpr st = step == null ? null : expr(step, line);
        // The loop variable is an integer of its own, declared for the loop's body.
        scopes.push(new HashMap<>());
        Var v = function.declare(names.getFirst(), "integer", false, false, null, false);
        scopes.peek().put(v.name(), v.slot());
        List<Stmt> body = loopBody();
        scopes.pop();
        return new PlAst.ForInt(label, v, lo, hi, st, reverse, body, line);
    }

    /** Where ".." is in {@code s} outside quotes and parentheses, or -1. */
    private static int topLevelRange(String s) {
        int depth = 0;
        for (int i = 0; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = s.indexOf('\'', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '.' && s.charAt(i + 1) == '.' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where the word {@code w} stands alone in {@code s} outside quotes and parentheses, or -1. */
    private static int topLevelWord(String s, String w) {
        int depth = 0;
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = s.indexOf('\'', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && lower.startsWith(w, i) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                    && (i + w.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + w.length())))) {
                return i;
            }
        }
        return -1;
    }

    private Stmt returnStatement(int line) {
        if (acceptWord("next")) {
            PlExpr value = at(TokenKind.SEMICOLON) ? null : expr(sqlUntil(Set.of(";")), line);
            expect(TokenKind.SEMICOLON);
            return new PlAst.ReturnNext(value, line);
        }
        if (acceptWord("query")) {
            if (acceptWord("execute")) {
                PlExpr command = expr(sqlUntil(Set.of(";", "using")), line);
                List<PlExpr> using = acceptWord("using") ? usingList(line, Set.of(";")) : List.of();
                expect(TokenKind.SEMICOLON);
                return new PlAst.ReturnQuery(command, true, using, line);
            }
            PlExpr query = statementText(sqlUntil(Set.of(";")), line);
            expect(TokenKind.SEMICOLON);
            return new PlAst.ReturnQuery(query, false, List.of(), line);
        }
        if (!at(TokenKind.SEMICOLON)) {
            // pl_gram.y's make_return_stmt: only a function with a single result returns a value
            var def = function.definition;
            String message = def == null || !def.returnsSet() && !def.returnsRows() && def.result() == SqlType.VOID
                    ? "RETURN cannot have a parameter in function returning void"
                    : def.returnsSet() ? "RETURN cannot have a parameter in function returning set"
                    : def.returnsRows() ? "RETURN cannot have a parameter in function with OUT parameters" : null;
            if (message != null) {
                throw new SqlException(ErrorFields.of("ERROR", "42804", message)
                        .hint(def != null && def.returnsSet() ? "Use RETURN NEXT or RETURN QUERY." : null)
                        .position(peek().position()).build());
            }
        }
        if (at(TokenKind.IDENT) && peek(1).kind() == TokenKind.SEMICOLON) {
            Var record = visibleRecord(peek().text());
            if (record != null) {
                next();
                next();
                return new PlAst.Return(null, record, line);
            }
        }
        PlExpr value = at(TokenKind.SEMICOLON) ? null : expr(sqlUntil(Set.of(";")), line);
        expect(TokenKind.SEMICOLON);
        return new PlAst.Return(value, null, line);
    }

    private Stmt raise(int line) {
        String level = "exception";
        for (String l : List.of("debug", "log", "info", "notice", "warning", "exception")) {
            if (acceptWord(l)) {
                level = l;
                break;
            }
        }
        if (accept(TokenKind.SEMICOLON)) {
            return new PlAst.Raise(level, null, null, null, List.of(), List.of(), List.of(), true, line);
        }
        String sqlState = null;
        String condition = null;
        String format = null;
        List<PlExpr> args = new ArrayList<>();
        if (at(TokenKind.STRING)) {
            format = next().text();
            while (accept(TokenKind.COMMA)) {
                args.add(expr(sqlUntil(Set.of(",", ";", "using")), line));
            }
            int placeholders = 0;
            for (int i = 0; i < format.length(); i++) {
                if (format.charAt(i) == '%') {
                    if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                        i++;
                    } else {
                        placeholders++;
                    }
                }
            }
            if (placeholders != args.size()) {
                throw new SqlException("42601", "too " + (placeholders > args.size() ? "few" : "many")
                        + " parameters specified for RAISE");
            }
        } else if (acceptWord("sqlstate")) {
            sqlState = next().text();
        } else if (at(TokenKind.IDENT) && !atWord("using")) {
            condition = identifier();
            sqlState = Conditions.sqlState(condition);
            if (sqlState == null) {
                throw new SqlException("42704", "unrecognized exception condition \"" + condition + "\"");
            }
        }
        List<String> optionNames = new ArrayList<>();
        List<PlExpr> optionValues = new ArrayList<>();
        if (acceptWord("using")) {
            do {
                Token option = peek();
                String optionName = identifier();
                if (!Set.of("message", "detail", "hint", "errcode", "column", "constraint", "datatype", "table",
                        "schema").contains(optionName)) {
                    throw new SqlException(ErrorFields.of("ERROR", "42601", "unrecognized RAISE statement option "
                            + "at or near \"" + option.raw() + "\"").position(option.position()).build());
                }
                optionNames.add(optionName);
                if (!peek().isOp("=")) {
                    if (peek().kind() == TokenKind.COLON) {
                        next();
                    } else {
                        throw syntax(peek());
                    }
                }
                next();
                optionValues.add(expr(sqlUntil(Set.of(",", ";")), line));
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.SEMICOLON);
        return new PlAst.Raise(level, sqlState, condition, format, args, optionNames, optionValues, false, line);
    }

    /**
     * Any other statement is SQL, run as written; an INTO clause (SELECT ... INTO [STRICT] a, b FROM ...,
     * or after RETURNING) is cut out of the text and becomes the statement's targets.
     */
    private Stmt sqlStatement(int line) {
        int start = pos;
        int depth = 0;
        List<Var> into = new ArrayList<>();
        String intoField = null;
        boolean strict = false;
        StringBuilder text = new StringBuilder();
        int segment = start;
        while (!at(TokenKind.SEMICOLON)) {
            Token t = peek();
            if (t.kind() == TokenKind.EOF) {
                throw syntax(t);
            }
            if (t.kind() == TokenKind.LPAREN) {
                depth++;
            } else if (t.kind() == TokenKind.RPAREN) {
                depth--;
            }
            if (depth == 0 && t.isKeyword("into") && into.isEmpty() && !tokens.get(start).isKeyword("insert")
                    || depth == 0 && t.isKeyword("into") && into.isEmpty() && pos > start
                    && tokens.get(start).isKeyword("insert") && hasReturningBefore(start, pos)) {
                if (pos > segment) {
                    text.append(text(segment, pos)).append(' ');
                }
                next();
                strict = acceptWord("strict");
                do {
                    Token n = peek();
                    String name = identifier();
                    if (accept(TokenKind.DOT)) {
                        intoField = identifier();
                    }
                    into.add(lookup(name, n));
                } while (accept(TokenKind.COMMA));
                segment = pos;
                continue;
            }
            pos++;
        }
        if (pos > segment) {
            text.append(text(segment, pos));
        }
        expect(TokenKind.SEMICOLON);
        return new PlAst.Sql(statementText(text.toString().strip(), line), into, intoField, strict, false, line);
    }

    private boolean hasReturningBefore(int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).isKeyword("returning")) {
                return true;
            }
        }
        return false;
    }
}
