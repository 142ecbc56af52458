package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tusk.client.ClientEnvironment;

/**
 * {@code \?} and {@code \h}: which entries a topic selects and how the lists are laid out, as psql 15 does
 * (each expectation observed with Debian's psql 15; the itests compare whole outputs byte for byte).
 */
class HelpTest {

    private static final Pattern COMMAND = Pattern.compile("(?m)^Command:     (.*)$");

    private static List<String> commands(String topic) {
        Matcher m = COMMAND.matcher(SqlHelp.help(topic, 80));
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void everyPostgres15CommandHasAnEntry() {
        assertEquals(185, SqlHelp.entries().size());
        assertEquals("ABORT", SqlHelp.entries().getFirst().name());
        assertEquals("WITH", SqlHelp.entries().getLast().name());
    }

    @Test
    void anExactNameShowsThatEntryOnly() {
        assertEquals(List.of("SELECT"), commands("select"));
        assertEquals(List.of("SELECT"), commands("SELECT; "));
        assertEquals(List.of("CREATE TABLE"), commands("create table"));
    }

    @Test
    void aPrefixShowsEveryEntryItBegins() {
        assertEquals(List.of("CREATE TABLE", "CREATE TABLE AS", "CREATE TABLESPACE", "CREATE TEXT SEARCH CONFIGURATION",
                "CREATE TEXT SEARCH DICTIONARY", "CREATE TEXT SEARCH PARSER", "CREATE TEXT SEARCH TEMPLATE",
                "CREATE TRANSFORM", "CREATE TRIGGER", "CREATE TYPE"), commands("create t"));
    }

    @Test
    void unmatchedTopicsAreShortenedAsPsqlDoes() {
        // Second pass: "create tab" (psql counts the second word from its second character).
        assertEquals(List.of("CREATE TABLE", "CREATE TABLE AS", "CREATE TABLESPACE"), commands("create table foo"));
        assertEquals(List.of("ALTER TABLE", "ALTER TABLESPACE"), commands("alter table x y"));
        assertEquals(List.of("SELECT", "SELECT INTO"), commands("select x y"));
        // Two spaces: the second pass finds nothing, the third uses the first word.
        assertEquals(SqlHelp.entries().stream().map(SqlHelp.Entry::name).filter(n -> n.startsWith("CREATE ")).toList(),
                commands("create  table"));
    }

    @Test
    void unknownTopic() {
        assertEquals("No help available for \"nosuch thing\".\nTry \\h with no arguments to see available help.\n",
                SqlHelp.help("nosuch thing;", 80));
    }

    @Test
    void blockLayout() {
        assertEquals("""
                Command:     ABORT
                Description: abort the current transaction
                Syntax:
                ABORT [ WORK | TRANSACTION ] [ AND [ NO ] CHAIN ]

                URL: https://www.postgresql.org/docs/15/sql-abort.html

                """, SqlHelp.help("abort", 80));
    }

    @Test
    void listFillsColumnsForTheWidth() {
        String[] eighty = SqlHelp.help("", 80).split("\n");
        assertEquals("Available help:", eighty[0]);
        assertEquals(94, eighty.length); // 185 names in two columns of 93
        assertEquals("  ABORT" + " ".repeat(28) + "CREATE USER MAPPING", eighty[1]);
        assertEquals("  CREATE USER" + " ".repeat(22), eighty[93]);
        String[] wide = SqlHelp.help("", 120).split("\n");
        assertEquals(63, wide.length); // three columns of 62 (as psql 15 at a 120-column terminal)
        assertEquals("  ABORT" + " ".repeat(28) + "CREATE FOREIGN DATA WRAPPER" + " ".repeat(6) + "DROP ROUTINE", wide[1]);
        assertEquals(186, SqlHelp.help("", 20).split("\n").length); // at least one column
    }

    @Test
    void commandsHelpShowsTheCurrentSettings() {
        PrintOptions p = new PrintOptions().tuplesOnly(true).expanded(PrintOptions.Expanded.AUTO);
        String text = Help.commands(p, true, "db1");
        assertTrue(text.contains("  \\t [on|off]            show only rows (currently on)\n"), text);
        assertTrue(text.contains("  \\x [on|off|auto]       toggle expanded output (currently auto)\n"), text);
        assertTrue(text.contains("  \\timing [on|off]       toggle timing of commands (currently on)\n"), text);
        assertTrue(text.contains("connect to new database (currently \"db1\")\n"), text);
        assertTrue(Help.commands(new PrintOptions(), false, null).contains("(currently no connection)\n"));
        assertTrue(text.startsWith("General\n") && text.endsWith("unset (delete) internal variable\n"));
    }

    @Test
    void optionsHelpShowsTheConnectionDefaults() {
        ClientEnvironment env = ClientEnvironment.of(Map.of("PGPORT", "5433", "PGUSER", "ann"), null, "os",
                Path.of("/nonexistent").toString(), w -> { });
        String text = Help.options(env);
        assertTrue(text.contains("database name to connect to (default: \"ann\")\n"), text);
        assertTrue(text.contains("socket directory (default: \"local socket\")\n"), text);
        assertTrue(text.contains("server port (default: \"5433\")\n"), text);
        assertTrue(text.contains("database user name (default: \"ann\")\n"), text);
    }
}
