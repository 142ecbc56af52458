package org.tusk.sql.json;

import java.util.regex.Pattern;

import org.tusk.sql.eval.RegexOperators;

/**
 * like_regex's patterns: XQuery regular expressions with their flag letters, run as PostgreSQL runs them
 * (as an advanced regular expression, jsonpath_gram.y's jspConvertRegexFlags): {@code i} ignores case,
 * {@code s} lets '.' match a newline (it does not by default, unlike the ~ operator), {@code m} makes
 * ^ and $ match at line ends, {@code x} ignores white space in the pattern, {@code q} takes the pattern
 * literally. Checked when the path is parsed, so a bad pattern is an error of the jsonpath literal.
 */
final class JsonPathRegex {
    private JsonPathRegex() {
    }

    static Pattern compile(String pattern, String flags) {
        int javaFlags = 0;
        if (flags.indexOf('i') >= 0) {
            javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (flags.indexOf('s') >= 0) {
            javaFlags |= Pattern.DOTALL;
        }
        if (flags.indexOf('m') >= 0) {
            javaFlags |= Pattern.MULTILINE;
        }
        if (flags.indexOf('x') >= 0) {
            javaFlags |= Pattern.COMMENTS;
        }
        String written = flags.indexOf('q') >= 0 ? quote(pattern) : pattern;
        return RegexOperators.compile(written, javaFlags);
    }

    /** The pattern with every character that is special to a regular expression escaped. */
    private static String quote(String literal) {
        StringBuilder b = new StringBuilder(literal.length() * 2);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
