package org.tusk.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Frames typed messages (type byte, int32 length including itself, body) from a blocking stream. The
 * length is checked against a limit before the body is allocated, so a hostile or corrupt length word
 * costs nothing.
 */
public final class MessageReader {

    /** PostgreSQL's PQ_LARGE_MESSAGE_LIMIT: the most any single message may carry (1 GB - 1). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 0x3fffffff;

    private final InputStream in;
    private final int maxLength;
    private final byte[] header = new byte[5];

    public MessageReader(InputStream in) {
        this(in, DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public MessageReader(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
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
        if (length < 4 || length - 4 > maxLength) {
            throw new ProtocolException("invalid message length");
        }
        byte[] body = new byte[length - 4];
        StartupPacketReader.readFully(in, body, 0, body.length);
        return new Message((byte) type, body);
    }
}
