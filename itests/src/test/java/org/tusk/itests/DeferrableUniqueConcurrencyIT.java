package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * Two pgjdbc sessions inserting one key into a DEFERRABLE unique key, on PostgreSQL 15 and on Tusk: the
 * second one's check (its COMMIT when the key is INITIALLY DEFERRED, its INSERT when INITIALLY IMMEDIATE)
 * waits for the first session's transaction, which a third session sees in pg_stat_activity (wait_event_type
 * Lock, wait_event transactionid); then it fails with 23505 if the first committed, and passes if the first
 * rolled back.
 */
class DeferrableUniqueConcurrencyIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void deferredKeyCommitWaitsThenFails() throws Exception {
        race("DEFERRABLE INITIALLY DEFERRED", true, true);
    }

    @Test
    void deferredKeyCommitWaitsThenSucceeds() throws Exception {
        race("DEFERRABLE INITIALLY DEFERRED", true, false);
    }

    @Test
    void immediateKeyInsertWaitsThenFails() throws Exception {
        race("DEFERRABLE INITIALLY IMMEDIATE", false, true);
    }

    @Test
    void immediateKeyInsertWaitsThenSucceeds() throws Exception {
        race("DEFERRABLE", false, false);
    }

    /**
     * On each server: session A inserts key 1 in an open transaction; session B inserts it too (in a
     * transaction of its own and commits, when {@code deferred}, else with autocommit) and must wait for A;
     * A commits or rolls back; B's outcome follows.
     */
    private static void race(String deferrable, boolean deferred, boolean firstCommits) throws Exception {
        for (String server : ServerPair.SERVERS) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection a = servers.connect(server, ""); Connection b = servers.connect(server, "");
                    Connection watcher = servers.connect(server, "")) {
                execute(a, "DROP TABLE IF EXISTS du_race");
                execute(a, "CREATE TABLE du_race (id integer PRIMARY KEY " + deferrable + ")");
                int bPid = intOf(b, "SELECT pg_backend_pid()");
                a.setAutoCommit(false);
                execute(a, "INSERT INTO du_race VALUES (1)");
                if (deferred) {
                    b.setAutoCommit(false);
                    execute(b, "INSERT INTO du_race VALUES (1)");
                }
                Future<?> second = pool.submit(() -> {
                    if (deferred) {
                        b.commit();
                    } else {
                        execute(b, "INSERT INTO du_race VALUES (1)");
                    }
                    return null;
                });
                awaitLockWait(watcher, bPid, second, server);
                if (firstCommits) {
                    a.commit();
                    ExecutionException e = assertThrows(ExecutionException.class,
                            () -> second.get(30, TimeUnit.SECONDS), server);
                    SQLException cause = (SQLException) e.getCause();
                    assertEquals("23505", cause.getSQLState(), server);
                    assertTrue(cause.getMessage().contains(
                            "duplicate key value violates unique constraint \"du_race_pkey\""), server + ": " + cause);
                    assertTrue(cause.getMessage().contains("Key (id)=(1) already exists."), server + ": " + cause);
                } else {
                    a.rollback();
                    second.get(30, TimeUnit.SECONDS);
                }
                assertEquals(1, intOf(watcher, "SELECT count(*) FROM du_race"), server);
                a.setAutoCommit(true);
                execute(a, "DROP TABLE du_race");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Waits until backend {@code pid} is asleep in a transaction lock wait (and has not finished instead).
     * UpsertJdbcIT's races use it too.
     */
    static void awaitLockWait(Connection watcher, int pid, Future<?> waiter, String server)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String query = "SELECT wait_event_type || ':' || wait_event FROM pg_stat_activity WHERE pid = " + pid;
        while (true) {
            assertFalse(waiter.isDone(), server + ": the second session did not wait");
            try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(query)) {
                if (rs.next() && "Lock:transactionid".equals(rs.getString(1))) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, server + ": the second session never waited for a transaction");
            Thread.sleep(10);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int intOf(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    static String stringOf(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
