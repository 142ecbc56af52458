package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every join method computes the same rows: each query runs with the planner limited to one method at a
 * time (the enable_* settings) and must return the rows it returns with all methods allowed, and those
 * rows are checked against counts computed without joins (correlated subqueries). Also the join search
 * over many relations.
 */
class JoinMethodsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    /** Settings that leave the planner one join method each, then all of them. */
    private static final List<String> ONLY = List.of(
            "set enable_hashjoin = off; set enable_mergejoin = off;",
            "set enable_nestloop = off; set enable_mergejoin = off;",
            "set enable_nestloop = off; set enable_hashjoin = off;",
            "set enable_nestloop = off; set enable_hashjoin = off; set enable_sort = off;",
            "set enable_hashjoin = off; set enable_mergejoin = off; set enable_material = off;",
            "set enable_hashjoin = off; set enable_mergejoin = off; set enable_indexscan = off;",
            "set enable_seqscan = off;",
            "");

    @BeforeAll
    static void start() {
        Transcript t = cluster.transcript();
        try {
            List<String> setup = new ArrayList<>(List.of(
                    // keys with duplicates on both sides, NULLs, values only one side has; b.k is bigint
                    "create table a (id int primary key, k int, k2 int, v text)",
                    "create table b (k bigint, k2 int, w text)",
                    "create index b_k on b (k)",
                    "insert into a select i, case when i % 7 = 0 then null else i % 5 end, i % 3, 'a' || i "
                            + "from generate_series(1, 40) as g(i)",
                    "insert into b select case when i % 6 = 0 then null else i % 8 end, i % 2, 'b' || i "
                            + "from generate_series(1, 30) as g(i)",
                    "create table small (k int, s text)",
                    "insert into small values (1, 'one'), (1, 'uno'), (4, 'four'), (null, 'none'), (9, 'nine')"));
            for (int i = 1; i <= 14; i++) {
                setup.add("create table r" + i + " (id int, next int)");
                // r_i holds ids 1..(10 + i); next points at the id of r_(i+1) (shifted to leave some out)
                setup.add("insert into r" + i + " select g, g + " + (i % 3) + " from generate_series(1, " + (10 + i)
                        + ") as s(g)");
            }
            for (String sql : setup) {
                List<String> out = t.run(sql);
                assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
            }
        } finally {
            t.session.close();
        }
    }

    /** The data rows (or the error) of a query string, in a new session. */
    private static List<String> rows(String sql) {
        return Transcript.dataRows(cluster.engine(), sql);
    }

    private static String plan(String settings, String query) {
        return String.join("\n", rows(settings + " explain (costs off) " + query));
    }

    /** Runs {@code query} under every setting of {@link #ONLY}; all must give the same rows, which it returns. */
    private static List<String> sameUnderEveryMethod(String query) {
        List<String> expected = rows(query);
        for (String s : ONLY) {
            assertEquals(expected, rows(s + " " + query), s + " " + query + "\n" + plan(s, query));
        }
        return expected;
    }

    private static long count(String query) {
        return Long.parseLong(rows(query).getFirst());
    }

    @Test
    void eachSettingLeavesTheMethodItNames() {
        String q = "select * from a join b on a.k = b.k";
        assertTrue(plan(ONLY.get(0), q).contains("Nested Loop"), plan(ONLY.get(0), q));
        assertTrue(plan(ONLY.get(1), q).startsWith("Hash Join"), plan(ONLY.get(1), q));
        String merge = plan(ONLY.get(2), q);
        assertTrue(merge.startsWith("Merge Join"), merge);
        assertTrue(merge.contains("Merge Cond: "), merge);
        assertTrue(merge.contains("Sort Key: "), merge);
        assertTrue(plan(ONLY.get(2), "select * from a full join b on a.k = b.k").startsWith("Merge Full Join"));
        // without sorts, b's index on k supplies b's rows in key order (NULLs last, as the merge expects)
        String indexOrder = plan(ONLY.get(3), q);
        assertTrue(indexOrder.startsWith("Merge Join") && indexOrder.contains("Index Scan using b_k on b"),
                indexOrder);
        assertTrue(plan(ONLY.get(2), "select * from a left join b on a.k = b.k").startsWith("Merge "));
    }

    @Test
    void innerJoinsWithDuplicateAndNullKeys() {
        List<String> r = sameUnderEveryMethod("select a.id, b.w from a join b on a.k = b.k order by 1, 2");
        assertEquals(count("select sum((select count(*) from b where b.k = a.k)) from a"), r.size());
        sameUnderEveryMethod("select count(*), sum(a.id), sum(b.k2) from a join b on a.k = b.k and a.k2 = b.k2");
        assertEquals(count("select sum((select count(*) from b where b.k = a.k and b.k2 = a.k2)) from a"),
                Long.parseLong(rows("select count(*) from a join b on a.k = b.k and a.k2 = b.k2").getFirst()));
        // an extra condition that is no equality filters the pairs of equal keys
        List<String> f = sameUnderEveryMethod(
                "select a.id, b.w from a join b on a.k = b.k and a.id < b.k2 * 20 order by 1, 2");
        assertEquals(count("select sum((select count(*) from b where b.k = a.k and a.id < b.k2 * 20)) from a"),
                f.size());
    }

    @Test
    void outerJoinsKeepTheirUnmatchedRows() {
        String matched = "(select count(*) from b where b.k = a.k and a.id < b.k2 * 20)";
        List<String> left = sameUnderEveryMethod("select a.id, b.w from a left join b on a.k = b.k "
                + "and a.id < b.k2 * 20 order by 1, 2");
        assertEquals(count("select sum(greatest(" + matched + ", 1)) from a"), left.size());
        List<String> right = sameUnderEveryMethod("select a.id, b.w from b right join a on a.k = b.k "
                + "and a.id < b.k2 * 20 order by 1, 2");
        assertEquals(left, right);
        List<String> full = sameUnderEveryMethod("select a.id, b.w from a full join b on a.k = b.k order by 1, 2");
        long pairs = count("select sum((select count(*) from b where b.k = a.k)) from a");
        long lonelyA = count("select count(*) from a where not exists (select 1 from b where b.k = a.k)");
        long lonelyB = count("select count(*) from b where not exists (select 1 from a where b.k = a.k)");
        assertEquals(pairs + lonelyA + lonelyB, full.size());
        // rows whose key is NULL appear once each, never joined
        assertEquals(count("select count(*) from b where k is null"),
                full.stream().filter(l -> l.startsWith("\\N|")).count() - lonelyBWithKey());
        sameUnderEveryMethod("select s.s, a.id from small s left join a on a.k = s.k and a.k2 = 1 order by 1, 2");
        sameUnderEveryMethod("select s.s, b.w from small s full join b on b.k = s.k where s.k is distinct from 9 "
                + "order by 1, 2");
    }

    /** Rows of b with a non-NULL key that no row of a has. */
    private static long lonelyBWithKey() {
        return count("select count(*) from b where k is not null and not exists (select 1 from a where b.k = a.k)");
    }

    @Test
    void mixedIntegerWidthsAndMultipleKeys() {
        // b.k is bigint, a.k integer: merge and hash joins compare them as integers
        sameUnderEveryMethod("select a.id, b.k, b.w from a join b on b.k = a.k and b.k2 = a.k2 where a.id > 3 "
                + "order by 1, 3");
        sameUnderEveryMethod("select x.id, y.id from a x join a y on x.k = y.k2 and y.k = x.k2 order by 1, 2");
        sameUnderEveryMethod("select small.s, a.id, b.w from small join a on a.k = small.k join b on b.k = a.k "
                + "order by 1, 2, 3");
    }

    /** A chain r1 - r2 - ... - rn: r_i.next = r_(i+1).id. */
    private static String chain(int n) {
        StringBuilder from = new StringBuilder("r1");
        StringBuilder where = new StringBuilder();
        for (int i = 2; i <= n; i++) {
            from.append(", r").append(i);
            where.append(i > 2 ? " and " : "").append("r").append(i - 1).append(".next = r").append(i).append(".id");
        }
        return "select count(*), sum(r1.id), sum(r" + n + ".id) from " + from + " where " + where;
    }

    /** The same chain counted without a join: an r1 row survives while each next id exists in the next table. */
    private static String chainExpected(int n) {
        long count = 0;
        long sumFirst = 0;
        long sumLast = 0;
        for (int start = 1; start <= 11; start++) {
            long id = start;
            boolean ok = true;
            for (int i = 2; i <= n && ok; i++) {
                id = id + ((i - 1) % 3); // r_(i-1).next
                ok = id <= 10 + i;
            }
            if (ok) {
                count++;
                sumFirst += start;
                sumLast += id;
            }
        }
        return count + "|" + (count == 0 ? "\\N" : sumFirst) + "|" + (count == 0 ? "\\N" : sumLast);
    }

    @Test
    void chainsOfTwoToTenRelationsGiveTheirRowsUnderEveryMethod() {
        for (int n = 2; n <= 10; n++) {
            List<String> r = sameUnderEveryMethod(chain(n));
            assertEquals(List.of(chainExpected(n)), r, chain(n));
        }
    }

    @Test
    void manyRelationsArePlannedWholly() {
        // 10 relations: the exhaustive search; 14: beyond geqo_threshold, the greedy one
        for (int n : new int[] {10, 14}) {
            String p = plan("", chain(n));
            for (int i = 1; i <= n; i++) {
                assertTrue(p.contains(" on r" + i + "\n") || p.endsWith(" on r" + i), "r" + i + " in\n" + p);
            }
            assertEquals(n - 1, p.lines().map(l -> l.strip().replaceFirst("^->\\s+", ""))
                    .filter(l -> l.startsWith("Hash Join") || l.startsWith("Merge Join") || l.startsWith("Nested Loop"))
                    .count(), p);
            assertEquals(List.of(chainExpected(n)), rows(chain(n)));
        }
        // a 10-way star around r1 written in the worst order, and a cross product only joined last
        String star = "select count(*) from r10, r9, r8, r7, r6, r5, r4, r3, r2, r1 where "
                + java.util.stream.IntStream.rangeClosed(2, 10).mapToObj(i -> "r1.id = r" + i + ".id")
                        .collect(Collectors.joining(" and "));
        assertEquals(List.of("11"), sameUnderEveryMethod(star));
        assertEquals(List.of("55"), sameUnderEveryMethod("select count(*) from r1, r2, small where r1.id = r2.id "
                + "and r1.id < 12"));
        String cross = plan("", "select count(*) from r1, r2, small where r1.id = r2.id");
        assertTrue(cross.contains("Nested Loop"), cross);
    }

    @Test
    void geqoThresholdSwitchesToTheGreedySearch() {
        assertEquals(rows(chain(8)), rows("set geqo_threshold = 2; " + chain(8)));
        assertEquals(List.of(chainExpected(8)), rows("set geqo_threshold = 2; " + chain(8)));
    }

    @Test
    void settingsAreShownAndChecked() {
        assertEquals(List.of("4"), rows("show random_page_cost"));
        assertEquals(List.of("1.1"), rows("set random_page_cost = 1.10; show random_page_cost"));
        assertEquals(List.of("0.0025"), rows("show cpu_operator_cost"));
        assertEquals(List.of("off"), rows("set enable_mergejoin to false; show enable_mergejoin"));
        Transcript t = cluster.transcript();
        try {
            assertTrue(t.run("set seq_page_cost = -1").stream().anyMatch(l -> l.startsWith("E ")));
            assertTrue(t.run("set seq_page_cost = 'x'").stream().anyMatch(l -> l.startsWith("E ")));
        } finally {
            t.session.close();
        }
    }
}
