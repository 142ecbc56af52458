package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc and a deferred foreign key: with autocommit off the violating INSERT (a prepared statement, through
 * the extended protocol) succeeds, and {@code commit()} throws the violation with SQLSTATE 23503; the
 * transaction is gone afterwards (the row is not there, the connection works on). Runs on PostgreSQL 15 first,
 * then on Tusk, with the same expectations.
 */
class DeferredConstraintsJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void deferredForeignKeyFailsAtCommit() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS jd_child, jd_parent");
                s.execute("CREATE TABLE jd_parent (id integer PRIMARY KEY)");
                s.execute("CREATE TABLE jd_child (p integer REFERENCES jd_parent DEFERRABLE INITIALLY DEFERRED)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO jd_child VALUES (?)")) {
                p.setInt(1, 7);
                assertEquals(1, p.executeUpdate());
            }
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertEquals("23503", e.getSQLState());
            assertTrue(e.getMessage().contains("violates foreign key constraint \"jd_child_p_fkey\""), e.getMessage());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM jd_child")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getInt(1));
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE jd_child, jd_parent");
            }
        });
    }
}
