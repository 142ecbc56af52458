package org.tusk.sql.eval;

import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Keywords;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeOutput;

/**
 * format(formatstr, VARIADIC "any"), PostgreSQL's sprintf-like function: {@code %[n$][-][width]type}
 * with the types {@code s} (the value's text, NULL as nothing), {@code I} (an identifier, quoted when
 * it must be), {@code L} (a literal, NULL unquoted) and {@code %%}; the width may come from an argument
 * ({@code *} or {@code *n$}), a negative one left-justifies like the {@code -} flag. %I and %L quote as
 * quote_ident and quote_literal do.
 */
final class TextFormat {
    private static final String HINT = "For a single \"%\" use \"%%\".";

    private TextFormat() {
    }

    /**
     * Formats {@code values} (the arguments after the format string, of {@code types}) by
     * {@code format}; {@code context} prints them with their types' output functions.
     */
    static String format(String format, List<SqlType> types, Object[] values, int first, EvalContext context) {
        StringBuilder out = new StringBuilder(format.length() + 16);
        int nextArg = first;
        int argCount = values.length - first;
        int i = 0;
        while (i < format.length()) {
            char ch = format.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            if (i >= format.length()) {
                throw unterminated();
            }
            if (format.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            // [n$]
            int[] pos = number(format, i);
            int argIndex = -1;
            if (pos != null && pos[1] < format.length() && format.charAt(pos[1]) == '$') {
                if (pos[0] == 0) {
                    throw new SqlException("22023", "format specifies argument 0, but arguments are numbered from 1");
                }
                argIndex = first + pos[0] - 1;
                i = pos[1] + 1;
            }
            // [-]
            boolean leftAlign = false;
            if (i < format.length() && format.charAt(i) == '-') {
                leftAlign = true;
                i++;
            }
            // [width | * | *n$]
            int width = 0;
            if (i < format.length() && format.charAt(i) == '*') {
                i++;
                int widthArg;
                int[] wpos = number(format, i);
                if (wpos != null && wpos[1] < format.length() && format.charAt(wpos[1]) == '$') {
                    if (wpos[0] == 0) {
                        throw new SqlException("22023",
                                "format specifies argument 0, but arguments are numbered from 1");
                    }
                    widthArg = first + wpos[0] - 1;
                    i = wpos[1] + 1;
                } else {
                    widthArg = nextArg++;
                }
                if (widthArg >= values.length) {
                    throw new SqlException("22023", "too few arguments for format()");
                }
                Object w = values[widthArg];
                if (w != null) {
                    long wl = w instanceof Number n ? n.longValue() : Long.parseLong(w.toString().strip());
                    if (wl < 0) {
                        leftAlign = true;
                        wl = -wl;
                    }
                    if (wl > 10_000_000) {
                        throw new SqlException("22003", "number is out of range");
                    }
                    width = (int) wl;
                }
            } else {
                int[] wnum = number(format, i);
                if (wnum != null) {
                    width = wnum[0];
                    i = wnum[1];
                }
            }
            if (i >= format.length()) {
                throw unterminated();
            }
            char type = format.charAt(i++);
            if (type != 's' && type != 'I' && type != 'L') {
                throw new SqlException(ErrorFields.of("ERROR", "22023",
                        "unrecognized format() type specifier \"" + type + "\"").hint(HINT).build());
            }
            if (argIndex < 0) {
                argIndex = nextArg++;
            } else {
                nextArg = argIndex + 1;
            }
            if (argIndex - first >= argCount) {
                throw new SqlException("22023", "too few arguments for format()");
            }
            Object v = values[argIndex];
            String text = v == null ? null : TypeOutput.format(types.get(argIndex), v, context);
            String piece = switch (type) {
                case 's' -> text == null ? "" : text;
                case 'I' -> {
                    if (text == null) {
                        throw new SqlException("22004", "null values cannot be formatted as an SQL identifier");
                    }
                    yield Keywords.quoteIdentifier(text);
                }
                default -> text == null ? "NULL" : Functions.quoteLiteral(text);
            };
            int pad = width - piece.codePointCount(0, piece.length());
            if (pad > 0 && !leftAlign) {
                out.repeat(' ', pad);
            }
            out.append(piece);
            if (pad > 0 && leftAlign) {
                out.repeat(' ', pad);
            }
        }
        return out.toString();
    }

    private static SqlException unterminated() {
        return new SqlException(ErrorFields.of("ERROR", "22023", "unterminated format() type specifier")
                .hint(HINT).build());
    }

    /** A decimal number at {@code from}: {value, index after it}, or null if there is no digit there. */
    private static int[] number(String s, int from) {
        int i = from;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > Integer.MAX_VALUE) {
                throw new SqlException("22003", "number is out of range");
            }
            i++;
        }
        return i == from ? null : new int[] {(int) v, i};
    }
}
