package org.tusk.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The three data formats of COPY, as PostgreSQL's copyto.c writes them: one line per row in text
 * (tab-separated, {@code \N} for NULL, backslash escapes) and CSV (comma-separated, quoted when
 * needed, NULL as nothing), and the binary format (a signature header, per row a field count and
 * length-prefixed values in each type's binary form, a -1 trailer). Values come in their types' text
 * output form, as {@link BinaryFormats} expects them.
 */
public final class CopyFormats {

    /** The 11-byte signature, flags word and header extension length of the binary format. */
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};

    private CopyFormats() {
    }

    /** The text format's options: column delimiter and the string that stands for NULL. */
    public static byte[] textRow(List<String> values, char delimiter, String nullString) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(delimiter);
            }
            String v = values.get(i);
            if (v == null) {
                b.append(nullString);
            } else {
                appendText(b, v, delimiter);
            }
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** CopyAttributeOutText: backslash, the delimiter and the C control characters escaped. */
    private static void appendText(StringBuilder b, String v, char delimiter) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20) {
                switch (c) {
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case 0x0B -> b.append("\\v");
                    default -> {
                        if (c == delimiter) {
                            b.append('\\');
                        }
                        b.append(c);
                    }
                }
            } else if (c == '\\' || c == delimiter) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
    }

    /**
     * CopyAttributeOutCSV: a value is quoted when it is empty, holds the delimiter, the quote character,
     * CR or LF, equals the NULL string, or is the end-of-data marker {@code \.} as the only column of
     * the row; inside quotes, quote and
     * escape characters are preceded by the escape character. NULL is {@code nullString}, unquoted.
     */
    public static byte[] csvRow(List<String> values, char delimiter, char quote, char escape, String nullString) {
        return csvRow(values, delimiter, quote, escape, nullString, null);
    }

    /**
     * The same, with FORCE_QUOTE: a non-null value of a column whose {@code forceQuote} entry is true is
     * always quoted ({@code forceQuote} null: none is).
     */
    public static byte[] csvRow(List<String> values, char delimiter, char quote, char escape, String nullString,
            boolean[] forceQuote) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(delimiter);
            }
            String v = values.get(i);
            if (v == null) {
                b.append(nullString);
                continue;
            }
            boolean quoted = (forceQuote != null && forceQuote[i]) || v.equals(nullString)
                    || (values.size() == 1 && v.equals("\\."));
            for (int k = 0; k < v.length() && !quoted; k++) {
                char c = v.charAt(k);
                quoted = c == delimiter || c == quote || c == '\n' || c == '\r';
            }
            if (!quoted) {
                b.append(v);
                continue;
            }
            b.append(quote);
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c == quote || c == escape) {
                    b.append(escape);
                }
                b.append(c);
            }
            b.append(quote);
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The binary format's header: signature, flags 0, no header extension. */
    public static byte[] binaryHeader() {
        return BINARY_HEADER.clone();
    }

    /** The binary format's trailer: a field count of -1. */
    public static byte[] binaryTrailer() {
        return new byte[] {(byte) 0xFF, (byte) 0xFF};
    }

    /**
     * One row in the binary format: the field count, then each value's length and binary form (-1 for
     * NULL).
     *
     * @throws IllegalArgumentException if a column's type has no binary form here
     */
    public static byte[] binaryRow(int[] typeOids, List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) values.size()).array());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = BinaryFormats.fromText(typeOids[i], v);
                out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                out.writeBytes(bytes);
            }
        }
        return out.toByteArray();
    }
}
