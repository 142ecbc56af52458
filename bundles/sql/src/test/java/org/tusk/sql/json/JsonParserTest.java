package org.tusk.sql.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;

/**
 * json and jsonb input: the normal form and the errors (SQLSTATE, message, DETAIL and CONTEXT), each
 * expected value as PostgreSQL 15 prints it for the same input.
 */
class JsonParserTest {

    private static String error(String input) {
        SqlException e = assertThrows(SqlException.class, () -> Jsonb.parse(input));
        ErrorFields f = e.fields();
        return f.sqlState() + " " + f.message() + " | " + f.get(ErrorFields.DETAIL) + " | " + f.get(ErrorFields.WHERE);
    }

    private static final String SYNTAX = "22P02 invalid input syntax for type json | ";

    @Test
    void normalForm() {
        assertEquals("{\"a\": 2, \"b\": 3, \"aa\": [1, 2.50, \"x\"]}",
                Jsonb.parse("{\"b\":1,\"a\":2,\"aa\":[1, 2.50, \"x\"],\"b\":3}").toString());
        assertEquals("100", Jsonb.parse("1e2").toString());
        assertEquals("0.0", Jsonb.parse("-0.0").toString());
        assertEquals("0.00150", Jsonb.parse("1.50E-3").toString());
        assertEquals("\"é😀\"", Jsonb.parse("\"\\u00e9\\ud83d\\ude00\"").toString());
        assertEquals("{\"a\": \"x\\ny\\u0001\"}", Jsonb.parse("{\"a\":\"x\\ny\\u0001\"}").toString());
        assertEquals("\"/\"", Jsonb.parse("\"\\/\"").toString());
    }

    @Test
    void jsonKeepsItsTextAndAcceptsNulEscapes() {
        assertEquals("{\"b\":1,\"a\":2,  \"b\":3}", JsonTypes.jsonIn("{\"b\":1,\"a\":2,  \"b\":3}"));
        assertEquals("\"\\u0000\"", JsonTypes.jsonIn("\"\\u0000\""));
    }

    @Test
    void parseErrors() {
        assertEquals(SYNTAX + "The input string ended unexpectedly. | JSON data, line 1: [1,2", error("[1,2"));
        assertEquals(SYNTAX + "Expected string, but found \"}\". | JSON data, line 1: {\"a\":1,}", error("{\"a\":1,}"));
        assertEquals(SYNTAX + "Token \"tru\" is invalid. | JSON data, line 1: tru", error("tru"));
        assertEquals(SYNTAX + "The input string ended unexpectedly. | JSON data, line 1: ", error(""));
        assertEquals(SYNTAX + "Expected \":\", but found \"1\". | JSON data, line 1: {\"a\" 1...", error("{\"a\" 1}"));
        assertEquals(SYNTAX + "Expected \",\" or \"]\", but found \"2\". | JSON data, line 1: [1 2...", error("[1 2]"));
        assertEquals(SYNTAX + "Token \"\"abc\" is invalid. | JSON data, line 1: \"abc", error("\"abc"));
        assertEquals(SYNTAX + "Token \"01\" is invalid. | JSON data, line 1: 01", error("01"));
        assertEquals(SYNTAX + "Expected string or \"}\", but found \"1\". | JSON data, line 1: {1...", error("{1:2}"));
        assertEquals(SYNTAX + "Token \"x\" is invalid. | JSON data, line 1: [1,2,3]  x", error("[1,2,3]  x"));
        assertEquals(SYNTAX + "Token \"foo\" is invalid. | JSON data, line 4: foo...", error("[\n1,\n2,\nfoo]"));
        assertEquals(SYNTAX + "Token \"tru\" is invalid. | JSON data, line 1: "
                + "...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": tru...",
                error("{\"" + "a".repeat(75) + "\": tru}"));
    }

    @Test
    void stringErrors() {
        assertEquals("22P05 unsupported Unicode escape sequence | \\u0000 cannot be converted to text. | "
                + "JSON data, line 1: \"\\u0000...", error("\"\\u0000\""));
        assertEquals(SYNTAX + "Escape sequence \"\\x\" is invalid. | JSON data, line 1: \"\\x...", error("\"\\x\""));
        assertEquals(SYNTAX + "\"\\u\" must be followed by four hexadecimal digits. | JSON data, line 1: "
                + "{\"a\":\"\\uz...", error("{\"a\":\"\\uzzzz\"}"));
        assertEquals(SYNTAX + "Unicode low surrogate must follow a high surrogate. | JSON data, line 1: \"\\ud83d\"",
                error("\"\\ud83d\""));
        assertEquals(SYNTAX + "Unicode high surrogate must not follow a high surrogate. | JSON data, line 1: "
                + "\"\\ud83d\\ud83d...", error("\"\\ud83d\\ud83d\""));
        assertEquals(SYNTAX + "Unicode low surrogate must follow a high surrogate. | JSON data, line 1: \"\\ude00...",
                error("\"\\ude00x\""));
        assertEquals(SYNTAX + "Unicode low surrogate must follow a high surrogate. | JSON data, line 1: \"\\ud83dx...",
                error("\"\\ud83dx\""));
        assertEquals(SYNTAX + "Character with value 0x09 must be escaped. | JSON data, line 1: \"a...",
                error("\"a\tb\""));
    }

    @Test
    void orderAndEquality() {
        assertEquals(0, Jsonb.parse("{\"a\":1}").compareTo(Jsonb.parse("{\"a\":1.00}")));
        assertEquals(Jsonb.parse("[1.0]").hashCode(), Jsonb.parse("[1]").hashCode());
        String[] ascending = {"[]", "null", "\"a\"", "1", "true", "[1]", "[1,2]", "{}", "{\"b\":0}", "{\"a\":1,\"b\":0}"};
        for (int i = 0; i + 1 < ascending.length; i++) {
            Jsonb lo = Jsonb.parse(ascending[i]);
            Jsonb hi = Jsonb.parse(ascending[i + 1]);
            assertEquals(-1, Integer.signum(lo.compareTo(hi)), ascending[i] + " < " + ascending[i + 1]);
            assertEquals(1, Integer.signum(hi.compareTo(lo)), ascending[i + 1] + " > " + ascending[i]);
        }
    }
}
