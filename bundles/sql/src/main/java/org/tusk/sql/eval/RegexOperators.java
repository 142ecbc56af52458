package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.BPCHAR;
import static org.tusk.sql.types.SqlType.NAME;
import static org.tusk.sql.types.SqlType.TEXT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.SqlType;

/**
 * The POSIX regular-expression match operators {@code ~ !~ ~* !~*} on text, name and bpchar (textregexeq,
 * nameregexeq, bpcharregexeq and their case-insensitive and negated forms). psql's meta-commands filter
 * names with them ({@code n.nspname !~ '^pg_toast'}, {@code relname OPERATOR(pg_catalog.~) '^(t)$'}).
 *
 * <p>PostgreSQL's advanced regular expressions are mostly a superset of what java.util.regex reads the same
 * way (anchors, classes, quantifiers, groups, escapes); the POSIX bracket classes {@code [[:alpha:]]} and the
 * word-boundary escapes {@code \m \M \y} are rewritten to their Java spelling. A match is unanchored, as in
 * PostgreSQL. Like PostgreSQL's regexp cache (RE_CACHE in regexp.c), recently compiled patterns are kept.
 */
public final class RegexOperators {
    private static final int CACHE_SIZE = 32;

    /** Where the operators are registered: Operators' addBinary. */
    @FunctionalInterface
    interface Sink {
        void add(String name, SqlType left, SqlType right, SqlType result, Routine.Body body);
    }

    private record Key(String pattern, int flags) {
    }

    private static final Map<Key, Pattern> CACHE = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private RegexOperators() {
    }

    static void register(Sink sink) {
        for (SqlType left : new SqlType[] {TEXT, NAME, BPCHAR}) {
            sink.add("~", left, TEXT, BOOL, (a, c) -> matches(a[0], a[1], false));
            sink.add("!~", left, TEXT, BOOL, (a, c) -> !matches(a[0], a[1], false));
            sink.add("~*", left, TEXT, BOOL, (a, c) -> matches(a[0], a[1], true));
            sink.add("!~*", left, TEXT, BOOL, (a, c) -> !matches(a[0], a[1], true));
        }
    }

    static boolean matches(Object subject, Object pattern, boolean caseless) {
        String s = subject.toString();
        return compile(pattern.toString(), caseless).matcher(s).find();
    }

    static Pattern compile(String pattern, boolean caseless) {
        // PostgreSQL's default: '.' matches a newline too, ^ and $ anchor at the ends of the string.
        return compile(pattern, Pattern.DOTALL | (caseless ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** A compiled pattern with java.util.regex flags (the regexp functions' option letters map to them). */
    public static Pattern compile(String pattern, int flags) {
        Key key = new Key(pattern, flags);
        synchronized (CACHE) {
            Pattern p = CACHE.get(key);
            if (p != null) {
                return p;
            }
        }
        Pattern p;
        try {
            p = Pattern.compile(translate(pattern), flags);
        } catch (PatternSyntaxException e) {
            throw new SqlException("2201B", "invalid regular expression: " + e.getDescription());
        }
        synchronized (CACHE) {
            CACHE.put(key, p);
        }
        return p;
    }

    /** The Java spelling of a PostgreSQL ARE: POSIX bracket classes and the word-boundary escapes. */
    static String translate(String are) {
        StringBuilder b = new StringBuilder(are.length() + 8);
        for (int i = 0; i < are.length(); i++) {
            char c = are.charAt(i);
            if (c == '\\' && i + 1 < are.length()) {
                char n = are.charAt(++i);
                switch (n) {
                    case 'm' -> b.append("\\b(?=\\w)");
                    case 'M' -> b.append("\\b(?<=\\w)");
                    case 'y' -> b.append("\\b");
                    case 'Y' -> b.append("\\B");
                    default -> b.append('\\').append(n);
                }
            } else if (c == '[' && are.startsWith("[:", i)) {
                int end = are.indexOf(":]", i + 2);
                if (end < 0) {
                    b.append(c);
                    continue;
                }
                String cls = are.substring(i + 2, end);
                b.append(switch (cls) {
                    case "alpha" -> "\\p{IsAlphabetic}";
                    case "digit" -> "\\p{Digit}";
                    case "alnum" -> "\\p{IsAlphabetic}\\p{Digit}";
                    case "upper" -> "\\p{IsUppercase}";
                    case "lower" -> "\\p{IsLowercase}";
                    case "space" -> "\\s";
                    case "punct" -> "\\p{Punct}";
                    case "xdigit" -> "\\p{XDigit}";
                    case "word" -> "\\w";
                    default -> throw new SqlException("2201B", "invalid regular expression: invalid character class");
                });
                i = end + 1;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
