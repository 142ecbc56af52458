package org.tusk.sql.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.json.JsonPath.Item;
import org.tusk.sql.json.JsonPath.Op;

/**
 * jsonpath_in: the SQL/JSON path language's grammar (PostgreSQL's jsonpath_gram.y) read by recursive
 * descent, with its errors (42601 {@code syntax error at or near "x" of jsonpath input}, {@code @ is not
 * allowed in root expressions}, {@code LAST is allowed only in array subscripts}, 2201B for a bad
 * like_regex pattern). Precedence, loosest first: {@code ||}, {@code &&}, {@code !}, comparisons /
 * {@code starts with} / {@code like_regex}, {@code + -}, {@code * / %}, unary {@code + -}, accessors.
 */
public final class JsonPathParser {
    private static final int CACHE_SIZE = 32;

    /** The paths this backend parsed last (per thread: a backend is one thread here). */
    private static final ThreadLocal<Map<String, JsonPath>> CACHE = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, JsonPath> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private final String text;
    private int pos;
    /** The current token: its kind and text; {@code start} is where it began. */
    private Kind kind;
    private String token;
    private int start;
    private int filterDepth;
    private int subscriptDepth;

    private enum Kind { END, IDENT, STRING, NUMBER, VARIABLE, PUNCT }

    private JsonPathParser(String text) {
        this.text = text;
        advance();
    }

    /** The path a jsonpath text means; the same text gives the same (immutable) tree. */
    public static JsonPath parse(String text) {
        Map<String, JsonPath> cache = CACHE.get();
        JsonPath path = cache.get(text);
        if (path == null) {
            path = new JsonPathParser(text).path();
            cache.put(text, path);
        }
        return path;
    }

    /** jsonpath's input function: the normalized text of a path. */
    public static String normalize(String text) {
        return parse(text).toString();
    }

    private JsonPath path() {
        boolean strict = false;
        if (kind == Kind.IDENT && (token.equals("strict") || token.equals("lax"))) {
            strict = token.equals("strict");
            advance();
        }
        if (kind == Kind.END) {
            throw syntaxError();
        }
        Item expr = or();
        if (kind != Kind.END) {
            throw syntaxError();
        }
        return new JsonPath(strict, expr);
    }

    // ---- expressions, loosest first

    private Item or() {
        Item left = and();
        while (isPunct("||")) {
            advance();
            left = new JsonPath.Binary(Op.OR, predicate(left), predicate(and()));
        }
        return left;
    }

    private Item and() {
        Item left = not();
        while (isPunct("&&")) {
            advance();
            left = new JsonPath.Binary(Op.AND, predicate(left), predicate(not()));
        }
        return left;
    }

    private Item not() {
        if (isPunct("!")) {
            advance();
            if (isKeyword("exists")) {
                return new JsonPath.Not(exists());
            }
            expectPunct("(");
            Item inner = or();
            expectPunct(")");
            return new JsonPath.Not(predicate(inner));
        }
        return comparison();
    }

    private Item comparison() {
        Item left = additive();
        Op op = comparisonOp();
        if (op != null) {
            advance();
            return new JsonPath.Binary(op, expression(left), expression(additive()));
        }
        if (isKeyword("starts")) {
            advance();
            if (!isKeyword("with")) {
                throw syntaxError();
            }
            advance();
            Item initial;
            if (kind == Kind.STRING) {
                initial = new JsonPath.Literal(JsonValue.Str.of(token));
            } else if (kind == Kind.VARIABLE) {
                initial = new JsonPath.Variable(token);
            } else {
                throw syntaxError();
            }
            advance();
            return new JsonPath.Binary(Op.STARTS_WITH, expression(left), initial);
        }
        if (isKeyword("like_regex")) {
            advance();
            if (kind != Kind.STRING) {
                throw syntaxError();
            }
            String pattern = token;
            advance();
            String flags = "";
            if (isKeyword("flag")) {
                advance();
                if (kind != Kind.STRING) {
                    throw syntaxError();
                }
                flags = flags(token);
                advance();
            }
            JsonPathRegex.compile(pattern, flags);
            return new JsonPath.LikeRegex(expression(left), pattern, flags);
        }
        return left;
    }

    private Op comparisonOp() {
        if (kind != Kind.PUNCT) {
            return null;
        }
        return switch (token) {
            case "==" -> Op.EQ;
            case "!=", "<>" -> Op.NE;
            case "<" -> Op.LT;
            case "<=" -> Op.LE;
            case ">" -> Op.GT;
            case ">=" -> Op.GE;
            default -> null;
        };
    }

    private Item additive() {
        Item left = multiplicative();
        while (isPunct("+") || isPunct("-")) {
            Op op = token.equals("+") ? Op.ADD : Op.SUB;
            advance();
            left = new JsonPath.Binary(op, expression(left), expression(multiplicative()));
        }
        return left;
    }

    private Item multiplicative() {
        Item left = unary();
        while (isPunct("*") || isPunct("/") || isPunct("%")) {
            Op op = token.equals("*") ? Op.MUL : token.equals("/") ? Op.DIV : Op.MOD;
            advance();
            left = new JsonPath.Binary(op, expression(left), expression(unary()));
        }
        return left;
    }

    /** Unary plus and minus; on a number literal they are folded into it, as the grammar does. */
    private Item unary() {
        if (isPunct("+") || isPunct("-")) {
            boolean minus = token.equals("-");
            advance();
            Item operand = expression(unary());
            if (operand instanceof JsonPath.Literal l && l.value() instanceof JsonValue.Num n) {
                return minus ? new JsonPath.Literal(JsonValue.Num.of(n.value().negate())) : operand;
            }
            return new JsonPath.Unary(minus, operand);
        }
        return accessorExpression();
    }

    private Item accessorExpression() {
        Item head;
        if (isPunct("(")) {
            advance();
            Item inner = or();
            expectPunct(")");
            if (isKeyword("is")) {
                advance();
                if (!isKeyword("unknown")) {
                    throw syntaxError();
                }
                advance();
                return new JsonPath.IsUnknown(predicate(inner));
            }
            head = inner;
        } else if (isKeyword("exists")) {
            return exists();
        } else {
            head = primary();
        }
        List<Item> accessors = new ArrayList<>();
        for (Item a = accessor(); a != null; a = accessor()) {
            accessors.add(a);
        }
        if (accessors.isEmpty()) {
            return head;
        }
        if (head instanceof JsonPath.Chain c) {
            List<Item> all = new ArrayList<>(c.accessors());
            all.addAll(accessors);
            return new JsonPath.Chain(c.head(), List.copyOf(all));
        }
        return new JsonPath.Chain(head, List.copyOf(accessors));
    }

    private Item exists() {
        advance();
        expectPunct("(");
        Item inner = or();
        expectPunct(")");
        return new JsonPath.Exists(expression(inner));
    }

    private Item primary() {
        Item item;
        switch (kind) {
            case STRING -> item = new JsonPath.Literal(JsonValue.Str.of(token));
            case NUMBER -> item = new JsonPath.Literal(JsonValue.Num.of(number(token)));
            case VARIABLE -> item = new JsonPath.Variable(token);
            case IDENT -> item = switch (token) {
                case "true" -> new JsonPath.Literal(JsonValue.Bool.of(true));
                case "false" -> new JsonPath.Literal(JsonValue.Bool.of(false));
                case "null" -> new JsonPath.Literal(JsonValue.Null.INSTANCE);
                case "last" -> {
                    if (subscriptDepth == 0) {
                        throw error("LAST is allowed only in array subscripts");
                    }
                    yield new JsonPath.Last();
                }
                default -> throw syntaxError();
            };
            case PUNCT -> {
                if (token.equals("$")) {
                    item = new JsonPath.Root();
                } else if (token.equals("@")) {
                    if (filterDepth == 0) {
                        throw error("@ is not allowed in root expressions");
                    }
                    item = new JsonPath.Current();
                } else {
                    throw syntaxError();
                }
            }
            default -> throw syntaxError();
        }
        advance();
        return item;
    }

    /** The accessor at the current token, or null if none starts here. */
    private Item accessor() {
        if (isPunct("[")) {
            advance();
            if (isPunct("*")) {
                advance();
                expectPunct("]");
                return new JsonPath.AnyArray();
            }
            List<JsonPath.Subscript> list = new ArrayList<>();
            subscriptDepth++;
            do {
                if (!list.isEmpty()) {
                    advance();
                }
                Item from = expression(or());
                Item to = null;
                if (isKeyword("to")) {
                    advance();
                    to = expression(or());
                }
                list.add(new JsonPath.Subscript(from, to));
            } while (isPunct(","));
            subscriptDepth--;
            expectPunct("]");
            return new JsonPath.Subscripts(List.copyOf(list));
        }
        if (isPunct("?")) {
            advance();
            expectPunct("(");
            filterDepth++;
            Item predicate = or();
            filterDepth--;
            expectPunct(")");
            return new JsonPath.Filter(predicate(predicate));
        }
        if (!isPunct(".")) {
            return null;
        }
        advance();
        if (isPunct("*")) {
            advance();
            return new JsonPath.AnyKey();
        }
        if (isPunct("**")) {
            advance();
            int first = 0;
            int last = JsonPath.Any.LAST_LEVEL;
            if (isPunct("{")) {
                advance();
                first = level();
                last = first;
                if (isKeyword("to")) {
                    advance();
                    last = level();
                }
                expectPunct("}");
            }
            return new JsonPath.Any(first, last);
        }
        if (kind == Kind.STRING) {
            String key = token;
            advance();
            return new JsonPath.Key(key);
        }
        if (kind != Kind.IDENT) {
            throw syntaxError();
        }
        String name = token;
        advance();
        if (isPunct("(") && isMethod(name)) {
            advance();
            String argument = null;
            if (name.equals("datetime") && kind == Kind.STRING) {
                argument = token;
                advance();
            }
            expectPunct(")");
            return new JsonPath.Method(name, argument);
        }
        return new JsonPath.Key(name);
    }

    private static boolean isMethod(String name) {
        return switch (name) {
            case "type", "size", "double", "ceiling", "floor", "abs", "keyvalue", "datetime" -> true;
            default -> false;
        };
    }

    private int level() {
        if (isKeyword("last")) {
            advance();
            return JsonPath.Any.LAST_LEVEL;
        }
        if (kind != Kind.NUMBER || !token.chars().allMatch(Character::isDigit)) {
            throw syntaxError();
        }
        int level;
        try {
            level = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw syntaxError();
        }
        advance();
        return level;
    }

    /** A predicate where the grammar wants one: an expression there is a syntax error. */
    private Item predicate(Item item) {
        if (!JsonPath.isPredicate(item)) {
            throw syntaxError();
        }
        return item;
    }

    /** An expression where the grammar wants one: a predicate there is a syntax error. */
    private Item expression(Item item) {
        if (JsonPath.isPredicate(item)) {
            throw syntaxError();
        }
        return item;
    }

    /** like_regex's flag letters, kept in jsonpath_out's order i, s, m, x, q. */
    private String flags(String written) {
        StringBuilder out = new StringBuilder();
        for (char f : "ismxq".toCharArray()) {
            if (written.indexOf(f) >= 0) {
                out.append(f);
            }
        }
        for (int i = 0; i < written.length(); i++) {
            if ("ismxq".indexOf(written.charAt(i)) < 0) {
                throw new SqlException(ErrorFields.of("ERROR", "42601", "invalid input syntax for type jsonpath")
                        .detail("Unrecognized flag character \"" + written.charAt(i)
                                + "\" in LIKE_REGEX predicate.").build());
            }
        }
        return out.toString();
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new SqlException("42601", "trailing junk after numeric literal at or near \"" + text
                    + "\" of jsonpath input");
        }
    }

    // ---- tokens

    private boolean isPunct(String p) {
        return kind == Kind.PUNCT && token.equals(p);
    }

    private boolean isKeyword(String k) {
        return kind == Kind.IDENT && token.equals(k);
    }

    private void expectPunct(String p) {
        if (!isPunct(p)) {
            throw syntaxError();
        }
        advance();
    }

    private SqlException syntaxError() {
        if (kind == Kind.END) {
            return error("syntax error at end of jsonpath input");
        }
        return error("syntax error at or near \"" + text.substring(start, pos) + "\" of jsonpath input");
    }

    private static SqlException error(String message) {
        return new SqlException("42601", message);
    }

    private void advance() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        start = pos;
        if (pos >= text.length()) {
            kind = Kind.END;
            token = "";
            return;
        }
        char c = text.charAt(pos);
        if (c == '"') {
            kind = Kind.STRING;
            token = string();
        } else if (c == '$') {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '"') {
                kind = Kind.VARIABLE;
                token = string();
            } else if (pos < text.length() && isIdentStart(text.charAt(pos))) {
                kind = Kind.VARIABLE;
                token = identifier();
            } else {
                kind = Kind.PUNCT;
                token = "$";
            }
        } else if (Character.isDigit(c) || c == '.' && pos + 1 < text.length()
                && Character.isDigit(text.charAt(pos + 1)) && !afterAccessorTarget()) {
            kind = Kind.NUMBER;
            token = numberToken();
        } else if (isIdentStart(c)) {
            kind = Kind.IDENT;
            token = identifier();
        } else {
            kind = Kind.PUNCT;
            for (String p : new String[] {"**", "==", "!=", "<>", "<=", ">=", "&&", "||"}) {
                if (text.startsWith(p, pos)) {
                    token = p;
                    pos += 2;
                    return;
                }
            }
            if ("$@.[](){},?*+-/%<>!".indexOf(c) < 0) {
                pos++;
                throw syntaxError();
            }
            token = String.valueOf(c);
            pos++;
        }
    }

    /** A '.' right after a value is an accessor ({@code $.a[0].1b} has none), not a number's point. */
    private boolean afterAccessorTarget() {
        return kind != null && (kind != Kind.PUNCT || token.equals("]") || token.equals(")")
                || token.equals("$") || token.equals("@") || token.equals("*"));
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '\\' || c > 127;
    }

    private String identifier() {
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\') {
                escape(b);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c > 127) {
                b.append(c);
                pos++;
            } else {
                break;
            }
        }
        return b.toString();
    }

    private String numberToken() {
        int begin = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < text.length() && isIdentStart(text.charAt(pos)) && text.charAt(pos) != '\\') {
            int end = pos;
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            throw new SqlException("42601", "trailing junk after numeric literal at or near \""
                    + text.substring(begin, end) + "\" of jsonpath input");
        }
        return text.substring(begin, pos);
    }

    private String string() {
        pos++; // the opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated quoted string at end of jsonpath input");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return b.toString();
            }
            if (c == '\\') {
                escape(b);
            } else {
                b.append(c);
                pos++;
            }
        }
    }

    /** A backslash escape of a string or identifier: JSON's, plus v, xNN and u{N...} after the backslash. */
    private void escape(StringBuilder b) {
        pos++;
        if (pos >= text.length()) {
            throw error("unexpected end after backslash at end of jsonpath input");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'v' -> b.append('\u000b');
            case 'x' -> b.appendCodePoint(hex(2, 2));
            case 'u' -> {
                if (pos < text.length() && text.charAt(pos) == '{') {
                    pos++;
                    int cp = hex(1, 6);
                    if (pos >= text.length() || text.charAt(pos) != '}') {
                        throw error("invalid Unicode escape sequence at or near \"\\u\" of jsonpath input");
                    }
                    pos++;
                    b.appendCodePoint(cp);
                } else {
                    b.append((char) hex(4, 4));
                }
            }
            default -> b.append(c);
        }
    }

    private int hex(int min, int max) {
        int begin = pos;
        while (pos < text.length() && pos - begin < max && Character.digit(text.charAt(pos), 16) >= 0) {
            pos++;
        }
        if (pos - begin < min) {
            throw error("invalid hexadecimal character sequence at or near \"" + text.substring(begin - 2, pos)
                    + "\" of jsonpath input");
        }
        return Integer.parseInt(text.substring(begin, pos), 16);
    }
}
