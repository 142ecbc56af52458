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
 * pgjdbc through an automatically updatable view, the way an ORM uses one as a table: prepared INSERTs
 * with {@code getGeneratedKeys} (pgjdbc appends RETURNING *, which through the view returns the view's
 * columns, the table's serial included), prepared UPDATEs and DELETEs run often enough to become
 * server-side prepared statements (so a reused plan must still see the view), and a WITH CHECK OPTION
 * violation as SQLSTATE 44000. Runs on PostgreSQL 15 first, then on Tusk, with the same expectations.
 */
class UpdatableViewsJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void preparedStatementsAndGeneratedKeysThroughAView() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP VIEW IF EXISTS juv_open");
                s.execute("DROP TABLE IF EXISTS juv_items");
                s.execute("CREATE TABLE juv_items (id serial PRIMARY KEY, name text NOT NULL, done boolean "
                        + "DEFAULT false)");
                s.execute("CREATE VIEW juv_open AS SELECT id, name FROM juv_items WHERE NOT done "
                        + "WITH CHECK OPTION");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO juv_open (name) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 1; i <= 7; i++) {
                    p.setString(1, "item " + i);
                    assertEquals(1, p.executeUpdate());
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertEquals(i, keys.getInt("id"));
                        assertEquals("item " + i, keys.getString("name"));
                        assertEquals(2, keys.getMetaData().getColumnCount());
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE juv_open SET name = upper(name) WHERE id = ?")) {
                for (int i = 1; i <= 7; i++) {
                    p.setInt(1, i);
                    assertEquals(1, p.executeUpdate());
                }
            }
            try (Statement s = c.createStatement()) {
                assertEquals(2, s.executeUpdate("UPDATE juv_items SET done = true WHERE id <= 2"));
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM juv_open WHERE id = ?")) {
                for (int i = 1; i <= 7; i++) {
                    p.setInt(1, i);
                    assertEquals(i <= 2 ? 0 : 1, p.executeUpdate());
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO juv_items (name, done) VALUES (?, ?)")) {
                p.setString(1, "kept");
                p.setBoolean(2, true);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE juv_open SET id = id WHERE name = ?")) {
                p.setString(1, "kept");
                assertEquals(0, p.executeUpdate());
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE VIEW juv_done AS SELECT id, name, done FROM juv_items WHERE done "
                        + "WITH CHECK OPTION");
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE juv_done SET done = ? WHERE name = ?")) {
                p.setBoolean(1, false);
                p.setString(2, "kept");
                SQLException e = assertThrows(SQLException.class, p::executeUpdate);
                assertEquals("44000", e.getSQLState());
                assertTrue(e.getMessage().contains("new row violates check option for view \"juv_done\""),
                        e.getMessage());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT string_agg(id || ':' || name || ':' || done, ',' ORDER BY id) FROM juv_items")) {
                assertTrue(rs.next());
                assertEquals("1:ITEM 1:true,2:ITEM 2:true,8:kept:true", rs.getString(1));
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP VIEW juv_done, juv_open");
                s.execute("DROP TABLE juv_items");
            }
        });
    }
}
