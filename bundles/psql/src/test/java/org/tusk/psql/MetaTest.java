package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Meta-command arguments, booleans, \pset, name patterns and COPY formats, as psql 15 treats them. */
class MetaTest {

    @Test
    void argumentsSplitQuoteAndInterpolate() {
        Map<String, String> v = Map.of("a", "42", "s", "x y");
        assertEquals(List.of("one", "two words", "it's", "42", "'x y'", "\"dq\"", "tab\there"),
                MetaArgs.split(" one 'two words' 'it''s' :a :'s' \"dq\" 'tab\\there'", v));
        assertEquals(List.of("hello"), MetaArgs.split("`echo hello`", v));
        // an unset variable in :'...' or :"..." stays as written, quotes included
        assertEquals(List.of(":'nosuch'", ":\"nosuch\"", ":nosuch"), MetaArgs.split(":'nosuch' :\"nosuch\" :nosuch", v));
    }

    @Test
    void booleansAsParseVariableBool() {
        assertTrue(Variables.parseBool("on"));
        assertTrue(Variables.parseBool("T"));
        assertTrue(Variables.parseBool("yes"));
        assertTrue(Variables.parseBool("1"));
        assertFalse(Variables.parseBool("of"));
        assertFalse(Variables.parseBool("n"));
        assertNull(Variables.parseBool("o"));
        assertNull(Variables.parseBool("maybe"));
    }

    @Test
    void psetStatusLinesAndSilentBooleans() {
        PrintOptions p = new PrintOptions();
        List<String> errors = new ArrayList<>();
        assertEquals("Border style is 2.", Pset.apply(p, "border", "2", errors::add));
        assertEquals("", Pset.apply(p, "footer", "off", errors::add));
        assertFalse(p.footer);
        assertEquals("Default footer is on.", Pset.apply(p, "footer", null, errors::add));
        assertEquals("Expanded display is used automatically.", Pset.apply(p, "x", "auto", errors::add));
        assertEquals("Output format is unaligned.", Pset.apply(p, "format", "u", errors::add));
        assertEquals("Record separator is <newline>.", Pset.apply(p, "recordsep", null, errors::add));
        assertTrue(errors.isEmpty());
        assertNull(Pset.apply(p, "expanded", "maybe", errors::add));
        assertEquals(List.of("unrecognized value \"maybe\" for \"expanded\"\nAvailable values are: on, off, auto."),
                errors);
    }

    @Test
    void namePatternsAsProcessSqlNamePattern() {
        // the regular expressions psql 15 sent for \dt it*, \dt public.items and \dt "Items" (psql -E)
        assertEquals(new Patterns.Parsed(null, "^(it.*)$"), Patterns.parse("it*"));
        assertEquals(new Patterns.Parsed("^(public)$", "^(items)$"), Patterns.parse("public.items"));
        assertEquals(new Patterns.Parsed(null, "^(Items)$"), Patterns.parse("\"Items\""));
        assertEquals(new Patterns.Parsed(null, "^(a\\$b.)$"), Patterns.parse("A$b?"));
        StringBuilder q = new StringBuilder();
        Patterns.where(q, "it*", true, "n.nspname", "c.relname", null, "pg_catalog.pg_table_is_visible(c.oid)");
        assertEquals("  AND c.relname OPERATOR(pg_catalog.~) '^(it.*)$' COLLATE pg_catalog.default\n"
                + "  AND pg_catalog.pg_table_is_visible(c.oid)\n", q.toString());
    }

    @Test
    void copyStatementsAsPsql15SendsThem() throws Exception {
        // the statements Debian's psql 15 sent for these \copy commands (server log, log_statement=all)
        assertEquals("COPY  c FROM STDIN ", Copy.parse("c from stdin").sql());
        assertEquals("COPY  c TO STDOUT with csv header", Copy.parse("c to stdout with csv header").sql());
        assertEquals("COPY  ( select 1 as z ) TO STDOUT ", Copy.parse("(select 1 as z) to stdout").sql());
        assertEquals("COPY binary c TO STDOUT ", Copy.parse("binary c to stdout").sql());
        assertEquals("COPY  c ( a,t ) FROM STDIN ;", Copy.parse("c(a,t) from stdin;").sql());

        Copy.Spec file = Copy.parse("s.t (a, b) from 'it''s.csv' (format csv, header)");
        assertEquals("COPY  s.t ( a, b ) FROM STDIN (format csv, header)", file.sql());
        assertEquals("it's.csv", file.file());
        assertTrue(file.from());
        Copy.Spec out = Copy.parse("t to pstdout");
        assertFalse(out.from());
        assertNull(out.file());
        assertTrue(out.psqlInout());

        assertEquals("\\copy: parse error at end of line",
                assertThrows(Copy.ParseError.class, () -> Copy.parse("t")).getMessage());
        assertEquals("\\copy: parse error at \"into\"",
                assertThrows(Copy.ParseError.class, () -> Copy.parse("t into x")).getMessage());
    }

    @Test
    void refusedCopyFromStdinIsRecognized() {
        // statements after whose failure psql 15 skipped the data lines (and those after which it did not)
        assertTrue(Copy.isCopyFromStdin("copy nosuch from stdin;"));
        assertTrue(Copy.isCopyFromStdin("/* c */ COPY nosuch FROM STDIN;"));
        assertTrue(Copy.isCopyFromStdin("copy c from stdout;"));
        assertTrue(Copy.isCopyFromStdin("COPY  c FROM STDIN (delimiter '')"));
        assertFalse(Copy.isCopyFromStdin("copy c frm stdin;"));
        assertFalse(Copy.isCopyFromStdin("copy nosuch to stdout;"));
        assertFalse(Copy.isCopyFromStdin("copy c from '/nonexistent';"));
        assertFalse(Copy.isCopyFromStdin("select 1 from stdin;"));
    }

    @Test
    void timingAsPrintTiming() {
        assertEquals("Time: 0.512 ms\n", Session.timing(0.512));
        assertEquals("Time: 61234.700 ms (01:01.235)\n", Session.timing(61234.7));
        assertEquals("Time: 3723000.000 ms (01:02:03.000)\n", Session.timing(3723000));
    }

    @Test
    void serverVersionNumbers() {
        assertEquals(150020, DefaultVariables.versionNumber("15.20 (Debian 15.20-0+deb12u1)"));
        assertEquals(150000, DefaultVariables.versionNumber("15.0 (Tusk)"));
        assertEquals(90603, DefaultVariables.versionNumber("9.6.3"));
    }

    @Test
    void promptsAsGetPrompt() {
        Prompt.Context idle = new Prompt.Context("shop", "ann", "db1.example.com", 5432, false, (char) 0, 42, '=', false);
        assertEquals("shop=> ", Prompt.expand("%/%R%x%# ", idle));
        assertEquals("ann@db1:5432 shop 42 %", Prompt.expand("%n@%m:%> %~ %p %%", idle));
        Prompt.Context quote = new Prompt.Context("ann", "ann", "/tmp", 5432, true, '*', 42, '\'', true);
        assertEquals("ann'*# [local] ~", Prompt.expand("%/%R%x%# %M %~", quote));
    }
}
