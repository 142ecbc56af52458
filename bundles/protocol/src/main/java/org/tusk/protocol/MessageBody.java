package org.tusk.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over a message body with the protocol's primitive types: Int8/16/32 big-endian, String
 * (NUL-terminated UTF-8) and Byte<i>n</i>. Every read is bounds-checked and a short or malformed body
 * raises {@link ProtocolException}, never an unchecked exception, because message bodies come from
 * untrusted peers.
 */
public final class MessageBody {
    private final byte[] data;
    private int pos;

    public MessageBody(byte[] data) {
        this.data = data;
    }

    public int remaining() {
        return data.length - pos;
    }

    public byte readByte() throws ProtocolException {
        need(1);
        return data[pos++];
    }

    public short readInt16() throws ProtocolException {
        need(2);
        short v = (short) (((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    public int readInt32() throws ProtocolException {
        need(4);
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public byte[] readBytes(int n) throws ProtocolException {
        if (n < 0) {
            throw new ProtocolException("invalid message format");
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Reads a NUL-terminated string. */
    public String readCString() throws ProtocolException {
        for (int i = pos; i < data.length; i++) {
            if (data[i] == 0) {
                String s = new String(data, pos, i - pos, StandardCharsets.UTF_8);
                pos = i + 1;
                return s;
            }
        }
        throw new ProtocolException("invalid string in message");
    }

    /** Fails unless every byte has been consumed, as PostgreSQL's pq_getmsgend does. */
    public void expectEnd() throws ProtocolException {
        if (pos != data.length) {
            throw new ProtocolException("invalid message format");
        }
    }

    private void need(int n) throws ProtocolException {
        if (data.length - pos < n) {
            throw new ProtocolException("insufficient data left in message");
        }
    }
}
