package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PGobject;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc calling functions that return a table's row type, a composite type or record: the columns a function
 * scan expands to, the composite value of a call in the select list (a PGobject named after the type), a
 * column definition list, in the simple and the extended protocol (a prepared statement executed past
 * prepareThreshold). Each check runs on PostgreSQL 15 first, then on Tusk.
 */
class SetofFunctionsJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static void setUp(Statement s) throws SQLException {
        s.execute("drop function if exists jdbc_emps(int), jdbc_one(int), jdbc_any()");
        s.execute("drop table if exists jdbc_emp");
        s.execute("create table jdbc_emp (id int, name text)");
        s.execute("insert into jdbc_emp values (1, 'ann'), (2, 'b o'), (3, null)");
        s.execute("create function jdbc_emps(min int) returns setof jdbc_emp language sql as "
                + "'select * from jdbc_emp where id >= min order by id'");
        s.execute("create function jdbc_one(k int) returns jdbc_emp language plpgsql as "
                + "$$ declare r jdbc_emp; begin select * into r from jdbc_emp where id = k; return r; end $$");
        s.execute("create function jdbc_any() returns setof record language sql as "
                + "'select id, name from jdbc_emp order by id'");
    }

    private static void tearDown(Statement s) throws SQLException {
        s.execute("drop function jdbc_emps(int), jdbc_one(int), jdbc_any()");
        s.execute("drop table jdbc_emp");
    }

    @Test
    void functionScansAndRowValues() throws SQLException {
        servers.onBoth("&prepareThreshold=1", c -> {
            try (Statement s = c.createStatement()) {
                setUp(s);
            }
            try (PreparedStatement ps = c.prepareStatement("select * from jdbc_emps(?)")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 2);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        assertEquals(2, md.getColumnCount());
                        assertEquals("id", md.getColumnName(1));
                        assertEquals(Types.INTEGER, md.getColumnType(1));
                        assertEquals("text", md.getColumnTypeName(2));
                        assertTrue(rs.next());
                        assertEquals(2, rs.getInt("id"));
                        assertEquals("b o", rs.getString("name"));
                        assertTrue(rs.next());
                        assertEquals(null, rs.getString(2));
                        assertFalse(rs.next());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select jdbc_one(?) as r, (jdbc_one(?)).name")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 2);
                    ps.setInt(2, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertEquals("jdbc_emp", rs.getMetaData().getColumnTypeName(1));
                        assertTrue(rs.next());
                        Object o = rs.getObject(1);
                        assertTrue(o instanceof PGobject, String.valueOf(o));
                        assertEquals("jdbc_emp", ((PGobject) o).getType());
                        assertEquals("(2,\"b o\")", ((PGobject) o).getValue());
                        assertEquals("ann", rs.getString(2));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                tearDown(s);
            }
        });
    }

    @Test
    void columnDefinitionLists() throws SQLException {
        servers.onBoth("&prepareThreshold=1", c -> {
            try (Statement s = c.createStatement()) {
                setUp(s);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select t.name from jdbc_any() as t(id int, name text) where t.id < ? order by t.id")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 3);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("ann", rs.getString(1));
                        assertTrue(rs.next());
                        assertEquals("b o", rs.getString(1));
                        assertFalse(rs.next());
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from jdbc_any()"));
                assertEquals("42601", e.getSQLState());
                tearDown(s);
            }
        });
    }
}
