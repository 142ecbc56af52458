package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code col = ANY (array)} and {@code col IN (...)} on the real storage: EXPLAIN shows PostgreSQL's
 * ScalarArrayOpExpr as an index condition, the index scan with array keys returns the rows in index
 * order (ascending and descending indexes), each once however often its key repeats in the array, NULL
 * elements match nothing, an empty array nothing, and every scan method returns the same rows as a
 * sequential scan computes them.
 */
class ArrayKeyScansOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    private static final List<String> ONLY = List.of(
            "set enable_indexscan = off; set enable_seqscan = off;",
            "set enable_bitmapscan = off; set enable_seqscan = off;",
            "");

    @BeforeAll
    static void start() {
        for (String sql : List.of(
                "create table t (id int primary key, a int, b int, pad text)",
                "insert into t select i, (i * 7919) % 1000, i % 10, repeat('x', 40) from generate_series(1, 20000) g(i)",
                "create index t_a on t (a)",
                "create index t_b_desc on t (b desc, id)",
                "analyze t")) {
            rows(sql);
        }
    }

    private static List<String> rows(String sql) {
        return Transcript.dataRows(cluster.engine(), sql);
    }

    private static String plan(String settings, String query) {
        return String.join("\n", rows(settings + " explain (costs off) " + query));
    }

    /** The query's rows under each scan method; all equal to the sequential scan's, which are returned. */
    private static List<String> sameUnderEveryScan(String query) {
        List<String> expected = rows("set enable_bitmapscan = off; set enable_indexscan = off; " + query);
        for (String s : ONLY) {
            assertEquals(expected, rows(s + " " + query), s + " " + query);
        }
        return expected;
    }

    @Test
    void anyOfAConstantArrayIsAnIndexCondition() {
        String p = plan("", "select id from t where a = any ('{5,6}')");
        assertTrue(p.contains("Bitmap Index Scan on t_a"), p);
        assertTrue(p.contains("Index Cond: (a = ANY ('{5,6}'::integer[]))"), p);
        assertTrue(p.contains("Recheck Cond: (a = ANY ('{5,6}'::integer[]))"), p);
        // 20 rows for each of the two values, counted by the sequential scan
        assertEquals(List.of("40"), sameUnderEveryScan("select count(*) from t where a = any ('{5,6}')"));
        String q = plan("set enable_bitmapscan = off;", "select id from t where a = any (array[7, 3])");
        assertTrue(q.contains("Index Cond: (a = ANY ('{7,3}'::integer[]))"), q);
    }

    @Test
    void anIndexScanWithArrayKeysReturnsIndexOrderEachRowOnce() {
        String q = "select a, id from t where a = any ('{9,3,null,9,3,1}') ";
        String p = plan("set enable_bitmapscan = off; set enable_seqscan = off;", q);
        assertTrue(p.startsWith("Index Scan using t_a on t"), p);
        List<String> got = rows("set enable_bitmapscan = off; set enable_seqscan = off; " + q);
        List<String> sorted = rows("set enable_bitmapscan = off; set enable_indexscan = off; " + q
                + "order by a, id");
        assertEquals(60, got.size());
        List<Integer> keys = got.stream().map(r -> Integer.parseInt(r.split("\\|")[0].strip())).toList();
        for (int i = 1; i < keys.size(); i++) {
            assertTrue(keys.get(i - 1) <= keys.get(i), "not in index order: " + keys);
        }
        assertEquals(sorted.stream().sorted().toList(), got.stream().sorted().toList());
    }

    @Test
    void aDescendingIndexReturnsItsOwnOrder() {
        String q = "select b from t where b = any ('{2,8,5}') ";
        String p = plan("set enable_bitmapscan = off; set enable_seqscan = off;", q);
        assertTrue(p.startsWith("Index Only Scan using t_b_desc on t") || p.startsWith("Index Scan using t_b_desc"), p);
        List<String> got = rows("set enable_bitmapscan = off; set enable_seqscan = off; " + q);
        assertEquals(6000, got.size());
        assertEquals("8", got.getFirst().strip());
        assertEquals("2", got.getLast().strip());
    }

    @Test
    void nullsEmptyArraysAndAllMatchNothingOrEverything() {
        assertEquals(List.of("0"), sameUnderEveryScan("select count(*) from t where a = any ('{}')"));
        assertEquals(List.of("0"), sameUnderEveryScan("select count(*) from t where a = any ('{NULL}'::int[])"));
        assertEquals(List.of("0"), sameUnderEveryScan("select count(*) from t where a = any (null::int[])"));
        assertEquals(List.of("20"), sameUnderEveryScan("select count(*) from t where a = any ('{NULL,4}')"));
        assertEquals(List.of("19960"), sameUnderEveryScan("select count(*) from t where a <> all ('{1,2}')"));
        assertEquals(List.of("20"), sameUnderEveryScan("select count(*) from t where a = any (array[4::bigint, 5000000000])"));
        assertEquals(List.of("40"), sameUnderEveryScan("select count(*) from t where a in (4, 8, 4)"));
    }

    @Test
    void aParameterArrayIsSearchedToo() {
        assertEquals(List.of("40"), rows("prepare q(int[]) as select count(*) from t where a = any ($1);"
                + " set enable_seqscan = off; set enable_bitmapscan = off; execute q('{5,6}')"));
        assertEquals(List.of("20"), rows("prepare q3(bigint[]) as select count(*) from t where a = any ($1);"
                + " set enable_seqscan = off; execute q3('{5,null,6000000000}')"));
    }
    @Test
    void anIndexHoldingEveryColumnReadIsAnIndexOnlyScan() {
        assertEquals("Index Only Scan using t_pkey on t\n  Index Cond: (id = ANY ('{5,6}'::integer[]))",
                plan("", "select id from t where id in (5, 6)"));
        assertTrue(plan("", "select id, a from t where id in (5, 6)").startsWith("Index Scan using t_pkey"));
        assertTrue(plan("", "select * from t where id in (5, 6)").startsWith("Index Scan using t_pkey"));
        assertTrue(plan("", "select id from t where id in (5, 6) and a > 0").startsWith("Index Scan using t_pkey"));
        assertTrue(plan("", "select id from t where id in (5, 6) order by a").contains("Index Scan using t_pkey"));
        assertTrue(plan("", "select id from t where id in (5, 6) for update").contains("Index Scan using t_pkey"));
        assertTrue(plan("", "select count(*) from t where id in (5, 6)").contains("Index Only Scan using t_pkey"));
        List<String> analyzed = rows("explain (analyze, costs off, timing off, summary off)"
                + " select id from t where id in (5, 6, 7)");
        assertEquals("  Heap Fetches: 3", analyzed.getLast(), analyzed.toString());
        assertEquals(List.of("5", "6"), rows("select id from t where id in (6, 5)"));
    }
}
