package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cumulative statistics views and pg_locks between two sessions on the real storage: what one
 * session counts (scans, rows read, inserted, updated, deleted; commits and rollbacks) is seen by another
 * once its transaction ends, and not before; within a transaction the counts read are a snapshot until
 * pg_stat_clear_snapshot(); a lock one session holds is in the other's pg_locks, and a session waiting
 * for it shows a row with granted = false and the holder in pg_blocking_pids.
 */
class StatsViewsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private Transcript worker;
    private Transcript watcher;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void sessions() {
        worker = new Transcript(cluster.engine(), "postgres", "postgres", 701);
        watcher = new Transcript(cluster.engine(), "postgres", "postgres", 702);
    }

    @AfterEach
    void end() {
        pool.shutdownNow();
        worker.session.close();
        watcher.session.close();
    }

    private static final String TABLE = "select seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd,"
            + " n_tup_del, n_tup_hot_upd, n_live_tup, n_dead_tup from pg_stat_user_tables where relname = 'st1'";

    @Test
    void countsAreSeenByOthersWhenTheTransactionEnds() {
        worker.run("create table st1 (a int primary key, b text)");
        // The primary key's build scanned the (empty) table once.
        assertEquals("1|0|0|0|0|0|0|0|0|0", watcher.rowsOf(TABLE));
        worker.run("begin");
        worker.run("insert into st1 select g, 'x' from generate_series(1, 10) g");
        worker.run("update st1 set b = 'y' where a = 1");
        worker.run("delete from st1 where a = 2");
        worker.run("select count(*) from st1");
        assertEquals("1|0|0|0|0|0|0|0|0|0", watcher.rowsOf(TABLE), "nothing before the commit");
        worker.run("commit");
        assertEquals("2|9|2|2|10|1|1|1|9|2", watcher.rowsOf(TABLE));
        assertEquals("st1_pkey|2|2|2", watcher.rowsOf("select indexrelname, idx_scan, idx_tup_read, idx_tup_fetch"
                + " from pg_stat_user_indexes where relname = 'st1'"));

        // A rolled-back insert counts as inserted and leaves dead tuples.
        worker.run("begin; insert into st1 values (20, 'r'); rollback");
        assertEquals("11|9|3", watcher.rowsOf("select n_tup_ins, n_live_tup, n_dead_tup from pg_stat_user_tables"
                + " where relname = 'st1'"));

        // In a transaction the watcher's reads are a snapshot, until pg_stat_clear_snapshot().
        watcher.run("begin");
        assertEquals("2", watcher.rowsOf("select seq_scan from pg_stat_user_tables where relname = 'st1'"));
        worker.run("select count(*) from st1");
        assertEquals("2", watcher.rowsOf("select seq_scan from pg_stat_user_tables where relname = 'st1'"));
        watcher.run("select pg_stat_clear_snapshot()");
        assertEquals("3", watcher.rowsOf("select seq_scan from pg_stat_user_tables where relname = 'st1'"));
        watcher.run("commit");

        String commits = "select xact_commit, xact_rollback from pg_stat_database where datname = 'postgres'";
        String[] before = watcher.rowsOf(commits).split("\\|");
        worker.run("select 1");
        worker.run("begin; select 1; rollback");
        String[] after = watcher.rowsOf(commits).split("\\|");
        assertEquals(Long.parseLong(before[0]) + 2, Long.parseLong(after[0]), "the worker's commit and the"
                + " watcher's own previous read");
        assertEquals(Long.parseLong(before[1]) + 1, Long.parseLong(after[1]));

        worker.run("vacuum st1");
        assertEquals("9|0|1|t", watcher.rowsOf("select n_live_tup, n_dead_tup, vacuum_count, last_vacuum is not null"
                + " from pg_stat_user_tables where relname = 'st1'"));
        worker.run("select pg_stat_reset()");
        assertEquals("0|0|0|t", watcher.rowsOf("select seq_scan, n_live_tup, vacuum_count, (select stats_reset"
                + " is not null from pg_stat_database where datname = 'postgres') from pg_stat_user_tables"
                + " where relname = 'st1'"));
        worker.run("drop table st1");
    }

    @Test
    void aWaiterShowsInPgLocksWithItsBlocker() throws Exception {
        worker.run("create table st2 (a int)");
        worker.run("begin; lock table st2 in access exclusive mode");
        String held = "select locktype, mode, granted, pid from pg_locks where relation = 'st2'::regclass order by granted";
        assertEquals("relation|AccessExclusiveLock|t|701", watcher.rowsOf(held));
        Transcript third = new Transcript(cluster.engine(), "postgres", "postgres", 703);
        try {
            Future<List<String>> waiting = pool.submit(() -> third.run("select count(*) from st2"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!watcher.rowsOf(held).contains("|f|")) {
                assertFalse(System.nanoTime() > deadline, "the third session never waited");
                Thread.sleep(10);
            }
            assertEquals("relation|AccessShareLock|f|703;relation|AccessExclusiveLock|t|701", watcher.rowsOf(held));
            assertEquals("{701}", watcher.rowsOf("select pg_blocking_pids(703)"));
            assertEquals("{}", watcher.rowsOf("select pg_blocking_pids(701)"));
            worker.run("commit");
            assertEquals("D 0", waiting.get(30, TimeUnit.SECONDS).stream().filter(l -> l.startsWith("D"))
                    .findFirst().orElse(""));
        } finally {
            third.session.close();
        }
        assertEquals("", watcher.rowsOf(held));
        worker.run("drop table st2");
    }
}
