package org.tusk.sql.lexer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import java.util.function.Consumer;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * PostgreSQL's lexical rules (src/backend/parser/scan.l) for one query string. Tokens are produced on
 * demand, as the grammar asks for them, so that a syntax error early in a string is reported before a
 * lexical error further on, exactly as PostgreSQL does.
 *
 * <p>Positions are 1-based character (code point) offsets, the unit of the ErrorResponse position
 * field. Every lexical error is SQLSTATE 42601 and quotes the rest of the input from where the bad
 * token starts, as PostgreSQL's "at or near" does for tokens the scanner could not finish.
 */
public final class Lexer {
    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    /** Operator characters that are not SQL-standard; a multi-char operator containing one may end in + or -. */
    private static final String NON_SQL_OP_CHARS = "~!@#^&|`?%";

    private final String sql;
    private final boolean standardConformingStrings;
    /** Where escape_string_warning's WARNINGs go, null when that setting is off. */
    private final Consumer<ErrorFields> warnings;
    private final boolean hasSurrogates;
    private int pos;

    /**
     * @param standardConformingStrings the setting of that name: when off, backslashes are escapes in
     *        ordinary '...' strings too
     */
    public Lexer(String sql, boolean standardConformingStrings) {
        this(sql, standardConformingStrings, null);
    }

    /**
     * @param warnings where to report a backslash in an ordinary '...' string while
     *        standard_conforming_strings is off (escape_string_warning), or null
     */
    public Lexer(String sql, boolean standardConformingStrings, Consumer<ErrorFields> warnings) {
        this.sql = sql;
        this.standardConformingStrings = standardConformingStrings;
        this.warnings = warnings;
        this.hasSurrogates = hasSurrogates(sql);
    }

    /** A plain loop: every query string is scanned once here before its first token. */
    private static boolean hasSurrogates(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            if (Character.isSurrogate(sql.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The query string this lexer reads. */
    public String source() {
        return sql;
    }

    /** The 1-based character position of a Java string index. */
    public int positionOf(int index) {
        return (hasSurrogates ? sql.codePointCount(0, index) : index) + 1;
    }

    /** The next token; after the end of input, an EOF token positioned just past the last character. */
    public Token next() {
        skipWhitespaceAndComments();
        int start = pos;
        if (pos >= sql.length()) {
            return new Token(TokenKind.EOF, "", "", positionOf(sql.length()), false);
        }
        char c = sql.charAt(pos);
        char next = pos + 1 < sql.length() ? sql.charAt(pos + 1) : 0;

        if ((c == 'e' || c == 'E') && next == '\'') {
            pos++;
            return quotedString(start, true, false);
        }
        if ((c == 'u' || c == 'U') && next == '&' && pos + 2 < sql.length() && sql.charAt(pos + 2) == '\'') {
            pos += 2;
            Token plain = quotedString(start, false, false);
            String value = unicodeEscapes(plain.text(), start);
            return new Token(TokenKind.STRING, value, plain.raw(), plain.position(), false);
        }
        if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && next == '\'') {
            pos++;
            Token plain = quotedString(start, false, false);
            return new Token(TokenKind.BIT_STRING, Character.toLowerCase(c) + plain.text(), plain.raw(),
                    plain.position(), false);
        }
        if (isIdentStart(c)) {
            return identifier(start);
        }
        if (c == '\'') {
            return quotedString(start, !standardConformingStrings, !standardConformingStrings && warnings != null);
        }
        if (c == '"') {
            return quotedIdentifier(start);
        }
        if (c == '$') {
            return dollar(start);
        }
        if (isDigit(c) || (c == '.' && isDigit(next))) {
            return number(start);
        }
        if (c == ':' && next == ':') {
            pos += 2;
            return token(TokenKind.TYPECAST, "::", start);
        }
        if (OP_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        pos++;
        return switch (c) {
            case '(' -> token(TokenKind.LPAREN, "(", start);
            case ')' -> token(TokenKind.RPAREN, ")", start);
            case '[' -> token(TokenKind.LBRACKET, "[", start);
            case ']' -> token(TokenKind.RBRACKET, "]", start);
            case ',' -> token(TokenKind.COMMA, ",", start);
            case ';' -> token(TokenKind.SEMICOLON, ";", start);
            case '.' -> token(TokenKind.DOT, ".", start);
            case ':' -> token(TokenKind.COLON, ":", start);
            // Anything else is a character no rule accepts; the grammar reports it as a syntax error.
            default -> token(TokenKind.OP, String.valueOf(c), start);
        };
    }

    private Token token(TokenKind kind, String text, int start) {
        return new Token(kind, text, sql.substring(start, pos), positionOf(start), false);
    }

    /**
     * scan.l's check_string_escape: the first escape of an ordinary literal read with backslash escapes
     * draws a WARNING (22P06) naming what kind of escape it is, positioned at the literal.
     */
    private void warnNonstandardEscape(char escaped, int start) {
        String message;
        String hint;
        if (escaped == '\'') {
            message = "nonstandard use of \\' in a string literal";
            hint = "Use '' to write quotes in strings, or use the escape string syntax (E'...').";
        } else if (escaped == '\\') {
            message = "nonstandard use of \\\\ in a string literal";
            hint = "Use the escape string syntax for backslashes, e.g., E'\\\\'.";
        } else {
            message = "nonstandard use of escape in a string literal";
            hint = "Use the escape string syntax for escapes, e.g., E'\\r\\n'.";
        }
        warnings.accept(ErrorFields.of("WARNING", "22P06", message).hint(hint)
                .position(positionOf(start)).build());
    }

    private SqlException error(String what, int start) {
        return SqlException.at("42601", what + " at or near \"" + sql.substring(start) + "\"", positionOf(start));
    }

    // ---- whitespace and comments

    private void skipWhitespaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '-' && sql.startsWith("--", pos)) {
                while (pos < sql.length() && !isNewline(sql.charAt(pos))) {
                    pos++;
                }
            } else if (c == '/' && sql.startsWith("/*", pos)) {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    /** Block comments nest in PostgreSQL, unlike the SQL standard's. */
    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw error("unterminated /* comment", start);
    }

    // ---- identifiers

    private Token identifier(int start) {
        while (pos < sql.length() && isIdentCont(sql.charAt(pos))) {
            pos++;
        }
        String raw = sql.substring(start, pos);
        return new Token(TokenKind.IDENT, downcase(raw), raw, positionOf(start), false);
    }

    /** PostgreSQL folds only ASCII letters, so identifiers mean the same whatever the locale. */
    static String downcase(String s) {
        int first = 0;
        while (first < s.length() && !(s.charAt(first) >= 'A' && s.charAt(first) <= 'Z')) {
            first++;
        }
        if (first == s.length()) {
            return s; // already lower case: most identifiers and keywords as written
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }

    private Token quotedIdentifier(int start) {
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw error("unterminated quoted identifier", start);
            }
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (pos < sql.length() && sql.charAt(pos) == '"') {
                    value.append('"');
                    pos++;
                } else {
                    break;
                }
            } else {
                value.append(c);
            }
        }
        if (value.isEmpty()) {
            throw SqlException.at("42601", "zero-length delimited identifier at or near \"\"\"\"",
                    positionOf(start));
        }
        return new Token(TokenKind.IDENT, value.toString(), sql.substring(start, pos), positionOf(start), true);
    }

    // ---- string constants

    /**
     * A '...' constant, with '' for a quote, and continued by another '...' that follows after
     * whitespace containing a newline (the SQL standard's way of splitting long literals).
     */
    private Token quotedString(int start, boolean backslashEscapes, boolean warnOnEscape) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean warned = !warnOnEscape;
        pos++; // opening quote
        while (true) {
            if (pos >= sql.length()) {
                throw error("unterminated quoted string", start);
            }
            char c = sql.charAt(pos);
            if (c == '\'') {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
                    bytes.write('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                int resume = continuation(pos);
                if (resume < 0) {
                    break;
                }
                pos = resume + 1;
            } else if (c == '\\' && backslashEscapes) {
                if (!warned) {
                    warnNonstandardEscape(pos + 1 < sql.length() ? sql.charAt(pos + 1) : 0, start);
                    warned = true;
                }
                backslashEscape(bytes, start);
            } else {
                int cp = sql.codePointAt(pos);
                pos += Character.charCount(cp);
                writeUtf8(bytes, cp);
            }
        }
        String value = decodeUtf8(bytes.toByteArray(), start);
        return new Token(TokenKind.STRING, value, sql.substring(start, pos), positionOf(start), false);
    }

    /**
     * If the text at {@code from} is whitespace containing a newline (comments allowed after the
     * newline) followed by a quote, returns the index of that quote; otherwise -1.
     */
    private int continuation(int from) {
        int i = from;
        boolean newline = false;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (isNewline(c)) {
                newline = true;
                i++;
            } else if (isSpace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                while (i < sql.length() && !isNewline(sql.charAt(i))) {
                    i++;
                }
            } else {
                break;
            }
        }
        return newline && i < sql.length() && sql.charAt(i) == '\'' ? i : -1;
    }

    private void backslashEscape(ByteArrayOutputStream bytes, int start) {
        pos++; // the backslash
        if (pos >= sql.length()) {
            throw error("unterminated quoted string", start);
        }
        char c = sql.charAt(pos);
        switch (c) {
            case 'b' -> simple(bytes, '\b');
            case 'f' -> simple(bytes, '\f');
            case 'n' -> simple(bytes, '\n');
            case 'r' -> simple(bytes, '\r');
            case 't' -> simple(bytes, '\t');
            case 'x' -> {
                int end = pos + 1;
                while (end < sql.length() && end < pos + 3 && Character.digit(sql.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == pos + 1) {
                    simple(bytes, 'x'); // "\x" without hex digits is just "x"
                } else {
                    bytes.write(Integer.parseInt(sql.substring(pos + 1, end), 16));
                    pos = end;
                }
            }
            case 'u', 'U' -> unicodeEscape(bytes, c == 'u' ? 4 : 8, start);
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = pos;
                    while (end < sql.length() && end < pos + 3 && sql.charAt(end) >= '0' && sql.charAt(end) <= '7') {
                        end++;
                    }
                    bytes.write(Integer.parseInt(sql.substring(pos, end), 8) & 0xFF);
                    pos = end;
                } else {
                    int cp = sql.codePointAt(pos);
                    pos += Character.charCount(cp);
                    writeUtf8(bytes, cp);
                }
            }
        }
    }

    private void simple(ByteArrayOutputStream bytes, char c) {
        bytes.write(c);
        pos++;
    }

    private void unicodeEscape(ByteArrayOutputStream bytes, int digits, int start) {
        int first = pos + 1;
        if (first + digits > sql.length()) {
            throw SqlException.at("22025", "invalid Unicode escape", positionOf(pos - 1));
        }
        String hex = sql.substring(first, first + digits);
        int cp;
        try {
            cp = Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            throw SqlException.at("22025", "invalid Unicode escape", positionOf(pos - 1));
        }
        if (cp == 0 || cp > Character.MAX_CODE_POINT || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
            throw SqlException.at("22025", "invalid Unicode escape value", positionOf(pos - 1));
        }
        pos = first + digits;
        writeUtf8(bytes, cp);
    }

    /** U&'...': \XXXX and \+XXXXXX name code points, \\ is a backslash (UESCAPE is not supported). */
    private String unicodeEscapes(String s, int start) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                b.append('\\');
                i++;
                continue;
            }
            int digits = i + 1 < s.length() && s.charAt(i + 1) == '+' ? 6 : 4;
            int from = i + (digits == 6 ? 2 : 1);
            if (from + digits > s.length()) {
                throw invalidUnicodeEscape(i, start);
            }
            try {
                int cp = Integer.parseInt(s.substring(from, from + digits), 16);
                b.appendCodePoint(cp);
            } catch (IllegalArgumentException e) {
                throw invalidUnicodeEscape(i, start);
            }
            i = from + digits - 1;
        }
        return b.toString();
    }

    /**
     * PostgreSQL reports the escape's offset in the decoded literal added to the literal's start (after U&'),
     * which is the backslash unless a doubled quote comes before it: then, as in PostgreSQL, it is earlier.
     */
    private SqlException invalidUnicodeEscape(int index, int start) {
        return new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "42601", "invalid Unicode escape")
                .hint("Unicode escapes must be \\XXXX or \\+XXXXXX.")
                .position(positionOf(start + 3 + index)).build());
    }

    private static void writeUtf8(ByteArrayOutputStream bytes, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
    }

    /** Escapes can produce arbitrary bytes, which must still be valid UTF-8 (the server encoding). */
    private String decodeUtf8(byte[] bytes, int start) {
        for (byte b : bytes) {
            if (b == 0) {
                throw SqlException.at("22021", "invalid byte sequence for encoding \"UTF8\": 0x00", positionOf(start));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw SqlException.at("22021", "invalid byte sequence for encoding \"UTF8\"", positionOf(start));
        }
    }

    // ---- dollar quotes and parameters

    private Token dollar(int start) {
        int i = pos + 1;
        if (i < sql.length() && isDigit(sql.charAt(i))) {
            while (i < sql.length() && isDigit(sql.charAt(i))) {
                i++;
            }
            pos = i;
            return new Token(TokenKind.PARAM, sql.substring(start + 1, pos), sql.substring(start, pos),
                    positionOf(start), false);
        }
        // A tag is an identifier without '$'; the delimiter is $tag$ or $$.
        if (i < sql.length() && isIdentStart(sql.charAt(i))) {
            i++;
            while (i < sql.length() && isIdentCont(sql.charAt(i)) && sql.charAt(i) != '$') {
                i++;
            }
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            pos++;
            return token(TokenKind.OP, "$", start); // no rule matches a lone '$': a syntax error later
        }
        String delimiter = sql.substring(start, i + 1);
        int bodyStart = i + 1;
        int end = sql.indexOf(delimiter, bodyStart);
        if (end < 0) {
            throw error("unterminated dollar-quoted string", start);
        }
        pos = end + delimiter.length();
        return new Token(TokenKind.STRING, sql.substring(bodyStart, end), sql.substring(start, pos),
                positionOf(start), false);
    }

    // ---- numbers

    private Token number(int start) {
        int i = pos;
        while (i < sql.length() && isDigit(sql.charAt(i))) {
            i++;
        }
        boolean decimal = false;
        if (i < sql.length() && sql.charAt(i) == '.') {
            if (i + 1 < sql.length() && sql.charAt(i + 1) == '.') {
                // "1..2": the integer, then the dots (PostgreSQL's decimalfail rule).
                pos = i;
                return token(TokenKind.INTEGER, sql.substring(start, pos), start);
            }
            decimal = true;
            i++;
            while (i < sql.length() && isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < sql.length() && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < sql.length() && isDigit(sql.charAt(j))) {
                while (j < sql.length() && isDigit(sql.charAt(j))) {
                    j++;
                }
                i = j;
                decimal = true;
            } else if (j > i + 1) {
                // "1e+" without exponent digits: PostgreSQL 15's realfail rule.
                throw trailingJunk(start, j);
            }
            // Otherwise "1e" is the number 1 followed by the identifier e: trailing junk, below.
        }
        if (i < sql.length() && isIdentStart(sql.charAt(i))) {
            // PostgreSQL 15 rejects a number glued to an identifier ("123abc", "0x1F", "1.5e", "10_000")
            // instead of reading it as a number and a column label.
            int end = i;
            while (end < sql.length() && isIdentCont(sql.charAt(end))) {
                end++;
            }
            throw trailingJunk(start, end);
        }
        pos = i;
        String text = sql.substring(start, pos);
        return token(decimal ? TokenKind.DECIMAL : TokenKind.INTEGER, text, start);
    }

    /** scan.l's integer_junk, numeric_junk, real_junk and realfail rules: the whole glued text is quoted. */
    private SqlException trailingJunk(int start, int end) {
        return SqlException.at("42601", "trailing junk after numeric literal at or near \""
                + sql.substring(start, end) + "\"", positionOf(start));
    }

    // ---- operators

    private Token operator(int start) {
        int end = pos;
        while (end < sql.length() && OP_CHARS.indexOf(sql.charAt(end)) >= 0) {
            end++;
        }
        String text = sql.substring(start, end);
        // A comment start ends the operator.
        int cut = text.length();
        int slashStar = text.indexOf("/*");
        int dashDash = text.indexOf("--");
        if (slashStar >= 0) {
            cut = slashStar;
        }
        if (dashDash >= 0 && dashDash < cut) {
            cut = dashDash;
        }
        // SQL operators may not end in + or - unless they contain a non-SQL operator character, so
        // that "1+-2" means 1 + (-2).
        if (cut > 1 && (text.charAt(cut - 1) == '+' || text.charAt(cut - 1) == '-')) {
            boolean nonSql = false;
            for (int k = 0; k < cut - 1; k++) {
                if (NON_SQL_OP_CHARS.indexOf(text.charAt(k)) >= 0) {
                    nonSql = true;
                    break;
                }
            }
            if (!nonSql) {
                while (cut > 1 && (text.charAt(cut - 1) == '+' || text.charAt(cut - 1) == '-')) {
                    cut--;
                }
            }
        }
        pos = start + cut;
        String op = text.substring(0, cut);
        if (op.length() >= 64) {
            throw SqlException.at("42622", "operator too long", positionOf(start));
        }
        // "!=" is another spelling of "<>".
        return new Token(TokenKind.OP, op.equals("!=") ? "<>" : op, op, positionOf(start), false);
    }

    // ---- character classes

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }
}
