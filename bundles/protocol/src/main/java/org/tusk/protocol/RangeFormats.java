package org.tusk.protocol;

import java.nio.ByteBuffer;

/**
 * The text and binary forms of range values (PostgreSQL's range_in/range_out and range_recv/range_send),
 * with the bounds kept as their subtype's text. Shared by the server, which gives the bounds to the
 * subtype's input function, and the binary protocol, which converts between the two forms.
 */
public final class RangeFormats {
    /** range_send's flags byte (rangetypes.h). */
    public static final int EMPTY = 0x01;
    public static final int LB_INC = 0x02;
    public static final int UB_INC = 0x04;
    public static final int LB_INF = 0x08;
    public static final int UB_INF = 0x10;

    private RangeFormats() {
    }

    /**
     * A range as text: empty, or two bounds each either infinite (null) or its subtype's text, with their
     * inclusivity as written (an infinite bound's flag is dropped later, by the range constructor).
     */
    public record TextRange(boolean empty, String lower, boolean lowerInc, String upper, boolean upperInc) {
        public static final TextRange EMPTY_RANGE = new TextRange(true, null, false, null, false);
    }

    /** A range literal refused by range_in's parser, with its DETAIL. */
    public static final class MalformedRangeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String detail;

        MalformedRangeException(String text, String detail) {
            super("malformed range literal: \"" + text + "\"");
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * range_parse: optional white space, "empty" (any case), or a bracket or parenthesis, two bounds
     * separated by a comma and a closing bracket or parenthesis. Within a bound, double quotes group
     * (a doubled quote inside them is one quote) and a backslash takes the next character literally;
     * a bound with nothing in it is infinite.
     *
     * @throws MalformedRangeException with range_parse's DETAIL
     */
    public static TextRange parse(String text) {
        int i = skipSpace(text, 0);
        if (text.regionMatches(true, i, "empty", 0, 5)) {
            i = skipSpace(text, i + 5);
            if (i < text.length()) {
                throw new MalformedRangeException(text, "Junk after \"empty\" key word.");
            }
            return TextRange.EMPTY_RANGE;
        }
        boolean lowerInc;
        if (i < text.length() && text.charAt(i) == '[') {
            lowerInc = true;
        } else if (i < text.length() && text.charAt(i) == '(') {
            lowerInc = false;
        } else {
            throw new MalformedRangeException(text, "Missing left parenthesis or bracket.");
        }
        StringBuilder lower = new StringBuilder();
        int lowerStart = i + 1;
        i = bound(text, lowerStart, lower);
        if (i < text.length() && text.charAt(i) == ',') {
            i++;
        } else {
            throw new MalformedRangeException(text, "Missing comma after lower bound.");
        }
        StringBuilder upper = new StringBuilder();
        int upperStart = i;
        i = bound(text, i, upper);
        boolean upperInc;
        if (text.charAt(i) == ']') {
            upperInc = true;
        } else if (text.charAt(i) == ')') {
            upperInc = false;
        } else {
            throw new MalformedRangeException(text, "Too many commas.");
        }
        boolean lowerInfinite = isInfinite(text, lowerStart);
        boolean upperInfinite = isInfinite(text, upperStart);
        i = skipSpace(text, i + 1);
        if (i < text.length()) {
            throw new MalformedRangeException(text, "Junk after right parenthesis or bracket.");
        }
        return new TextRange(false, lowerInfinite ? null : lower.toString(), lowerInc,
                upperInfinite ? null : upper.toString(), upperInc);
    }

    /** range_parse_bound's test for a missing bound: the bound ends where it starts. */
    private static boolean isInfinite(String text, int start) {
        char c = text.charAt(start);
        return c == ',' || c == ')' || c == ']';
    }

    /** range_parse_bound: reads one bound's characters into {@code out}; returns the index of its delimiter. */
    private static int bound(String text, int start, StringBuilder out) {
        int i = start;
        boolean quoted = false;
        while (true) {
            if (i >= text.length()) {
                throw new MalformedRangeException(text, "Unexpected end of input.");
            }
            char c = text.charAt(i);
            if (!quoted && (c == ',' || c == ')' || c == ']')) {
                return i;
            }
            i++;
            if (c == '\\') {
                if (i >= text.length()) {
                    throw new MalformedRangeException(text, "Unexpected end of input.");
                }
                out.append(text.charAt(i++));
            } else if (c == '"') {
                if (!quoted) {
                    quoted = true;
                } else if (i < text.length() && text.charAt(i) == '"') {
                    out.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else {
                out.append(c);
            }
        }
    }

    /** isspace in the C locale. */
    private static int skipSpace(String text, int i) {
        while (i < text.length() && " \t\n\r\f\u000b".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** range_out: "empty", or the bounds quoted where range_bound_escape quotes them. */
    public static String format(TextRange r) {
        if (r.empty()) {
            return "empty";
        }
        StringBuilder b = new StringBuilder();
        b.append(r.lowerInc() ? '[' : '(');
        if (r.lower() != null) {
            escape(r.lower(), b);
        }
        b.append(',');
        if (r.upper() != null) {
            escape(r.upper(), b);
        }
        return b.append(r.upperInc() ? ']' : ')').toString();
    }

    /**
     * range_bound_escape: an empty bound, or one with a quote, backslash, bracket, parenthesis, comma or
     * white space, is written in double quotes; quotes and backslashes are doubled.
     */
    private static void escape(String value, StringBuilder b) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            quote = "\"\\()[],".indexOf(value.charAt(i)) >= 0 || " \t\n\r\f\u000b".indexOf(value.charAt(i)) >= 0;
        }
        if (quote) {
            b.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append(c);
            }
            b.append(c);
        }
        if (quote) {
            b.append('"');
        }
    }

    /**
     * range_recv followed by range_out: the flags byte, then each bound that is neither infinite nor absent
     * as a 32-bit length and its subtype's binary form.
     */
    static String binaryToText(ByteBuffer b, int subtype) {
        if (b.remaining() < 1) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int flags = b.get() & 0xff;
        if ((flags & EMPTY) != 0) {
            return "empty";
        }
        String lower = (flags & LB_INF) != 0 ? null : boundToText(b, subtype);
        String upper = (flags & UB_INF) != 0 ? null : boundToText(b, subtype);
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("incorrect binary data format");
        }
        return format(new TextRange(false, lower, (flags & LB_INC) != 0, upper, (flags & UB_INC) != 0));
    }

    private static String boundToText(ByteBuffer b, int subtype) {
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("insufficient data left in message");
        }
        byte[] value = new byte[length];
        b.get(value);
        return BinaryFormats.toText(subtype, value);
    }

    /** range_in followed by range_send, for a range in range_out's canonical text. */
    static byte[] textToBinary(String text, int subtype) {
        TextRange r = parse(text);
        int flags = r.empty() ? EMPTY : (r.lowerInc() ? LB_INC : 0) | (r.upperInc() ? UB_INC : 0)
                | (r.lower() == null ? LB_INF : 0) | (r.upper() == null ? UB_INF : 0);
        byte[] lower = r.lower() == null ? null : BinaryFormats.fromText(subtype, r.lower());
        byte[] upper = r.upper() == null ? null : BinaryFormats.fromText(subtype, r.upper());
        ByteBuffer out = ByteBuffer.allocate(1 + (lower == null ? 0 : 4 + lower.length)
                + (upper == null ? 0 : 4 + upper.length));
        out.put((byte) flags);
        if (lower != null) {
            out.putInt(lower.length).put(lower);
        }
        if (upper != null) {
            out.putInt(upper.length).put(upper);
        }
        return out.array();
    }
}
