package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
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

    /** The cluster takes 10 sessions: each test ends its own. */
    @AfterEach
    void endSession() {
        t.session.close();
    }

    private List<String> rows(String sql) {
        return t.dataLines(sql);
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

    @Test
    void withBeforeInsertUpdateDelete() {
        t.run("create table mw_x (x int); create table mw_y (x int); insert into mw_x values (1), (2)");
        assertEquals(List.of("C INSERT 0 3", "Z I"), t.run("with recursive r(n) as (select 1 union all "
                + "select n + 1 from r where n < 3) insert into mw_y select n from r"));
        assertEquals(List.of("D 5|5"), rows("with r as (select 5 as n) update mw_x set x = r.n from r "
                + "where mw_x.x = 1 returning mw_x.x, r.n"));
        assertEquals(List.of("D 2|2"), rows("with r as (select 2 as n) delete from mw_x using r "
                + "where mw_x.x = r.n returning *"));
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("with w as (select 1) insert into mw_x values (100)"));
        assertEquals(List.of("D 7"), rows("with t as (select 7 as y), u as (select y from t) "
                + "insert into mw_x select y from u returning *"));
        assertEquals(List.of("D 5", "D 7", "D 100"), rows("select x from mw_x order by x"));
        // rows moved from one table to another in one statement
        assertEquals(List.of("C INSERT 0 2", "Z I"), t.run("with moved as (delete from mw_x where x < 10 "
                + "returning x) insert into mw_y select x from moved"));
        assertEquals(List.of("D 100"), rows("select x from mw_x"));
        assertEquals(List.of("D 1", "D 2", "D 3", "D 5", "D 7"), rows("select x from mw_y order by x"));
        // a data-modifying WITH query nobody reads runs after the statement, which changed the rows first
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("with u as (update mw_x set x = x + 1 returning *) "
                + "update mw_x set x = x * 100"));
        assertEquals(List.of("D 10000"), rows("select x from mw_x"));
    }

    @Test
    void partsReadEarlierWithQueries() {
        t.run("create table mw_src (x int); create table mw_dst (x int); insert into mw_src values (1), (2)");
        assertEquals(List.of("D 11", "D 12"), rows("with d as (delete from mw_src returning *), "
                + "e as (insert into mw_dst select x + 10 from d returning *) select * from e order by x"));
        assertEquals(List.of("D 0|2"), rows("select (select count(*) from mw_src), (select count(*) from mw_dst)"));
        t.run("create table mw_par (id int primary key); create table mw_chi (pid int references mw_par)");
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("with p as (insert into mw_par values (5) returning id) "
                + "insert into mw_chi select id from p"));
        assertEquals(List.of("D 6"), rows("with p as (insert into mw_par values (6) returning id), "
                + "c as (insert into mw_chi select id from p returning pid) select pid from c"));
        assertEquals(List.of("D 5", "D 6"), rows("select pid from mw_chi order by 1"));
    }

    @Test
    void errorsOfWithBeforeDml() {
        t.run("create table mw_e (x int)");
        assertEquals(List.of("E ERROR 0A000 WITH clause containing a data-modifying statement must be at the top "
                + "level @23"), rows("insert into mw_e with d as (delete from mw_e returning *) select * from d"));
        assertEquals(List.of("E ERROR 42712 WITH query name \"w\" specified more than once @23"),
                rows("with w as (select 1), w as (select 2) delete from mw_e"));
        assertEquals(List.of("E ERROR 0A000 WITH query \"d\" does not have a RETURNING clause @73"),
                rows("with d as (delete from mw_e where x = 1) insert into mw_e select * from d"));
    }

    @Test
    void subqueriesInUpdateAndDelete() {
        t.run("create table mw_s1 (a int, b int); insert into mw_s1 values (1, 0), (2, 0), (3, 0); "
                + "create table mw_s2 (a int); insert into mw_s2 values (2), (3)");
        assertEquals(List.of("C DELETE 1", "Z I"), t.run("delete from mw_s1 where a in (select 2)"));
        // correlated: the subqueries read the target row
        assertEquals(List.of("D 1|0", "D 3|2"), rows("update mw_s1 set b = (select count(*) from mw_s2 "
                + "where mw_s2.a <= mw_s1.a) where a = (select 1) or exists (select 1 from mw_s2 "
                + "where mw_s2.a = mw_s1.a) returning *"));
        assertEquals(List.of("D 3|2|3"), rows("with x as (select 3 as v) delete from mw_s1 where a in "
                + "(select v from x) returning *, (select max(a) from mw_s2)"));
        assertEquals(List.of("D 1|0"), rows("select * from mw_s1"));
        assertEquals(List.of("E ERROR 42803 aggregate functions are not allowed in UPDATE @22"),
                rows("update mw_s1 set b = sum(a)"));
        assertEquals(List.of("E ERROR 42803 aggregate functions are not allowed in WHERE @25"),
                rows("delete from mw_s1 where max(a) = 1"));
        // the rows a data-modifying WITH query deleted, read through its RETURNING
        assertEquals(List.of("D 1|100"), rows("with d as (delete from mw_s2 where a = 2 returning a) "
                + "update mw_s1 set b = 100 where a in (select a - 1 from d) returning *"));
        assertEquals(List.of("D 3"), rows("select * from mw_s2"));
    }

    @Test
    void scalarSqlFunctionsAndCursors() {
        t.run("create table mw_f (a int); insert into mw_f values (1), (2), (3)");
        // a scalar SQL function needs one row, but its data-modifying WITH query runs and finishes
        t.run("create function mw_fdel() returns bigint language sql as "
                + "'with d as (delete from mw_f where a = 1 returning *) select count(*) from mw_f'");
        assertEquals(List.of("D 3"), rows("select mw_fdel()"));
        assertEquals(List.of("D 2"), rows("select count(*) from mw_f"));
        t.run("create table mw_fp (id int primary key); create table mw_fc (pid int references mw_fp)");
        t.run("create function mw_fbad() returns int language sql as "
                + "'with c as (insert into mw_fc values (9) returning pid) select 1'");
        assertEquals("E ERROR 23503", rows("select mw_fbad()").getFirst().substring(0, 13));
        assertEquals(List.of("D 0"), rows("select count(*) from mw_fc"));
        assertEquals(List.of("E ERROR 0A000 DECLARE CURSOR must not contain data-modifying statements in WITH @-"),
                rows("declare c cursor with hold for with d as (delete from mw_f returning *) select * from d"));
        assertEquals(List.of("D 2"), rows("select count(*) from mw_f"));
    }

    @Test
    void preparedStatementsRunTheirWithClauseAtEachExecution() {
        t.run("create table mw_q1 (a int); create table mw_q2 (a int); insert into mw_q1 values (1), (2), (3)");
        t.run("prepare mw_move(int) as with d as (delete from mw_q1 where a <= $1 returning a) "
                + "insert into mw_q2 select a * 10 from d");
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("execute mw_move(1)"));
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("execute mw_move(2)"));
        t.run("prepare mw_upd(int) as with r as (select $1 as n) update mw_q2 set a = a + r.n from r "
                + "where mw_q2.a > (select min(a) from mw_q2) returning mw_q2.a");
        assertEquals(List.of("D 25"), rows("execute mw_upd(5)"));
        assertEquals(List.of("D 32"), rows("execute mw_upd(7)"));
        assertEquals(List.of("D 3"), rows("select a from mw_q1"));
        assertEquals(List.of("D 10", "D 32"), rows("select a from mw_q2 order by a"));
    }

    @Test
    void subqueriesInInsertValues() {
        t.run("create table mw_v (a int); insert into mw_v values (1), (2)");
        assertEquals(List.of("C INSERT 0 2", "Z I"), t.run("insert into mw_v values ((select max(a) + 1 from mw_v)), "
                + "((select count(*) from mw_v)::int * 10)"));
        // RETURNING's subquery reads the snapshot from before the statement
        assertEquals(List.of("D 42|4"), rows("with x as (select 42 as v) insert into mw_v values "
                + "((select v from x)) returning a, (select count(*) from mw_v)"));
        assertEquals(List.of("D 1", "D 2", "D 3", "D 20", "D 42"), rows("select a from mw_v order by a"));
        assertEquals(List.of("E ERROR 42803 aggregate functions are not allowed in VALUES @26"),
                rows("insert into mw_v values (max(1))"));
    }
}
