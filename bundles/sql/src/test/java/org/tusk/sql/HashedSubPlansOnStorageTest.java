package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code x [NOT] IN (SELECT ...)} over a subquery that reads no outer row is a hashed SubPlan: EXPLAIN
 * prints it as PostgreSQL does and lists its plan under the node that tests it, and its results keep
 * SQL's NULL rules, equal to those of the unhashed SubPlan a correlated (always true) condition forces.
 */
class HashedSubPlansOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    @BeforeAll
    static void start() {
        for (String sql : List.of(
                "create table a (id int primary key, k int)",
                "insert into a select i, case when i % 7 = 0 then null else i % 50 end from generate_series(1, 500) g(i)",
                "create table b (k int)",
                "create table e (k int)",
                "insert into b select i * 3 from generate_series(1, 10) g(i)",
                "create table bn (k int)",
                "insert into bn select k from b union all select null")) {
            rows(sql);
        }
    }

    private static List<String> rows(String sql) {
        return Transcript.dataRows(cluster.engine(), sql);
    }

    @Test
    void notInIsAHashedSubPlanListedUnderItsScan() {
        assertEquals(List.of("Seq Scan on a", "  Filter: (NOT (hashed SubPlan 1))", "  SubPlan 1",
                "    ->  Seq Scan on b"), rows("explain (costs off) select id from a where k not in (select k from b)"));
        // correlated: a plain SubPlan, run again for each row, listed too
        assertEquals(List.of("Seq Scan on a", "  Filter: (NOT (SubPlan 1))", "  SubPlan 1", "    ->  Seq Scan on b",
                "          Filter: (k > (a.id - 1000))"),
                rows("explain (costs off) select id from a where k not in (select k from b where b.k > a.id - 1000)"));
        // a scalar subquery in the select list: listed under the scan the projection shows as
        assertEquals(List.of("Seq Scan on a", "  SubPlan 1", "    ->  Aggregate", "          ->  Seq Scan on b",
                "                Filter: (k < a.k)"),
                rows("explain (costs off) select id, (select max(k) from b where b.k < a.k) from a"));
    }

    /** The same query with the subquery correlated by an always-true condition, so not hashed. */
    private static void sameAsUnhashed(String table, String test) {
        List<String> hashed = rows("select id, " + test + "(select k from " + table + ") from a order by id");
        List<String> plain = rows("select id, " + test + "(select k from " + table + " where a.id > 0) from a order by id");
        assertEquals(plain, hashed, test + " over " + table);
    }

    @Test
    void nullRulesMatchTheUnhashedSubPlan() {
        for (String table : List.of("b", "bn", "e")) {
            sameAsUnhashed(table, "k not in ");
            sameAsUnhashed(table, "k in ");
        }
        // k NULL for every seventh id; b holds 3..30 step 3; bn adds a NULL; e is empty (counts from PostgreSQL 15)
        assertEquals(List.of("500"), rows("select count(*) from a where k not in (select k from e)"));
        assertEquals(List.of("0"), rows("select count(*) from a where k not in (select k from bn)"));
        assertEquals(List.of("414"), rows("select count(*) from a where (k in (select k from bn)) is null"));
        assertEquals(List.of("86"), rows("select count(*) from a where k in (select k from bn)"));
        assertEquals(List.of("343"), rows("select count(*) from a where k::bigint not in (select k::bigint from b)"));
    }
}
