package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.TypeOids;
import org.tusk.spi.AuthenticationExchange;
import org.tusk.spi.AuthenticationFailedException;
import org.tusk.spi.AuthenticationMethod;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendIdentity;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.BackendSignals;
import org.tusk.spi.ClientConnection;
import org.tusk.spi.ResultSink;
import org.tusk.spi.Role;
import org.tusk.spi.RoleDirectory;
import org.tusk.spi.SessionInfo;
import org.tusk.spi.SqlEngine;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;

/**
 * Drives a real backend over a loopback socket with hand-built protocol bytes, and checks the bytes it
 * answers with. The SQL engine is a small fake: what is tested here is the backend's protocol
 * behaviour, not SQL.
 */
class BackendConnectionTest {

    private static final BackendIdentity IDENTITY = new BackendIdentity(4242, 0x1234ABCD);

    private ServerSocket server;
    private final List<int[]> cancels = new ArrayList<>();
    private CompletableFuture<Void> backendDone;
    private final BackendSignals signals = new BackendSignals();
    private volatile boolean admitSessions = true;
    /** The server's TLS set-up for the next connection; tests that need it set it before connecting. */
    static volatile ServerTls tls;
    /** pg_hba.conf for the next connection (null: none, everyone is trusted). */
    static volatile HbaFile hba;
    /** The roles for the next connection (null: a cluster without a role file). */
    static volatile RoleDirectory roles;
    /** An authentication method installed besides trust for the next connection. */
    static volatile AuthenticationMethod extraMethod;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        backendDone = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket s = server.accept()) {
                BackendRegistry registry = new BackendRegistry() {
                    @Override
                    public void cancel(int processId, int secretKey) {
                        cancels.add(new int[] {processId, secretKey});
                    }

                    @Override
                    public Admission admit(int processId, boolean superuser) {
                        return admitSessions ? Admission.ADMITTED : Admission.TOO_MANY_CLIENTS;
                    }

                    @Override
                    public void reportState(int processId, BackendState state, String user, String database,
                            String applicationName) {
                        // not observed here
                    }
                };
                BackendContext context = new BackendContext(IDENTITY, Path.of("."), Map.of(), signals, registry);
                RoleDirectory r = roles != null ? roles : new FileRoleDirectory(null);
                BackendService service = extraMethod == null
                        ? new BackendService(new EchoEngine(), r, new TrustAuthentication())
                        : new BackendService(new EchoEngine(), r, new TrustAuthentication(), extraMethod);
                service.setTls(tls);
                service.setHba(hba);
                service.serve(new TestSocketConnection(s), context);
                backendDone.complete(null);
            } catch (Throwable t) {
                backendDone.completeExceptionally(t);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        tls = null;
        hba = null;
        roles = null;
        extraMethod = null;
        try {
            backendDone.get(5, TimeUnit.SECONDS); // the backend must end on its own, never hang
        } finally {
            server.close();
        }
    }

    @Test
    void sslRequestIsRefusedThenStartupCompletesWithPostgresSequence() throws IOException {
        try (Socket c = connect()) {
            OutputStream out = c.getOutputStream();
            new MessageWriter(out).sslRequest().flush();
            assertEquals('N', c.getInputStream().read());
            startup(out, Map.of("user", "alice", "database", "db", "application_name", "test"));
            MessageReader in = new MessageReader(c.getInputStream());
            Message auth = in.read();
            assertEquals('R', auth.typeChar());
            assertEquals(0, auth.reader().readInt32());
            List<String> reported = new ArrayList<>();
            Message m;
            while ((m = in.read()).typeChar() == 'S') {
                reported.add(m.reader().readCString());
            }
            assertEquals(List.of("application_name", "server_version"), reported);
            assertEquals('K', m.typeChar());
            assertEquals(4242, m.reader().readInt32());
            Message ready = in.read();
            assertEquals('Z', ready.typeChar());
            assertArrayEquals(new byte[] {'I'}, ready.body());

            new MessageWriter(out).query("hello").flush();
            Message rd = in.read();
            assertEquals('T', rd.typeChar());
            Message row = in.read();
            assertEquals('D', row.typeChar());
            var body = row.reader();
            assertEquals(1, body.readInt16());
            assertEquals("hello", new String(body.readBytes(body.readInt32()), StandardCharsets.UTF_8));
            assertEquals("SELECT 1", in.read().reader().readCString());
            assertEquals('Z', in.read().typeChar());

            new MessageWriter(out).query("fail").flush();
            Message err = in.read();
            assertEquals('E', err.typeChar());
            ErrorFields f = ErrorFields.decode(err.reader());
            assertEquals("22012", f.sqlState());
            assertEquals("ERROR", f.severity());
            assertEquals('Z', in.read().typeChar());

            new MessageWriter(out).terminate().flush();
            assertEquals(-1, c.getInputStream().read());
        }
    }

    /** The GSSENCRequest packet: length 8, code 1234.5680. */
    private static final byte[] GSSENC_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x30};

    @Test
    void gssencRequestIsRefusedThenSslRequestMayFollow() throws IOException {
        // As PostgreSQL 15 without GSSAPI and SSL: 'N', 'N', then the session starts.
        try (Socket c = connect()) {
            OutputStream out = c.getOutputStream();
            DataInputStreamHelper.writeRaw(out, GSSENC_REQUEST);
            assertEquals('N', c.getInputStream().read());
            new MessageWriter(out).sslRequest().flush();
            assertEquals('N', c.getInputStream().read());
            startup(out, Map.of("user", "alice"));
            MessageReader in = new MessageReader(c.getInputStream());
            Message m;
            while ((m = in.read()).typeChar() != 'Z') {
                assertNotEquals('E', m.typeChar());
            }
            new MessageWriter(out).terminate().flush();
        }
    }

    @Test
    void aSecondGssencRequestIsAnUnsupportedProtocol() throws IOException {
        try (Socket c = connect()) {
            DataInputStreamHelper.writeRaw(c.getOutputStream(), GSSENC_REQUEST);
            assertEquals('N', c.getInputStream().read());
            DataInputStreamHelper.writeRaw(c.getOutputStream(), GSSENC_REQUEST);
            ErrorFields f = readError(c.getInputStream());
            assertEquals("0A000", f.sqlState());
            assertEquals("unsupported frontend protocol 1234.5680: server supports 3.0 to 3.0", f.message());
        }
    }

    @Test
    void newerMinorVersionAndProtocolOptionsAreNegotiated() throws IOException {
        try (Socket c = connect()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(new byte[] {0, 0, 0, 0, 0, 3, 0, 2});
            b.writeBytes("user\0alice\0_pq_.compression\0on\0\0".getBytes(StandardCharsets.UTF_8));
            byte[] packet = b.toByteArray();
            packet[3] = (byte) packet.length;
            DataInputStreamHelper.writeRaw(c.getOutputStream(), packet);
            MessageReader in = new MessageReader(c.getInputStream());
            Message v = in.read();
            assertEquals('v', v.typeChar());
            var body = v.reader();
            assertEquals(3 << 16, body.readInt32()); // PG_PROTOCOL_LATEST, 3.0
            assertEquals(1, body.readInt32());
            assertEquals("_pq_.compression", body.readCString());
            body.expectEnd();
            Message m;
            while ((m = in.read()).typeChar() != 'Z') {
                assertNotEquals('E', m.typeChar());
            }
            new MessageWriter(c.getOutputStream()).terminate().flush();
        }
    }

    @Test
    void protocol2ClientGetsOldStyleFatal() throws IOException {
        try (Socket c = connect()) {
            DataInputStreamHelper.writeRaw(c.getOutputStream(), new byte[] {0, 0, 0, 8, 0, 2, 0, 0});
            byte[] reply = c.getInputStream().readAllBytes();
            String expected = "EFATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n\0";
            assertEquals(expected, new String(reply, StandardCharsets.UTF_8));
        }
    }

    @Test
    void protocol4ClientGetsFatal0A000() throws IOException {
        try (Socket c = connect()) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(new byte[] {0, 0, 0, 0, 0, 4, 0, 0});
            b.writeBytes("user\0x\0\0".getBytes(StandardCharsets.UTF_8));
            byte[] packet = b.toByteArray();
            packet[3] = (byte) packet.length;
            DataInputStreamHelper.writeRaw(c.getOutputStream(), packet);
            ErrorFields f = readError(c.getInputStream());
            assertEquals("FATAL", f.severity());
            assertEquals("0A000", f.sqlState());
            assertEquals("unsupported frontend protocol 4.0: server supports 3.0 to 3.0", f.message());
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void missingUserIsFatal28000() throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("database", "x"));
            ErrorFields f = readError(c.getInputStream());
            assertEquals("28000", f.sqlState());
            assertEquals("no PostgreSQL user name specified in startup packet", f.message());
        }
    }

    // The replication startup parameter, answered as PostgreSQL 15 with max_wal_senders = 0 answers each value.

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"true", "database", "1", "yes", "on", "t"})
    void replicationConnectionsAreRefusedAsWithoutWalSenders(String value) throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "alice", "database", "db", "replication", value));
            ErrorFields f = readError(c.getInputStream());
            assertEquals("FATAL", f.severity());
            assertEquals("53300", f.sqlState());
            assertEquals("number of requested standby connections exceeds max_wal_senders (currently 0)", f.message());
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void anInvalidReplicationValueIsFatal22023() throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "alice", "replication", "x"));
            ErrorFields f = readError(c.getInputStream());
            assertEquals("22023", f.sqlState());
            assertEquals("invalid value for parameter \"replication\": \"x\"", f.message());
            assertEquals("Valid values are: \"false\", 0, \"true\", 1, \"database\".", f.get(ErrorFields.HINT));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"False", "off", "0", "no"})
    void replicationOffIsANormalSession(String value) throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "alice", "replication", value));
            assertEquals('R', new MessageReader(c.getInputStream()).read().typeChar()); // AuthenticationOk
            c.getOutputStream().write(new byte[] {'X', 0, 0, 0, 4});
        }
    }

    @Test
    void oversizedStartupLengthClosesWithoutReply() throws IOException {
        try (Socket c = connect()) {
            DataInputStreamHelper.writeRaw(c.getOutputStream(), new byte[] {0, 1, (byte) 0x86, (byte) 0xA0});
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void clientVanishingMidPacketEndsBackend() throws Exception {
        try (Socket c = connect()) {
            DataInputStreamHelper.writeRaw(c.getOutputStream(), new byte[] {0, 0, 0, 40, 0, 3});
        }
        backendDone.get(5, TimeUnit.SECONDS);
    }

    @Test
    void cancelRequestIsDeliveredAndConnectionClosedSilently() throws Exception {
        try (Socket c = connect()) {
            new MessageWriter(c.getOutputStream()).cancelRequest(4242, 99).flush();
            assertEquals(-1, c.getInputStream().read());
        }
        backendDone.get(5, TimeUnit.SECONDS);
        assertEquals(1, cancels.size());
        assertArrayEquals(new int[] {4242, 99}, cancels.get(0));
    }

    @Test
    void unknownMessageTypeIsFatal08P01() throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u"));
            MessageReader in = new MessageReader(c.getInputStream());
            while (in.read().typeChar() != 'Z') {
                // skip the session start
            }
            new MessageWriter(c.getOutputStream()).begin('?').end().flush();
            Message m = in.read();
            ErrorFields f = ErrorFields.decode(m.reader());
            assertEquals("08P01", f.sqlState());
            assertEquals("invalid frontend message type 63", f.message());
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void engineWithoutExtendedProtocolGetsOneErrorThenReadyForQueryAtSync() throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u"));
            MessageReader in = new MessageReader(c.getInputStream());
            while (in.read().typeChar() != 'Z') {
                // skip the session start
            }
            MessageWriter w = new MessageWriter(c.getOutputStream());
            w.parse("", "select 1", new int[0]).bind("", "", new short[0], new byte[0][], new short[0])
                    .query("skipped as well").sync().flush();
            Message err = in.read();
            assertEquals('E', err.typeChar());
            assertEquals("0A000", ErrorFields.decode(err.reader()).sqlState());
            Message ready = in.read();
            assertEquals('Z', ready.typeChar(), "exactly one error, then ReadyForQuery at Sync");
            w.terminate().flush();
        }
    }

    @Test
    void idleSessionIsWokenAndToldWhenTerminated() throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u"));
            MessageReader in = new MessageReader(c.getInputStream());
            while (in.read().typeChar() != 'Z') {
                // skip the session start
            }
            signals.requestTerminate(); // the backend is blocked reading; the client sends nothing
            Message m = in.read();
            ErrorFields f = ErrorFields.decode(m.reader());
            assertEquals("FATAL", f.severity());
            assertEquals("57P01", f.sqlState());
            assertEquals("terminating connection due to administrator command", f.message());
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void crashOfAnotherBackendEndsTheSessionWithPostgresWarning() throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u"));
            MessageReader in = new MessageReader(c.getInputStream());
            while (in.read().typeChar() != 'Z') {
                // skip the session start
            }
            signals.requestCrashExit();
            Message m = in.read();
            assertEquals('N', m.typeChar(), "a client-only WARNING, then the connection closes");
            ErrorFields f = ErrorFields.decode(m.reader());
            assertEquals("57P02", f.sqlState());
            assertEquals("terminating connection because of crash of another server process", f.message());
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void fullServerAnswersTooManyClients() throws IOException {
        admitSessions = false;
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u"));
            ErrorFields f = readError(c.getInputStream());
            assertEquals("53300", f.sqlState());
            assertEquals("sorry, too many clients already", f.message());
        }
    }

    // ---- pg_hba.conf and roles --------------------------------------------------------------------

    static HbaFile hba(String... lines) throws HbaFile.HbaException {
        return HbaFile.parse(Path.of("pg_hba.conf"), List.of(lines), m -> false, false, m -> { });
    }

    private ErrorFields connectExpectingError(Map<String, String> params) throws IOException {
        try (Socket c = connect()) {
            startup(c.getOutputStream(), params);
            ErrorFields f = readError(c.getInputStream());
            assertEquals("FATAL", f.severity());
            assertEquals(-1, c.getInputStream().read());
            return f;
        }
    }

    @Test
    void noMatchingHbaLineIsFatal28000InPostgresWords() throws Exception {
        hba = hba("local all all trust", "host all all ::1/128 trust");
        ErrorFields f = connectExpectingError(Map.of("user", "u", "database", "d"));
        assertEquals("28000", f.sqlState());
        assertEquals("no pg_hba.conf entry for host \"127.0.0.1\", user \"u\", database \"d\", no encryption",
                f.message());
    }

    @Test
    void rejectLineIsFatal28000() throws Exception {
        hba = hba("host all u 127.0.0.1/32 reject", "host all all all trust");
        ErrorFields f = connectExpectingError(Map.of("user", "u"));
        assertEquals("28000", f.sqlState());
        assertEquals("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"u\", database \"u\", no encryption",
                f.message());
    }

    @Test
    void trustedRoleThatDoesNotExistOrCannotLogIn() throws Exception {
        hba = hba("host all all 127.0.0.1/32 trust");
        roles = name -> Optional.ofNullable(Map.of("postgres", new Role("postgres", true, true, Optional.empty()),
                "nologin", new Role("nologin", false, false, Optional.empty())).get(name));
        ErrorFields f = connectExpectingError(Map.of("user", "ghost"));
        assertEquals("28000", f.sqlState());
        assertEquals("role \"ghost\" does not exist", f.message());
    }

    @Test
    void roleWithoutLoginIsRefused() throws Exception {
        hba = hba("host all all 127.0.0.1/32 trust");
        roles = name -> Optional.of(new Role(name, false, false, Optional.empty()));
        ErrorFields f = connectExpectingError(Map.of("user", "nologin"));
        assertEquals("28000", f.sqlState());
        assertEquals("role \"nologin\" is not permitted to log in", f.message());
    }

    @Test
    void methodNamedButNotInstalledIsRefused() throws Exception {
        hba = hba("host all all 127.0.0.1/32 scram-sha-256");
        ErrorFields f = connectExpectingError(Map.of("user", "u"));
        assertEquals("28000", f.sqlState());
        assertEquals("authentication method \"scram-sha-256\" is not available", f.message());
    }

    /** A cleartext method as the plugin runs it: R 3, the password, then AuthenticationOk or 28P01. */
    private static final class SecretPassword implements AuthenticationMethod {
        volatile AuthenticationExchange seen;

        @Override
        public String name() {
            return "password";
        }

        @Override
        public void authenticate(AuthenticationExchange exchange) throws AuthenticationFailedException, IOException {
            seen = exchange;
            exchange.sendRequest(3, null);
            byte[] answer = exchange.readResponse();
            if (!new String(answer, StandardCharsets.UTF_8).equals("secret\0")) {
                throw new AuthenticationFailedException("28P01", "password authentication failed for user \""
                        + exchange.user() + "\"", "Password does not match for user \"" + exchange.user() + "\".");
            }
        }
    }

    @Test
    void passwordMethodChosenByHbaLine() throws Exception {
        hba = hba("host all all 127.0.0.1/32 password");
        SecretPassword method = new SecretPassword();
        extraMethod = method;
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u", "database", "d"));
            MessageReader in = new MessageReader(c.getInputStream());
            Message request = in.read();
            assertEquals('R', request.typeChar());
            assertEquals(3, request.reader().readInt32());
            new MessageWriter(c.getOutputStream()).begin('p').cstring("secret").end().flush();
            Message ok = in.read();
            assertEquals('R', ok.typeChar());
            assertEquals(0, ok.reader().readInt32());
            while (in.read().typeChar() != 'Z') {
                // parameter status, key data
            }
            new MessageWriter(c.getOutputStream()).terminate().flush();
        }
        assertEquals(false, method.seen.tls());
        assertEquals(Optional.empty(), method.seen.tlsServerEndPoint());
    }

    @Test
    void wrongPasswordIsFatal28P01() throws Exception {
        hba = hba("host all all 127.0.0.1/32 password");
        extraMethod = new SecretPassword();
        try (Socket c = connect()) {
            startup(c.getOutputStream(), Map.of("user", "u"));
            MessageReader in = new MessageReader(c.getInputStream());
            assertEquals('R', in.read().typeChar());
            new MessageWriter(c.getOutputStream()).begin('p').cstring("guess").end().flush();
            ErrorFields f = ErrorFields.decode(in.read().reader());
            assertEquals("28P01", f.sqlState());
            assertEquals("password authentication failed for user \"u\"", f.message());
            assertNull(f.get(ErrorFields.DETAIL), "the reason is for the log only");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    Socket connect() throws IOException {
        Socket s = new Socket(server.getInetAddress(), server.getLocalPort());
        s.setSoTimeout(5000);
        return s;
    }

    private static void startup(OutputStream out, Map<String, String> params) throws IOException {
        new MessageWriter(out).startupMessage(new LinkedHashMap<>(params)).flush();
    }

    private static ErrorFields readError(InputStream in) throws IOException {
        Message m = new MessageReader(in).read();
        assertEquals('E', m.typeChar());
        return ErrorFields.decode(m.reader());
    }

    /** Raw writes, for packets the MessageWriter would refuse to build. */
    static final class DataInputStreamHelper {
        static void writeRaw(OutputStream out, byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }
    }

    /** Answers every query with one text row holding the query text; "fail" raises division by zero. */
    private static final class EchoEngine implements SqlEngine {
        @Override
        public SqlSession openSession(SessionInfo info) {
            assertNull(info.startupParameters().get("user"), "user is not a session parameter");
            return new SqlSession() {
                @Override
                public List<Map.Entry<String, String>> reportedSettings() {
                    return List.of(Map.entry("application_name",
                            info.startupParameters().getOrDefault("application_name", "")),
                            Map.entry("server_version", "15.0"));
                }

                @Override
                public void executeSimpleQuery(String sql, ResultSink sink) {
                    if (sql.equals("fail")) {
                        throw new SqlException("22012", "division by zero");
                    }
                    sink.rowDescription(List.of(ColumnDescription.computed("q", TypeOids.TEXT, (short) -1)));
                    sink.dataRow(new byte[][] {sql.getBytes(StandardCharsets.UTF_8)});
                    sink.commandComplete("SELECT 1");
                }

                @Override
                public char transactionStatus() {
                    return 'I';
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        }
    }
}
