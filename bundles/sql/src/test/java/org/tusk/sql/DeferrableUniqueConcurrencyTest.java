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
 * A DEFERRABLE unique key between two sessions inserting the same key, as in PostgreSQL 15: the second
 * inserter's entry goes in without a check, and its recheck (at COMMIT when the key is deferred, at the
 * end of the statement when it is immediate) waits for the first inserter's transaction, then fails
 * with 23505 if that committed and passes if it rolled back. The first inserter, which found no equal
 * key, queues no recheck, so its COMMIT does not wait for the second (no deadlock). That a session
 * waits is seen the way a client sees it: pg_stat_activity shows it waiting for a transactionid lock.
 */
class DeferrableUniqueConcurrencyTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private static final String DUPLICATE = "E ERROR 23505 duplicate key value violates unique constraint \"%s\" @-"
            + " D Key (id)=(1) already exists.";

    private Transcript first;
    private Transcript second;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void sessions() {
        first = new Transcript(cluster.engine(), "postgres", "postgres", 601);
        second = new Transcript(cluster.engine(), "postgres", "postgres", 602);
    }

    /** A failed assertion must not leave a transaction (and its locks) open for the next test. */
    @AfterEach
    void end() {
        pool.shutdownNow();
        first.session.close();
        second.session.close();
    }

    @Test
    void deferredKeyCommitWaitsForTheOtherInserterThenFails() throws Exception {
        race("dq1", "primary key deferrable initially deferred", true, true);
    }

    @Test
    void deferredKeyCommitSucceedsWhenTheOtherInserterRollsBack() throws Exception {
        race("dq2", "unique deferrable initially deferred", true, false);
    }

    @Test
    void immediateKeyStatementWaitsThenFails() throws Exception {
        race("iq1", "primary key deferrable", false, true);
    }

    @Test
    void immediateKeyStatementWaitsThenSucceeds() throws Exception {
        race("iq2", "primary key deferrable initially immediate", false, false);
    }

    /**
     * The first session inserts key 1 into {@code table} in an open transaction; the second inserts it too
     * (in a transaction that it then commits when {@code deferred}, else alone) and must wait for the first,
     * which then commits or rolls back; the second's answer follows, and one row is left either way.
     */
    private void race(String table, String key, boolean deferred, boolean firstCommits) throws Exception {
        first.run("create table " + table + "(id int " + key + ")");
        first.run("begin");
        assertEquals(List.of("C INSERT 0 1", "Z T"), first.run("insert into " + table + " values (1)"));
        Future<List<String>> waiting;
        if (deferred) {
            second.run("begin");
            // The entry goes in without waiting; only the COMMIT's recheck waits.
            assertEquals(List.of("C INSERT 0 1", "Z T"), second.run("insert into " + table + " values (1)"));
            waiting = pool.submit(() -> second.run("commit"));
        } else {
            waiting = pool.submit(() -> second.run("insert into " + table + " values (1)"));
        }
        awaitLockWait(602);
        first.run(firstCommits ? "commit" : "rollback");
        List<String> reply = waiting.get(30, TimeUnit.SECONDS);
        if (firstCommits) {
            String constraint = table + (key.startsWith("primary") ? "_pkey" : "_id_key");
            assertEquals(String.format(DUPLICATE, constraint), error(reply));
        } else {
            assertEquals(List.of(deferred ? "C COMMIT" : "C INSERT 0 1", "Z I"), reply);
        }
        assertEquals("1", cluster.rows("select count(*) from " + table));
    }

    @Test
    void keysOfOneTransactionStillCheckedWithoutWaiting() {
        first.run("create table oq(id int primary key deferrable initially deferred, v text)");
        first.run("begin");
        first.run("insert into oq values (1)");
        first.run("insert into oq values (1)");
        assertEquals(String.format(DUPLICATE, "oq_pkey"), error(first.run("commit")));
        // A duplicate deleted again before COMMIT is no violation; nor is a swap of keys in one UPDATE.
        first.run("insert into oq values (1, 'a'), (2, 'b')");
        first.run("begin");
        first.run("insert into oq values (1, 'dup')");
        first.run("delete from oq where v = 'dup'");
        first.run("update oq set id = 3 - id");
        assertEquals(List.of("C COMMIT", "Z I"), first.run("commit"));
        assertEquals("1;2", first.rowsOf("select id from oq order by id"));
    }

    /** Waits until backend {@code pid} is asleep in a transaction lock wait, as pg_stat_activity shows it. */
    private static void awaitLockWait(int pid) throws InterruptedException {
        String query = "select wait_event_type || ':' || wait_event from pg_stat_activity where pid = " + pid;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"Lock:transactionid".equals(cluster.rows(query))) {
            assertFalse(System.nanoTime() > deadline, "backend " + pid + " never waited for a transaction");
            Thread.sleep(10);
        }
    }

    /** The error line of a reply (without the unknown position), or the whole reply if there is none. */
    private static String error(List<String> reply) {
        for (String l : reply) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return String.join(",", reply);
    }
}
