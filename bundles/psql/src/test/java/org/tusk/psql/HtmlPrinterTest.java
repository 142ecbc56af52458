package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The html format against psql 15's bytes for the same tables (psql -X -H [-x] -c '...'). */
class HtmlPrinterTest {

    private static String print(PrintTable t, PrintOptions o) {
        StringBuilder b = new StringBuilder();
        ResultPrinter.print(t, o, b);
        return b.toString();
    }

    @Test
    void escapesBlankCellsLeadingSpacesAndNewlines() {
        PrintTable t = new PrintTable(null, new String[] {"a", "b", "c", "d", "e"},
                new boolean[] {true, false, false, false, false},
                List.<String[]>of(new String[] {"1", "", "<x&\"y\">", "  lead  sp", "two\nlines"}), null);
        assertEquals("""
                <table border="1">
                  <tr>
                    <th align="center">a</th>
                    <th align="center">b</th>
                    <th align="center">c</th>
                    <th align="center">d</th>
                    <th align="center">e</th>
                  </tr>
                  <tr valign="top">
                    <td align="right">1</td>
                    <td align="left">&nbsp; </td>
                    <td align="left">&lt;x&amp;&quot;y&quot;&gt;</td>
                    <td align="left">&nbsp;&nbsp;lead  sp</td>
                    <td align="left">two<br />
                lines</td>
                  </tr>
                </table>
                <p>(1 row)<br />
                </p>
                """, print(t, new PrintOptions().format(PrintOptions.Format.HTML)));
    }

    @Test
    void expandedHasRecordsAndNoDefaultFooter() {
        PrintTable t = new PrintTable(null, new String[] {"a", "b"}, new boolean[] {true, false},
                List.<String[]>of(new String[] {"1", ""}), null);
        PrintOptions o = new PrintOptions().format(PrintOptions.Format.HTML).expanded(PrintOptions.Expanded.ON);
        o.tableAttr = "id=t";
        assertEquals("""
                <table border="1" id=t>

                  <tr><td colspan="2" align="center">Record 1</td></tr>
                  <tr valign="top">
                    <th>a</th>
                    <td align="right">1</td>
                  </tr>
                  <tr valign="top">
                    <th>b</th>
                    <td align="left">&nbsp; </td>
                  </tr>
                </table>

                """, print(t, o));
    }
}
