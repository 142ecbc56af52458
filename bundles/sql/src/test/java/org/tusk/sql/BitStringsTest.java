package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bit(n) and bit varying(n): constants, input errors, the length rules of casts and assignment, operators,
 * functions, integer casts, and columns with an index. Expected values are what PostgreSQL 15 prints.
 */
class BitStringsTest {
    @RegisterExtension
    final TestCluster cluster = new TestCluster();

    private static String last(String... sql) {
        return NetworkTypesTest.last(new Transcript(), sql);
    }

    @Test
    void constantsAndLengthRules() {
        assertEquals("1010|00011111|1|10100|101|10|101", last("select B'1010', X'1F', B'101'::bit,"
                + " B'101'::bit(5), B'10101'::bit(3), B'101'::varbit(2), '101'::varbit"));
        assertEquals("1010|101|||0", last("select '101'::bit(4), '10101'::varbit(3), 'x'::bit varying, B'',"
                + " length(''::varbit)"));
        assertEquals("E ERROR 22P02 \"2\" is not a valid binary digit @8", last("select '1012'::bit(4)"));
        assertEquals("E ERROR 22P02 \"G\" is not a valid hexadecimal digit @8", last("select X'1G'"));
        assertEquals("E ERROR 22023 length for type bit must be at least 1 @14", last("select B'1'::bit(0)"));
    }

    @Test
    void operatorsAndFunctions() {
        assertEquals("1110|0110|0101|0100|0010|10011|5|5|2|3|101|1001|1|0010|4", last("select B'1010' | B'1100',"
                + " B'1010' # B'1100', ~B'1010', B'1010' << 1, B'1010' >> 2, B'10' || B'011', length(B'10101'),"
                + " bit_length(B'10101'), octet_length(B'101010101'), position(B'01' in B'1101'),"
                + " substring(B'110101' from 2 for 3), overlay(B'11111' placing B'00' from 2 for 3),"
                + " get_bit(B'0100', 1), set_bit(B'0000', 2, 1), bit_count(B'10111')"));
        assertEquals("0101|1111111111111111111111111111111111111111|101|5|11111011|1|1100", last("select 5::bit(4),"
                + " (-1)::bit(40), 5::int8::bit(3), B'0101'::int4, (-5)::bit(8), 5::bit, 300::bit(4)"));
        assertEquals("5|t|t|t|f", last("select B'0101'::int8, B'11'::bit(4) = B'1100', B'1' < B'10', B'01' < B'1',"
                + " B'1010'::varbit = B'1010'::bit"));
        assertEquals("1|11000|1|01", last("select position(B'' in B'1'), overlay(B'1111' placing B'000' from 3),"
                + " substring(B'1101' from 0 for 2), substring(B'1101' from 3)"));
        assertEquals("E ERROR 22026 cannot AND bit strings of different sizes @-", last("select B'1010' & B'101'"));
        assertEquals("E ERROR 2202E bit index 5 out of valid range (0..3) @-", last("select get_bit(B'0100', 5)"));
        assertEquals("E ERROR 22003 integer out of range @-",
                last("select B'1111111111111111111111111111111111'::int4"));
        assertEquals("E ERROR 22011 negative substring length not allowed @-",
                last("select substring(B'1101' from 2 for -1)"));
    }

    @Test
    void columnsCheckLengthsAndIndexesOrderBits() {
        Transcript t = cluster.transcript();
        t.run("create table flags (a bit(4), b varbit(3))");
        assertEquals("E ERROR 22026 bit string length 3 does not match type bit(4) @-",
                NetworkTypesTest.last(t, "insert into flags values (B'101')"));
        assertEquals("E ERROR 22001 bit string too long for type bit varying(3) @-",
                NetworkTypesTest.last(t, "insert into flags(b) values (B'1011')"));
        t.run("insert into flags values (B'1010', B'1'), (B'0001', B'10'), (B'1111', B''), (B'0000', B'01'),"
                + " (B'0100', B'100')");
        t.run("create unique index on flags (b)");
        t.run("set enable_seqscan = off");
        assertEquals(";01;1;10;100",
                NetworkTypesTest.last(t, "select b from flags where b >= B'' order by b"));
        assertEquals("0000;0001;0100;1010;1111", NetworkTypesTest.last(t, "select a from flags order by a"));
        // bit without a length reads back as bit(1), so a typmod of -1 given prints the type quoted
        t.run("create view flag_view as select a & B'0011' as f, B'01' as c from flags");
        assertEquals("\"bit\"|bit|bit(4)| SELECT (flags.a & '0011'::\"bit\") AS f,\n    '01'::\"bit\" AS c\n   FROM flags;",
                NetworkTypesTest.last(t, "select format_type(1560, -1), format_type(1560, null), format_type(1560, 4),"
                        + " pg_get_viewdef('flag_view'::regclass)"));
    }
}
