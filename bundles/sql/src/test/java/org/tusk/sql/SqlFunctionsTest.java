package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE FUNCTION ... LANGUAGE sql, calls and DROP FUNCTION as a client sees them: results, PostgreSQL 15's
 * SQLSTATEs and messages, the pg_proc row, transactional DDL and other sessions seeing the change.
 */
class SqlFunctionsTest {
    /** One cluster for the class (each test uses names of its own): starting one takes a while. */
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    @Test
    void argumentsByNameNumberAndDefault() {
        assertEquals(List.of("C CREATE FUNCTION", "Z I"), t.run("create function f_add(a int, b int default 10) "
                + "returns int language sql immutable as 'select a + b'"));
        assertEquals("3|15|\\N", t.rowsOf("select f_add(1, 2), f_add(5), f_add(null, 1)"));
        t.run("create function f_cat(int, text) returns text language sql strict as $$ select $2 || ':' || $1 $$");
        assertEquals("x:7|t", t.rowsOf("select f_cat(7, 'x'), f_cat(null, 'x') is null"));
        // the SQL-standard body
        t.run("create function f_sq(x numeric) returns numeric language sql return x * x");
        assertEquals("2.25", t.rowsOf("select f_sq(1.5)"));
    }

    @Test
    void duplicatesReplaceAndReturnTypeChanges() {
        t.run("create function f1(a int) returns int language sql as 'select a'");
        assertEquals("E ERROR 42723 function \"f1\" already exists with same argument types @-",
                t.rowsOf("create function f1(a int) returns int language sql as 'select a'"));
        assertEquals(List.of("C CREATE FUNCTION", "Z I"),
                t.run("create or replace function f1(a int) returns int language sql as 'select a * 2'"));
        assertEquals("42", t.rowsOf("select f1(21)"));
        assertEquals("E ERROR 42P13 cannot change return type of existing function @- "
                + "H Use DROP FUNCTION f1(integer) first.",
                t.rowsOf("create or replace function f1(a int) returns bigint language sql as 'select a::bigint'"));
    }

    @Test
    void theBodyIsCheckedAtCreate() {
        assertEquals("E ERROR 42P13 return type mismatch in function declared to return integer @- "
                + "D Actual return type is text.",
                t.rowsOf("create function f_bad() returns int language sql as $$ select 'x'::text $$"));
        assertEquals("E ERROR 42P01 relation \"nosuch\" does not exist @70",
                t.rowsOf("create function f_bad() returns int language sql as $$ select 1 from nosuch $$"));
        assertEquals("E ERROR 42883 function f_bad() does not exist @8 "
                + "H No function matches the given name and argument types. You might need to add explicit type "
                + "casts.", t.rowsOf("select f_bad()"));
    }

    @Test
    void overloadsResolveAsBuiltins() {
        t.run("create function f_kind(x int) returns text language sql as $$ select 'int' $$");
        t.run("create function f_kind(x text) returns text language sql as $$ select 'text' $$");
        t.run("create function f_kind(x numeric) returns text language sql as $$ select 'numeric' $$");
        assertEquals("int|text|numeric", t.rowsOf("select f_kind(1), f_kind('a'::text), f_kind(1.5)"));
        // smallint converts implicitly to both integer and numeric, neither of them preferred
        assertEquals("E ERROR 42725 function f_kind(smallint) is not unique @8 H Could not choose a best "
                + "candidate function. You might need to add explicit type casts.", t.rowsOf("select f_kind(2::smallint)"));
        assertEquals("E ERROR 42725 function name \"f_kind\" is not unique @- "
                + "H Specify the argument list to select the function unambiguously.", t.rowsOf("drop function f_kind"));
        assertEquals(List.of("C DROP FUNCTION", "Z I"), t.run("drop function f_kind(text), f_kind(numeric)"));
        assertEquals("int", t.rowsOf("select f_kind('1')"));
        assertEquals("E ERROR 42883 function f_nosuch(integer) does not exist @-",
                t.rowsOf("drop function f_nosuch(int)"));
        assertEquals(List.of("N NOTICE 00000 function f_nosuch(pg_catalog.int4) does not exist, skipping",
                "C DROP FUNCTION", "Z I"), t.run("drop function if exists f_nosuch(int)"));
    }

    @Test
    void setReturningFunctionsInFromAndSelectList() {
        t.run("create table st (id int primary key, label text)");
        t.run("insert into st values (1, 'one'), (2, 'two'), (3, 'three')");
        t.run("create function upto(n int) returns setof int language sql as "
                + "$$ select i from generate_series(1, n) i $$");
        assertEquals("1;2;3", t.rowsOf("select * from upto(3)"));
        assertEquals("1;2", t.rowsOf("select upto(2)"));
        t.run("create function rows_to(lim int) returns table(id int, label text) language sql stable as "
                + "$$ select id, label from st where id <= lim order by id $$");
        assertEquals("1|one;2|two", t.rowsOf("select * from rows_to(2)"));
        assertEquals("1|1;2|1;2|2", t.rowsOf("select s.id, u from st s, upto(s.id) u where s.id < 3 order by 1, 2"));
        assertEquals("TABLE(id integer, label text)|lim integer",
                t.rowsOf("select pg_get_function_result(oid), pg_get_function_arguments(oid) from pg_proc "
                        + "where proname = 'rows_to'"));
    }

    @Test
    void voidFunctionsChangeTables() {
        t.run("create table vt (x int)");
        t.run("insert into vt values (1), (2)");
        t.run("create function bump(d int) returns void language sql as $$ update vt set x = x + d; "
                + "delete from vt where x > 11 $$");
        assertEquals("\\N", t.rowsOf("select bump(10)"));
        assertEquals("11", t.rowsOf("select x from vt"));
    }

    @Test
    void theCatalogRow() {
        t.run("create function f_row(a int, b text default 'z', c int = 1 + 2) returns setof text language sql "
                + "stable strict as 'select b'");
        assertEquals("f_row|3|2|t|s|t|text|{a,b,c}|14|select b|23 25 23",
                t.rowsOf("select proname, pronargs, pronargdefaults, proretset, provolatile, proisstrict, "
                        + "prorettype::regtype, proargnames, prolang, prosrc, proargtypes from pg_proc "
                        + "where proname = 'f_row'"));
        assertEquals("a integer, b text DEFAULT 'z'::text, c integer DEFAULT (1 + 2)",
                t.rowsOf("select pg_get_function_arguments('f_row'::regproc)"));
        // psql's \sf
        assertEquals(List.of("T pg_get_functiondef:25:-1:-1", "D CREATE OR REPLACE FUNCTION public.f_row(a integer, "
                + "b text DEFAULT 'z'::text, c integer DEFAULT (1 + 2))\n RETURNS SETOF text\n LANGUAGE sql\n"
                + " STABLE STRICT\nAS $function$select b$function$", "C SELECT 1", "Z I"),
                t.run("select pg_get_functiondef('f_row'::regproc)"));
        // psql's \df+ joins pg_language for the language's name
        assertEquals("sql", t.rowsOf("select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang "
                + "where p.proname = 'f_row'"));
        t.run("create function f_pl() returns int language plpgsql as 'begin return 1; end'");
        assertEquals("plpgsql|t", t.rowsOf("select l.lanname, l.lanispl from pg_proc p join pg_language l "
                + "on l.oid = p.prolang where p.proname = 'f_pl'"));
    }

    @Test
    void ddlIsTransactionalAndOtherSessionsSeeIt() {
        Transcript other = cluster.transcript();
        t.run("create function f_v() returns int language sql as 'select 1'");
        assertEquals("D 1", other.run("select f_v()").get(1));
        t.run("create or replace function f_v() returns int language sql as 'select 2'");
        assertEquals("D 2", other.run("select f_v()").get(1));
        t.run("begin");
        t.run("drop function f_v()");
        assertEquals("D 2", other.run("select f_v()").get(1));
        t.run("rollback");
        assertEquals("2", t.rowsOf("select f_v()"));
        t.run("begin");
        t.run("create function f_temp() returns int language sql as 'select 42'");
        assertEquals("42", t.rowsOf("select f_temp()"));
        t.run("rollback");
        assertEquals("E ERROR 42883 function f_temp() does not exist @8 "
                + "H No function matches the given name and argument types. You might need to add explicit type "
                + "casts.", t.rowsOf("select f_temp()"));
        t.run("drop function f_v");
        assertEquals("E ERROR 42883 function f_v() does not exist @8 "
                + "H No function matches the given name and argument types. You might need to add explicit type "
                + "casts.", other.run("select f_v()").get(0));
    }
}
