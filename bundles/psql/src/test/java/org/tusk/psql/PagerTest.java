package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** psql's pager decision (PageOutput, IsPagerNeeded), as observed with psql 15 on a 10-row terminal. */
class PagerTest {

    private static PrintTable rows(int n) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new String[] {Integer.toString(i)});
        }
        return new PrintTable(null, new String[] {"g"}, new boolean[] {true}, rows, null);
    }

    @Test
    void rowsHeaderAndDefaultFooterAgainstTheScreen() {
        PrintOptions o = new PrintOptions();
        assertEquals(10, Pager.lines(rows(8), o)); // psql 15 pages 8 rows on 10 lines
        assertTrue(Pager.wanted(1, 0, true, 10, Pager.lines(rows(8), o), false));
        assertFalse(Pager.wanted(1, 0, true, 10, Pager.lines(rows(7), o), false));
        assertFalse(Pager.wanted(1, 20, true, 10, Pager.lines(rows(12), o), false));
        assertTrue(Pager.wanted(2, 0, true, 10, 1, false));
        assertFalse(Pager.wanted(0, 0, true, 10, 100, true));
        assertFalse(Pager.wanted(2, 0, false, 10, 100, true));
        assertTrue(Pager.wanted(1, 0, true, 10, 1, true));
        assertEquals(6, Pager.lines(rows(3), new PrintOptions().expanded(PrintOptions.Expanded.ON)));
    }

    @Test
    void pagerCommand() {
        assertEquals("most", Pager.command(Map.of("PSQL_PAGER", "most", "PAGER", "less")::get));
        assertEquals("less -S", Pager.command(Map.of("PAGER", "less -S")::get));
        assertNull(Pager.command(Map.of("PAGER", "  ")::get));
    }
}
