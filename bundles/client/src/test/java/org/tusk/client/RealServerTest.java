package org.tusk.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.TypeOids;

/** The client against a real PostgreSQL 15 (one server for the whole class). */
class RealServerTest {

    private static PostgresServer pg;

    @TempDir
    Path home;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    /** A factory that sees no PG* variables and an empty home directory, whatever the machine has. */
    private ConnectionFactory factory(Map<String, String> env) {
        return ConnectionFactory.withEnvironment(ClientEnvironment.of(env, home, "nobody", "/nonexistent",
                warnings::add));
    }

    private Connection connect(String conninfo) throws PgException {
        return factory(Map.of()).connect("host=127.0.0.1 port=" + pg.port + " dbname=postgres " + conninfo);
    }

    private static String single(Connection c, String sql) throws PgException {
        return c.query(sql).getLast().rows().getFirst().getString(0);
    }

    @Test
    void trust() throws Exception {
        try (Connection c = connect("user=trust_user sslmode=disable application_name=tusk-test")) {
            assertTrue(c.isOpen());
            assertFalse(c.isSsl());
            assertTrue(c.parameterStatus("server_version").startsWith("15"), c.parameterStatuses().toString());
            assertEquals("UTF8", c.parameterStatus("client_encoding"));
            assertEquals("tusk-test", c.parameterStatus("application_name"));
            assertTrue(c.backendPid() > 0);
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            assertEquals("trust_user", single(c, "select current_user"));
            assertEquals(Integer.toString(c.backendPid()), single(c, "select pg_backend_pid()"));
        }
    }

    @Test
    void uriAndEnvironment() throws Exception {
        try (Connection c = factory(Map.of("PGPORT", Integer.toString(pg.port), "PGUSER", "trust_user",
                "PGOPTIONS", "-c work_mem=3MB", "PGAPPNAME", "from-env", "PGSSLMODE", "disable"))
                .connect("postgresql://127.0.0.1/postgres")) {
            assertEquals("trust_user", single(c, "select current_user"));
            assertEquals("3MB", single(c, "show work_mem"));
            assertEquals("from-env", single(c, "show application_name"));
        }
    }

    @Test
    void cleartextPassword() throws Exception {
        try (Connection c = connect("user=pw_user password='pw secret'")) {
            assertEquals("pw_user", single(c, "select current_user"));
        }
    }

    @Test
    void md5() throws Exception {
        try (Connection c = connect("user=md5_user password='md5 pw'")) {
            assertEquals("md5_user", single(c, "select current_user"));
        }
    }

    @Test
    void scram() throws Exception {
        try (Connection c = connect("user=scram_user password='scram pw' sslmode=disable")) {
            assertEquals("scram_user", single(c, "select current_user"));
        }
    }

    @Test
    void passwordFromPgpass() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + pg.port + ":*:scram_user:scram pw\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        try (Connection c = connect("user=scram_user")) {
            assertEquals("scram_user", single(c, "select current_user"));
        }
    }

    @Test
    void wrongPasswordCarriesTheServersFields() {
        for (String user : List.of("scram_user", "md5_user", "pw_user")) {
            ServerException e = assertThrows(ServerException.class, () -> connect("user=" + user + " password=wrong"));
            assertEquals("28P01", e.sqlState());
            assertEquals("FATAL", e.severity());
            assertEquals("password authentication failed for user \"" + user + "\"", e.serverMessage());
            assertEquals("connection to server at \"127.0.0.1\", port " + pg.port
                    + " failed: FATAL:  password authentication failed for user \"" + user + "\"", e.getMessage());
            assertNotNull(e.fields().get(ErrorFields.FILE));
            assertNotNull(e.fields().get(ErrorFields.LINE));
            assertNotNull(e.fields().get(ErrorFields.ROUTINE));
        }
        PgException e = assertThrows(PgException.class, () -> connect("user=scram_user"));
        assertEquals("connection to server at \"127.0.0.1\", port " + pg.port
                + " failed: fe_sendauth: no password supplied", e.getMessage());
    }

    @Test
    void typesAndNulls() throws Exception {
        try (Connection c = connect("user=trust_user")) {
            Result r = c.query("select 42::int4 as i, 9000000000::int8 as l, 1.5::float8 as d, "
                    + "12.345::numeric as n, true as b, 'héllo'::text as s, null::int4 as z, "
                    + "'NaN'::float8 as nan from generate_series(1, 2)").getFirst();
            assertEquals(List.of("i", "l", "d", "n", "b", "s", "z", "nan"),
                    r.columns().stream().map(Column::name).toList());
            assertEquals(List.of(TypeOids.INT4, TypeOids.INT8, TypeOids.FLOAT8, TypeOids.NUMERIC, TypeOids.BOOL,
                    TypeOids.TEXT, TypeOids.INT4, TypeOids.FLOAT8), r.columns().stream().map(Column::typeOid).toList());
            assertEquals("SELECT 2", r.commandTag());
            assertEquals(2, r.rowsAffected());
            Row row = r.rows().getFirst();
            assertEquals(42, row.getInt(0));
            assertEquals(9_000_000_000L, row.getLong(1));
            assertEquals(1.5, row.getDouble(2));
            assertEquals(new BigDecimal("12.345"), row.getBigDecimal(3));
            assertTrue(row.getBoolean(4));
            assertEquals("héllo", row.getString(5));
            assertEquals("héllo", row.getString("s"));
            assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), row.bytes(5));
            assertTrue(row.isNull(6));
            assertNull(row.getString(6));
            assertNull(row.bytes(6));
            assertThrows(IllegalStateException.class, () -> row.getInt(6));
            assertTrue(Double.isNaN(row.getDouble(7)));
        }
    }

    @Test
    void severalStatementsAndTransactionStatus() throws Exception {
        try (Connection c = connect("user=trust_user")) {
            List<Result> rs = c.query("create temp table t(x int); insert into t values (1), (2); "
                    + "select x from t order by x; update t set x = x + 1; ;");
            assertEquals(List.of("CREATE TABLE", "INSERT 0 2", "SELECT 2", "UPDATE 2"),
                    rs.stream().map(Result::commandTag).toList());
            assertEquals(List.of("1", "2"), rs.get(2).rows().stream().map(r -> r.getString(0)).toList());
            assertEquals(List.of(""), c.query("").stream().map(Result::commandTag).toList());
            c.query("begin");
            assertEquals(TransactionStatus.IN_TRANSACTION, c.transactionStatus());
            assertThrows(ServerException.class, () -> c.query("select 1/0"));
            assertEquals(TransactionStatus.IN_ERROR, c.transactionStatus());
            c.query("rollback");
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    @Test
    void errorWithPosition() throws Exception {
        try (Connection c = connect("user=trust_user")) {
            ServerException e = assertThrows(ServerException.class, () -> c.query("select nosuchcolumn"));
            assertEquals("42703", e.sqlState());
            assertEquals("ERROR", e.severity());
            assertEquals("column \"nosuchcolumn\" does not exist", e.serverMessage());
            assertEquals(8, e.position());
            assertEquals("8", e.fields().get(ErrorFields.POSITION));
            // the session goes on
            assertEquals("1", single(c, "select 1"));
        }
    }

    @Test
    void notices() throws Exception {
        try (Connection c = connect("user=trust_user")) {
            List<Notice> got = new ArrayList<>();
            c.setNoticeListener(got::add);
            c.query("do $$ begin raise notice 'hello %', 42; raise warning 'careful' using hint = 'h'; end $$");
            assertEquals(2, got.size());
            assertEquals("NOTICE", got.get(0).severity());
            assertEquals("hello 42", got.get(0).message());
            assertEquals("00000", got.get(0).sqlState());
            assertEquals("WARNING", got.get(1).severity());
            assertEquals("h", got.get(1).fields().get(ErrorFields.HINT));
        }
    }

    @Test
    void cancel() throws Exception {
        try (Connection c = connect("user=trust_user")) {
            long start = System.nanoTime();
            CompletableFuture<List<Result>> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.query("select pg_sleep(10)");
                } catch (PgException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // A cancel that arrives before the query starts is ignored by the server: repeat until it lands.
            while (!running.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
                Thread.sleep(200);
                c.cancel();
            }
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> running.get(5, TimeUnit.SECONDS)).getCause();
            ServerException e = (ServerException) failure;
            assertEquals("57014", e.sqlState());
            assertEquals("canceling statement due to user request", e.serverMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9));
            assertEquals("1", single(c, "select 1"));
        }
    }

    @Test
    void connectionAccessorsAndRefusalPrefixes() throws Exception {
        try (Connection c = factory(Map.of()).connect("host=localhost port=" + pg.port + " user=postgres dbname=template1")) {
            assertEquals("localhost", c.host());
            assertEquals("127.0.0.1", c.hostaddr()); // the server listens on IPv4 loopback only
            assertEquals("postgres", c.user());
            assertEquals("template1", c.database());
        }
        ServerException tcp = assertThrows(ServerException.class,
                () -> factory(Map.of()).connect("host=127.0.0.1 port=" + pg.port + " user=postgres dbname=nosuchdb"));
        assertEquals("connection to server at \"127.0.0.1\", port " + pg.port
                + " failed: FATAL:  database \"nosuchdb\" does not exist", tcp.getMessage());
        assertEquals("3D000", tcp.sqlState());
        ServerException socket = assertThrows(ServerException.class,
                () -> factory(Map.of()).connect("host=" + pg.base + " port=" + pg.port + " user=postgres dbname=nosuchdb"));
        assertEquals("connection to server on socket \"" + pg.base + "/.s.PGSQL." + pg.port
                + "\" failed: FATAL:  database \"nosuchdb\" does not exist", socket.getMessage());
    }

    @Test
    void unixSocket() throws Exception {
        try (Connection c = factory(Map.of()).connect("host=" + pg.base + " port=" + pg.port + " user=postgres")) {
            assertEquals(pg.base.toString(), c.host());
            assertEquals("", c.hostaddr());
            assertEquals(pg.port, c.port());
            assertEquals("postgres", c.user());
            assertEquals("postgres", c.database()); // libpq's default: the user name
            assertFalse(c.isSsl());
            assertEquals("postgres", single(c, "select current_user"));
            assertNull(single(c, "select inet_client_addr()"));
            // cancel goes over the socket too
            c.cancel();
        }
        // An empty host in a list is the default socket directory (not PGHOST), tried after a missing one.
        ConnectionFactory defaultDirIsServers = ConnectionFactory.withEnvironment(ClientEnvironment.of(
                Map.of("PGHOST", "/elsewhere"), home, "nobody", pg.base.toString(), warnings::add));
        try (Connection c = defaultDirIsServers.connect(
                "postgresql://%2Fnowhere:" + pg.port + ",:" + pg.port + "/postgres?user=postgres")) {
            assertEquals(pg.base.toString(), c.host());
            assertEquals("1", single(c, "select 1"));
        }
    }

    @Test
    void ssl() throws Exception {
        for (String mode : List.of("require", "prefer", "allow", "disable")) {
            try (Connection c = connect("user=scram_user password='scram pw' sslmode=" + mode)) {
                assertEquals(!mode.equals("disable") && !mode.equals("allow"), c.isSsl(), mode);
                assertEquals(c.isSsl() ? "t" : "f",
                        single(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()"), mode);
            }
        }
        String root = pg.certificate().toString();
        try (Connection c = connect("user=trust_user sslmode=verify-ca sslrootcert=" + root)) {
            assertTrue(c.isSsl());
        }
        try (Connection c = factory(Map.of()).connect("host=localhost port=" + pg.port
                + " dbname=postgres user=trust_user sslmode=verify-full sslrootcert=" + root)) {
            assertTrue(c.isSsl());
        }
        PgException wrongName = assertThrows(PgException.class, () -> factory(Map.of()).connect(
                "host=wrong.example hostaddr=127.0.0.1 port=" + pg.port + " user=trust_user sslmode=verify-full sslrootcert="
                        + root));
        assertTrue(wrongName.getMessage().contains("wrong.example"), wrongName.getMessage());
        PgException noRoot = assertThrows(PgException.class, () -> connect("user=trust_user sslmode=verify-ca"));
        assertTrue(noRoot.getMessage().startsWith("connection to server at \"127.0.0.1\", port " + pg.port
                + " failed: root certificate file \""), noRoot.getMessage());
    }

    @Test
    void multiHostFailover() throws Exception {
        int dead = PostgresServer.freePort();
        try (Connection c = factory(Map.of()).connect("host=127.0.0.1,127.0.0.1 port=" + dead + "," + pg.port
                + " user=trust_user dbname=postgres")) {
            assertEquals(pg.port, c.port());
            assertEquals("1", single(c, "select 1"));
        }
        try (Connection c = factory(Map.of()).connect("postgresql://127.0.0.1:" + dead + ",127.0.0.1:" + pg.port
                + "/postgres?user=trust_user&connect_timeout=5")) {
            assertEquals(pg.port, c.port());
        }
        PgException e = assertThrows(PgException.class, () -> factory(Map.of()).connect(
                "host=127.0.0.1,/nowhere port=" + dead + " user=trust_user"));
        assertTrue(e.getMessage().contains("connection to server at \"127.0.0.1\", port " + dead + " failed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("connection to server on socket \"/nowhere/.s.PGSQL." + dead + "\" failed"),
                e.getMessage());
        // an authentication failure does not move on to the next host
        assertThrows(ServerException.class, () -> factory(Map.of()).connect("host=127.0.0.1,127.0.0.1 port="
                + pg.port + " user=scram_user password=wrong dbname=postgres"));
    }

    @Test
    void connectTimeoutMovesOnToTheNextHost() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();
            try (Connection c = factory(Map.of()).connect("host=127.0.0.1,127.0.0.1 port=" + silent.getLocalPort()
                    + "," + pg.port + " user=trust_user dbname=postgres connect_timeout=3")) {
                assertEquals(pg.port, c.port());
            }
            // 3 s for the silent host, then the real one within its own 3 s (a loaded machine may need them).
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 2900 && ms < 10000, "waited " + ms + " ms (connect_timeout=3)");
            PgException e = assertThrows(PgException.class, () -> factory(Map.of()).connect("host=127.0.0.1 port="
                    + silent.getLocalPort() + " user=trust_user connect_timeout=2"));
            assertEquals("timeout expired", e.getMessage());
        }
    }

    @Test
    void severalThreadsShareAConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Connection c = connect("user=trust_user")) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                answers.add(pool.submit(() -> single(c, "select " + n + " * 2")));
            }
            for (int i = 0; i < 64; i++) {
                assertEquals(Integer.toString(i * 2), answers.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeSendsTerminate() throws Exception {
        Connection c = connect("user=trust_user application_name=closing");
        int pid = c.backendPid();
        c.close();
        c.close();
        assertFalse(c.isOpen());
        assertThrows(PgException.class, () -> c.query("select 1"));
        try (Connection other = connect("user=trust_user")) {
            String gone = "f";
            for (int i = 0; i < 100 && !gone.equals("t"); i++) {
                Thread.sleep(20);
                gone = single(other, "select count(*) = 0 from pg_stat_activity where pid = " + pid);
            }
            assertEquals("t", gone, "the backend has exited");
        }
    }
}
