package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * Recursion deeper than the backend's stack, through pgjdbc, on PostgreSQL 15 and then on Tusk with the
 * same expectations: {@code select 1+1+...} with 1,000,000 terms (simple and extended protocol) and a
 * PL/pgSQL function calling itself without end fail with 54001 "stack depth limit exceeded"; the same
 * connection goes on (in a transaction block: 25P02 until ROLLBACK), another session open meanwhile is
 * untouched, and new connections are served.
 */
class StackDepthIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    private static int one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String failure(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> one(c, sql), sql.substring(0, Math.min(40, sql.length())));
        return e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse("");
    }

    @Test
    void tooDeepIs54001AndEverySessionGoesOn() throws SQLException {
        String deep = "select 1" + "+1".repeat(1_000_000);
        String exceeded = "54001 ERROR: stack depth limit exceeded";
        for (String server : List.of("postgres", "tusk")) {
            try (Connection bystander = servers.connect(server, ""); Connection c = servers.connect(server, "")) {
                assertEquals(1, one(bystander, "select 1"));
                try (Statement s = c.createStatement()) {
                    s.execute("create function sd_forever(n int) returns int language plpgsql as $$ begin "
                            + "return sd_forever(n + 1); end $$");
                }
                assertEquals(exceeded, failure(c, deep), server);
                assertEquals(2, one(c, "select 2"), server);
                try (PreparedStatement p = c.prepareStatement(deep.replaceFirst("1", "?::int"))) {
                    p.setInt(1, 5);
                    SQLException e = assertThrows(SQLException.class, p::executeQuery);
                    assertEquals("54001", e.getSQLState(), server + ": " + e);
                }
                c.setAutoCommit(false);
                assertEquals(exceeded, failure(c, "select sd_forever(1)"), server);
                assertEquals("25P02", assertThrows(SQLException.class, () -> one(c, "select 3")).getSQLState(),
                        server);
                c.rollback();
                assertEquals(4, one(c, "select 4"), server);
                c.commit();
                c.setAutoCommit(true);
                assertEquals(5, one(bystander, "select 5"), server + ": the other session is untouched");
                try (Statement s = c.createStatement()) {
                    s.execute("drop function sd_forever(int)");
                }
            }
            try (Connection fresh = servers.connect(server, "")) {
                assertEquals(6, one(fresh, "select 6"), server + ": new connections are served");
            }
        }
    }
}
