package org.tusk.psql;

import java.util.Locale;

/**
 * {@code \copy}: psql's client-side COPY (copy.c). The text after {@code \copy} is parsed as psql's
 * parse_slash_copy does and turned into the statement psql sends, {@code COPY ... FROM STDIN} or
 * {@code COPY ... TO STDOUT} with the user's options passed through untouched; the session then runs it
 * like any query, with the data streamed between the server and the file, the script or standard
 * input/output (see {@code Session.copy}). The server does all the parsing and formatting of the data,
 * so the rows, the errors and their {@code CONTEXT} lines are COPY's own.
 */
final class Copy {

    /**
     * What {@code \copy} was asked to do.
     *
     * @param sql the statement to send
     * @param from direction: true for {@code from}
     * @param file the file name (quotes stripped), or null for stdin/stdout/pstdin/pstdout
     * @param psqlInout true for pstdin/pstdout (psql's own standard input/output rather than the script's)
     */
    record Spec(String sql, boolean from, String file, boolean psqlInout) {
    }

    /** A parse error: psql reports the token it stopped at ({@code null}: end of line). */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        ParseError(String token) {
            super(token == null ? "\\copy: parse error at end of line" : "\\copy: parse error at \"" + token + "\"");
        }
    }

    private static final String WHITESPACE = " \t\n\r";

    private Copy() {
    }

    /**
     * Parses the text after {@code \copy} as psql 15's parse_slash_copy: the tokens before {@code from} /
     * {@code to} (an optional {@code binary}, a table with optional schema and column list, or a
     * parenthesized query) are joined with single spaces as psql joins them, and whatever follows the file
     * name is passed on verbatim.
     */
    static Spec parse(String text) throws ParseError {
        Tokenizer t = new Tokenizer(text);
        StringBuilder before = new StringBuilder();
        String token = t.next(WHITESPACE, ".,()", "\"");
        if (token == null) {
            throw new ParseError(null);
        }
        if (token.equalsIgnoreCase("binary")) {
            before.append(token);
            token = require(t.next(WHITESPACE, ".,()", "\""));
        }
        if (token.startsWith("(")) {
            int parens = 1;
            while (parens > 0) {
                before.append(' ').append(token);
                token = require(t.next(WHITESPACE, "()", "\"'"));
                if (token.startsWith("(")) {
                    parens++;
                } else if (token.startsWith(")")) {
                    parens--;
                }
            }
        }
        before.append(' ').append(token);
        token = require(t.next(WHITESPACE, ".,()", "\""));
        if (token.startsWith(".")) {
            // schema . table
            before.append(token);
            token = require(t.next(WHITESPACE, ".,()", "\""));
            before.append(token);
            token = require(t.next(WHITESPACE, ".,()", "\""));
        }
        if (token.startsWith("(")) {
            // column list
            while (true) {
                before.append(' ').append(token);
                token = require(t.next(WHITESPACE, "()", "\""));
                if (token.startsWith(")")) {
                    break;
                }
            }
            before.append(' ').append(token);
            token = require(t.next(WHITESPACE, ".,()", "\""));
        }
        boolean from;
        if (token.equalsIgnoreCase("from")) {
            from = true;
        } else if (token.equalsIgnoreCase("to")) {
            from = false;
        } else {
            throw new ParseError(token);
        }
        token = require(t.next(WHITESPACE, ";", "'"));
        String file;
        boolean psqlInout = false;
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("program")) {
            // psql runs a shell command here; tusk psql does not (yet).
            throw new ParseError(token);
        } else if (lower.equals("stdin") || lower.equals("stdout")) {
            file = null;
        } else if (lower.equals("pstdin") || lower.equals("pstdout")) {
            file = null;
            psqlInout = true;
        } else {
            file = stripQuotes(token);
        }
        String after = t.rest();
        String sql = "COPY " + before + (from ? " FROM STDIN " : " TO STDOUT ") + (after == null ? "" : after);
        return new Spec(sql, from, file, psqlInout);
    }

    private static final java.util.regex.Pattern FROM_STDIN = java.util.regex.Pattern.compile(
            "(?is)^copy\\b.*\\bfrom\\s+(stdin|stdout)\\b.*");

    /**
     * Whether {@code sql} is a {@code COPY ... FROM STDIN} (the grammar also takes {@code FROM STDOUT}
     * for it): first word COPY, after white space and comments, and a FROM STDIN further on.
     */
    static boolean isCopyFromStdin(String sql) {
        int i = 0;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return FROM_STDIN.matcher(sql.substring(i)).matches();
    }

    private static String require(String token) throws ParseError {
        if (token == null) {
            throw new ParseError(null);
        }
        return token;
    }

    /** psql's strip_quotes for a file name: removes single quotes, '' stands for one quote. */
    static String stripQuotes(String s) {
        StringBuilder out = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (in && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i++;
                } else {
                    in = !in;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * psql's strtokx: skips whitespace; a delimiter character is a token by itself; a quoted token runs to
     * its closing quote (a doubled quote stays inside) and keeps its quotes; any other token runs to
     * whitespace, a delimiter or a quote. The whitespace ending a token is consumed, a delimiter is not.
     */
    static final class Tokenizer {
        private final String s;
        private int pos;

        Tokenizer(String s) {
            this.s = s;
        }

        String next(String whitespace, String delim, String quote) {
            while (pos < s.length() && whitespace.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos >= s.length()) {
                return null;
            }
            int start = pos;
            char c = s.charAt(pos);
            if (delim.indexOf(c) >= 0) {
                pos++;
                return String.valueOf(c);
            }
            int end;
            if (quote.indexOf(c) >= 0) {
                end = start + 1;
                while (end < s.length()) {
                    if (s.charAt(end) == c && end + 1 < s.length() && s.charAt(end + 1) == c) {
                        end += 2;
                    } else if (s.charAt(end) == c) {
                        end++;
                        break;
                    } else {
                        end++;
                    }
                }
            } else {
                end = start;
                while (end < s.length() && whitespace.indexOf(s.charAt(end)) < 0 && delim.indexOf(s.charAt(end)) < 0
                        && quote.indexOf(s.charAt(end)) < 0) {
                    end++;
                }
            }
            pos = end < s.length() && whitespace.indexOf(s.charAt(end)) >= 0 ? end + 1 : end;
            return s.substring(start, end);
        }

        /** The rest of the line, as it is, or null when nothing is left. */
        String rest() {
            String r = s.substring(Math.min(pos, s.length()));
            pos = s.length();
            return r.isEmpty() ? null : r;
        }
    }
}
