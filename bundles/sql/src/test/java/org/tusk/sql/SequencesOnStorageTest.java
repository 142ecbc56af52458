package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * nextval, setval and the sequence's row (last_value, log_cnt, is_called) on storage, with the values PostgreSQL
 * 15 shows (checked against it): the row is changed in place, WAL-logged every 32 values, shared by sessions in
 * threads, kept by a rollback, and after a kill -9 the next value is above every value a committed transaction
 * stored.
 */
class SequencesOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    /** The sequence's row: last_value|log_cnt|is_called. */
    private static String row(Transcript t, String sequence) {
        return t.rowsOf("select last_value, log_cnt, is_called from " + sequence);
    }

    @Test
    void theRowCountsDownTheLoggedValuesAsPostgresDoes() {
        Transcript t = cluster.session();
        t.run("create sequence q1");
        assertEquals("1|0|f", row(t, "q1"));
        assertEquals("1", t.rowsOf("select nextval('q1')"));
        assertEquals("1|32|t", row(t, "q1"));
        assertEquals("2|3", t.rowsOf("select nextval('q1'), nextval('q1')"));
        assertEquals("3|30|t", row(t, "q1"));
        assertEquals("10", t.rowsOf("select setval('q1', 10)"));
        assertEquals("10|0|t", row(t, "q1"));
        assertEquals("11", t.rowsOf("select nextval('q1')"));
        assertEquals("11|32|t", row(t, "q1"));
        assertEquals("20", t.rowsOf("select setval('q1', 20, false)"));
        assertEquals("20", t.rowsOf("select nextval('q1')"));
        assertEquals("20|32|t", row(t, "q1"));
        t.run("drop sequence q1");
    }

    @Test
    void cyclesAndBoundsAsPostgresDoes() {
        Transcript t = cluster.session();
        t.run("create sequence c1 minvalue 1 maxvalue 3 cycle");
        assertEquals("1|2|3|1", t.rowsOf("select nextval('c1'), nextval('c1'), nextval('c1'), nextval('c1')"));
        assertEquals("1|2|t", row(t, "c1"));
        t.run("create sequence m1 maxvalue 2");
        assertEquals("1|2", t.rowsOf("select nextval('m1'), nextval('m1')"));
        assertEquals("2|0|t", row(t, "m1"));
        assertEquals("E ERROR 2200H nextval: reached maximum value of sequence \"m1\" (2) @-",
                t.rowsOf("select nextval('m1')"));
        t.run("create sequence d1 increment -5 minvalue -12");
        assertEquals("-1|-6|-11", t.rowsOf("select nextval('d1'), nextval('d1'), nextval('d1')"));
        assertEquals("-11|0|t", row(t, "d1"));
        assertEquals("E ERROR 2200H nextval: reached minimum value of sequence \"d1\" (-12) @-",
                t.rowsOf("select nextval('d1')"));
        t.run("drop sequence c1, m1, d1");
    }

    @Test
    void aRollbackKeepsTheValuesButASequenceItCreatedGoes() {
        Transcript t = cluster.session();
        t.run("create sequence r1");
        t.run("begin");
        assertEquals("1", t.rowsOf("select nextval('r1')"));
        t.run("rollback");
        assertEquals("2", t.rowsOf("select nextval('r1')"));
        t.run("begin");
        t.run("create sequence n1");
        assertEquals("1|2", t.rowsOf("select nextval('n1'), nextval('n1')"));
        assertEquals("2|31|t", row(t, "n1"));
        t.run("rollback");
        assertTrue(t.rowsOf("select nextval('n1')").startsWith("E ERROR 42P01 relation \"n1\" does not exist"));
        t.run("drop sequence r1");
    }

    @Test
    void sessionsInThreadsShareTheRow() throws Exception {
        cluster.run("create sequence shared");
        int perSession = 400;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                got.add(pool.submit(() -> {
                    Transcript t = cluster.transcript();
                    try {
                        List<Long> values = new ArrayList<>();
                        for (int n = 0; n < perSession; n++) {
                            values.add(Long.parseLong(t.rowsOf("select nextval('shared')")));
                        }
                        return values;
                    } finally {
                        t.session.close();
                    }
                }));
            }
            TreeSet<Long> all = new TreeSet<>();
            for (Future<List<Long>> f : got) {
                List<Long> values = f.get();
                for (int i = 1; i < values.size(); i++) {
                    assertTrue(values.get(i) > values.get(i - 1), "increasing in each session: " + values);
                }
                all.addAll(values);
            }
            assertEquals(2 * perSession, all.size(), "no value twice");
            assertEquals(1L, all.first());
            assertEquals(2L * perSession, all.last(), "no value skipped");
        } finally {
            pool.shutdown();
        }
        cluster.run("drop sequence shared");
    }

    @Test
    void afterACrashTheNextValueIsAboveEveryCommittedOne() {
        Transcript t = cluster.session();
        t.run("create table crashed (id serial primary key, x int)");
        t.run("insert into crashed (x) select g from generate_series(1, 50) g");
        t.run("begin");
        t.run("insert into crashed (x) values (0)"); // value 51, never committed
        Transcript other = cluster.session();
        assertEquals("52", other.rowsOf("select nextval('crashed_id_seq')"));
        cluster.crash();

        Transcript after = cluster.session();
        assertEquals("50", after.rowsOf("select max(id) from crashed"));
        // The last record claimed 66 (the 34th value logged 32 ahead); 51 and 52 came from that claim.
        assertEquals("66|0|t", row(after, "crashed_id_seq"));
        assertEquals("67", after.rowsOf("insert into crashed (x) values (1) returning id"));
        assertEquals("67|32|t", row(after, "crashed_id_seq"));
        after.run("drop table crashed");
    }
}
