package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * With standard_conforming_strings off, a backslash in an ordinary string literal is an escape and,
 * while escape_string_warning is on, draws PostgreSQL's WARNING 22P06 (once per literal).
 */
class EscapeStringWarningTest {

    @Test
    void warnsOncePerLiteralWhileTheSettingIsOn() {
        Transcript t = new Transcript();
        t.run("set standard_conforming_strings = off");
        List<String> lines = t.run("select 'a\\\\b', 'c\\'d', 'e\\nf\\tg', E'h\\\\i'");
        assertEquals(List.of("N WARNING 22P06 nonstandard use of \\\\ in a string literal",
                "N WARNING 22P06 nonstandard use of \\' in a string literal",
                "N WARNING 22P06 nonstandard use of escape in a string literal"),
                lines.stream().filter(l -> l.startsWith("N ")).toList());
        assertEquals("D a\\b|c'd|e\nf\tg|h\\i", lines.stream().filter(l -> l.startsWith("D")).findFirst().orElseThrow());

        t.run("set escape_string_warning = off");
        assertEquals(List.of(), t.run("select 'a\\\\b'").stream().filter(l -> l.startsWith("N ")).toList());
        t.run("reset escape_string_warning");
        t.run("reset standard_conforming_strings");
        assertEquals(List.of(), t.run("select 'a\\\\b'").stream().filter(l -> l.startsWith("N ")).toList());
    }
}
