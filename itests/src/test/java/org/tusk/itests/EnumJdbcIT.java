package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc reading and writing columns of an enum type and of its array type with prepared statements (server-side,
 * past the prepareThreshold): setObject(..., Types.OTHER) and, with stringtype=unspecified, setString send the
 * label untyped and the server reads it for the enum; in pgjdbc's default mode setString sends varchar, which
 * PostgreSQL refuses (42804 on assignment, 42883 {@code mood = character varying} in a comparison). Results carry
 * the enum's OID, so getColumnTypeName names the enum. Each check runs on PostgreSQL 15 first, then on Tusk.
 */
class EnumJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static void setUp(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists jdbc_enum");
            s.execute("drop type if exists jdbc_mood");
            s.execute("create type jdbc_mood as enum ('sad', 'ok', 'happy')");
            s.execute("create table jdbc_enum (id int primary key, m jdbc_mood, ms jdbc_mood[])");
        }
    }

    private static void tearDown(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table jdbc_enum");
            s.execute("drop type jdbc_mood");
        }
    }

    @Test
    void writesAndReadsEnumColumns() throws SQLException {
        servers.onBoth("", c -> {
            setUp(c);
            String[] labels = {"sad", "ok", "happy"};
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_enum (id, m, ms) values (?, ?, ?)")) {
                for (int i = 1; i <= 6; i++) {
                    p.setInt(1, i);
                    p.setObject(2, labels[i % 3], Types.OTHER);
                    p.setArray(3, c.createArrayOf("jdbc_mood", new Object[] {labels[i % 3], "ok"}));
                    assertEquals(1, p.executeUpdate());
                }
                p.setInt(1, 7);
                p.setObject(2, "angry", Types.OTHER);
                p.setNull(3, Types.ARRAY);
                SQLException e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("22P02", e.getSQLState());
                assertTrue(e.getMessage().contains("invalid input value for enum jdbc_mood: \"angry\""),
                        e.getMessage());
            }
            try (PreparedStatement p = c.prepareStatement("update jdbc_enum set m = ? where id = ?")) {
                p.setString(1, "ok");
                p.setInt(2, 1);
                SQLException e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("42804", e.getSQLState());
                assertTrue(e.getMessage().contains("column \"m\" is of type jdbc_mood but expression is of type"
                        + " character varying"), e.getMessage());
            }
            try (PreparedStatement p = c.prepareStatement("select id from jdbc_enum where m = ?")) {
                p.setString(1, "ok");
                SQLException e = assertThrows(SQLException.class, p::executeQuery);
                assertEquals("42883", e.getSQLState());
                assertTrue(e.getMessage().contains("operator does not exist: jdbc_mood = character varying"),
                        e.getMessage());
            }
            for (int round = 0; round < 6; round++) {
                try (PreparedStatement p = c.prepareStatement("select id, m, ms, m::text from jdbc_enum"
                        + " where m >= ? order by 2, 1")) {
                    p.setObject(1, "ok", Types.OTHER);
                    try (ResultSet rs = p.executeQuery()) {
                        assertEquals("jdbc_mood", rs.getMetaData().getColumnTypeName(2));
                        assertEquals("_jdbc_mood", rs.getMetaData().getColumnTypeName(3));
                        List<String> rows = new ArrayList<>();
                        while (rs.next()) {
                            rows.add(rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getString(3) + ":"
                                    + rs.getString(4) + ":" + rs.getObject(2));
                        }
                        assertEquals(List.of("1:ok:{ok,ok}:ok:ok", "4:ok:{ok,ok}:ok:ok",
                                "2:happy:{happy,ok}:happy:happy", "5:happy:{happy,ok}:happy:happy"), rows);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("select id, ms from jdbc_enum where m = any (?) order by id")) {
                p.setArray(1, c.createArrayOf("jdbc_mood", new Object[] {"sad", "happy"}));
                try (ResultSet rs = p.executeQuery()) {
                    List<Integer> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                        Object[] elements = (Object[]) rs.getArray(2).getArray();
                        assertEquals(2, elements.length);
                        assertEquals("ok", elements[1]);
                    }
                    assertEquals(List.of(2, 3, 5, 6), ids);
                }
            }
            tearDown(c);
        });
    }

    @Test
    void unspecifiedStringsAreReadAsLabels() throws SQLException {
        servers.onBoth("&stringtype=unspecified", c -> {
            setUp(c);
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_enum (id, m) values (?, ?)")) {
                for (int i = 1; i <= 6; i++) {
                    p.setInt(1, i);
                    p.setString(2, i % 2 == 0 ? "happy" : "sad");
                    assertEquals(1, p.executeUpdate());
                }
            }
            try (PreparedStatement p = c.prepareStatement("select count(*), min(m), max(m) from jdbc_enum where m = ?")) {
                for (int i = 0; i < 6; i++) {
                    p.setString(1, "happy");
                    try (ResultSet rs = p.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(3, rs.getInt(1));
                        assertEquals("happy", rs.getString(2));
                        assertEquals("happy", rs.getString(3));
                        assertFalse(rs.next());
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("select enum_range(null::jdbc_mood)")) {
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(new Object[] {"sad", "ok", "happy"}, (Object[]) rs.getArray(1).getArray());
                }
            }
            tearDown(c);
        });
    }
}
