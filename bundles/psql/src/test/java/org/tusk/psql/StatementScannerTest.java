package org.tusk.psql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** psql's lexer rules for where statements end, and variable interpolation. */
class StatementScannerTest {

    private static List<String> scan(Map<String, String> vars, String... lines) {
        StatementScanner s = new StatementScanner(vars::get);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            s.feed(line);
            StatementScanner.Event e;
            while ((e = s.next()) != null) {
                out.add(e instanceof StatementScanner.Statement st ? "SQL:" + st.sql()
                        : "META:" + ((StatementScanner.MetaCommand) e).text());
            }
        }
        if (!s.isEmpty()) {
            out.add("PENDING:" + s.takePending());
        }
        return out;
    }

    private static List<String> scan(String... lines) {
        return scan(Map.of(), lines);
    }

    @Test
    void semicolonsInsideQuotesCommentsAndParenthesesDoNotEndAStatement() {
        assertEquals(List.of("SQL:select 'a;b', \"c;d\", $x$e;f$x$ /* g; */;"),
                scan("select 'a;b', \"c;d\", $x$e;f$x$ /* g; */;"));
        assertEquals(List.of("SQL:select (1\n;\n+1);"), scan("select (1", ";", "+1);"));
        assertEquals(List.of("SQL:select E'it\\'s;';"), scan("select E'it\\'s;';"));
    }

    @Test
    void statementsSpanLinesAndSeveralShareOne() {
        assertEquals(List.of("SQL:select 1\n  + 2;", "SQL:select 3;"), scan("select 1", "  + 2; select 3;"));
    }

    @Test
    void leadingCommentsAreDroppedTrailingOnesKept() {
        assertEquals(List.of("SQL:select 1 -- one\n;"), scan("-- header", "select 1 -- one", ";"));
    }

    @Test
    void backslashStartsAMetaCommandToTheEndOfTheLine() {
        assertEquals(List.of("META:x", "META:echo a b"), scan("\\x", "\\echo a b"));
        // \g after a statement leaves the statement in the buffer for the command to take
        assertEquals(List.of("META:g", "PENDING:select 1 "), scan("select 1 \\g"));
    }

    @Test
    void aLineOfOnlyABackslashCommandAddsNoLineBreakToTheBuffer() {
        // As psql 15's \p shows: "select 1\n;" after "select 1", "\p", ";" (not "select 1\n\n;").
        assertEquals(List.of("META:p", "SQL:select 1\n;"), scan("select 1", "\\p", ";"));
        assertEquals(List.of("META:p", "PENDING:select 2,\n  3"), scan("select 2,", "  3", "\\p"));
        StatementScanner s = new StatementScanner(Map.<String, String>of()::get);
        s.feed("select 2,");
        s.next();
        s.feed("\\p");
        s.next();
        assertEquals("select 2,", s.pending());
    }

    @Test
    void unfinishedStatementStaysPending() {
        assertEquals(List.of("PENDING:select 1"), scan("select 1"));
        StatementScanner s = new StatementScanner(Map.<String, String>of()::get);
        s.feed("select '");
        assertTrue(s.next() == null);
        assertEquals('\'', s.promptState());
    }

    @Test
    void variablesAreInterpolatedOutsideQuotesOnly() {
        Map<String, String> v = Map.of("n", "42", "s", "O'Brien", "i", "My Table");
        assertEquals(List.of("SQL:select 42, 'O''Brien', \"My Table\", ':n', 1::int, :nosuch;"),
                scan(v, "select :n, :'s', :\"i\", ':n', 1::int, :nosuch;"));
    }

    @Test
    void literalWithBackslashesUsesEscapeSyntax() {
        assertEquals(List.of("SQL:select  E'a\\\\b';"), scan(Map.of("v", "a\\b"), "select :'v';"));
    }

    @Test
    void plainVariableIsLexedSoItsSemicolonEndsTheStatement() {
        assertEquals(List.of("SQL:select 7;", "SQL:select 8;"), scan(Map.of("q", "select 7;"), ":q select 8;"));
    }
}
