package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LANGUAGE plpgsql functions and DO blocks as a client sees them: the NOTICEs RAISE sends, results, errors
 * with PostgreSQL 15's SQLSTATEs and texts, and EXCEPTION blocks rolling back their work.
 */
class PlpgsqlTest {
    /** One cluster for the class (each test uses names of its own): starting one takes a while. */
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    @Test
    void doBlocksWithLoopsAndRaise() {
        assertEquals(List.of("N NOTICE 00000 sum 55, doubled 110", "C DO", "Z I"), t.run("""
                do $$ declare i int; s int := 0; two constant int = 2;
                begin for i in 1..10 loop s := s + i; end loop;
                raise notice 'sum %, doubled %', s, s * two; end $$"""));
        assertEquals(List.of("N NOTICE 00000 10", "N NOTICE 00000 6", "N NOTICE 00000 2", "C DO", "Z I"),
                t.run("do $$ begin for i in reverse 10..1 by 4 loop raise notice '%', i; end loop; end $$"));
        assertEquals(List.of("N NOTICE 00000 n=7 hits=12457", "C DO", "Z I"), t.run("""
                do $$ declare n int := 0; hits text := ''; begin
                <<outer>> loop n := n + 1; continue when n % 3 = 0;
                  while length(hits) < 100 loop hits := hits || n; exit outer when n >= 7; exit; end loop;
                end loop; raise notice 'n=% hits=%', n, hits; end $$"""));
        assertEquals(List.of("N NOTICE 00000 sum of {3,1,4} is 8", "C DO", "Z I"), t.run("""
                do $$ declare a int[] := array[3, 1, 4]; v int; s int := 0;
                begin foreach v in array a loop s := s + v; end loop; raise notice 'sum of % is %', a, s; end $$"""));
    }

    @Test
    void functionsWithConditionsAndRecursion() {
        t.run("""
                create function sign_of(n int) returns text language plpgsql as $$ begin
                if n > 0 then return 'positive'; elsif n < 0 then return 'negative'; else return 'zero'; end if;
                end $$""");
        assertEquals("positive|negative|zero|zero", t.rowsOf("select sign_of(5), sign_of(-3), sign_of(0), "
                + "sign_of(null)"));
        t.run("""
                create function fib(n int) returns int language plpgsql as $$ begin
                if n < 2 then return n; end if; return fib(n - 2) + fib(n - 1); end $$""");
        assertEquals("6765", t.rowsOf("select fib(20)"));
        t.run("""
                create function kind(n int) returns text language plpgsql as $$ begin
                case n when 1, 2 then return 'small'; when 3 then return 'three'; else return 'big'; end case;
                end $$""");
        assertEquals("small|three|big", t.rowsOf("select kind(2), kind(3), kind(9)"));
        t.run("create function noret() returns int language plpgsql as $$ begin perform 1; end $$");
        assertEquals("E ERROR 2F005 control reached end of function without RETURN @-", t.rowsOf("select noret()"));
    }

    @Test
    void queriesIntoVariablesAndFound() {
        t.run("create table pt (id int primary key, name text)");
        t.run("""
                create function fill(n int) returns text language plpgsql as $$ declare c int; f1 boolean;
                begin for i in 1..n loop insert into pt values (i, 'n' || i); end loop;
                update pt set name = upper(name) where id % 2 = 0; get diagnostics c = row_count; f1 := found;
                delete from pt where id > 100; return c || ' ' || f1 || ' ' || found; end $$""");
        assertEquals("3 true false", t.rowsOf("select fill(6)"));
        assertEquals("E ERROR P0002 query returned no rows @-",
                t.rowsOf("do $$ declare x text; begin select name into strict x from pt where id = 99; end $$"));
        assertEquals("E ERROR P0003 query returned more than one row @- "
                + "H Make sure the query returns a single row, or use LIMIT 1.",
                t.rowsOf("do $$ declare x text; begin select name into strict x from pt where id < 3; end $$"));
        assertEquals(List.of("N NOTICE 00000 n=4 who=n5", "C DO", "Z I"), t.run("""
                do $$ declare n bigint; who text; begin
                execute 'select count(*) from pt where id > $1' into n using 2;
                execute format('select name from %I where id = $1', 'pt') into who using 5;
                raise notice 'n=% who=%', n, who; end $$"""));
    }

    @Test
    void setReturningFunctions() {
        t.run("""
                create function evens(n int) returns setof int language plpgsql as $$ begin
                for i in 1..n loop if i % 2 = 0 then return next i; end if; end loop; return; end $$""");
        assertEquals("2;4;6", t.rowsOf("select * from evens(7)"));
        t.run("""
                create function pairs(n int) returns table(a int, b text) language plpgsql as $$ begin
                return query select i, 'v' || i from generate_series(1, n) i; a := 0; b := 'extra'; return next;
                end $$""");
        assertEquals("1|v1;2|v2;0|extra", t.rowsOf("select * from pairs(2)"));
    }

    @Test
    void raiseOptionsAndExceptionBlocks() {
        assertEquals("E ERROR P0042 custom @- H a hint D some detail", t.rowsOf("do $$ begin raise exception 'custom' "
                + "using errcode = 'P0042', detail = 'some detail', hint = 'a hint'; end $$"));
        assertEquals("E ERROR 22012 division_by_zero @-", t.rowsOf("do $$ begin raise division_by_zero; end $$"));
        assertEquals("E ERROR P0001 failed: 1 and <NULL> @-",
                t.rowsOf("do $$ begin raise exception 'failed: % and %', 1, null; end $$"));
        t.run("create table et (id int primary key)");
        t.run("insert into et values (1)");
        assertEquals(List.of("N NOTICE 00000 caught 23505: duplicate key value violates unique constraint \"et_pkey\"",
                "C DO", "Z I"), t.run("""
                do $$ begin insert into et values (50); insert into et values (1);
                exception when unique_violation then raise notice 'caught %: %', sqlstate, sqlerrm; end $$"""));
        // the block's insert of 50 was rolled back with it
        assertEquals("1", t.rowsOf("select count(*) from et"));
        t.run("""
                create function safe_div(a int, b int) returns int language plpgsql as $$ begin return a / b;
                exception when division_by_zero then return null; end $$""");
        assertEquals("3|\\N", t.rowsOf("select safe_div(10, 3), safe_div(1, 0)"));
        // a handler that does not match lets the error through
        assertEquals("E ERROR 22012 division by zero @-", t.rowsOf("do $$ begin perform 1 / 0; "
                + "exception when unique_violation then raise notice 'no'; end $$"));
        assertEquals("E ERROR 0Z002 RAISE without parameters cannot be used outside an exception handler @-",
                t.rowsOf("do $$ begin raise; end $$"));
    }

    @Test
    void typeOfVariablesAndColumns() {
        t.run("create table tyt (a numeric(5,2), b varchar(3))");
        assertEquals(List.of("N NOTICE 00000 1.23 numeric ab character varying", "C DO", "Z I"), t.run("""
                do $$ declare x tyt.a%type := 1.234; y x%type; z public.tyt.b%TYPE := 'ab';
                begin raise notice '% % % %', x, pg_typeof(y), z, pg_typeof(z); end $$"""));
        List<String> unknown = t.run("do $$ declare x nosuch.a%type; begin null; end $$");
        assertEquals("E ERROR 42601 syntax error at or near \"%\" @25", unknown.getFirst());
        assertEquals("E ERROR 42704 type \"nosuchtype\" does not exist @17",
                t.rowsOf("do $$ declare x nosuchtype; begin null; end $$"));
    }

    @Test
    void errorsAtCreate() {
        assertEquals("E ERROR 42601 too few parameters specified for RAISE @-",
                t.rowsOf("do $$ begin raise notice '% %', 1; end $$"));
        // errors at a place in the body point into the CREATE FUNCTION or DO statement (no CONTEXT then)
        assertEquals("E ERROR 22005 variable \"c\" is declared CONSTANT @42",
                t.rowsOf("do $$ declare c constant int := 1; begin c := 2; end $$"));
        assertEquals("E ERROR 42601 \"x\" is not a known variable @67",
                t.rowsOf("create function pl_bad() returns int language plpgsql as $$ begin x := 1; return 1; end $$"));
        assertEquals("E ERROR 42601 syntax error at end of input @80",
                t.rowsOf("create function pl_bad() returns int language plpgsql as $$ begin return 1 end $$"));
        assertEquals("E ERROR 42601 unrecognized RAISE statement option at or near \"nosuch\" @36",
                t.rowsOf("do $$ begin raise notice 'x' using nosuch = 1; end $$"));
        assertEquals("E ERROR 42601 EXIT cannot be used outside a loop, unless it has a label @13",
                t.rowsOf("do $$ begin exit; end $$"));
        assertEquals(List.of("C DO", "Z I"), t.run("do $$ begin <<b>> begin exit b; end; end $$"));
        assertEquals("E ERROR 42804 RETURN cannot have a parameter in function returning void @20",
                t.rowsOf("do $$ begin return 1; end $$"));
        assertEquals("E ERROR 42804 RETURN cannot have a parameter in function returning set @78 "
                + "H Use RETURN NEXT or RETURN QUERY.",
                t.rowsOf("create function pl_s() returns setof int language plpgsql as $$ begin return 1; end $$"));
    }
}
