package org.tusk.backend.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ProtocolException;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;

/**
 * The FunctionCall message (PostgreSQL's fastpath.c, HandleFunctionRequest): calls one function by
 * its OID with arguments in text or binary format and answers FunctionCallResponse. The engine says
 * which functions exist and runs them; the wire formats are converted here, as for Bind.
 */
final class FastPath {
    private final MessageWriter out;
    private final SqlSession session;

    FastPath(MessageWriter out, SqlSession session) {
        this.out = out;
        this.session = session;
    }

    /** Decodes, checks and runs a FunctionCall; errors are thrown for the query loop to report. */
    void call(MessageBody body) throws ProtocolException {
        int oid = body.readInt32();
        SqlSession.FunctionDescription f = session.describeFunction(oid);
        int nFormats = body.readInt16();
        if (nFormats < 0) {
            throw new ProtocolException("invalid message format");
        }
        short[] formats = new short[nFormats];
        for (int i = 0; i < nFormats; i++) {
            formats[i] = body.readInt16();
        }
        int nArgs = body.readInt16();
        int required = f.argumentTypes().length;
        if (nArgs != required) {
            throw new SqlException(ProtocolException.PROTOCOL_VIOLATION, "function call message contains " + nArgs
                    + " arguments but function requires " + required);
        }
        if (nFormats > 1 && nFormats != nArgs) {
            throw new SqlException(ProtocolException.PROTOCOL_VIOLATION, "function call message contains "
                    + nFormats + " argument formats but " + nArgs + " arguments");
        }
        List<String> args = new ArrayList<>(nArgs);
        for (int i = 0; i < nArgs; i++) {
            int len = body.readInt32();
            byte[] v = len == -1 ? null : body.readBytes(len);
            short format = nFormats == 0 ? 0 : nFormats == 1 ? formats[0] : formats[i];
            args.add(argument(f.argumentTypes()[i], v, format, i + 1));
        }
        short resultFormat = body.readInt16();
        body.expectEnd();
        if (resultFormat != 0 && resultFormat != 1) {
            throw new SqlException("22023", "unsupported format code: " + resultFormat);
        }
        String result = session.callFunction(oid, args);
        byte[] encoded = null;
        if (result != null) {
            encoded = resultFormat == 1 ? BinaryFormats.fromText(f.resultType(), result)
                    : result.getBytes(StandardCharsets.UTF_8);
        }
        out.functionCallResponse(encoded);
    }

    private static String argument(int type, byte[] value, short format, int number) {
        if (value == null) {
            return null;
        }
        return switch (format) {
            case 0 -> new String(value, StandardCharsets.UTF_8);
            case 1 -> {
                if (!BinaryFormats.supports(type)) {
                    throw new SqlException("42883", "no binary input function available for type with OID " + type);
                }
                try {
                    yield BinaryFormats.toText(type, value);
                } catch (IllegalArgumentException e) {
                    throw new SqlException("22P03", "incorrect binary data format in function argument " + number);
                }
            }
            default -> throw new SqlException("22023", "unsupported format code: " + format);
        };
    }
}
