package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE, REFRESH, ALTER ... RENAME and DROP MATERIALIZED VIEW on the real storage: the tags, the rows a refresh
 * replaces, indexes kept across it, and PostgreSQL 15's errors (every expected line was checked against it).
 */
class MatViewTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @Test
    void storesTheQuerysRowsUntilRefreshed() {
        Transcript t = cluster.session();
        t.run("create table mv_src (k text, v int); insert into mv_src values ('x', 1), ('y', 2), ('x', 3)");
        assertEquals(List.of("C SELECT 2", "Z I"),
                t.run("create materialized view mv1 as select k, sum(v) as s from mv_src group by k"));
        assertEquals("m|t", t.rowsOf("select relkind, relispopulated from pg_class where relname = 'mv1'"));
        t.run("insert into mv_src values ('z', 5)");
        assertEquals("x|4;y|2", t.rowsOf("select * from mv1 order by k"));
        assertEquals(List.of("C CREATE INDEX", "Z I"), t.run("create unique index mv1_k on mv1 (k)"));
        assertEquals(List.of("C REFRESH MATERIALIZED VIEW", "Z I"),
                t.run("refresh materialized view concurrently mv1"));
        assertEquals("x|4;y|2;z|5", t.rowsOf("select * from mv1 order by k"));
        // the rebuilt index finds the new rows
        t.run("set enable_seqscan = off");
        assertEquals("5", t.rowsOf("select s from mv1 where k = 'z'"));
        // a refresh is part of its transaction
        t.run("begin; delete from mv_src where k = 'z'; refresh materialized view mv1; rollback");
        assertEquals("x|4;y|2;z|5", t.rowsOf("select * from mv1 order by k"));
        assertEquals(List.of("C ALTER MATERIALIZED VIEW", "Z I"), t.run("alter materialized view mv1 rename to mv1r"));
        assertEquals(List.of("N NOTICE 00000 drop cascades to materialized view mv1r", "C DROP TABLE", "Z I"),
                t.run("drop table mv_src cascade"));
    }

    @Test
    void withNoDataLeavesItUnreadableUntilRefreshed() {
        Transcript t = cluster.session();
        t.run("create table mv_src2 (a int); insert into mv_src2 values (1), (2)");
        assertEquals(List.of("C CREATE MATERIALIZED VIEW", "Z I"),
                t.run("create materialized view mv2 (x) as select a from mv_src2 with no data"));
        assertEquals(List.of("E ERROR 55000 materialized view \"mv2\" has not been populated @- "
                + "H Use the REFRESH MATERIALIZED VIEW command.", "Z I"), t.run("select * from mv2"));
        assertEquals(List.of("E ERROR 0A000 CONCURRENTLY cannot be used when the materialized view is not populated @-",
                "Z I"), t.run("refresh materialized view concurrently mv2"));
        t.run("refresh materialized view mv2");
        assertEquals("1;2", t.rowsOf("select x from mv2 order by x"));
        assertEquals(List.of("N NOTICE 42P07 relation \"mv2\" already exists, skipping", "C CREATE MATERIALIZED VIEW",
                "Z I"), t.run("create materialized view if not exists mv2 as select 1"));
    }

    @Test
    void refusesWhatPostgresqlRefuses() {
        Transcript t = cluster.session();
        t.run("create table mv_t (a int); create materialized view mv3 as select a from mv_t");
        assertEquals(List.of("E ERROR 42809 cannot change materialized view \"mv3\" @-", "Z I"),
                t.run("insert into mv3 values (1)"));
        assertEquals(List.of("E ERROR 42809 cannot change materialized view \"mv3\" @-", "Z I"),
                t.run("delete from mv3"));
        assertEquals(List.of("E ERROR 55000 cannot refresh materialized view \"public.mv3\" concurrently @- H Create a "
                + "unique index with no WHERE clause on one or more columns of the materialized view.", "Z I"),
                t.run("refresh materialized view concurrently mv3"));
        assertEquals(List.of("E ERROR 42809 \"mv_t\" is not a materialized view @-", "Z I"),
                t.run("refresh materialized view mv_t"));
        assertEquals(List.of("E ERROR 42809 \"mv3\" is not a table @- H Use DROP MATERIALIZED VIEW to remove a "
                + "materialized view.", "Z I"), t.run("drop table mv3"));
        assertEquals(List.of("C DROP MATERIALIZED VIEW", "Z I"), t.run("drop materialized view mv3"));
        assertEquals(List.of("N NOTICE 00000 materialized view \"mv3\" does not exist, skipping",
                "C DROP MATERIALIZED VIEW", "Z I"), t.run("drop materialized view if exists mv3"));
    }
}
