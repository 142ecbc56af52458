package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.TuskServer;

/**
 * pgjdbc 42.7 (simple query protocol) can connect to Tusk and read constant SELECTs: values, column labels and
 * the reported types are what PostgreSQL reports (int4 for an integer literal, text for a string literal).
 */
class JdbcIT {

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

    /** A check that runs the same way on a connection to PostgreSQL 15 and on one to Tusk. */
    @FunctionalInterface
    interface OnConnection {
        void run(Connection c) throws SQLException;
    }

    /** Runs {@code check} with pgjdbc in its default mode (extended protocol) against PostgreSQL, then Tusk. */
    private static void onBoth(OnConnection check) throws SQLException {
        for (String server : java.util.List.of("postgres", "tusk")) {
            String host = server.equals("tusk") ? tusk.host() : postgres.host();
            int port = server.equals("tusk") ? tusk.port() : postgres.port();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port
                    + "/postgres?user=postgres&sslmode=disable&connectTimeout=10&socketTimeout=30")) {
                check.run(c);
            } catch (SQLException | AssertionError e) {
                throw new AssertionError("on " + server + ": " + e, e);
            }
        }
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", TuskServer.SUPERUSER);
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        p.setProperty("loginTimeout", "10");
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://" + tusk.host() + ":" + tusk.port() + "/postgres", p);
    }

    @Test
    void selectOne() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1 as one")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(1, md.getColumnCount());
            assertEquals("one", md.getColumnLabel(1));
            assertEquals(Types.INTEGER, md.getColumnType(1), "select 1 is an int4 column");
            assertEquals("int4", md.getColumnTypeName(1));
            assertTrue(rs.next(), "one row");
            assertEquals(1, rs.getInt(1));
            assertEquals(1, rs.getInt("one"));
            assertEquals("1", rs.getString(1));
            assertFalse(rs.wasNull());
            assertFalse(rs.next(), "only one row");
        }
    }

    @Test
    void selectConstantText() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 'hello, tusk' as greeting, 'x' || 'y' as xy")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(2, md.getColumnCount());
            assertEquals("greeting", md.getColumnLabel(1));
            assertEquals("xy", md.getColumnLabel(2));
            assertEquals("text", md.getColumnTypeName(1));
            assertTrue(rs.next(), "one row");
            assertEquals("hello, tusk", rs.getString("greeting"));
            assertEquals("xy", rs.getString(2));
            assertFalse(rs.next(), "only one row");
        }
    }

    @Test
    void severalStatementsOnOneConnection() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                try (ResultSet rs = s.executeQuery("select " + i + " as n")) {
                    assertEquals("n", rs.getMetaData().getColumnLabel(1));
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
        }
    }

    /**
     * pgjdbc's default mode: the extended query protocol, unnamed statements first, then (from the fifth
     * execution on) named server-side statements with binary parameters and results.
     */
    @Test
    void defaultModeUsesPreparedStatementsAndBinaryValues() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + tusk.host() + ":" + tusk.port()
                + "/postgres?user=postgres&sslmode=disable");
                java.sql.PreparedStatement ps = c.prepareStatement("select ?::int + 1 as n, ?::text || 'x' as t")) {
            for (int i = 0; i < 8; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(i + 1, rs.getInt("n"));
                    assertEquals("v" + i + "x", rs.getString("t"));
                }
            }
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
            assertEquals("public", c.getSchema());
            assertEquals("postgres", c.getCatalog());
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> s.executeQuery("select 1/0"));
                assertEquals("22012", e.getSQLState());
            }
            c.rollback();
            try (ResultSet rs = c.createStatement().executeQuery("select 2")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    /** pgjdbc asks for dates and timestamps in binary from the fifth execution of a statement on. */
    @Test
    void defaultModeReadsDatesAndTimestampsInBinary() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + tusk.host() + ":" + tusk.port()
                + "/postgres?user=postgres&sslmode=disable");
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "select ?::timestamptz as ts, ?::date as d, '2026-11-23 20:42:01.5'::timestamp as t")) {
            java.time.OffsetDateTime when = java.time.OffsetDateTime.parse("2026-11-23T21:42:01.123456+01:00");
            for (int i = 0; i < 8; i++) {
                ps.setObject(1, when.plusDays(i));
                ps.setObject(2, java.time.LocalDate.of(2026, 11, 23).plusDays(i));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(when.plusDays(i).toInstant(),
                            rs.getObject("ts", java.time.OffsetDateTime.class).toInstant(), "execution " + i);
                    assertEquals(java.time.LocalDate.of(2026, 11, 23).plusDays(i),
                            rs.getObject("d", java.time.LocalDate.class));
                    assertEquals(java.time.LocalDateTime.parse("2026-11-23T20:42:01.5"),
                            rs.getObject("t", java.time.LocalDateTime.class));
                }
            }
        }
    }

    /**
     * DatabaseMetaData.getTables: pgjdbc's catalog query (pg_class, pg_namespace, pg_description joined on
     * {@code 'pg_class'::regclass}, LIKE on the schema and name, {@code !~ '^pg_'}) finds the user's tables.
     */
    @Test
    void metadataGetTables() throws SQLException {
        onBoth(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("create table jdbc_meta_a (id int primary key, v text)");
                s.execute("create table jdbc_meta_b (x int)");
                s.execute("create view jdbc_meta_v as select x from jdbc_meta_b");
            }
            try {
                java.util.List<String> found = new java.util.ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, "public", "jdbc_meta%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        found.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "/"
                                + rs.getString("TABLE_TYPE") + "/" + rs.getString("REMARKS"));
                    }
                }
                assertEquals(java.util.List.of("public.jdbc_meta_a/TABLE/null", "public.jdbc_meta_b/TABLE/null"), found);
                found.clear();
                try (ResultSet rs = c.getMetaData().getTables(null, "public", "jdbc_meta%", new String[] {"VIEW"})) {
                    while (rs.next()) {
                        found.add(rs.getString("TABLE_NAME") + "/" + rs.getString("TABLE_TYPE"));
                    }
                }
                assertEquals(java.util.List.of("jdbc_meta_v/VIEW"), found);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop view jdbc_meta_v");
                    s.execute("drop table jdbc_meta_a");
                    s.execute("drop table jdbc_meta_b");
                }
            }
        });
    }

    /**
     * The default-mode flows of pgjdbc-sql.txt on a table: executeBatch of a prepared INSERT, a transaction
     * committed and one rolled back, getGeneratedKeys (pgjdbc appends RETURNING *), and a prepared lookup
     * executed past prepareThreshold (named statement, binary parameter and result).
     */
    @Test
    void batchesTransactionsAndGeneratedKeys() throws SQLException {
        onBoth(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("create table jdbc_dml (id serial primary key, name text not null)");
            }
            try {
                c.setAutoCommit(false);
                try (java.sql.PreparedStatement ps = c.prepareStatement("insert into jdbc_dml (name) values (?)")) {
                    for (String name : new String[] {"a", "b", "c"}) {
                        ps.setString(1, name);
                        ps.addBatch();
                    }
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
                }
                c.commit();
                try (java.sql.PreparedStatement ps = c.prepareStatement("insert into jdbc_dml (name) values (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, "d");
                    assertEquals(1, ps.executeUpdate());
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertEquals(4, keys.getInt("id"));
                        assertEquals("d", keys.getString("name"));
                        assertFalse(keys.next());
                    }
                }
                c.rollback();
                c.setAutoCommit(true);
                try (java.sql.PreparedStatement ps = c.prepareStatement("select name from jdbc_dml where id = ?")) {
                    for (int i = 1; i <= 7; i++) {
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (i <= 3) {
                                assertTrue(rs.next(), "row " + i);
                                assertEquals(String.valueOf((char) ('a' + i - 1)), rs.getString(1));
                            }
                            assertFalse(rs.next());
                        }
                    }
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from jdbc_dml")) {
                    assertTrue(rs.next());
                    assertEquals(3, rs.getInt(1));
                }
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("drop table jdbc_dml");
                }
            }
        });
    }
}
