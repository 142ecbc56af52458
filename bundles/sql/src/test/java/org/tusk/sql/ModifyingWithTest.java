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

    @Test
    void mainQuerySeesTheTablesAsBeforeTheStatement() {
        t.run("create table mw_p (id int, price numeric); insert into mw_p values (1, 10), (2, 20)");
        // the main query reads with the statement's snapshot: the old prices (PostgreSQL 7.8.4)
        assertEquals(List.of("D 1|10", "D 2|20"), rows("with u as (update mw_p set price = price * 2 returning *) "
                + "select * from mw_p order by id"));
        assertEquals(List.of("D 1|20", "D 2|40"), rows("select * from mw_p order by id"));
        // read after the DELETE has run (the join reads d first): still the rows before it
        assertEquals(List.of("D 2|2"), rows("with d as (delete from mw_p returning *) "
                + "select (select count(*) from d), count(*) from mw_p"));
        assertEquals(List.of("D 0"), rows("select count(*) from mw_p"));
        assertEquals(List.of("D 1|1"), rows("with i as (insert into mw_p values (3, 30) returning id) "
                + "select (select count(*) from i), count(*) + 1 from mw_p"));
        assertEquals(List.of("D 1"), rows("select count(*) from mw_p"));
    }

    @Test
    void twoPartsChangingOneRowChangeItOnce() {
        t.run("create table mw_s (id int, v int); insert into mw_s values (1, 0), (2, 0)");
        assertEquals(List.of("D 1|0"), rows("with a as (update mw_s set v = v + 1 where id = 1 returning id), "
                + "b as (update mw_s set v = v + 10 where id = 1 returning id) "
                + "select (select count(*) from a), (select count(*) from b)"));
        assertEquals(List.of("D 1|1", "D 2|0"), rows("select * from mw_s order by id"));
        // a DELETE after an UPDATE of the same row in one statement: the row is kept, as updated
        assertEquals(List.of("D 1|0"), rows("with a as (update mw_s set v = 5 where id = 2 returning id), "
                + "b as (delete from mw_s where id = 2 returning id) "
                + "select (select count(*) from a), (select count(*) from b)"));
        assertEquals(List.of("D 1|1", "D 2|5"), rows("select * from mw_s order by id"));
    }

    @Test
    void foreignKeysAreCheckedAtTheEndOfTheStatement() {
        t.run("create table mw_parent (id int primary key); create table mw_child (pid int references mw_parent)");
        // the child row references the parent row another part of the same statement inserts
        assertEquals(List.of("D 1"), rows("with p as (insert into mw_parent values (1) returning id), "
                + "c as (insert into mw_child values (1) returning pid) select count(*) from c"));
        assertEquals(List.of("D 1"), rows("with c as (insert into mw_child values (2) returning pid), "
                + "p as (insert into mw_parent values (2) returning id) select count(*) from c"));
        assertEquals(List.of("E ERROR 23503 insert or update on table \"mw_child\" violates foreign key "
                + "constraint \"mw_child_pid_fkey\" @- D Key (pid)=(9) is not present in table \"mw_parent\"."), rows("with c as (insert into mw_child values (9) "
                + "returning pid) select count(*) from c").stream().filter(l -> l.startsWith("E")).toList());
        assertEquals(List.of("D 2"), rows("select count(*) from mw_child"));
    }
}
