package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The planner's row count for a table: guessed from its size until ANALYZE counts it (pg_class.reltuples). */
class AnalyzeEstimatesOnStorageTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();


    /** The rows= of EXPLAIN's first plan line. */
    private static long estimate(List<String> explain) {
        for (String l : explain) {
            Matcher m = Pattern.compile("rows=(\\d+)").matcher(l);
            if (l.startsWith("D ") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no estimate in " + explain);
    }

    @Test
    void analyzeGivesTheScanItsCountedRows() {
        Transcript t = cluster.transcript();
        t.run("create table t (a int, b text)");
        t.run("insert into t select i, 'row ' || i from generate_series(1, 3000) as g(i)");
        long guessed = estimate(t.run("explain select * from t"));
        assertNotEquals(3000, guessed);
        assertEquals(List.of("C ANALYZE", "Z I"), t.run("analyze t"));
        assertEquals(3000, estimate(t.run("explain select * from t")));
        // the density counted applies to the table's current size
        t.run("delete from t where a > 1500");
        t.run("vacuum t");
        assertEquals(1500, estimate(t.run("explain select * from t")));
    }
}
