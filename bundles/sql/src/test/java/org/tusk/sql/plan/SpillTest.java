package org.tusk.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.Explain;
import org.tusk.sql.parser.Parser;

/** Sorts, hash aggregation and DISTINCT beyond work_mem (64kB here) give the same results via temporary files. */
class SpillTest {
    private final MemoryDatabase db = new MemoryDatabase();

    private Planner.Planned plan(String sql) {
        Statement.Select s = (Statement.Select) Parser.parse(sql, true).getFirst();
        return new Planner(db, Parameters.none(), db, null).plan(s.query());
    }

    private List<Object[]> run(Planner.Planned p) {
        return Planner.collect(p, new ExecContext(db, null, 64 * 1024));
    }

    @Test
    void bigSortMergesRunsFromTemporaryFiles() {
        Planner.Planned p = plan("select g, 'row ' || g from generate_series(1, 30000) g order by g % 1000, g desc");
        List<Object[]> rows = run(p);
        assertEquals(30000, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            int a = (Integer) rows.get(i - 1)[0];
            int b = (Integer) rows.get(i)[0];
            assertTrue(a % 1000 < b % 1000 || (a % 1000 == b % 1000 && a > b), a + " before " + b);
        }
        assertEquals("row 30000", rows.getFirst()[1]);
        String explain = String.join("\n", Explain.lines(p.node(), true, false, false));
        assertTrue(explain.contains("Sort Method: external merge"), explain);
    }

    @Test
    void bigHashAggregationSpillsNewGroups() {
        Planner.Planned p = plan("select g % 20000 as k, count(*), sum(g) from generate_series(1, 40000) g group by 1");
        List<Object[]> rows = run(p);
        assertEquals(20000, rows.size());
        long total = 0;
        for (Object[] r : rows) {
            assertEquals(2L, r[1]);
            total += (Long) r[2];
        }
        assertEquals(40000L * 40001 / 2, total);
        String explain = String.join("\n", Explain.lines(p.node(), true, false, false));
        assertTrue(explain.contains("Batches: "), explain);
    }

    @Test
    void bigDistinctSpills() {
        List<Object[]> rows = run(plan("select distinct g % 15000 from generate_series(1, 30000) g"));
        assertEquals(15000, rows.size());
        assertEquals(15000, rows.stream().map(r -> r[0]).distinct().count());
    }

    @Test
    void bigHashJoinsRunInBatches() {
        // PostgreSQL (and this planner) would merge-join these by cost; the test is about hash joins
        db.settings.put("enable_mergejoin", "off");
        Planner.Planned inner = plan("select count(*), sum(a.g) from generate_series(1, 20000) a(g) "
                + "join generate_series(1, 20000) b(g) on a.g = b.g");
        assertEquals(List.of(20000L, 200010000L), List.of(run(inner).getFirst()[0], run(inner).getFirst()[1]));
        String explain = String.join("\n", Explain.lines(inner.node(), true, false, false));
        assertTrue(explain.contains("Batches: "), explain);
        Object[] left = run(plan("select count(*), count(b.g) from generate_series(1, 20000) a(g) "
                + "left join generate_series(1, 20000) b(g) on a.g = b.g * 2")).getFirst();
        assertEquals(20000L, left[0]);
        assertEquals(10000L, left[1]);
        Object[] full = run(plan("select count(*), count(a.g), count(b.g) from generate_series(1, 20000) a(g) "
                + "full join generate_series(5001, 25000) b(g) on a.g = b.g")).getFirst();
        assertEquals(List.of(25000L, 20000L, 20000L), List.of(full));
    }

    @Test
    void bigNestedLoopInnerSpills() {
        assertEquals(1225L, run(plan("select count(*) from generate_series(1, 50) a(g), generate_series(1, 20000) b(g) "
                + "where b.g < a.g")).getFirst()[0]);
        Object[] right = run(plan("select count(*), count(a.g) from generate_series(1, 3) a(g) "
                + "right join generate_series(1, 20000) b(g) on b.g < a.g")).getFirst();
        assertEquals(List.of(20001L, 3L), List.of(right));
    }
}
