package org.tusk.sql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.ast.Expr.LiteralKind;
import org.tusk.sql.ast.TypeName;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/**
 * Expressions by recursive descent, one method per precedence level of PostgreSQL's grammar, from the
 * loosest: OR, AND, NOT, IS/ISNULL/NOTNULL, comparison, BETWEEN/IN/LIKE/ILIKE/SIMILAR, other operators,
 * + -, * / %, ^, unary + -, then :: and the primary expressions. Levels PostgreSQL declares
 * non-associative ({@code a < b < c}, {@code a IS NULL IS NULL}) are syntax errors here too.
 */
final class ExprParser {
    private static final Set<String> COMPARISON = Set.of("<", ">", "=", "<=", ">=", "<>");
    /** Operators with a precedence of their own; every other operator is at the "other operator" level. */
    private static final Set<String> FIXED_PRECEDENCE = Set.of("<", ">", "=", "<=", ">=", "<>", "+", "-", "*", "/",
            "%", "^");

    private final TokenStream in;
    private SelectParser queries;

    ExprParser(TokenStream in) {
        this.in = in;
    }

    /** Where subqueries are parsed (the two grammars call each other). */
    void setQueries(SelectParser queries) {
        this.queries = queries;
    }

    private org.tusk.sql.ast.Query subquery() {
        if (queries == null) {
            throw SqlException.at("0A000", "subqueries are not supported here", in.peek().position());
        }
        return queries.query();
    }

    Expr parseExpr() {
        return parseOr();
    }

    private Expr parseOr() {
        Expr left = parseAnd();
        while (in.atKeyword("or")) {
            Token op = in.next();
            left = new Expr.BoolExpr(Expr.BoolOp.OR, List.of(left, parseAnd()), op.position());
        }
        return left;
    }

    private Expr parseAnd() {
        Expr left = parseNot();
        while (in.atKeyword("and")) {
            Token op = in.next();
            left = new Expr.BoolExpr(Expr.BoolOp.AND, List.of(left, parseNot()), op.position());
        }
        return left;
    }

    private Expr parseNot() {
        if (in.atKeyword("not")) {
            Token op = in.next();
            return new Expr.BoolExpr(Expr.BoolOp.NOT, List.of(parseNot()), op.position());
        }
        return parseIs();
    }

    private boolean atIsLevel() {
        return in.atKeyword("is") || in.atKeyword("isnull") || in.atKeyword("notnull");
    }

    /** IS tests apply one after another: "x IS NULL IS NOT TRUE" is accepted, as bison resolves it. */
    private Expr parseIs() {
        Expr left = parseComparison();
        while (atIsLevel()) {
            left = parseIsTest(left);
        }
        return left;
    }

    private Expr parseIsTest(Expr left) {
        Token op = in.next();
        Expr result;
        if (op.isKeyword("isnull")) {
            result = new Expr.NullTest(left, false, op.position());
        } else if (op.isKeyword("notnull")) {
            result = new Expr.NullTest(left, true, op.position());
        } else {
            boolean negated = in.acceptKeyword("not");
            Token what = in.next();
            if (what.isKeyword("null")) {
                result = new Expr.NullTest(left, negated, op.position());
            } else if (what.isKeyword("true")) {
                result = new Expr.BooleanTest(left, Expr.TruthValue.TRUE, negated, op.position());
            } else if (what.isKeyword("false")) {
                result = new Expr.BooleanTest(left, Expr.TruthValue.FALSE, negated, op.position());
            } else if (what.isKeyword("unknown")) {
                result = new Expr.BooleanTest(left, Expr.TruthValue.UNKNOWN, negated, op.position());
            } else if (what.isKeyword("distinct")) {
                in.expectKeyword("from");
                result = new Expr.DistinctFrom(left, parseComparison(), negated, op.position());
            } else {
                throw TokenStream.syntaxError(what);
            }
        }
        return result;
    }

    private boolean atComparison() {
        Token t = in.peek();
        return t.kind() == TokenKind.OP && COMPARISON.contains(t.text());
    }

    private Expr parseComparison() {
        Expr left = parsePattern();
        if (!atComparison()) {
            return left;
        }
        Token op = in.next();
        Expr result;
        if ((in.atKeyword("any") || in.atKeyword("some") || in.atKeyword("all"))
                && in.peek(1).kind() == TokenKind.LPAREN) {
            result = quantified(left, op);
        } else {
            result = new Expr.Operator(op.text(), left, parsePattern(), op.position());
        }
        if (atComparison()) {
            throw TokenStream.syntaxError(in.peek());
        }
        return result;
    }

    /** {@code left op ANY|SOME|ALL (subquery or array)}, with ANY/SOME/ALL next. */
    private Expr quantified(Expr left, Token op) {
        boolean all = in.next().text().equals("all");
        in.next();
        Expr result;
        if (in.atKeyword("select") || in.atKeyword("values") || in.atKeyword("with")) {
            result = new Expr.SubLink(all ? Expr.SubLinkKind.ALL : Expr.SubLinkKind.ANY, left, op.text(),
                    subquery(), op.position());
        } else {
            result = new Expr.ArrayCompare(left, op.text(), all, parseExpr(), op.position());
        }
        in.expect(TokenKind.RPAREN);
        return result;
    }

    private boolean atPatternLevel() {
        if (in.atKeyword("not")) {
            Token t = in.peek(1);
            return t.isKeyword("between") || t.isKeyword("in") || t.isKeyword("like") || t.isKeyword("ilike")
                    || t.isKeyword("similar");
        }
        return in.atKeyword("between") || in.atKeyword("in") || in.atKeyword("like") || in.atKeyword("ilike")
                || in.atKeyword("similar");
    }

    /** BETWEEN, IN, LIKE, ILIKE and SIMILAR TO, optionally preceded by NOT. */
    private Expr parsePattern() {
        Expr left = parseOtherOp();
        if (!atPatternLevel()) {
            return left;
        }
        boolean negated = in.acceptKeyword("not");
        Token op = in.next();
        Expr result;
        switch (op.text()) {
            case "between" -> {
                boolean symmetric = in.acceptKeyword("symmetric");
                if (!symmetric) {
                    in.acceptKeyword("asymmetric");
                }
                Expr low = parseOtherOp();
                in.expectKeyword("and");
                Expr high = parseOtherOp();
                result = new Expr.Between(left, low, high, negated, symmetric, op.position());
            }
            case "in" -> {
                in.expect(TokenKind.LPAREN);
                if (in.atKeyword("select") || in.atKeyword("values") || in.atKeyword("with")) {
                    Expr sub = new Expr.SubLink(Expr.SubLinkKind.ANY, left, "=", subquery(), op.position());
                    in.expect(TokenKind.RPAREN);
                    result = negated ? new Expr.BoolExpr(Expr.BoolOp.NOT, List.of(sub), op.position()) : sub;
                    if (atPatternLevel()) {
                        throw TokenStream.syntaxError(in.peek());
                    }
                    return result;
                }
                List<Expr> list = parseExprList();
                in.expect(TokenKind.RPAREN);
                result = new Expr.InList(left, list, negated, op.position());
            }
            case "like", "ilike" -> {
                Expr pattern = parseOtherOp();
                Expr escape = in.acceptKeyword("escape") ? parseOtherOp() : null;
                result = new Expr.Like(left, pattern, escape, negated, op.text().equals("ilike"), op.position());
            }
            default -> {
                // PostgreSQL's own rewrite: a SIMILAR TO p [ESCAPE e] is a ~ similar_to_escape(p [, e]).
                in.expectKeyword("to");
                Expr pattern = parseOtherOp();
                List<Expr> args = in.acceptKeyword("escape") ? List.of(pattern, parseOtherOp()) : List.of(pattern);
                Expr regex = new Expr.FuncCall(List.of("pg_catalog", "similar_to_escape"), args, false,
                        op.position());
                result = new Expr.Operator(negated ? "!~" : "~", left, regex, op.position());
            }
        }
        if (atPatternLevel()) {
            throw TokenStream.syntaxError(in.peek());
        }
        return result;
    }

    private boolean atOtherOp() {
        Token t = in.peek();
        if (t.isKeyword("operator") && in.peek(1).kind() == TokenKind.LPAREN) {
            return true;
        }
        return t.kind() == TokenKind.OP && !FIXED_PRECEDENCE.contains(t.text()) && !t.text().equals("$");
    }

    /** The next operator of the "other" level: a plain one or OPERATOR(schema.op), see QualifiedOperator. */
    private Token otherOp() {
        return in.atKeyword("operator") ? QualifiedOperator.parse(in) : in.next();
    }

    /** User-visible operators without a precedence of their own (||, ~~, @, ...), prefix or binary. */
    private Expr parseOtherOp() {
        Expr left;
        if (atOtherOp()) {
            Token op = otherOp();
            left = new Expr.Operator(op.text(), null, parseAdditive(), op.position());
        } else {
            left = parseAdditive();
        }
        while (atOtherOp()) {
            Token op = otherOp();
            if ((in.atKeyword("any") || in.atKeyword("some") || in.atKeyword("all"))
                    && in.peek(1).kind() == TokenKind.LPAREN) {
                // gram.y's "a_expr subquery_Op sub_type (...)": x OPERATOR(pg_catalog.=) ANY (array), as
                // vacuumdb and psql write it, at this level's precedence.
                left = quantified(left, op);
                continue;
            }
            left = new Expr.Operator(op.text(), left, parseAdditive(), op.position());
        }
        return left;
    }

    private Expr parseAdditive() {
        Expr left = parseMultiplicative();
        while (in.atOp("+") || in.atOp("-")) {
            Token op = in.next();
            left = new Expr.Operator(op.text(), left, parseMultiplicative(), op.position());
        }
        return left;
    }

    private Expr parseMultiplicative() {
        Expr left = parseExponent();
        while (in.atOp("*") || in.atOp("/") || in.atOp("%")) {
            Token op = in.next();
            left = new Expr.Operator(op.text(), left, parseExponent(), op.position());
        }
        return left;
    }

    /** {@code ^} is left-associative in PostgreSQL: 2 ^ 3 ^ 2 is 64. */
    private Expr parseExponent() {
        Expr left = parseUnary();
        while (in.atOp("^")) {
            Token op = in.next();
            left = new Expr.Operator(op.text(), left, parseUnary(), op.position());
        }
        return left;
    }

    private Expr parseUnary() {
        if (in.atOp("+") || in.atOp("-")) {
            Token op = in.next();
            Expr operand = parseUnary();
            if (op.text().equals("-") && operand instanceof Expr.Literal lit
                    && (lit.kind() == LiteralKind.INTEGER || lit.kind() == LiteralKind.DECIMAL)) {
                // Like gram.y's doNegate: "-5" is the constant -5, so -2147483648 is an int4.
                String text = lit.text().startsWith("-") ? lit.text().substring(1) : "-" + lit.text();
                return new Expr.Literal(lit.kind(), text, op.position());
            }
            return new Expr.Operator(op.text(), null, operand, op.position());
        }
        Expr e = parsePostfix();
        while (in.atKeyword("collate")) {
            e = CollateClause.parse(in, e);
        }
        while (in.atKeyword("at") && in.peek(1).isKeyword("time")) {
            // x AT TIME ZONE z is timezone(z, x), as gram.y rewrites it; AT binds below COLLATE, left to right.
            Token at = in.next();
            in.next();
            in.expectKeyword("zone");
            Expr zone = parsePostfix();
            while (in.atKeyword("collate")) {
                zone = CollateClause.parse(in, zone);
            }
            e = new Expr.FuncCall(List.of("timezone"), List.of(zone, e), false, at.position());
        }
        return e;
    }

    private Expr parsePostfix() {
        boolean parenthesized = in.at(TokenKind.LPAREN);
        Expr e = parsePrimary();
        // gram.y allows subscripts only on a column reference, a parameter and a parenthesized
        // expression or subquery (c_expr's indirection): ARRAY[1,2][1] is a syntax error there.
        if (in.at(TokenKind.LBRACKET)
                && (parenthesized || e instanceof Expr.ColumnRef || e instanceof Expr.ParamRef)) {
            e = parseSubscripts(e);
        }
        if (parenthesized || e instanceof Expr.ParamRef) {
            e = parseFieldSelections(e, e.position());
        }
        while (true) {
            if (in.at(TokenKind.TYPECAST)) {
                Token op = in.next();
                e = new Expr.TypeCast(e, parseTypeName(), op.position());
            } else {
                return e;
            }
        }
    }

    /** {@code (x).f}, {@code (x).f.g}, {@code (x).*}, with subscripts after a field as gram.y's indirection allows. */
    private Expr parseFieldSelections(Expr arg, int position) {
        Expr e = arg;
        while (in.at(TokenKind.DOT)) {
            in.next();
            Token part = in.peek();
            if (part.isOp("*")) {
                in.next();
                return new Expr.FieldSelection(e, "*", position);
            }
            if (part.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(part);
            }
            in.next();
            e = new Expr.FieldSelection(e, part.text(), position);
            if (in.at(TokenKind.LBRACKET)) {
                e = parseSubscripts(e);
            }
        }
        return e;
    }

    /**
     * {@code [i]}, {@code [lo:hi]}, {@code [:hi]}, {@code [lo:]}, {@code [:]}, repeated: gram.y's
     * indirection list. The subscripts of one expression form one node, as PostgreSQL's A_Indirection.
     */
    Expr parseSubscripts(Expr arg) {
        int position = in.peek().position();
        List<Expr.Subscript.Index> indexes = new ArrayList<>();
        while (in.at(TokenKind.LBRACKET)) {
            in.next();
            Expr lower = in.at(TokenKind.COLON) ? null : parseExpr();
            if (in.accept(TokenKind.COLON)) {
                Expr upper = in.at(TokenKind.RBRACKET) ? null : parseExpr();
                indexes.add(new Expr.Subscript.Index(lower, upper, true));
            } else {
                indexes.add(new Expr.Subscript.Index(lower, null, false));
            }
            in.expect(TokenKind.RBRACKET);
        }
        return new Expr.Subscript(arg, List.copyOf(indexes), position);
    }

    /**
     * gram.y's array_expr after ARRAY: {@code [a, b]}, {@code []}, or brackets of brackets
     * ({@code [[1,2],[3,4]]}), each inner one an array constructor of its own.
     */
    private Expr parseArrayBrackets(int position) {
        in.expect(TokenKind.LBRACKET);
        List<Expr> elements = new ArrayList<>();
        if (in.at(TokenKind.LBRACKET)) {
            do {
                elements.add(parseArrayBrackets(in.peek().position()));
            } while (in.accept(TokenKind.COMMA));
        } else if (!in.at(TokenKind.RBRACKET)) {
            elements = parseExprList();
        }
        in.expect(TokenKind.RBRACKET);
        return new Expr.ArrayConstructor(List.copyOf(elements), position);
    }

    List<Expr> parseExprList() {
        List<Expr> list = new ArrayList<>();
        do {
            list.add(parseExpr());
        } while (in.accept(TokenKind.COMMA));
        return list;
    }

    private Expr parsePrimary() {
        Token t = in.peek();
        switch (t.kind()) {
            case INTEGER -> {
                in.next();
                return new Expr.Literal(LiteralKind.INTEGER, t.text(), t.position());
            }
            case DECIMAL -> {
                in.next();
                return new Expr.Literal(LiteralKind.DECIMAL, t.text(), t.position());
            }
            case STRING -> {
                in.next();
                return new Expr.Literal(LiteralKind.STRING, t.text(), t.position());
            }
            case BIT_STRING -> {
                in.next();
                return new Expr.Literal(LiteralKind.BIT_STRING, t.text(), t.position());
            }
            case PARAM -> {
                in.next();
                int n;
                try {
                    n = Integer.parseInt(t.text());
                } catch (NumberFormatException e) {
                    throw SqlException.at("22003", "parameter number too large", t.position());
                }
                return new Expr.ParamRef(n, t.position());
            }
            case LPAREN -> {
                in.next();
                if (in.atKeyword("select") || in.atKeyword("values") || in.atKeyword("with")
                        || in.at(TokenKind.LPAREN) && startsQuery()) {
                    Expr sub = new Expr.SubLink(Expr.SubLinkKind.EXPR, null, null, subquery(), t.position());
                    in.expect(TokenKind.RPAREN);
                    return sub;
                }
                Expr e = parseExpr();
                if (in.at(TokenKind.COMMA)) {
                    List<Expr> fields = new ArrayList<>();
                    fields.add(e);
                    while (in.accept(TokenKind.COMMA)) {
                        fields.add(parseExpr());
                    }
                    in.expect(TokenKind.RPAREN);
                    return new Expr.RowConstructor(fields, t.position());
                }
                in.expect(TokenKind.RPAREN);
                return e;
            }
            case IDENT -> {
                return t.quoted() ? parseNameExpr() : parseWord(t);
            }
            default -> throw TokenStream.syntaxError(t);
        }
    }

    /** A primary expression starting with an unquoted word: a keyword construct or a name. */
    private Expr parseWord(Token t) {
        switch (t.text()) {
            case "true", "false" -> {
                in.next();
                return new Expr.Literal(LiteralKind.BOOLEAN, t.text().equals("true") ? "t" : "f", t.position());
            }
            case "null" -> {
                in.next();
                return new Expr.Literal(LiteralKind.NULL, "", t.position());
            }
            case "case" -> {
                return parseCase();
            }
            case "cast" -> {
                in.next();
                in.expect(TokenKind.LPAREN);
                Expr arg = parseExpr();
                in.expectKeyword("as");
                TypeName type = parseTypeName();
                in.expect(TokenKind.RPAREN);
                return new Expr.TypeCast(arg, type, t.position());
            }
            case "coalesce", "greatest", "least" -> {
                in.next();
                in.expect(TokenKind.LPAREN);
                List<Expr> args = parseExprList();
                in.expect(TokenKind.RPAREN);
                return t.text().equals("coalesce") ? new Expr.Coalesce(args, t.position())
                        : new Expr.MinMax(t.text().equals("greatest"), args, t.position());
            }
            case "nullif" -> {
                in.next();
                in.expect(TokenKind.LPAREN);
                Expr a = parseExpr();
                in.expect(TokenKind.COMMA);
                Expr b = parseExpr();
                in.expect(TokenKind.RPAREN);
                return new Expr.NullIf(a, b, t.position());
            }
            case "current_user", "current_role", "session_user", "user", "current_catalog", "current_schema",
                    "current_date" -> {
                if (t.text().equals("current_schema") && in.peek(1).kind() == TokenKind.LPAREN) {
                    return parseNameExpr(); // current_schema() is also an ordinary function
                }
                in.next();
                return new Expr.SqlValueFunction(Expr.ValueFunction.valueOf(t.text().toUpperCase()), -1,
                        t.position());
            }
            case "current_timestamp", "localtimestamp", "current_time", "localtime" -> {
                in.next();
                int precision = -1;
                if (in.accept(TokenKind.LPAREN)) {
                    precision = Integer.parseInt(in.expect(TokenKind.INTEGER).text());
                    in.expect(TokenKind.RPAREN);
                }
                return new Expr.SqlValueFunction(Expr.ValueFunction.valueOf(t.text().toUpperCase()), precision,
                        t.position());
            }
            case "array" -> {
                if (in.peek(1).kind() == TokenKind.LPAREN) {
                    in.next();
                    in.next();
                    Expr sub = new Expr.SubLink(Expr.SubLinkKind.ARRAY, null, null, subquery(), t.position());
                    in.expect(TokenKind.RPAREN);
                    return sub;
                }
                if (in.peek(1).kind() != TokenKind.LBRACKET) {
                    throw TokenStream.syntaxError(in.peek(1));
                }
                in.next();
                return parseArrayBrackets(t.position());
            }
            case "grouping" -> {
                if (in.peek(1).kind() != TokenKind.LPAREN) {
                    throw TokenStream.syntaxError(in.peek(1));
                }
                in.next();
                return parseFunctionCall(List.of("grouping"), t.position());
            }
            case "exists" -> {
                in.next();
                in.expect(TokenKind.LPAREN);
                Expr sub = new Expr.SubLink(Expr.SubLinkKind.EXISTS, null, null, subquery(), t.position());
                in.expect(TokenKind.RPAREN);
                return sub;
            }
            case "row" -> {
                if (in.peek(1).kind() != TokenKind.LPAREN) {
                    return parseNameExpr();
                }
                in.next();
                in.next();
                List<Expr> fields = in.at(TokenKind.RPAREN) ? List.of() : parseExprList();
                in.expect(TokenKind.RPAREN);
                return new Expr.RowConstructor(fields, t.position());
            }
            case "extract", "overlay", "position", "substring", "trim", "treat", "normalize" -> {
                if (in.peek(1).kind() != TokenKind.LPAREN) {
                    throw TokenStream.syntaxError(in.peek(1));
                }
                return parseSpecialFunction(t);
            }
            default -> {
            }
        }
        if (isSqlTypeKeyword(t.text()) && !(t.text().equals("double") && !in.peek(1).isKeyword("precision"))) {
            // A typed literal in SQL-standard spelling: INTEGER '5', DOUBLE PRECISION '1.5', ...
            // (DOUBLE alone is an unreserved word: a column called "double".)
            TypeName type = parseTypeName();
            Token lit = in.peek();
            if (lit.kind() != TokenKind.STRING) {
                throw TokenStream.syntaxError(lit);
            }
            in.next();
            if (type.names().equals(List.of("interval"))) {
                // INTERVAL '1' YEAR: the qualifier follows the string.
                List<Integer> qualifier = IntervalQualifier.parse(in);
                if (qualifier != null) {
                    type = new TypeName(type.names(), qualifier, false, type.position());
                }
            }
            return new Expr.TypeCast(new Expr.Literal(LiteralKind.STRING, lit.text(), lit.position()), type, -1);
        }
        Keywords.Category category = Keywords.category(t.text());
        if (category == Keywords.Category.RESERVED) {
            throw TokenStream.syntaxError(t);
        }
        return parseNameExpr();
    }

    /**
     * EXTRACT, POSITION, SUBSTRING, TRIM, ... use keywords inside their argument lists. Only the forms
     * that reduce to ordinary function calls are accepted.
     */
    private Expr parseSpecialFunction(Token name) {
        in.next();
        in.next(); // (
        List<Expr> args = new ArrayList<>();
        switch (name.text()) {
            case "substring" -> {
                if (!in.at(TokenKind.RPAREN)) {
                    args.add(parseExpr());
                    if (in.acceptKeyword("from")) {
                        args.add(parseExpr());
                        if (in.acceptKeyword("for")) {
                            args.add(parseExpr());
                        }
                    } else if (in.acceptKeyword("for")) {
                        args.add(new Expr.Literal(LiteralKind.INTEGER, "1", -1));
                        args.add(parseExpr());
                    } else {
                        while (in.accept(TokenKind.COMMA)) {
                            args.add(parseExpr());
                        }
                    }
                }
            }
            case "position" -> {
                // POSITION(a IN b) is strpos(b, a); "a" must not swallow IN, so parse below that level.
                Expr needle = parseOtherOp();
                in.expectKeyword("in");
                Expr haystack = parseOtherOp();
                in.expect(TokenKind.RPAREN);
                return new Expr.FuncCall(List.of("position"), List.of(haystack, needle), false, name.position());
            }
            case "trim" -> {
                String fn = "btrim";
                if (in.acceptKeyword("leading")) {
                    fn = "ltrim";
                } else if (in.acceptKeyword("trailing")) {
                    fn = "rtrim";
                } else {
                    in.acceptKeyword("both");
                }
                Expr chars = null;
                if (!in.atKeyword("from")) {
                    chars = parseExpr();
                }
                List<Expr> rest = new ArrayList<>();
                if (in.acceptKeyword("from")) {
                    rest = parseExprList();
                } else if (in.accept(TokenKind.COMMA)) {
                    rest = parseExprList();
                } else if (chars != null) {
                    rest = List.of(chars);
                    chars = null;
                }
                args.addAll(rest);
                if (chars != null) {
                    args.add(chars);
                }
                in.expect(TokenKind.RPAREN);
                return new Expr.FuncCall(List.of(fn), args, false, name.position());
            }
            case "overlay" -> {
                // OVERLAY(a PLACING b FROM c [FOR d]) is overlay(a, b, c [, d]); a plain argument list works too.
                args.add(parseExpr());
                if (in.acceptKeyword("placing")) {
                    args.add(parseExpr());
                    in.expectKeyword("from");
                    args.add(parseExpr());
                    if (in.acceptKeyword("for")) {
                        args.add(parseExpr());
                    }
                } else {
                    while (in.accept(TokenKind.COMMA)) {
                        args.add(parseExpr());
                    }
                }
            }
            case "extract" -> {
                // EXTRACT(field FROM source) is extract('field', source); the field is a word or a string.
                Token field = in.next();
                if (field.kind() != TokenKind.IDENT && field.kind() != TokenKind.STRING) {
                    throw TokenStream.syntaxError(field);
                }
                args.add(new Expr.Literal(LiteralKind.STRING, field.text(), field.position()));
                in.expectKeyword("from");
                args.add(parseExpr());
            }
            default -> throw SqlException.at("0A000", name.text().toUpperCase() + " is not supported yet",
                    name.position());
        }
        in.expect(TokenKind.RPAREN);
        return new Expr.FuncCall(List.of(name.text()), args, false, name.position());
    }

    /** A column reference, a function call or a generic typed literal ({@code timestamptz '...'}). */
    private Expr parseNameExpr() {
        Token first = in.next();
        List<String> names = new ArrayList<>();
        names.add(first.text());
        while (in.at(TokenKind.DOT)) {
            in.next();
            Token part = in.peek();
            if (part.isOp("*")) {
                // t.*: only meaningful in a target list, where the analyzer expands it.
                in.next();
                names.add("*");
                return new Expr.ColumnRef(List.copyOf(names), first.position());
            }
            if (part.kind() != TokenKind.IDENT) {
                throw TokenStream.syntaxError(part);
            }
            in.next();
            names.add(part.text());
        }
        if (in.at(TokenKind.LPAREN)) {
            Keywords.Category c = first.quoted() ? Keywords.Category.NONE : Keywords.category(first.text());
            if (names.size() == 1 && c == Keywords.Category.COL_NAME) {
                throw TokenStream.syntaxError(in.peek());
            }
            return parseFunctionCall(names, first.position());
        }
        if (in.at(TokenKind.STRING)) {
            Token lit = in.next();
            TypeName type = new TypeName(List.copyOf(names), List.of(), false, first.position());
            return new Expr.TypeCast(new Expr.Literal(LiteralKind.STRING, lit.text(), lit.position()), type, -1);
        }
        return new Expr.ColumnRef(List.copyOf(names), first.position());
    }

    private Expr parseFunctionCall(List<String> names, int position) {
        in.expect(TokenKind.LPAREN);
        List<Expr> args = new ArrayList<>();
        boolean star = false;
        boolean distinct = false;
        List<org.tusk.sql.ast.Query.SortBy> orderBy = List.of();
        if (in.atOp("*")) {
            in.next();
            star = true;
        } else if (!in.at(TokenKind.RPAREN)) {
            if (in.atKeyword("distinct")) {
                in.next();
                distinct = true;
            } else {
                in.acceptKeyword("all");
            }
            args = parseFunctionArguments(names, position);
            if (in.atKeyword("order")) {
                in.next();
                in.expectKeyword("by");
                orderBy = queries.sortList();
            }
        }
        in.expect(TokenKind.RPAREN);
        String function = names.getLast();
        boolean withinGroup = in.atKeyword("within") && in.peek(1).isKeyword("group");
        if (withinGroup) {
            // An ordered-set aggregate: f(direct args) WITHIN GROUP (ORDER BY x) is run as the aggregate f over
            // (direct args, x) with the rows sorted by x. Which f that is, and whether there is one, is
            // resolution's question, as in PostgreSQL: sum(x) WITHIN GROUP (ORDER BY y) is "function
            // sum(integer, integer) does not exist".
            in.next();
            in.next();
            in.expect(TokenKind.LPAREN);
            in.expectKeyword("order");
            in.expectKeyword("by");
            List<org.tusk.sql.ast.Query.SortBy> sort = queries.sortList();
            in.expect(TokenKind.RPAREN);
            if (distinct) {
                throw SqlException.at("42601", "cannot use DISTINCT with WITHIN GROUP", position);
            }
            if (!orderBy.isEmpty()) {
                throw SqlException.at("42601", "cannot use multiple ORDER BY clauses with WITHIN GROUP", position);
            }
            List<Expr> all = new ArrayList<>(args);
            sort.forEach(k -> all.add(k.expr()));
            args = all;
            orderBy = sort;
        }
        Expr filter = null;
        if (in.atKeyword("filter") && in.peek(1).kind() == TokenKind.LPAREN) {
            in.next();
            in.next();
            in.expectKeyword("where");
            filter = parseExpr();
            in.expect(TokenKind.RPAREN);
        }
        Expr.FuncCall call = new Expr.FuncCall(List.copyOf(names), args, star, position);
        if (withinGroup && in.atKeyword("over")) {
            throw SqlException.at("0A000", "OVER is not supported for ordered-set aggregate " + function, position);
        }
        if (in.acceptKeyword("over")) {
            // func_expr's checks (ParseFuncOrColumn): these need an aggregate's own sort or dedup.
            if (distinct) {
                throw SqlException.at("0A000", "DISTINCT is not implemented for window functions", position);
            }
            if (!orderBy.isEmpty()) {
                throw SqlException.at("0A000", "aggregate ORDER BY is not implemented for window functions",
                        position);
            }
            return new Expr.WindowCall(call, filter, new WindowParser(in, this, queries).over(), position);
        }
        if (distinct || filter != null || !orderBy.isEmpty()) {
            return new Expr.AggregateCall(call, distinct, orderBy, filter, position);
        }
        return call;
    }

    /** A call's arguments; named notation (name => value) is rewritten to positional by NamedArguments. */
    private List<Expr> parseFunctionArguments(List<String> function, int position) {
        List<String> argNames = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        boolean named = false;
        boolean variadic = false;
        do {
            if (variadic) {
                // VARIADIC marks the last argument only (gram.y's func_application).
                throw TokenStream.syntaxError(in.peek());
            }
            Token start = in.peek();
            variadic = in.acceptKeyword("variadic");
            String argName = null;
            if (in.at(TokenKind.IDENT) && in.peek(1).isOp("=>")) {
                argName = in.next().text();
                in.next();
                named = true;
            } else if (in.at(TokenKind.IDENT) && in.peek(1).kind() == TokenKind.COLON && in.peek(2).isOp("=")) {
                argName = in.next().text();
                in.next();
                in.next();
                named = true;
            }
            if (argName == null && named) {
                throw SqlException.at("42601", "positional argument cannot follow named argument", start.position());
            }
            argNames.add(argName);
            Expr value = parseExpr();
            args.add(argName != null || variadic ? new Expr.CallArg(argName, variadic, value, start.position()) : value);
        } while (in.accept(TokenKind.COMMA));
        if (named && !variadic && NamedArguments.handles(function)) {
            List<Expr> values = args.stream().map(a -> a instanceof Expr.CallArg c ? c.value() : a).toList();
            return NamedArguments.positional(function, argNames, values, position);
        }
        return args;
    }

    /** After '(': whether a parenthesized query follows, e.g. {@code ((select 1) union (select 2))}. */
    private boolean startsQuery() {
        int k = 0;
        while (in.peek(k).kind() == TokenKind.LPAREN) {
            k++;
        }
        Token t = in.peek(k);
        return t.isKeyword("select") || t.isKeyword("values") || t.isKeyword("with");
    }

    private Expr parseCase() {
        Token start = in.next();
        Expr arg = in.atKeyword("when") ? null : parseExpr();
        List<Expr.When> whens = new ArrayList<>();
        do {
            in.expectKeyword("when");
            Expr cond = parseExpr();
            in.expectKeyword("then");
            whens.add(new Expr.When(cond, parseExpr()));
        } while (in.atKeyword("when"));
        Expr otherwise = in.acceptKeyword("else") ? parseExpr() : null;
        in.expectKeyword("end");
        return new Expr.Case(arg, whens, otherwise, start.position());
    }

    // ---- type names

    private static boolean isSqlTypeKeyword(String w) {
        return switch (w) {
            case "int", "integer", "smallint", "bigint", "real", "float", "double", "decimal", "dec", "numeric",
                    "boolean", "char", "character", "varchar", "national", "nchar", "bit", "time", "timestamp",
                    "interval" -> true;
            default -> false;
        };
    }

    /**
     * A type name, with SQL-standard spellings mapped to PostgreSQL's internal names the way gram.y
     * maps them (INTEGER is int4, CHARACTER VARYING is varchar, FLOAT(p) float4 or float8, ...).
     */
    TypeName parseTypeName() {
        Token t = in.peek();
        if (t.kind() != TokenKind.IDENT) {
            throw TokenStream.syntaxError(t);
        }
        TypeName type;
        if (!t.quoted() && isSqlTypeKeyword(t.text())) {
            type = parseSqlStandardType();
        } else {
            Keywords.Category c = t.quoted() ? Keywords.Category.NONE : Keywords.category(t.text());
            if (c == Keywords.Category.RESERVED || c == Keywords.Category.COL_NAME) {
                throw TokenStream.syntaxError(t);
            }
            in.next();
            List<String> names = new ArrayList<>();
            names.add(t.text());
            while (in.at(TokenKind.DOT)) {
                in.next();
                names.add(in.expect(TokenKind.IDENT).text());
            }
            type = new TypeName(List.copyOf(names), parseModifiers(), false, t.position());
        }
        // type[] or type[n] (the bound is ignored, as PostgreSQL ignores it); one dimension only.
        if (in.at(TokenKind.LBRACKET)) {
            in.next();
            if (in.at(TokenKind.INTEGER)) {
                in.next();
            }
            in.expect(TokenKind.RBRACKET);
            if (in.at(TokenKind.LBRACKET)) {
                throw SqlException.at("0A000", "multidimensional array types are not supported yet",
                        in.peek().position());
            }
            return new TypeName(type.names(), type.modifiers(), true, type.position());
        }
        if (in.atKeyword("array")) {
            throw SqlException.at("0A000", "the ARRAY keyword in type names is not supported yet",
                    in.peek().position());
        }
        return type;
    }

    private TypeName parseSqlStandardType() {
        Token t = in.next();
        int pos = t.position();
        return switch (t.text()) {
            case "int", "integer" -> simple("int4", pos);
            case "smallint" -> simple("int2", pos);
            case "bigint" -> simple("int8", pos);
            case "real" -> simple("float4", pos);
            case "boolean" -> simple("bool", pos);
            case "double" -> {
                in.expectKeyword("precision");
                yield simple("float8", pos);
            }
            case "float" -> {
                List<Integer> mods = parseModifiers();
                if (mods.isEmpty()) {
                    yield simple("float8", pos);
                }
                int bits = mods.getFirst();
                if (bits < 1) {
                    throw SqlException.at("22023", "precision for type float must be at least 1 bit", pos);
                }
                if (bits > 53) {
                    throw SqlException.at("22023", "precision for type float must be less than 54 bits", pos);
                }
                yield simple(bits <= 24 ? "float4" : "float8", pos);
            }
            case "decimal", "dec", "numeric" -> new TypeName(List.of("numeric"), parseModifiers(), false, pos);
            case "varchar" -> new TypeName(List.of("varchar"), parseModifiers(), false, pos);
            case "char", "character", "nchar", "national" -> {
                if (t.text().equals("national")) {
                    if (!in.acceptKeyword("character")) {
                        in.expectKeyword("char");
                    }
                }
                boolean varying = in.acceptKeyword("varying");
                List<Integer> mods = parseModifiers();
                if (varying) {
                    yield new TypeName(List.of("varchar"), mods, false, pos);
                }
                // CHARACTER without a length is CHARACTER(1), as the SQL standard says.
                yield new TypeName(List.of("bpchar"), mods.isEmpty() ? List.of(1) : mods, false, pos);
            }
            case "bit" -> {
                // BIT without a length is bit(1); BIT VARYING without one has no limit (gram.y's BitWithoutLength).
                boolean varying = in.acceptKeyword("varying");
                List<Integer> mods = parseModifiers();
                yield new TypeName(List.of(varying ? "varbit" : "bit"), mods.isEmpty() && !varying ? List.of(1) : mods,
                        false, pos);
            }
            case "interval" -> {
                // interval(p), or a field qualifier (YEAR TO MONTH, ...; see IntervalQualifier).
                List<Integer> mods = parseModifiers();
                List<Integer> qualifier = IntervalQualifier.parse(in);
                yield new TypeName(List.of("interval"), qualifier != null ? qualifier : mods, false, pos);
            }
            case "time", "timestamp" -> {
                List<Integer> mods = parseModifiers();
                boolean withZone = false;
                if (in.atKeyword("with") || in.atKeyword("without")) {
                    withZone = in.next().text().equals("with");
                    in.expectKeyword("time");
                    in.expectKeyword("zone");
                }
                String base = t.text().equals("time") ? "time" : "timestamp";
                yield new TypeName(List.of(withZone ? base + "tz" : base), mods, false, pos);
            }
            default -> throw TokenStream.syntaxError(t);
        };
    }

    private static TypeName simple(String name, int pos) {
        return new TypeName(List.of(name), List.of(), false, pos);
    }

    /** {@code (n [, m ...])} after a type name; only integer constants are accepted. */
    private List<Integer> parseModifiers() {
        if (!in.at(TokenKind.LPAREN)) {
            return List.of();
        }
        in.next();
        List<Integer> mods = new ArrayList<>();
        do {
            boolean negative = false;
            if (in.atOp("-")) {
                in.next();
                negative = true;
            }
            Token n = in.peek();
            if (n.kind() != TokenKind.INTEGER) {
                throw SqlException.at("22P02", "type modifiers must be simple constants or identifiers",
                        n.position());
            }
            in.next();
            try {
                int v = Integer.parseInt(n.text());
                mods.add(negative ? -v : v);
            } catch (NumberFormatException e) {
                throw SqlException.at("22P02", "type modifiers must be simple constants or identifiers",
                        n.position());
            }
        } while (in.accept(TokenKind.COMMA));
        in.expect(TokenKind.RPAREN);
        return List.copyOf(mods);
    }
}
