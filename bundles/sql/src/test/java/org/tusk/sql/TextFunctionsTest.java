package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.sql.Transcript.rows;

import org.junit.jupiter.api.Test;

/**
 * format(), quote_*, the regexp_* functions and SIMILAR TO. Expected values are what PostgreSQL 15
 * returns for the same statements.
 */
class TextFunctionsTest {

    @Test
    void format() {
        assertEquals("this and that", rows("select format('%s and %s', 'this', 'that')"));
        assertEquals("\"Foo\"|bar|\"select\"", rows("select format('%I', 'Foo'), format('%I', 'bar'), "
                + "format('%I', 'select')"));
        assertEquals("'x'|NULL|'O''Reilly'|E'a\\\\b'", rows("select format('%L', 'x'), format('%L', null), "
                + "format('%L', 'O''Reilly'), format('%L', 'a\\b')"));
        assertEquals("2 1 2", rows("select format('%2$s %1$s %s', 1, 2)"));
        assertEquals("|   42|42   |", rows("select format('|%5s|%-5s|', 42, 42)"));
        assertEquals("|  x|x  |", rows("select format('|%*s|%*s|', 3, 'x', -3, 'x')"));
        assertEquals("100% 1.5 t", rows("select format('100%% %s %s', 1.5, true)"));
        assertEquals("", rows("select format('%s', null)"));
        assertEquals("\\N", rows("select format(null, 1)"));
        assertEquals("E ERROR 22023 too few arguments for format() @-", rows("select format('%s %s', 1)"));
        assertEquals("E ERROR 22023 unrecognized format() type specifier \"d\" @- H For a single \"%\" use \"%%\".", rows("select format('%d', 1)"));
        assertEquals("E ERROR 22004 null values cannot be formatted as an SQL identifier @-",
                rows("select format('%I', null)"));
        assertEquals("\"a b\"|'it''s'|NULL", rows("select quote_ident('a b'), quote_literal('it''s'), "
                + "quote_nullable(null)"));
    }

    @Test
    void regexpFunctions() {
        assertEquals("heLo", rows("select regexp_replace('hello', 'l+', 'L')"));
        assertEquals("X-X-X", rows("select regexp_replace('a-b-c', '[a-z]', 'X', 'g')"));
        assertEquals("ThX QXXck", rows("select regexp_replace('The QUick', '[aeiou]', 'X', 'gi')"));
        assertEquals("b-a", rows("select regexp_replace('a-b', '(\\w)-(\\w)', '\\2-\\1')"));
        assertEquals("[a]", rows("select regexp_replace('a', '.', '[\\&]')"));
        assertEquals("{bar,beque}", rows("select regexp_match('foobarbequebaz', '(bar)(beque)')"));
        assertEquals("{barbeque}", rows("select regexp_match('foobarbequebaz', 'barbeque')"));
        assertEquals("\\N", rows("select regexp_match('abc', 'z')"));
        assertEquals("t|f|t", rows("select regexp_like('Hello', 'h'::text, 'i'), regexp_like('Hello', 'h'), "
                + "regexp_like('a' || chr(10) || 'b', 'a.b')"));
        assertEquals("3|2", rows("select regexp_count('ababab', 'ab'), regexp_count('ababab', 'ab', 2)"));
        assertEquals("{hello,world,x}", rows("select regexp_split_to_array('hello world  x', '\\s+')"));
        assertEquals("{a,b,c}", rows("select regexp_split_to_array('abc', '')"));
        assertEquals("E ERROR 22023 invalid regular expression option: \"z\" @-",
                rows("select regexp_replace('a', 'a', 'b', 'z')"));
    }

    @Test
    void similarTo() {
        assertEquals("t|f|t|f", rows("select 'abc' similar to 'abc', 'abc' similar to 'a', "
                + "'abc' similar to '%(b|d)%', 'abc' not similar to 'a_c'"));
        assertEquals("t|f", rows("select 'a.c' similar to 'a.c', 'abc' similar to 'a.c'"));
        assertEquals("t|t", rows("select 'a%c' similar to 'a#%c' escape '#', 'xyz' similar to '[x-z]+'"));
        assertEquals("^(?:.*(?:b|d).*)$|^(?:a\\.b)$", rows("select similar_to_escape('%(b|d)%'), "
                + "similar_to_escape('a.b')"));
        assertEquals("E ERROR 22025 invalid escape string @- H Escape string must be empty or one character.", rows("select 'a' similar to 'a' escape 'xy'"));
    }
}
