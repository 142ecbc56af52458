package org.tusk.benchmark.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ProtocolException;
import org.tusk.protocol.TypeOids;

/**
 * The wire-protocol codec of tusk-protocol on its own: no socket, no server, no SQL. Each operation
 * handles one message, the way a backend or a client handles it on a live connection: one
 * MessageWriter or MessageReader per connection (kept in the state), a fresh message each time.
 *
 * <ul>
 * <li>{@code encodeDataRow}: one DataRow of text values into a MessageWriter, then flush to a null
 * stream (which writes the buffered bytes and resets the buffer).
 * <li>{@code encodeRowDescription}: the RowDescription of the same row, then flush.
 * <li>{@code decodeDataRow}: one framed DataRow read with MessageReader from an in-memory stream and
 * its values taken out with MessageBody into a {@code byte[][]}, as a client does.
 * <li>{@code encodeBind}: a Bind of 4 int4 parameters (pgbench's INSERT INTO pgbench_history), from
 * the application's strings: text format (UTF-8 bytes) or binary format (BinaryFormats.fromText).
 * <li>{@code decodeBind}: the body of that Bind decoded as the backend does (ExtendedQuery.bind):
 * names, format codes, values, result formats, then each value to the text the engine parses (UTF-8
 * decoding, or BinaryFormats.toText for binary).
 * </ul>
 *
 * <p>Row shapes: {@code accounts} is a pgbench_accounts row (aid, bid, abalance int4, filler
 * bpchar(84) blank-padded), {@code mixed10} a 10-column row of common types with one NULL.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow") // JMH 1.37 uses Unsafe; no JDK 24+ warning
public class CodecBenchmark {

    /** An input stream over one fixed message, rewound before each operation; unsynchronized. */
    static final class ReplayStream extends InputStream {
        private final byte[] data;
        private int pos;

        ReplayStream(byte[] data) {
            this.data = data;
        }

        void rewind() {
            pos = 0;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, data.length - pos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Collects what a MessageWriter flushes, to build the frames the decoders read. */
    static byte[] frame(java.util.function.Consumer<MessageWriter> message) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(bytes);
        message.accept(w);
        try {
            w.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @State(Scope.Thread)
    public static class RowState {
        @Param({"accounts", "mixed10"})
        public String shape;

        byte[][] values;
        List<ColumnDescription> columns;
        MessageWriter writer;
        ReplayStream frameStream;
        MessageReader reader;

        @Setup(Level.Trial)
        public void setUp() {
            columns = new ArrayList<>();
            String[] text;
            switch (shape) {
                case "accounts" -> {
                    text = new String[] {"48213", "1", "-2750", " ".repeat(84)};
                    columns.add(new ColumnDescription("aid", 16397, (short) 1, TypeOids.INT4, (short) 4, -1, (short) 0));
                    columns.add(new ColumnDescription("bid", 16397, (short) 2, TypeOids.INT4, (short) 4, -1, (short) 0));
                    columns.add(new ColumnDescription("abalance", 16397, (short) 3, TypeOids.INT4, (short) 4, -1,
                            (short) 0));
                    columns.add(new ColumnDescription("filler", 16397, (short) 4, TypeOids.BPCHAR, (short) -1, 88,
                            (short) 0));
                }
                case "mixed10" -> {
                    text = new String[] {"1234567", "9007199254740993", "Ada Lovelace", "12345.6789", "t",
                            "2024-02-29", "2024-02-29 13:45:07.123456+00", "3.141592653589793",
                            "ada@example.org", null};
                    int[] types = {TypeOids.INT4, TypeOids.INT8, TypeOids.TEXT, TypeOids.NUMERIC, TypeOids.BOOL,
                            TypeOids.DATE, TypeOids.TIMESTAMPTZ, TypeOids.FLOAT8, TypeOids.VARCHAR, TypeOids.TEXT};
                    short[] sizes = {4, 8, -1, -1, 1, 4, 8, 8, -1, -1};
                    String[] names = {"id", "big", "name", "amount", "active", "born", "seen", "ratio", "email",
                            "note"};
                    for (int i = 0; i < types.length; i++) {
                        columns.add(new ColumnDescription(names[i], 16400, (short) (i + 1), types[i], sizes[i], -1,
                                (short) 0));
                    }
                }
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            }
            values = new byte[text.length][];
            for (int i = 0; i < text.length; i++) {
                values[i] = utf8(text[i]);
            }
            writer = new MessageWriter(OutputStream.nullOutputStream());
            byte[] frame = frame(w -> w.dataRow(values));
            frameStream = new ReplayStream(frame);
            reader = new MessageReader(frameStream);
        }
    }

    @State(Scope.Thread)
    public static class BindState {
        /** Parameter format: text (0) or binary (1) for all four int4 parameters. */
        @Param({"text", "binary"})
        public String format;

        /** pgbench (tpcb-like): INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, ...). */
        final String[] parameters = {"7", "1", "48213", "-2750"};
        final int[] parameterTypes = {TypeOids.INT4, TypeOids.INT4, TypeOids.INT4, TypeOids.INT4};
        final String portal = "";
        final String statement = "S_3";
        short[] parameterFormats;
        final short[] resultFormats = {};
        boolean binary;
        MessageWriter writer;
        byte[] body;

        @Setup(Level.Trial)
        public void setUp() {
            binary = switch (format) {
                case "text" -> false;
                case "binary" -> true;
                default -> throw new IllegalArgumentException("unknown format " + format);
            };
            parameterFormats = binary ? new short[] {1} : new short[0];
            writer = new MessageWriter(OutputStream.nullOutputStream());
            byte[][] values = new byte[parameters.length][];
            for (int i = 0; i < values.length; i++) {
                values[i] = binary ? BinaryFormats.fromText(parameterTypes[i], parameters[i]) : utf8(parameters[i]);
            }
            byte[] frame = frame(w -> w.bind(portal, statement, parameterFormats, values, resultFormats));
            body = java.util.Arrays.copyOfRange(frame, 5, frame.length);
        }
    }

    // ---- DataRow and RowDescription ------------------------------------------------------------

    @Benchmark
    public void encodeDataRow(RowState s) throws IOException {
        s.writer.dataRow(s.values);
        s.writer.flush();
    }

    @Benchmark
    public void encodeRowDescription(RowState s) throws IOException {
        s.writer.rowDescription(s.columns);
        s.writer.flush();
    }

    @Benchmark
    public byte[][] decodeDataRow(RowState s) throws IOException {
        s.frameStream.rewind();
        Message m = s.reader.read();
        MessageBody body = m.reader();
        int n = body.readInt16();
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = body.readInt32();
            values[i] = len == -1 ? null : body.readBytes(len);
        }
        body.expectEnd();
        return values;
    }

    // ---- Bind ----------------------------------------------------------------------------------

    @Benchmark
    public void encodeBind(BindState s) throws IOException {
        String[] parameters = s.parameters;
        byte[][] values = new byte[parameters.length][];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.binary ? BinaryFormats.fromText(s.parameterTypes[i], parameters[i])
                    : parameters[i].getBytes(StandardCharsets.UTF_8);
        }
        s.writer.bind(s.portal, s.statement, s.parameterFormats, values, s.resultFormats);
        s.writer.flush();
    }

    @Benchmark
    public void decodeBind(BindState s, Blackhole bh) throws ProtocolException {
        MessageBody body = new MessageBody(s.body);
        String portal = body.readCString();
        String statement = body.readCString();
        int nFormats = body.readInt16();
        short[] formats = new short[Math.max(nFormats, 0)];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = body.readInt16();
        }
        int nParams = body.readInt16();
        if ((nFormats > 1 && nFormats != nParams) || nParams != s.parameterTypes.length) {
            throw new ProtocolException("bind message does not match the statement");
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
        String[] values = new String[nParams];
        for (int i = 0; i < nParams; i++) {
            byte[] v = raw[i];
            short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
            if (v != null) {
                values[i] = format == 0 ? new String(v, StandardCharsets.UTF_8)
                        : BinaryFormats.toText(s.parameterTypes[i], v);
            }
        }
        bh.consume(portal);
        bh.consume(statement);
        bh.consume(resultFormats);
        bh.consume(values);
    }
}
