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
        int n = 0;
        boolean any = false;
        while (fill()) {
            any = true;
            byte b = chunk[pos++];
            if (b == '\n') {
                if (n > 0 && line[n - 1] == '\r') {
                    n--;
                }
                return new String(line, 0, n, java.nio.charset.StandardCharsets.UTF_8);
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, n * 2);
            }
            line[n++] = b;
        }
        return any ? new String(line, 0, n, java.nio.charset.StandardCharsets.UTF_8) : null;
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
