package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.sql.engine.TuskSqlEngine;
import org.tusk.storage.cluster.SharedStorageService;

/** GRANT/REVOKE on columns, pg_attribute.attacl and the column checks of SELECT, INSERT, UPDATE, DELETE. */
class ColumnPrivilegesTest {
    private static final String DENIED = "E ERROR 42501 permission denied for table t @-";
    @TempDir
    Path dir;
    private SharedStorageService storage;
    private Transcript a;

    @BeforeEach
    void start() {
        storage = new SharedStorageService();
        storage.start(dir, Map.of("shared_buffers", "16MB", "max_connections", "10"));
        a = new Transcript(new TuskSqlEngine(storage), "postgres");
        a.run("create role alice; create table t (a int, b int, c int); insert into t values (1, 2, 3)");
        a.run("grant select (a, b), update (c), insert (a) on t to alice");
        a.run("grant references (a) on t to public");
    }

    @AfterEach
    void stop() {
        storage.stop();
    }

    private static String rows(List<String> lines) {
        return String.join(";", lines.stream().filter(l -> l.startsWith("D ") || l.startsWith("E ")).toList());
    }

    @Test
    void grantsAreKeptInAttaclAndTheTableAclStaysNull() {
        assertEquals("D a|{alice=ar/postgres,=x/postgres};D b|{alice=r/postgres};D c|{alice=w/postgres}",
                rows(a.run("select attname, attacl from pg_attribute where attrelid = 't'::regclass and attnum > 0"
                        + " order by attnum")));
        assertEquals("D \\N", rows(a.run("select relacl from pg_class where oid = 't'::regclass")));
    }

    @Test
    void queriesNeedPrivilegesOnlyOnTheColumnsTheyName() {
        a.run("set role alice");
        assertEquals("D 1|2", rows(a.run("select a, b from t")));
        assertEquals(DENIED, rows(a.run("select a from t where c = 1")));
        assertEquals(DENIED, rows(a.run("select * from t")));
        assertEquals(DENIED, rows(a.run("select t from t")));
        assertEquals("D 1", rows(a.run("select count(*) from t")));
        assertEquals("D 1", rows(a.run("select 1 from t")));
    }

    @Test
    void insertUpdateAndDeleteCheckTheirColumns() {
        a.run("set role alice");
        assertEquals(List.of("C UPDATE 1", "Z I"), a.run("update t set c = 5"));
        assertEquals(List.of("C UPDATE 1", "Z I"), a.run("update t set c = 5 where a = 1"));
        assertEquals(DENIED, rows(a.run("update t set c = 5 where c = 1")));
        assertEquals(DENIED, rows(a.run("update t set a = 5")));
        assertEquals("D 1", rows(a.run("update t set c = a returning a")));
        assertEquals(DENIED, rows(a.run("update t set c = a returning c")));
        assertEquals(List.of("C INSERT 0 1", "Z I"), a.run("insert into t (a) values (7)"));
        assertEquals(DENIED, rows(a.run("insert into t (a, b) values (7, 8)")));
        assertEquals(List.of("C INSERT 0 1", "Z I"), a.run("insert into t values (7)"));
        assertEquals("D 7", rows(a.run("insert into t (a) values (7) returning a")));
        assertEquals(DENIED, rows(a.run("insert into t (a) values (7) returning c")));
        assertEquals(DENIED, rows(a.run("delete from t")));
    }

    @Test
    void inquiryFunctionsSeeColumnGrants() {
        a.run("set role alice");
        assertEquals("D t|f|t|t|f", rows(a.run("select has_column_privilege('t', 'a', 'select'),"
                + " has_column_privilege('t', 'c', 'select'), has_column_privilege('t', 'c', 'update'),"
                + " has_any_column_privilege('t', 'select'), has_any_column_privilege('t', 'insert, update') and false")));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"t\" does not exist @-",
                rows(a.run("select has_column_privilege('t', 'zz', 'select')")));
        assertEquals("D \\N", rows(a.run("select has_column_privilege('t', 5::int2, 'select')")));
    }

    @Test
    void revokingTheTablePrivilegeRevokesItOnTheColumns() {
        a.run("revoke all on t from alice");
        assertEquals("D a|{=x/postgres};D b|\\N;D c|\\N", rows(a.run("select attname, attacl from pg_attribute"
                + " where attrelid = 't'::regclass and attnum > 0 order by attnum")));
        a.run("grant select (a), select on t to alice");
        a.run("revoke select on t from alice");
        assertEquals("D a|{=x/postgres}", rows(a.run("select attname, attacl from pg_attribute"
                + " where attrelid = 't'::regclass and attnum = 1")));
        assertEquals("E ERROR 0LP01 invalid privilege type DELETE for column @-",
                rows(a.run("grant delete (a) on t to alice")));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"t\" does not exist @-",
                rows(a.run("grant select (zz) on t to alice")));
        a.run("grant all (a) on t to alice");
        assertEquals("D {=x/postgres,alice=arwx/postgres}", rows(a.run("select attacl from pg_attribute"
                + " where attrelid = 't'::regclass and attnum = 1")));
        assertEquals("E ERROR 0LP01 column privileges are only valid for relations @-",
                rows(a.run("grant usage (a) on schema public to alice")));
    }
}
