package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.exec.TupleStore;

/**
 * A merge join whose group of equal inner keys, and the matches of one outer row, pass work_mem (64kB
 * here): both go to tuple stores' temporary files, the join still returns the rows it must (counted
 * and summed against what the keys say), and no file is left after the query.
 */
class MergeJoinSpillTest {
    /** 20 outer rows with keys 0..3; 4000 inner rows with keys 0..4, 800 per key, each with 100 bytes of text. */
    private static final String OUTER = "(select g % 4 as k, g from generate_series(1, 20) g) a";
    private static final String INNER = "(select h % 5 as k, h, repeat('m', 100) as pad from generate_series(1, 4000) h) b";

    private static Transcript session() {
        Transcript t = new Transcript();
        t.run("set work_mem = '64kB'; set enable_hashjoin = off; set enable_nestloop = off");
        return t;
    }

    private static List<String> data(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("D ")).toList();
    }

    /** The inner rows' h with h % 5 = k: their number and sum. */
    private static long[] innerOfKey(int k) {
        long n = 0;
        long sum = 0;
        for (int h = 1; h <= 4000; h++) {
            if (h % 5 == k) {
                n++;
                sum += h;
            }
        }
        return new long[] {n, sum};
    }

    @Test
    void bigGroupsAndTheirMatchesSpill() {
        int before = TupleStore.openFiles();
        long created = TupleStore.createdFiles();
        Transcript t = session();
        String join = " from " + OUTER + " join " + INNER + " on a.k = b.k";
        String plan = String.join("\n", data(t.run("explain (costs off) select count(*)" + join)));
        assertTrue(plan.contains("Merge Join"), plan);
        long rows = 0;
        long sumG = 0;
        long sumH = 0;
        for (int g = 1; g <= 20; g++) {
            long[] inner = innerOfKey(g % 4);
            rows += inner[0];
            sumG += g * inner[0];
            sumH += inner[1];
        }
        assertEquals(List.of("D " + rows + "|" + sumG + "|" + sumH + "|100"),
                data(t.run("select count(*), sum(a.g), sum(b.h), min(length(b.pad))" + join)));
        assertTrue(TupleStore.createdFiles() > created, "the group spilled to a file");
        assertEquals(before, TupleStore.openFiles(), "the join's files are deleted with the plan");
        t.session.close();
    }

    @Test
    void aFullJoinNullExtendsTheSpilledGroupNoOuterRowMatched() {
        int before = TupleStore.openFiles();
        long created = TupleStore.createdFiles();
        Transcript t = session();
        String join = " from " + OUTER + " full join " + INNER + " on a.k = b.k";
        String plan = String.join("\n", data(t.run("explain (costs off) select count(*)" + join)));
        assertTrue(plan.contains("Merge Full Join"), plan);
        long[] lonely = innerOfKey(4);
        assertEquals(List.of("D " + lonely[0] + "|" + lonely[1]),
                data(t.run("select count(*), sum(b.h)" + join + " where a.g is null")));
        long matched = 0;
        for (int g = 1; g <= 20; g++) {
            matched += innerOfKey(g % 4)[0];
        }
        assertEquals(List.of("D " + (matched + lonely[0])), data(t.run("select count(*)" + join)));
        assertTrue(TupleStore.createdFiles() > created, "the group spilled to a file");
        assertEquals(before, TupleStore.openFiles(), "the join's files are deleted with the plan");
        t.session.close();
    }
}
