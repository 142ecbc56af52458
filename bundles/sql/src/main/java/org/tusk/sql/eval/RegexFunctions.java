package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.SqlType;

/**
 * The regular-expression functions of PostgreSQL 15 (regexp_replace, regexp_match, regexp_like,
 * regexp_count, regexp_split_to_array) and similar_to_escape, into which the parser turns
 * {@code SIMILAR TO} as PostgreSQL does ({@code a SIMILAR TO p} is {@code a ~ similar_to_escape(p)}).
 * Patterns are compiled by {@link RegexOperators}, so the operators and the functions read a pattern
 * the same way and share its cache.
 */
public final class RegexFunctions {

    /** Where the functions are registered: Functions' add. */
    @FunctionalInterface
    interface Sink {
        void add(String name, List<SqlType> args, SqlType result, Routine.Body body);
    }

    private RegexFunctions() {
    }

    static void register(Sink sink) {
        sink.add("regexp_replace", List.of(TEXT, TEXT, TEXT), TEXT,
                (a, c) -> replace((String) a[0], (String) a[1], (String) a[2], ""));
        sink.add("regexp_replace", List.of(TEXT, TEXT, TEXT, TEXT), TEXT,
                (a, c) -> replace((String) a[0], (String) a[1], (String) a[2], (String) a[3]));
        sink.add("regexp_match", List.of(TEXT, TEXT), TEXT_ARRAY, (a, c) -> match((String) a[0], (String) a[1], ""));
        sink.add("regexp_match", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY,
                (a, c) -> match((String) a[0], (String) a[1], (String) a[2]));
        sink.add("regexp_like", List.of(TEXT, TEXT), BOOL, (a, c) -> like((String) a[0], (String) a[1], ""));
        sink.add("regexp_like", List.of(TEXT, TEXT, TEXT), BOOL,
                (a, c) -> like((String) a[0], (String) a[1], (String) a[2]));
        sink.add("regexp_count", List.of(TEXT, TEXT), INT4, (a, c) -> count((String) a[0], (String) a[1], 1, ""));
        sink.add("regexp_count", List.of(TEXT, TEXT, INT4), INT4,
                (a, c) -> count((String) a[0], (String) a[1], (Integer) a[2], ""));
        sink.add("regexp_count", List.of(TEXT, TEXT, INT4, TEXT), INT4,
                (a, c) -> count((String) a[0], (String) a[1], (Integer) a[2], (String) a[3]));
        // regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]) and
        // regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]): every arity pg_proc has.
        List<SqlType> instr = List.of(TEXT, TEXT, INT4, INT4, INT4, TEXT, INT4);
        for (int n = 2; n <= instr.size(); n++) {
            sink.add("regexp_instr", instr.subList(0, n), INT4, (a, c) -> instr((String) a[0], (String) a[1],
                    a.length > 2 ? (Integer) a[2] : 1, a.length > 3 ? (Integer) a[3] : 1, a.length > 4 ? (Integer) a[4] : 0,
                    a.length > 5 ? (String) a[5] : "", a.length > 6 ? (Integer) a[6] : 0));
        }
        List<SqlType> substr = List.of(TEXT, TEXT, INT4, INT4, TEXT, INT4);
        for (int n = 2; n <= substr.size(); n++) {
            sink.add("regexp_substr", substr.subList(0, n), TEXT, (a, c) -> substr((String) a[0], (String) a[1],
                    a.length > 2 ? (Integer) a[2] : 1, a.length > 3 ? (Integer) a[3] : 1,
                    a.length > 4 ? (String) a[4] : "", a.length > 5 ? (Integer) a[5] : 0));
        }
        sink.add("regexp_split_to_array", List.of(TEXT, TEXT), TEXT_ARRAY,
                (a, c) -> split((String) a[0], (String) a[1], ""));
        sink.add("regexp_split_to_array", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY,
                (a, c) -> split((String) a[0], (String) a[1], (String) a[2]));
        // substring(string FROM pattern) and substring(string, pattern): textregexsubstr
        sink.add("substring", List.of(TEXT, TEXT), TEXT, (a, c) -> substring((String) a[0], (String) a[1]));
        sink.add("similar_to_escape", List.of(TEXT), TEXT, (a, c) -> similarToEscape((String) a[0], "\\"));
        sink.add("similar_to_escape", List.of(TEXT, TEXT), TEXT,
                (a, c) -> similarToEscape((String) a[0], (String) a[1]));
    }

    /** The flags of a regexp function call; 'g' is returned apart because only some functions accept it. */
    private record Flags(boolean global, int javaFlags) {
    }

    /**
     * PostgreSQL's flag letters (table 9.24): i and c choose case, n/p/w/s newline handling, x expanded
     * syntax; g is "all matches" and only regexp_replace takes it. An unknown letter is 22023.
     */
    private static Flags flags(String letters, boolean globalAllowed, String function) {
        boolean global = false;
        boolean caseless = false;
        boolean newlineSensitive = false;
        boolean expanded = false;
        for (int i = 0; i < letters.length(); i++) {
            char f = letters.charAt(i);
            switch (f) {
                case 'g' -> {
                    if (!globalAllowed) {
                        var error = org.tusk.protocol.ErrorFields.of("ERROR", "22023",
                                function + "() does not support the \"global\" option");
                        // Only regexp_match has a set-returning twin to point to.
                        throw new SqlException((function.equals("regexp_match")
                                ? error.hint("Use the regexp_matches function instead.") : error).build());
                    }
                    global = true;
                }
                case 'i' -> caseless = true;
                case 'c' -> caseless = false;
                case 'n', 'w' -> newlineSensitive = true;
                case 's', 'p' -> newlineSensitive = f == 'p';
                case 'x' -> expanded = true;
                case 'q', 'b', 'e', 't' -> {
                    // literal, basic and extended syntax: rarely used; the default ARE reading is kept
                }
                default -> throw new SqlException("22023", "invalid regular expression option: \"" + f + "\"");
            }
        }
        int java = 0;
        if (caseless) {
            java |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        // Without 'n', PostgreSQL's '.' and bracket expressions match a newline and ^/$ anchor only at
        // the ends of the string; with it, they behave line by line.
        java |= newlineSensitive ? Pattern.MULTILINE : Pattern.DOTALL;
        if (expanded) {
            java |= Pattern.COMMENTS;
        }
        return new Flags(global, java);
    }

    static String replace(String source, String pattern, String replacement, String flagLetters) {
        Flags f = flags(flagLetters, true, "regexp_replace");
        Matcher m = RegexOperators.compile(pattern, f.javaFlags()).matcher(source);
        StringBuilder out = new StringBuilder(source.length());
        int last = 0;
        while (m.find()) {
            out.append(source, last, m.start());
            appendReplacement(out, replacement, m);
            last = m.end();
            if (!f.global()) {
                break;
            }
            if (m.end() == m.start()) {
                // An empty match: copy one character so that the next search makes progress.
                if (last < source.length()) {
                    out.append(source.charAt(last));
                }
                last++;
                if (last > source.length() || !m.find(last)) {
                    break;
                }
                m.region(last, source.length());
            }
        }
        if (last < source.length()) {
            out.append(source, last, source.length());
        }
        return out.toString();
    }

    /** The replacement text: {@code \1}..{@code \9} a group, {@code \&} the match, {@code \\} a backslash. */
    private static void appendReplacement(StringBuilder out, String replacement, Matcher m) {
        for (int i = 0; i < replacement.length(); i++) {
            char ch = replacement.charAt(i);
            if (ch == '\\' && i + 1 < replacement.length()) {
                char n = replacement.charAt(i + 1);
                if (n >= '1' && n <= '9') {
                    int g = n - '0';
                    if (g <= m.groupCount() && m.group(g) != null) {
                        out.append(m.group(g));
                    }
                    i++;
                    continue;
                }
                if (n == '&') {
                    out.append(m.group());
                    i++;
                    continue;
                }
                if (n == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
            }
            out.append(ch);
        }
    }

    static ArrayValue match(String source, String pattern, String flagLetters) {
        Flags f = flags(flagLetters, false, "regexp_match");
        Matcher m = RegexOperators.compile(pattern, f.javaFlags()).matcher(source);
        return m.find() ? groups(m) : null;
    }

    /** A match as regexp_match(es) returns it: its parenthesized subexpressions' texts, or the whole match. */
    private static ArrayValue groups(Matcher m) {
        List<Object> parts = new ArrayList<>();
        if (m.groupCount() == 0) {
            parts.add(m.group());
        } else {
            for (int g = 1; g <= m.groupCount(); g++) {
                parts.add(m.group(g));
            }
        }
        return new ArrayValue(1, parts);
    }

    /**
     * regexp_matches, a set-returning function: one text[] per match (all of them with flag g, else the first),
     * holding the parenthesized subexpressions' texts, or the whole match when the pattern has none.
     */
    public static List<Object> matches(String source, String pattern, String flagLetters) {
        Flags f = flags(flagLetters, true, "regexp_matches");
        Matcher m = RegexOperators.compile(pattern, f.javaFlags()).matcher(source);
        List<Object> rows = new ArrayList<>();
        int at = 0;
        while (at <= source.length() && m.find(at)) {
            rows.add(groups(m));
            if (!f.global()) {
                break;
            }
            at = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return rows;
    }

    /** regexp_split_to_table, a set-returning function: regexp_split_to_array's pieces, one row each. */
    public static List<Object> splitToTable(String source, String pattern, String flagLetters) {
        flags(flagLetters, false, "regexp_split_to_table");
        return split(source, pattern, flagLetters).elements();
    }

    /**
     * substring(string FROM pattern): the text matched by the pattern's first parenthesized subexpression if
     * it has one, else by the whole pattern; null without a match.
     */
    static String substring(String source, String pattern) {
        Matcher m = RegexOperators.compile(pattern, flags("", false, "substring").javaFlags()).matcher(source);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() == 0 ? m.group() : m.group(1);
    }

    static boolean like(String source, String pattern, String flagLetters) {
        Flags f = flags(flagLetters, false, "regexp_like");
        return RegexOperators.compile(pattern, f.javaFlags()).matcher(source).find();
    }

    static int count(String source, String pattern, int start, String flagLetters) {
        if (start <= 0) {
            throw new SqlException("22023", "invalid value for parameter \"start\": " + start);
        }
        Flags f = flags(flagLetters, false, "regexp_count");
        int from = source.offsetByCodePoints(0, Math.min(start - 1, source.codePointCount(0, source.length())));
        Matcher m = RegexOperators.compile(pattern, f.javaFlags()).matcher(source);
        int n = 0;
        int at = from;
        while (at <= source.length() && m.find(at)) {
            n++;
            at = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return n;
    }

    /**
     * regexp_instr: the position (in characters, from 1) where the N-th match at or after {@code start}
     * begins, or just after it ends ({@code endoption} 1); of parenthesized subexpression {@code subexpr}
     * if not 0. 0 when there is no such match.
     */
    static int instr(String source, String pattern, int start, int n, int endOption, String flagLetters,
            int subexpr) {
        if (endOption != 0 && endOption != 1) {
            throw new SqlException("22023", "invalid value for parameter \"endoption\": " + endOption);
        }
        int[] span = nthMatch(source, pattern, start, n, flagLetters, subexpr, "regexp_instr");
        if (span == null) {
            return 0;
        }
        return source.codePointCount(0, endOption == 0 ? span[0] : span[1]) + 1;
    }

    /** regexp_substr: the text of the N-th match at or after {@code start} (or of its subexpression), or null. */
    static String substr(String source, String pattern, int start, int n, String flagLetters, int subexpr) {
        int[] span = nthMatch(source, pattern, start, n, flagLetters, subexpr, "regexp_substr");
        return span == null ? null : source.substring(span[0], span[1]);
    }

    /** Where the n-th non-overlapping match (or its group {@code subexpr}) lies, as char offsets; null if none. */
    private static int[] nthMatch(String source, String pattern, int start, int n, String flagLetters, int subexpr,
            String function) {
        if (start <= 0) {
            throw new SqlException("22023", "invalid value for parameter \"start\": " + start);
        }
        if (n <= 0) {
            throw new SqlException("22023", "invalid value for parameter \"n\": " + n);
        }
        if (subexpr < 0) {
            throw new SqlException("22023", "invalid value for parameter \"subexpr\": " + subexpr);
        }
        Flags f = flags(flagLetters, false, function);
        int length = source.codePointCount(0, source.length());
        if (start - 1 > length) {
            return null;
        }
        Matcher m = RegexOperators.compile(pattern, f.javaFlags()).matcher(source);
        int at = source.offsetByCodePoints(0, start - 1);
        for (int found = 0; at <= source.length() && m.find(at); ) {
            if (++found == n) {
                if (subexpr > m.groupCount() || m.start(subexpr) < 0) {
                    return null;
                }
                return new int[] {m.start(subexpr), m.end(subexpr)};
            }
            at = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return null;
    }

    /**
     * regexp_split_to_array: the pieces between matches; an empty match splits between characters, and
     * empty matches at the very start or end of the string produce no empty piece, as in PostgreSQL.
     */
    static ArrayValue split(String source, String pattern, String flagLetters) {
        Flags f = flags(flagLetters, false, "regexp_split_to_array");
        Matcher m = RegexOperators.compile(pattern, f.javaFlags()).matcher(source);
        List<Object> parts = new ArrayList<>();
        int start = 0;
        int search = 0;
        while (search < source.length() && m.find(search)) {
            if (m.end() == m.start()) {
                if (m.start() >= source.length()) {
                    break;
                }
                if (m.start() == start) {
                    // An empty match right where the piece starts: the piece is at least one character.
                    search = m.start() + 1;
                    if (search > source.length()) {
                        break;
                    }
                    if (!m.find(search)) {
                        break;
                    }
                    if (m.start() >= source.length()) {
                        break;
                    }
                }
            }
            parts.add(source.substring(start, m.start()));
            start = m.end();
            search = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        parts.add(source.substring(start));
        return new ArrayValue(1, parts);
    }

    /**
     * The POSIX regular expression that a SQL-standard SIMILAR TO pattern stands for: anchored at both
     * ends, {@code %} any string, {@code _} any character, {@code .} a literal dot, the escape character
     * quoting the next one; alternation, grouping, repetition and bracket expressions keep their
     * regular-expression meaning. An escape string of more than one character is 22025, an empty one
     * means no escape.
     */
    static String similarToEscape(String pattern, String escape) {
        int esc;
        if (escape.isEmpty()) {
            esc = -1;
        } else if (escape.codePointCount(0, escape.length()) == 1) {
            esc = escape.codePointAt(0);
        } else {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22025", "invalid escape string")
                    .hint("Escape string must be empty or one character.").build());
        }
        StringBuilder re = new StringBuilder(pattern.length() + 8).append("^(?:");
        boolean afterEscape = false;
        int bracketDepth = 0;
        for (int i = 0; i < pattern.length(); i = pattern.offsetByCodePoints(i, 1)) {
            int ch = pattern.codePointAt(i);
            if (afterEscape) {
                // The escaped character stands for itself.
                re.append('\\').appendCodePoint(ch);
                afterEscape = false;
            } else if (esc >= 0 && ch == esc) {
                afterEscape = true;
            } else if (bracketDepth > 0) {
                if (ch == '\\') {
                    re.append("\\\\");
                } else {
                    re.appendCodePoint(ch);
                    if (ch == ']') {
                        bracketDepth = 0;
                    }
                }
            } else if (ch == '[') {
                bracketDepth = 1;
                re.append('[');
                // A ']' or '^]' right after the opening bracket is a member, not the end.
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    re.append('^');
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    re.append(']');
                    i++;
                }
            } else if (ch == '%') {
                re.append(".*");
            } else if (ch == '_') {
                re.append('.');
            } else if (ch == '(') {
                re.append("(?:");
            } else if (ch == '\\' || ch == '.' || ch == '^' || ch == '$') {
                re.append('\\').appendCodePoint(ch);
            } else {
                re.appendCodePoint(ch);
            }
        }
        return re.append(")$").toString();
    }
}
