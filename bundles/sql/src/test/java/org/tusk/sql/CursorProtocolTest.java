package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.SqlException;

/**
 * SQL cursors as the extended protocol meets them (the psql-level behaviour is the regression file
 * cursors.sql): Describe of a FETCH reports the cursor's columns, cursors and Bind's portals share one
 * namespace, and a BINARY cursor sends the binary format.
 */
class CursorProtocolTest {

    @Test
    void describeOfFetchGivesTheCursorsColumns() {
        Transcript t = new Transcript();
        t.run("begin");
        t.run("declare c scroll cursor for select g, g * g as square from generate_series(1, 5) g");
        t.session.prepare("f", "fetch 2 from c", new int[0]);
        List<ColumnDescription> columns = t.session.describeStatement("f").columns();
        assertEquals(List.of("g", "square"), columns.stream().map(ColumnDescription::name).toList());
        t.lines.clear();
        t.session.bind("", "f", List.of());
        t.session.execute("", 0, t);
        t.session.bind("", "f", List.of());
        t.session.execute("", 0, t);
        assertEquals(List.of("D 1|1", "D 2|4", "C FETCH 2", "D 3|9", "D 4|16", "C FETCH 2"), t.lines);
        // MOVE returns no rows, so Describe says NoData; a FETCH from a missing cursor too.
        t.session.prepare("m", "move 1 in c", new int[0]);
        assertNull(t.session.describeStatement("m").columns());
        t.session.prepare("n", "fetch 1 from nosuch", new int[0]);
        assertNull(t.session.describeStatement("n").columns());
    }

    @Test
    void cursorsAndPortalsShareOneNamespace() {
        Transcript t = new Transcript();
        t.run("begin");
        t.run("declare c cursor for select 1");
        t.session.prepare("s", "select 2", new int[0]);
        SqlException e = assertThrows(SqlException.class, () -> t.session.bind("c", "s", List.of()));
        assertEquals("42P03", e.fields().sqlState());
        assertEquals("cursor \"c\" already exists", e.fields().message());
        t.session.bind("p", "s", List.of());
        assertEquals(List.of("E ERROR 42P03 cursor \"p\" already exists @-", "Z E"),
                t.run("declare p cursor for select 3"));
    }

    @Test
    void aBinaryCursorSendsTheBinaryFormat() {
        Transcript t = new Transcript();
        t.run("begin");
        t.run("declare b binary cursor for select 258::int4 as n, 'hi'::text as s, null::int8 as z");
        List<ColumnDescription> described = new ArrayList<>();
        List<byte[][]> rows = new ArrayList<>();
        t.session.executeSimpleQuery("fetch all from b", new Transcript() {
            @Override
            public void rowDescription(List<ColumnDescription> columns) {
                described.addAll(columns);
            }

            @Override
            public void dataRow(byte[][] values) {
                rows.add(values);
            }
        });
        assertEquals(List.of((short) 1, (short) 1, (short) 1), described.stream().map(ColumnDescription::format).toList());
        assertEquals(1, rows.size());
        assertArrayEquals(new byte[] {0, 0, 1, 2}, rows.getFirst()[0]);
        assertArrayEquals(new byte[] {'h', 'i'}, rows.getFirst()[1]);
        assertNull(rows.getFirst()[2]);
    }
}
