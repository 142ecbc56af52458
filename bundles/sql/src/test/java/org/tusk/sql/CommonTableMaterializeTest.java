package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * WITH queries computed once (plan.CommonTables): referenced more than once, volatile, or AS
 * MATERIALIZED, a query is a CTE Scan over one computation, so every reference sees the same rows;
 * EXPLAIN shows "CTE name" and "CTE Scan on name alias" as PostgreSQL 15 does (plans recorded from it).
 */
class CommonTableMaterializeTest {

    private static List<String> explain(Transcript t, String sql) {
        return t.run("explain (costs off) " + sql).stream().filter(l -> l.startsWith("D "))
                .map(l -> l.substring(2)).toList();
    }

    @Test
    void aVolatileQueryReferencedTwiceIsComputedOnce() {
        Transcript t = new Transcript();
        for (int i = 0; i < 5; i++) {
            assertEquals("D t", t.run("with r as (select random() x) select a.x = b.x from r a, r b").get(1));
            assertEquals("D t", t.run("with r as (select random() x from generate_series(1, 3)) "
                    + "select (select sum(x) from r) = (select sum(x) from r)").get(1));
        }
        assertEquals("D 3", t.run("with r as (select random() x from generate_series(1, 3)) "
                + "select count(*) from r a join r b on a.x = b.x").get(1));
    }

    @Test
    void explainShowsPostgresqlsPlans() {
        Transcript t = new Transcript();
        assertEquals(List.of("CTE Scan on r", "  CTE r", "    ->  Result"),
                explain(t, "with r as materialized (select 1 x) select * from r"));
        assertEquals(List.of("Nested Loop", "  CTE r", "    ->  Result", "  ->  CTE Scan on r a",
                "  ->  CTE Scan on r b"), explain(t, "with r as (select 1 x) select * from r a, r b"));
        assertEquals(List.of("CTE Scan on r", "  CTE r", "    ->  Result"),
                explain(t, "with r as (select random() x) select * from r"));
        assertEquals(List.of("Subquery Scan on r", "  ->  Result"),
                explain(t, "with r as not materialized (select 1 x) select * from r"));
    }

    @Test
    void notMaterializedAndSingleReferencesRunPerReference() {
        Transcript t = new Transcript();
        assertEquals("D 2|3", t.run("with r as not materialized (select 2 x) select a.x, b.x + 1 from r a, r b").get(1));
        assertEquals("D 6", t.run("with r as (select g from generate_series(1, 3) g) select sum(g) from r").get(1));
    }
}
