package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc calling procedures: a CallableStatement {@code {call p(?, ?)}} with an INOUT parameter registered as
 * an output (escapeSyntaxCallMode=callIfNoReturn makes pgjdbc send CALL, as its default "select" mode would
 * send SELECT, which PostgreSQL refuses for a procedure), a prepared {@code CALL p(?)} through the extended
 * protocol (Parse, Describe, Bind, Execute: the output row described before it is run), and the default mode's
 * error. Each check runs on PostgreSQL 15 first, then on Tusk, with the same expectations.
 */
class ProcedureJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void callableStatementWithInoutParameter() throws SQLException {
        servers.onBoth("&escapeSyntaxCallMode=callIfNoReturn", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP PROCEDURE IF EXISTS jp_add(integer, integer)");
                s.execute("CREATE PROCEDURE jp_add(a integer, INOUT b integer) LANGUAGE plpgsql "
                        + "AS $$ BEGIN b := a + b; END $$");
            }
            try (CallableStatement call = c.prepareCall("{call jp_add(?, ?)}")) {
                call.setInt(1, 40);
                call.setInt(2, 2);
                call.registerOutParameter(2, Types.INTEGER);
                call.execute();
                assertEquals(42, call.getInt(2));
            }
            try (PreparedStatement p = c.prepareStatement("CALL jp_add(?, ?)")) {
                p.setInt(1, 1);
                p.setInt(2, 2);
                try (ResultSet rs = p.executeQuery()) {
                    assertEquals("b", rs.getMetaData().getColumnName(1));
                    assertTrue(rs.next());
                    assertEquals(3, rs.getInt(1));
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP PROCEDURE jp_add");
            }
        });
    }

    @Test
    void procedureWithoutOutputsAndTheDefaultCallMode() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS jp_t");
                s.execute("CREATE TABLE jp_t (a integer)");
                s.execute("CREATE OR REPLACE PROCEDURE jp_ins(v integer) LANGUAGE sql AS 'INSERT INTO jp_t VALUES (v)'");
            }
            try (PreparedStatement p = c.prepareStatement("CALL jp_ins(?)")) {
                p.setInt(1, 7);
                p.execute();
            }
            // pgjdbc's default escapeSyntaxCallMode=select turns {call} into SELECT, which is refused.
            try (CallableStatement call = c.prepareCall("{call jp_ins(?)}")) {
                call.setInt(1, 8);
                SQLException e = assertThrows(SQLException.class, call::execute);
                assertEquals("42809", e.getSQLState());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a FROM jp_t")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
                s.execute("DROP PROCEDURE jp_ins");
                s.execute("DROP TABLE jp_t");
            }
        });
    }
}
