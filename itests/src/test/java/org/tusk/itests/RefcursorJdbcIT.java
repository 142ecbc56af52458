package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc calling a PL/pgSQL function that opens a cursor and returns it (a refcursor): inside a
 * transaction, getObject on the refcursor column is a ResultSet that pgjdbc reads with FETCH ALL IN
 * "&lt;unnamed portal n&gt;" (or the name the caller chose), in the simple and the extended protocol and
 * through a CallableStatement's OUT parameter. Each check runs on PostgreSQL 15 first, then on Tusk.
 */
class RefcursorJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static void setUp(Statement s) throws SQLException {
        s.execute("drop function if exists jdbc_cursor(int), jdbc_named_cursor(refcursor)");
        s.execute("drop table if exists jdbc_cur");
        s.execute("create table jdbc_cur (id int, name text)");
        s.execute("insert into jdbc_cur select g, 'n' || g from generate_series(1, 5) g");
        s.execute("create function jdbc_cursor(lim int) returns refcursor language plpgsql as $$ "
                + "declare c refcursor; begin open c for select id, name from jdbc_cur where id <= lim order by id; "
                + "return c; end $$");
        s.execute("create function jdbc_named_cursor(c refcursor) returns refcursor language plpgsql as $$ "
                + "begin open c for select name from jdbc_cur order by id desc; return c; end $$");
    }

    private static void tearDown(Statement s) throws SQLException {
        s.execute("drop function jdbc_cursor(int), jdbc_named_cursor(refcursor)");
        s.execute("drop table jdbc_cur");
    }

    @Test
    void refcursorResultIsAResultSet() throws SQLException {
        servers.onBoth("&prepareThreshold=1", c -> {
            try (Statement s = c.createStatement()) {
                setUp(s);
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select jdbc_cursor(?)")) {
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 3);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertEquals("refcursor", rs.getMetaData().getColumnTypeName(1));
                        assertTrue(rs.next());
                        assertTrue(rs.getString(1).startsWith("<unnamed portal "), rs.getString(1));
                        try (ResultSet cursor = (ResultSet) rs.getObject(1)) {
                            for (int i = 1; i <= 3; i++) {
                                assertTrue(cursor.next());
                                assertEquals(i, cursor.getInt("id"));
                                assertEquals("n" + i, cursor.getString(2));
                            }
                            assertFalse(cursor.next());
                        }
                    }
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select jdbc_named_cursor('jdbc_mine')")) {
                assertTrue(rs.next());
                assertEquals("jdbc_mine", rs.getString(1));
                try (ResultSet cursor = (ResultSet) rs.getObject(1)) {
                    assertTrue(cursor.next());
                    assertEquals("n5", cursor.getString(1));
                }
            }
            try (CallableStatement call = c.prepareCall("{ ? = call jdbc_cursor(?) }")) {
                call.registerOutParameter(1, Types.REF_CURSOR);
                call.setInt(2, 2);
                call.execute();
                try (ResultSet cursor = call.getObject(1, ResultSet.class)) {
                    assertTrue(cursor.next());
                    assertEquals(1, cursor.getInt(1));
                    assertTrue(cursor.next());
                    assertEquals("n2", cursor.getString(2));
                    assertFalse(cursor.next());
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                tearDown(s);
            }
        });
    }
}
