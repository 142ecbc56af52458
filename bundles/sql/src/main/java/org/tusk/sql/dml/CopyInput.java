package org.tusk.sql.dml;

import java.util.Arrays;

import org.tusk.spi.CopyInStream;

/**
 * The bytes of a COPY FROM STDIN, read across CopyData messages (which need not align with rows): lines
 * for the text and CSV formats, fixed-size reads for the binary format.
 */
final class CopyInput {
    private final CopyInStream source;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean ended;
    /** The current line's bytes (reused). */
    private byte[] line = new byte[256];

    CopyInput(CopyInStream source) {
        this.source = source;
    }

    private boolean fill() {
        while (!ended && pos >= chunk.length) {
            byte[] next = source.next();
            if (next == null) {
                ended = true;
                return false;
            }
            chunk = next;
            pos = 0;
        }
        return pos < chunk.length;
    }

    /**
     * The next line without its terminator (LF, or CR LF), as UTF-8 text, or null at the end of the data.
     * A last line without a newline counts as a line.
     */
    String readLine() {
        if (!fill()) {
            return null;
        }
        // Most lines lie within one CopyData message (pgbench sends a message per row): then the String
        // is made from the message's bytes directly, without copying them into the line buffer first.
        int end = indexOfNewline(chunk, pos, chunk.length);
        if (end >= 0) {
            String text = lineText(chunk, pos, end);
            pos = end + 1;
            return text;
        }
        int n = 0;
        while (fill()) {
            int stop = indexOfNewline(chunk, pos, chunk.length);
            int take = (stop < 0 ? chunk.length : stop) - pos;
            if (n + take > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, n + take));
            }
            System.arraycopy(chunk, pos, line, n, take);
            n += take;
            pos += take;
            if (stop >= 0) {
                pos++; // the newline
                return lineText(line, 0, n);
            }
        }
        return new String(line, 0, n, java.nio.charset.StandardCharsets.UTF_8); // a last line without newline
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The UTF-8 text of {@code bytes[from, to)}, a CR before the line's end left out. */
    private static String lineText(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Exactly {@code n} bytes, or null if the data ends first (after {@code 0} bytes, or in the middle: then partial). */
    byte[] read(int n) {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n && fill()) {
            int take = Math.min(n - got, chunk.length - pos);
            System.arraycopy(chunk, pos, out, got, take);
            pos += take;
            got += take;
        }
        return got == n ? out : (got == 0 ? null : Arrays.copyOf(out, got));
    }

    /** Reads and drops everything up to CopyDone (after the end-of-data marker, as PostgreSQL does). */
    void drain() {
        while (fill()) {
            pos = chunk.length;
        }
    }
}
