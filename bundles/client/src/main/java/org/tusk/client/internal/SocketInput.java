package org.tusk.client.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffer in front of the socket's input stream, read by one thread at a time (the connection's read
 * lock sees to that). {@link java.io.BufferedInputStream} would do the same but takes its own lock on
 * every call, and the reader calls it three times per message (type byte, length, body): for a large
 * result that is three lock round trips per row.
 */
final class SocketInput extends InputStream {

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    SocketInput(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** Refills the empty buffer with what one read of the socket gives; false at end of stream. */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int buffered = limit - pos;
        if (buffered == 0) {
            if (len >= buf.length) {
                return in.read(b, off, len); // a large body: straight from the socket, no copy
            }
            if (!fill()) {
                return -1;
            }
            buffered = limit;
        }
        int n = Math.min(len, buffered);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (limit - pos) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
