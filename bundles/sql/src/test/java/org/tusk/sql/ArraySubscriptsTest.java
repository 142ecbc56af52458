package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.sql.Transcript.rows;

import org.junit.jupiter.api.Test;

/**
 * Array subscripts and slices ({@code a[i]}, {@code a[lo:hi]}) in select lists, WHERE and ORDER BY.
 * Expected values are what PostgreSQL 15 returns for the same statements.
 */
class ArraySubscriptsTest {

    private static String header(String sql) {
        return new Transcript().run(sql).getFirst();
    }

    @Test
    void elementFetch() {
        assertEquals("20|30|\\N|\\N", rows("select a[2], a[3], a[4], a[0] from (select array[10, 20, 30] a) s"));
        assertEquals("T a:23:4:-1", header("select a[1] from (select array[1] a) s"));
        assertEquals("T a:1009:-1:-1", header("select a[1:1] from (select array['x'::text] a) s"));
        assertEquals("b", rows("select ('{a,b,c}'::text[])[2]"));
        assertEquals("\\N", rows("select ('{a,b,c}'::text[])[null]"));
        assertEquals("\\N", rows("select (null::int[])[1]"));
        assertEquals("6", rows("select ('[5:6]={5,6}'::int[])[6]"));
        assertEquals("\\N", rows("select ('[5:6]={5,6}'::int[])[1]"));
        assertEquals("2", rows("select ('{1,2,3}'::int[])['2']"));
        assertEquals("2", rows("select ('{1,2,3}'::int[])[2::int8]"));
        // The number of subscripts must match the dimensions, else NULL.
        assertEquals("\\N", rows("select ('{1,2,3}'::int[])[1][1]"));
    }

    @Test
    void slices() {
        assertEquals("{2,3}|{1,2}|{2,3}|{1,2,3}", rows("select a[2:3], a[:2], a[2:], a[:] "
                + "from (select '{1,2,3}'::int[] a) s"));
        assertEquals("{}|{}", rows("select a[4:5], a[3:2] from (select '{1,2,3}'::int[] a) s"));
        assertEquals("{1,2}", rows("select a[-5:2] from (select '{1,2,3}'::int[] a) s"));
        assertEquals("{6}", rows("select ('[5:6]={5,6}'::int[])[6:9]"));
        assertEquals("\\N", rows("select ('{1,2,3}'::int[])[1:null]"));
    }

    @Test
    void whereAndOrderBy() {
        assertEquals("{3,1};{2,2}", rows("select a from (values ('{1,2}'::int[]), ('{3,1}'), ('{2,2}')) v(a) "
                + "where a[1] > 1 order by a[2]"));
    }

    @Test
    void onlyAfterColumnsParametersAndParentheses() {
        assertEquals("2", rows("select (select array[1, 2])[2]"));
        assertEquals("T array:23:4:-1", header("select (select array[1, 2])[2]"));
        assertEquals("E ERROR 42601 syntax error at or near \"[\" @18", rows("select array[1,2][1]"));
    }

    @Test
    void errors() {
        assertEquals("E ERROR 42804 cannot subscript type integer because it does not support subscripting @9",
                rows("select (1)[1]"));
        assertEquals("E ERROR 42804 array subscript must have type integer @23",
                rows("select ('{1}'::int[])['1'::text]"));
        // numeric to integer is an assignment cast: allowed, and rounds.
        assertEquals("2", rows("select ('{1,2}'::int[])[1.5::numeric]"));
    }
}
