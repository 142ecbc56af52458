package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * REINDEX, CLUSTER, VACUUM FULL and ALTER TABLE ... CLUSTER ON on the real storage: new relfilenodes in the
 * transaction (kept by a rollback, lost by nothing after a crash), rows in index order after CLUSTER, and
 * PostgreSQL's errors and messages.
 */
class MaintenanceOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    /** A session whose tables go to a schema of the test's own (the cluster is shared by the class's tests). */
    private static Transcript session(String schema) {
        Transcript t = cluster.transcript();
        t.run("create schema if not exists " + schema + "; set search_path = " + schema);
        return t;
    }

    private static String filenodes(Transcript t) {
        return t.rowsOf("select relname, relfilenode from pg_class where relname in ('t', 't_pkey', 't_b')"
                + " and relnamespace = (select oid from pg_namespace where nspname = current_schema())"
                + " order by relname");
    }

    @Test
    void reindexGivesNewFilesThatARollbackTakesBack() {
        Transcript t = session("m_reindex");
        t.run("create table t (a int primary key, b text); create index t_b on t (b);"
                + " insert into t select g, 'x' || g from generate_series(1, 500) g");
        String before = filenodes(t);
        t.run("begin");
        assertEquals(List.of("C REINDEX", "Z T"), t.run("reindex table t"));
        String inside = filenodes(t);
        assertNotEquals(before, inside);
        assertEquals("500", t.rowsOf("select count(*) from t where b >= 'x'"));
        t.run("rollback");
        assertEquals(before, filenodes(t), "a rollback keeps the old files");
        assertEquals("x42", t.rowsOf("select b from t where a = 42"));
        assertEquals(List.of("C REINDEX", "Z I"), t.run("reindex index t_b"));
        String after = filenodes(t);
        assertEquals(before.split(";")[0], after.split(";")[0], "only the index named changes: " + after);
        assertNotEquals(before, after);
        assertEquals("x7", t.rowsOf("set enable_seqscan = off; select b from t where b = 'x7'"));
    }

    @Test
    void reindexRefusesWhatPostgresqlRefuses() {
        Transcript t = session("m_refuse");
        t.run("create table t (a int primary key); create view v as select 1 as x; create table u (x int)");
        assertEquals("E ERROR 42809 \"t\" is not an index @-", t.run("reindex index t").getFirst());
        assertEquals("E ERROR 42809 \"v\" is not a table or materialized view @-", t.run("reindex table v").getFirst());
        assertEquals("E ERROR 42P01 relation \"nosuch\" does not exist @-", t.run("reindex table nosuch").getFirst());
        assertEquals("E ERROR 0A000 can only reindex the currently open database @-",
                t.run("reindex database template1").getFirst());
        assertEquals("E ERROR 0A000 cannot reindex system catalogs concurrently @-",
                t.run("reindex system concurrently postgres").getFirst());
        assertEquals("E ERROR 0A000 cannot reindex system catalogs concurrently @-",
                t.run("reindex table concurrently pg_class").getFirst());
        assertEquals("E ERROR 3F000 schema \"nosuch\" does not exist @-", t.run("reindex schema nosuch").getFirst());
        assertEquals("E ERROR 42601 unrecognized REINDEX option \"foo\" @10",
                t.run("reindex (foo) table t").getFirst());
        assertEquals("E ERROR 42704 tablespace \"nosuch\" does not exist @-",
                t.run("reindex (tablespace nosuch) table t").getFirst());
        assertEquals("E ERROR 22023 only shared relations can be placed in pg_global tablespace @-",
                t.run("reindex (tablespace pg_global) table t").getFirst());
        assertEquals(List.of("C REINDEX", "Z I"), t.run("reindex (tablespace pg_default) table t"));
        t.run("begin");
        assertEquals("E ERROR 25001 REINDEX CONCURRENTLY cannot run inside a transaction block @-",
                t.run("reindex table concurrently t").getFirst());
        t.run("rollback");
        t.run("begin");
        assertEquals("E ERROR 25001 REINDEX DATABASE cannot run inside a transaction block @-",
                t.run("reindex database postgres").getFirst());
        t.run("rollback");
        assertEquals(List.of("N NOTICE 00000 table \"u\" has no indexes to reindex", "C REINDEX", "Z I"),
                t.run("reindex table u"));
        assertEquals(List.of("C REINDEX", "Z I"), t.run("reindex database postgres"));
        assertEquals(List.of("C REINDEX", "Z I"), t.run("reindex system postgres"));
        assertEquals(List.of("C REINDEX", "Z I"), t.run("reindex schema m_refuse"));
        List<String> verbose = t.run("reindex (verbose) table t");
        assertTrue(verbose.getFirst().equals("N INFO 00000 index \"t_pkey\" was reindexed"), verbose.toString());
    }

    @Test
    void clusterRewritesInIndexOrderAndRemembersTheIndex() {
        Transcript t = session("m_cluster");
        t.run("create table t (a int primary key, b text); create index t_b on t (b);"
                + " insert into t select g, to_char(1000 - g, 'FM0000') from generate_series(1, 300) g");
        assertEquals("E ERROR 42704 there is no previously clustered index for table \"t\" @-",
                t.run("cluster t").getFirst());
        assertEquals("E ERROR 42704 index \"nosuch\" for table \"t\" does not exist @-",
                t.run("cluster t using nosuch").getFirst());
        String before = filenodes(t);
        assertEquals(List.of("C CLUSTER", "Z I"), t.run("cluster t using t_b"));
        assertNotEquals(before, filenodes(t));
        // a sequential scan now meets the rows in b's order
        assertEquals("300|0700;299|0701;298|0702", t.rowsOf("select a, b from t limit 3"));
        assertEquals("t_b|t;t_pkey|f", t.rowsOf("select c.relname, i.indisclustered from pg_index i"
                + " join pg_class c on c.oid = i.indexrelid where i.indrelid = 't'::regclass order by 1"));
        assertEquals("t|300", t.rowsOf("select relpages > 0, reltuples from pg_class where oid = 't'::regclass"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table t cluster on t_pkey"));
        assertEquals(List.of("C CLUSTER", "Z I"), t.run("cluster"));
        assertEquals("1|0999;2|0998", t.rowsOf("select a, b from t limit 2"));
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table t set without cluster"));
        assertEquals("0", t.rowsOf("select count(*) from pg_index i join pg_class c on c.oid = i.indrelid"
                + " where i.indisclustered and c.relname = 't' and c.relnamespace = (select oid from pg_namespace"
                + " where nspname = current_schema())"));
        assertEquals("E ERROR 42704 index \"nosuch\" for table \"t\" does not exist @-",
                t.run("alter table t cluster on nosuch").getFirst());
        t.run("begin");
        assertEquals("E ERROR 25001 CLUSTER cannot run inside a transaction block @-", t.run("cluster").getFirst());
        t.run("rollback");
        t.run("begin");
        String committed = filenodes(t);
        t.run("cluster t using t_b");
        t.run("rollback");
        assertEquals(committed, filenodes(t), "a rollback keeps the old files");
        assertEquals("1|0999", t.rowsOf("select a, b from t limit 1"));
    }

    @Test
    void vacuumFullRewritesAndVerboseReports() {
        Transcript t = session("m_full");
        t.run("create table t (a int primary key, b text); create index t_b on t (b);"
                + " insert into t select g, 'x' || g from generate_series(1, 400) g; delete from t where a > 10");
        String before = filenodes(t);
        assertEquals(List.of("C VACUUM", "Z I"), t.run("vacuum full t"));
        assertNotEquals(before, filenodes(t));
        assertEquals("1|10", t.rowsOf("select relpages, reltuples from pg_class where oid = 't'::regclass"));
        List<String> verbose = t.run("vacuum (full, verbose) t");
        assertEquals("N INFO 00000 vacuuming \"m_full.t\"", verbose.getFirst());
        assertEquals("N INFO 00000 \"m_full.t\": found 0 removable, 10 nonremovable row versions in 1 pages",
                verbose.get(1));
        assertEquals("E ERROR 0A000 VACUUM FULL cannot be performed in parallel @-",
                t.run("vacuum (full, parallel 2) t").getFirst());
        assertEquals("E ERROR 42601 unrecognized VACUUM option \"foo\" @9", t.run("vacuum (foo) t").getFirst());
        assertEquals(List.of("C VACUUM", "Z I"), t.run("vacuum (disable_page_skipping, skip_locked, index_cleanup"
                + " off, truncate false, process_toast off, parallel 2, freeze) t"));
    }

    @Test
    void skipLockedLeavesALockedTableOut() {
        Transcript a = session("m_locked");
        Transcript b = session("m_locked");
        a.run("create table lk (x int)");
        a.run("begin; lock table lk");
        assertEquals(List.of("N WARNING 55P03 skipping vacuum of \"lk\" --- lock not available", "C VACUUM", "Z I"),
                b.run("vacuum (skip_locked) lk"));
        assertEquals(List.of("N WARNING 55P03 skipping analyze of \"lk\" --- lock not available", "C ANALYZE", "Z I"),
                b.run("analyze (skip_locked) lk"));
        a.run("commit");
        assertEquals(List.of("C VACUUM", "Z I"), b.run("vacuum (skip_locked) lk"));
    }

    @Test
    void operatorWithSchemaWorksWhereverAnOperatorDoes() {
        Transcript t = session("m_operator");
        assertEquals("t|f|t", t.rowsOf("select 1 operator(pg_catalog.=) any (array[1, 2]),"
                + " 1 operator(pg_catalog.=) all (array[1, 2]), 3 operator(pg_catalog.<) some (select 5)"));
        assertEquals("-1|7", t.rowsOf("select operator(pg_catalog.-) 1, 1 operator(pg_catalog.+) 2 * 3"));
        assertEquals("E ERROR 42883 operator does not exist: integer public.= integer @10 H No operator matches the"
                + " given name and argument types. You might need to add explicit type casts.",
                t.run("select 1 operator(public.=) 1").getFirst());
        assertEquals("E ERROR 42883 operator does not exist: integer pg_catalog.=== integer @10 H No operator"
                + " matches the given name and argument types. You might need to add explicit type casts.",
                t.run("select 1 operator(pg_catalog.===) 1").getFirst());
        assertEquals("E ERROR 3F000 schema \"nosuch\" does not exist @10",
                t.run("select 1 operator(nosuch.=) 1").getFirst());
        assertEquals("E ERROR 42809 op ANY/ALL (array) requires operator to yield boolean @10",
                t.run("select 1 operator(pg_catalog.+) all (array[1])").getFirst());
        assertEquals("E ERROR 0A000 cross-database references are not implemented: a.b.= @-",
                t.run("select 1 operator(a.b.=) 1").getFirst());
    }

    @Test
    void aCrashRightAfterCommitKeepsTheNewFiles() {
        Transcript t = session("m_crash");
        t.run("create table t (a int primary key, b text); create index t_b on t (b);"
                + " insert into t select g, to_char(1000 - g, 'FM0000') from generate_series(1, 200) g");
        t.run("reindex table t");
        t.run("cluster t using t_b");
        String committed = filenodes(t);
        cluster.storage().reinitialize(); // kill -9 of the server: the next generation recovers from the WAL
        Transcript after = session("m_crash");
        assertEquals(committed, filenodes(after));
        assertEquals("200|0800", after.rowsOf("select a, b from t limit 1"));
        assertEquals("0850", after.rowsOf("set enable_seqscan = off; select b from t where a = 150"));
        assertEquals("150", after.rowsOf("set enable_seqscan = off; select a from t where b = '0850'"));
        assertEquals("200", after.rowsOf("select count(*) from t"));
    }
}
