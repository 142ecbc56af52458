package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Row values without tables: constructors, their text form, field selection, comparisons, IS NULL. */
class RowValuesTest {

    private static String rows(String sql) {
        return Transcript.rows(sql);
    }

    @Test
    void constructorsPrintAsRecordOut() {
        assertEquals("(1,a)", rows("select row(1, 'a')"));
        assertEquals("(1,a)", rows("select (1, 'a')"));
        assertEquals("(\"a b\",,\"x\"\"y\",\"\",\"\\\\\\\\\")", rows("select row('a b', null, 'x\"y', '', E'\\\\\\\\')"));
        assertEquals("(\"(1,2)\",x)", rows("select row(row(1,2), 'x')"));
        assertEquals("()", rows("select row()"));
    }

    @Test
    void rowDescriptionSaysRecord() {
        List<String> out = new Transcript().run("select row(1, 'a'), (1, 2) as p");
        assertEquals("T row:2249:-1:-1,p:2249:-1:-1", out.getFirst());
    }

    @Test
    void fieldSelection() {
        assertEquals("2", rows("select (row(1, 2)).f2"));
        assertEquals("E ERROR 42703 could not identify column \"f3\" in record data type @9",
                rows("select (row(1, 2)).f3"));
        assertEquals("E ERROR 42809 column notation .f1 applied to type integer, which is not a composite type @9",
                rows("select (1).f1"));
    }

    @Test
    void comparisonsOfRecords() {
        assertEquals("t|\\N|t|t", rows("select row(1, 'a') = row(1, 'a'), row(1, null) = row(1, null),"
                + " row(1, 2) < row(1, 3), row(2, 0) > row(1, 9)"));
        assertEquals("f|t", rows("select row(1, null) is distinct from row(1, null),"
                + " row(1, null) is distinct from row(1, 2)"));
        assertEquals("t|f|f|t", rows("select row(null, null) is null, row(1, null) is null,"
                + " row(1, null) is not null, row(1, 2) is not null"));
    }

    @Test
    void groupingAndOrderingOfRecords() {
        assertEquals("(1,a)|2;(2,b)|1", rows("select r, count(*) from (values (row(2, 'b')), (row(1, 'a')),"
                + " (row(1, 'a'))) v(r) group by r order by r"));
        assertEquals("(1,a);(2,b)", rows("select distinct r from (values (row(2, 'b')), (row(1, 'a')),"
                + " (row(1, 'a'))) v(r) order by 1"));
    }
}
