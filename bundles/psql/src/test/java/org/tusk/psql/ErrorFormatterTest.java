package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** libpq's reportErrorPosition, against psql 15's output for the same query and position. */
class ErrorFormatterTest {

    private static String excerpt(int position, String query) {
        StringBuilder b = new StringBuilder();
        ErrorFormatter.reportErrorPosition(b, position, query);
        return b.toString();
    }

    @Test
    void caretUnderThePositionOnItsLine() {
        assertEquals("LINE 1: select foo from\n               ^\n", excerpt(8, "select foo from\n  (select 1 as a) s;"));
        assertEquals("LINE 2:   ;\n          ^\n", excerpt(13, "select (1\n  ;\n  +1) as paren;"));
    }

    @Test
    void longLinesAreCutAroundThePosition() {
        String q = "select 'a very long line to exercise the truncation of the error position excerpt in libpq, "
                + "yes very long', nosuchcolumn, 'and more text after the error position to cut' from t;";
        int pos = q.indexOf("nosuchcolumn") + 1;
        assertEquals("LINE 1: ... error position excerpt in libpq, yes very long', nosuchcolu...\n"
                + "                                                             ^\n", excerpt(pos, q));
    }
}
