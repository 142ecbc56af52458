package org.tusk.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text format of one-dimensional arrays, as PostgreSQL's array_out writes and array_in reads it:
 * {@code {1,2,NULL,"a b"}}, with {@code [0:1]=} in front when the lower bound is not 1. Elements are
 * kept in their element type's own text form ({@code null} for SQL NULL); converting them is the
 * element type's business. The binary form is in {@link BinaryFormats}.
 */
public final class ArrayFormats {

    /** A one-dimensional array's elements in text form, {@code null} for NULL, and its lower bound. */
    public record TextArray(int lowerBound, List<String> elements) {
        public TextArray {
            elements = Collections.unmodifiableList(new ArrayList<>(elements));
        }

        public static TextArray of(List<String> elements) {
            return new TextArray(1, elements);
        }
    }

    /** A literal array_in refuses, with PostgreSQL's message and the DETAIL saying why. */
    public static final class MalformedArrayException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String detail;

        MalformedArrayException(String text, String detail) {
            super("malformed array literal: \"" + text + "\"");
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private static final String END = "Unexpected end of input.";
    private static final String ELEMENT = "Unexpected array element.";

    private ArrayFormats() {
    }

    /**
     * array_out: elements separated by commas; one is double-quoted (with {@code "} and {@code \}
     * escaped by a backslash) when it is empty, spells NULL in any case, or holds a brace, quote,
     * backslash, comma or white space.
     */
    public static String format(TextArray array) {
        StringBuilder b = new StringBuilder();
        List<String> elements = array.elements();
        if (!elements.isEmpty() && array.lowerBound() != 1) {
            b.append('[').append(array.lowerBound()).append(':').append(array.lowerBound() + elements.size() - 1)
                    .append("]=");
        }
        b.append('{');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String e = elements.get(i);
            if (e == null) {
                b.append("NULL");
            } else if (needsQuotes(e)) {
                b.append('"');
                for (int k = 0; k < e.length(); k++) {
                    char c = e.charAt(k);
                    if (c == '"' || c == '\\') {
                        b.append('\\');
                    }
                    b.append(c);
                }
                b.append('"');
            } else {
                b.append(e);
            }
        }
        return b.append('}').toString();
    }

    private static boolean needsQuotes(String e) {
        if (e.isEmpty() || e.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '{' || c == '}' || c == '"' || c == '\\' || c == ',' || isSpace(c)) {
                return true;
            }
        }
        return false;
    }

    /** array_isspace: the C locale's white space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /**
     * array_in for one dimension: optional {@code [lower:upper]=}, then braces around elements that are
     * quoted (backslash escapes anything) or unquoted (blanks around them dropped, backslash escapes
     * anything, unquoted NULL is NULL).
     *
     * @throws IllegalArgumentException with PostgreSQL's "malformed array literal" message, or for a
     *         multidimensional array, which this form does not hold
     */
    public static TextArray parse(String text) {
        int i = skipSpace(text, 0);
        int lower = 1;
        Integer upper = null;
        if (i < text.length() && text.charAt(i) == '[') {
            int colon = text.indexOf(':', i);
            int close = text.indexOf(']', i);
            int eq = text.indexOf('=', i);
            if (colon < 0 || close < colon || eq < close) {
                throw malformed(text, "Array value must start with \"{\" or dimension information.");
            }
            try {
                lower = Integer.parseInt(text.substring(i + 1, colon).strip());
                upper = Integer.parseInt(text.substring(colon + 1, close).strip());
            } catch (NumberFormatException e) {
                throw malformed(text, "Array value must start with \"{\" or dimension information.");
            }
            if (!text.substring(close + 1, eq).isBlank()) {
                throw malformed(text, "Array value must start with \"{\" or dimension information.");
            }
            i = skipSpace(text, eq + 1);
        }
        if (i >= text.length() || text.charAt(i) != '{') {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        i = skipSpace(text, i + 1);
        List<String> elements = new ArrayList<>();
        if (i < text.length() && text.charAt(i) == '}') {
            i++;
        } else {
            while (true) {
                if (i >= text.length()) {
                    throw malformed(text, END);
                }
                char c = text.charAt(i);
                if (c == '{') {
                    throw new IllegalArgumentException("multidimensional arrays are not supported");
                }
                StringBuilder e = new StringBuilder();
                boolean quoted = false;
                boolean escaped = false;
                if (c == '"') {
                    quoted = true;
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw malformed(text, END);
                        }
                        char q = text.charAt(i++);
                        if (q == '"') {
                            break;
                        }
                        if (q == '\\') {
                            if (i >= text.length()) {
                                throw malformed(text, END);
                            }
                            q = text.charAt(i++);
                        }
                        e.append(q);
                    }
                    i = skipSpace(text, i);
                } else {
                    int lastKept = 0; // length of e up to its last escaped or non-blank character
                    while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '}') {
                        char u = text.charAt(i++);
                        if (u == '"' || u == '{') {
                            throw malformed(text, ELEMENT);
                        }
                        if (u == '\\') {
                            if (i >= text.length()) {
                                throw malformed(text, END);
                            }
                            e.append(text.charAt(i++));
                            lastKept = e.length();
                            escaped = true;
                        } else {
                            e.append(u);
                            if (!isSpace(u)) {
                                lastKept = e.length();
                            }
                        }
                    }
                    e.setLength(lastKept);
                    if (e.isEmpty()) {
                        throw malformed(text, i >= text.length() ? END
                                : "Unexpected \"" + text.charAt(i) + "\" character.");
                    }
                }
                String value = e.toString();
                // Only a bare NULL is NULL: "NULL" in quotes or N\ULL is the string.
                elements.add(!quoted && !escaped && value.equalsIgnoreCase("NULL") ? null : value);
                if (i >= text.length()) {
                    throw malformed(text, END);
                }
                char sep = text.charAt(i++);
                if (sep == '}') {
                    break;
                }
                if (sep != ',') {
                    throw malformed(text, ELEMENT);
                }
                i = skipSpace(text, i);
            }
        }
        if (skipSpace(text, i) != text.length()) {
            throw malformed(text, "Junk after closing right brace.");
        }
        if (upper != null && upper - lower + 1 != elements.size()) {
            throw malformed(text, "Specified array dimensions do not match array contents.");
        }
        return new TextArray(lower, elements);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static MalformedArrayException malformed(String text, String detail) {
        return new MalformedArrayException(text, detail);
    }
}
