package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PL/pgSQL cursors on storage: a function opens a cursor and returns its name (a refcursor) for the caller
 * to FETCH from; the caller's DECLAREd cursor read by a function; a bound cursor with arguments in a FOR
 * loop; RETURNING ... INTO; and a FOR loop over a query that changes the table it reads (it reads in the
 * snapshot of its start, so it ends).
 */
class PlpgsqlCursorTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    @Test
    void aReturnedRefcursorIsFetchedByTheCaller() {
        t.run("create table pc_items (id int primary key, name text)");
        t.run("insert into pc_items select g, 'n' || g from generate_series(1, 5) g");
        t.run("""
                create function pc_open(lim int) returns refcursor language plpgsql as $$
                declare c refcursor; begin
                open c for select id, name from pc_items where id <= lim order by id; return c; end $$""");
        t.run("begin");
        String name = t.rowsOf("select pc_open(3)");
        assertTrue(name.startsWith("<unnamed portal "), name);
        assertEquals("1|n1;2|n2;3|n3", t.rowsOf("fetch all in \"" + name + "\""));
        assertEquals("", t.rowsOf("fetch all in \"" + name + "\""));
        t.run("declare theirs cursor for select id from pc_items where id > 3 order by id");
        t.run("""
                create function pc_sum(c refcursor) returns int language plpgsql as $$
                declare x int; s int := 0; begin
                loop fetch c into x; exit when not found; s := s + x; end loop; return s; end $$""");
        assertEquals("9", t.rowsOf("select pc_sum('theirs')"));
        t.run("commit");
        assertEquals("E ERROR 34000 cursor \"" + name + "\" does not exist @-", t.rowsOf("fetch all in \"" + name + "\""));
    }

    @Test
    void boundCursorsReturningIntoAndLoopsThatWrite() {
        t.run("create table pc_acc (id int primary key, balance int)");
        t.run("insert into pc_acc select g, g * 10 from generate_series(1, 4) g");
        t.run("""
                create function pc_total(lo int) returns int language plpgsql as $$
                declare c cursor (a int) for select balance from pc_acc where id >= a; s int := 0;
                begin for r in c(lo) loop s := s + r.balance; end loop; return s; end $$""");
        assertEquals("90", t.rowsOf("select pc_total(2)"));
        t.run("""
                create function pc_add(n int) returns int language plpgsql as $$
                declare k int; begin
                insert into pc_acc values (n, 0) returning id * 100 into strict k; return k; end $$""");
        assertEquals("500", t.rowsOf("select pc_add(5)"));
        assertEquals("E ERROR P0003 query returned more than one row @- H Make sure the query returns a single row, or use LIMIT 1.", t.rowsOf("""
                do $$ declare k int; begin update pc_acc set balance = balance returning id into k; end $$"""));
        t.run("""
                do $$ declare r record; begin
                for r in select * from pc_acc loop insert into pc_acc values (r.id + 10, r.balance); end loop; end $$""");
        assertEquals("10|200", t.rowsOf("select count(*), sum(balance) from pc_acc"));
    }
}
