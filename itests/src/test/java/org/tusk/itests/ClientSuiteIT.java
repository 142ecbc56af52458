package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.client.ClientEnvironment;
import org.tusk.client.Column;
import org.tusk.client.Connection;
import org.tusk.client.ConnectionFactory;
import org.tusk.client.CopyIn;
import org.tusk.client.Notification;
import org.tusk.client.PgException;
import org.tusk.client.Pipeline;
import org.tusk.client.PipelineAbortedException;
import org.tusk.client.PreparedStatement;
import org.tusk.client.Result;
import org.tusk.client.Row;
import org.tusk.client.ServerException;
import org.tusk.client.TransactionStatus;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.TuskServer;
import org.tusk.protocol.TypeOids;

/**
 * Tusk's client library (bundles/client) against both servers: every test runs once against a real
 * PostgreSQL 15 and once against Tusk, through the same API. A test that needs something Tusk does not
 * have yet says so with {@link #postgresOnly}, whose message is the exact reason; it is then skipped for
 * Tusk only, so the PostgreSQL run keeps checking the client.
 */
class ClientSuiteIT {

    /** A server under test. */
    enum Target {
        POSTGRESQL, TUSK
    }

    private static PostgresReference postgres;
    private static TuskServer tusk;

    @BeforeAll
    static void start() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
    }

    @AfterAll
    static void stop() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Target> servers() {
        return Stream.of(Target.POSTGRESQL, Target.TUSK);
    }

    /**
     * Skips the test on Tusk with the reason, and with what Tusk answers to {@code probe}, the statement
     * the test needs first, so that the skip message shows the actual error (or that the probe now
     * passes, which means the mark should be reconsidered).
     */
    private static void postgresOnly(Target t, String reason, String probe) {
        if (t == Target.POSTGRESQL) {
            return;
        }
        String answer;
        try (Connection c = connect(t)) {
            c.query(probe);
            answer = "the probe \"" + probe + "\" now succeeds on Tusk: reconsider this mark";
        } catch (PgException e) {
            answer = "Tusk answers \"" + probe + "\" with: " + e.getMessage();
        }
        Assumptions.abort("PostgreSQL only: " + reason + " (" + answer + ")");
    }

    private static ConnectionFactory factory() {
        return ConnectionFactory.withEnvironment(ClientEnvironment.of(Map.of(), null, "nobody", "/nonexistent", w -> { }));
    }

    private static String conninfo(Target t) {
        int port = t == Target.TUSK ? tusk.port() : postgres.port();
        return "host=127.0.0.1 port=" + port + " user=postgres dbname=postgres sslmode=disable connect_timeout=10 ";
    }

    private static Connection connect(Target t) throws PgException {
        return factory().connect(conninfo(t));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void connectsAndTracksSessionState(Target t) throws Exception {
        try (Connection c = connect(t)) {
            assertTrue(c.isOpen());
            assertTrue(c.backendPid() != 0);
            assertTrue(c.parameterStatus("server_version").startsWith("15"), c.parameterStatuses().toString());
            assertEquals("UTF8", c.parameterStatus("client_encoding"));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void simpleQuery(Target t) throws Exception {
        try (Connection c = connect(t)) {
            Result r = c.query("select 1 as one, 'tusk' as name").getFirst();
            assertEquals(List.of("one", "name"), r.columns().stream().map(Column::name).toList());
            assertEquals(List.of(TypeOids.INT4, TypeOids.TEXT), r.columns().stream().map(Column::typeOid).toList());
            assertEquals(1, r.rows().getFirst().getInt(0));
            assertEquals("tusk", r.rows().getFirst().getString("name"));
            assertEquals("SELECT 1", r.commandTag());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void extendedQueryWithTypedParameters(Target t) throws Exception {
        try (Connection c = connect(t)) {
            Result r = c.execute("select $1::int4 + 1 as i, $2::int8 as l, $3::text as s, $4::float8 as d",
                    41, 9_000_000_000L, "héllo", 1.5);
            Row row = r.rows().getFirst();
            assertEquals(42, row.getInt(0));
            assertEquals(9_000_000_000L, row.getLong(1));
            assertEquals("héllo", row.getString(2));
            assertEquals(1.5, row.getDouble(3));
            Result nulls = c.execute("select $1::int4 as n", (Object) null);
            assertTrue(nulls.rows().getFirst().isNull(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void binaryBoolParameter(Target t) throws Exception {
        try (Connection c = connect(t)) {
            assertTrue(c.execute("select $1::bool as b", true).rows().getFirst().getBoolean(0));
            assertEquals(false, c.execute("select $1 as b", false).rows().getFirst().getObject(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void moreParameterTypes(Target t) throws Exception {
        try (Connection c = connect(t)) {
            Row row = c.execute("select $1::numeric as n, $2::date as d", new BigDecimal("12.345"), LocalDate.of(2026, 11, 23))
                    .rows().getFirst();
            assertEquals(new BigDecimal("12.345"), row.getBigDecimal(0));
            assertEquals(LocalDate.of(2026, 11, 23), row.getLocalDate(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void preparedStatementWithBinaryResults(Target t) throws Exception {
        try (Connection c = connect(t); PreparedStatement ps = c.prepare("select $1::int4 * 2 as twice, $2::text as s")) {
            assertEquals(List.of(TypeOids.INT4, TypeOids.TEXT), ps.parameterTypes());
            assertEquals(List.of("twice", "s"), ps.columns().stream().map(Column::name).toList());
            for (int i = 0; i < 5; i++) {
                Row row = ps.execute(i, "v" + i).rows().getFirst();
                assertEquals(1, ps.columns().getFirst().format(), "int4 is asked for in binary");
                assertEquals(2 * i, row.getInt(0));
                assertEquals("v" + i, row.getString(1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void errorsLeaveTheSessionUsable(Target t) throws Exception {
        try (Connection c = connect(t)) {
            ServerException e = assertThrows(ServerException.class, () -> c.execute("select 1 / $1::int4", 0));
            assertEquals("22012", e.sqlState());
            assertEquals("division by zero", e.serverMessage());
            assertEquals(2, c.execute("select 2").rows().getFirst().getInt(0));
            ServerException q = assertThrows(ServerException.class, () -> c.query("select 1/0"));
            assertEquals("22012", q.sqlState());
            assertEquals(3, c.query("select 3").getFirst().rows().getFirst().getInt(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void transactionStatus(Target t) throws Exception {
        try (Connection c = connect(t)) {
            c.execute("begin");
            assertEquals(TransactionStatus.IN_TRANSACTION, c.transactionStatus());
            assertThrows(ServerException.class, () -> c.execute("select 1 / 0"));
            assertEquals(TransactionStatus.IN_ERROR, c.transactionStatus());
            c.execute("rollback");
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void asyncQueriesInFlight(Target t) throws Exception {
        try (Connection c = connect(t)) {
            List<CompletableFuture<Result>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(i == 50 ? c.executeAsync("select 1 / 0") : c.executeAsync("select $1::int4 + 1", i));
            }
            for (int i = 0; i < 100; i++) {
                if (i == 50) {
                    ExecutionException e = assertThrows(ExecutionException.class, futures.get(i)::get);
                    assertEquals("22012", ((ServerException) e.getCause()).sqlState());
                } else {
                    assertEquals(i + 1, futures.get(i).get(30, TimeUnit.SECONDS).rows().getFirst().getInt(0));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pipelineAbortsTheRestOfASegment(Target t) throws Exception {
        try (Connection c = connect(t)) {
            CompletableFuture<Result> first;
            CompletableFuture<Result> failing;
            CompletableFuture<Result> skipped;
            CompletableFuture<TransactionStatus> sync;
            CompletableFuture<Result> next;
            try (Pipeline p = c.pipeline()) {
                first = p.execute("select $1::int4", 1);
                failing = p.execute("select 1 / 0");
                skipped = p.execute("select 3");
                sync = p.sync();
                next = p.execute("select $1::text", "after");
            }
            assertEquals(1, first.get().rows().getFirst().getInt(0));
            assertEquals("22012", ((ServerException) assertThrows(ExecutionException.class, failing::get).getCause())
                    .sqlState());
            assertInstanceOf(PipelineAbortedException.class, assertThrows(ExecutionException.class, skipped::get)
                    .getCause());
            assertEquals(TransactionStatus.IDLE, sync.get());
            assertEquals("after", next.get().rows().getFirst().getString(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void threadsShareAConnection(Target t) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Connection c = connect(t)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                answers.add(pool.submit(() -> n % 2 == 0
                        ? c.execute("select $1::int4 * 3", n).rows().getFirst().getInt(0)
                        : c.executeAsync("select $1::int4 * 3", n).get().rows().getFirst().getInt(0)));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(3 * i, answers.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void streamingSuspendsThePortal(Target t) throws Exception {
        try (Connection c = connect(t)) {
            List<Integer> got = new ArrayList<>();
            // a row limit of 1: the row, PortalSuspended, then another Execute gets CommandComplete
            Result r = c.stream("select $1::int4 as n", 1, row -> got.add(row.getInt(0)), 7);
            assertEquals(List.of(7), got);
            assertEquals("SELECT 1", r.commandTag());
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void streamingInBatches(Target t) throws Exception {
        postgresOnly(t, "Tusk has no set-returning functions yet (generate_series), so no result of many rows",
                "select n from generate_series(1, 3) n");
        try (Connection c = connect(t)) {
            AtomicLong sum = new AtomicLong();
            Result r = c.stream("select n from generate_series(1, $1::int4) n", 100, row -> sum.addAndGet(row.getInt(0)),
                    10_000);
            assertEquals("SELECT 10000", r.commandTag());
            assertEquals(10_000L * 10_001 / 2, sum.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void copyInAndOut(Target t) throws Exception {
        try (Connection c = connect(t)) {
            c.execute("create table suite_copy(id int, name text)");
            CopyIn in = c.copyIn("copy suite_copy from stdin (format csv)");
            for (int i = 1; i <= 100; i++) {
                in.write((i + ",n" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            in.close();
            assertEquals(100, in.rowCount());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(100, c.copyOut("copy suite_copy to stdout", out));
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("1\tn1\n2\tn2\n"));
            CopyIn failing = c.copyIn("copy suite_copy from stdin");
            failing.write("7\tx\n".getBytes(StandardCharsets.UTF_8));
            failing.fail("stop");
            ByteArrayOutputStream after = new ByteArrayOutputStream();
            assertEquals(100, c.copyOut("copy suite_copy (id) to stdout", after), "the failed COPY stored nothing");
            c.execute("drop table suite_copy");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void listenNotify(Target t) throws Exception {
        try (Connection listener = connect(t); Connection sender = connect(t)) {
            listener.execute("listen suite");
            assertNull(listener.pollNotification(Duration.ofMillis(20)));
            sender.execute("select pg_notify('suite', 'hello')");
            Notification n = listener.pollNotification(Duration.ofSeconds(10));
            assertNotNull(n);
            assertEquals(new Notification(sender.backendPid(), "suite", "hello"), n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void cancel(Target t) throws Exception {
        try (Connection c = connect(t)) {
            CompletableFuture<Result> running = c.executeAsync("select pg_sleep(10)");
            long start = System.nanoTime();
            while (!running.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
                Thread.sleep(100);
                c.cancel();
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(5, TimeUnit.SECONDS));
            assertEquals("57014", ((ServerException) e.getCause()).sqlState());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void targetSessionAttrs(Target t) throws Exception {
        try (Connection c = factory().connect(conninfo(t) + "target_session_attrs=read-write")) {
            assertTrue(c.isOpen());
        }
        try (Connection c = factory().connect(conninfo(t) + "target_session_attrs=primary")) {
            assertTrue(c.isOpen());
        }
        PgException e = assertThrows(PgException.class,
                () -> factory().connect(conninfo(t) + "target_session_attrs=standby"));
        assertTrue(e.getMessage().endsWith("failed: server is not in hot standby mode"), e.getMessage());
    }

    /**
     * COPY BOTH through streaming replication: on PostgreSQL a physical replication connection streams WAL
     * from the current position (XLogData after a write, a keepalive answering a standby status update that
     * asks for a reply, CopyDone both ways); Tusk has no WAL senders and refuses the connection as
     * PostgreSQL with max_wal_senders = 0 does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void copyBothStreamsReplication(Target t) throws Exception {
        if (t == Target.TUSK) {
            ServerException e = assertThrows(ServerException.class, () -> factory().connect(conninfo(t) + "replication=true"));
            assertEquals("FATAL", e.severity());
            assertEquals("53300", e.sqlState());
            assertTrue(e.getMessage().endsWith(
                    "FATAL:  number of requested standby connections exceeds max_wal_senders (currently 0)"), e.getMessage());
            return;
        }
        try (Connection c = factory().connect(conninfo(t) + "replication=true"); Connection other = connect(t)) {
            Row system = c.query("IDENTIFY_SYSTEM").getFirst().rows().getFirst();
            String position = system.getString(2);
            long start = Long.parseUnsignedLong(position.substring(0, position.indexOf('/')), 16) << 32
                    | Long.parseUnsignedLong(position.substring(position.indexOf('/') + 1), 16);
            org.tusk.client.CopyBoth copy = c.copyBoth("START_REPLICATION PHYSICAL " + position);
            other.query("create table copy_both_wal(a int); insert into copy_both_wal values (1); drop table copy_both_wal");
            java.nio.ByteBuffer w = replicationMessage(copy, 'w');
            assertEquals(start, w.getLong(1), "XLogData starts where START_REPLICATION asked");
            java.nio.ByteBuffer status = java.nio.ByteBuffer.allocate(34);
            status.put((byte) 'r').putLong(start).putLong(start).putLong(start).putLong(0).put((byte) 1);
            copy.write(status.array());
            java.nio.ByteBuffer k = replicationMessage(copy, 'k');
            assertEquals(18, k.remaining(), "keepalive: 'k', WAL end, clock, reply flag");
            copy.close();
            assertEquals(system.getString(0), c.query("IDENTIFY_SYSTEM").getFirst().rows().getFirst().getString(0));
        }
    }

    /** The next CopyData of the kind {@code kind} ('w' XLogData, 'k' keepalive), skipping the other kind. */
    private static java.nio.ByteBuffer replicationMessage(org.tusk.client.CopyBoth copy, char kind) throws PgException {
        while (true) {
            byte[] m = copy.read();
            assertNotNull(m, "the server ended the copy");
            assertTrue(m[0] == 'w' || m[0] == 'k', "unexpected replication message " + (char) m[0]);
            if (m[0] == kind) {
                return java.nio.ByteBuffer.wrap(m);
            }
        }
    }
}
