package org.tusk.sql.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * JSON text to a {@link JsonValue} tree, following jsonapi.c's lexer and recursive-descent parser so that
 * errors are PostgreSQL's: 22P02 "invalid input syntax for type json" with the DETAIL json_errdetail gives
 * and the CONTEXT report_json_context prints ("JSON data, line N: ..."), both computed on the UTF-8 bytes
 * as PostgreSQL does. The lexer reads one token ahead, as pg_parse_json does, which decides which token an
 * error names.
 *
 * <p>With {@code deEscape} (jsonb input, and json processing functions) string escapes are decoded and
 * checked (surrogate pairs, no \u0000); without it (json input) they are only checked for syntax, as
 * json_in's validation does.
 */
public final class JsonParser {
    private enum Token {
        OBJECT_START, OBJECT_END, ARRAY_START, ARRAY_END, COMMA, COLON, STRING, NUMBER, TRUE, FALSE, NULL, END
    }

    /** pg_parse_json's parse contexts, which choose the "Expected ..." message. */
    private enum Context {
        VALUE, STRING, ARRAY_START, ARRAY_NEXT, OBJECT_START, OBJECT_LABEL, OBJECT_NEXT, OBJECT_COMMA, END
    }

    private final byte[] in;
    private final boolean deEscape;
    private final boolean keepRaw;
    private int tokenStart;
    private int tokenTerminator;
    private Token token;
    private String stringValue;
    private int lineNumber = 1;
    private int lineStart;

    private JsonParser(String text, boolean deEscape, boolean keepRaw) {
        this.in = text.getBytes(StandardCharsets.UTF_8);
        this.deEscape = deEscape;
        this.keepRaw = keepRaw;
    }

    /** jsonb_in: the tree in jsonb's normal form. */
    public static JsonValue parseJsonb(String text) {
        return JsonObjects.normalize(new JsonParser(text, true, false).parse());
    }

    /** json_in: checks the syntax only (escapes are not decoded, so \u0000 is accepted, as in PostgreSQL). */
    public static void validateJson(String text) {
        new JsonParser(text, false, false).parse();
    }

    /** A json value as its processing functions see it: members as written, each node with its raw text. */
    public static JsonValue parseJson(String text) {
        return new JsonParser(text, true, true).parse();
    }

    private JsonValue parse() {
        lex();
        JsonValue v = parseValue();
        if (token != Token.END) {
            throw parseError(Context.END);
        }
        return v;
    }

    private JsonValue parseValue() {
        return switch (token) {
            case OBJECT_START -> parseObject();
            case ARRAY_START -> parseArray();
            default -> parseScalar();
        };
    }

    private JsonValue parseScalar() {
        int start = tokenStart;
        JsonValue v = switch (token) {
            case STRING -> new JsonValue.Str(stringValue, raw(start, tokenTerminator));
            case NUMBER -> new JsonValue.Num(number(start, tokenTerminator), raw(start, tokenTerminator));
            case TRUE -> new JsonValue.Bool(true, raw(start, tokenTerminator));
            case FALSE -> new JsonValue.Bool(false, raw(start, tokenTerminator));
            case NULL -> keepRaw ? new JsonValue.Null("null") : JsonValue.Null.INSTANCE;
            default -> throw parseError(Context.VALUE);
        };
        lex();
        return v;
    }

    private BigDecimal number(int start, int end) {
        BigDecimal d = new BigDecimal(new String(in, start, end - start, StandardCharsets.US_ASCII));
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private String raw(int start, int end) {
        return keepRaw ? new String(in, start, end - start, StandardCharsets.UTF_8) : null;
    }

    private JsonValue parseObject() {
        int start = tokenStart;
        lex();
        List<JsonValue.Member> members = new ArrayList<>();
        if (token == Token.STRING) {
            members.add(parseField());
            while (token == Token.COMMA) {
                lex();
                if (token != Token.STRING) {
                    throw parseError(Context.STRING);
                }
                members.add(parseField());
            }
        }
        if (token != Token.OBJECT_END) {
            throw parseError(members.isEmpty() ? Context.OBJECT_START : Context.OBJECT_NEXT);
        }
        int end = tokenTerminator;
        lex();
        return new JsonValue.Obj(members, raw(start, end));
    }

    private JsonValue.Member parseField() {
        String key = stringValue;
        lex();
        if (token != Token.COLON) {
            throw parseError(Context.OBJECT_LABEL);
        }
        lex();
        return new JsonValue.Member(key, parseValue());
    }

    private JsonValue parseArray() {
        int start = tokenStart;
        lex();
        List<JsonValue> elements = new ArrayList<>();
        if (token != Token.ARRAY_END) {
            elements.add(parseArrayElement(Context.ARRAY_START));
            while (token == Token.COMMA) {
                lex();
                elements.add(parseArrayElement(Context.VALUE));
            }
        }
        if (token != Token.ARRAY_END) {
            throw parseError(Context.ARRAY_NEXT);
        }
        int end = tokenTerminator;
        lex();
        return new JsonValue.Arr(elements, raw(start, end));
    }

    private JsonValue parseArrayElement(Context context) {
        return switch (token) {
            case OBJECT_START, ARRAY_START, STRING, NUMBER, TRUE, FALSE, NULL -> parseValue();
            default -> throw parseError(context);
        };
    }

    // ---- the lexer (json_lex)

    private void lex() {
        int s = tokenTerminator;
        while (s < in.length && (in[s] == ' ' || in[s] == '\t' || in[s] == '\n' || in[s] == '\r')) {
            if (in[s] == '\n') {
                lineNumber++;
                lineStart = s + 1;
            }
            s++;
        }
        tokenStart = s;
        if (s >= in.length) {
            token = Token.END;
            tokenTerminator = s;
            return;
        }
        switch (in[s]) {
            case '{' -> single(Token.OBJECT_START, s);
            case '}' -> single(Token.OBJECT_END, s);
            case '[' -> single(Token.ARRAY_START, s);
            case ']' -> single(Token.ARRAY_END, s);
            case ',' -> single(Token.COMMA, s);
            case ':' -> single(Token.COLON, s);
            case '"' -> lexString(s);
            case '-' -> lexNumber(s, s + 1);
            default -> {
                if (in[s] >= '0' && in[s] <= '9') {
                    lexNumber(s, s);
                } else {
                    lexWord(s);
                }
            }
        }
    }

    private void single(Token t, int s) {
        token = t;
        tokenTerminator = s + 1;
    }

    private static boolean alphanumeric(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b < 0;
    }

    /** true, false, null, or an invalid token: the whole alphanumeric run is the token an error names. */
    private void lexWord(int s) {
        int p = s;
        while (p < in.length && alphanumeric(in[p])) {
            p++;
        }
        if (p == s) {
            tokenTerminator = s + 1;
            throw error("Token \"" + tokenText() + "\" is invalid.");
        }
        tokenTerminator = p;
        String word = new String(in, s, p - s, StandardCharsets.UTF_8);
        token = switch (word) {
            case "true" -> Token.TRUE;
            case "false" -> Token.FALSE;
            case "null" -> Token.NULL;
            default -> throw error("Token \"" + word + "\" is invalid.");
        };
    }

    /** json_lex_number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, trailing alphanumerics invalid. */
    private void lexNumber(int start, int s) {
        boolean bad = false;
        if (s < in.length && in[s] == '0') {
            s++;
        } else if (s < in.length && in[s] >= '1' && in[s] <= '9') {
            s = digits(s);
        } else {
            bad = true;
        }
        if (s < in.length && in[s] == '.') {
            s++;
            if (s == in.length || !digit(in[s])) {
                bad = true;
            } else {
                s = digits(s);
            }
        }
        if (s < in.length && (in[s] == 'e' || in[s] == 'E')) {
            s++;
            if (s < in.length && (in[s] == '+' || in[s] == '-')) {
                s++;
            }
            if (s == in.length || !digit(in[s])) {
                bad = true;
            } else {
                s = digits(s);
            }
        }
        while (s < in.length && alphanumeric(in[s])) {
            s++;
            bad = true;
        }
        tokenTerminator = s;
        if (bad) {
            throw error("Token \"" + tokenText() + "\" is invalid.");
        }
        token = Token.NUMBER;
        tokenStart = start;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private int digits(int s) {
        do {
            s++;
        } while (s < in.length && digit(in[s]));
        return s;
    }

    /** json_lex_string, with its error positions (which decide the CONTEXT line). */
    private void lexString(int start) {
        StringBuilder b = deEscape ? new StringBuilder() : null;
        int s = start;
        int highSurrogate = -1;
        int runStart = -1;
        while (true) {
            s++;
            if (s >= in.length) {
                tokenTerminator = s;
                throw error("Token \"" + tokenText() + "\" is invalid.");
            }
            int c = in[s] & 0xff;
            if (c == '"') {
                break;
            }
            if (c < 32) {
                tokenTerminator = s;
                throw error(String.format("Character with value 0x%02x must be escaped.", c));
            }
            if (c == '\\') {
                flush(b, runStart, s);
                runStart = -1;
                s++;
                if (s >= in.length) {
                    tokenTerminator = s;
                    throw error("Token \"" + tokenText() + "\" is invalid.");
                }
                if (in[s] == 'u') {
                    int ch = 0;
                    for (int i = 1; i <= 4; i++) {
                        s++;
                        if (s >= in.length) {
                            tokenTerminator = s;
                            throw error("Token \"" + tokenText() + "\" is invalid.");
                        }
                        int h = Character.digit(in[s], 16);
                        if (h < 0 || in[s] < 0) {
                            tokenTerminator = s + charLength(s);
                            throw error("\"\\u\" must be followed by four hexadecimal digits.");
                        }
                        ch = ch * 16 + h;
                    }
                    if (b != null) {
                        if (ch >= 0xD800 && ch <= 0xDBFF) {
                            if (highSurrogate != -1) {
                                throw errorAtCharEnd(s, "Unicode high surrogate must not follow a high surrogate.");
                            }
                            highSurrogate = ch;
                            continue;
                        } else if (ch >= 0xDC00 && ch <= 0xDFFF) {
                            if (highSurrogate == -1) {
                                throw errorAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
                            }
                            ch = ((highSurrogate & 0x3FF) << 10) + (ch & 0x3FF) + 0x10000;
                            highSurrogate = -1;
                        }
                        if (highSurrogate != -1) {
                            throw errorAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
                        }
                        if (ch == 0) {
                            tokenTerminator = s + charLength(s);
                            throw new SqlException(ErrorFields.of("ERROR", "22P05",
                                    "unsupported Unicode escape sequence").detail("\\u0000 cannot be converted to text.")
                                    .set(ErrorFields.WHERE, context()).build());
                        }
                        b.appendCodePoint(ch);
                    }
                } else {
                    if (b != null && highSurrogate != -1) {
                        throw errorAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
                    }
                    char decoded = switch (in[s]) {
                        case '"' -> '"';
                        case '\\' -> '\\';
                        case '/' -> '/';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> 0;
                    };
                    if (decoded == 0) {
                        tokenStart = s;
                        tokenTerminator = s + charLength(s);
                        throw error("Escape sequence \"\\" + tokenText() + "\" is invalid.");
                    }
                    if (b != null) {
                        b.append(decoded);
                    }
                }
            } else {
                if (b != null && highSurrogate != -1) {
                    throw errorAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
                }
                if (runStart < 0) {
                    runStart = s;
                }
            }
        }
        if (b != null && highSurrogate != -1) {
            tokenTerminator = s + 1;
            throw error("Unicode low surrogate must follow a high surrogate.");
        }
        flush(b, runStart, s);
        tokenTerminator = s + 1;
        token = Token.STRING;
        stringValue = b == null ? null : b.toString();
    }

    private void flush(StringBuilder b, int runStart, int end) {
        if (b != null && runStart >= 0) {
            b.append(new String(in, runStart, end - runStart, StandardCharsets.UTF_8));
        }
    }

    /** The byte length of the UTF-8 character starting at {@code s} (pg_encoding_mblen_bounded). */
    private int charLength(int s) {
        int c = in[s] & 0xff;
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        return Math.min(n, in.length - s);
    }

    // ---- errors (json_errdetail, report_parse_error, report_json_context)

    private String tokenText() {
        return new String(in, tokenStart, tokenTerminator - tokenStart, StandardCharsets.UTF_8);
    }

    private SqlException parseError(Context context) {
        if (token == Token.END) {
            return error("The input string ended unexpectedly.");
        }
        String found = tokenText();
        return error(switch (context) {
            case END -> "Expected end of input, but found \"" + found + "\".";
            case VALUE -> "Expected JSON value, but found \"" + found + "\".";
            case STRING, OBJECT_COMMA -> "Expected string, but found \"" + found + "\".";
            case ARRAY_START -> "Expected array element or \"]\", but found \"" + found + "\".";
            case ARRAY_NEXT -> "Expected \",\" or \"]\", but found \"" + found + "\".";
            case OBJECT_START -> "Expected string or \"}\", but found \"" + found + "\".";
            case OBJECT_LABEL -> "Expected \":\", but found \"" + found + "\".";
            case OBJECT_NEXT -> "Expected \",\" or \"}\", but found \"" + found + "\".";
        });
    }

    /** An error in a string whose context ends after the character at {@code s} (FAIL_AT_CHAR_END). */
    private SqlException errorAtCharEnd(int s, String detail) {
        tokenTerminator = s + charLength(s);
        return error(detail);
    }

    private SqlException error(String detail) {
        return new SqlException(ErrorFields.of("ERROR", "22P02", "invalid input syntax for type json").detail(detail)
                .set(ErrorFields.WHERE, context()).build());
    }

    /** report_json_context: the current line up to the end of the current token, at most about 50 bytes. */
    private String context() {
        int contextEnd = Math.max(tokenTerminator, lineStart);
        int contextStart = lineStart;
        while (contextEnd - contextStart >= 50) {
            contextStart += in[contextStart] < 0 ? charLength(contextStart) : 1;
        }
        if (contextStart - lineStart <= 3) {
            contextStart = lineStart;
        }
        String text = new String(in, contextStart, contextEnd - contextStart, StandardCharsets.UTF_8);
        String prefix = contextStart > lineStart ? "..." : "";
        String suffix = token != Token.END && contextEnd < in.length && in[contextEnd] != '\n' && in[contextEnd] != '\r'
                ? "..." : "";
        return "JSON data, line " + lineNumber + ": " + prefix + text + suffix;
    }
}
