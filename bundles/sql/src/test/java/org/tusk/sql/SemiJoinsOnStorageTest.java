package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sublinks pulled up into semi and anti joins give the rows the same sublinks give as SubPlans: each
 * query is compared with itself written so that it is not pulled up (the sublink under IS TRUE, which
 * keeps the same rows at the top of WHERE), under every join method. Equivalence classes likewise:
 * equalities written {@code (x = y) is true} are not merged into classes.
 */
class SemiJoinsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    private static final List<String> ONLY = List.of(
            "set enable_hashjoin = off; set enable_mergejoin = off;",
            "set enable_nestloop = off; set enable_mergejoin = off;",
            "set enable_nestloop = off; set enable_hashjoin = off;",
            "set enable_hashjoin = off; set enable_mergejoin = off; set enable_material = off;",
            "set enable_seqscan = off;",
            "set work_mem = '64kB';",
            "");

    @BeforeAll
    static void start() {
        Transcript t = cluster.transcript();
        try {
            for (String sql : List.of(
                    "create table a (id int primary key, k int, k2 int, v text)",
                    "create table b (k bigint, k2 int, w text)",
                    "create index b_k on b (k)",
                    "create table c (id int primary key, k int)",
                    "insert into a select i, case when i % 7 = 0 then null else i % 9 end, i % 3, 'a' || i "
                            + "from generate_series(1, 60) as g(i)",
                    "insert into b select case when i % 6 = 0 then null else i % 8 end, i % 2, 'b' || i "
                            + "from generate_series(1, 1000) as g(i)",
                    "insert into c select i, i % 4 from generate_series(1, 20) as g(i)")) {
                List<String> out = t.run(sql);
                assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
            }
        } finally {
            t.session.close();
        }
    }

    private static List<String> rows(String sql) {
        return Transcript.dataRows(cluster.engine(), sql);
    }

    private static String plan(String settings, String query) {
        return String.join("\n", rows(settings + " explain (costs off) " + query));
    }

    /**
     * {@code select ... where <sublink> order by ...}: the rows with the sublink pulled up, under each
     * method, equal those with {@code (<sublink>) is true}, which stays a SubPlan; at least one row.
     */
    private static String check(String select, String sublink, String rest) {
        String query = select + " where " + sublink + " " + rest;
        List<String> expected = rows(select + " where (" + sublink + ") is true " + rest);
        for (String s : ONLY) {
            assertEquals(expected, rows(s + " " + query), s + " " + query + "\n" + plan(s, query));
        }
        return plan("", query);
    }

    @Test
    void existsBecomesASemiJoin() {
        String p = check("select a.id from a", "exists (select 1 from b where b.k = a.k)", "order by 1");
        assertFalse(p.contains("SubPlan"), p);
        assertTrue(p.contains("Semi Join") || p.contains("HashAggregate") || p.contains("Unique"), p);
        check("select a.id from a", "exists (select 1 from b where b.k = a.k and b.k2 = a.k2 and b.w <> 'b9')",
                "order by 1");
        check("select a.id from a", "exists (select 1 from b where b.k = a.k and a.id < b.k2 * 30)", "order by 1");
        check("select a.id, c.id from a, c", "a.k2 = c.k and exists (select 1 from b where b.k = a.k + c.id)",
                "order by 1, 2");
        check("select a.id from a", "exists (select 1 from b join c on c.k = b.k2 where b.k = a.k and c.id > 15)",
                "order by 1");
        check("select a.id from a", "a.id > 10 and exists (select * from b where b.k < a.k)", "order by 1");
    }

    @Test
    void notExistsBecomesAnAntiJoin() {
        String p = check("select a.id from a", "not exists (select 1 from b where b.k = a.k)", "order by 1");
        assertTrue(p.contains("Anti Join"), p);
        check("select a.id from a", "not exists (select 1 from b where b.k = a.k and b.k2 = 1)", "order by 1");
        check("select a.id from a", "not exists (select 1 from c where c.id = a.k and a.id < 30)", "order by 1");
        check("select a.id, a.k from a", "not exists (select 1 from b where b.k = a.k) and "
                + "exists (select 1 from c where c.k = a.k)", "order by 1");
    }

    @Test
    void inAndAnyBecomeSemiJoins() {
        String p = check("select a.id from a", "a.k in (select b.k from b where b.k2 = 1)", "order by 1");
        assertFalse(p.contains("SubPlan"), p);
        check("select a.id from a", "a.k2 = any (select c.k from c where c.id < 8)", "order by 1");
        check("select a.id from a", "a.k > any (select c.k from c where c.id < 8)", "order by 1");
        check("select a.id from a", "a.id + 1 in (select b.k from b)", "order by 1");
        // a unique key: each outer row finds at most one partner, so a plain join
        String unique = check("select a.v from a", "a.k in (select c.id from c)", "order by 1");
        assertFalse(unique.contains("Semi"), unique);
        // a correlated IN, NOT IN and an uncorrelated EXISTS stay SubPlans, as in PostgreSQL
        assertTrue(check("select a.id from a", "a.k in (select b.k from b where b.k2 = a.k2)", "order by 1")
                .contains("SubPlan"));
        assertTrue(plan("", "select a.id from a where a.k not in (select b.k from b)").contains("SubPlan"));
        assertTrue(plan("", "select a.id from a where exists (select 1 from b where b.k = 3)")
                .contains("InitPlan") || plan("", "select a.id from a where exists (select 1 from b where b.k = 3)")
                .contains("SubPlan"));
        assertEquals(rows("select count(*) from a where a.k not in (select b.k from b where b.k is not null)"),
                rows("select count(*) from a where a.k is not null and not exists (select 1 from b where b.k = a.k)"));
    }

    @Test
    void constantsReachTheSubquery() {
        // a.k = 2 makes b.k = 2 a restriction of b: the semi join keeps no condition, the anti join its own
        String p = check("select a.id from a", "a.k = 2 and exists (select 1 from b where b.k = a.k)", "order by 1");
        assertTrue(p.contains("Filter: (k = 2)") && !p.contains("Cond: (a.k = b.k)"), p);
        check("select a.id from a", "a.k = 2 and not exists (select 1 from b where b.k = a.k and b.k2 = 1)",
                "order by 1");
        check("select a.id from a", "a.k2 = 1 and a.id in (select c.k from c where c.id = 6)", "order by 1");
    }

    /** The rows of {@code where}, and of it with each {@code x = y} written {@code (x = y) is true}. */
    private static void sameWithoutClasses(String select, String... equalities) {
        String merged = String.join(" and ", equalities);
        String apart = String.join(" and ", java.util.Arrays.stream(equalities).map(e -> "(" + e + ") is true")
                .toList());
        List<String> expected = rows(select + " where " + apart + " order by 1, 2, 3");
        for (String s : ONLY) {
            assertEquals(expected, rows(s + " " + select + " where " + merged + " order by 1, 2, 3"), s + merged);
        }
    }

    @Test
    void equivalenceClassesKeepTheRows() {
        sameWithoutClasses("select a.id, b.w, c.id from a, b, c", "a.k = b.k", "b.k = c.k", "a.k = c.k");
        sameWithoutClasses("select a.id, b.w, c.id from a, b, c", "a.k = c.k", "c.id = a.id", "a.id = 5");
        sameWithoutClasses("select a.id, x.id, c.id from a join a x on a.k = x.k2 join c on c.k = x.k2",
                "c.id = a.k", "x.id > 3");
        sameWithoutClasses("select a.id, x.id, c.id from a, a x, c", "a.id = x.id", "x.id = c.id", "c.k = a.k2",
                "a.k = a.k2");
        assertEquals(List.of(), rows("select a.id from a, c where a.k = c.k and a.k = 1 and c.k = 2"));
        // with join_collapse_limit = 1 the written order, the same rows
        assertEquals(rows("select a.id, x.id, c.id from a join a x on a.k = x.k2 join c on c.id = x.id "
                + "order by 1, 2, 3"), rows("set join_collapse_limit = 1; select a.id, x.id, c.id from a join a x "
                        + "on a.k = x.k2 join c on c.id = x.id order by 1, 2, 3"));
    }

    @Test
    void nestedSublinks() {
        check("select a.id from a", "exists (select 1 from c where c.k = a.k2 and exists "
                + "(select 1 from b where b.k = c.id))", "order by 1");
        check("select a.id from a", "a.k in (select c.id from c where not exists (select 1 from b where b.k = c.k))",
                "order by 1");
    }
}
