package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * INSERT, UPDATE and DELETE in WITH: run exactly once per statement, read or not, their RETURNING rows
 * shared by every reference; PostgreSQL 15's errors for a query without RETURNING and for one below
 * the top level (expectations recorded from PostgreSQL 15).
 */
class ModifyingWithTest {
    /** One cluster for the class (each test uses names of its own): starting one takes a while. */
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    private List<String> rows(String sql) {
        return t.run(sql).stream().filter(l -> l.startsWith("D ") || l.startsWith("E ")).toList();
    }

    @Test
    void runsOnceAndSharesItsRows() {
        t.run("create table mw_a (a int); insert into mw_a values (1), (2), (3)");
        assertEquals(List.of("D 20|x|20|x", "D 30|x|30|x"), rows("with d as (update mw_a set a = a * 10 "
                + "where a > 1 returning a, 'x' b) select * from d d1, d d2 where d1.a = d2.a order by 1"));
        assertEquals(List.of("D 1", "D 20", "D 30"), rows("select a from mw_a order by a"));
        assertEquals(List.of("D 2"), rows("with d as (delete from mw_a where a >= 20 returning *) "
                + "select count(*) from d"));
        assertEquals(List.of("D 1"), rows("select a from mw_a order by a"));
    }

    @Test
    void runsEvenWhenNotRead() {
        t.run("create table mw_b (a int); insert into mw_b values (1), (2)");
        assertEquals(List.of("D 7"), rows("with i as (insert into mw_b values (5) returning a) select 7"));
        assertEquals(List.of("D 7"), rows("with d as (delete from mw_b where a = 1) select 7"));
        assertEquals(List.of("D 2", "D 5"), rows("select a from mw_b order by a"));
    }

    @Test
    void postgresqlsErrors() {
        t.run("create table mw_c (a int)");
        assertEquals(List.of("E ERROR 0A000 WITH query \"d\" does not have a RETURNING clause @56"),
                rows("with d as (delete from mw_c where a = 1) select * from d"));
        assertEquals(List.of("E ERROR 0A000 WITH clause containing a data-modifying statement must be at the top "
                + "level @14"), rows("select (with d as (delete from mw_c returning *) select count(*) from d)"));
        assertEquals(List.of("E ERROR 42P01 relation \"mw_none\" does not exist @24"),
                rows("with d as (delete from mw_none returning *) select * from d"));
    }
}
