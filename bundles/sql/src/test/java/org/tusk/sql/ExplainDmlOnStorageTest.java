package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXPLAIN [ANALYZE] of INSERT, UPDATE and DELETE on the real storage engine: the ModifyTable node over the
 * plan the rows come from, ON CONFLICT's lines, and under ANALYZE the statement really run, with its row
 * counts and trigger calls (plans recorded from PostgreSQL 15).
 */
class ExplainDmlOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    private Transcript tables() {
        Transcript t = cluster.transcript();
        t.run("drop table if exists t, u");
        t.run("create table t (a int primary key, b text)");
        t.run("create table u (a int, c int)");
        t.run("insert into t select g, 'x' || g from generate_series(1, 10) g");
        t.run("insert into u values (1, 1), (2, 2)");
        return t;
    }

    private static List<String> plan(Transcript t, String sql) {
        return t.run(sql).stream().filter(l -> l.startsWith("D ")).map(l -> l.substring(2)).toList();
    }

    @Test
    void insertShowsItsSource() {
        Transcript t = tables();
        assertEquals(List.of("Insert on t", "  ->  Result"), plan(t, "explain (costs off) insert into t values (100, 'a')"));
        assertEquals(List.of("Insert on t", "  ->  Values Scan on \"*VALUES*\""),
                plan(t, "explain (costs off) insert into t values (101, 'a'), (102, 'b')"));
        assertEquals(List.of("Insert on t", "  ->  Seq Scan on u"),
                plan(t, "explain (costs off) insert into t select a + 1000, 'z' from u"));
        assertEquals(List.of("Insert on t tt", "  ->  Result"),
                plan(t, "explain (costs off) insert into t as tt values (1, 'q') returning *"));
        assertEquals(List.of("Insert on t  (cost=0.00..0.01 rows=0 width=0)",
                "  ->  Result  (cost=0.00..0.01 rows=1 width=36)"), plan(t, "explain insert into t values (100, 'a')"));
        assertEquals(List.of("Insert on t", "  Conflict Resolution: UPDATE", "  Conflict Arbiter Indexes: t_pkey",
                "  Conflict Filter: (t.b <> 'x'::text)", "  ->  Result"),
                plan(t, "explain (costs off) insert into t values (1, 'q') on conflict (a) do update "
                        + "set b = excluded.b where t.b <> 'x'"));
        // through an automatically updatable view the statement is on the view's table (PostgreSQL 15's plan)
        t.run("create view tv as select a, b from t where a > 0");
        assertEquals(List.of("Insert on t", "  ->  Result"), plan(t, "explain (costs off) insert into tv values (5, 'e')"));
        t.run("drop view tv");
        // without ANALYZE nothing was inserted
        assertEquals("D 10", t.run("select count(*) from t").get(1));
    }

    @Test
    void updateAndDeleteShowTheScanThatFindsTheRows() {
        Transcript t = tables();
        assertEquals(List.of("Update on t", "  ->  Seq Scan on t", "        Filter: (b = 'x3'::text)"),
                plan(t, "explain (costs off) update t set b = 'y' where b = 'x3'"));
        assertEquals(List.of("Update on t", "  ->  Index Scan using t_pkey on t", "        Index Cond: (a = 3)"),
                plan(t, "explain (costs off) update t set b = 'y' where a = 3"));
        assertEquals(List.of("Delete on t x", "  ->  Hash Join", "        Hash Cond: (u.c = x.a)",
                "        ->  Seq Scan on u", "        ->  Hash", "              ->  Seq Scan on t x"),
                plan(t, "explain (costs off) delete from t x using u where x.a = u.c returning x.*"));
        assertEquals("D 10", t.run("select count(*) from t").get(1));
        // in WITH: the statement's node and its reads under the CTE
        assertEquals(List.of("CTE Scan on d", "  CTE d", "    ->  Delete on u", "          ->  Seq Scan on u",
                "                Filter: (c > 1)"),
                plan(t, "explain (costs off) with d as (delete from u where c > 1 returning *) select * from d"));
        assertEquals("D 2", t.run("select count(*) from u").get(1));
    }

    @Test
    void analyzeRunsTheStatementAndCounts() {
        Transcript t = tables();
        t.run("begin");
        t.run("create function trf() returns trigger language plpgsql as $$ begin return new; end $$");
        t.run("create trigger tr_b before update on t for each row execute function trf()");
        assertEquals(List.of("Delete on t (actual rows=0 loops=1)", "  ->  Seq Scan on t (actual rows=1 loops=1)",
                "        Filter: (b = 'x9'::text)", "        Rows Removed by Filter: 9"),
                plan(t, "explain (analyze, costs off, timing off, summary off) delete from t where b = 'x9'"));
        assertEquals("D 9", t.run("select count(*) from t").get(1));
        assertEquals(List.of("Insert on t (actual rows=0 loops=1)", "  Conflict Resolution: NOTHING",
                "  Tuples Inserted: 1", "  Conflicting Tuples: 1",
                "  ->  Values Scan on \"*VALUES*\" (actual rows=2 loops=1)"),
                plan(t, "explain (analyze, costs off, timing off, summary off) insert into t values (1, 'q'), "
                        + "(200, 'r') on conflict do nothing"));
        assertEquals(List.of("Update on t (actual rows=1 loops=1)", "  ->  Seq Scan on t (actual rows=1 loops=1)",
                "        Filter: (b = 'x4'::text)", "        Rows Removed by Filter: 9", "Trigger tr_b: calls=1"),
                plan(t, "explain (analyze, costs off, timing off, summary off) update t set b = 'y' where b = 'x4' "
                        + "returning a"));
        List<String> timed = plan(t, "explain analyze update t set b = 'z' where a = 4");
        assertTrue(timed.get(timed.size() - 2).matches("Trigger tr_b: time=[0-9.]+ calls=1"), timed.toString());
        assertTrue(timed.getLast().startsWith("Execution Time: "), timed.toString());
        t.run("rollback");
        assertEquals("D 10", t.run("select count(*) from t").get(1));
    }
}
