package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.itests.DeferrableUniqueConcurrencyIT.execute;
import static org.tusk.itests.DeferrableUniqueConcurrencyIT.intOf;
import static org.tusk.itests.DeferrableUniqueConcurrencyIT.stringOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tusk.itests.harness.ServerPair;

/**
 * The cumulative statistics views and pg_locks between pgjdbc sessions, on PostgreSQL 15 and on Tusk with
 * the same assertions: one session's committed changes and scans show in another session's
 * pg_stat_user_tables and pg_stat_user_indexes (after pg_stat_force_next_flush() in the first, which
 * PostgreSQL needs and Tusk, which flushes at every transaction end, ignores); a session waiting for a lock
 * another holds shows in pg_locks with granted = false, and pg_blocking_pids names the holder.
 */
class StatsViewsJdbcIT {

    @RegisterExtension
    static final ServerPair servers = new ServerPair();

    @Test
    void countersOfAnotherSessionAfterItsCommit() throws Exception {
        for (String server : ServerPair.SERVERS) {
            try (Connection a = servers.connect(server, ""); Connection watcher = servers.connect(server, "")) {
                execute(a, "DROP TABLE IF EXISTS sv_counts");
                execute(a, "CREATE TABLE sv_counts (id integer PRIMARY KEY, v text)");
                a.setAutoCommit(false);
                execute(a, "INSERT INTO sv_counts SELECT g, 'x' FROM generate_series(1, 5) g");
                execute(a, "UPDATE sv_counts SET v = 'y' WHERE id = 3");
                execute(a, "DELETE FROM sv_counts WHERE id = 4");
                a.commit();
                a.setAutoCommit(true);
                intOf(a, "SELECT count(*) FROM sv_counts");
                execute(a, "SELECT pg_stat_force_next_flush()");
                // The primary key's build and the count are the two sequential scans.
                assertEquals("2|4|2|5|1|1|4|2", stringOf(watcher, "SELECT concat_ws('|', seq_scan, seq_tup_read,"
                        + " idx_scan, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup)"
                        + " FROM pg_stat_user_tables WHERE relname = 'sv_counts'"), server);
                assertEquals("sv_counts_pkey|2", stringOf(watcher, "SELECT indexrelname || '|' || idx_scan"
                        + " FROM pg_stat_user_indexes WHERE relname = 'sv_counts'"), server);
                assertTrue(intOf(watcher, "SELECT count(*) FROM pg_stat_database WHERE datname = current_database()"
                        + " AND xact_commit > 0 AND numbackends >= 2") == 1, server);
                execute(a, "DROP TABLE sv_counts");
            }
        }
    }

    @Test
    void aBlockedLockShowsInPgLocks() throws Exception {
        for (String server : ServerPair.SERVERS) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection a = servers.connect(server, ""); Connection b = servers.connect(server, "");
                    Connection watcher = servers.connect(server, "")) {
                execute(a, "DROP TABLE IF EXISTS sv_locks");
                execute(a, "CREATE TABLE sv_locks (id integer)");
                int aPid = intOf(a, "SELECT pg_backend_pid()");
                int bPid = intOf(b, "SELECT pg_backend_pid()");
                a.setAutoCommit(false);
                execute(a, "LOCK TABLE sv_locks IN ACCESS EXCLUSIVE MODE");
                Future<Integer> reader = pool.submit(() -> intOf(b, "SELECT count(*) FROM sv_locks"));
                String locks = "SELECT string_agg(concat_ws(',', locktype, mode, granted, pid = " + aPid + ", pid = "
                        + bPid + "), ';' ORDER BY granted, mode) FROM pg_locks WHERE relation = 'sv_locks'::regclass";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!stringOf(watcher, locks).contains("Lock,f,")) {
                    assertFalse(reader.isDone(), server + ": the reader did not wait");
                    assertTrue(System.nanoTime() < deadline, server + ": the reader never waited");
                    Thread.sleep(10);
                }
                assertEquals("relation,AccessShareLock,f,f,t;relation,AccessExclusiveLock,t,t,f",
                        stringOf(watcher, locks), server);
                try (Statement s = watcher.createStatement();
                        ResultSet rs = s.executeQuery("SELECT pg_blocking_pids(" + bPid + ")")) {
                    assertTrue(rs.next());
                    Integer[] blockers = (Integer[]) rs.getArray(1).getArray();
                    assertEquals(1, blockers.length, server);
                    assertEquals(aPid, blockers[0], server);
                }
                a.commit();
                assertEquals(0, reader.get(30, TimeUnit.SECONDS), server);
                assertEquals(null, stringOf(watcher, locks), server);
                a.setAutoCommit(true);
                execute(a, "DROP TABLE sv_locks");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
