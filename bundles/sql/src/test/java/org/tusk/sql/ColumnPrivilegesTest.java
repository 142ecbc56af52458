package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GRANT/REVOKE on columns, pg_attribute.attacl and the column checks of SELECT, INSERT, UPDATE, DELETE and COPY
 * (answers recorded from PostgreSQL 15). Each test has a table and a role of its own.
 */
class ColumnPrivilegesTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();

    /** A session of the superuser with table NAME (a, b, c) holding (1, 2, 3) and role NAME_u granted columns. */
    private static Transcript setUp(String name) {
        Transcript t = cluster.transcript();
        t.run("create role " + name + "_u; create table " + name + " (a int, b int, c int); insert into " + name
                + " values (1, 2, 3)");
        t.run("grant select (a, b), update (c), insert (a) on " + name + " to " + name + "_u");
        t.run("grant references (a) on " + name + " to public");
        return t;
    }

    private static String denied(String table) {
        return "E ERROR 42501 permission denied for table " + table + " @-";
    }

    private static String acls(Transcript t, String table) {
        return t.rowsOf("select attname, attacl from pg_attribute where attrelid = '" + table
                + "'::regclass and attnum > 0 order by attnum");
    }

    @Test
    void grantsAreKeptInAttaclAndTheTableAclStaysNull() {
        Transcript t = setUp("cp1");
        assertEquals("a|{cp1_u=ar/postgres,=x/postgres};b|{cp1_u=r/postgres};c|{cp1_u=w/postgres}", acls(t, "cp1"));
        assertEquals("\\N", t.rowsOf("select relacl from pg_class where oid = 'cp1'::regclass"));
    }

    @Test
    void queriesNeedPrivilegesOnlyOnTheColumnsTheyName() {
        Transcript t = setUp("cp2");
        t.run("set role cp2_u");
        assertEquals("1|2", t.rowsOf("select a, b from cp2"));
        assertEquals(denied("cp2"), t.rowsOf("select a from cp2 where c = 1"));
        assertEquals(denied("cp2"), t.rowsOf("select * from cp2"));
        assertEquals(denied("cp2"), t.rowsOf("select cp2 from cp2"));
        assertEquals("1", t.rowsOf("select count(*) from cp2"));
        assertEquals("1", t.rowsOf("select 1 from cp2"));
        assertEquals(denied("cp2"), t.rowsOf("copy cp2 to stdout"));
    }

    @Test
    void insertUpdateAndDeleteCheckTheirColumns() {
        Transcript t = setUp("cp3");
        t.run("set role cp3_u");
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("update cp3 set c = 5"));
        assertEquals(List.of("C UPDATE 1", "Z I"), t.run("update cp3 set c = 5 where a = 1"));
        assertEquals(denied("cp3"), t.rowsOf("update cp3 set c = 5 where c = 1"));
        assertEquals(denied("cp3"), t.rowsOf("update cp3 set a = 5"));
        assertEquals("1", t.rowsOf("update cp3 set c = a returning a"));
        assertEquals(denied("cp3"), t.rowsOf("update cp3 set c = a returning c"));
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("insert into cp3 (a) values (7)"));
        assertEquals(denied("cp3"), t.rowsOf("insert into cp3 (a, b) values (7, 8)"));
        assertEquals(List.of("C INSERT 0 1", "Z I"), t.run("insert into cp3 values (7)"));
        assertEquals("7", t.rowsOf("insert into cp3 (a) values (7) returning a"));
        assertEquals(denied("cp3"), t.rowsOf("insert into cp3 (a) values (7) returning c"));
        assertEquals(denied("cp3"), t.rowsOf("delete from cp3"));
    }

    @Test
    void inquiryFunctionsSeeColumnGrants() {
        Transcript t = setUp("cp4");
        t.run("set role cp4_u");
        assertEquals("t|f|t|t|f", t.rowsOf("select has_column_privilege('cp4', 'a', 'select'),"
                + " has_column_privilege('cp4', 'c', 'select'), has_column_privilege('cp4', 'c', 'update'),"
                + " has_any_column_privilege('cp4', 'select'), has_any_column_privilege('cp4', 'insert, update')"
                + " and false"));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"cp4\" does not exist @-",
                t.rowsOf("select has_column_privilege('cp4', 'zz', 'select')"));
        assertEquals("\\N", t.rowsOf("select has_column_privilege('cp4', 5::int2, 'select')"));
    }

    @Test
    void revokingTheTablePrivilegeRevokesItOnTheColumns() {
        Transcript t = setUp("cp5");
        t.run("revoke all on cp5 from cp5_u");
        assertEquals("a|{=x/postgres};b|\\N;c|\\N", acls(t, "cp5"));
        t.run("grant select (a), select on cp5 to cp5_u");
        t.run("revoke select on cp5 from cp5_u");
        assertEquals("a|{=x/postgres};b|\\N;c|\\N", acls(t, "cp5"));
        assertEquals("E ERROR 0LP01 invalid privilege type DELETE for column @-",
                t.rowsOf("grant delete (a) on cp5 to cp5_u"));
        assertEquals("E ERROR 42703 column \"zz\" of relation \"cp5\" does not exist @-",
                t.rowsOf("grant select (zz) on cp5 to cp5_u"));
        t.run("grant all (a) on cp5 to cp5_u");
        assertEquals("{=x/postgres,cp5_u=arwx/postgres}", t.rowsOf("select attacl from pg_attribute"
                + " where attrelid = 'cp5'::regclass and attnum = 1"));
        assertEquals("E ERROR 0LP01 column privileges are only valid for relations @-",
                t.rowsOf("grant usage (a) on schema public to cp5_u"));
        assertEquals("E ERROR 0LP01 default privileges cannot be set for columns @-",
                t.rowsOf("alter default privileges grant select (a) on tables to cp5_u"));
    }
}
