package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * pgjdbc upserting the way applications and ORMs do: a prepared {@code INSERT ... ON CONFLICT DO UPDATE}
 * in a batch (run often enough to become a server-side prepared statement, so the reused plan must start
 * each execution afresh), the update counts of DO NOTHING, RETURNING of the written rows only, and the
 * 21000 error of a batch row that hits a row the same statement wrote; and two sessions upserting the same
 * new keys at once, which must neither fail nor lose a row (the second waits for the first and then updates
 * or skips, even when the first got the key between its conflict check and its insertion). Runs on
 * PostgreSQL 15 first, then on Tusk, with the same expectations.
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

    /** Keys each of the two racing sessions upserts, in the same order. */
    private static final int KEYS = 300;

    /**
     * Two sessions (autocommit) upsert keys 0..299 in the same order, started together: each new key is
     * raced for. DO UPDATE counts both visits of every key, DO NOTHING inserts every key once; no error.
     */
    @Test
    void twoSessionsUpsertingTheSameNewKeys() throws Exception {
        for (String server : ServerPair.SERVERS) {
            try (Connection setup = servers.connect(server, "")) {
                DeferrableUniqueConcurrencyIT.execute(setup, "DROP TABLE IF EXISTS jup_hits");
                DeferrableUniqueConcurrencyIT.execute(setup, "CREATE TABLE jup_hits (k int PRIMARY KEY, n int)");
                DeferrableUniqueConcurrencyIT.execute(setup, "DROP TABLE IF EXISTS jup_seen");
                DeferrableUniqueConcurrencyIT.execute(setup, "CREATE TABLE jup_seen (k int PRIMARY KEY, who int)");
                int[] counts = race(server, "INSERT INTO jup_hits AS h VALUES (?, 1) "
                        + "ON CONFLICT (k) DO UPDATE SET n = h.n + EXCLUDED.n");
                assertEquals(2 * KEYS, counts[0] + counts[1], server);
                assertEquals(KEYS + ":" + 2 * KEYS + ":2", DeferrableUniqueConcurrencyIT.stringOf(setup,
                        "SELECT count(*) || ':' || sum(n) || ':' || min(n) FROM jup_hits"), server);
                counts = race(server, "INSERT INTO jup_seen VALUES (?, 0) ON CONFLICT DO NOTHING");
                assertEquals(KEYS, counts[0] + counts[1], server);
                assertEquals(KEYS, DeferrableUniqueConcurrencyIT.intOf(setup, "SELECT count(*) FROM jup_seen"), server);
                DeferrableUniqueConcurrencyIT.execute(setup, "DROP TABLE jup_hits, jup_seen");
            }
        }
    }

    /** Runs {@code upsert} for keys 0..KEYS-1 on two connections at once; the rows each one wrote. */
    private static int[] race(String server, String upsert) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<Integer>> sessions = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                sessions.add(pool.submit(() -> {
                    int written = 0;
                    try (Connection c = servers.connect(server, "");
                            PreparedStatement p = c.prepareStatement(upsert)) {
                        start.await(30, TimeUnit.SECONDS);
                        for (int k = 0; k < KEYS; k++) {
                            p.setInt(1, k);
                            written += p.executeUpdate();
                        }
                    }
                    return written;
                }));
            }
            return new int[] {sessions.get(0).get(120, TimeUnit.SECONDS), sessions.get(1).get(120, TimeUnit.SECONDS)};
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The window between the conflict check and the insertion, forced: session B's upsert finds no row with
     * b = 20 and waits in the other unique index for session A (a = 1); A then commits a row with b = 20.
     * B updates that row (DO UPDATE) or skips (DO NOTHING) instead of failing with 23505, and the row it had
     * begun to insert is seen by nobody.
     */
    @Test
    void aKeyCommittedAfterTheConflictCheck() throws Exception {
        for (String server : ServerPair.SERVERS) {
            windowRace(server, "INSERT INTO jup_w VALUES (1, 20) ON CONFLICT (b) DO UPDATE SET a = jup_w.a + 100",
                    "102:20");
            windowRace(server, "INSERT INTO jup_w VALUES (1, 20) ON CONFLICT DO NOTHING", "2:20");
        }
    }

    private static void windowRace(String server, String upsert, String finalRows) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = servers.connect(server, ""); Connection b = servers.connect(server, "");
                Connection watcher = servers.connect(server, "")) {
            DeferrableUniqueConcurrencyIT.execute(a, "DROP TABLE IF EXISTS jup_w");
            DeferrableUniqueConcurrencyIT.execute(a, "CREATE TABLE jup_w (a int, b int)");
            DeferrableUniqueConcurrencyIT.execute(a, "CREATE UNIQUE INDEX jup_w_a ON jup_w (a)");
            DeferrableUniqueConcurrencyIT.execute(a, "CREATE UNIQUE INDEX jup_w_b ON jup_w (b)");
            int bPid = DeferrableUniqueConcurrencyIT.intOf(b, "SELECT pg_backend_pid()");
            a.setAutoCommit(false);
            DeferrableUniqueConcurrencyIT.execute(a, "INSERT INTO jup_w VALUES (1, 10)");
            Future<?> second = pool.submit(() -> {
                DeferrableUniqueConcurrencyIT.execute(b, upsert);
                return null;
            });
            DeferrableUniqueConcurrencyIT.awaitLockWait(watcher, bPid, second, server);
            DeferrableUniqueConcurrencyIT.execute(a, "UPDATE jup_w SET a = 2, b = 20 WHERE a = 1");
            a.commit();
            second.get(30, TimeUnit.SECONDS);
            assertEquals(finalRows, DeferrableUniqueConcurrencyIT.stringOf(watcher,
                    "SELECT string_agg(a || ':' || b, ',') FROM jup_w"), server);
            a.setAutoCommit(true);
            DeferrableUniqueConcurrencyIT.execute(a, "DROP TABLE jup_w");
        } finally {
            pool.shutdownNow();
        }
    }
}
