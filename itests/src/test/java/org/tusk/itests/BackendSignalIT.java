package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.PgWire;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.TuskServer;

/**
 * pg_cancel_backend and pg_terminate_backend between real connections, each scenario run on PostgreSQL 15
 * and then on Tusk with the same expectations: a canceled pg_sleep fails with 57014 and its session goes
 * on; a terminated idle session gets FATAL 57P01 and its socket closes; a terminated session idle in a
 * transaction loses its insert; an unknown PID is a WARNING and false.
 */
class BackendSignalIT {

    private static TuskServer tusk;
    private static PostgresReference postgres;

    @BeforeAll
    static void start() {
        tusk = TuskServer.start();
        postgres = PostgresReference.start();
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

    @FunctionalInterface
    interface Scenario {
        void run(int port) throws Exception;
    }

    private static void onBoth(Scenario scenario) throws Exception {
        for (String server : List.of("postgres", "tusk")) {
            try {
                scenario.run(server.equals("tusk") ? tusk.port() : postgres.port());
            } catch (Exception | AssertionError e) {
                throw new AssertionError("on " + server + ": " + e, e);
            }
        }
    }

    private static Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", TuskServer.SUPERUSER);
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static void awaitActive(Connection watcher, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"active".equals(one(watcher, "select coalesce(max(state), '') from pg_stat_activity where pid = "
                + pid))) {
            assertTrue(System.nanoTime() < deadline, "backend " + pid + " never became active");
            Thread.sleep(10);
        }
    }

    /** A raw connection that has logged in; returns it with its process ID from BackendKeyData. */
    private record Raw(PgWire wire, int pid) {
    }

    private static Raw rawConnect(int port) {
        PgWire w = PgWire.connect(port);
        w.send(PgWire.startupPacket(TuskServer.SUPERUSER, "postgres"));
        int pid = 0;
        for (PgWire.Message m : w.readUntilReady()) {
            if (m.type() == 'K') {
                pid = ByteBuffer.wrap(m.body()).getInt();
            }
        }
        assertTrue(pid != 0, "no BackendKeyData");
        return new Raw(w, pid);
    }

    private static List<PgWire.Message> query(PgWire w, String sql) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        b.write('Q');
        b.writeBytes(ByteBuffer.allocate(4).putInt(4 + text.length + 1).array());
        b.writeBytes(text);
        b.write(0);
        w.send(b.toByteArray());
        List<PgWire.Message> got = new java.util.ArrayList<>();
        while (true) {
            PgWire.Message m = w.readMessage();
            got.add(m);
            if (m.type() == 'Z') {
                return got;
            }
        }
    }

    /** What a terminated backend sends before it closes: one FATAL 57P01, then EOF. */
    private static void assertTerminated(PgWire w) {
        PgWire.Received r = w.readUntilClosed(Duration.ofSeconds(10));
        List<PgWire.Message> messages = PgWire.parse(r.bytes());
        assertEquals(1, messages.size(), "messages before the close: " + messages);
        Map<Character, String> f = messages.getFirst().fields();
        assertEquals('E', messages.getFirst().type());
        assertEquals("FATAL", f.get('S'));
        assertEquals("57P01", f.get('C'));
        assertEquals("terminating connection due to administrator command", f.get('M'));
        assertFalse(r.reset(), "closed with EOF");
    }

    @Test
    void cancelEndsTheRunningStatementAndTheSessionGoesOn() throws Exception {
        onBoth(port -> {
            try (Connection a = connect(port); Connection b = connect(port)) {
                int pid = Integer.parseInt(one(b, "select pg_backend_pid()"));
                CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
                    try {
                        return one(b, "select pg_sleep(30)");
                    } catch (SQLException e) {
                        return e.getSQLState() + " " + e.getMessage();
                    }
                });
                awaitActive(a, pid);
                assertEquals("t", one(a, "select pg_cancel_backend(" + pid + ")"));
                assertEquals("57014 ERROR: canceling statement due to user request", sleeping.get(10, TimeUnit.SECONDS));
                assertEquals("1", one(b, "select 1"));
            }
        });
    }

    @Test
    void anUnknownPidIsAWarningAndFalse() throws Exception {
        onBoth(port -> {
            try (Connection a = connect(port); Statement s = a.createStatement();
                    ResultSet rs = s.executeQuery("select pg_terminate_backend(999999999)")) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1));
                SQLWarning w = s.getWarnings();
                assertEquals("PID 999999999 is not a PostgreSQL backend process", w.getMessage());
                SQLException e = assertThrows(SQLException.class,
                        () -> one(a, "select pg_terminate_backend(999999999, -5)"));
                assertEquals("22003", e.getSQLState());
            }
        });
    }

    @Test
    void terminateClosesAnIdleSession() throws Exception {
        onBoth(port -> {
            Raw idle = rawConnect(port);
            try (Connection a = connect(port); PgWire w = idle.wire()) {
                assertEquals("t", one(a, "select pg_terminate_backend(" + idle.pid() + ", 10000)"));
                assertTerminated(w);
                assertEquals("0", one(a, "select count(*) from pg_stat_activity where pid = " + idle.pid()));
            }
        });
    }

    @Test
    void terminateRollsBackTheTransactionOfASessionIdleInIt() throws Exception {
        onBoth(port -> {
            try (Connection a = connect(port)) {
                try (Statement s = a.createStatement()) {
                    s.execute("drop table if exists signal_t");
                    s.execute("create table signal_t (x int)");
                }
                Raw inTx = rawConnect(port);
                try (PgWire w = inTx.wire()) {
                    List<PgWire.Message> got = query(w, "begin; insert into signal_t values (1)");
                    assertEquals('T', (char) got.getLast().body()[0], "idle in transaction: " + got);
                    assertEquals("t", one(a, "select pg_terminate_backend(" + inTx.pid() + ", 10000)"));
                    assertTerminated(w);
                }
                assertEquals("0", one(a, "select count(*) from signal_t"));
                try (Statement s = a.createStatement()) {
                    s.execute("drop table signal_t");
                }
            }
        });
    }
}
