package org.tusk.backend.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ProtocolException;
import org.tusk.protocol.TypeOids;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;
import org.tusk.spi.StatementDescription;

/**
 * The extended query protocol's messages (PostgreSQL's exec_parse_message, exec_bind_message,
 * exec_describe_*_message, exec_execute_message and the Close handling): decodes each one, hands it to
 * the session, and answers. Parameter values reach the engine in text format: binary ones are
 * converted here with the session's codec ({@link BinaryFormats}, or the engine's for types only its catalogs
 * describe, such as composite types), and result columns bound in binary are converted back.
 * Errors are thrown as {@link SqlException}; {@link QueryLoop} reports them and skips to Sync.
 */
final class ExtendedQuery {
    private final MessageWriter out;
    private final SqlSession session;
    private final ResultSink sink;
    /** Each portal's result format per column, as its Bind asked (a portal's name is reused only by a new Bind). */
    private final Map<String, short[]> portalFormats = new HashMap<>();

    ExtendedQuery(MessageWriter out, SqlSession session, ResultSink sink) {
        this.out = out;
        this.session = session;
        this.sink = sink;
    }

    void parse(MessageBody body) throws ProtocolException {
        String name = body.readCString();
        String sql = body.readCString();
        int n = body.readInt16();
        if (n < 0) {
            throw new ProtocolException("invalid message format");
        }
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = body.readInt32();
        }
        body.expectEnd();
        session.prepare(name, sql, types);
        out.parseComplete();
    }

    void bind(MessageBody body) throws ProtocolException {
        String portal = body.readCString();
        String statement = body.readCString();
        StatementDescription d = session.describeStatement(statement);
        int nFormats = body.readInt16();
        short[] formats = new short[Math.max(nFormats, 0)];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = body.readInt16();
        }
        int nParams = body.readInt16();
        if (nFormats > 1 && nFormats != nParams) {
            throw new SqlException("08P01", "bind message has " + nFormats + " parameter formats but " + nParams
                    + " parameters");
        }
        if (nParams != d.parameterTypes().length) {
            throw new SqlException("08P01", "bind message supplies " + nParams
                    + " parameters, but prepared statement \"" + statement + "\" requires "
                    + d.parameterTypes().length);
        }
        byte[][] raw = new byte[nParams][];
        for (int i = 0; i < nParams; i++) {
            int len = body.readInt32();
            raw[i] = len == -1 ? null : body.readBytes(len);
        }
        int nResults = body.readInt16();
        short[] resultFormats = new short[Math.max(nResults, 0)];
        for (int i = 0; i < resultFormats.length; i++) {
            resultFormats[i] = body.readInt16();
        }
        body.expectEnd();

        List<String> values = new ArrayList<>(nParams);
        for (int i = 0; i < nParams; i++) {
            byte[] v = raw[i];
            short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
            if (v == null) {
                values.add(null);
            } else if (format == 0) {
                values.add(new String(v, StandardCharsets.UTF_8));
            } else if (format == 1) {
                values.add(binaryParameter(d.parameterTypes()[i], v, i + 1));
            } else {
                throw new SqlException("22023", "unsupported format code: " + format);
            }
        }
        short[] perColumn = resultFormats(d.columns(), resultFormats);
        session.bind(portal, statement, values);
        portalFormats.put(portal, perColumn);
        out.bindComplete();
    }

    private String binaryParameter(int typeOid, byte[] value, int number) {
        if (!session.binaryFormat(typeOid)) {
            throw new SqlException("0A000", "binary format for type " + typeName(typeOid) + " is not supported yet");
        }
        try {
            return session.binaryParameterText(typeOid, value);
        } catch (IllegalArgumentException e) {
            throw new SqlException("22P03", "incorrect binary data format in bind parameter " + number);
        }
    }

    /** PortalSetResultFormat: none (all text), one for all columns, or one per column. */
    private short[] resultFormats(List<ColumnDescription> columns, short[] requested) {
        int n = columns == null ? 0 : columns.size();
        if (requested.length > 1 && requested.length != n) {
            throw new SqlException("08P01", "bind message has " + requested.length + " result formats but query has "
                    + n + " columns");
        }
        short[] perColumn = new short[n];
        for (int i = 0; i < n; i++) {
            short f = requested.length == 0 ? 0 : requested.length == 1 ? requested[0] : requested[i];
            if (f != 0 && f != 1) {
                throw new SqlException("22023", "unsupported format code: " + f);
            }
            if (f == 1 && !session.binaryFormat(columns.get(i).typeOid())) {
                throw new SqlException("0A000", "binary format for type " + typeName(columns.get(i).typeOid())
                        + " is not supported yet");
            }
            perColumn[i] = f;
        }
        return perColumn;
    }

    private static String typeName(int oid) {
        return switch (oid) {
            case TypeOids.DATE -> "date";
            case TypeOids.TIMESTAMP -> "timestamp without time zone";
            case TypeOids.TIMESTAMPTZ -> "timestamp with time zone";
            default -> "with OID " + oid;
        };
    }

    void describe(MessageBody body, boolean aborted) throws ProtocolException {
        byte kind = body.readByte();
        String name = body.readCString();
        body.expectEnd();
        switch (kind) {
            case 'S' -> {
                StatementDescription d = session.describeStatement(name);
                if (aborted && d.columns() != null) {
                    throw abortedError();
                }
                out.parameterDescription(d.parameterTypes());
                rowDescription(d.columns(), null);
            }
            case 'P' -> {
                List<ColumnDescription> columns = session.describePortal(name);
                if (aborted && columns != null) {
                    throw abortedError();
                }
                rowDescription(columns, portalFormats.get(name));
            }
            default -> throw new SqlException("08P01", "invalid DESCRIBE message subtype " + kind);
        }
    }

    private static SqlException abortedError() {
        return new SqlException("25P02",
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    private void rowDescription(List<ColumnDescription> columns, short[] formats) {
        if (columns == null) {
            out.noData();
            return;
        }
        List<ColumnDescription> described = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnDescription c = columns.get(i);
            short f = formats != null && i < formats.length ? formats[i] : 0;
            described.add(new ColumnDescription(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), f));
        }
        out.rowDescription(described);
    }

    void execute(MessageBody body) throws ProtocolException {
        String portal = body.readCString();
        int maxRows = body.readInt32();
        body.expectEnd();
        List<ColumnDescription> columns = session.describePortal(portal);
        short[] formats = portalFormats.get(portal);
        ResultSink target = sink;
        if (columns != null && formats != null && hasBinary(formats)) {
            target = new BinaryResultSink(sink, columns, formats, session);
        }
        if (session.execute(portal, maxRows, target)) {
            out.portalSuspended();
        }
    }

    private static boolean hasBinary(short[] formats) {
        for (short f : formats) {
            if (f == 1) {
                return true;
            }
        }
        return false;
    }

    void close(MessageBody body) throws ProtocolException {
        byte kind = body.readByte();
        String name = body.readCString();
        body.expectEnd();
        switch (kind) {
            case 'S' -> session.closeStatement(name);
            case 'P' -> {
                session.closePortal(name);
                portalFormats.remove(name);
            }
            default -> throw new SqlException("08P01", "invalid CLOSE message subtype " + kind);
        }
        out.closeComplete();
    }

    /** Re-encodes the text values of binary-format columns. */
    private record BinaryResultSink(ResultSink delegate, List<ColumnDescription> columns, short[] formats,
            SqlSession session) implements ResultSink {
        @Override
        public void rowDescription(List<ColumnDescription> c) {
            delegate.rowDescription(c);
        }

        @Override
        public void dataRow(byte[][] values) {
            byte[][] encoded = values.clone();
            for (int i = 0; i < encoded.length && i < formats.length; i++) {
                if (formats[i] == 1 && encoded[i] != null) {
                    // The session, not the codec alone: a reg* value's OID is known only to its catalogs.
                    encoded[i] = session.binaryValue(columns.get(i).typeOid(),
                            new String(encoded[i], StandardCharsets.UTF_8));
                }
            }
            delegate.dataRow(encoded);
        }

        @Override
        public void commandComplete(String tag) {
            delegate.commandComplete(tag);
        }

        @Override
        public void emptyQuery() {
            delegate.emptyQuery();
        }

        @Override
        public void notice(ErrorFields notice) {
            delegate.notice(notice);
        }

        @Override
        public void parameterStatus(String name, String value) {
            delegate.parameterStatus(name, value);
        }

        @Override
        public void copyOutResponse(boolean binary, int columns) {
            delegate.copyOutResponse(binary, columns);
        }

        @Override
        public void copyData(byte[] data) {
            delegate.copyData(data);
        }

        @Override
        public void copyDone() {
            delegate.copyDone();
        }

        @Override
        public org.tusk.spi.CopyInStream copyInResponse(boolean binary, int columns) {
            return delegate.copyInResponse(binary, columns);
        }
    }
}
