package org.tusk.sql.eval;

import org.tusk.spi.SqlException;

/**
 * LIKE pattern matching: % matches any sequence, _ any one character, and a backslash makes the next
 * character literal. ILIKE lower-cases both sides first.
 */
final class Like {

    private Like() {
    }

    static boolean matches(String text, String pattern, boolean caseInsensitive) {
        if (caseInsensitive) {
            text = text.toLowerCase(java.util.Locale.ROOT);
            pattern = pattern.toLowerCase(java.util.Locale.ROOT);
        }
        return match(text, 0, pattern, 0);
    }

    private static boolean match(String t, int ti, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                while (pi < p.length() && p.charAt(pi) == '%') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = ti; k <= t.length(); k++) {
                    if (match(t, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length()) {
                return false;
            }
            if (c == '_') {
                ti += Character.charCount(t.codePointAt(ti));
                pi++;
                continue;
            }
            if (c == '\\') {
                pi++;
                if (pi >= p.length()) {
                    throw new SqlException("22025", "LIKE pattern must not end with escape character");
                }
                c = p.charAt(pi);
            }
            if (t.charAt(ti) != c) {
                return false;
            }
            ti++;
            pi++;
        }
        return ti == t.length();
    }

    /**
     * like_escape(pattern, escape): rewrites a pattern that uses {@code escape} into one that uses a
     * backslash, so that the matcher knows one escape character only. An empty escape disables escaping.
     */
    static String convertEscape(String pattern, String escape) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22019", "invalid escape string")
                    .hint("Escape string must be empty or one character.").build());
        }
        StringBuilder b = new StringBuilder();
        if (escape.isEmpty()) {
            for (char c : pattern.toCharArray()) {
                if (c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            return b.toString();
        }
        char e = escape.charAt(0);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == e) {
                i++;
                if (i >= pattern.length()) {
                    throw new SqlException("22025", "LIKE pattern must not end with escape character");
                }
                b.append('\\').append(pattern.charAt(i));
            } else if (c == '\\') {
                b.append("\\\\");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
