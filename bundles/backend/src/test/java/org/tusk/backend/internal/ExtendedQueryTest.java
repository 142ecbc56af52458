package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.TypeOids;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlSession;
import org.tusk.sql.engine.TuskSqlEngine;

/**
 * The extended query protocol end to end through the query loop and the real SQL engine: hand-built
 * message sequences, and the exact replies PostgreSQL 15 gives to them.
 */
class ExtendedQueryTest {
    private static final short[] NONE = {};
    private static final short[] BINARY = {1};

    private SqlSession session;

    @BeforeEach
    void open() {
        session = new TuskSqlEngine().openSession(new SessionInfo("postgres", "db", Map.of(), Map.of(), null));
    }

    /** Sends the messages (then Terminate) through a query loop; returns the replies, one line each. */
    private List<String> run(Consumer<MessageWriter> messages) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(request);
        messages.accept(w);
        w.terminate().flush();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        BackendRegistry registry = new BackendRegistry() {
            @Override
            public void cancel(int processId, int secretKey) {
                // unused
            }

            @Override
            public Admission admit(int processId, boolean superuser) {
                return Admission.ADMITTED;
            }

            @Override
            public void reportState(int processId, BackendState state, String user, String database,
                    String applicationName) {
                // unused
            }
        };
        BackendContext context = new BackendContext(new BackendIdentity(1, 2), Path.of("."), Map.of(),
                new BackendSignals(), registry);
        new QueryLoop(new MessageReader(new ByteArrayInputStream(request.toByteArray())), new MessageWriter(reply),
                session, context, new StartupPhase.StartupRequest("postgres", "db", Map.of())).run();
        MessageReader in = new MessageReader(new ByteArrayInputStream(reply.toByteArray()));
        List<String> lines = new ArrayList<>();
        for (int left = reply.size(); left > 0;) {
            Message m = in.read();
            left -= 5 + m.reader().remaining();
            lines.add(render(m));
        }
        return lines;
    }

    private static String render(Message m) throws IOException {
        MessageBody b = m.reader();
        return switch (m.typeChar()) {
            case '1' -> "ParseComplete";
            case '2' -> "BindComplete";
            case '3' -> "CloseComplete";
            case 'n' -> "NoData";
            case 's' -> "PortalSuspended";
            case 'I' -> "EmptyQueryResponse";
            case 'Z' -> "ReadyForQuery " + (char) b.readByte();
            case 'C' -> "CommandComplete " + b.readCString();
            case 'S' -> "ParameterStatus " + b.readCString() + "=" + b.readCString();
            case 'E', 'N' -> {
                ErrorFields f = ErrorFields.decode(b);
                yield (m.typeChar() == 'E' ? "Error " : "Notice ") + f.sqlState() + " " + f.message();
            }
            case 't' -> {
                int n = b.readInt16();
                List<String> oids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    oids.add(Integer.toString(b.readInt32()));
                }
                yield "ParameterDescription " + oids;
            }
            case 'T' -> {
                int n = b.readInt16();
                List<String> cols = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = b.readCString();
                    b.readInt32();
                    b.readInt16();
                    int oid = b.readInt32();
                    b.readInt16();
                    b.readInt32();
                    int format = b.readInt16();
                    cols.add(name + ":" + oid + (format == 1 ? ":binary" : ""));
                }
                yield "RowDescription " + cols;
            }
            case 'D' -> {
                int n = b.readInt16();
                List<String> values = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int len = b.readInt32();
                    values.add(len < 0 ? "NULL" : new String(b.readBytes(len), StandardCharsets.UTF_8));
                }
                yield "DataRow " + values;
            }
            case 'H' -> "CopyOutResponse " + b.readByte() + " " + b.readInt16();
            case 'd' -> "CopyData " + java.util.HexFormat.of().formatHex(b.readBytes(b.remaining()));
            case 'c' -> "CopyDone";
            case 'V' -> {
                int len = b.readInt32();
                yield "FunctionCallResponse " + (len < 0 ? "NULL" : java.util.HexFormat.of().formatHex(b.readBytes(len)));
            }
            default -> "?" + m.typeChar();
        };
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unnamedStatementAsPgjdbcSendsIt() throws Exception {
        assertEquals(List.of("ParseComplete", "BindComplete", "RowDescription [?column?:23]", "DataRow [1]",
                "CommandComplete SELECT 1", "ReadyForQuery I"), run(w -> w.parse("", "select 1", new int[0])
                        .bind("", "", NONE, new byte[0][], NONE).describe('P', "").execute("", 0).sync()));
    }

    @Test
    void parameterTypeIsDeclaredOrInferred() throws Exception {
        assertEquals(List.of("ParseComplete", "ParameterDescription [23]", "RowDescription [?column?:23]",
                "ParseComplete", "ParameterDescription [20, 25]", "RowDescription [int8:20, ?column?:25]",
                "ParseComplete", "ParameterDescription [701]", "RowDescription [?column?:16]", "ReadyForQuery I"),
                run(w -> w.parse("a", "select $1 + 1", new int[] {0}).describe('S', "a")
                        .parse("b", "select $1::int8, $2", new int[0]).describe('S', "b")
                        .parse("c", "select 1.5::float8 < $1", new int[0]).describe('S', "c").sync()));
    }

    @Test
    void declaredInt4BoundInBinaryAndTextAndResultInBinary() throws Exception {
        byte[] two = ByteBuffer.allocate(4).putInt(2).array();
        List<String> lines = run(w -> w.parse("s", "select $1::int + 1", new int[] {TypeOids.INT4})
                .bind("", "s", BINARY, new byte[][] {two}, NONE).execute("", 0)
                .bind("", "s", NONE, new byte[][] {text("41")}, NONE).execute("", 0)
                .bind("p", "s", NONE, new byte[][] {null}, NONE).execute("p", 0).sync());
        assertEquals(List.of("ParseComplete", "BindComplete", "DataRow [3]", "CommandComplete SELECT 1",
                "BindComplete", "DataRow [42]", "CommandComplete SELECT 1", "BindComplete", "DataRow [NULL]",
                "CommandComplete SELECT 1", "ReadyForQuery I"), lines);
    }

    @Test
    void binaryResultFormatIsThePostgresSendFormat() throws Exception {
        List<String> lines = run(w -> w.parse("", "select 7::int8, 1.50::numeric, 't'::bool, 'x'::text", new int[0])
                .bind("", "", NONE, new byte[0][], BINARY).describe('P', "").execute("", 0).sync());
        assertEquals("RowDescription [int8:20:binary, numeric:1700:binary, bool:16:binary, text:25:binary]",
                lines.get(2));
        assertEquals("0000000000000007", HexFormat.of().formatHex(BinaryFormats.fromText(TypeOids.INT8, "7")));
        // numeric 1.50: ndigits 2, weight 0, sign +, dscale 2, digits 1 and 5000
        assertEquals("00020000000000020001" + "1388",
                HexFormat.of().formatHex(BinaryFormats.fromText(TypeOids.NUMERIC, "1.50")));
        assertEquals("1.50", BinaryFormats.toText(TypeOids.NUMERIC, BinaryFormats.fromText(TypeOids.NUMERIC, "1.50")));
        assertEquals("-12345678.9", BinaryFormats.toText(TypeOids.NUMERIC,
                BinaryFormats.fromText(TypeOids.NUMERIC, "-12345678.9")));
        assertEquals("0.00", BinaryFormats.toText(TypeOids.NUMERIC, BinaryFormats.fromText(TypeOids.NUMERIC, "0.00")));
        assertEquals("DataRow [\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0007, "
                + new String(BinaryFormats.fromText(TypeOids.NUMERIC, "1.50"), StandardCharsets.UTF_8)
                + ", \u0001, x]", lines.get(3));
    }

    @Test
    void describeStatementWithoutRowsAndEmptyQuery() throws Exception {
        assertEquals(List.of("ParseComplete", "ParameterDescription []", "NoData", "BindComplete", "NoData",
                "CommandComplete SET", "ParseComplete", "BindComplete", "NoData", "EmptyQueryResponse",
                "ParameterStatus application_name=x", "ReadyForQuery I"),
                run(w -> w.parse("", "set application_name = x", new int[0]).describe('S', "")
                        .bind("", "", NONE, new byte[0][], NONE).describe('P', "").execute("", 0)
                        .parse("", "", new int[0]).bind("", "", NONE, new byte[0][], NONE).describe('P', "")
                        .execute("", 0).sync()));
    }

    @Test
    void maxRowsSuspendsThePortalAndLaterExecutesContinue() throws Exception {
        List<String> lines = run(w -> w.parse("", "select 1", new int[0]).bind("", "", NONE, new byte[0][], NONE)
                .execute("", 1).execute("", 1).sync());
        assertEquals(List.of("ParseComplete", "BindComplete", "DataRow [1]", "PortalSuspended",
                "CommandComplete SELECT 0", "ReadyForQuery I"), lines);
        List<String> show = run(w -> w.parse("", "show all", new int[0]).bind("", "", NONE, new byte[0][], NONE)
                .execute("", 2).execute("", 0).sync());
        assertEquals("PortalSuspended", show.get(4));
        assertEquals("CommandComplete SHOW", show.get(show.size() - 2));
    }

    @Test
    void pgjdbcStartupQueries() throws Exception {
        List<String> lines = run(w -> {
            for (String q : List.of("SHOW TRANSACTION ISOLATION LEVEL", "select current_schema()",
                    "select current_catalog")) {
                w.parse("", q, new int[0]).bind("", "", NONE, new byte[0][], NONE).describe('P', "").execute("", 0)
                        .sync();
            }
        });
        assertEquals(List.of("ParseComplete", "BindComplete", "RowDescription [transaction_isolation:25]",
                "DataRow [read committed]", "CommandComplete SHOW", "ReadyForQuery I", "ParseComplete",
                "BindComplete", "RowDescription [current_schema:19]", "DataRow [public]", "CommandComplete SELECT 1",
                "ReadyForQuery I", "ParseComplete", "BindComplete", "RowDescription [current_catalog:19]",
                "DataRow [db]", "CommandComplete SELECT 1", "ReadyForQuery I"), lines);
    }

    @Test
    void errorsSkipToSync() throws Exception {
        assertEquals(List.of("ParseComplete", "ReadyForQuery I", "Error 42P05 prepared statement \"a\" already exists",
                "ReadyForQuery I", "Error 42601 cannot insert multiple commands into a prepared statement",
                "ReadyForQuery I", "Error 26000 prepared statement \"nope\" does not exist", "ReadyForQuery I",
                "Error 08P01 bind message supplies 2 parameters, but prepared statement \"a\" requires 1",
                "ReadyForQuery I", "Error 22P02 invalid input syntax for type integer: \"x\"", "ReadyForQuery I",
                "BindComplete", "Error 42P03 cursor \"p\" already exists", "ReadyForQuery I",
                "Error 34000 portal \"p\" does not exist", "ReadyForQuery I",
                "Error 22P03 incorrect binary data format in bind parameter 1", "ReadyForQuery I"),
                run(w -> w.parse("a", "select $1::int", new int[0]).sync()
                        .parse("a", "select 2", new int[0]).bind("", "a", NONE, new byte[0][], NONE).sync()
                        .parse("", "select 1; select 2", new int[0]).sync()
                        .bind("", "nope", NONE, new byte[0][], NONE).sync()
                        .bind("", "a", NONE, new byte[][] {text("1"), text("2")}, NONE).sync()
                        .bind("", "a", NONE, new byte[][] {text("x")}, NONE).sync()
                        .bind("p", "a", NONE, new byte[][] {text("1")}, NONE)
                        .bind("p", "a", NONE, new byte[][] {text("1")}, NONE).sync()
                        .execute("p", 0).sync() // the implicit transaction ended: so did the portal
                        .bind("", "a", BINARY, new byte[][] {{1, 2}}, NONE).sync()));
    }

    @Test
    void failedTransactionBlockRejectsUntilRollbackAndCloseIsQuiet() throws Exception {
        // 1/0 is a constant: PostgreSQL's planner computes it at Bind, so Bind fails.
        assertEquals(List.of("ParseComplete", "BindComplete", "CommandComplete BEGIN", "ReadyForQuery T",
                "ParseComplete", "Error 22012 division by zero", "ReadyForQuery E",
                "Error 25P02 current transaction is aborted, commands ignored until end of transaction block",
                "ReadyForQuery E", "ParseComplete", "BindComplete", "CommandComplete ROLLBACK", "ReadyForQuery I",
                "CloseComplete", "CloseComplete", "CloseComplete", "ReadyForQuery I"),
                run(w -> w.parse("", "begin", new int[0]).bind("", "", NONE, new byte[0][], NONE).execute("", 0).sync()
                        .parse("", "select 1/0", new int[0]).bind("", "", NONE, new byte[0][], NONE)
                        .execute("", 0).parse("", "select 1", new int[0]).sync()
                        .parse("", "select 1", new int[0]).sync()
                        .parse("", "rollback", new int[0]).bind("", "", NONE, new byte[0][], NONE)
                        .execute("", 0).sync()
                        .close('S', "").close('S', "missing").close('P', "missing").sync()));
    }

    @Test
    void namedPortalLivesUntilTransactionEndInsideABlock() throws Exception {
        assertArrayEquals(new Object[] {"DataRow [5]", "CommandComplete SELECT 1"},
                run(w -> w.query("begin").parse("s", "select $1::int", new int[0])
                        .bind("p", "s", NONE, new byte[][] {text("5")}, NONE).sync()
                        .execute("p", 0).sync().query("commit")).subList(5, 7).toArray());
    }

    @Test
    void copyToStdoutStreamsCopyDataInEveryFormat() throws Exception {
        // The message flow PostgreSQL 15 answers to the same queries (WireTranscriptIT compares the bytes).
        assertEquals(List.of("CopyOutResponse 0 2", "CopyData 3109785c7479200a", "CopyDone", "CommandComplete COPY 1",
                "ReadyForQuery I", "CopyOutResponse 0 2", "CopyData 612c620a", "CopyData 312c22782c79220a", "CopyDone",
                "CommandComplete COPY 1", "ReadyForQuery I", "CopyOutResponse 1 1",
                "CopyData 5047434f50590aff0d0a00000000000000000000010000000400000007", "CopyData ffff", "CopyDone",
                "CommandComplete COPY 1", "ReadyForQuery I", "ParseComplete", "BindComplete", "NoData",
                "CopyOutResponse 0 1", "CopyData 320a", "CopyDone", "CommandComplete COPY 1", "ReadyForQuery I",
                "Error 42P01 relation \"t\" does not exist", "ReadyForQuery I"),
                run(w -> w.query("copy (select 1, E'x\\ty ') to stdout")
                        .query("copy (select 1 as a, 'x,y' as b) to stdout (format csv, header)")
                        .query("copy (select 7) to stdout (format binary)")
                        .parse("", "copy (select 2) to stdout", new int[0])
                        .bind("", "", NONE, new byte[0][], NONE).describe('P', "").execute("", 1).sync()
                        .query("copy t from stdin")));
    }

    @Test
    void functionCallAnswersByOidLikeASimpleQuery() throws Exception {
        assertEquals(List.of("FunctionCallResponse 00000003", "ReadyForQuery I", "FunctionCallResponse 3432",
                "ReadyForQuery I", "FunctionCallResponse NULL", "ReadyForQuery I",
                "Error 42883 function with OID 999999 does not exist", "ReadyForQuery I",
                "Error 08P01 function call message contains 1 arguments but function requires 2", "ReadyForQuery I",
                "Error 22003 integer out of range", "ReadyForQuery I",
                "Error 42P22 could not determine which collation to use for upper() function", "ReadyForQuery I"),
                run(w -> w.functionCall(177, BINARY, new byte[][] {{0, 0, 0, 1}, {0, 0, 0, 2}}, (short) 1)
                        .functionCall(177, NONE, new byte[][] {text("40"), text("2")}, (short) 0)
                        .functionCall(1397, NONE, new byte[][] {null}, (short) 0)
                        .functionCall(999999, NONE, new byte[0][], (short) 0)
                        .functionCall(177, NONE, new byte[][] {text("1")}, (short) 0)
                        .functionCall(177, NONE, new byte[][] {text("2147483647"), text("1")}, (short) 0)
                        .functionCall(871, NONE, new byte[][] {text("abc")}, (short) 0)));
    }

    @Test
    void copyMessagesOutsideCopyAreIgnored() throws Exception {
        assertEquals(List.of("DataRow [1]", "CommandComplete SELECT 1", "ReadyForQuery I"),
                run(w -> w.copyData(text("x")).copyDone().copyFail("no").parse("", "select 1", new int[0])
                        .copyData(text("y")).bind("", "", NONE, new byte[0][], NONE).execute("", 0).sync())
                        .subList(2, 5));
    }
}
