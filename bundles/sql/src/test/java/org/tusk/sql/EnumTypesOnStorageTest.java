package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/** CREATE TYPE ... AS ENUM and ALTER TYPE on enums: the pg_type and pg_enum rows, on storage. */
class EnumTypesOnStorageTest {
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
        assertEquals("E ERROR 0A000 columns of enum types are not supported yet @24",
                rows("create table mood_t (m mood)"));
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
