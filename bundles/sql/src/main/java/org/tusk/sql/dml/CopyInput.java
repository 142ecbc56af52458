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

    /** After {@link #nextLine}: the line's bytes are {@code lineBytes[lineStart, lineEnd)} (valid until the next read). */
    byte[] lineBytes;
    int lineStart;
    int lineEnd;

    /**
     * The next line without its terminator (LF, or CR LF), as UTF-8 text, or null at the end of the data.
     * A last line without a newline counts as a line.
     */
    String readLine() {
        if (!nextLine()) {
            return null;
        }
        return new String(lineBytes, lineStart, lineEnd - lineStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads the next line (as {@link #readLine} does) without making a String of it: its bytes are left
     * in {@link #lineBytes} from {@link #lineStart} to {@link #lineEnd}, so that the text format can cut
     * the fields out of the bytes directly. False at the end of the data.
     */
    boolean nextLine() {
        if (!fill()) {
            return false;
        }
        // Most lines lie within one CopyData message (pgbench sends a message per row): then the line
        // is left in the message's bytes, without copying them into the line buffer first.
        int end = indexOfNewline(chunk, pos, chunk.length);
        if (end >= 0) {
            setLine(chunk, pos, end);
            pos = end + 1;
            return true;
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
                setLine(line, 0, n);
                return true;
            }
        }
        lineBytes = line; // a last line without newline: kept whole, a CR included
        lineStart = 0;
        lineEnd = n;
        return true;
    }

    /** The line {@code bytes[from, to)}, a CR before the line's end left out. */
    private void setLine(byte[] bytes, int from, int to) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        lineBytes = bytes;
        lineStart = from;
        lineEnd = to;
    }

    private static int indexOfNewline(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
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
