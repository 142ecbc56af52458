package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc writing and reading inet, cidr, macaddr and bit columns with prepared statements: PGobject and
 * Types.OTHER parameters, values read back with getString and getObject (a PGobject naming the type), and in
 * binary transfer as the raw bytes of network_send and bit_send. Each check runs on PostgreSQL 15 first, then
 * on Tusk, with the same expectations.
 */
class NetworkTypesJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static PGobject object(String type, String value) throws SQLException {
        PGobject o = new PGobject();
        o.setType(type);
        o.setValue(value);
        return o;
    }

    @Test
    void writesAndReadsNetworkAndBitColumns() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists jdbc_hosts");
                s.execute("create table jdbc_hosts (id int primary key, ip inet unique, net cidr, mac macaddr,"
                        + " flags bit(4), mask varbit(8))");
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_hosts values (?, ?, ?, ?, ?, ?)")) {
                p.setInt(1, 1);
                p.setObject(2, object("inet", "192.168.0.10/24"));
                p.setObject(3, object("cidr", "10.1"));
                p.setObject(4, object("macaddr", "08-00-2B-01-02-03"));
                p.setObject(5, "1010", Types.OTHER);
                p.setObject(6, "101", Types.OTHER);
                assertEquals(1, p.executeUpdate());
                p.setInt(1, 2);
                p.setObject(2, "2001:db8::1", Types.OTHER);
                p.setObject(3, "2001:db8::/32", Types.OTHER);
                p.setObject(4, null, Types.OTHER);
                p.setObject(5, "0001", Types.OTHER);
                p.setObject(6, "", Types.OTHER);
                assertEquals(1, p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_hosts (id, flags) values (?, ?::bit(4))")) {
                p.setInt(1, 3);
                p.setString(2, "11");
                assertEquals(1, p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement(
                    "select id, ip, net, mac, flags, mask, host(ip), ip << net from jdbc_hosts where id < ? order by ip")) {
                p.setInt(1, 10);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("192.168.0.10/24", rs.getString(2));
                    PGobject o = (PGobject) rs.getObject(2);
                    assertEquals("inet", o.getType());
                    assertEquals("192.168.0.10/24", o.getValue());
                    assertEquals("10.1.0.0/16", rs.getString(3));
                    assertEquals("cidr", rs.getMetaData().getColumnTypeName(3));
                    assertEquals("08:00:2b:01:02:03", rs.getString(4));
                    assertEquals("1010", rs.getString(5));
                    assertEquals("101", rs.getString(6));
                    assertEquals("192.168.0.10", rs.getString(7));
                    assertFalse(rs.getBoolean(8));
                    assertTrue(rs.next());
                    assertEquals("2001:db8::1", rs.getString(2));
                    assertEquals("2001:db8::/32", rs.getString(3));
                    assertEquals(null, rs.getString(4));
                    assertEquals("", rs.getString(6));
                    assertTrue(rs.getBoolean(8));
                    assertTrue(rs.next()); // a NULL inet sorts last
                    assertEquals(3, rs.getInt(1));
                    assertEquals("1100", rs.getString(5));
                    assertFalse(rs.next());
                }
            }
            try (PreparedStatement p = c.prepareStatement("select id from jdbc_hosts where ip <<= ?")) {
                p.setObject(1, object("cidr", "192.168.0.0/16"));
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table jdbc_hosts");
            }
        });
    }

    @Test
    void readsNetworkAndBitValuesInBinary() throws SQLException {
        // prepareThreshold=-1 makes pgjdbc ask for binary results of the listed types from the first execution;
        // it has no decoder for them, so the raw bytes of the send functions are read.
        servers.onBoth("&prepareThreshold=-1&binaryTransferEnable=869,650,829,1560,1562", c -> {
            try (PreparedStatement p = c.prepareStatement("select ?::inet, '10.0.0.0/8'::cidr, '::1'::inet,"
                    + " '08:00:2b:01:02:03'::macaddr, B'1010', B'101010101'::varbit")) {
                p.setString(1, "192.168.0.10/24");
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(new byte[] {2, 24, 0, 4, (byte) 192, (byte) 168, 0, 10}, rs.getBytes(1));
                    assertArrayEquals(new byte[] {2, 8, 1, 4, 10, 0, 0, 0}, rs.getBytes(2));
                    assertArrayEquals(new byte[] {3, (byte) 128, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                            rs.getBytes(3));
                    assertArrayEquals(new byte[] {8, 0, 0x2b, 1, 2, 3}, rs.getBytes(4));
                    assertArrayEquals(new byte[] {0, 0, 0, 4, (byte) 0xa0}, rs.getBytes(5));
                    assertArrayEquals(new byte[] {0, 0, 0, 9, (byte) 0xaa, (byte) 0x80}, rs.getBytes(6));
                    assertFalse(rs.next());
                }
            }
        });
    }
}
