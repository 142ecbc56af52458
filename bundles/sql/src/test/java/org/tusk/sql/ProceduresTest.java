package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE PROCEDURE, CALL, DROP PROCEDURE and ALTER FUNCTION/PROCEDURE as a client sees them, with
 * PostgreSQL 15's messages (recorded from a real server): output parameters as CALL's row, the 42809 errors
 * between functions and procedures, and the pg_proc columns the commands write.
 */
class ProceduresTest {
    /** One cluster for the class (each test uses names of its own): starting one takes a while. */
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private Transcript t;

    @BeforeEach
    void session() {
        t = cluster.transcript();
    }

    /** Each test's session ends with it (the cluster allows 10 connections). */
    @AfterEach
    void endSession() {
        t.session.close();
    }

    @Test
    void callWithInoutAndOutArguments() {
        assertEquals(List.of("C CREATE PROCEDURE", "Z I"),
                t.run("create procedure pr_add(a int, inout b int) language sql as $$ select a + b $$"));
        assertEquals(List.of("T b:23:4:-1", "D 3", "C CALL", "Z I"), t.run("call pr_add(1, 2)"));
        assertEquals("3", t.rowsOf("call pr_add(1, 2)"));
        t.run("create procedure pr_twice(a int, out b int) language plpgsql as $$ begin b := a * 2; end $$");
        assertEquals("6", t.rowsOf("call pr_twice(3, null)"));
        t.run("create procedure pr_inc(inout x int, inout y text) language plpgsql as $$ begin x := x + 1; "
                + "y := y || '!'; end $$");
        assertEquals("6|a!", t.rowsOf("call pr_inc(5, 'a')"));
        assertEquals("p|record|23|{23,23}|{i,o}|1", t.rowsOf("select prokind, prorettype::regtype, proargtypes, "
                + "proallargtypes, proargmodes, pronargs from pg_proc where proname = 'pr_twice'"));
    }

    @Test
    void procedureWithoutOutputsWritesRows() {
        t.run("create table pr_t(a int)");
        t.run("create procedure pr_ins(v int) language sql as $$ insert into pr_t values (v); insert into pr_t "
                + "values (v + 1) $$");
        assertEquals(List.of("C CALL", "Z I"), t.run("call pr_ins(10)"));
        assertEquals("10;11", t.rowsOf("select a from pr_t order by a"));
        assertEquals("v", t.rowsOf("select prorettype::regtype::text from pg_proc where proname = 'pr_ins'")
                .substring(0, 1));
    }

    @Test
    void functionsAndProceduresAreNotInterchangeable() {
        t.run("create procedure pr_x(a int) language sql as 'select 1'");
        t.run("create function fn_x(a int) returns int language sql as 'select a'");
        assertEquals("E ERROR 42809 pr_x(integer) is a procedure @8 H To call a procedure, use CALL.",
                t.rowsOf("select pr_x(1)"));
        assertEquals("E ERROR 42809 fn_x(integer) is not a procedure @6 H To call a function, use SELECT.",
                t.rowsOf("call fn_x(1)"));
        assertEquals("E ERROR 42883 procedure pr_x() does not exist @6 H No procedure matches the given name and "
                + "argument types. You might need to add explicit type casts.", t.rowsOf("call pr_x()"));
        assertEquals("E ERROR 42809 pr_x(integer) is not a function @-", t.rowsOf("drop function pr_x(int)"));
        assertEquals("E ERROR 42809 fn_x(integer) is not a procedure @-", t.rowsOf("drop procedure fn_x(int)"));
        assertEquals("E ERROR 42809 cannot change routine kind @- D \"fn_x\" is a function.",
                t.rowsOf("create or replace procedure fn_x(a int) language sql as 'select 1'"));
        assertEquals(List.of("C DROP ROUTINE", "Z I"), t.run("drop routine pr_x"));
        assertEquals(List.of("N NOTICE 00000 procedure pr_x(pg_catalog.int4) does not exist, skipping",
                "C DROP PROCEDURE", "Z I"), t.run("drop procedure if exists pr_x(int)"));
    }

    @Test
    void alterFunctionAttributesNameSchemaAndOwner() {
        t.run("create function fa(a int) returns int language sql as 'select a'");
        assertEquals(List.of("C ALTER FUNCTION", "Z I"), t.run("alter function fa(int) immutable strict "
                + "security definer cost 7"));
        assertEquals("i|t|t|7", t.rowsOf("select provolatile, proisstrict, prosecdef, procost from pg_proc "
                + "where proname = 'fa'"));
        assertEquals("E ERROR 22023 ROWS is not applicable when function does not return a set @-",
                t.rowsOf("alter function fa rows 5"));
        t.run("create function fa2(a int) returns int language sql as 'select a'");
        assertEquals("E ERROR 42723 function fa2(integer) already exists in schema \"public\" @-",
                t.rowsOf("alter function fa rename to fa2"));
        t.run("create schema fa_s");
        t.run("alter function fa set schema fa_s");
        assertEquals("5", t.rowsOf("select fa_s.fa(5)"));
        t.run("create role fa_owner");
        assertEquals(List.of("C ALTER FUNCTION", "Z I"), t.run("alter function fa_s.fa owner to fa_owner"));
        assertEquals("fa_owner", t.rowsOf("select proowner::regrole from pg_proc where proname = 'fa'"));
        assertEquals("E ERROR 42704 role \"nope\" does not exist @-", t.rowsOf("alter function fa_s.fa owner to nope"));
        t.run("create procedure pa() language sql as 'select 1'");
        assertEquals("E ERROR 42P13 invalid attribute in procedure definition @22",
                t.rowsOf("alter procedure pa() immutable"));
        assertEquals("E ERROR 42883 could not find a procedure named \"nope\" @-",
                t.rowsOf("alter procedure nope owner to fa_owner"));
    }

    @Test
    void commitAndRollbackInsideProcedures() {
        t.run("create table tc(a int)");
        t.run("create procedure tcp(n int) language plpgsql as $$ begin for i in 1..n loop insert into tc values (i);"
                + " if i % 2 = 0 then commit; else rollback; end if; end loop; end $$");
        assertEquals(List.of("C CALL", "Z I"), t.run("call tcp(4)"));
        assertEquals("2;4", t.rowsOf("select a from tc order by a"));
        // inside a transaction block the procedure may not end the transaction
        t.run("begin");
        String error = t.rowsOf("call tcp(2)");
        assertEquals("E ERROR 2D000 invalid transaction termination", error.substring(0, error.indexOf(" @")));
        t.run("rollback");
        // nor may a function, wherever it runs
        t.run("create function tcf() returns int language plpgsql as $$ begin commit; return 1; end $$");
        error = t.rowsOf("select tcf()");
        assertEquals("E ERROR 2D000 invalid transaction termination", error.substring(0, error.indexOf(" @")));
        // a DO block in its own transaction may
        assertEquals(List.of("C DO", "Z I"), t.run("do $$ begin insert into tc values (100); commit; "
                + "insert into tc values (101); rollback; end $$"));
        assertEquals("2;4;100", t.rowsOf("select a from tc order by a"));
    }

    @Test
    void variadicParameters() {
        t.run("create function v1(variadic a int[]) returns int language sql as 'select array_length(a, 1)'");
        assertEquals("3|1|\\N", t.rowsOf("select v1(1, 2, 3), v1(variadic array[1]), v1(variadic null)"));
        assertEquals("E ERROR 42883 function v1() does not exist @8 H No function matches the given name and "
                + "argument types. You might need to add explicit type casts.", t.rowsOf("select v1()"));
        t.run("create function v2(a text, variadic b text[]) returns text language sql as "
                + "$$ select a || array_to_string(b, ',') $$");
        assertEquals("xa,b", t.rowsOf("select v2('x', 'a', 'b')"));
        assertEquals("2", t.rowsOf("select v1(variadic a => array[1, 2])"));
        assertEquals("E ERROR 42P13 VARIADIC parameter must be an array @-",
                t.rowsOf("create function v3(variadic a int) returns int language sql as 'select a'"));
        assertEquals("E ERROR 42P13 VARIADIC parameter must be the last input parameter @-",
                t.rowsOf("create function v3(variadic a int[], b int) returns int language sql as 'select b'"));
        assertEquals("23", t.rowsOf("select provariadic from pg_proc where proname = 'v1'"));
        assertEquals("12|t|a-b|x/y", t.rowsOf("select concat(variadic array[1, 2, null]), concat(variadic null::int[]) "
                + "is null, concat_ws('-', variadic array['a', 'b']), format('%s/%s', variadic array['x', 'y'])"));
        assertEquals("E ERROR 42883 function v1(integer[]) does not exist @8 H No function matches the given name "
                + "and argument types. You might need to add explicit type casts.", t.rowsOf("select v1(array[1, 2])"));
    }

    @Test
    void namedNotation() {
        t.run("create function nf(a int, b int default 2, c int default 3) returns text language sql as "
                + "$$ select a || ',' || b || ',' || c $$");
        assertEquals("1,5,3|7,2,3", t.rowsOf("select nf(1, b => 5), nf(a := 7)"));
        assertEquals("9,8,3", t.rowsOf("select nf(b => 8, a => 9)"));
        t.run("create procedure np(a int, inout b int) language sql as 'select a * 10 + b'");
        assertEquals("12", t.rowsOf("call np(b => 2, a => 1)"));
        assertEquals("E ERROR 42883 function nf(x => integer) does not exist @8 H No function matches the given "
                + "name and argument types. You might need to add explicit type casts.", t.rowsOf("select nf(x => 1)"));
        assertEquals("E ERROR 42601 positional argument cannot follow named argument @19",
                t.rowsOf("select nf(a => 1, 2)"));
    }

    @Test
    void securityDefinerRunsAsOwner() {
        t.run("create role sd_owner");
        t.run("create role sd_caller");
        t.run("create table sd_t(a int)");
        assertEquals(List.of("C ALTER TABLE", "Z I"), t.run("alter table sd_t owner to sd_owner"));
        t.run("create function sd_f() returns bigint language sql security definer as 'select count(*) from sd_t'");
        t.run("alter function sd_f() owner to sd_owner");
        t.run("create function sd_who() returns text language sql security definer as 'select current_user::text'");
        t.run("alter function sd_who owner to sd_owner");
        t.run("set role sd_caller");
        assertEquals("0", t.rowsOf("select sd_f()"));
        assertEquals("sd_owner|sd_caller", t.rowsOf("select sd_who(), current_user"));
        assertEquals("E ERROR 42501 permission denied for table sd_t @-", t.rowsOf("select count(*) from sd_t"));
        t.run("reset role");
        t.run("create procedure sd_p() language plpgsql security definer as $$ begin commit; end $$");
        String error = t.rowsOf("call sd_p()");
        assertEquals("E ERROR 2D000 invalid transaction termination", error.substring(0, error.indexOf(" @")));
    }

    @Test
    void ownerToChecksAndAcl() {
        t.run("create role ow_a");
        t.run("create role ow_b");
        t.run("create table ow_t(a int)");
        t.run("grant select on ow_t to ow_b");
        t.run("alter table ow_t owner to ow_a");
        assertEquals("ow_a|{ow_a=arwdDxt/ow_a,ow_b=r/ow_a}", t.rowsOf("select relowner::regrole, relacl from pg_class "
                + "where relname = 'ow_t'"));
        assertEquals("E ERROR 42704 role \"nope\" does not exist @-", t.rowsOf("alter table ow_t owner to nope"));
        assertEquals("E ERROR 42P01 relation \"nope\" does not exist @-", t.rowsOf("alter table nope owner to ow_a"));
        assertEquals(List.of("N NOTICE 00000 relation \"nope\" does not exist, skipping", "C ALTER TABLE", "Z I"),
                t.run("alter table if exists nope owner to ow_a"));
        assertEquals("E ERROR 42809 \"ow_t\" is not a view @-", t.rowsOf("alter view ow_t owner to ow_a"));
        t.run("set role ow_b");
        assertEquals("E ERROR 42501 must be owner of table ow_t @-", t.rowsOf("alter table ow_t owner to ow_b"));
        t.run("reset role");
        t.run("create schema ow_s");
        assertEquals(List.of("C ALTER SCHEMA", "Z I"), t.run("alter schema ow_s owner to ow_b"));
        assertEquals("ow_b", t.rowsOf("select nspowner::regrole from pg_namespace where nspname = 'ow_s'"));
        t.run("create sequence ow_q");
        assertEquals(List.of("C ALTER SEQUENCE", "Z I"), t.run("alter sequence ow_q owner to ow_b"));
        assertEquals("ow_b", t.rowsOf("select relowner::regrole from pg_class where relname = 'ow_q'"));
    }

    @Test
    void defaultPrivileges() {
        t.run("create role dp_a");
        t.run("create role dp_b");
        t.run("create schema dp_s");
        assertEquals(List.of("C ALTER DEFAULT PRIVILEGES", "Z I"),
                t.run("alter default privileges grant select on tables to dp_b"));
        t.run("alter default privileges in schema dp_s grant insert on tables to dp_a");
        t.run("alter default privileges for role dp_a revoke execute on functions from public");
        t.run("alter default privileges grant usage on sequences to dp_b with grant option");
        assertEquals("postgres|-|S|{postgres=rwU/postgres,dp_b=U*/postgres};"
                + "postgres|-|r|{postgres=arwdDxt/postgres,dp_b=r/postgres};postgres|dp_s|r|{dp_a=a/postgres};"
                + "dp_a|-|f|{dp_a=X/dp_a}", t.rowsOf("select defaclrole::regrole, defaclnamespace::regnamespace, "
                        + "defaclobjtype, defaclacl from pg_default_acl order by defaclrole::oid, defaclnamespace::oid, defaclobjtype"));
        t.run("create table dp_t1(a int)");
        t.run("create table dp_s.t2(a int)");
        t.run("create sequence dp_q");
        assertEquals("dp_q|{postgres=rwU/postgres,dp_b=U*/postgres};dp_t1|{postgres=arwdDxt/postgres,dp_b=r/postgres};"
                + "t2|{postgres=arwdDxt/postgres,dp_a=a/postgres,dp_b=r/postgres}",
                t.rowsOf("select relname, relacl from pg_class where relname in ('dp_t1', 't2', 'dp_q') order by 1"));
        t.run("alter default privileges revoke select on tables from dp_b");
        t.run("alter default privileges in schema dp_s revoke insert on tables from dp_a");
        assertEquals("2", t.rowsOf("select count(*) from pg_default_acl"));
        assertEquals("E ERROR 3F000 schema \"nope\" does not exist @-",
                t.rowsOf("alter default privileges in schema nope grant select on tables to dp_a"));
        assertEquals("E ERROR 0LP01 cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS @-",
                t.rowsOf("alter default privileges in schema dp_s grant usage on schemas to dp_a"));
        assertEquals("E ERROR 0LP01 invalid privilege type EXECUTE for relation @-",
                t.rowsOf("alter default privileges grant execute on tables to dp_a"));
        t.run("set role dp_b");
        assertEquals("E ERROR 42501 must be member of role \"dp_a\" @-",
                t.rowsOf("alter default privileges for role dp_a grant select on tables to dp_b"));
        t.run("reset role");
    }

    @Test
    void reassignAndDropOwned() {
        t.run("create role ro_a");
        t.run("create role ro_b");
        t.run("create table ro_t(a int)");
        t.run("alter table ro_t owner to ro_a");
        t.run("create function ro_f() returns int language sql as 'select 1'");
        t.run("alter function ro_f owner to ro_a");
        assertEquals(List.of("C REASSIGN OWNED", "Z I"), t.run("reassign owned by ro_a to ro_b"));
        assertEquals("ro_b|ro_b", t.rowsOf("select (select relowner::regrole::text from pg_class where relname = 'ro_t'), "
                + "(select proowner::regrole::text from pg_proc where proname = 'ro_f')"));
        assertEquals("E ERROR 42704 role \"nope\" does not exist @-", t.rowsOf("reassign owned by nope to ro_b"));
        t.run("create table ro_k(a int)");
        t.run("grant select on ro_k to ro_b");
        t.run("create view ro_v as select * from ro_t");
        t.run("alter view ro_v owner to ro_b");
        t.run("set role ro_a");
        assertEquals("E ERROR 42501 permission denied to drop objects @-", t.rowsOf("drop owned by ro_b"));
        t.run("reset role");
        assertEquals(List.of("C DROP OWNED", "Z I"), t.run("drop owned by ro_b"));
        assertEquals("ro_k|{postgres=arwdDxt/postgres}", t.rowsOf("select relname, relacl from pg_class "
                + "where relname like 'ro\\_%'"));
        assertEquals("0", t.rowsOf("select count(*) from pg_proc where proname = 'ro_f'"));
        assertEquals(List.of("C DROP ROLE", "Z I"), t.run("drop role ro_b"));
    }
}
