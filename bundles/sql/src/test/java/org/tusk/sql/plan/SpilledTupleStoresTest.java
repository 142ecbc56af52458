package org.tusk.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.exec.ExecContext;
import org.tusk.sql.exec.TupleStore;
import org.tusk.sql.parser.Parser;

/**
 * Window partitions and WITH RECURSIVE's working and intermediate tables beyond work_mem (64kB here):
 * their tuple stores spill to temporary files, the results are what the rows say, and no file is left
 * once the plan is closed.
 */
class SpilledTupleStoresTest {
    private final MemoryDatabase db = new MemoryDatabase();

    /** Runs a query with 64kB of work_mem; checks that it spilled and left no temporary file open. */
    private List<Object[]> runSpilling(String sql) {
        Statement.Select s = (Statement.Select) Parser.parse(sql, true).getFirst();
        Planner.Planned p = new Planner(db, Parameters.none(), db, null).plan(s.query());
        int open = TupleStore.openFiles();
        long created = TupleStore.createdFiles();
        List<Object[]> rows = Planner.collect(p, new ExecContext(db, null, 64 * 1024));
        assertTrue(TupleStore.createdFiles() > created, "a tuple store spilled");
        assertEquals(open, TupleStore.openFiles(), "closing the plan deleted every temporary file");
        return rows;
    }

    @Test
    void oneBigWindowPartitionSpills() {
        int n = 8000;
        List<Object[]> rows = runSpilling("select g, sum(g) over (order by g), row_number() over (order by g), "
                + "lag(g, 3) over (order by g), count(*) over (order by g rows between 5 preceding and 5 following), "
                + "first_value(g) over (order by g rows between 100 preceding and current row), "
                + "ntile(7) over (order by g), repeat('w', 50) from generate_series(1, " + n + ") g");
        assertEquals(n, rows.size());
        for (int i = 0; i < n; i++) {
            Object[] r = rows.get(i);
            long g = (Integer) r[0];
            assertEquals(i + 1, g);
            assertEquals(g * (g + 1) / 2, (Long) r[1], "running sum at " + g);
            assertEquals(g, (Long) r[2]);
            assertEquals(g > 3 ? Integer.valueOf((int) g - 3) : null, r[3]);
            long frame = Math.min(n, g + 5) - Math.max(1, g - 5) + 1;
            assertEquals(frame, (Long) r[4], "frame rows at " + g);
            assertEquals((int) Math.max(1, g - 100), r[5]);
        }
        // ntile(7) over 8000 rows: 1143 rows in each of the first 6 buckets, 1142 in the last
        assertEquals(1, rows.get(1142)[6]);
        assertEquals(2, rows.get(1143)[6]);
        assertEquals(6, rows.get(6857)[6]);
        assertEquals(7, rows.get(6858)[6]);
        assertEquals(7, rows.get(n - 1)[6]);
    }

    @Test
    void manyPartitionsEachOverWorkMem() {
        List<Object[]> rows = runSpilling("select g % 3 as k, g, sum(g) over (partition by g % 3), "
                + "rank() over (partition by g % 3 order by g / 10), "
                + "last_value(g) over (partition by g % 3 order by g range between unbounded preceding and "
                + "unbounded following), repeat('p', 80) from generate_series(1, 9000) g");
        assertEquals(9000, rows.size());
        for (Object[] r : rows) {
            int k = (Integer) r[0];
            int g = (Integer) r[1];
            // sum of the g in 1..9000 with g % 3 = k
            long sum = 0;
            int last = 0;
            for (int x = k == 0 ? 3 : k; x <= 9000; x += 3) {
                sum += x;
                last = x;
            }
            assertEquals(sum, (Long) r[2]);
            assertEquals(last, r[4]);
            // rank by g / 10: rows with a smaller g / 10 in the same partition, plus one
            long smaller = 0;
            for (int x = k == 0 ? 3 : k; x <= 9000 && x / 10 < g / 10; x += 3) {
                smaller++;
            }
            assertEquals(smaller + 1, (Long) r[3]);
        }
    }

    @Test
    void recursiveStepsBeyondWorkMemSpill() {
        // each step carries 5000 rows: the working table and the intermediate table both spill
        Object[] r = runSpilling("with recursive t(n, k, pad) as (select g, 0, repeat('r', 40) "
                + "from generate_series(1, 5000) g union all select n, k + 1, pad from t where k < 4) "
                + "select count(*), sum(n), sum(k), min(length(pad)) from t").getFirst();
        assertEquals(25000L, r[0]);
        assertEquals(5L * 5000 * 5001 / 2, r[1]);
        assertEquals(5000L * (0 + 1 + 2 + 3 + 4), r[2]);
        assertEquals(40, r[3]);
    }

    @Test
    void recursiveUnionDropsRowsAlreadySeenWhileSpilling() {
        // every step carries 4000 rows; the fourth step finds only rows already returned, which ends it
        Object[] r = runSpilling("with recursive t(n, k, pad) as (select g, 0, repeat('u', 60) "
                + "from generate_series(1, 4000) g union select n, (k + 1) % 3, pad from t) "
                + "select count(*), count(distinct k), max(n) from t").getFirst();
        assertEquals(12000L, r[0]);
        assertEquals(3L, r[1]);
        assertEquals(4000, r[2]);
    }
}
