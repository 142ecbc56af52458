package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bitmap scans on the real storage: the planner picks them where PostgreSQL would (a range or a
 * non-unique lookup too big for an index scan and too small for a sequential scan, an OR of indexed
 * conditions, two indexes ANDed), they return the rows every other scan returns (checked under each
 * enable_* combination, with counts computed by a sequential scan), a bitmap beyond work_mem turns
 * lossy and still returns the right rows, and updated and deleted rows are seen as the snapshot says.
 */
class BitmapScansOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    private static final List<String> ONLY = List.of(
            "set enable_indexscan = off; set enable_seqscan = off;",
            "set enable_bitmapscan = off; set enable_seqscan = off;",
            "set enable_bitmapscan = off; set enable_indexscan = off;",
            "");

    @BeforeAll
    static void start() {
        for (String sql : List.of(
                // a scattered (uncorrelated) column a and a correlated column c
                "create table t (id int primary key, a int, b int, c int, pad text)",
                "insert into t select i, (i * 7919) % 1000, i % 10, i, repeat('x', 40) from generate_series(1, 20000) g(i)",
                "create index t_a on t (a)",
                "create index t_b on t (b)",
                "create index t_c on t (c)",
                "analyze t")) {
            rows(sql);
        }
    }

    private static List<String> rows(String sql) {
        return Transcript.dataRows(cluster.engine(), sql);
    }

    private static String plan(String query) {
        return plan("", query);
    }

    private static String plan(String settings, String query) {
        return String.join("\n", rows(settings + " explain (costs off) " + query));
    }

    /** The query's rows under each scan method alone; all equal, and returned. */
    private static List<String> sameUnderEveryScan(String query) {
        List<String> expected = rows("set enable_bitmapscan = off; set enable_indexscan = off; " + query);
        for (String s : ONLY) {
            assertEquals(expected, rows(s + " " + query), s + " " + query);
        }
        return expected;
    }

    @Test
    void aScatteredRangeIsABitmapScan() {
        String q = "select count(*), sum(id) from t where a < 30";
        String p = plan(q);
        assertTrue(p.contains("Bitmap Heap Scan on t"), p);
        assertTrue(p.contains("Recheck Cond: (a < 30)"), p);
        assertTrue(p.contains("Bitmap Index Scan on t_a"), p);
        assertTrue(p.contains("Index Cond: (a < 30)"), p);
        List<String> r = sameUnderEveryScan(q);
        assertEquals("600", r.getFirst().split("\\|")[0].strip().replaceAll("\\D.*", ""), r.toString());
    }

    @Test
    void aCorrelatedRangeIsAnIndexScanAndAUniqueKeyToo() {
        String p = plan("select * from t where c between 100 and 300");
        assertTrue(p.startsWith("Index Scan using t_c on t"), p);
        assertTrue(plan("select * from t where id = 5").startsWith("Index Scan using t_pkey on t"));
        // a tenth of the rows, on every page: still a bitmap scan (PostgreSQL 15 agrees), most rows: sequential
        assertTrue(plan("select * from t where b = 3").startsWith("Bitmap Heap Scan on t"));
        assertTrue(plan("select * from t where b < 8").startsWith("Seq Scan on t"), plan("select * from t where b < 8"));
    }

    @Test
    void anOrOfIndexedConditionsIsABitmapOr() {
        String q = "select id from t where a = 5 or c = 77 order by id";
        String p = plan(q);
        assertTrue(p.contains("BitmapOr"), p);
        assertTrue(p.contains("Recheck Cond: ((a = 5) OR (c = 77))"), p);
        List<String> r = sameUnderEveryScan(q);
        assertEquals(rows("select count(*) from t where a = 5 or c = 77").getFirst(), String.valueOf(r.size()));
    }

    @Test
    void anInListSearchesTheIndexOncePerElement() {
        String q = "select id from t where a in (5, 6, null, 5) order by id";
        String p = plan(q);
        assertTrue(p.contains("Index Cond: (a = ANY ('{5,6,NULL,5}'::integer[]))"), p);
        List<String> r = sameUnderEveryScan(q);
        assertEquals(40, r.size(), "each row once, whatever the repeated element");
        String or = plan("select id from t where a in (5, 6) or c = 42");
        assertTrue(or.contains("BitmapOr"), or);
        assertEquals(41, sameUnderEveryScan("select id from t where a in (5, 6) or c = 42 order by id").size());
    }

    @Test
    void twoIndexesAreAnded() {
        String q = "select id from t where a < 200 and b = 3 order by id";
        List<String> r = sameUnderEveryScan(q);
        assertEquals(rows("set enable_bitmapscan = off; set enable_indexscan = off; "
                + "select count(*) from t where a < 200 and b = 3").getFirst(), String.valueOf(r.size()));
        // b = 3 alone is what PostgreSQL picks; two ranges each selective enough make a BitmapAnd
        String one = plan(q);
        assertTrue(one.contains("Recheck Cond: (b = 3)") && one.contains("Filter: (a < 200)"), one);
        String and = plan("select id from t where a < 50 and b = 3");
        assertTrue(and.contains("BitmapAnd") && and.contains("Recheck Cond: ((a < 50) AND (b = 3))"), and);
        List<String> both = sameUnderEveryScan("select id from t where a < 50 and b = 3 order by id");
        assertEquals(rows("select count(*) from t where a < 50 and b = 3").getFirst(), String.valueOf(both.size()));
    }

    @Test
    void explainAnalyzeShowsTheHeapBlocks() {
        List<String> out = rows("explain (analyze, costs off) select * from t where a = 7");
        String p = String.join("\n", out);
        assertTrue(p.contains("Bitmap Heap Scan on t (actual rows=20 loops=1)"), p);
        assertTrue(p.matches("(?s).*Heap Blocks: exact=\\d+.*"), p);
        assertTrue(p.contains("Bitmap Index Scan on t_a (actual rows=20 loops=1)"), p);
    }

    @Test
    void aBitmapBeyondWorkMemTurnsLossyAndKeepsTheRightRows() {
        rows("create table w (id int, a int, pad text)");
        rows("insert into w select i, (i * 7919) % 1000, repeat('y', 1800) from generate_series(1, 5000) g(i)");
        rows("create index w_a on w (a)");
        String q = "select count(*), sum(id) from w where a < 600";
        List<String> expected = rows("set enable_bitmapscan = off; set enable_indexscan = off; " + q);
        String lossy = String.join("\n", rows("set work_mem = '64kB'; set enable_seqscan = off; set enable_indexscan = off;"
                + " explain (analyze, costs off) " + q));
        assertTrue(lossy.contains("lossy="), lossy);
        assertTrue(lossy.contains("Rows Removed by Index Recheck"), lossy);
        assertEquals(expected, rows("set work_mem = '64kB'; set enable_seqscan = off; set enable_indexscan = off; " + q));
    }

    @Test
    void aRowLockedAfterAConcurrentUpdateIsRecheckedAgainstTheIndexConditions() throws Exception {
        rows("create table l (id int, k int)");
        rows("insert into l select i, i % 100 from generate_series(1, 3000) g(i)");
        rows("create index l_k on l (k)");
        rows("analyze l");
        lockedAfterUpdate("l", 7, "set enable_seqscan = off; set enable_indexscan = off; ", "Bitmap Heap Scan on l");
        lockedAfterUpdate("l", 207, "set enable_seqscan = off; set enable_bitmapscan = off; ", "Index Scan using l_k");
    }

    /** Row {@code id} (k = 7 before) gets k = 8 while another session's FOR UPDATE of k = 7 waits for it. */
    private static void lockedAfterUpdate(String table, int id, String settings, String shape) throws Exception {
        String lockQuery = "select id from " + table + " where k = 7 order by id for update";
        assertTrue(plan(settings, lockQuery).contains(shape), plan(settings, lockQuery));
        Transcript a = cluster.transcript();
        Transcript b = cluster.transcript();
        try {
            a.run("begin");
            a.run("update " + table + " set k = 8 where id = " + id);
            b.run("begin isolation level read committed");
            var locking = java.util.concurrent.CompletableFuture.supplyAsync(() -> b.run(settings + lockQuery));
            Thread.sleep(200); // let the select wait for a's row lock (the result is the same if it does not)
            a.run("commit");
            List<String> locked = locking.get(60, java.util.concurrent.TimeUnit.SECONDS).stream()
                    .filter(l -> l.startsWith("D")).toList();
            assertFalse(locked.contains("D " + id), "id " + id + " now has k = 8: " + locked);
            assertTrue(locked.contains("D 107"), locked.toString());
            b.run("commit");
        } finally {
            a.session.close();
            b.session.close();
        }
    }

    @Test
    void changedRowsAreSeenAsTheSnapshotSays() {
        rows("create table u (k int, v text)");
        rows("insert into u select i % 50, 'v' || i from generate_series(1, 5000) g(i)");
        rows("create index u_k on u (k)");
        rows("analyze u");
        rows("update u set v = 'changed' where k = 3 and v like 'v1%'");
        rows("delete from u where k = 3 and v like 'v2%'");
        String settings = "set enable_seqscan = off; set enable_indexscan = off; ";
        assertTrue(plan(settings, "select * from u where k = 3").contains("Bitmap Heap Scan on u"));
        assertEquals(rows("set enable_bitmapscan = off; set enable_indexscan = off; select v from u where k = 3 order by v"),
                rows(settings + "select v from u where k = 3 order by v"));
    }
}
