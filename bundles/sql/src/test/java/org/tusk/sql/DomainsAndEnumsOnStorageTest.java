package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/**
 * CREATE/ALTER/DROP DOMAIN (catalog rows, checks on write and on cast, defaults, dependencies) and CREATE TYPE ...
 * AS ENUM with ALTER TYPE on enums (the pg_type and pg_enum rows), on storage.
 */
class DomainsAndEnumsOnStorageTest {
    @TempDir
    static Path dir;
    private static SharedStorageService storage;
    private static TuskSqlEngine engine;

    @BeforeAll
    static void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        engine = new TuskSqlEngine(storage);
    }

    @AfterAll
    static void stop() {
        storage.stop();
    }

    private static String rows(String sql) {
        Transcript t = new Transcript(engine, "postgres");
        try {
            return t.rowsOf(sql);
        } finally {
            t.session.close();
        }
    }

    private static void ok(String sql) {
        String out = rows(sql);
        assertTrue(!out.startsWith("E "), sql + " -> " + out);
    }

    @Test
    void catalogRowsAsInPostgres() {
        ok("create domain cat_d as int default 5 not null check (value > 0)");
        // DefineDomain's order: the array type's OID, then the domain's, then its constraint's.
        assertEquals("d|N|23|-1|t|5|2597|int4out|2598|int4send|4|i|p|_cat_d|A|1",
                rows("select t.typtype, t.typcategory, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefault,"
                        + " t.typinput::oid, t.typoutput, t.typreceive::oid, t.typsend, t.typlen, t.typalign,"
                        + " t.typstorage, a.typname, a.typcategory, t.oid::int8 - a.oid::int8"
                        + " from pg_type t join pg_type a on a.oid = t.typarray where t.typname = 'cat_d'"));
        assertEquals("cat_d_check|c|0|t|CHECK ((VALUE > 0))", rows("select conname, contype, conrelid, convalidated,"
                + " pg_get_constraintdef(oid) from pg_constraint where contypid = 'cat_d'::regtype"));
        assertEquals("E ERROR 42710 type \"cat_d\" already exists @-", rows("create domain cat_d as text"));
    }

    @Test
    void columnsCheckWritesAndKeepTheBaseType() {
        ok("create domain pos as int check (value > 0)");
        ok("create domain nonnull as text not null default 'x'");
        ok("create table dom_t (a pos, b nonnull)");
        Transcript t = new Transcript(engine, "postgres");
        try {
            List<String> out = t.run("insert into dom_t(a) values (1) returning *");
            // Clients see the base type's OID (printtup sends getBaseType's).
            assertEquals("T a:23:4:-1,b:25:-1:-1", out.getFirst());
            assertEquals("D 1|x", out.get(1));
        } finally {
            t.session.close();
        }
        assertEquals("E ERROR 23514 value for domain pos violates check constraint \"pos_check\" @-",
                rows("insert into dom_t values (0, 'a')"));
        assertEquals("E ERROR 23502 domain nonnull does not allow null values @-",
                rows("insert into dom_t values (1, null)"));
        assertEquals("E ERROR 23514 value for domain pos violates check constraint \"pos_check\" @-",
                rows("update dom_t set a = -1"));
        assertEquals("3|4", rows("select 3::pos, cast('4' as pos)"));
        assertEquals("E ERROR 23514 value for domain pos violates check constraint \"pos_check\" @-",
                rows("select (-3)::pos"));
        assertEquals("a|atttypid=pos", rows("select attname, 'atttypid=' || format_type(atttypid, atttypmod)"
                + " from pg_attribute where attrelid = 'dom_t'::regclass and attnum = 1"));
    }

    @Test
    void alterDomainChecksStoredValues() {
        ok("create domain small as int");
        ok("create table alt_t (s small)");
        ok("insert into alt_t values (5), (null)");
        assertEquals("E ERROR 23514 column \"s\" of table \"alt_t\" contains values that violate the new constraint @-",
                rows("alter domain small add constraint lt3 check (value < 3)"));
        ok("alter domain small add constraint lt3 check (value < 3) not valid");
        assertEquals("f", rows("select convalidated from pg_constraint where conname = 'lt3'"));
        assertEquals("E ERROR 23514 value for domain small violates check constraint \"lt3\" @-",
                rows("insert into alt_t values (4)"));
        assertEquals("E ERROR 23502 column \"s\" of table \"alt_t\" contains null values @-",
                rows("alter domain small set not null"));
        ok("alter domain small drop constraint lt3");
        ok("alter domain small set default 2");
        ok("insert into alt_t default values");
        assertEquals("2", rows("select s from alt_t where s = 2"));
        ok("alter domain small rename to smaller");
        assertEquals("smaller|_smaller", rows("select t.typname, a.typname from pg_type t join pg_type a"
                + " on a.oid = t.typarray where t.typname = 'smaller'"));
    }

    @Test
    void dropDomainRefusesOrCascadesToColumns() {
        ok("create domain gone as int");
        ok("create table drop_t (k int, g gone)");
        assertEquals("E ERROR 2BP01 cannot drop type gone because other objects depend on it @-"
                + " H Use DROP ... CASCADE to drop the dependent objects too."
                + " D column g of table drop_t depends on type gone", rows("drop domain gone"));
        ok("drop domain gone cascade");
        assertEquals("k", rows("select string_agg(attname, ',') from pg_attribute where attrelid = 'drop_t'::regclass"
                + " and attnum > 0 and not attisdropped"));
        assertEquals("0", rows("select count(*) from pg_type where typname in ('gone', '_gone')"));
        assertEquals("E ERROR 42704 type \"gone\" does not exist @-", rows("drop domain gone"));
    }

    @Test
    void rollbackLeavesNothing() {
        Transcript t = new Transcript(engine, "postgres");
        try {
            t.run("begin");
            t.run("create domain rolled as int check (value > 1)");
            t.run("rollback");
        } finally {
            t.session.close();
        }
        assertEquals("0|0", rows("select (select count(*) from pg_type where typname like '%rolled'),"
                + " (select count(*) from pg_constraint where conname = 'rolled_check')"));
    }

    private static String labels(String type) {
        return rows("select string_agg(e.enumlabel || ':' || e.enumsortorder, ',' order by e.enumsortorder)"
                + " from pg_enum e join pg_type t on t.oid = e.enumtypid where t.typname = '" + type + "'");
    }

    @Test
    void createTypeAsEnumWritesPgTypeAndPgEnum() {
        ok("create type mood as enum ('sad', 'ok', 'happy')");
        assertEquals("e|E|4|t|i|p|3506|3507|_mood|A|1", rows("select t.typtype, t.typcategory, t.typlen, t.typbyval,"
                + " t.typalign, t.typstorage, t.typinput::oid, t.typoutput::oid, a.typname, a.typcategory,"
                + " t.oid::int8 - a.oid::int8 from pg_type t join pg_type a on a.oid = t.typarray"
                + " where t.typname = 'mood'"));
        assertEquals("sad:1,ok:2,happy:3", labels("mood"));
        // EnumValuesCreate takes even OIDs only.
        assertEquals("0", rows("select count(*) from pg_enum where oid::int8 % 2 = 1"
                + " and enumtypid = (select oid from pg_type where typname = 'mood')"));
        assertEquals("E ERROR 42710 type \"mood\" already exists @-", rows("create type mood as enum ('x')"));
        // A column of the enum (its values: EnumValuesTest) records the type in pg_attribute.
        ok("create table mood_t (m mood)");
        assertEquals("mood", rows("select atttypid::regtype from pg_attribute where attrelid = 'mood_t'::regclass"
                + " and attname = 'm'"));
        ok("drop table mood_t");
    }

    @Test
    void addValuePlacesLabelsBetweenNeighbours() {
        ok("create type grade as enum ('b', 'd')");
        ok("alter type grade add value 'e'");
        ok("alter type grade add value 'c' after 'b'");
        ok("alter type grade add value 'a' before 'b'");
        assertEquals("a:0,b:1,c:1.5,d:2,e:3", labels("grade"));
        assertEquals("E ERROR 42710 enum label \"c\" already exists @-", rows("alter type grade add value 'c'"));
        ok("alter type grade add value if not exists 'c'");
        assertEquals("E ERROR 22023 \"zz\" is not an existing enum label @-",
                rows("alter type grade add value 'y' before 'zz'"));
        ok("alter type grade rename value 'e' to 'f'");
        assertEquals("E ERROR 42710 enum label \"a\" already exists @-",
                rows("alter type grade rename value 'b' to 'a'"));
        assertEquals("a:0,b:1,c:1.5,d:2,f:3", labels("grade"));
    }

    @Test
    void renameSetSchemaDropAndRollback() {
        ok("create type color as enum ('red')");
        ok("alter type color rename to colour");
        ok("create schema paint");
        ok("alter type colour set schema paint");
        assertEquals("paint|colour;paint|_colour", rows("select n.nspname, t.typname from pg_type t join pg_namespace n"
                + " on n.oid = t.typnamespace where t.typname like '%colour' order by t.typname desc"));
        ok("drop type paint.colour");
        assertEquals("0|0", rows("select (select count(*) from pg_type where typname like '%colour'),"
                + " (select count(*) from pg_enum where enumlabel = 'red')"));
        Transcript t = new Transcript(engine, "postgres");
        try {
            t.run("begin");
            t.run("create type rolled as enum ('a', 'b')");
            t.run("rollback");
        } finally {
            t.session.close();
        }
        assertEquals("0", rows("select count(*) from pg_type where typname like '%rolled'"));
    }
}
