package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values wider than a page through SQL on real storage (TOAST): stored and read back by md5 and
 * length, kept by an UPDATE of another column, copied by INSERT ... SELECT and COPY, gone with DELETE,
 * and the 1 GB limit of a value an ERROR rather than an exhausted heap.
 */
class ToastOnStorageTest {
    @RegisterExtension
    static final TestCluster cluster = new TestCluster();


    private static List<String> rows(String sql) {
        return Transcript.dataRows(cluster.engine(), sql);
    }

    private static String error(String sql) {
        Transcript t = cluster.transcript();
        try {
            return t.run(sql).stream().filter(l -> l.startsWith("E ")).findFirst().orElse("no error");
        } finally {
            t.session.close();
        }
    }

    @Test
    void wideValuesAreStoredUpdatedCopiedAndDeleted() {
        rows("create table docs (id int primary key, t text, b bytea, n int)");
        rows("insert into docs select 1, string_agg(md5(i::text), ''), decode(string_agg(md5(i::text), ''), 'hex'), 0"
                + " from generate_series(1, 20000) i");
        rows("insert into docs values (2, repeat('tusk', 100000), null, 0)");
        // The same values computed again, not read from the table, are the reference.
        List<String> expected = rows("select md5(string_agg(md5(i::text), '')), md5(decode(string_agg(md5(i::text), ''),"
                + " 'hex')), md5(repeat('tusk', 100000)) from generate_series(1, 20000) i");
        String[] e = expected.get(0).split("\\|");
        assertEquals(List.of("1|640000|320000|" + e[0] + "|" + e[1], "2|400000|\\N|" + e[2] + "|\\N"),
                rows("select id, length(t), length(b), md5(t), md5(b) from docs order by id"));
        rows("update docs set n = n + 1");
        assertEquals(List.of("1|1|" + e[0] + "|" + e[1], "2|1|" + e[2] + "|\\N"),
                rows("select id, n, md5(t), md5(b) from docs order by id"));
        rows("create table copy (id int, t text, b bytea)");
        rows("insert into copy select id, t, b from docs");
        rows("update docs set t = t || 'x' where id = 1");
        assertEquals(List.of("1|" + e[0] + "|" + e[1], "2|" + e[2] + "|\\N"),
                rows("select id, md5(t), md5(b) from copy order by id"));
        assertEquals(List.of("640001"), rows("select length(t) from docs where id = 1"));
        // The table's size counts its TOAST relation: the 320 kB of incompressible bytea are there.
        String[] sizes = rows("select pg_relation_size('docs'), pg_table_size('docs'), pg_total_relation_size('docs'),"
                + " pg_indexes_size('docs')").get(0).split("\\|");
        long main = Long.parseLong(sizes[0]);
        long table = Long.parseLong(sizes[1]);
        assertEquals(8192, main, "both rows fit on one page");
        assertTrue(table > main + 320_000, "pg_table_size " + table);
        assertEquals(table + Long.parseLong(sizes[3]), Long.parseLong(sizes[2]));
        rows("delete from docs where id = 1");
        rows("vacuum docs");
        assertEquals(List.of("2|400000"), rows("select id, length(t) from docs"));
        rows("drop table docs, copy");
    }

    @Test
    void createDatabaseCopiesTheToastRelation() {
        Transcript t = new Transcript(cluster.engine(), "template1");
        try {
            List<String> out = t.run("create table wide_in_template (id int, b bytea);"
                    + " insert into wide_in_template select 1, decode(string_agg(md5(i::text), ''), 'hex')"
                    + " from generate_series(1, 10000) i");
            assertFalse(out.stream().anyMatch(l -> l.startsWith("E ")), out.toString());
        } finally {
            t.session.close();
        }
        rows("create database toast_copy");
        Transcript copy = new Transcript(cluster.engine(), "toast_copy");
        try {
            List<String> out = copy.run("select length(b), md5(b) = (select md5(decode(string_agg(md5(i::text), ''),"
                    + " 'hex')) from generate_series(1, 10000) i) from wide_in_template");
            assertEquals(List.of("D 160000|t"), out.stream().filter(l -> l.startsWith("D") || l.startsWith("E"))
                    .toList());
        } finally {
            copy.session.close();
        }
        Transcript cleanup = new Transcript(cluster.engine(), "template1");
        try {
            cleanup.run("drop table wide_in_template");
        } finally {
            cleanup.session.close();
        }
    }

    @Test
    void aValueOverOneGigabyteIsAnError() {
        assertEquals("E ERROR 54000 requested length too large @-", error("select repeat('x', 1100000000)"));
        // UTF-8 bytes count: 400 million 3-byte characters are 1.2 GB.
        assertEquals("E ERROR 54000 requested length too large @-", error("select repeat('€', 400000000)"));
        assertFalse(error("select length(repeat('é', 1000))").startsWith("E "));
    }
}
