package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc upserting the way applications and ORMs do: a prepared {@code INSERT ... ON CONFLICT DO UPDATE}
 * in a batch (run often enough to become a server-side prepared statement, so the reused plan must start
 * each execution afresh), the update counts of DO NOTHING, RETURNING of the written rows only, and the
 * 21000 error of a batch row that hits a row the same statement wrote. Runs on PostgreSQL 15 first, then
 * on Tusk, with the same expectations.
 */
class UpsertJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void preparedUpsertInABatch() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS jup_stock");
                s.execute("CREATE TABLE jup_stock (sku text PRIMARY KEY, qty int NOT NULL, seen int DEFAULT 1)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO jup_stock AS s (sku, qty) VALUES (?, ?) "
                    + "ON CONFLICT (sku) DO UPDATE SET qty = s.qty + EXCLUDED.qty, seen = s.seen + 1")) {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 4; i++) {
                        p.setString(1, "sku" + i);
                        p.setInt(2, i + 1);
                        p.addBatch();
                    }
                    assertArrayEquals(new int[] {1, 1, 1, 1}, p.executeBatch());
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO jup_stock (sku, qty) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                for (String sku : new String[] {"sku0", "new", "sku3", "new"}) {
                    p.setString(1, sku);
                    p.setInt(2, 100);
                    p.addBatch();
                }
                assertArrayEquals(new int[] {0, 1, 0, 0}, p.executeBatch());
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO jup_stock (sku, qty) VALUES (?, ?), (?, ?) "
                    + "ON CONFLICT (sku) DO UPDATE SET qty = 0 WHERE jup_stock.qty > 5 RETURNING sku, qty")) {
                p.setString(1, "sku0");
                p.setInt(2, 1);
                p.setString(3, "sku3");
                p.setInt(4, 1);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("sku3", rs.getString(1));
                    assertEquals(0, rs.getInt(2));
                    assertFalse(rs.next());
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO jup_stock (sku, qty) VALUES (?, 1), (?, 2) "
                    + "ON CONFLICT (sku) DO UPDATE SET qty = EXCLUDED.qty")) {
                p.setString(1, "twice");
                p.setString(2, "twice");
                p.addBatch();
                BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
                assertEquals("21000", e.getNextException() != null ? e.getNextException().getSQLState()
                        : e.getSQLState());
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT string_agg(sku || ':' || qty || ':' || seen, ',' ORDER BY sku) FROM jup_stock")) {
                assertTrue(rs.next());
                assertEquals("new:100:1,sku0:3:3,sku1:6:3,sku2:9:3,sku3:0:3", rs.getString(1));
            }
        });
    }
}
