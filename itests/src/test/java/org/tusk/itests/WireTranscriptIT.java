package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.TuskServer;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;

/**
 * The same message sequences, sent on a fresh session to PostgreSQL 15 and to Tusk, must be answered with
 * the same bytes: every message type, length and body, in order, up to the last ReadyForQuery. The only
 * allowance is in ErrorResponse and NoticeResponse, which are compared on the fields a client acts on
 * (severity, SQLSTATE, message, detail, hint, position): PostgreSQL adds the C source file, line and
 * function that raised the error, which no other server can have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireTranscriptIT {

    private PostgresReference postgres;
    private TuskServer tusk;

    @BeforeAll
    void start() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
    }

    @AfterAll
    void stop() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                case_("simple query, two statements", w -> w.query("select 1 as a; select 'x' as b")),
                case_("empty query", w -> w.query("")),
                case_("error in the middle of a simple query", w -> w.query("select 1; select 1/0; select 2")),
                case_("extended: parse, bind, describe portal, execute, sync", w -> w
                        .parse("", "select $1::int + 1 as n", new int[] {23})
                        .bind("", "", new short[] {0}, new byte[][] {"41".getBytes()}, new short[] {0})
                        .describe('P', "").execute("", 0).sync()),
                case_("extended: describe statement with inferred parameter types", w -> w
                        .parse("s1", "select $1 + 1, $2::text || 'x'", new int[0]).describe('S', "s1").sync()),
                case_("extended: binary parameter and binary result", w -> w
                        .parse("", "select $1::int8 * 2 as d", new int[] {20})
                        .bind("", "", new short[] {1}, new byte[][] {{0, 0, 0, 0, 0, 0, 0, 21}}, new short[] {1})
                        .execute("", 0).sync()),
                case_("extended: row limit and PortalSuspended", w -> w
                        .parse("", "select 1 as one", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[0])
                        .execute("", 1).execute("", 1).sync()),
                // An error raised while executing (random() is volatile, so PostgreSQL's planner does not
                // fold it away and the division fails in Execute).
                case_("extended: error skips to Sync, then the next Sync works", w -> w
                        .parse("", "select 1/(random()*0)::int", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[0]).execute("", 0)
                        .parse("", "select 2", new int[0]).sync()
                        .parse("", "select 3 as three", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[0]).execute("", 0).sync()),
                case_("extended: wrong parameter count", w -> w
                        .parse("", "select $1::int", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[0]).sync()),
                case_("extended: unknown statement and duplicate name", w -> w
                        .bind("", "nope", new short[0], new byte[0][], new short[0]).sync()
                        .parse("dup", "select 1", new int[0]).parse("dup", "select 1", new int[0]).sync()),
                case_("extended: close, then describe what was closed", w -> w
                        .parse("c", "select 1", new int[0]).close('S', "c").close('S', "never").describe('S', "c")
                        .sync()),
                case_("transaction block with a failure", w -> w
                        .query("begin").query("select 1/0").query("select 1").query("commit")),
                case_("syntax error position", w -> w.query("select 1 +, 2")),
                // A constant is folded by the planner at Bind: the error comes before BindComplete.
                case_("extended: constant error at Bind", w -> w
                        .parse("", "select 1/0", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[0]).execute("", 0).sync()),
                case_("text output of time, interval, uuid, bytea and oid", w -> w.query(
                        "select '04:05:06.5'::time, '24:00:00'::time, '1 year 2 mons 3 days 04:05:06.5'::interval,"
                                + " '-1 year -2 mons +3 days -04:05:06'::interval, '0'::interval,"
                                + " '{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}'::uuid, '\\x00ff41'::bytea,"
                                + " 'a\\\\b\\001'::bytea, '-1'::oid")),
                case_("extended: binary results of every type", w -> w
                        .parse("", "select true, 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, 1.50::numeric,"
                                + " -12345678.9::numeric, 'a'::text, 'b'::varchar, 'c'::bpchar, 'n'::name,"
                                + " '\\x00ff'::bytea, '2026-11-23'::date, '04:05:06.5'::time,"
                                + " '2026-11-23 04:05:06.5'::timestamp, '2026-11-23 04:05:06+00'::timestamptz,"
                                + " '1 year 2 mons 3 days 04:05:06.5'::interval,"
                                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 4294967295::oid, null::int4",
                                new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[] {1}).describe('P', "")
                        .execute("", 0).sync()),
                case_("arrays in text", w -> w.query(
                        "select ARRAY[1,2,NULL,4], ARRAY['a b', null, '', 'NULL', 'x\"y', 'c\\d', '{'],"
                                + " '[0:1]={5,6}'::int8[], '{}'::text[], ARRAY['1 day'::interval],"
                                + " ARRAY['\\x01'::bytea], '{\"2020-01-01 10:00\"}'::timestamp[]")),
                case_("extended: arrays in binary, results and parameters", w -> w
                        .parse("", "select ARRAY[1,2,NULL,4], ARRAY['a b', null, '', 'NULL'], '[0:1]={5,6}'::int8[],"
                                + " '{}'::int4[], ARRAY[true,false], ARRAY[1.5,2], ARRAY['1 day'::interval],"
                                + " ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid], ARRAY['\\x01'::bytea],"
                                + " ARRAY['04:05'::time], ARRAY['2026-11-23'::date], ARRAY[1::oid], ARRAY[1.5::float8],"
                                + " $1::int4[], $2::text[]", new int[] {1007, 1009})
                        .bind("", "", new short[] {1}, new byte[][] {
                            hex("000000010000000100000017000000040000000100000004000000010000000400000002ffffffff"
                                    + "0000000400000004"),
                            hex("000000010000000100000019000000020000000100000003612062ffffffff")},
                                new short[] {1})
                        .describe('P', "").execute("", 0).sync()),
                case_("extended: void in binary", w -> w
                        .parse("", "select pg_sleep(0)", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[] {1}).execute("", 0).sync()),
                case_("extended: binary parameters of the new types", w -> w
                        .parse("", "select $1::text, $2::text, $3::text, $4::text, $5::text",
                                new int[] {1083, 1186, 2950, 17, 26})
                        .bind("", "", new short[] {1}, new byte[][] {hex("000000036c9361a0"),
                            hex("fffffffc93743f8000000003fffffff2"), hex("a0eebc999c0b4ef8bb6d6bb9bd380a11"),
                            hex("00ff41"), hex("ffffffff")}, new short[0])
                        .execute("", 0).sync()),
                case_("COPY TO STDOUT, text", w -> w.query(
                        "copy (select 1 as a, E'x y\\\\\\t\\n' as b, null::text as c) to stdout")),
                case_("COPY TO STDOUT, csv with header", w -> w.query(
                        "copy (select 1 as a, 'x,y' as b, null::text as c, '' as d, 'q\"' as e) to stdout"
                                + " with (format csv, header)")),
                case_("COPY TO STDOUT, binary", w -> w.query(
                        "copy (select 1 as a, 'xy'::text as b, null::int8 as c, 1.5 as d, '04:05'::time as e,"
                                + " '1 day'::interval as f, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as g,"
                                + " '\\x01'::bytea as h) to stdout with (format binary)")),
                case_("errors of volatile expressions come after RowDescription or CopyOutResponse", w -> w
                        .query("select 1/(random()*0)::int").query("copy (select 1/(random()*0)::int) to stdout")
                        .query("copy (select 1/0) to stdout (format binary)")),
                case_("COPY TO STDOUT, binary, no rows", w -> w.query(
                        "copy (select 1 where false) to stdout (format binary)")),
                case_("COPY TO STDOUT in the extended protocol", w -> w
                        .parse("", "copy (select 1 as a) to stdout (format csv)", new int[0])
                        .bind("", "", new short[0], new byte[0][], new short[0]).describe('P', "")
                        .execute("", 1).sync()),
                case_("COPY FROM STDIN into a missing table fails before CopyInResponse", w -> w
                        .query("copy nosuch from stdin").query("copy nosuch (a) from stdin with (format csv)")),
                case_("CopyData, CopyDone and CopyFail outside COPY are ignored", w -> w
                        .copyData(new byte[] {'a', 'b', 'c'}).copyDone().copyFail("x").query("select 1")
                        .parse("", "select 2", new int[0]).copyData(new byte[] {'a'}).copyDone().copyFail("y")
                        .bind("", "", new short[0], new byte[0][], new short[0]).execute("", 0).sync()),
                case_("FunctionCall: unknown OID", w -> w
                        .functionCall(999999, new short[0], new byte[0][], (short) 0)),
                case_("FunctionCall: int4pl, binary and text", w -> w
                        .functionCall(177, new short[] {1}, new byte[][] {hex("00000001"), hex("00000002")}, (short) 1)
                        .functionCall(177, new short[0], new byte[][] {"40".getBytes(), "2".getBytes()}, (short) 0)
                        .functionCall(871, new short[0], new byte[][] {"abc".getBytes()}, (short) 0)
                        .functionCall(1317, new short[0], new byte[][] {"abc".getBytes()}, (short) 0)
                        .functionCall(1622, new short[0], new byte[][] {"ab".getBytes(), "2".getBytes()}, (short) 0)
                        .functionCall(1397, new short[0], new byte[][] {null}, (short) 1)),
                case_("FunctionCall: wrong argument count, error inside the function, failed block", w -> w
                        .functionCall(177, new short[0], new byte[][] {"1".getBytes()}, (short) 0)
                        .functionCall(177, new short[0], new byte[][] {"2147483647".getBytes(), "1".getBytes()},
                                (short) 0)
                        .query("begin").query("select 1/0")
                        .functionCall(177, new short[0], new byte[][] {"1".getBytes(), "1".getBytes()}, (short) 0)
                        .functionCall(999999, new short[0], new byte[0][], (short) 0).query("rollback")));
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static Arguments case_(String name, Consumer<MessageWriter> messages) {
        return Arguments.of(name, messages);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void sameBytesAsPostgres(String name, Consumer<MessageWriter> messages) throws IOException {
        List<String> expected = transcript(postgres.port(), messages);
        List<String> actual = transcript(tusk.port(), messages);
        assertEquals(String.join("\n", expected), String.join("\n", actual), name);
    }

    /**
     * Flush makes the server send what it has buffered without ending the implicit transaction: the
     * replies to Parse/Bind/Describe/Execute arrive before any Sync is sent.
     */
    @org.junit.jupiter.api.Test
    void flushSendsRepliesBeforeSync() throws IOException {
        assertEquals(flushTranscript(postgres.port()), flushTranscript(tusk.port()));
    }

    private static List<String> flushTranscript(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            MessageWriter w = new MessageWriter(s.getOutputStream());
            w.startupMessage(Map.of("user", "postgres", "database", "postgres")).flush();
            MessageReader in = new MessageReader(s.getInputStream());
            while (in.read().typeChar() != 'Z') {
                // start-up
            }
            w.parse("", "select 1 as one", new int[0]).bind("", "", new short[0], new byte[0][], new short[0])
                    .describe('P', "").execute("", 0).flushMessage().flush();
            List<String> replies = new ArrayList<>();
            Message m;
            do {
                m = in.read();
                replies.add(describe(m));
            } while (m.typeChar() != 'C');
            w.sync().flush();
            replies.add(describe(in.read()));
            w.terminate().flush();
            return replies;
        }
    }

    /**
     * A client asking for protocol 3.2 with a {@code _pq_.} option gets NegotiateProtocolVersion (3.0
     * and the option) before AuthenticationOk, and the session goes on. (GSSENCRequest is not compared
     * here: Debian's PostgreSQL is built with GSSAPI and answers 'G' over TCP, while Tusk answers 'N'
     * as a server without GSSAPI does; BackendConnectionTest checks that flow.)
     */
    @org.junit.jupiter.api.Test
    void negotiateProtocolVersion() throws IOException {
        assertEquals(startupTranscript(postgres.port()), startupTranscript(tusk.port()));
    }

    private static List<String> startupTranscript(int port) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            b.writeBytes(new byte[] {0, 0, 0, 0, 0, 3, 0, 2});
            b.writeBytes("user\0postgres\0database\0postgres\0_pq_.nosuch\0x\0\0".getBytes());
            byte[] packet = b.toByteArray();
            packet[3] = (byte) packet.length;
            s.getOutputStream().write(packet);
            MessageReader in = new MessageReader(s.getInputStream());
            replies.add(describe(in.read())); // NegotiateProtocolVersion
            replies.add(describe(in.read())); // AuthenticationOk
            while (in.read().typeChar() != 'Z') {
                // parameter status and key data differ between servers
            }
            replies.add("ready");
            new MessageWriter(s.getOutputStream()).terminate().flush();
        }
        return replies;
    }

    /**
     * pgjdbc with binary transfer forced ({@code prepareThreshold=-1}: server-side statements from the
     * first execution, binary results for the types pgjdbc decodes in binary) reads the same values
     * from Tusk as from PostgreSQL: getString and getObject of the core types and arrays. (Not interval:
     * pgjdbc looks types outside its built-in table up in pg_type, which Tusk does not have yet.)
     */
    @org.junit.jupiter.api.Test
    void pgjdbcBinaryTransferReadsTheSameValues() throws java.sql.SQLException {
        String sql = "select 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, 1.50::numeric, 'x'::text,"
                + " '\\x00ff'::bytea, '2026-11-23'::date, '04:05:06.5'::time, '2026-11-23 04:05:06.5'::timestamp,"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 42::oid, ARRAY[1,2,NULL], ARRAY['a b', NULL]::text[], ARRAY[1.5::float8], ARRAY[7::int8],"
                + " ARRAY['\\x01'::bytea], ARRAY[true], null::int4";
        assertEquals(jdbcValues(postgres.port(), sql), jdbcValues(tusk.port(), sql));
    }

    /** pgjdbc's CopyManager (COPY ... TO STDOUT over the simple protocol) gets the same text from both. */
    @org.junit.jupiter.api.Test
    void pgjdbcCopyManagerCopiesOut() throws Exception {
        String sql = "copy (select 1 as a, 'x y' as b, null::text as c, '1 day'::interval as d) to stdout"
                + " with (format csv, header)";
        assertEquals(copyOut(postgres.port(), sql), copyOut(tusk.port(), sql));
    }

    private static String copyOut(int port, String sql) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres", p)) {
            java.io.StringWriter out = new java.io.StringWriter();
            long rows = new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
                    .copyOut(sql, out);
            return rows + " rows: " + out;
        }
    }

    private static List<String> jdbcValues(int port, String sql) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        p.setProperty("prepareThreshold", "-1");
        List<String> values = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres", p); java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            for (int round = 0; round < 2; round++) {
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    rs.next();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object o = rs.getObject(i);
                        String shown = o instanceof java.sql.Array a ? java.util.Arrays.deepToString(
                                (Object[]) a.getArray()) : o instanceof byte[] b ? HexFormat.of().formatHex(b)
                                : String.valueOf(o);
                        // getString of a binary bytea is the byte[]'s identity, different on every run.
                        String text = o instanceof byte[] ? "-" : rs.getString(i);
                        values.add(rs.getMetaData().getColumnTypeName(i) + " " + text + " " + shown);
                    }
                }
            }
        }
        return values;
    }

    /** Starts a session, sends the messages, and records every reply up to the last ReadyForQuery. */
    private static List<String> transcript(int port, Consumer<MessageWriter> messages) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            new MessageWriter(s.getOutputStream()).startupMessage(Map.of("user", "postgres", "database", "postgres"))
                    .flush();
            MessageReader in = new MessageReader(s.getInputStream());
            while (in.read().typeChar() != 'Z') {
                // authentication, parameter status, key data: compared elsewhere
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            MessageWriter w = new MessageWriter(buffer);
            messages.accept(w);
            w.flush();
            int syncs = countReadyForQueries(buffer.toByteArray());
            s.getOutputStream().write(buffer.toByteArray());
            s.getOutputStream().flush();
            List<String> replies = new ArrayList<>();
            while (syncs > 0) {
                Message m = in.read();
                replies.add(describe(m));
                if (m.typeChar() == 'Z') {
                    syncs--;
                }
            }
            new MessageWriter(s.getOutputStream()).terminate().flush();
            return replies;
        }
    }

    /** How many ReadyForQuery the sent messages call for: one per Query, FunctionCall and Sync. */
    private static int countReadyForQueries(byte[] frames) throws IOException {
        MessageReader r = new MessageReader(new java.io.ByteArrayInputStream(frames));
        int n = 0;
        while (true) {
            Message m;
            try {
                m = r.read();
            } catch (java.io.EOFException end) {
                return n;
            }
            if (m.typeChar() == 'Q' || m.typeChar() == 'S' || m.typeChar() == 'F') {
                n++;
            }
        }
    }

    private static String describe(Message m) throws IOException {
        if (m.typeChar() == 'E' || m.typeChar() == 'N') {
            ErrorFields f = ErrorFields.decode(m.reader());
            StringBuilder b = new StringBuilder().append(m.typeChar());
            for (byte code : new byte[] {ErrorFields.SEVERITY, ErrorFields.SEVERITY_NONLOCALIZED, ErrorFields.CODE,
                ErrorFields.MESSAGE, ErrorFields.DETAIL, ErrorFields.HINT, ErrorFields.POSITION}) {
                if (f.get(code) != null) {
                    b.append(' ').append((char) code).append('=').append(f.get(code));
                }
            }
            return b.toString();
        }
        return m.typeChar() + " " + HexFormat.of().formatHex(m.body());
    }
}
