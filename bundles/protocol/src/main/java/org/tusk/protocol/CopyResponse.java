package org.tusk.protocol;

/**
 * The start of a COPY as the backend announces it: CopyInResponse ('G', the frontend sends data),
 * CopyOutResponse ('H', the backend sends data) or CopyBothResponse ('W', both send CopyData until each
 * has sent CopyDone; replication's streaming mode). All three bodies are the same: the overall format
 * (0 text, 1 binary), a column count, and one format code per column. The server writes them with
 * {@link MessageWriter#copyInResponse}, {@link MessageWriter#copyOutResponse} and
 * {@link MessageWriter#copyBothResponse}; a client decodes them here.
 *
 * @param type          'G', 'H' or 'W'
 * @param binary        whether the overall format is binary
 * @param columnFormats each column's format code (0 text, 1 binary)
 */
public record CopyResponse(char type, boolean binary, short[] columnFormats) {

    public CopyResponse {
        if (type != 'G' && type != 'H' && type != 'W') {
            throw new IllegalArgumentException("not a copy response: " + type);
        }
        columnFormats = columnFormats.clone();
    }

    @Override
    public short[] columnFormats() {
        return columnFormats.clone();
    }

    /** Whether the frontend sends data in this copy (CopyIn and CopyBoth). */
    public boolean frontendSends() {
        return type != 'H';
    }

    /** Whether the backend sends data in this copy (CopyOut and CopyBoth). */
    public boolean backendSends() {
        return type != 'G';
    }

    /** Decodes a CopyInResponse, CopyOutResponse or CopyBothResponse, checking the body's length. */
    public static CopyResponse decode(Message m) throws ProtocolException {
        char type = m.typeChar();
        if (type != 'G' && type != 'H' && type != 'W') {
            throw new ProtocolException("unexpected message type \"" + type + "\" for a copy response");
        }
        MessageBody b = m.reader();
        int format = b.readByte();
        if (format != 0 && format != 1) {
            throw new ProtocolException("invalid copy format " + format);
        }
        int n = b.readInt16();
        if (n < 0) {
            throw new ProtocolException("invalid column count " + n + " in a copy response");
        }
        short[] formats = new short[n];
        for (int i = 0; i < n; i++) {
            formats[i] = b.readInt16();
        }
        b.expectEnd();
        return new CopyResponse(type, format == 1, formats);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyResponse r && r.type == type && r.binary == binary
                && java.util.Arrays.equals(r.columnFormats, columnFormats);
    }

    @Override
    public int hashCode() {
        return type * 31 + java.util.Arrays.hashCode(columnFormats) + (binary ? 1 : 0);
    }

    @Override
    public String toString() {
        return "CopyResponse[" + type + (binary ? ", binary, " : ", text, ") + java.util.Arrays.toString(columnFormats) + "]";
    }
}
