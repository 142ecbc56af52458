package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc with autocommit off and {@code setFetchSize(n)} reads a query through a suspended portal, n rows per
 * Execute: the server must compute each batch only when asked. Proved by a side effect (after the first batch
 * of a nextval query, currval is the fetch size) and by size: Tusk runs with a 96MB heap here and streams a
 * result of some 300MB, which it could not hold. Runs on PostgreSQL 15 first, then on Tusk, with the same
 * expectations.
 */
class CursorStreamingJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair("-Xmx96m");

    @Test
    void aFetchSizeComputesOneBatchAtATime() throws SQLException {
        servers.onBoth("", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SEQUENCE IF EXISTS cs_seq");
                s.execute("CREATE SEQUENCE cs_seq");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(100);
                try (ResultSet rs = s.executeQuery("SELECT nextval('cs_seq') FROM generate_series(1, 1000000)")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getLong(1));
                    try (Statement other = c.createStatement();
                            ResultSet cur = other.executeQuery("SELECT currval('cs_seq')")) {
                        assertTrue(cur.next());
                        assertEquals(100, cur.getLong(1), "only the first batch ran");
                    }
                    for (int i = 2; i <= 250; i++) {
                        assertTrue(rs.next());
                        assertEquals(i, rs.getLong(1));
                    }
                }
            }
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT currval('cs_seq')")) {
                assertTrue(rs.next());
                assertEquals(300, rs.getLong(1), "three batches of 100 ran, then the portal was closed");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP SEQUENCE cs_seq");
            }
        });
    }

    @Test
    void aResultFarBeyondTheHeapStreams() throws SQLException {
        servers.onBoth("", c -> {
            c.setAutoCommit(false);
            long rows = 0;
            long bytes = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(500);
                try (ResultSet rs = s.executeQuery(
                        "SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 300000) g")) {
                    while (rs.next()) {
                        rows++;
                        assertEquals(rows, rs.getLong(1));
                        bytes += rs.getString(2).length();
                    }
                }
            }
            c.commit();
            assertEquals(300000, rows);
            assertEquals(300000L * 1024, bytes);
        });
    }
}
