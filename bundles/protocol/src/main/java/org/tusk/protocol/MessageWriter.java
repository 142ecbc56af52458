package org.tusk.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds messages into one growable buffer and writes them to the stream only on {@link #flush()}, so
 * a whole response (RowDescription, DataRows, CommandComplete, ReadyForQuery) leaves in as few
 * packets as possible, the way PostgreSQL's pqcomm buffers output. Not thread-safe: one per
 * connection.
 *
 * <p>Server-side messages and the client's are both here; a message is a method, named as in the
 * protocol documentation.
 */
public final class MessageWriter {
    private final OutputStream out;
    /** Starts small: an idle session should cost little heap; a big result grows it (and flush shrinks it back). */
    private byte[] buf = new byte[1024];
    private int len;
    private int messageStart = -1;

    public MessageWriter(OutputStream out) {
        this.out = out;
    }

    // ---- framing -------------------------------------------------------------------------------

    /** Opens a typed message; its length word is filled in by {@link #end()}. */
    public MessageWriter begin(char type) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message already open");
        }
        ensure(5);
        buf[len++] = (byte) type;
        messageStart = len;
        len += 4;
        return this;
    }

    /** Opens an untyped message (a startup packet); the length word comes first. */
    public MessageWriter beginUntyped() {
        if (messageStart >= 0) {
            throw new IllegalStateException("message already open");
        }
        ensure(4);
        messageStart = len;
        len += 4;
        return this;
    }

    public MessageWriter end() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message open");
        }
        putIntAt(messageStart, len - messageStart);
        messageStart = -1;
        return this;
    }

    public MessageWriter int8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public MessageWriter int16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public MessageWriter int32(int v) {
        ensure(4);
        putIntAt(len, v);
        len += 4;
        return this;
    }

    public MessageWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public MessageWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** A NUL-terminated UTF-8 string. */
    public MessageWriter cstring(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Bytes buffered and not yet flushed. */
    public int pending() {
        return len;
    }

    public void flush() throws IOException {
        if (messageStart >= 0) {
            throw new IllegalStateException("message still open");
        }
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
        out.flush();
        if (buf.length > 1 << 20) {
            buf = new byte[1024]; // do not keep a huge buffer around after one big result
        }
    }

    // ---- backend messages ----------------------------------------------------------------------

    /** A single unframed byte: the answer 'S' or 'N' to an SSLRequest or GSSENCRequest. */
    public MessageWriter rawByte(char b) {
        return int8(b);
    }

    public MessageWriter authenticationOk() {
        return begin('R').int32(0).end();
    }

    public MessageWriter authenticationRequest(int code, byte[] data) {
        begin('R').int32(code);
        if (data != null) {
            bytes(data);
        }
        return end();
    }

    public MessageWriter parameterStatus(String name, String value) {
        return begin('S').cstring(name).cstring(value).end();
    }

    public MessageWriter backendKeyData(int processId, int secretKey) {
        return begin('K').int32(processId).int32(secretKey).end();
    }

    public MessageWriter readyForQuery(char transactionStatus) {
        return begin('Z').int8(transactionStatus).end();
    }

    public MessageWriter negotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) {
        begin('v').int32(newestMinor).int32(unrecognizedOptions.size());
        unrecognizedOptions.forEach(this::cstring);
        return end();
    }

    public MessageWriter rowDescription(List<ColumnDescription> columns) {
        begin('T').int16(columns.size());
        for (ColumnDescription c : columns) {
            cstring(c.name()).int32(c.tableOid()).int16(c.columnNumber()).int32(c.typeOid()).int16(c.typeSize())
                    .int32(c.typeModifier()).int16(c.format());
        }
        return end();
    }

    /** A DataRow; a {@code null} value is SQL NULL (length -1). */
    public MessageWriter dataRow(byte[][] values) {
        begin('D').int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                int32(-1);
            } else {
                int32(v.length).bytes(v);
            }
        }
        return end();
    }

    public MessageWriter commandComplete(String tag) {
        return begin('C').cstring(tag).end();
    }

    public MessageWriter emptyQueryResponse() {
        return begin('I').end();
    }

    public MessageWriter parseComplete() {
        return begin('1').end();
    }

    public MessageWriter bindComplete() {
        return begin('2').end();
    }

    public MessageWriter closeComplete() {
        return begin('3').end();
    }

    public MessageWriter noData() {
        return begin('n').end();
    }

    public MessageWriter portalSuspended() {
        return begin('s').end();
    }

    public MessageWriter parameterDescription(int[] typeOids) {
        begin('t').int16(typeOids.length);
        for (int oid : typeOids) {
            int32(oid);
        }
        return end();
    }

    /** CopyOutResponse: overall format (0 text/CSV, 1 binary) and every column's format, the same. */
    public MessageWriter copyOutResponse(boolean binary, int columns) {
        begin('H').int8(binary ? 1 : 0).int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(binary ? 1 : 0);
        }
        return end();
    }

    /** CopyInResponse: overall format (0 text/CSV, 1 binary) and every column's format, the same. */
    public MessageWriter copyInResponse(boolean binary, int columns) {
        begin('G').int8(binary ? 1 : 0).int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(binary ? 1 : 0);
        }
        return end();
    }

    /**
     * CopyBothResponse: overall format and every column's format, as the other two; a walsender sends it
     * (text, no columns) when START_REPLICATION begins streaming in both directions.
     */
    public MessageWriter copyBothResponse(boolean binary, int columns) {
        begin('W').int8(binary ? 1 : 0).int16(columns);
        for (int i = 0; i < columns; i++) {
            int16(binary ? 1 : 0);
        }
        return end();
    }

    /** CopyData, sent by either side during a copy. */
    public MessageWriter copyData(byte[] data) {
        return begin('d').bytes(data).end();
    }

    /** CopyDone, sent by either side at the end of a copy. */
    public MessageWriter copyDone() {
        return begin('c').end();
    }

    /** FunctionCallResponse: the result, {@code null} for NULL. */
    public MessageWriter functionCallResponse(byte[] result) {
        begin('V');
        if (result == null) {
            int32(-1);
        } else {
            int32(result.length).bytes(result);
        }
        return end();
    }

    public MessageWriter errorResponse(ErrorFields fields) {
        return fields('E', fields);
    }

    public MessageWriter noticeResponse(ErrorFields fields) {
        return fields('N', fields);
    }

    private MessageWriter fields(char type, ErrorFields fields) {
        begin(type);
        for (Map.Entry<Byte, String> e : fields.asMap().entrySet()) {
            int8(e.getKey()).cstring(e.getValue());
        }
        return int8(0).end();
    }

    /**
     * An error in the pre-3.0 layout ('E' and one string, no length word). PostgreSQL still answers a
     * client that asked for protocol 2 this way, so that old clients can show the reason.
     */
    public MessageWriter legacyErrorResponse(String severity, String message) {
        int8('E');
        return cstring(severity + ":  " + message + "\n");
    }

    // ---- frontend messages ---------------------------------------------------------------------

    public MessageWriter startupMessage(Map<String, String> parameters) {
        beginUntyped().int32(StartupPacket.PROTOCOL_3_0);
        parameters.forEach((k, v) -> cstring(k).cstring(v));
        return int8(0).end();
    }

    public MessageWriter sslRequest() {
        return beginUntyped().int32(StartupPacket.SSL_REQUEST_CODE).end();
    }

    public MessageWriter cancelRequest(int processId, int secretKey) {
        return beginUntyped().int32(StartupPacket.CANCEL_REQUEST_CODE).int32(processId).int32(secretKey).end();
    }

    public MessageWriter query(String sql) {
        return begin('Q').cstring(sql).end();
    }

    public MessageWriter terminate() {
        return begin('X').end();
    }

    /** Parse: statement name ("" unnamed), query, parameter type OIDs (0 unspecified). */
    public MessageWriter parse(String statement, String sql, int[] parameterTypes) {
        begin('P').cstring(statement).cstring(sql).int16(parameterTypes.length);
        for (int oid : parameterTypes) {
            int32(oid);
        }
        return end();
    }

    /**
     * Bind: portal, statement, parameter format codes, parameter values ({@code null} for NULL) and
     * result format codes; format code arrays may hold zero entries (all text), one (for all) or one
     * per value.
     */
    public MessageWriter bind(String portal, String statement, short[] parameterFormats, byte[][] values,
            short[] resultFormats) {
        begin('B').cstring(portal).cstring(statement).int16(parameterFormats.length);
        for (short f : parameterFormats) {
            int16(f);
        }
        int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                int32(-1);
            } else {
                int32(v.length).bytes(v);
            }
        }
        int16(resultFormats.length);
        for (short f : resultFormats) {
            int16(f);
        }
        return end();
    }

    /** Describe: {@code kind} 'S' (prepared statement) or 'P' (portal). */
    public MessageWriter describe(char kind, String name) {
        return begin('D').int8(kind).cstring(name).end();
    }

    /** Execute: portal and the maximum number of rows to return (0 for no limit). */
    public MessageWriter execute(String portal, int maxRows) {
        return begin('E').cstring(portal).int32(maxRows).end();
    }

    /** Close: {@code kind} 'S' (prepared statement) or 'P' (portal). */
    public MessageWriter close(char kind, String name) {
        return begin('C').int8(kind).cstring(name).end();
    }

    public MessageWriter sync() {
        return begin('S').end();
    }

    public MessageWriter flushMessage() {
        return begin('H').end();
    }

    /** CopyFail: the frontend aborts a COPY FROM STDIN with this message. */
    public MessageWriter copyFail(String message) {
        return begin('f').cstring(message).end();
    }

    /**
     * FunctionCall: the function's OID, argument format codes (none, one for all, or one each), the
     * arguments ({@code null} for NULL) and the result's format code.
     */
    public MessageWriter functionCall(int functionOid, short[] argumentFormats, byte[][] arguments,
            short resultFormat) {
        begin('F').int32(functionOid).int16(argumentFormats.length);
        for (short f : argumentFormats) {
            int16(f);
        }
        int16(arguments.length);
        for (byte[] v : arguments) {
            if (v == null) {
                int32(-1);
            } else {
                int32(v.length).bytes(v);
            }
        }
        return int16(resultFormat).end();
    }

    // ---- internals -----------------------------------------------------------------------------

    private void putIntAt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) len + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("message too large");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
