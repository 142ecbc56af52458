package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What pg_dump asks of the catalogs and functions, answered as PostgreSQL 15 answers (the expected values
 * were taken from a PostgreSQL 15 server): acldefault, the tableoid system column, name[i],
 * pg_options_to_table, pg_get_function_identity_arguments, pg_init_privs, check_function_bodies, and the
 * sequence statements a dump writes (CREATE SEQUENCE ... AS ... OWNED BY, ALTER SEQUENCE ... OWNED BY).
 */
class DumpSupportTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();
    private final Transcript t = cluster.session();

    @Test
    void aclDefaultsArePostgres() {
        assertEquals("{postgres=arwdDxt/postgres}|{=X/postgres,postgres=X/postgres}|"
                + "{=Tc/postgres,postgres=CTc/postgres}|{}|{postgres=UC/postgres}|{postgres=rwU/postgres}",
                t.rowsOf("select acldefault('r', 10), acldefault('f', 10), acldefault('d', 10), acldefault('c', 10),"
                        + " acldefault('n', 10), acldefault('s', 10)"));
        assertEquals("{postgres=arwdDxt/postgres}", t.rowsOf("select acldefault(case when c.relkind = 'S' then 's'::\"char\""
                + " else 'r'::\"char\" end, c.relowner) from pg_class c where c.relname = 'pg_class'"));
    }

    @Test
    void tableoidAndNameSubscripts() {
        t.run("create table dump_t (a int)");
        t.run("insert into dump_t values (1), (2)");
        assertEquals("t|2", t.rowsOf("select bool_and(tableoid = 'dump_t'::regclass), count(*) from dump_t"));
        assertEquals("t", t.rowsOf("select x.tableoid = 'pg_class'::regclass from pg_class x where x.relname = 'pg_type'"));
        assertEquals("_|i", t.rowsOf("select typname[0], typname[1] from pg_type where oid = 1007"));
        t.run("drop table dump_t");
    }

    @Test
    void optionsAndIdentityArguments() {
        assertEquals("a|1;b|x=y", t.rowsOf("select * from pg_options_to_table('{a=1,b=x=y}')"));
        t.run("create function dump_f(a int, b int default 2) returns int language sql as 'select a + b'");
        assertEquals("a integer, b integer|a integer, b integer DEFAULT 2", t.rowsOf("select"
                + " pg_get_function_identity_arguments(oid), pg_get_function_arguments(oid) from pg_proc"
                + " where proname = 'dump_f'"));
        t.run("drop function dump_f");
    }

    @Test
    void initialPrivilegesOfTheBootstrapObjects() {
        assertEquals("{postgres=UC/postgres,=U/postgres}",
                t.rowsOf("select initprivs from pg_init_privs where objoid = 'pg_catalog'::regnamespace"));
        assertEquals("t", t.rowsOf("select count(*) > 50 from pg_init_privs where classoid = 'pg_class'::regclass"));
        // A system object's ACL equal to its initial one: pg_dump writes no GRANT for it.
        assertEquals("0", t.rowsOf("select count(*) from pg_class c join pg_init_privs p on p.objoid = c.oid"
                + " and p.classoid = 'pg_class'::regclass and p.objsubid = 0 where c.relacl is distinct from"
                + " p.initprivs"));
    }

    @Test
    void functionBodiesAreCheckedUnlessTurnedOff() {
        assertTrue(t.rowsOf("create function dump_g() returns int language sql as 'select x from nosuch'")
                .startsWith("E ERROR 42P01"));
        t.run("set check_function_bodies = off");
        assertEquals("", t.rowsOf("create function dump_g() returns int language sql as 'select x from nosuch'"));
        t.run("drop function dump_g");
    }

    @Test
    void sequencesAsTypeAndOwnedBy() {
        t.run("create table dump_o (a int, note text)");
        t.run("create sequence dump_s as integer owned by dump_o.note");
        assertEquals("integer|2147483647", t.rowsOf("select format_type(seqtypid, null), seqmax from pg_sequence"
                + " where seqrelid = 'dump_s'::regclass"));
        assertEquals("dump_o|2|a", t.rowsOf("select refobjid::regclass, refobjsubid, deptype from pg_depend"
                + " where objid = 'dump_s'::regclass and refclassid = 'pg_class'::regclass"));
        t.run("alter sequence dump_s owned by none");
        assertEquals("0", t.rowsOf("select count(*) from pg_depend where objid = 'dump_s'::regclass"
                + " and refclassid = 'pg_class'::regclass"));
        assertEquals("E ERROR 22023 sequence type must be smallint, integer, or bigint @-",
                t.rowsOf("create sequence dump_bad as text"));
        t.run("drop table dump_o");
        t.run("drop sequence dump_s");
    }

    @Test
    void dropConstraintAsPgDumpCleanWritesIt() {
        t.run("create table dc_a (id int primary key, u int unique, v int check (v > 0))");
        t.run("create table dc_b (id int, aid int references dc_a, au int references dc_a (u))");
        t.run("comment on constraint dc_a_v_check on dc_a is 'c'");
        assertEquals("E ERROR 2BP01 cannot drop constraint dc_a_pkey on table dc_a because other objects depend on it"
                + " @- H Use DROP ... CASCADE to drop the dependent objects too."
                + " D constraint dc_b_aid_fkey on table dc_b depends on index dc_a_pkey",
                t.rowsOf("alter table dc_a drop constraint dc_a_pkey"));
        assertEquals(java.util.List.of("N NOTICE 00000 drop cascades to constraint dc_b_aid_fkey on table dc_b",
                "C ALTER TABLE", "Z I"), t.run("alter table dc_a drop constraint dc_a_pkey cascade"));
        assertEquals(java.util.List.of("N NOTICE 00000 constraint \"nope\" of relation \"dc_a\" does not exist, skipping",
                "C ALTER TABLE", "Z I"), t.run("alter table if exists only dc_a drop constraint if exists nope"));
        assertEquals("E ERROR 42704 constraint \"nope\" of relation \"dc_a\" does not exist @-",
                t.rowsOf("alter table dc_a drop constraint nope"));
        t.run("alter table only dc_b drop constraint dc_b_au_fkey");
        t.run("alter table dc_a drop constraint dc_a_u_key, drop constraint dc_a_v_check restrict");
        assertEquals("0|0|0|t", t.rowsOf("select (select count(*) from pg_constraint where conrelid in ('dc_a'::regclass,"
                + " 'dc_b'::regclass)), (select count(*) from pg_class where relname like 'dc_a_%'),"
                + " (select relchecks from pg_class where relname = 'dc_a'), (select count(*) = 0 from pg_description"
                + " where classoid = 'pg_constraint'::regclass)"));
        // The key is gone: duplicates, a missing referenced row and a negative v are all accepted now.
        assertEquals("", t.rowsOf("insert into dc_a values (1, 1, -1), (1, 1, -1)"));
        assertEquals("", t.rowsOf("insert into dc_b values (1, 99, 99)"));
        // NOT NULL stays on the former primary key's column, as in PostgreSQL 15.
        assertEquals("t", t.rowsOf("select attnotnull from pg_attribute where attrelid = 'dc_a'::regclass and attname = 'id'"));
        t.run("drop table dc_b, dc_a");
    }

    @Test
    void commentOnExtension() {
        t.run("comment on extension plpgsql is 'pl'");
        assertEquals("pl", t.rowsOf("select obj_description(oid, 'pg_extension') from pg_extension where extname = 'plpgsql'"));
        t.run("comment on extension plpgsql is 'PL/pgSQL procedural language'");
        assertEquals("E ERROR 42704 extension \"nope\" does not exist @-", t.rowsOf("comment on extension nope is 'x'"));
        t.run("create role dump_ext_user");
        t.run("set role dump_ext_user");
        assertEquals("E ERROR 42501 must be owner of extension plpgsql @-", t.rowsOf("comment on extension plpgsql is 'x'"));
        t.run("reset role");
        t.run("drop role dump_ext_user");
    }

    @Test
    void identityColumnsAreKeptAsPostgresKeepsThem() {
        t.run("create table idt (id int generated always as identity, k bigint generated by default as identity"
                + " (start with 5 increment by 2), v text)");
        assertEquals("id:a:false,k:d:false,v::false", t.rowsOf("select string_agg(attname || ':' || attidentity::text"
                + " || ':' || atthasdef, ',' order by attnum) from pg_attribute where attrelid = 'idt'::regclass"
                + " and attnum > 0"));
        assertEquals("idt_id_seq:1:i,idt_k_seq:2:i", t.rowsOf("select string_agg(objid::regclass || ':' || refobjsubid"
                + " || ':' || deptype::text, ',' order by objid) from pg_depend where refobjid = 'idt'::regclass"
                + " and classid = 'pg_class'::regclass and objid in (select oid from pg_class where relkind = 'S')"));
        assertEquals("bigint|5|2", t.rowsOf("select format_type(seqtypid, null), seqstart, seqincrement from pg_sequence"
                + " where seqrelid = 'idt_k_seq'::regclass"));
        assertEquals("1|5", t.rowsOf("insert into idt (v) values ('a') returning id, k"));
        assertEquals("E ERROR 428C9 cannot insert a non-DEFAULT value into column \"id\" @- H Use OVERRIDING SYSTEM"
                + " VALUE to override. D Column \"id\" is an identity column defined as GENERATED ALWAYS.",
                t.rowsOf("insert into idt (id, v) values (9, 'b')"));
        assertEquals("9|1", t.rowsOf("insert into idt overriding system value values (9, 1, 'b') returning id, k"));
        assertEquals("2|7", t.rowsOf("insert into idt overriding user value values (9, 1, 'c') returning id, k"));
        assertEquals("E ERROR 428C9 cannot insert a non-DEFAULT value into column \"id\" @- H Use OVERRIDING SYSTEM"
                + " VALUE to override. D Column \"id\" is an identity column defined as GENERATED ALWAYS.",
                t.rowsOf("insert into idt (id, v) select 9, 'b'"));
        assertEquals("public.idt_id_seq", t.rowsOf("select pg_get_serial_sequence('idt', 'id')"));
        // What pg_dump writes: the column NOT NULL in CREATE TABLE, then the identity with its sequence's name.
        t.run("create table idt2 (a int not null, b int, c int not null default 1)");
        t.run("alter table idt2 alter column a add generated by default as identity (sequence name idt2_custom"
                + " start with 3 increment by 1 no minvalue no maxvalue cache 1)");
        assertEquals("3", t.rowsOf("insert into idt2 (b) values (0) returning a"));
        assertEquals("public.idt2_custom", t.rowsOf("select pg_get_serial_sequence('idt2', 'a')"));
        assertEquals("E ERROR 55000 column \"b\" of relation \"idt2\" must be declared NOT NULL before identity can"
                + " be added @-", t.rowsOf("alter table idt2 alter column b add generated always as identity"));
        assertEquals("E ERROR 55000 column \"c\" of relation \"idt2\" already has a default value @-",
                t.rowsOf("alter table idt2 alter column c add generated always as identity"));
        assertEquals("E ERROR 55000 column \"a\" of relation \"idt2\" is already an identity column @-",
                t.rowsOf("alter table idt2 alter column a add generated always as identity"));
        t.run("drop table idt, idt2");
        assertEquals("0", t.rowsOf("select count(*) from pg_class where relname like 'idt%'"));
    }

    @Test
    void checkConditionsShowNumericConversionsAsPostgres() {
        t.run("create table dump_ck (i int, n numeric, f float8, b bigint, s smallint, d date, check (n > 0),"
                + " check (i > 1.5), check (f > 1), check (b > 1), check (s > 1), check (n < i), check (f < i),"
                + " check (d > '2020-01-01'), check (n + 1 > 2), check (round(i, 1) > 0))");
        assertEquals("CHECK ((b > 1));CHECK ((n < (i)::numeric));CHECK ((f < (i)::double precision));"
                + "CHECK ((d > '2020-01-01'::date));CHECK ((f > (1)::double precision));"
                + "CHECK (((i)::numeric > 1.5));CHECK ((round((i)::numeric, 1) > (0)::numeric));"
                + "CHECK ((n > (0)::numeric));CHECK (((n + (1)::numeric) > (2)::numeric));CHECK ((s > 1))",
                t.rowsOf("select string_agg(pg_get_constraintdef(oid), ';' order by conname) from pg_constraint"
                        + " where conrelid = 'dump_ck'::regclass"));
        t.run("alter table dump_ck add constraint big check (n < 1e12 and n > 0.5 and n <> -1.5)");
        assertEquals("CHECK (((n < '1000000000000'::numeric) AND (n > 0.5) AND (n <> '-1.5'::numeric)))",
                t.rowsOf("select pg_get_constraintdef(oid) from pg_constraint where conname = 'big'"));
        t.run("drop table dump_ck");
    }
}
