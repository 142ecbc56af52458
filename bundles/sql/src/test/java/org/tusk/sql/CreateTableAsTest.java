package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE TABLE ... AS and SELECT ... INTO on the real storage: the columns' names and types, the rows, the
 * tags, and PostgreSQL 15's errors (every expected line was checked against it).
 */
class CreateTableAsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @Test
    void createsTheQuerysColumnsAndStoresItsRows() {
        Transcript t = cluster.session();
        t.run("create table cta_src (a int, b text, n numeric(10,2), v varchar(5));"
                + " insert into cta_src values (1, 'x', 1.5, 'ab'), (2, 'y', 2.25, 'cd')");
        assertEquals(List.of("C SELECT 1", "Z I"), t.run("create table cta1 as select * from cta_src where a > 1"));
        assertEquals("2|y|2.25|cd", t.rowsOf("select * from cta1"));
        // a bare literal's unknown type becomes text; typmods survive where the query keeps them
        assertEquals(List.of("C SELECT 2", "Z I"), t.run("create table cta2 as select 'lit' as l, 1.5 as f, null as nul,"
                + " array[1, 2] as arr, n * 2 as n2, v from cta_src"));
        assertEquals("l|text;f|numeric;nul|text;arr|integer[];n2|numeric;v|character varying(5)",
                t.rowsOf("select attname, format_type(atttypid, atttypmod) from pg_attribute"
                        + " where attrelid = 'cta2'::regclass and attnum > 0 order by attnum"));
        // fewer names than columns rename the first ones
        assertEquals(List.of("C SELECT 2", "Z I"), t.run("create table cta3 (x) as select a, b from cta_src with data"));
        assertEquals("1|x;2|y", t.rowsOf("select x, b from cta3 order by x"));
        assertEquals(List.of("C SELECT 1", "Z I"), t.run("create table cta4 as with w as (select 7 as k) select * from w"));
        assertEquals("7", t.rowsOf("table cta4"));
        assertEquals(List.of("C SELECT 0", "Z I"), t.run("create table cta5 as select a from cta_src limit 0"));
    }

    @Test
    void withNoDataAndIfNotExistsSayCreateTableAs() {
        Transcript t = cluster.session();
        assertEquals(List.of("C CREATE TABLE AS", "Z I"), t.run("create table ctn (x, y) as values (1, 2) with no data"));
        assertEquals("0", t.rowsOf("select count(*) from ctn"));
        assertEquals("x|integer;y|integer", t.rowsOf("select attname, format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = 'ctn'::regclass and attnum > 0 order by attnum"));
        assertEquals(List.of("N NOTICE 42P07 relation \"ctn\" already exists, skipping", "C CREATE TABLE AS", "Z I"),
                t.run("create table if not exists ctn as select 1"));
        assertEquals(List.of("E ERROR 42P07 relation \"ctn\" already exists @-", "Z I"), t.run("create table ctn as select 1"));
    }

    @Test
    void refusesWhatPostgresqlRefuses() {
        Transcript t = cluster.session();
        assertEquals(List.of("E ERROR 42601 too many column names were specified @-", "Z I"),
                t.run("create table cte1 (x, y, z) as select 1, 2"));
        assertEquals(List.of("E ERROR 42701 column \"q\" specified more than once @-", "Z I"),
                t.run("create table cte2 as select 1 as q, 2 as q"));
        assertEquals(List.of("E ERROR 42701 column \"?column?\" specified more than once @-", "Z I"),
                t.run("create table cte3 as select 1, 2"));
        // nothing is left behind by a failing query: the table goes with the transaction
        t.run("create table cte4 as select 1 / 0 as x");
        assertEquals("0", t.rowsOf("select count(*) from pg_class where relname = 'cte4'"));
    }

    @Test
    void selectIntoCreatesTheTable() {
        Transcript t = cluster.session();
        t.run("create table si_src (a int, b text); insert into si_src values (1, 'x'), (2, 'y'), (3, 'z')");
        assertEquals(List.of("C SELECT 2", "Z I"), t.run("select a, b into si1 from si_src where a < 3 order by a"));
        assertEquals("1|x;2|y", t.rowsOf("select * from si1 order by a"));
        assertEquals(List.of("C SELECT 1", "Z I"), t.run("select count(*) as n into table public.si2 from si_src"));
        assertEquals("3", t.rowsOf("select n from si2"));
        assertEquals(List.of("E ERROR 42601 SELECT ... INTO is not allowed here @35", "Z I"),
                t.run("select * from (select 1 as a into si3) s"));
        // in a transaction block, it is rolled back with it
        t.run("begin; select 1 as one into si4; rollback");
        assertEquals("0", t.rowsOf("select count(*) from pg_class where relname = 'si4'"));
    }
}
