package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/** ALTER TYPE's attribute actions on a composite type, on storage; messages as PostgreSQL 15's (regress/alter_type). */
class AlterTypeTest {
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

    private static List<String> run(String sql) {
        Transcript t = new Transcript(engine, "postgres");
        try {
            return t.run(sql);
        } finally {
            t.session.close();
        }
    }

    private static String rows(String sql) {
        List<String> lines = run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    private static void ok(String sql) {
        List<String> out = run(sql);
        assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), sql + " -> " + out);
    }

    @Test
    void attributesAreAddedDroppedChangedAndRenamed() {
        ok("create type at_pair as (a int, b text)");
        ok("create function at_mk() returns at_pair language sql as 'select 7::bigint, ''x''::text'");
        ok("alter type at_pair add attribute c numeric");
        ok("alter type at_pair rename attribute b to bb");
        ok("alter type at_pair alter attribute a type bigint");
        ok("alter type at_pair drop attribute c");
        assertEquals("a|bigint|1;bb|text|2", rows("select attname, format_type(atttypid, atttypmod), attnum "
                + "from pg_attribute where attrelid = 'at_pair'::regclass and attnum > 0 and not attisdropped "
                + "order by attnum"));
        // the dropped attribute keeps its attnum; a new one comes after it
        ok("alter type at_pair add attribute d int");
        assertEquals("4", rows("select attnum from pg_attribute where attrelid = 'at_pair'::regclass "
                + "and attname = 'd'"));
        ok("alter type at_pair drop attribute d");
        assertEquals("y", rows("select (row(5, 'y')::at_pair).bb"));
        // functions returning the type see its new shape
        assertEquals("7|x", rows("select * from at_mk()"));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"at_pair\" does not exist @-",
                rows("alter type at_pair drop attribute zz"));
        assertEquals("E ERROR 42701 column \"a\" of relation \"at_pair\" already exists @-",
                rows("alter type at_pair add attribute a int"));
        assertEquals("E ERROR 42703 column \"zz\" does not exist @-", rows("alter type at_pair rename attribute zz to y"));
        assertEquals("E ERROR 42P01 relation \"nosuch\" does not exist @-", rows("alter type nosuch add attribute y int"));
        ok("create table at_t (x int)");
        assertEquals("E ERROR 42809 \"at_t\" is not a composite type @-", rows("alter type at_t add attribute y int"));
    }
}
