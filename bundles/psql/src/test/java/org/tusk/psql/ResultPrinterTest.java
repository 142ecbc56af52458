package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.client.Column;
import org.tusk.client.Result;
import org.tusk.client.Row;

/**
 * The printers against output captured from Debian's psql 15 (psql -X -c '...' | cat -A) for the same
 * result: the expected strings below are psql's bytes.
 */
class ResultPrinterTest {

    private static final int INT4 = 23;
    private static final int TEXT = 25;

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

    private static String print(Result r, PrintOptions o) {
        StringBuilder b = new StringBuilder();
        ResultPrinter.print(r, o, b);
        return b.toString();
    }

    private static final Result SAMPLE = result(new String[] {"id", "name", "note", "m"},
            new int[] {INT4, TEXT, TEXT, TEXT}, new String[] {"1", "abc", null, "two\nlines"});

    @Test
    void alignedRightAlignsNumbersAndMarksNewlines() {
        // psql -c "select 1 as id, 'abc' as name, null::text as note, E'two\nlines' as m"
        assertEquals("""
                 id | name | note |   m  \s
                ----+------+------+-------
                  1 | abc  |      | two  +
                    |      |      | lines
                (1 row)

                """, print(SAMPLE, new PrintOptions()));
    }

    @Test
    void expanded() {
        // psql -x -c "select 1 as id, 'abc' as name, E'two\nlines' as m"
        Result r = result(new String[] {"id", "name", "m"}, new int[] {INT4, TEXT, TEXT},
                new String[] {"1", "abc", "two\nlines"});
        assertEquals("""
                -[ RECORD 1 ]
                id   | 1
                name | abc
                m    | two  +
                     | lines

                """, print(r, new PrintOptions().expanded(PrintOptions.Expanded.ON)));
    }

    @Test
    void unaligned() {
        Result r = result(new String[] {"id", "name"}, new int[] {INT4, TEXT}, new String[] {"1", "abc"});
        assertEquals("id|name\n1|abc\n(1 row)\n", print(r, new PrintOptions().format(PrintOptions.Format.UNALIGNED)));
    }

    @Test
    void csvQuotesSeparatorsAndQuotes() {
        Result r = result(new String[] {"id", "name", "q"}, new int[] {INT4, TEXT, TEXT},
                new String[] {"1", "a,b", "q\"x"});
        assertEquals("id,name,q\n1,\"a,b\",\"q\"\"x\"\n", print(r, new PrintOptions().format(PrintOptions.Format.CSV)));
    }

    @Test
    void borderTwoCountsWideCharactersTwice() {
        // psql -P border=2 -c "select 42 as n, '日本' as w"
        Result r = result(new String[] {"n", "w"}, new int[] {INT4, TEXT}, new String[] {"42", "日本"});
        assertEquals("""
                +----+------+
                | n  |  w   |
                +----+------+
                | 42 | 日本 |
                +----+------+
                (1 row)

                """, print(r, new PrintOptions().border(2)));
    }

    @Test
    void emptyResult() {
        Result r = result(new String[] {"?column?"}, new int[] {TEXT});
        assertEquals(" ?column? \n----------\n(0 rows)\n\n", print(r, new PrintOptions()));
    }

    @Test
    void nullDisplayAndTuplesOnly() {
        Result r = result(new String[] {"a", "b"}, new int[] {TEXT, INT4}, new String[] {null, "7"});
        assertEquals(" (null) | 7\n\n", print(r, new PrintOptions().nullPrint("(null)").tuplesOnly(true)));
    }

    @Test
    void titleIsCenteredOverTheTable() {
        // psql -P 'title=My title' -c "select 'public' as \"Schema\", 'items' as \"Name\""
        Result r = result(new String[] {"Schema", "Name"}, new int[] {TEXT, TEXT}, new String[] {"public", "items"});
        assertEquals("""
                    My title
                 Schema | Name \s
                --------+-------
                 public | items
                (1 row)

                """, print(r, new PrintOptions().title("My title")));
    }

    @Test
    void widthsAsPostgres15CountsThem() {
        // measured with psql 15: marks take no column, format characters one, wide and emoji two
        assertEquals(0, DisplayWidth.width(0x0301));
        assertEquals(1, DisplayWidth.width(0x200B));
        assertEquals(1, DisplayWidth.width(0x00AD));
        assertEquals(2, DisplayWidth.width(0x1F600));
        assertEquals(2, DisplayWidth.width(0xFF21));
        assertEquals(2, DisplayWidth.width(0x3042));
        assertEquals(1, DisplayWidth.width(0x00E9));
        assertEquals(List.of(new DisplayWidth.Line("\\u0085", 6)), DisplayWidth.lines("\u0085"));
        assertEquals(List.of(new DisplayWidth.Line("a       b", 9)), DisplayWidth.lines("a\tb"));
    }
}
