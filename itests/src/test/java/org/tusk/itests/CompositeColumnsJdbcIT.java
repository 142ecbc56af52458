package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc with table columns of a composite type: written with setObject(PGobject) (sent typed by the
 * composite type's OID, which pgjdbc looks up in pg_type), read with getString and getObject, with
 * prepareThreshold=-1 (server-prepared from the first execution, binary transfer for the types pgjdbc
 * decodes itself); and a composite column requested in binary (binaryTransferEnable with the type's OID),
 * whose record_send bytes must be PostgreSQL's. Each check runs on PostgreSQL 15 first, then on Tusk.
 */
class CompositeColumnsJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static void setUp(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists jdbc_cc");
            s.execute("drop type if exists jdbc_cc_addr");
            s.execute("create type jdbc_cc_addr as (street text, zip int)");
            s.execute("create table jdbc_cc (id int, home jdbc_cc_addr, tags jdbc_cc_addr[])");
        }
    }

    @Test
    void writesAndReadsCompositeColumns() throws SQLException {
        servers.onBoth("&prepareThreshold=-1", c -> {
            setUp(c);
            try (PreparedStatement ps = c.prepareStatement("insert into jdbc_cc (id, home) values (?, ?)")) {
                PGobject home = new PGobject();
                home.setType("jdbc_cc_addr");
                home.setValue("(\"Main St\",123)");
                ps.setInt(1, 1);
                ps.setObject(2, home);
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 2);
                ps.setNull(2, java.sql.Types.OTHER);
                assertEquals(1, ps.executeUpdate());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select home, (home).zip, (home).street from jdbc_cc where id = ?")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertEquals("jdbc_cc_addr", rs.getMetaData().getColumnTypeName(1));
                        assertTrue(rs.next());
                        assertEquals("(\"Main St\",123)", rs.getString(1));
                        Object o = rs.getObject(1);
                        assertTrue(o instanceof PGobject, String.valueOf(o));
                        assertEquals("jdbc_cc_addr", ((PGobject) o).getType());
                        assertEquals("(\"Main St\",123)", ((PGobject) o).getValue());
                        assertEquals(123, rs.getInt(2));
                        assertEquals("Main St", rs.getString(3));
                        assertFalse(rs.next());
                    }
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select home from jdbc_cc where id = 2")) {
                assertTrue(rs.next());
                assertNull(rs.getString(1));
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table jdbc_cc");
                s.execute("drop type jdbc_cc_addr");
            }
        });
    }

    @Test
    void sendsCompositeValuesInBinaryAsPostgres() throws SQLException {
        Map<String, byte[]> bytes = new HashMap<>();
        for (String server : ServerPair.SERVERS) {
            long oid;
            try (Connection c = servers.connect(server, "")) {
                setUp(c);
                try (Statement s = c.createStatement()) {
                    s.execute("insert into jdbc_cc (id, home) values (1, row('a b', 7)), (2, row(null, -1))");
                    try (ResultSet rs = s.executeQuery("select 'jdbc_cc_addr'::regtype::oid")) {
                        assertTrue(rs.next());
                        oid = rs.getLong(1);
                    }
                }
            }
            try (Connection c = servers.connect(server, "&prepareThreshold=-1&binaryTransferEnable=" + oid);
                    PreparedStatement ps = c.prepareStatement("select home from jdbc_cc where id >= ? order by id");
                    Statement s = c.createStatement()) {
                ps.setInt(1, 1);
                java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.writeBytes(rs.getBytes(1));
                    }
                }
                bytes.put(server, all.toByteArray());
                s.execute("drop table jdbc_cc");
                s.execute("drop type jdbc_cc_addr");
            }
        }
        // record_send: 2 fields; text (25) "a b", int4 (23) 7; then text NULL, int4 -1.
        byte[] expected = {0, 0, 0, 2, 0, 0, 0, 25, 0, 0, 0, 3, 'a', ' ', 'b', 0, 0, 0, 23, 0, 0, 0, 4, 0, 0, 0, 7,
            0, 0, 0, 2, 0, 0, 0, 25, -1, -1, -1, -1, 0, 0, 0, 23, 0, 0, 0, 4, -1, -1, -1, -1};
        assertArrayEquals(expected, bytes.get("postgres"));
        assertArrayEquals(expected, bytes.get("tusk"));
    }
}
