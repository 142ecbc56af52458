package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.client.Column;
import org.tusk.client.Result;
import org.tusk.client.Row;

/**
 * {@code \crosstabview}'s grid and errors; the expected tables are psql 15's output for the same rows
 * (psql -X -c "select ... \crosstabview ...").
 */
class CrosstabTest {

    private static Result result(String[] names, int[] types, String[]... rows) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            cols.add(new Column(names[i], types[i], -1, -1, 0, 0, 0));
        }
        List<Row> rs = new ArrayList<>();
        for (String[] r : rows) {
            byte[][] v = new byte[r.length][];
            for (int i = 0; i < r.length; i++) {
                v[i] = r[i] == null ? null : r[i].getBytes(StandardCharsets.UTF_8);
            }
            rs.add(Row.of(cols, v));
        }
        return new Result(cols, rs, "SELECT " + rows.length);
    }

    private static final Result CT = result(new String[] {"v", "h", "d", "s"}, new int[] {25, 25, 23, 23},
            new String[] {"r1", "c2", "1", "2"}, new String[] {"r1", "c1", "2", "1"},
            new String[] {"r2", "c1", "3", "1"}, new String[] {"r2", null, "4", "3"},
            new String[] {null, "c3", "5", "0"}, new String[] {"r3", "c2", null, "2"});

    private static String print(PrintTable t) {
        StringBuilder b = new StringBuilder();
        ResultPrinter.print(t, new PrintOptions(), b);
        return b.toString();
    }

    @Test
    void headersInOrderOfFirstAppearance() throws Exception {
        assertEquals("""
                 v  | c2 | c1 |   | c3\s
                ----+----+----+---+----
                 r1 |  1 |  2 |   |  \s
                 r2 |    |  3 | 4 |  \s
                    |    |    |   |  5
                 r3 |    |    |   |  \s
                (4 rows)

                """, print(Crosstab.build(CT, new Crosstab.Args("v", "h", "d", null), null, "", "(null)")));
    }

    @Test
    void sortColumnOrdersTheHorizontalHeaderByItsIntegers() throws Exception {
        assertEquals("""
                 v  | c3 | c1 | c2 |  \s
                ----+----+----+----+---
                 r1 |    |  2 |  1 | \s
                 r2 |    |  3 |    | 4
                    |  5 |    |    | \s
                 r3 |    |    |    | \s
                (4 rows)

                """, print(Crosstab.build(CT, new Crosstab.Args("1", "2", "3", "4"), null, "", "(null)")));
    }

    @Test
    void psqlsErrors() {
        assertEquals("data column must be specified when query returns more than three columns",
                assertThrows(Crosstab.Failure.class, () -> Crosstab.build(CT, new Crosstab.Args(null, null, null, null),
                        null, "", "(null)")).getMessage());
        assertEquals("column number 9 is out of range 1..4", assertThrows(Crosstab.Failure.class,
                () -> Crosstab.build(CT, new Crosstab.Args("9", null, null, null), null, "", "(null)")).getMessage());
        assertEquals("column name not found: \"V\"", assertThrows(Crosstab.Failure.class,
                () -> Crosstab.build(CT, new Crosstab.Args("\"V\"", "h", "d", null), null, "", "(null)")).getMessage());
        assertEquals("vertical and horizontal headers must be different columns", assertThrows(Crosstab.Failure.class,
                () -> Crosstab.build(CT, new Crosstab.Args("V", "v", "d", null), null, "", "(null)")).getMessage());
        Result twice = result(new String[] {"v", "h", "d"}, new int[] {25, 25, 23}, new String[] {"a", null, "1"},
                new String[] {"a", null, "2"});
        assertEquals("query result contains multiple data values for row \"a\", column \"(null)\"",
                assertThrows(Crosstab.Failure.class, () -> Crosstab.build(twice, new Crosstab.Args(null, null, null, null),
                        null, "", "(null)")).getMessage());
    }
}
