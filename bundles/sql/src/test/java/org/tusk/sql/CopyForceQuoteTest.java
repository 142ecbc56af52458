package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** COPY ... TO STDOUT's FORCE_QUOTE option in CSV mode, and its errors, as PostgreSQL 15 prints them. */
class CopyForceQuoteTest {

    /** The CopyData lines of a COPY TO STDOUT, or its error line. */
    private static String copy(String sql) {
        List<String> lines = new Transcript().run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("d "))
                .map(l -> new String(HexFormat.of().parseHex(l.substring(2)), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
    }

    @Test
    void forceQuote() {
        assertEquals("'1',N/A\n", copy("copy (select 1, null) to stdout with (format csv, null 'N/A', quote '''', "
                + "force_quote *)"));
        assertEquals("\"1\",2,\n", copy("copy (select 1 as a, 2 as b, null as c) to stdout with (format csv, "
                + "force_quote (a, c))"));
        assertEquals("\"x\",y\n", copy("copy (select 'x' as a, 'y' as b) to stdout csv force quote a"));
        assertEquals("E ERROR 42703 column \"z\" does not exist @-",
                copy("copy (select 1 as a) to stdout with (format csv, force_quote (z))"));
        assertEquals("E ERROR 0A000 COPY force quote available only in CSV mode @-",
                copy("copy (select 1 as a) to stdout with (force_quote (a))"));
    }
}
