package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalogs' int2vector and oidvector columns (pg_index.indkey, pg_proc.proargtypes) on the real
 * storage engine: their text form, their 0-based subscripts as psql's queries use them, and ANY over
 * them. Expected values are what PostgreSQL 15 returns for the same statements.
 */
class VectorSubscriptsOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster(Map.of("max_connections", "20"));

    private static String rows(Transcript t, String sql) {
        List<String> lines = t.run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    @Test
    void indkeyAndProargtypes() throws Exception {
        Transcript t = cluster.transcript();
        try {
            t.run("create table vt(a int, b text, primary key (b, a))");
            assertEquals("2 1|2|1|\\N|0|{2}", rows(t, "select indkey, indkey[0], indkey[1], indkey[2], "
                    + "array_lower(indkey, 1), indkey[0:0] from pg_index where indrelid = 'vt'::regclass"));
            assertEquals("T indkey:22:-1:-1", t.run("select indkey from pg_index limit 1").getFirst());
            assertEquals("23 23|23|[0:1]", rows(t, "select proargtypes, proargtypes[1], array_dims(proargtypes) "
                    + "from pg_proc where proname = 'int4pl'"));
            assertEquals("a;b", rows(t, "select attname from pg_attribute a, pg_index i "
                    + "where i.indrelid = 'vt'::regclass and a.attrelid = i.indrelid and a.attnum = any(i.indkey) "
                    + "order by 1"));
        } finally {
            t.session.close();
        }
    }

    /** Arrays round-trip through a table, with their dimensions and lower bounds. */
    @Test
    void arrayColumns() throws Exception {
        Transcript t = cluster.transcript();
        try {
            t.run("create table ac(a int[])");
            t.run("insert into ac values ('{3,1,2}'), (array[5])");
            assertEquals("{3,1,2}|1|{1,2};{5}|\\N|{}", rows(t, "select a, a[2], a[2:3] from ac order by a[1]"));
            // Several dimensions and other lower bounds are kept as they were written.
            t.run("create table am(a int[])");
            t.run("insert into am values ('{{1,2},{3,4}}'), ('[0:1]={7,8}')");
            assertEquals("{{1,2},{3,4}}|[1:2][1:2]|2;[0:1]={7,8}|[0:1]|7", rows(t,
                    "select a, array_dims(a), coalesce(a[1][2], a[0]) from am order by a"));
            // Element assignment (PostgreSQL 15 gives the same arrays; a grown one is filled with NULLs).
            t.run("update ac set a[5] = 9 where a[1] = 3");
            t.run("update ac set a[1] = a[1] + 1 where a[1] = 5");
            assertEquals("{3,1,2,NULL,9};{6}", rows(t, "select a from ac order by a[1]"));
            assertEquals("E ERROR 22004 array subscript in assignment must not be null @-",
                    rows(t, "update ac set a[null] = 0"));
            assertEquals("E ERROR 0A000 assigning to array slices is not supported yet @16",
                    rows(t, "update ac set a[1:2] = '{1,2}'"));
            t.run("create table an(a int[])");
            t.run("insert into an values (null)");
            t.run("update an set a[1] = 4");
            assertEquals("{4}", rows(t, "select a from an"));
        } finally {
            t.session.close();
        }
    }
}
