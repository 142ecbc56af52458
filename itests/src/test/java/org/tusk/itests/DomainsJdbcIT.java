package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc writing and reading columns of domains with prepared statements (server-side, extended protocol):
 * setInt and setString (pgjdbc's default stringtype sends varchar, which a text domain takes and an integer
 * domain refuses with 42804, naming the domain), the domain's checks as SQLState 23514/23502 on a parameter,
 * and the metadata clients see: the base type's OID and name (printtup sends getBaseType's). Each check runs
 * on PostgreSQL 15 first, then on Tusk, with the same expectations.
 */
class DomainsJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void writesAndReadsDomainColumns() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists jdbc_dom");
                s.execute("drop domain if exists jdbc_pos");
                s.execute("drop domain if exists jdbc_code");
                s.execute("create domain jdbc_pos as int check (value > 0)");
                s.execute("create domain jdbc_code as varchar(4) not null check (value = upper(value))");
                s.execute("create table jdbc_dom (id jdbc_pos primary key, code jdbc_code, n jdbc_pos default 9)");
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_dom (id, code) values (?, ?)")) {
                for (int i = 1; i <= 6; i++) { // past pgjdbc's prepareThreshold: a named server-side statement
                    p.setInt(1, i);
                    p.setString(2, "C" + i);
                    assertEquals(1, p.executeUpdate());
                }
                p.setInt(1, 0);
                p.setString(2, "X");
                SQLException e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("23514", e.getSQLState());
                assertTrue(e.getMessage().contains("value for domain jdbc_pos violates check constraint"
                        + " \"jdbc_pos_check\""), e.getMessage());
                p.setInt(1, 7);
                p.setString(2, "low");
                e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("23514", e.getSQLState());
                p.setInt(1, 7);
                p.setNull(2, Types.VARCHAR);
                e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("23502", e.getSQLState());
                assertTrue(e.getMessage().contains("domain jdbc_code does not allow null values"), e.getMessage());
            }
            try (PreparedStatement p = c.prepareStatement("update jdbc_dom set n = ? where id = ?")) {
                p.setString(1, "5");
                p.setInt(2, 1);
                SQLException e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("42804", e.getSQLState());
                assertTrue(e.getMessage().contains("column \"n\" is of type jdbc_pos but expression is of type"
                        + " character varying"), e.getMessage());
            }
            try (PreparedStatement p = c.prepareStatement("select id, code, n, code::text || '!' from jdbc_dom"
                    + " where id >= ? order by id")) {
                p.setInt(1, 5);
                try (ResultSet rs = p.executeQuery()) {
                    assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(1));
                    assertEquals("int4", rs.getMetaData().getColumnTypeName(1));
                    assertEquals("varchar", rs.getMetaData().getColumnTypeName(2));
                    assertTrue(rs.next());
                    assertEquals(5, rs.getInt(1));
                    assertEquals("C5", rs.getString(2));
                    assertEquals(9, rs.getObject(3));
                    assertEquals("C5!", rs.getString(4));
                    assertTrue(rs.next());
                    assertEquals(6, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table jdbc_dom");
                s.execute("drop domain jdbc_pos");
                s.execute("drop domain jdbc_code");
            }
        });
    }
}
