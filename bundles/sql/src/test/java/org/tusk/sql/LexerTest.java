package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.spi.SqlException;
import org.tusk.sql.lexer.Lexer;
import org.tusk.sql.lexer.Token;
import org.tusk.sql.lexer.TokenKind;

/** Token boundaries, kinds, values and positions, as PostgreSQL's scanner produces them. */
class LexerTest {

    private static List<String> tokens(String sql) {
        Lexer lexer = new Lexer(sql, true);
        List<String> out = new ArrayList<>();
        while (true) {
            Token t = lexer.next();
            out.add(t.kind() + ":" + t.text() + "@" + t.position());
            if (t.kind() == TokenKind.EOF) {
                return out;
            }
        }
    }

    @Test
    void identifiersFoldOnlyAsciiLettersWhereverTheUpperCaseIs() {
        // already lower case (the folding's shortcut), upper case first, last, inside, and non-ASCII kept
        assertEquals(List.of("IDENT:abalance@1", "IDENT:pgbench_accounts@10", "IDENT:aid@27", "IDENT:xyz@31",
                "IDENT:\u00c9t\u00e9@35", "EOF:@38"), tokens("abalance pgbench_accounts aiD XyZ \u00c9T\u00e9"));
    }

    @Test
    void operatorsFollowPostgresqlRules() {
        assertEquals(List.of("INTEGER:1@1", "OP:+@2", "OP:-@3", "INTEGER:2@4", "EOF:@5"), tokens("1+-2"));
        assertEquals(List.of("IDENT:a@1", "OP:<=@2", "IDENT:b@4", "OP:<>@5", "IDENT:c@7", "OP:<>@8", "IDENT:d@10",
                "EOF:@11"), tokens("a<=b!=c<>d"));
        // A non-SQL operator character allows a trailing + or -.
        assertEquals(List.of("INTEGER:2@1", "OP:^-@2", "INTEGER:1@4", "EOF:@5"), tokens("2^-1"));
        assertEquals(List.of("OP:@-@1", "INTEGER:5@3", "EOF:@4"), tokens("@-5"));
        // A comment start ends an operator.
        assertEquals(List.of("INTEGER:1@1", "OP:+@2", "EOF:@13"), tokens("1+-- comment"));
        assertEquals(List.of("IDENT:x@1", "TYPECAST:::@2", "IDENT:int4@4", "OP:||@8", "STRING:a@10", "EOF:@13"),
                tokens("x::INT4||'a'"));
    }

    @Test
    void numbersAndIdentifiers() {
        assertEquals(List.of("INTEGER:1@1", "DECIMAL:1.5@3", "DECIMAL:.5@7", "DECIMAL:1e10@10", "DECIMAL:1.5E-3@15",
                "EOF:@21"), tokens("1 1.5 .5 1e10 1.5E-3"));
        // "1..2" is 1 then dots ("1e" is trailing junk: see lexicalErrorsPointAtTheBadToken).
        assertEquals(List.of("INTEGER:1@1", "DOT:.@2", "DECIMAL:.2@3", "EOF:@5"), tokens("1..2"));
        assertEquals(List.of("IDENT:abc_$1@1", "IDENT:MiXed@8", "IDENT:a\"b@16", "PARAM:12@23", "EOF:@26"),
                tokens("ABC_$1 \"MiXed\" \"a\"\"b\" $12"));
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        // The emoji is one character for PostgreSQL (and two UTF-16 units for Java).
        assertEquals(List.of("IDENT:select@1", "STRING:\uD83D\uDE00é@8", "COMMA:,@12", "IDENT:x@14", "EOF:@15"),
                tokens("select '\uD83D\uDE00é', x"));
    }

    @Test
    void stringsInAllTheirForms() {
        assertEquals(List.of("STRING:it's@1", "STRING:ab@9", "STRING:x\ty\\'z@19", "STRING:q$$r@32", "EOF:@42"),
                tokens("'it''s' 'a'\n  'b' E'x\\ty\\\\\\'z' $t$q$$r$t$"));
        // Without a newline between them, two literals are two tokens.
        assertEquals(List.of("STRING:a@1", "STRING:b@5", "EOF:@8"), tokens("'a' 'b'"));
        assertEquals(List.of("STRING:AAé@1", "EOF:@18"), tokens("E'\\x41\\101\\u00e9'"));
        assertEquals(List.of("STRING:é@1", "EOF:@10"), tokens("U&'\\00e9'"));
    }

    @Test
    void lexicalErrorsPointAtTheBadToken() {
        String[][] cases = {
            {"select 'abc", "unterminated quoted string at or near \"'abc\"", "8"},
            {"select $$abc", "unterminated dollar-quoted string at or near \"$$abc\"", "8"},
            {"select /* abc /* */", "unterminated /* comment at or near \"/* abc /* */\"", "8"},
            {"select \"abc", "unterminated quoted identifier at or near \"\"abc\"", "8"},
            {"select \"\"", "zero-length delimited identifier at or near \"\"\"\"", "8"},
            // PostgreSQL 15's junk rules: a number glued to an identifier, or an exponent without digits.
            {"select 1e", "trailing junk after numeric literal at or near \"1e\"", "8"},
            {"select 1, 123abc + 1", "trailing junk after numeric literal at or near \"123abc\"", "11"},
            {"select 0x1F", "trailing junk after numeric literal at or near \"0x1F\"", "8"},
            {"select 1.5e", "trailing junk after numeric literal at or near \"1.5e\"", "8"},
            {"select 1e+x", "trailing junk after numeric literal at or near \"1e+\"", "8"},
            {"select 12é", "trailing junk after numeric literal at or near \"12é\"", "8"},
            // A bad U& escape is reported at its offset in the decoded literal: the backslash, or before it
            // when a doubled quote precedes it (PostgreSQL 15 does the same).
            {"select U&'ab\\00zz'", "invalid Unicode escape", "13"},
            {"select U&'a''\\0'", "invalid Unicode escape", "13"},
        };
        for (String[] c : cases) {
            SqlException e = assertThrows(SqlException.class, () -> tokens(c[0]));
            assertEquals("42601", e.sqlState());
            assertEquals(c[1], e.getMessage());
            assertEquals(c[2], e.fields().get(org.tusk.protocol.ErrorFields.POSITION));
        }
        assertEquals("22021", assertThrows(SqlException.class, () -> tokens("E'\\xff'")).sqlState());
    }

    @Test
    void backslashesAreLiteralUnlessStandardConformingStringsIsOff() {
        Token on = new Lexer("'a\\tb'", true).next();
        Token off = new Lexer("'a\\tb'", false).next();
        assertEquals("a\\tb", on.text());
        assertEquals("a\tb", off.text());
    }
}
