package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;

/**
 * Window frames over more rows than the regression file's ten, checked against sums computed here by
 * the definitions (a frame is the rows of the partition whose position, peer group or key lies within
 * the bounds). The data has many ties, so peers, groups and RANGE offsets all matter.
 */
class WindowFramesTest {

    /** One input row: g is unique, p the partition, k the ORDER BY key (with ties). */
    private record In(int g, int p, int k) {
    }

    private static final int N = 300;

    private static List<In> input() {
        List<In> rows = new ArrayList<>();
        for (int g = 1; g <= N; g++) {
            rows.add(new In(g, g % 3, (g * 37) % 23));
        }
        // The window's order: partition, then key, then g (the query orders peers by g the same way).
        rows.sort(Comparator.comparingInt(In::p).thenComparingInt(In::k).thenComparingInt(In::g));
        return rows;
    }

    private static final String FROM = " from (select g, g % 3 as p, (g * 37) % 23 as k from generate_series(1, "
            + N + ") g) s";

    /** Runs {@code select g, sum(g) over (partition by p order by k FRAME)} and compares with {@code inFrame}. */
    private static void check(String frame, BiPredicate<Integer, Integer> inFrame) {
        List<In> rows = input();
        String result = Transcript.rows("select g, sum(g) over (partition by p order by k " + frame + ")" + FROM
                + " order by p, k, g");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long sum = 0;
            boolean any = false;
            for (int j = 0; j < rows.size(); j++) {
                if (rows.get(j).p() == rows.get(i).p() && inFrame.test(i, j)) {
                    sum += rows.get(j).g();
                    any = true;
                }
            }
            expected.add(rows.get(i).g() + "|" + (any ? Long.toString(sum) : "\\N"));
        }
        assertEquals(String.join(";", expected), result, frame);
    }

    /** Position of row j within its partition (the rows are sorted by partition first). */
    private static int pos(List<In> rows, int j) {
        int first = j;
        while (first > 0 && rows.get(first - 1).p() == rows.get(j).p()) {
            first--;
        }
        return j - first;
    }

    /** Peer group number of row j within its partition. */
    private static int group(List<In> rows, int j) {
        int g = 0;
        for (int x = j; x > 0 && rows.get(x - 1).p() == rows.get(j).p(); x--) {
            if (rows.get(x - 1).k() != rows.get(x).k()) {
                g++;
            }
        }
        return g;
    }

    @Test
    void rowsFrames() {
        List<In> r = input();
        check("rows between 2 preceding and 3 following", (i, j) -> pos(r, j) >= pos(r, i) - 2 && pos(r, j) <= pos(r, i) + 3);
        check("rows between 4 following and 6 following", (i, j) -> pos(r, j) >= pos(r, i) + 4 && pos(r, j) <= pos(r, i) + 6);
        check("rows between unbounded preceding and 1 preceding", (i, j) -> pos(r, j) <= pos(r, i) - 1);
        check("rows between 1 preceding and 1 following exclude current row",
                (i, j) -> Math.abs(pos(r, j) - pos(r, i)) <= 1 && !i.equals(j));
    }

    @Test
    void rangeFrames() {
        List<In> r = input();
        check("", (i, j) -> r.get(j).k() <= r.get(i).k());
        check("range between current row and unbounded following", (i, j) -> r.get(j).k() >= r.get(i).k());
        check("range between 3 preceding and 2 following",
                (i, j) -> r.get(j).k() >= r.get(i).k() - 3 && r.get(j).k() <= r.get(i).k() + 2);
        check("range between 5 following and 9 following",
                (i, j) -> r.get(j).k() >= r.get(i).k() + 5 && r.get(j).k() <= r.get(i).k() + 9);
        check("range between unbounded preceding and current row exclude group", (i, j) -> r.get(j).k() < r.get(i).k());
        check("range between unbounded preceding and current row exclude ties",
                (i, j) -> r.get(j).k() < r.get(i).k() || i.equals(j));
    }

    @Test
    void groupsFrames() {
        List<In> r = input();
        check("groups between 1 preceding and 2 following",
                (i, j) -> group(r, j) >= group(r, i) - 1 && group(r, j) <= group(r, i) + 2);
        check("groups between 2 preceding and 1 preceding",
                (i, j) -> group(r, j) >= group(r, i) - 2 && group(r, j) <= group(r, i) - 1);
    }
}
