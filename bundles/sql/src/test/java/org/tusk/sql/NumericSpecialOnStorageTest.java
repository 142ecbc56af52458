package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * numeric NaN and infinities in tables: stored and read back, found through a btree index, grouped
 * and joined by hash, described by ANALYZE, copied out and in (text and binary). The expected answers
 * are PostgreSQL 15's for the same statements.
 */
class NumericSpecialOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private Transcript t;

    @BeforeEach
    void start() {
        t = new Transcript(cluster.engine(), "postgres");
        t.run("create table nt (id int, x numeric)");
        t.run("insert into nt select i, case i % 5 when 0 then 'NaN'::numeric when 1 then 'Infinity' "
                + "when 2 then '-Infinity' else i end from generate_series(1, 20) i");
    }

    private List<String> data(String sql) {
        return t.dataLines(sql);
    }

    @Test
    void indexHashAndStatistics() {
        t.run("create index nt_x on nt (x)");
        t.run("analyze nt");
        assertEquals(List.of("D {-Infinity,Infinity,NaN}|{3,4,8,9,13,14,18,19}"),
                data("select most_common_vals, histogram_bounds from pg_stats where tablename = 'nt' "
                        + "and attname = 'x'"));
        t.run("set enable_seqscan = off");
        assertEquals(List.of("D 5", "D 10", "D 15", "D 20"), data("select id from nt where x = 'NaN' order by id"));
        assertEquals(List.of("D 8"), data("select count(*) from nt where x > 1e10"));
        // Estimated through the histogram and the MCV list, which hold the special values too.
        assertEquals(List.of("D 8"), data("select count(*) from nt where x >= 'Infinity'"));
        assertEquals(List.of("D 16"), data("select count(*) from nt where x < 'NaN'"));
        assertEquals(List.of("D 2"), data("select count(*) from nt where x between 10 and 15"));
        t.run("reset enable_seqscan");
        t.run("set enable_sort = off");
        assertEquals(List.of("D -Infinity|4", "D 3|1", "D 4|1", "D 8|1", "D 9|1", "D 13|1", "D 14|1", "D 18|1",
                "D 19|1", "D Infinity|4", "D NaN|4"), data("select x, count(*) from nt group by x order by 1"));
        t.run("set enable_mergejoin = off");
        t.run("set enable_nestloop = off");
        assertEquals(List.of("D 56"), data("select count(*) from nt a join nt b on a.x = b.x"));
    }

    @Test
    void copyOutAndIn() {
        List<String> text = copied(t.run("copy (select x from nt where id < 6 order by id) to stdout"));
        assertEquals(List.of("Infinity", "-Infinity", "3", "4", "NaN"), text);

        t.run("create table back (x numeric)");
        for (String s : List.of("nan\n", "-inf\n", " +Infinity\n", "1.50\n")) {
            t.copyIn.add(s.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("C COPY 4", t.run("copy back from stdin").get(1));
        assertEquals(List.of("D -Infinity", "D 1.50", "D Infinity", "D NaN"), data("select x from back order by x"));

        List<String> binary = t.run("copy nt to stdout (format binary)");
        t.run("create table nt2 (id int, x numeric)");
        for (String l : binary) {
            if (l.startsWith("d ")) {
                t.copyIn.add(HexFormat.of().parseHex(l.substring(2)));
            }
        }
        assertEquals("C COPY 20", t.run("copy nt2 from stdin (format binary)").get(1));
        assertEquals(List.of("D 0"), data("select count(*) from nt a full join nt2 b on a.id = b.id "
                + "where a.x is distinct from b.x"));
        assertEquals(List.of("D 4"), data("select count(*) from nt2 where x = 'NaN'"));
    }

    @Test
    void arraysOfSpecialValues() {
        t.run("create table na (a numeric[])");
        t.run("insert into na values ('{NaN,-Infinity,1.50}'), (array['inf'::numeric, 'nan'])");
        assertEquals(List.of("D {NaN,-Infinity,1.50}", "D {Infinity,NaN}"), data("select a from na order by a[1] desc"));
        assertEquals(List.of("D {Infinity,NaN}"), data("select a from na where a @> array['Infinity'::numeric]"));
    }

    private static List<String> copied(List<String> lines) {
        List<String> rows = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("d ")) {
                String s = new String(HexFormat.of().parseHex(l.substring(2)), StandardCharsets.UTF_8);
                rows.add(s.substring(0, s.length() - 1));
            }
        }
        return rows;
    }
}
