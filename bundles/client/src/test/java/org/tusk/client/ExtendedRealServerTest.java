package org.tusk.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.protocol.TypeOids;

/**
 * The extended protocol, pipelining, COPY, LISTEN/NOTIFY, target_session_attrs, client certificates
 * and SCRAM channel binding against a real PostgreSQL 15 (one server for the class).
 */
class ExtendedRealServerTest {

    private static PostgresServer pg;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
        pg.psql("""
                create role ro_user login;
                alter role ro_user set default_transaction_read_only = on;
                """);
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    private ConnectionFactory factory() {
        return ConnectionFactory.withEnvironment(ClientEnvironment.of(Map.of(), home, "nobody", "/nonexistent", w -> { }));
    }

    private Connection connect(String conninfo) throws PgException {
        return factory().connect("host=127.0.0.1 port=" + pg.port + " dbname=postgres " + conninfo);
    }

    /** libpq's prefix of a refusal at connection time, for the server of this class. */
    private static String failedAt() {
        return "connection to server at \"127.0.0.1\", port " + pg.port + " failed: ";
    }

    private Connection connect() throws PgException {
        return connect("user=trust_user sslmode=disable");
    }

    @Test
    void typedParametersRoundTrip() throws Exception {
        UUID uuid = UUID.randomUUID();
        LocalDate date = LocalDate.of(2026, 11, 23);
        LocalTime time = LocalTime.of(20, 42, 1, 500_000_000);
        LocalDateTime ts = LocalDateTime.of(date, time);
        OffsetDateTime tstz = OffsetDateTime.of(ts, ZoneOffset.ofHours(2));
        byte[] bytes = {0, 1, (byte) 0xff, 'x'};
        Object[] values = {42, 9_000_000_000L, (short) 7, true, 1.25, 2.5f, new BigDecimal("-12345.6789"), "héllo",
            bytes, date, time, ts, tstz, uuid, List.of(1, 2, 3), List.of("a", "b,c", "d\"e")};
        String sql = "select $1, $2, $3, $4, $5, $6, $7, $8::text, $9, $10, $11, $12, $13, $14, $15, $16";
        try (Connection c = connect()) {
            c.query("set timezone = 'UTC'");
            Result text = c.execute(sql, values);
            assertEquals(List.of(TypeOids.INT4, TypeOids.INT8, TypeOids.INT2, TypeOids.BOOL, TypeOids.FLOAT8,
                    TypeOids.FLOAT4, TypeOids.NUMERIC, TypeOids.TEXT, TypeOids.BYTEA, TypeOids.DATE, TypeOids.TIME,
                    TypeOids.TIMESTAMP, TypeOids.TIMESTAMPTZ, TypeOids.UUID, 1007, 1009),
                    text.columns().stream().map(Column::typeOid).toList());
            // prepare() lets the server infer parameter types, so the statement says them
            try (PreparedStatement ps = c.prepare("select $1::int4, $2::int8, $3::int2, $4::bool, $5::float8, "
                    + "$6::float4, $7::numeric, $8::text, $9::bytea, $10::date, $11::time, $12::timestamp, "
                    + "$13::timestamptz, $14::uuid, $15::int4[], $16::text[]")) {
                Result binary = ps.execute(values);
                assertTrue(binary.columns().stream().allMatch(col -> col.format() == 1), binary.columns().toString());
                for (Result r : List.of(text, binary)) {
                    Row row = r.rows().getFirst();
                    assertEquals(42, row.getObject(0));
                    assertEquals(42, row.getInt(0));
                    assertEquals(9_000_000_000L, row.getLong(1));
                    assertEquals((short) 7, row.getShort(2));
                    assertTrue(row.getBoolean(3));
                    assertEquals(1.25, row.getDouble(4));
                    assertEquals(2.5f, row.getFloat(5));
                    assertEquals(new BigDecimal("-12345.6789"), row.getBigDecimal(6));
                    assertEquals("héllo", row.getString(7));
                    assertArrayEquals(bytes, row.getBytes(8));
                    assertEquals(date, row.getLocalDate(9));
                    assertEquals(time, row.getLocalTime(10));
                    assertEquals(ts, row.getLocalDateTime(11));
                    assertTrue(tstz.isEqual(row.getOffsetDateTime(12)), row.getOffsetDateTime(12).toString());
                    assertEquals(uuid, row.getUuid(13));
                    assertEquals(List.of(1, 2, 3), row.getList(14));
                    assertEquals(List.of("a", "b,c", "d\"e"), row.getList(15));
                    assertEquals(9_000_000_000L, row.get(1, Long.class));
                    assertEquals(42L, row.get(0, Long.class));
                    assertEquals("42", row.getString(0));
                    assertEquals("t", row.getString(3));
                }
                assertArrayEquals(new byte[] {0, 0, 0, 42}, binary.rows().getFirst().bytes(0), "raw binary int4");
                assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), text.rows().getFirst().bytes(0), "raw text");
            }
            Result nulls = c.execute("select $1::int4 as a, $2::text as b, $3::int8[] as c", null, null,
                    List.of(List.of(1L, 2L), Arrays.asList(3L, null)));
            Row row = nulls.rows().getFirst();
            assertTrue(row.isNull(0));
            assertNull(row.getObject(1));
            assertThrows(IllegalStateException.class, () -> row.getInt(0));
            assertEquals(List.of(List.of(1L, 2L), Arrays.asList(3L, null)), row.getList(2));
            // a String parameter is untyped: the server infers it from the context, as for a literal
            assertEquals(12, c.execute("select $1 + 5 as x", "7").rows().getFirst().getInt(0));
            assertEquals("SELECT 1", c.execute("select 1").commandTag());
        }
    }

    @Test
    void preparedStatements() throws Exception {
        try (Connection c = connect()) {
            PreparedStatement ps = c.prepare("select n, n * $2 as m, $1::text as s from generate_series(1, $3::int) n");
            assertEquals(List.of(TypeOids.TEXT, TypeOids.INT4, TypeOids.INT4), ps.parameterTypes());
            assertEquals(List.of("n", "m", "s"), ps.columns().stream().map(Column::name).toList());
            for (int k = 1; k <= 3; k++) {
                Result r = ps.execute("x" + k, 10 * k, k);
                assertEquals(k, r.rows().size());
                assertEquals(10 * k * k, r.rows().getLast().getInt(1));
                assertEquals("x" + k, r.rows().getLast().getString("s"));
            }
            // an int8 value for an int4 parameter goes as text, which the server parses
            assertEquals(2, ps.execute("y", 1L, 2L).rows().size());
            assertThrows(PgException.class, () -> ps.execute("too few"));
            assertEquals("1", c.execute("select count(*) from pg_prepared_statements where name = $1", ps.name())
                    .rows().getFirst().getString(0));
            ps.close();
            ps.close();
            assertEquals("0", c.execute("select count(*) from pg_prepared_statements where name = $1", ps.name())
                    .rows().getFirst().getString(0));
            assertThrows(PgException.class, () -> ps.execute("x", 1, 1));
            ServerException e = assertThrows(ServerException.class, () -> c.prepare("select nosuch"));
            assertEquals("42703", e.sqlState());
            assertEquals(8, e.position());
            assertEquals("1", c.execute("select 1").rows().getFirst().getString(0));
        }
    }

    @Test
    void errorsKeepTheSessionAndTransactionStatus() throws Exception {
        try (Connection c = connect()) {
            ServerException e = assertThrows(ServerException.class, () -> c.execute("select 1 / $1", 0));
            assertEquals("22012", e.sqlState());
            c.execute("begin");
            assertEquals(TransactionStatus.IN_TRANSACTION, c.transactionStatus());
            assertThrows(ServerException.class, () -> c.execute("select 1 / $1", 0));
            assertEquals(TransactionStatus.IN_ERROR, c.transactionStatus());
            ServerException aborted = assertThrows(ServerException.class, () -> c.execute("select 1"));
            assertEquals("25P02", aborted.sqlState());
            c.execute("rollback");
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            List<Notice> notices = new ArrayList<>();
            c.setNoticeListener(notices::add);
            c.execute("do $$ begin raise notice 'from extended'; end $$");
            assertEquals("from extended", notices.getFirst().message());
        }
    }

    @Test
    void streamingFetchesInBatches() throws Exception {
        try (Connection c = connect()) {
            AtomicLong count = new AtomicLong();
            AtomicLong sum = new AtomicLong();
            Result r = c.stream("select n, repeat('x', 100) as pad from generate_series(1, $1::int) n", 1000, row -> {
                count.incrementAndGet();
                sum.addAndGet(row.getLong(0));
            }, 200_000);
            assertEquals(200_000, count.get());
            assertEquals(200_000L * 200_001 / 2, sum.get());
            assertEquals("SELECT 200000", r.commandTag());
            assertTrue(r.rows().isEmpty());
            assertEquals(1, r.columns().get(0).format(), "int4 comes in binary");
            // the portal is suspended between batches: rows arrive before the query ends, in one transaction
            List<String> seen = new ArrayList<>();
            c.stream("select txid_current_if_assigned() is null, n from generate_series(1, 5) n", 2,
                    row -> seen.add(row.getString(1)));
            assertEquals(List.of("1", "2", "3", "4", "5"), seen);
            // a consumer failure stops the stream; the session goes on
            IllegalStateException stop = assertThrows(IllegalStateException.class, () -> c.stream(
                    "select n from generate_series(1, 100000) n", 100, row -> {
                        if (row.getInt(0) == 150) {
                            throw new IllegalStateException("enough");
                        }
                    }));
            assertEquals("enough", stop.getMessage());
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            ServerException e = assertThrows(ServerException.class,
                    () -> c.stream("select 1 / (n - 3) from generate_series(1, 5) n", 1, row -> { }));
            assertEquals("22012", e.sqlState());
            assertThrows(ServerException.class, () -> c.stream("select nosuch", 1, row -> { }));
            assertEquals("1", c.execute("select 1").rows().getFirst().getString(0));
        }
    }

    @Test
    void asyncQueriesInFlightTogether() throws Exception {
        try (Connection c = connect()) {
            List<CompletableFuture<Result>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(i == 100 ? c.executeAsync("select 1 / 0") : c.executeAsync("select $1::int * 2", i));
            }
            for (int i = 0; i < 200; i++) {
                if (i == 100) {
                    ExecutionException e = assertThrows(ExecutionException.class, futures.get(i)::get);
                    assertEquals("22012", ((ServerException) e.getCause()).sqlState());
                } else {
                    assertEquals(2 * i, futures.get(i).get(10, TimeUnit.SECONDS).rows().getFirst().getInt(0));
                }
            }
            PreparedStatement ps = c.prepare("select $1::int + 1");
            List<CompletableFuture<Result>> more = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                more.add(ps.executeAsync(i));
            }
            assertEquals(50, c.execute("select 50").rows().getFirst().getInt(0), "a synchronous call among them");
            for (int i = 0; i < 50; i++) {
                assertEquals(i + 1, more.get(i).get(10, TimeUnit.SECONDS).rows().getFirst().getInt(0));
            }
        }
    }

    @Test
    void pipelineSegmentsAbortAfterAnError() throws Exception {
        try (Connection c = connect()) {
            c.execute("create temp table p(x int primary key)");
            CompletableFuture<Result> a;
            CompletableFuture<Result> bad;
            CompletableFuture<Result> skipped;
            CompletableFuture<TransactionStatus> firstSync;
            CompletableFuture<Result> after;
            CompletableFuture<Result> inserts;
            try (Pipeline p = c.pipeline()) {
                a = p.execute("insert into p values ($1)", 1);
                bad = p.execute("insert into p values ($1)", 1);
                skipped = p.execute("insert into p values ($1)", 2);
                firstSync = p.sync();
                after = p.execute("select count(*) from p");
                for (int i = 10; i < 1010; i++) {
                    p.execute("insert into p values ($1)", i);
                }
                inserts = p.execute("select count(*) from p");
            }
            assertEquals("INSERT 0 1", a.get().commandTag());
            ExecutionException e = assertThrows(ExecutionException.class, bad::get);
            assertEquals("23505", ((ServerException) e.getCause()).sqlState());
            ExecutionException s = assertThrows(ExecutionException.class, skipped::get);
            assertInstanceOf(PipelineAbortedException.class, s.getCause());
            assertEquals(TransactionStatus.IDLE, firstSync.get());
            assertEquals(0, after.get().rows().getFirst().getLong(0), "the failed segment was one transaction");
            assertEquals(1000, inserts.get().rows().getFirst().getLong(0));
            // a prepared statement in a pipeline, inside an explicit transaction
            PreparedStatement ins = c.prepare("insert into p values ($1)");
            CompletableFuture<TransactionStatus> inTx;
            try (Pipeline p = c.pipeline()) {
                p.execute("begin");
                for (int i = 2000; i < 2100; i++) {
                    p.execute(ins, i);
                }
                inTx = p.sync();
                p.execute("commit");
            }
            assertEquals(TransactionStatus.IN_TRANSACTION, inTx.get());
            assertEquals(1100, c.execute("select count(*) from p").rows().getFirst().getLong(0));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @Test
    void severalThreadsMixSynchronousAndAsynchronousCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Connection c = connect()) {
            PreparedStatement ps = c.prepare("select $1::int * 3");
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                answers.add(pool.submit(() -> switch (n % 4) {
                    case 0 -> c.execute("select $1::int * 3", n).rows().getFirst().getInt(0);
                    case 1 -> ps.execute(n).rows().getFirst().getInt(0);
                    case 2 -> ps.executeAsync(n).get().rows().getFirst().getInt(0);
                    default -> c.query("select " + n + " * 3").getFirst().rows().getFirst().getInt(0);
                }));
            }
            for (int i = 0; i < 400; i++) {
                assertEquals(3 * i, answers.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void copyInAndOut() throws Exception {
        try (Connection c = connect()) {
            c.execute("create temp table cp(id int, name text)");
            CopyIn in = c.copyIn("copy cp from stdin (format csv)");
            for (int i = 1; i <= 5000; i++) {
                in.write((i + ",name " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(-1, in.rowCount());
            in.close();
            assertEquals(5000, in.rowCount());
            assertEquals(5000, c.execute("select count(*) from cp").rows().getFirst().getLong(0));
            // CopyFail rolls the COPY back; the session goes on
            CopyIn failing = c.copyIn("copy cp from stdin (format csv)");
            failing.write("9999,never\n".getBytes(StandardCharsets.UTF_8));
            failing.fail("client gave up");
            failing.close();
            assertEquals(0, c.execute("select count(*) from cp where id = 9999").rows().getFirst().getLong(0));
            // bad data: the server's error comes at close
            CopyIn bad = c.copyIn("copy cp from stdin (format csv)");
            bad.write("notanumber,x\n".getBytes(StandardCharsets.UTF_8));
            IOException e = assertThrows(IOException.class, bad::close);
            assertEquals("22P02", ((ServerException) e.getCause()).sqlState());
            assertThrows(PgException.class, () -> c.copyIn("select 1"));
            // COPY through execute(): FROM STDIN is refused with CopyFail, TO STDOUT's data dropped
            ServerException refused = assertThrows(ServerException.class, () -> c.execute("copy cp from stdin"));
            assertEquals("57014", refused.sqlState());
            assertEquals("COPY 5000", c.execute("copy cp to stdout").commandTag());
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long rows = c.copyOut("copy (select id, name from cp where id <= 3 order by id) to stdout (format csv)", out);
            assertEquals(3, rows);
            assertEquals("1,name 1\n2,name 2\n3,name 3\n", out.toString(StandardCharsets.UTF_8));
            OutputStream broken = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("disk full");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("disk full");
                }
            };
            PgException failed = assertThrows(PgException.class, () -> c.copyOut("copy cp to stdout", broken));
            assertTrue(failed.getMessage().contains("disk full"), failed.getMessage());
            assertEquals(5000, c.execute("select count(*) from cp").rows().getFirst().getLong(0));
        }
    }

    @Test
    void copyThroughQueryWithAHandler() throws Exception {
        try (Connection c = connect()) {
            c.execute("create temp table qc(id int, name text)");
            List<String> asked = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CopyHandler handler = new CopyHandler() {
                @Override
                public java.io.InputStream copyIn(boolean binary) {
                    asked.add("in " + binary);
                    return new java.io.ByteArrayInputStream("1\tone\n2\ttwo\n".getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public OutputStream copyOut(boolean binary) {
                    asked.add("out " + binary);
                    return out;
                }
            };
            // a statement that is not a COPY touches no stream; several statements, one of them COPYs
            List<Result> rs = c.query("select 1; copy qc from stdin; copy qc to stdout (format csv); select 2", handler);
            assertEquals(List.of("SELECT 1", "COPY 2", "COPY 2", "SELECT 1"), rs.stream().map(Result::commandTag).toList());
            assertEquals(List.of("in false", "out false"), asked);
            assertEquals("1,one\n2,two\n", out.toString(StandardCharsets.UTF_8));
            out.reset();
            c.query("copy qc to stdout (format binary)", handler);
            assertEquals("out true", asked.getLast());
            assertEquals("PGCOPY\n\377\r\n\0", out.toString(StandardCharsets.ISO_8859_1).substring(0, 11));

            // a bad row: the server's COPY error, with its context
            CopyHandler bad = new CopyHandler() {
                @Override
                public java.io.InputStream copyIn(boolean binary) {
                    return new java.io.ByteArrayInputStream("3\tthree\nx\tfour\n".getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public OutputStream copyOut(boolean binary) {
                    return out;
                }
            };
            ServerException e = assertThrows(ServerException.class, () -> c.query("copy qc from stdin", bad));
            assertEquals("22P02", e.sqlState());
            assertEquals("COPY qc, line 2, column id: \"x\"", e.fields().get(org.tusk.protocol.ErrorFields.WHERE));
            // a failing source sends CopyFail with its message
            CopyHandler failing = new CopyHandler() {
                @Override
                public java.io.InputStream copyIn(boolean binary) throws IOException {
                    throw new IOException("no such file");
                }

                @Override
                public OutputStream copyOut(boolean binary) {
                    return out;
                }
            };
            ServerException failed = assertThrows(ServerException.class, () -> c.query("copy qc from stdin", failing));
            assertEquals("57014", failed.sqlState());
            assertEquals("COPY from stdin failed: no such file", failed.serverMessage());
            assertEquals(2, c.query("select count(*) from qc").getFirst().rows().getFirst().getLong(0));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @Test
    void theFatalErrorOfATerminatedBackendIsReported() throws Exception {
        // idle when terminated, over TCP and over the Unix socket (where the write itself fails first)
        for (String where : List.of("host=127.0.0.1 port=" + pg.port, "host=" + pg.base + " port=" + pg.port)) {
            Connection c = factory().connect(where + " dbname=postgres user=postgres");
            try (Connection killer = connect("user=postgres")) {
                // with a timeout, pg_terminate_backend waits until the backend has exited
                killer.execute("select pg_terminate_backend($1, 10000)", c.backendPid());
            }
            ServerException e = assertThrows(ServerException.class, () -> c.query("select 1"), where);
            assertEquals("FATAL", e.severity());
            assertEquals("57P01", e.sqlState());
            assertEquals("terminating connection due to administrator command", e.serverMessage());
            assertFalse(c.isOpen());
            // later requests fail the same way
            assertEquals("57P01", assertThrows(ServerException.class, () -> c.query("select 2")).sqlState());
            c.close();
        }
        // terminated while running a query
        try (Connection c = connect(); Connection killer = connect()) {
            CompletableFuture<Result> sleeping = c.executeAsync("select pg_sleep(30)");
            Thread.sleep(200);
            killer.execute("select pg_terminate_backend($1)", c.backendPid());
            Throwable t = assertThrows(ExecutionException.class, () -> sleeping.get(10, TimeUnit.SECONDS)).getCause();
            assertEquals("57P01", assertInstanceOf(ServerException.class, t).sqlState());
        }
    }

    @Test
    void listenNotify() throws Exception {
        try (Connection listener = connect(); Connection sender = connect()) {
            listener.execute("listen events");
            assertNull(listener.pollNotification(Duration.ofMillis(50)));
            sender.execute("select pg_notify('events', 'first')");
            Notification n = listener.pollNotification(Duration.ofSeconds(10));
            assertEquals(new Notification(sender.backendPid(), "events", "first"), n);
            // notifications that arrived while idle are read when the application asks
            sender.execute("notify events, 'second'");
            sender.execute("notify events, 'third'");
            assertEquals("second", listener.pollNotification(Duration.ofSeconds(10)).payload());
            assertEquals("third", listener.pollNotification(Duration.ofSeconds(10)).payload());
            assertEquals("1", listener.execute("select 1").rows().getFirst().getString(0));
            LinkedBlockingQueue<Notification> pushed = new LinkedBlockingQueue<>();
            listener.setNotificationListener(pushed::add);
            sender.execute("notify events, 'pushed'");
            assertEquals("pushed", pushed.poll(10, TimeUnit.SECONDS).payload());
            listener.setNotificationListener(null);
            assertEquals("2", listener.execute("select 2").rows().getFirst().getString(0));
        }
    }

    @Test
    void targetSessionAttrs() throws Exception {
        String two = "host=127.0.0.1,localhost port=" + pg.port + " dbname=postgres sslmode=disable ";
        try (Connection c = factory().connect(two + "user=trust_user target_session_attrs=read-write")) {
            assertEquals("127.0.0.1", c.host());
        }
        PgException e = assertThrows(PgException.class,
                () -> factory().connect(two + "user=ro_user target_session_attrs=read-write"));
        assertEquals("connection to server at \"127.0.0.1\", port " + pg.port + " failed: session is read-only\n"
                + "connection to server at \"localhost\" (127.0.0.1), port " + pg.port + " failed: session is read-only",
                e.getMessage());
        try (Connection c = factory().connect(two + "user=ro_user target_session_attrs=read-only")) {
            assertEquals("on", c.parameterStatus("default_transaction_read_only"));
        }
        assertThrows(PgException.class, () -> factory().connect(two + "user=trust_user target_session_attrs=read-only"));
        // options= reach the same through SHOW/ParameterStatus
        try (Connection c = factory().connect(two
                + "user=trust_user target_session_attrs=read-only options='-c default_transaction_read_only=on'")) {
            assertTrue(c.isOpen());
        }
        try (Connection c = factory().connect(two + "user=trust_user target_session_attrs=primary")) {
            assertEquals("off", c.parameterStatus("in_hot_standby"));
        }
        PgException standby = assertThrows(PgException.class,
                () -> factory().connect(two + "user=trust_user target_session_attrs=standby"));
        assertTrue(standby.getMessage().endsWith("failed: server is not in hot standby mode"), standby.getMessage());
        try (Connection c = factory().connect(two + "user=trust_user target_session_attrs=prefer-standby")) {
            assertEquals("127.0.0.1", c.host(), "no standby: the second pass takes the first server");
        }
        assertEquals("invalid target_session_attrs value: \"master\"", assertThrows(PgException.class,
                () -> factory().connect(two + "user=trust_user target_session_attrs=master")).getMessage());
    }

    @Test
    void scramChannelBinding() throws Exception {
        try (Connection c = connect("user=scram_user password='scram pw' sslmode=require channel_binding=require")) {
            assertTrue(c.isSsl());
            assertEquals("scram_user", c.execute("select current_user").rows().getFirst().getString(0));
        }
        try (Connection c = connect("user=scram_user password='scram pw' sslmode=require channel_binding=disable")) {
            assertTrue(c.isSsl());
        }
        assertEquals(failedAt() + "channel binding is required, but server did not offer an authentication method that supports "
                + "channel binding", assertThrows(PgException.class,
                        () -> connect("user=scram_user password='scram pw' sslmode=disable channel_binding=require"))
                        .getMessage());
        assertEquals(failedAt() + "channel binding required but not supported by server's authentication request",
                assertThrows(PgException.class,
                        () -> connect("user=md5_user password='md5 pw' sslmode=require channel_binding=require"))
                        .getMessage());
        assertEquals(failedAt() + "channel binding required, but server authenticated client without channel binding",
                assertThrows(PgException.class, () -> connect("user=trust_user sslmode=require channel_binding=require"))
                        .getMessage());
        assertEquals("invalid channel_binding value: \"maybe\"", assertThrows(PgException.class,
                () -> connect("user=trust_user channel_binding=maybe")).getMessage());
    }

    private Path privateCopy(String name) throws IOException {
        Path p = home.resolve(name);
        Files.copy(pg.file(name), p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    @Test
    void clientCertificates() throws Exception {
        Path cert = privateCopy("client.crt");
        String root = pg.certificate().toString();
        for (String key : List.of("client.key", "client-pkcs1.key", "client-encrypted.key")) {
            Path k = privateCopy(key);
            try (Connection c = connect("user=cert_user sslmode=verify-full host=localhost sslrootcert=" + root
                    + " sslcert=" + cert + " sslkey=" + k + " sslpassword='key secret'")) {
                assertEquals("cert_user", c.execute("select current_user").rows().getFirst().getString(0), key);
                assertEquals("t", c.execute("select client_dn = '/CN=cert_user' from pg_stat_ssl where pid = "
                        + "pg_backend_pid()").rows().getFirst().getString(0));
            }
        }
        // the default location ~/.postgresql/postgresql.crt and .key
        Files.createDirectories(home.resolve(".postgresql"));
        Files.copy(cert, home.resolve(".postgresql/postgresql.crt"));
        Files.copy(home.resolve("client.key"), home.resolve(".postgresql/postgresql.key"));
        try (Connection c = connect("user=cert_user sslmode=require")) {
            assertEquals("cert_user", c.execute("select current_user").rows().getFirst().getString(0));
        }
        Files.delete(home.resolve(".postgresql/postgresql.crt"));
        ServerException noCert = assertThrows(ServerException.class, () -> connect("user=cert_user sslmode=require"));
        assertEquals("28000", noCert.sqlState());
        assertEquals("connection requires a valid client certificate", noCert.serverMessage());
        Path open = home.resolve("open.key");
        Files.copy(home.resolve("client.key"), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        PgException perms = assertThrows(PgException.class,
                () -> connect("user=cert_user sslmode=require sslcert=" + cert + " sslkey=" + open));
        assertTrue(perms.getMessage().startsWith(failedAt() + "private key file \"" + open + "\" has group or world access"),
                perms.getMessage());
        PgException noPassword = assertThrows(PgException.class, () -> connect(
                "user=cert_user sslmode=require sslcert=" + cert + " sslkey=" + home.resolve("client-encrypted.key")));
        assertTrue(noPassword.getMessage().contains("no sslpassword"), noPassword.getMessage());
        assertFalse(Files.exists(home.resolve(".postgresql/postgresql.crt")));
    }

    @Test
    void cancelAnAsyncQuery() throws Exception {
        try (Connection c = connect()) {
            CompletableFuture<Result> running = c.executeAsync("select pg_sleep(10)");
            long start = System.nanoTime();
            while (!running.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
                Thread.sleep(100);
                c.cancel();
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(5, TimeUnit.SECONDS));
            assertEquals("57014", ((ServerException) e.getCause()).sqlState());
            assertEquals("3", c.execute("select 3").rows().getFirst().getString(0));
        }
    }

    @Test
    void aBrokenConnectionFailsEveryQueuedRequest() throws Exception {
        Connection c = connect();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (Connection killer = connect()) {
            CompletableFuture<Result> sleeping = c.executeAsync("select pg_sleep(30)");
            CompletableFuture<Result> queued = c.executeAsync("select 1");
            Thread.sleep(200);
            killer.execute("select pg_terminate_backend($1)", c.backendPid());
            for (CompletableFuture<Result> f : List.of(sleeping, queued)) {
                failures.add(assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause());
            }
        }
        assertTrue(failures.stream().allMatch(t -> t instanceof PgException), failures.toString());
        assertFalse(c.isOpen());
        assertThrows(PgException.class, () -> c.execute("select 1"));
        c.close();
    }

    /** "0/1552188" as a 64-bit WAL position. */
    private static long lsn(String text) {
        int slash = text.indexOf('/');
        return Long.parseUnsignedLong(text.substring(0, slash), 16) << 32 | Long.parseUnsignedLong(text.substring(slash + 1), 16);
    }

    /** Reads CopyData until one of the replication message kind {@code kind} ('w' XLogData, 'k' keepalive). */
    private static java.nio.ByteBuffer readUntil(CopyBoth copy, char kind) throws PgException {
        for (int i = 0; i < 10_000; i++) {
            byte[] m = copy.read();
            assertTrue(m != null && m.length > 0, "the server ended the copy early");
            assertTrue(m[0] == 'w' || m[0] == 'k', "a replication message: " + (char) m[0]);
            if (m[0] == kind) {
                return java.nio.ByteBuffer.wrap(m);
            }
        }
        throw new AssertionError("no message " + kind);
    }

    @Test
    void copyBothStreamsPhysicalReplication() throws Exception {
        try (Connection c = connect("user=postgres replication=database"); Connection other = connect("user=postgres")) {
            Row system = c.query("IDENTIFY_SYSTEM").getFirst().rows().getFirst();
            long start = lsn(system.getString(2));
            CopyBoth copy = c.copyBoth("START_REPLICATION PHYSICAL " + system.getString(2));
            assertFalse(copy.binary());
            other.query("create table copy_both_wal(a int); insert into copy_both_wal values (1)");

            // XLogData: 'w', the start and end of the WAL sent, the server's clock, then WAL bytes from our start.
            java.nio.ByteBuffer w = readUntil(copy, 'w');
            assertEquals(start, w.getLong(1));
            assertTrue(w.getLong(9) >= start && w.remaining() > 25, "WAL data follows the header");

            // A standby status update asking for a reply: the walsender answers with a keepalive ('k', its WAL
            // end, its clock, reply-requested flag).
            java.nio.ByteBuffer r = java.nio.ByteBuffer.allocate(34);
            r.put((byte) 'r').putLong(start).putLong(start).putLong(start).putLong(0).put((byte) 1);
            copy.write(r.array());
            java.nio.ByteBuffer k = readUntil(copy, 'k');
            assertEquals(18, k.remaining());
            assertTrue(k.getLong(1) >= start);

            copy.close(); // CopyDone; the server answers with its own and ends the command
            assertThrows(PgException.class, copy::read);
            // Back in command mode on the same connection.
            assertEquals(system.getString(0), c.query("IDENTIFY_SYSTEM").getFirst().rows().getFirst().getString(0));
            other.query("drop table copy_both_wal");
        }
    }

    @Test
    void copyBothOfOtherStatementsFailsAndKeepsTheSession() throws Exception {
        try (Connection c = connect("user=postgres replication=true")) {
            PgException e = assertThrows(PgException.class, () -> c.copyBoth("IDENTIFY_SYSTEM"));
            assertEquals("not a statement that starts COPY BOTH", e.getMessage());
            ServerException bad = assertThrows(ServerException.class, () -> c.copyBoth("START_REPLICATION PHYSICAL 0/0 TIMELINE 99"));
            assertEquals("XX000", bad.sqlState(), bad.getMessage()); // an elog ERROR: no such timeline
            assertTrue(bad.getMessage().contains("timeline 99"), bad.getMessage());
            // START_REPLICATION through query(): the client ends the copy at once instead of waiting forever.
            String lsn = c.query("IDENTIFY_SYSTEM").getFirst().rows().getFirst().getString(2);
            c.query("START_REPLICATION PHYSICAL " + lsn);
            assertEquals(1, c.query("IDENTIFY_SYSTEM").getFirst().rows().size());
        }
        try (Connection plain = connect("user=postgres")) {
            assertEquals("42601", assertThrows(ServerException.class, () -> plain.copyBoth("START_REPLICATION PHYSICAL 0/0"))
                    .sqlState());
        }
    }
}
