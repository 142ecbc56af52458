package org.tusk.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text format of arrays, as PostgreSQL's array_out writes and array_in reads it: {@code {1,2,NULL,"a b"}},
 * nested braces for more dimensions ({@code {{1,2},{3,4}}}), with {@code [0:1][1:2]=} in front when a
 * lower bound is not 1. Elements are kept in their element type's own text form ({@code null} for SQL
 * NULL), flattened in row-major order as PostgreSQL stores them; converting them is the element
 * type's business. The binary form is in {@link BinaryFormats}.
 */
public final class ArrayFormats {

    /** PostgreSQL's MAXDIM. */
    public static final int MAX_DIMENSIONS = 6;

    /**
     * An array's elements in text form, {@code null} for NULL, in row-major order, with the size and
     * lower bound of each dimension. An empty array has no dimensions.
     */
    public record TextArray(List<Integer> dims, List<Integer> lowerBounds, List<String> elements) {
        public TextArray {
            dims = List.copyOf(dims);
            lowerBounds = List.copyOf(lowerBounds);
            elements = Collections.unmodifiableList(new ArrayList<>(elements));
            if (dims.size() != lowerBounds.size()) {
                throw new IllegalArgumentException("dimensions and lower bounds differ in number");
            }
            long n = dims.isEmpty() ? 0 : 1;
            for (int d : dims) {
                n *= d;
            }
            if (n != elements.size()) {
                throw new IllegalArgumentException("dimensions hold " + n + " elements, not " + elements.size());
            }
        }

        /** A one-dimensional array (no dimensions when empty). */
        public TextArray(int lowerBound, List<String> elements) {
            this(elements.isEmpty() ? List.of() : List.of(elements.size()),
                    elements.isEmpty() ? List.of() : List.of(lowerBound), elements);
        }

        public static TextArray of(List<String> elements) {
            return new TextArray(1, elements);
        }

        public int ndim() {
            return dims.size();
        }

        /** The first dimension's lower bound (1 for an empty array). */
        public int lowerBound() {
            return lowerBounds.isEmpty() ? 1 : lowerBounds.getFirst();
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

    /** An array refused for another reason than its syntax, with PostgreSQL's SQLSTATE and message. */
    public static final class InvalidArrayException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        public InvalidArrayException(String sqlState, String message) {
            super(message);
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }

    private static final String END = "Unexpected end of input.";
    private static final String ELEMENT = "Unexpected array element.";
    private static final String START = "Array value must start with \"{\" or dimension information.";

    private ArrayFormats() {
    }

    /** The error for more than {@link #MAX_DIMENSIONS} dimensions (54000), as PostgreSQL words it. */
    public static InvalidArrayException tooManyDimensions(int ndim) {
        return new InvalidArrayException("54000", "number of array dimensions (" + ndim
                + ") exceeds the maximum allowed (" + MAX_DIMENSIONS + ")");
    }

    /**
     * array_out: braces around each dimension, elements separated by commas; one is double-quoted
     * (with {@code "} and {@code \} escaped by a backslash) when it is empty, spells NULL in any case,
     * or holds a brace, quote, backslash, comma or white space. The dimensions are written in front
     * when a lower bound is not 1.
     */
    public static String format(TextArray array) {
        StringBuilder b = new StringBuilder();
        if (array.ndim() == 0) {
            return "{}";
        }
        if (array.lowerBounds().stream().anyMatch(l -> l != 1)) {
            for (int d = 0; d < array.ndim(); d++) {
                int lower = array.lowerBounds().get(d);
                b.append('[').append(lower).append(':').append(lower + array.dims().get(d) - 1).append(']');
            }
            b.append('=');
        }
        int[] next = {0};
        formatLevel(array, 0, next, b);
        return b.toString();
    }

    private static void formatLevel(TextArray array, int level, int[] next, StringBuilder b) {
        b.append('{');
        int n = array.dims().get(level);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (level + 1 < array.ndim()) {
                formatLevel(array, level + 1, next, b);
            } else {
                appendElement(array.elements().get(next[0]++), b);
            }
        }
        b.append('}');
    }

    private static void appendElement(String e, StringBuilder b) {
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
     * array_in: optional dimensions {@code [lower:upper]} or {@code [upper]} per dimension followed by
     * {@code =}, then nested braces around elements that are quoted (backslash escapes anything) or
     * unquoted (blanks around them dropped, backslash escapes anything, unquoted NULL is NULL). Every
     * sub-array of a level must have the same size.
     *
     * @throws MalformedArrayException with PostgreSQL's "malformed array literal" message and DETAIL
     * @throws InvalidArrayException for an upper bound below its lower bound (2202E) or more than six
     *         dimensions (54000)
     */
    public static TextArray parse(String text) {
        return new Reader(text).read();
    }

    /** One literal being read: position, the dimensions found so far, the elements. */
    private static final class Reader {
        private final String text;
        private int i;
        /** Each level's size, -1 until a brace pair of that level has been read. */
        private final int[] sizes = {-1, -1, -1, -1, -1, -1};
        /** How many levels the literal has, once the first element (or empty brace pair) shows it. */
        private int ndim = -1;
        private final List<String> elements = new ArrayList<>();

        Reader(String text) {
            this.text = text;
        }

        TextArray read() {
            i = skipSpace(text, 0);
            List<Integer> givenLower = new ArrayList<>();
            List<Integer> givenUpper = new ArrayList<>();
            while (i < text.length() && text.charAt(i) == '[') {
                readDimension(givenLower, givenUpper);
            }
            if (!givenLower.isEmpty()) {
                if (i >= text.length() || text.charAt(i) != '=') {
                    throw malformed(text, "Missing \"=\" after array dimensions.");
                }
                i = skipSpace(text, i + 1);
            }
            if (i >= text.length() || text.charAt(i) != '{') {
                throw malformed(text, START);
            }
            i = skipSpace(text, i + 1);
            if (i < text.length() && text.charAt(i) == '}') {
                i++;
                ndim = 0;
            } else {
                readLevel(0);
            }
            if (skipSpace(text, i) != text.length()) {
                throw malformed(text, "Junk after closing right brace.");
            }
            if (ndim == 0) {
                if (!givenLower.isEmpty()) {
                    throw malformed(text, "Specified array dimensions do not match array contents.");
                }
                return new TextArray(List.of(), List.of(), List.of());
            }
            List<Integer> dims = new ArrayList<>(ndim);
            for (int d = 0; d < ndim; d++) {
                dims.add(sizes[d]);
            }
            if (!givenLower.isEmpty()) {
                if (givenLower.size() != ndim) {
                    throw malformed(text, "Specified array dimensions do not match array contents.");
                }
                for (int d = 0; d < ndim; d++) {
                    if (givenUpper.get(d) - givenLower.get(d) + 1 != dims.get(d)) {
                        throw malformed(text, "Specified array dimensions do not match array contents.");
                    }
                }
                return new TextArray(dims, givenLower, elements);
            }
            return new TextArray(dims, java.util.Collections.nCopies(ndim, 1), elements);
        }

        /** {@code [lower:upper]} or {@code [upper]}, then blanks. */
        private void readDimension(List<Integer> lowers, List<Integer> uppers) {
            i++;
            int first = readBound();
            int lower = 1;
            int upper = first;
            if (i < text.length() && text.charAt(i) == ':') {
                i++;
                lower = first;
                upper = readBound();
            }
            if (i >= text.length() || text.charAt(i) != ']') {
                throw malformed(text, "Missing \"]\" after array dimensions.");
            }
            i = skipSpace(text, i + 1);
            if (upper < lower) {
                throw new InvalidArrayException("2202E", "upper bound cannot be less than lower bound");
            }
            lowers.add(lower);
            uppers.add(upper);
            if (lowers.size() > MAX_DIMENSIONS) {
                throw tooManyDimensions(lowers.size());
            }
        }

        private int readBound() {
            int start = i;
            if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            try {
                return Integer.parseInt(text.substring(start, i));
            } catch (NumberFormatException e) {
                throw malformed(text, "\"[\" must introduce explicitly-specified array dimensions.");
            }
        }

        /** The inside of a brace pair at {@code level} (the opening brace and blanks already read). */
        private void readLevel(int level) {
            if (level + 1 > MAX_DIMENSIONS) {
                throw tooManyDimensions(level + 1);
            }
            int count = 0;
            while (true) {
                if (i >= text.length()) {
                    throw malformed(text, END);
                }
                char c = text.charAt(i);
                if (c == '{') {
                    if (ndim >= 0 && level + 1 >= ndim) {
                        throw malformed(text, "Unexpected \"{\" character.");
                    }
                    i = skipSpace(text, i + 1);
                    if (i < text.length() && text.charAt(i) == '}') {
                        throw malformed(text, "Unexpected \"}\" character.");
                    }
                    readLevel(level + 1);
                } else {
                    if (ndim < 0) {
                        ndim = level + 1;
                    } else if (level + 1 != ndim) {
                        throw malformed(text, ELEMENT);
                    }
                    readElement();
                }
                count++;
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
                if (i < text.length() && text.charAt(i) != '{' && level + 1 < ndim) {
                    throw malformed(text, ELEMENT);
                }
            }
            i = skipSpace(text, i);
            if (sizes[level] < 0) {
                sizes[level] = count;
            } else if (sizes[level] != count) {
                throw malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
            }
        }

        /** One element, quoted or not; leaves {@code i} at the separator after it. */
        private void readElement() {
            StringBuilder e = new StringBuilder();
            boolean quoted = false;
            boolean escaped = false;
            if (text.charAt(i) == '"') {
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
                if (e.isEmpty() && !escaped) {
                    throw malformed(text, i >= text.length() ? END
                            : "Unexpected \"" + text.charAt(i) + "\" character.");
                }
            }
            String value = e.toString();
            // Only a bare NULL is NULL: "NULL" in quotes or N\ULL is the string.
            elements.add(!quoted && !escaped && value.equalsIgnoreCase("NULL") ? null : value);
        }
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
