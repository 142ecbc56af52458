package org.tusk.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Frames typed messages (type byte, int32 length including itself, body) from a blocking stream. The
 * length is checked against a limit that may depend on the message type (as PostgreSQL allows large
 * Query or Bind messages but not large Sync messages), and a large body is read in chunks as its bytes
 * arrive, so a hostile or corrupt length word costs nothing.
 */
public final class MessageReader {

    /** PostgreSQL's PQ_LARGE_MESSAGE_LIMIT: the most any single message may carry (1 GB - 1). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 0x3fffffff;

    /** PostgreSQL's PQ_SMALL_MESSAGE_LIMIT, for messages that never carry data. */
    public static final int SMALL_MESSAGE_LIMIT = 10000;

    /** Bodies up to this size are allocated at once; larger ones grow as their bytes arrive. */
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final IntUnaryOperator maxLengthByType;
    private final byte[] header = new byte[5];

    public MessageReader(InputStream in) {
        this(in, DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public MessageReader(InputStream in, int maxLength) {
        this(in, type -> maxLength);
    }

    /** A reader whose length limit depends on the message's type byte. */
    public MessageReader(InputStream in, IntUnaryOperator maxLengthByType) {
        this.in = in;
        this.maxLengthByType = maxLengthByType;
    }

    /**
     * PostgreSQL's limits for messages from a client after start-up: the data-carrying ones (Query,
     * Parse, Bind, FunctionCall, CopyData) may be large, every other one is small.
     */
    public static int frontendLimit(int type) {
        return switch (type) {
            case 'Q', 'P', 'B', 'F', 'd', 'p' -> DEFAULT_MAX_MESSAGE_LENGTH;
            default -> SMALL_MESSAGE_LIMIT;
        };
    }

    /**
     * Reads the next message.
     *
     * @throws EOFException at a clean end of stream (before a type byte)
     * @throws StartupPacketReader.IncompletePacketException if the stream ends inside a message
     * @throws ProtocolException if the length word is invalid
     */
    public Message read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("unexpected EOF on client connection");
        }
        header[0] = (byte) type;
        StartupPacketReader.readFully(in, header, 1, 4);
        int length = ((header[1] & 0xFF) << 24) | ((header[2] & 0xFF) << 16) | ((header[3] & 0xFF) << 8)
                | (header[4] & 0xFF);
        if (length < 4 || length - 4 > maxLengthByType.applyAsInt(type)) {
            throw new ProtocolException("invalid message length");
        }
        return new Message((byte) type, readBody(length - 4));
    }

    private byte[] readBody(int size) throws IOException {
        byte[] body = new byte[Math.min(size, CHUNK)];
        int done = 0;
        while (done < size) {
            if (done == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(size, (long) body.length * 2));
            }
            int n = in.read(body, done, body.length - done);
            if (n < 0) {
                throw new StartupPacketReader.IncompletePacketException();
            }
            done += n;
        }
        return body;
    }
}
