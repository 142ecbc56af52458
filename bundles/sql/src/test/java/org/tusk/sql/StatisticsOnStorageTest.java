package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ANALYZE's per-column statistics on the real storage engine: what pg_stats shows for skewed data,
 * and the row estimates the planner derives from them (checked against selfuncs.c's formulas).
 */
class StatisticsOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private Transcript t;

    @BeforeEach
    void start() {
        t = cluster.transcript();
        // a: half the rows are 1, the rest unique (5001 .. 10000); c: a quarter null, else 0, 1, 2.
        t.run("create table sk (a int, c int, s text)");
        t.run("insert into sk select case when i <= 5000 then 1 else i end, case when i % 4 = 0 then null"
                + " else i % 3 end, 'k' || (i % 10) from generate_series(1, 10000) as g(i)");
        t.run("analyze sk");
    }

    /** The rows= of EXPLAIN's first plan line whose label starts with {@code node}. */
    private long estimate(String query, String node) {
        List<String> explain = t.run("explain " + query);
        for (String l : explain) {
            Matcher m = Pattern.compile("rows=(\\d+)").matcher(l);
            if (l.startsWith("D ") && l.substring(2).strip().replace("->  ", "").startsWith(node) && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no " + node + " in " + explain);
    }

    @Test
    void pgStatsDescribesSkewedColumns() {
        assertEquals(List.of("T attname:19:64:-1,null_frac:700:4:-1,avg_width:23:4:-1,n_distinct:700:4:-1,"
                + "most_common_vals:25:-1:-1,most_common_freqs:1021:-1:-1",
                "D a|0|4|-0.5001|{1}|{0.5}",
                "D c|0.25|4|3|{0,1,2}|{0.25,0.25,0.25}",
                "D s|0|3|10|{k0,k1,k2,k3,k4,k5,k6,k7,k8,k9}|{0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1}",
                "C SELECT 3", "Z I"),
                t.run("select attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs"
                        + " from pg_stats where tablename = 'sk' order by attname"));
        // The histogram of a: 101 bounds over the 5000 values not in the MCV list, the i-th being
        // values[i * 4999 / 100] of the sorted rest (5001 + floor(i * 49.99)).
        List<String> hist = t.run("select histogram_bounds from pg_stats where tablename = 'sk' and attname = 'a'");
        String[] bounds = hist.get(1).substring(3, hist.get(1).length() - 1).split(",");
        assertEquals(101, bounds.length);
        for (int i = 0; i <= 100; i++) {
            assertEquals(5001 + (i * 4999) / 100, Integer.parseInt(bounds[i]));
        }
        assertEquals(List.of("T correlation:700:4:-1", "D 1", "C SELECT 1", "Z I"),
                t.run("select correlation from pg_stats where tablename = 'sk' and attname = 'a'"));
    }

    @Test
    void equalityUsesTheMostCommonValuesAndTheDistinctCount() {
        // MCV hit: its frequency, 0.5 of 10000.
        assertEquals(5000, estimate("select * from sk where a = 1", "Seq Scan"));
        // Not common: (1 - 0.5 - 0) / (5001 - 1) of 10000 = 1.
        assertEquals(1, estimate("select * from sk where a = 7000", "Seq Scan"));
        // <>: 1 - 0.5 - 0 (null fraction) for the common value.
        assertEquals(5000, estimate("select * from sk where a <> 1", "Seq Scan"));
        // IN: the disjoint equalities add up: 0.5 + 0.0001.
        assertEquals(5001, estimate("select * from sk where a in (1, 7000)", "Seq Scan"));
        // c = 1 among nulls: 0.25.
        assertEquals(2500, estimate("select * from sk where c = 1", "Seq Scan"));
        // OR of independent conditions: s1 + s2 - s1 * s2 = 0.1 + 0.1 - 0.01.
        assertEquals(1900, estimate("select * from sk where s = 'k3' or s = 'k4'", "Seq Scan"));
        // LIKE: the common values that match, k3 only.
        assertEquals(1000, estimate("select * from sk where s like 'k3%'", "Seq Scan"));
    }

    @Test
    void rangesUseTheHistogram() {
        // a < 7500: the MCV 1 qualifies (0.5); 7500 is bound 50 of 100, so half the histogram's 0.5, less
        // the share of the one value 7500 itself ("<" excludes it): 1 / (5001 - 1) of the histogram.
        assertEquals(7499, estimate("select * from sk where a < 7500", "Seq Scan"));
        assertEquals(7500, estimate("select * from sk where a <= 7500", "Seq Scan"));
        // a > 7500: 7500 is bound 50: 1 - 0.5 of the histogram's 0.5, the MCV 1 does not qualify.
        assertEquals(2500, estimate("select * from sk where a > 7500", "Seq Scan"));
        // BETWEEN's two bounds as one range (6000 is bound 20, 8000 bound 60): hisel + losel - 1 =
        // (0.5 + 0.5 * 0.6) + 0.5 * (0.8 + 0.0002) - 1 = 0.2001, not the product of the two.
        assertEquals(2001, estimate("select * from sk where a between 6000 and 8000", "Seq Scan"));
        // interpolation inside a bucket: 7475 lies half-way between bounds 49 (7450) and 50 (7500):
        // 0.5 + 0.5 * (49.5 / 100 - 0.0002).
        assertEquals(7474, estimate("select * from sk where a < 7475", "Seq Scan"));
        // below the histogram: the MCV share plus the smallest histogram share believed (a hundredth of a
        // bucket: 0.01 / 100 of the other half), 0.50005 of 10000 rows, 5000.5 rounded to even as rint does.
        assertEquals(5000, estimate("select * from sk where a < 10", "Seq Scan"));
    }

    @Test
    void nullTestsAndGroupsUseTheNullFractionAndDistinctCount() {
        assertEquals(2500, estimate("select * from sk where c is null", "Seq Scan"));
        assertEquals(7500, estimate("select * from sk where c is not null", "Seq Scan"));
        // GROUP BY c: c's 3 distinct values; GROUP BY s, c: 10 x 3.
        assertEquals(3, estimate("select c, count(*) from sk group by c", "HashAggregate"));
        assertEquals(30, estimate("select s, c, count(*) from sk group by s, c", "HashAggregate"));
    }

    @Test
    void withoutStatisticsTheDefaultsApply() {
        t.run("create table plain (a int)");
        t.run("insert into plain select i from generate_series(1, 1000) as g(i)");
        // Never analyzed: 1000 rows guessed from the size, DEFAULT_EQ_SEL, DEFAULT_INEQ_SEL.
        long rows = estimate("select * from plain", "Seq Scan");
        assertEquals(Math.max(1, Math.round(rows * 0.005)), estimate("select * from plain where a = 5", "Seq Scan"));
        assertEquals(Math.round(rows / 3.0), estimate("select * from plain where a < 5", "Seq Scan"));
    }

    @Test
    void analyzeWithoutTablesCoversTheCatalogsToo() {
        assertEquals(List.of("C ANALYZE", "Z I"), t.run("analyze"));
        assertEquals(List.of("C VACUUM", "Z I"), t.run("vacuum analyze"));
        // every relkind 'r' relation: the catalogs as in PostgreSQL, so pg_class's relname is unique
        assertEquals(List.of("T null_frac:700:4:-1,n_distinct:700:4:-1", "D 0|-1", "C SELECT 1", "Z I"),
                t.run("select null_frac, n_distinct from pg_stats where tablename = 'pg_class'"
                        + " and attname = 'relname'"));
        assertEquals(List.of("T count:20:8:-1", "D 3", "C SELECT 1", "Z I"),
                t.run("select count(*) from pg_stats where tablename = 'sk'"));
    }
}
