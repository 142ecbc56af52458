package org.tusk.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and decodes one startup packet. Limits follow PostgreSQL: a packet shorter than 8 bytes or
 * longer than 10000 is rejected before its body is read, so a hostile length cannot make the server
 * allocate.
 */
public final class StartupPacketReader {

    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10000;

    private StartupPacketReader() {
    }

    /**
     * Reads one packet from {@code in}.
     *
     * @throws EOFException if the stream ends before the first byte (the client left without a word)
     * @throws IncompletePacketException if it ends inside the packet
     * @throws ProtocolException if the length or layout is invalid
     */
    public static StartupPacket read(InputStream in) throws IOException {
        byte[] lengthWord = new byte[4];
        int first = in.read();
        if (first < 0) {
            throw new EOFException("no startup packet");
        }
        lengthWord[0] = (byte) first;
        readFully(in, lengthWord, 1, 3);
        int length = ByteBuffer.wrap(lengthWord).getInt();
        // As PostgreSQL: the limit applies to what follows the length word.
        if (length < 8 || length - 4 > MAX_STARTUP_PACKET_LENGTH) {
            throw new ProtocolException("invalid length of startup packet");
        }
        byte[] body = new byte[length - 4];
        readFully(in, body, 0, body.length);
        return decode(body);
    }

    /** Decodes a packet body (everything after the length word). */
    public static StartupPacket decode(byte[] body) throws ProtocolException {
        ByteBuffer buf = ByteBuffer.wrap(body);
        int code = buf.getInt();
        switch (code) {
            case StartupPacket.SSL_REQUEST_CODE:
                return new StartupPacket.SslRequest();
            case StartupPacket.GSSENC_REQUEST_CODE:
                return new StartupPacket.GssEncRequest();
            case StartupPacket.CANCEL_REQUEST_CODE:
                if (buf.remaining() < 8) {
                    throw new ProtocolException("invalid length of cancel request packet");
                }
                return new StartupPacket.CancelRequest(buf.getInt(), buf.getInt());
            default:
                return new StartupPacket.Startup(code, decodeParameters(code, body));
        }
    }

    private static Map<String, String> decodeParameters(int version, byte[] body) throws ProtocolException {
        Map<String, String> params = new LinkedHashMap<>();
        if ((version >>> 16) != 3) {
            // Only protocol 3 has this layout; the caller rejects any other version, and must be able
            // to say so even when the rest of the packet is garbage, as PostgreSQL checks the version first.
            return params;
        }
        int pos = 4;
        while (pos < body.length && body[pos] != 0) {
            int nameEnd = indexOfNul(body, pos);
            if (nameEnd < 0) {
                throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
            }
            int valueEnd = indexOfNul(body, nameEnd + 1);
            if (valueEnd < 0) {
                throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
            }
            String name = new String(body, pos, nameEnd - pos, StandardCharsets.UTF_8);
            String value = new String(body, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8);
            params.put(name, value);
            pos = valueEnd + 1;
        }
        if (pos != body.length - 1) {
            throw new ProtocolException("invalid startup packet layout: expected terminator as last byte");
        }
        return Collections.unmodifiableMap(params);
    }

    private static int indexOfNul(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new IncompletePacketException();
            }
            done += n;
        }
    }

    /** The peer closed the connection in the middle of a packet. */
    public static final class IncompletePacketException extends EOFException {
        private static final long serialVersionUID = 1L;

        public IncompletePacketException() {
            super("incomplete startup packet");
        }
    }
}
