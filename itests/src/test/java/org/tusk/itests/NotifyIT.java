package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskServer;

/**
 * LISTEN/NOTIFY against PostgreSQL 15 and Tusk, the same scripted sequences, the same observable
 * results (PIDs aside): psql's "Asynchronous notification ..." lines after each command of one session
 * (own notifications, commit and rollback, folded duplicates, UNLISTEN, errors), and pgjdbc's
 * {@code getNotifications(timeout)} for delivery to an idle session from another one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyIT {

    /** A server under test: Tusk once per backend launcher (the waiter thread must work under both). */
    enum Target {
        POSTGRESQL, TUSK, TUSK_VIRTUAL_THREADS
    }

    private PostgresReference postgres;
    private TuskServer tusk;
    private TuskServer tuskVirtual;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
        tuskVirtual = TuskServer.builder().launcher("virtual-thread").start();
    }

    @AfterAll
    void stop() {
        if (tuskVirtual != null) {
            tuskVirtual.close();
        }
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Target> servers() {
        return Stream.of(Target.values());
    }

    private int port(Target t) {
        return switch (t) {
            case POSTGRESQL -> postgres.port();
            case TUSK -> tusk.port();
            case TUSK_VIRTUAL_THREADS -> tuskVirtual.port();
        };
    }

    /** One psql session runs the script; both servers must print the same thing, PIDs masked. */
    @Test
    void psqlSessionPrintsTheSameNotificationsAsPostgresql() throws Exception {
        String script = String.join("\n",
                "LISTEN ch;",
                "NOTIFY ch, 'hello';",
                "NOTIFY ch;",
                "NOTIFY other, 'not listened';",
                "BEGIN;",
                "NOTIFY ch, 'in a block';",
                "NOTIFY ch, 'in a block';",
                "NOTIFY ch, 'second';",
                "SELECT 1 AS one;",
                "COMMIT;",
                "BEGIN;",
                "NOTIFY ch, 'rolled back';",
                "ROLLBACK;",
                "BEGIN;",
                "NOTIFY ch, 'failed';",
                "SELECT 1/0;",
                "COMMIT;",
                "SELECT pg_notify('ch', 'by function');",
                "SELECT pg_notify('ch', NULL);",
                "LISTEN \"Mixed Case\";",
                "NOTIFY \"Mixed Case\", 'quoted';",
                "NOTIFY ch, 'it''s ünïcode';",
                "BEGIN;",
                "UNLISTEN ch;",
                "NOTIFY ch, 'unlistened in the same transaction';",
                "COMMIT;",
                "NOTIFY ch, 'after unlisten';",
                "BEGIN;",
                "LISTEN late;",
                "NOTIFY late, 'own transaction';",
                "COMMIT;",
                "UNLISTEN *;",
                "NOTIFY late, 'after unlisten all';",
                "NOTIFY ch, '" + "x".repeat(8000) + "';",
                "SELECT pg_notify('', 'x');",
                "SELECT pg_notify('" + "c".repeat(64) + "', 'x');",
                "NOTIFY ch 'x';",
                "UNLISTEN;",
                "") + "\n";
        Path file = dir.resolve("notify.sql");
        Files.writeString(file, script);
        String expected = psqlScript(postgres.port(), file);
        String actual = psqlScript(tusk.port(), file);
        if (!expected.equals(actual)) {
            throw new AssertionError("psql output differs between PostgreSQL and Tusk\n"
                    + TextDiff.diff(expected, actual));
        }
        // The script means what it says: the notifications that PostgreSQL delivered are these (UNLISTEN
        // applies at commit, before the session reads its own notifications of that transaction).
        assertEquals(List.of("hello", "", "in a block", "second", "by function", "", "quoted", "it's ünïcode",
                "own transaction"), payloads(expected));
    }

    private static String psqlScript(int port, Path file) {
        CommandResult r = Psql.run(java.util.Map.of(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                "postgres", "-d", "postgres", "-f", file.toString());
        return ("exit " + r.exitCode() + "\n" + r.stdout() + "\n--- stderr\n" + r.stderr())
                .replaceAll("server process with PID \\d+", "server process with PID n");
    }

    private static List<String> payloads(String psqlOutput) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Asynchronous notification \"[^\"]*\" (?:with payload \"(.*)\" )?received").matcher(psqlOutput);
        while (m.find()) {
            found.add(m.group(1) == null ? "" : m.group(1));
        }
        return found;
    }

    private Connection jdbc(Target t, boolean simple) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (simple) {
            p.setProperty("preferQueryMode", "simple");
        }
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(t) + "/postgres", p);
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> describe(PGNotification[] got, int senderPid) {
        List<String> out = new ArrayList<>();
        for (PGNotification n : got) {
            out.add(n.getName() + ":" + n.getParameter() + (n.getPID() == senderPid ? ":sender" : ":pid " + n.getPID()));
        }
        return out;
    }

    /** Everything that arrives within {@code millis} of idle waiting, until {@code count} have come. */
    private static List<String> await(Connection c, int count, int senderPid) throws SQLException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (got.size() < count && System.nanoTime() < deadline) {
            PGNotification[] batch = c.unwrap(PGConnection.class).getNotifications(10_000);
            if (batch != null) {
                got.addAll(describe(batch, senderPid));
            }
        }
        return got;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void idleListenerIsNotifiedByAnotherSessionAtCommit(Target t) throws Exception {
        try (Connection listener = jdbc(t, true); Connection sender = jdbc(t, false)) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN jobs");
            }
            int senderPid = pid(sender);
            sender.setAutoCommit(false);
            try (Statement s = sender.createStatement()) {
                s.execute("NOTIFY jobs, 'first'");
                s.execute("NOTIFY jobs, 'first'");
                s.execute("NOTIFY jobs, 'second'");
                s.execute("NOTIFY elsewhere, 'ignored'");
            }
            sender.commit();
            assertEquals(List.of("jobs:first:sender", "jobs:second:sender"), await(listener, 2, senderPid));
            try (Statement s = sender.createStatement()) {
                s.execute("NOTIFY jobs, 'dropped'");
            }
            sender.rollback();
            sender.setAutoCommit(true);
            try (Statement s = sender.createStatement()) {
                s.execute("SELECT pg_notify('jobs', 'third')");
            }
            assertEquals(List.of("jobs:third:sender"), await(listener, 1, senderPid),
                    "the rolled-back notification never arrives; the next one does");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void listenerInsideATransactionGetsNotificationsAfterItEnds(Target t) throws Exception {
        try (Connection listener = jdbc(t, true); Connection sender = jdbc(t, true)) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN jobs");
            }
            listener.setAutoCommit(false);
            try (Statement s = listener.createStatement()) {
                s.execute("SELECT 1"); // pgjdbc sends BEGIN with it: the listener is now in a block
            }
            int senderPid = pid(sender);
            try (Statement s = sender.createStatement()) {
                s.execute("NOTIFY jobs, 'waits for the block'");
            }
            try (Statement s = listener.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
                rs.next();
            }
            PGNotification[] during = listener.unwrap(PGConnection.class).getNotifications();
            assertEquals(0, during == null ? 0 : during.length, "nothing is delivered inside a transaction");
            listener.commit();
            List<String> after = describe(nonNull(listener.unwrap(PGConnection.class).getNotifications()), senderPid);
            if (after.isEmpty()) {
                after = await(listener, 1, senderPid);
            }
            assertEquals(List.of("jobs:waits for the block:sender"), after);
        }
    }

    private static PGNotification[] nonNull(PGNotification[] n) {
        return n == null ? new PGNotification[0] : n;
    }
}
