package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Functions returning a table's row type, a composite type or record (with a column definition list), in SQL
 * and PL/pgSQL, on storage; expected rows and messages as PostgreSQL 15 gives them (regress/setof_functions).
 */
class SetofFunctionsTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    @BeforeAll
    static void start() {
        for (String sql : List.of("create table emp (id int, name text, salary int)",
                "insert into emp values (1, 'ann', 100), (2, 'bob', 200), (3, 'cy d', 300)",
                "create type pair as (a int, b text)",
                "create function all_emps() returns setof emp language sql as 'select * from emp order by id'",
                "create function one_emp(int) returns emp language sql as 'select * from emp where id = $1'",
                "create function pairs(n int) returns setof pair language sql as "
                        + "'select i, repeat(''x'', i) from generate_series(1, n) i'",
                "create function by_row() returns setof emp language sql as 'select e from emp e where id < 3'",
                "create function anyrows() returns setof record language sql as 'select id, name from emp order by id'",
                "create function outs(x int, out a int, out b text) language sql as 'select x, x::text'",
                "create function rich(min int) returns setof emp language plpgsql as $$ declare r emp; begin "
                        + "for r in select * from emp where salary >= min order by id loop return next r; end loop; "
                        + "end $$",
                "create function rich_q(min int) returns setof emp language plpgsql as $$ begin "
                        + "return query select * from emp where salary >= min order by id; end $$",
                "create function first_emp() returns emp language plpgsql as $$ declare r record; begin "
                        + "select * into r from emp order by id limit 1; return r; end $$",
                "create function pl_pairs(n int) returns setof pair language plpgsql as $$ declare p pair; begin "
                        + "for i in 1..n loop p.a := i; p.b := 'n' || i; return next p; end loop; end $$",
                "create function pl_pair(x int) returns pair language plpgsql as $$ begin "
                        + "return (x, x::text || '!'); end $$",
                "create function pl_wide() returns pair language plpgsql as $$ begin return (1, 'a'::text, 2); end $$",
                "create function pl_scalar() returns pair language plpgsql as $$ begin return 1; end $$",
                "create function pay(e emp) returns int language sql as 'select e.salary * 2'",
                "create function pl_pay(e emp) returns text language plpgsql as $$ begin "
                        + "return e.name || ':' || e.salary; end $$",
                "create function emp_tab() returns table(e emp, n int) language sql as "
                        + "'select e, e.id * 10 from emp e order by e.id'",
                "create function pay2(e emp) returns int language sql as 'select (e).salary + ($1).id'",
                "create function pl_rows() returns setof record language plpgsql as $$ declare r record; begin "
                        + "for r in select id, name from emp order by id loop return next r; end loop; end $$")) {
            List<String> out = run(sql);
            assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
        }
    }

    private static List<String> run(String sql) {
        return cluster.run(sql);
    }

    /** The data rows joined by ';', or the error line. */
    private static String rows(String sql) {
        return cluster.rows(sql);
    }

    /** The RowDescription line. */
    private static String header(String sql) {
        return run(sql).stream().filter(l -> l.startsWith("T ")).findFirst().orElse("none");
    }

    @Test
    void sqlFunctionsReturningRowTypesExpandInFrom() {
        assertEquals("1|ann|100;2|bob|200;3|cy d|300", rows("select * from all_emps()"));
        assertEquals("3|cy d|300;2|bob|200", rows("select * from all_emps() where salary > 100 order by name desc"));
        assertEquals("T id:23:4:-1,name:25:-1:-1,salary:23:4:-1", header("select * from all_emps()"));
        assertEquals("2|bob|200", rows("select * from one_emp(2)"));
        // a function returning one composite that finds no row: one row of NULLs in FROM
        assertEquals("\\N|\\N|\\N", rows("select * from one_emp(42)"));
        assertEquals("1|x|1;2|xx|2", rows("select * from pairs(2) with ordinality as p(x, y, n)"));
        assertEquals("1|x;1|x;2|xx", rows("select p.* from generate_series(1, 2) g, lateral pairs(g) p order by g, p.a"));
        assertEquals("5", rows("select count(*) from pairs(10) where a % 2 = 0"));
        // a final SELECT of one row-valued column is the row itself
        assertEquals("1|ann|100;2|bob|200", rows("select * from by_row()"));
    }

    @Test
    void rowValuedCallsInTheSelectList() {
        assertEquals("(1,ann,100);(2,bob,200);(3,\"cy d\",300)", rows("select all_emps()"));
        assertEquals("ann;bob;cy d", rows("select (all_emps()).name"));
        assertEquals("(1,ann,100)", rows("select one_emp(1)"));
        assertEquals("100", rows("select (one_emp(1)).salary"));
        assertEquals("3|cy d|300", rows("select (one_emp(3)).*"));
        assertEquals("t", rows("select one_emp(42) is null"));
        // RowDescription names the composite type, as PostgreSQL does (not record)
        String emp = rows("select oid from pg_type where typname = 'emp'");
        assertEquals("T one_emp:" + emp + ":-1:-1", header("select one_emp(1)"));
        assertEquals("T all_emps:" + emp + ":-1:-1", header("select all_emps()"));
        // OUT arguments: a record with the OUT names as fields
        assertEquals("(5,5)|5", rows("select outs(5), (outs(5)).b"));
        assertEquals("T outs:2249:-1:-1", header("select outs(5)"));
    }

    @Test
    void plpgsqlReturnsRows() {
        assertEquals("2|bob|200;3|cy d|300", rows("select * from rich(200)"));
        assertEquals("(3,\"cy d\",300)", rows("select rich(300)"));
        assertEquals("2|bob|200;3|cy d|300", rows("select * from rich_q(150)"));
        assertEquals("1|ann|100", rows("select * from first_emp()"));
        assertEquals("ann", rows("select (first_emp()).name"));
        assertEquals("1|n1;2|n2", rows("select * from pl_pairs(2)"));
        assertEquals("(5,5!)|6|6!", rows("select pl_pair(5), * from pl_pair(6)"));
        assertEquals("1|ann;2|bob;3|cy d", rows("select * from pl_rows() as (id int, name text)"));
        assertTrue(rows("select pl_scalar()").startsWith("E ERROR 42804 cannot return non-composite value from "
                + "function returning composite type"), rows("select pl_scalar()"));
        assertTrue(rows("select pl_wide()").startsWith("E ERROR 42804 returned record type does not match expected "
                + "record type @- D Number of returned columns (3) does not match expected column count (2)."),
                rows("select pl_wide()"));
    }

    @Test
    void columnDefinitionLists() {
        assertEquals("2|bob;3|cy d", rows("select * from anyrows() as t(id int, name text) where id > 1"));
        assertEquals("cy d;bob;ann", rows("select t.name from anyrows() t(id int, name text) order by t.name desc"));
        assertEquals("1|ann", rows("select * from anyrows() as (a int, b varchar) limit 1"));
        assertEquals("E ERROR 42601 a column definition list is required for functions returning \"record\" @15",
                rows("select * from anyrows()"));
        assertEquals("E ERROR 42P13 return type mismatch in function declared to return record @- D Final statement "
                + "returns too many columns.", rows("select * from anyrows() as t(a int)"));
        assertEquals("E ERROR 42P13 return type mismatch in function declared to return record @- D Final statement "
                + "returns text instead of integer at column 2.", rows("select * from anyrows() as t(a int, b int)"));
        assertEquals("E ERROR 42601 a column definition list is redundant for a function returning a named composite "
                + "type @31", rows("select * from all_emps() as t(a int, b text, c int)"));
        assertEquals("E ERROR 42601 a column definition list is redundant for a function with OUT parameters @27",
                rows("select * from outs(1) as (a int, b text)"));
        assertEquals("E ERROR 42601 a column definition list is only allowed for functions returning \"record\" @27",
                rows("select * from abs(1) as t(a int)"));
        assertEquals("E ERROR 42804 wrong record type supplied in RETURN NEXT @- D Number of returned columns (2) does "
                + "not match expected column count (1).", rows("select * from pl_rows() as (id int)"));
        assertEquals("E ERROR 42804 wrong record type supplied in RETURN NEXT @- D Returned type text does not match "
                + "expected type character varying in column 2.", rows("select * from pl_rows() as (id int, n varchar)"));
    }

    @Test
    void argumentsOfCompositeTypes() {
        assertEquals("ann|200|ann:100;bob|400|bob:200;cy d|600|cy d:300",
                rows("select name, pay(e), pl_pay(e) from emp e order by id"));
        assertEquals("400|t", rows("select pay(one_emp(2)), pl_pay(null::emp) is null"));
        assertEquals("600", rows("select pay(e) from all_emps() e where e.id = 3"));
        assertEquals("600", rows("select pay(row(3, 'x', 300)::emp)"));
        // field selection on the parameter itself, by name and by number
        assertEquals("101;202;303", rows("select pay2(e) from emp e order by id"));
    }

    @Test
    void tableColumnsOfCompositeTypes() {
        assertEquals("(2,bob,200)|20;(3,\"cy d\",300)|30", rows("select * from emp_tab() where n > 10"));
        assertEquals("bob|20;cy d|30", rows("select (e).name, n from emp_tab() where n > 10"));
        assertEquals("TABLE(e emp, n integer)", rows("select pg_get_function_result('emp_tab'::regproc)"));
        assertEquals("e emp", rows("select pg_get_function_arguments('pay'::regproc)"));
    }

    @Test
    void functionsDependOnTheirCompositeTypes() {
        for (String sql : List.of("create table dep_t (id int)", "create type dep_p as (a int)",
                "create function dep_f() returns setof dep_t language sql as 'select * from dep_t'",
                "create function dep_g(x dep_t, y dep_p) returns int language sql as 'select 1'")) {
            assertFalse(run(sql).stream().anyMatch(l -> l.startsWith("E ")), sql);
        }
        assertEquals("dep_f|dep_t;dep_g|dep_p;dep_g|dep_t", rows("select p.proname, t.typname from pg_depend d "
                + "join pg_proc p on p.oid = d.objid join pg_type t on t.oid = d.refobjid "
                + "where d.refclassid = 'pg_type'::regclass and p.proname like 'dep%' order by 1, 2"));
        assertEquals("E ERROR 2BP01 cannot drop table dep_t because other objects depend on it @- "
                + "H Use DROP ... CASCADE to drop the dependent objects too. D function dep_f() depends on type dep_t\n"
                + "function dep_g(dep_t,dep_p) depends on type dep_t", rows("drop table dep_t"));
        assertEquals("E ERROR 2BP01 cannot drop type dep_p because other objects depend on it @- "
                + "H Use DROP ... CASCADE to drop the dependent objects too. D function dep_g(dep_t,dep_p) depends on "
                + "type dep_p", rows("drop type dep_p"));
        List<String> out = run("drop type dep_p cascade");
        assertTrue(out.contains("N NOTICE 00000 drop cascades to function dep_g(dep_t,dep_p)"), out.toString());
        assertEquals("dep_f", rows("select proname from pg_proc where proname like 'dep%'"));
        assertFalse(run("drop table dep_t cascade").stream().anyMatch(l -> l.startsWith("E ")));
        assertEquals("", rows("select proname from pg_proc where proname like 'dep%'"));
    }
}
