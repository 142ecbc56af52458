package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Temporary tables on the real storage, between sessions: each session's own schema pg_temp_N searched
 * first, invisible to the others, ON COMMIT DELETE ROWS and DROP, DISCARD TEMP, dropped when the session
 * ends, and what a killed server leaves emptied by the next backend of the same ID. Messages are
 * PostgreSQL 15's.
 */
class TempTablesTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    @Test
    void aTemporaryTableShadowsThePermanentOneForItsSessionOnly() {
        Transcript a = cluster.session();
        Transcript b = cluster.session();
        a.run("create table t (a int); insert into t values (1)");
        assertEquals(List.of("C CREATE TABLE", "Z I"), a.run("create temp table t (a int, b text)"));
        a.run("insert into t values (2, 'temp')");
        assertEquals("2|temp", a.rowsOf("select * from t"));
        assertEquals("1", a.rowsOf("select * from public.t"));
        assertEquals("1", b.rowsOf("select * from t"), "another session sees the permanent table");
        String schema = a.rowsOf("select nspname from pg_namespace where oid = pg_my_temp_schema()");
        assertEquals(schema, a.rowsOf("select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relpersistence = 't' and c.relname = 't'"));
        assertEquals("t", a.rowsOf("select pg_is_other_temp_schema(pg_my_temp_schema()) = false"));
        assertEquals("0", b.rowsOf("select pg_my_temp_schema()"));
        assertEquals(List.of("E ERROR 0A000 cannot access temporary tables of other sessions @-", "Z I"),
                b.run("select * from " + schema + ".t"));
        assertEquals("t", b.rowsOf("select pg_is_other_temp_schema('" + schema + "'::regnamespace)"));
        assertEquals(List.of("C SELECT 1", "Z I"), a.run("select * into temp t2 from t"));
        assertEquals(List.of("C CREATE TABLE", "Z I"), a.run("create table pg_temp.t3 (x int)"));
        assertEquals("t2|t;t3|t", a.rowsOf("select relname, relpersistence from pg_class where relname in ('t2', 't3')"
                + " order by 1"));
        assertEquals(List.of("E ERROR 42P16 cannot create temporary relation in non-temporary schema @24", "Z I"),
                a.run("create temporary table public.t4 (x int)"));
        assertEquals(List.of("E ERROR 42P16 ON COMMIT can only be used on temporary tables @-", "Z I"),
                a.run("create table t5 (x int) on commit drop"));
    }

    @Test
    void onCommitDeletesRowsOrDrops() {
        Transcript t = cluster.session();
        t.run("create temp table keep (a int) on commit preserve rows; create temp table del (a int) on commit delete rows");
        t.run("begin; insert into keep values (1); insert into del values (1), (2)");
        assertEquals("1;2", t.rowsOf("select count(*) from keep union all select count(*) from del"));
        t.run("commit");
        assertEquals("1;0", t.rowsOf("select count(*) from keep union all select count(*) from del"));
        // outside a block, the insert's own commit empties it
        t.run("insert into del values (3)");
        assertEquals("0", t.rowsOf("select count(*) from del"));
        t.run("begin; create temp table gone on commit drop as select 1 as one");
        assertEquals("1", t.rowsOf("select one from gone"));
        t.run("commit");
        assertEquals(List.of("E ERROR 42P01 relation \"gone\" does not exist @15", "Z I"), t.run("select * from gone"));
        // a rolled-back creation leaves nothing to do at the next commit
        t.run("begin; create temp table rolled (a int) on commit delete rows; rollback");
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("insert into keep values (2)"));
    }

    @Test
    void discardTempAndTheSessionsEndDropThem() {
        Transcript a = cluster.transcript();
        a.run("create temp table d1 (a int primary key); create temp sequence s1; create temp view v1 as select * from d1");
        assertEquals("3", a.rowsOf("select count(*) from pg_class where relname in ('d1', 's1', 'v1')"));
        assertEquals(List.of("C DISCARD TEMP", "Z I"), a.run("discard temp"));
        assertEquals("0", a.rowsOf("select count(*) from pg_class where relname in ('d1', 'd1_pkey', 's1', 'v1')"));
        a.run("create temp table d2 (a int); begin; insert into d2 values (1)");
        a.session.close(); // in the middle of a transaction, as when the client vanishes
        Transcript b = cluster.session();
        assertEquals("0", b.rowsOf("select count(*) from pg_class where relname = 'd2'"));
    }

    @Test
    void whatAKilledServerLeftIsDroppedByTheNextBackendOfThatId() {
        Transcript a = cluster.transcript(); // never closed: the server dies under it
        a.run("create temp table left_over (a int)");
        String schema = a.rowsOf("select nspname from pg_namespace where oid = pg_my_temp_schema()");
        cluster.storage().reinitialize();
        Transcript b = cluster.session();
        assertEquals("1", b.rowsOf("select count(*) from pg_class where relname = 'left_over'"));
        assertEquals("0", b.rowsOf("select pg_my_temp_schema()"), "the schema is not b's before b claims it");
        b.run("create temp table mine (a int)");
        // the first backend after the restart has the first ID again, and empties the schema first
        assertEquals(schema, b.rowsOf("select nspname from pg_namespace where oid = pg_my_temp_schema()"));
        assertEquals("0", b.rowsOf("select count(*) from pg_class where relname = 'left_over'"));
        assertEquals("1", b.rowsOf("select count(*) from pg_class where relname = 'mine'"));
    }
}
