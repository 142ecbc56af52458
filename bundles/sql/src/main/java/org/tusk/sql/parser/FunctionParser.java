package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.DdlCommand;
import org.tusk.sql.ast.DdlCommand.ExprText;
import org.tusk.sql.ast.DdlCommand.FunctionArg;
import org.tusk.sql.ast.DdlCommand.QualifiedName;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * gram.y's CreateFunctionStmt, RemoveFuncStmt and DoStmt: CREATE [OR REPLACE] FUNCTION with its argument
 * list (modes, names, defaults), RETURNS type / SETOF type / TABLE (...), and the options in any order
 * (LANGUAGE, IMMUTABLE/STABLE/VOLATILE, STRICT, CALLED ON NULL INPUT, AS 'body'); DROP FUNCTION; DO.
 * The body stays text: the language handler reads it (PostgreSQL's validator at CREATE, the call handler
 * at the first call).
 */
final class FunctionParser {
    private final TokenStream in;
    private final ExprParser exprs;
    private final String sql;

    FunctionParser(TokenStream in, ExprParser exprs, String sql) {
        this.in = in;
        this.exprs = exprs;
        this.sql = sql;
    }

    /** Whether the tokens after CREATE are [OR REPLACE] FUNCTION. */
    static boolean atCreateFunction(TokenStream in) {
        return in.peek(1).isKeyword("function")
                || in.peek(1).isKeyword("or") && in.peek(2).isKeyword("replace") && in.peek(3).isKeyword("function");
    }

    /** CREATE ... FUNCTION, positioned at CREATE. */
    DdlCommand create() {
        in.next();
        boolean orReplace = in.acceptKeyword("or");
        if (orReplace) {
            in.expectKeyword("replace");
        }
        in.expectKeyword("function");
        QualifiedName name = qualifiedName();
        List<FunctionArg> args = arguments(true);
        TypeName returns = null;
        boolean setOf = false;
        if (in.acceptKeyword("returns")) {
            if (in.atKeyword("table")) {
                in.next();
                in.expect(TokenKind.LPAREN);
                do {
                    Token column = in.next();
                    if (column.kind() != TokenKind.IDENT) {
                        throw TokenStream.syntaxError(column);
                    }
                    args.add(new FunctionArg('t', column.text(), exprs.parseTypeName(), null));
                } while (in.accept(TokenKind.COMMA));
                in.expect(TokenKind.RPAREN);
                setOf = true;
            } else {
                setOf = in.acceptKeyword("setof");
                returns = exprs.parseTypeName();
            }
        }
        String language = null;
        char volatility = '\0';
        boolean strict = false;
        String body = null;
        int bodyPosition = 0;
        while (!in.at(TokenKind.EOF) && !in.at(TokenKind.SEMICOLON)) {
            Token t = in.next();
            if (t.kind() != TokenKind.IDENT || t.quoted()) {
                throw TokenStream.syntaxError(t);
            }
            switch (t.text()) {
                case "language" -> language = languageName();
                case "immutable" -> volatility = 'i';
                case "stable" -> volatility = 's';
                case "volatile" -> volatility = 'v';
                case "strict" -> strict = true;
                case "called" -> {
                    in.expectKeyword("on");
                    in.expectKeyword("null");
                    in.expectKeyword("input");
                    strict = false;
                }
                case "returns" -> {
                    in.expectKeyword("null");
                    in.expectKeyword("on");
                    in.expectKeyword("null");
                    in.expectKeyword("input");
                    strict = true;
                }
                case "leakproof", "window" -> {
                }
                case "not" -> in.expectKeyword("leakproof");
                case "security" -> {
                    if (!in.acceptKeyword("invoker")) {
                        in.expectKeyword("definer");
                    }
                }
                case "external" -> {
                    in.expectKeyword("security");
                    if (!in.acceptKeyword("invoker")) {
                        in.expectKeyword("definer");
                    }
                }
                case "parallel" -> {
                    Token mode = in.next();
                    if (mode.kind() != TokenKind.IDENT) {
                        throw TokenStream.syntaxError(mode);
                    }
                }
                case "cost", "rows" -> {
                    Token n = in.next();
                    if (n.kind() != TokenKind.INTEGER && n.kind() != TokenKind.DECIMAL) {
                        throw TokenStream.syntaxError(n);
                    }
                }
                case "as" -> {
                    if (body != null) {
                        throw SqlException.at("42601", "conflicting or redundant options", t.position());
                    }
                    Token s = in.expect(TokenKind.STRING);
                    body = s.text();
                    bodyPosition = contentPosition(s);
                    if (in.accept(TokenKind.COMMA)) {
                        in.expect(TokenKind.STRING); // AS 'obj_file', 'link_symbol' (C functions)
                    }
                }
                case "return" -> {
                    // The SQL-standard body RETURN expr, kept as the query that computes it.
                    int start = in.peek().position();
                    exprs.parseExpr();
                    body = "SELECT " + text(start, in.peek().position());
                    bodyPosition = start;
                    if (language == null) {
                        language = "sql";
                    }
                }
                default -> throw TokenStream.syntaxError(t);
            }
        }
        if (body == null) {
            throw new SqlException("42P13", "no function body specified");
        }
        return new DdlCommand.CreateFunction(name, orReplace, args, returns, setOf, language == null ? "sql"
                : language, volatility, strict, body, bodyPosition, name.position());
    }

    /** DROP FUNCTION, positioned at DROP. */
    DdlCommand drop() {
        in.next();
        in.expectKeyword("function");
        boolean ifExists = false;
        if (in.acceptKeyword("if")) {
            in.expectKeyword("exists");
            ifExists = true;
        }
        List<DdlCommand.FunctionSignature> functions = new ArrayList<>();
        do {
            QualifiedName name = qualifiedName();
            List<FunctionArg> args = in.at(TokenKind.LPAREN) ? arguments(false) : null;
            functions.add(new DdlCommand.FunctionSignature(name, args));
        } while (in.accept(TokenKind.COMMA));
        boolean cascade = in.acceptKeyword("cascade");
        if (!cascade) {
            in.acceptKeyword("restrict");
        }
        return new DdlCommand.DropFunction(functions, ifExists, cascade);
    }

    /** DO [LANGUAGE lang] 'code' [LANGUAGE lang], positioned at DO. */
    DdlCommand doBlock() {
        Token start = in.next();
        String language = null;
        String body = null;
        while (!in.at(TokenKind.EOF) && !in.at(TokenKind.SEMICOLON)) {
            if (in.acceptKeyword("language")) {
                language = languageName();
            } else if (in.at(TokenKind.STRING) && body == null) {
                body = in.next().text();
            } else {
                throw TokenStream.syntaxError(in.peek());
            }
        }
        if (body == null) {
            throw SqlException.at("42601", "no inline code specified", -1);
        }
        return new DdlCommand.Do(language == null ? "plpgsql" : language, body, start.position());
    }

    private String languageName() {
        Token t = in.next();
        if (t.kind() != TokenKind.IDENT && t.kind() != TokenKind.STRING) {
            throw TokenStream.syntaxError(t);
        }
        return t.kind() == TokenKind.STRING ? t.text().toLowerCase(java.util.Locale.ROOT) : t.text();
    }

    /**
     * ( [mode] [name] type [DEFAULT expr], ... ). A leading identifier is the argument's name when a type
     * follows it; a type that is two words (double precision, character varying) is not mistaken for one.
     */
    private List<FunctionArg> arguments(boolean defaults) {
        in.expect(TokenKind.LPAREN);
        List<FunctionArg> args = new ArrayList<>();
        if (in.accept(TokenKind.RPAREN)) {
            return args;
        }
        do {
            char mode = 'i';
            Token t = in.peek();
            if (t.isKeyword("in") || t.isKeyword("out") || t.isKeyword("inout") || t.isKeyword("variadic")) {
                Token after = in.peek(1);
                boolean isMode = after.kind() == TokenKind.IDENT;
                if (isMode) {
                    in.next();
                    mode = switch (t.text()) {
                        case "out" -> 'o';
                        case "inout" -> 'b';
                        case "variadic" -> 'v';
                        default -> 'i';
                    };
                    if (t.isKeyword("in") && in.atKeyword("out") && in.peek(1).kind() == TokenKind.IDENT) {
                        in.next();
                        mode = 'b';
                    }
                }
            }
            String name = null;
            Token first = in.peek();
            Token second = in.peek(1);
            if (first.kind() == TokenKind.IDENT && second.kind() == TokenKind.IDENT
                    && !(first.quoted() ? false : isTypeWord(first.text()))) {
                name = in.next().text();
            }
            Token typeStart = in.peek();
            TypeName type = exprs.parseTypeName();
            if (!typeStart.quoted() && isSqlStandardType(typeStart.text()) && type.names().size() == 1) {
                // gram.y's SystemTypeName: the SQL-standard spellings name pg_catalog's types.
                type = new TypeName(List.of("pg_catalog", type.names().getFirst()), type.modifiers(), type.array(),
                        type.position());
            }
            ExprText defaultValue = null;
            if (in.atKeyword("default") || in.atOp("=")) {
                Token d = in.next();
                if (!defaults) {
                    throw TokenStream.syntaxError(d);
                }
                int start = in.peek().position();
                Expr e = exprs.parseExpr();
                defaultValue = new ExprText(e, text(start, in.peek().position()), start);
            }
            args.add(new FunctionArg(mode, name, type, defaultValue));
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return args;
    }

    /** Words that begin a multi-word type name, so the word after them is no type. */
    private static boolean isTypeWord(String w) {
        return switch (w) {
            case "double", "character", "char", "national", "bit", "time", "timestamp", "interval", "varchar",
                    "nchar" -> true;
            default -> false;
        };
    }

    private QualifiedName qualifiedName() {
        Token first = in.next();
        if (first.kind() != TokenKind.IDENT
                || !first.quoted() && Keywords.category(first.text()) == Keywords.Category.RESERVED) {
            throw TokenStream.syntaxError(first);
        }
        if (in.accept(TokenKind.DOT)) {
            Token second = in.next();
            if (second.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(second);
            }
            return new QualifiedName(first.text(), second.text(), first.position());
        }
        return new QualifiedName(null, first.text(), first.position());
    }

    private String text(int from, int to) {
        int begin = sql.offsetByCodePoints(0, from - 1);
        int end = sql.offsetByCodePoints(0, Math.min(to - 1, sql.codePointCount(0, sql.length())));
        return sql.substring(begin, end).strip();
    }

    /**
     * Where a function body's text starts in the statement (1-based), so that errors in it can point into
     * the statement as PostgreSQL's function_parse_error_transpose does; -1 when a quote doubled inside a
     * quoted literal makes the positions differ.
     */
    private static int contentPosition(Token s) {
        String raw = s.raw();
        if (raw.startsWith("$")) {
            return s.position() + raw.indexOf('$', 1) + 1;
        }
        if (raw.startsWith("'") && raw.length() - 2 == s.text().length()) {
            return s.position() + 1;
        }
        return -1;
    }

    /** The SQL-standard type keywords gram.y maps to pg_catalog's types. */
    private static boolean isSqlStandardType(String w) {
        return switch (w) {
            case "int", "integer", "smallint", "bigint", "real", "float", "double", "decimal", "dec", "numeric",
                    "boolean", "char", "character", "varchar", "nchar", "national", "time", "timestamp",
                    "interval" -> true;
            default -> false;
        };
    }
}
