package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc writing and reading range columns with prepared statements: a PGobject of each range type (which
 * pgjdbc finds in pg_type by name), a string cast with {@code ?::daterange}, a string sent as Types.OTHER;
 * values read back with getString and getObject (a PGobject naming the type), an element parameter for
 * {@code @>}, PostgreSQL's error for a malformed literal, and range_send's bytes in binary transfer. Each
 * check runs on PostgreSQL 15 first, then on Tusk, with the same expectations.
 */
class RangesJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static PGobject range(String type, String value) throws SQLException {
        PGobject o = new PGobject();
        o.setType(type);
        o.setValue(value);
        return o;
    }

    @Test
    void writesAndReadsRangeColumns() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("set timezone = 'UTC'");
                s.execute("drop table if exists jdbc_bookings");
                s.execute("create table jdbc_bookings (id int primary key, seats int4range, price numrange,"
                        + " during tstzrange, days daterange, big int8range)");
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_bookings values (?, ?, ?, ?, ?::daterange, ?)")) {
                p.setInt(1, 1);
                p.setObject(2, range("int4range", "(1,5]"));
                p.setObject(3, range("numrange", "[1.50,2.5)"));
                p.setObject(4, range("tstzrange", "[2020-01-01 10:00+00,2020-01-01 12:00+00)"));
                p.setString(5, "[2020-01-01,2020-01-31]");
                p.setObject(6, "[1,9223372036854775806]", Types.OTHER);
                assertEquals(1, p.executeUpdate());
                p.setInt(1, 2);
                p.setObject(2, range("int4range", "empty"));
                p.setObject(3, range("numrange", "(,)"));
                p.setObject(4, range("tstzrange", "[2020-01-01 11:00+00,)"));
                p.setNull(5, Types.OTHER);
                p.setObject(6, null, Types.OTHER);
                assertEquals(1, p.executeUpdate());
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select * from jdbc_bookings order by seats")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertEquals("empty", rs.getString(2));
                assertEquals("(,)", rs.getString(3));
                assertEquals("[\"2020-01-01 11:00:00+00\",)", rs.getString(4));
                assertEquals(null, rs.getString(5));
                assertTrue(rs.next());
                assertEquals("[2,6)", rs.getString(2));
                PGobject seats = (PGobject) rs.getObject(2);
                assertEquals("int4range", seats.getType());
                assertEquals("[2,6)", seats.getValue());
                assertEquals("[1.50,2.5)", rs.getString(3));
                assertEquals("[\"2020-01-01 10:00:00+00\",\"2020-01-01 12:00:00+00\")", rs.getString(4));
                assertEquals("[2020-01-01,2020-02-01)", rs.getString(5));
                assertEquals("[1,9223372036854775807)", rs.getString(6));
                assertEquals("int4range", rs.getMetaData().getColumnTypeName(2));
                assertEquals("tstzrange", rs.getMetaData().getColumnTypeName(4));
                assertEquals(Types.OTHER, rs.getMetaData().getColumnType(5));
                assertFalse(rs.next());
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select id from jdbc_bookings where during @> ?::timestamptz and seats && ? order by id")) {
                p.setString(1, "2020-01-01 11:30:00+00");
                p.setObject(2, range("int4range", "[5,10)"));
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_bookings (id, seats) values (?, ?)")) {
                p.setInt(1, 3);
                p.setObject(2, range("int4range", "[5,1)"));
                PSQLException e = org.junit.jupiter.api.Assertions.assertThrows(PSQLException.class, p::executeUpdate);
                assertEquals("22000", e.getSQLState());
                assertEquals("range lower bound must be less than or equal to range upper bound",
                        e.getServerErrorMessage().getMessage());
                p.setObject(2, range("int4range", "1,5"));
                e = org.junit.jupiter.api.Assertions.assertThrows(PSQLException.class, p::executeUpdate);
                assertEquals("22P02", e.getSQLState());
                assertEquals("Missing left parenthesis or bracket.", e.getServerErrorMessage().getDetail());
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table jdbc_bookings");
            }
        });
    }

    @Test
    void readsRangesInBinary() throws SQLException {
        // prepareThreshold=-1 asks for binary results of the listed types from the first execution; pgjdbc has
        // no decoder for ranges, so getBytes gives range_send's bytes: the flags byte, then each finite bound
        // as a length and the subtype's binary form.
        servers.onBoth("&prepareThreshold=-1&binaryTransferEnable=3904,3912,3926", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "select ?::int4range, 'empty'::int4range, daterange('2000-01-01', null), int8range(null, ?)")) {
                p.setString(1, "(1,5]");
                p.setLong(2, 7);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(ByteBuffer.allocate(17).put((byte) 0x02).putInt(4).putInt(2).putInt(4).putInt(6)
                            .array(), rs.getBytes(1));
                    assertArrayEquals(new byte[] {0x01}, rs.getBytes(2));
                    // lower inclusive, upper infinite; date 2000-01-01 is day 0
                    assertArrayEquals(ByteBuffer.allocate(9).put((byte) 0x12).putInt(4).putInt(0).array(),
                            rs.getBytes(3));
                    // lower infinite, upper 7 exclusive
                    assertArrayEquals(ByteBuffer.allocate(13).put((byte) 0x08).putInt(8).putLong(7).array(),
                            rs.getBytes(4));
                    assertFalse(rs.next());
                }
            }
        });
    }

    @Test
    void readsArraysOfRanges(/* text transfer */) throws SQLException {
        servers.onBoth("", (Connection c) -> {
            try (PreparedStatement p = c.prepareStatement("select ?::int4range[], array[numrange(1, 2), null]")) {
                p.setString(1, "{\"(1,3]\",empty}");
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("{\"[2,4)\",empty}", rs.getString(1));
                    assertEquals("{\"[1,2)\",NULL}", rs.getString(2));
                    assertEquals("_int4range", rs.getMetaData().getColumnTypeName(1));
                    assertFalse(rs.next());
                }
            }
        });
    }
}
