package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Text and binary formats of time, interval, uuid, bytea, oid, json, jsonb and arrays, against bytes recorded from
 * PostgreSQL 15.20 (Debian 15.20-0+deb12u1, initdb --encoding=UTF8 --locale=C.UTF-8, default settings):
 * the binary forms are the hex output of the types' send functions, e.g.
 * {@code psql -At -c "select interval_send('1 year 2 mons 3 days 04:05:06.5'::interval)"} (the bytea a
 * send function returns is exactly what a binary result column carries), the text forms that server's
 * output for the same values ({@code select '...'::interval::text}).
 */
class TypeFormatsTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    /** Both directions: the binary bytes decode to the text, and the text encodes to the bytes. */
    private static void roundTrip(int oid, String text, String binaryHex) {
        assertEquals(text, BinaryFormats.toText(oid, hex(binaryHex)), "recv+out of " + binaryHex);
        assertEquals(binaryHex, HexFormat.of().formatHex(BinaryFormats.fromText(oid, text)), "in+send of " + text);
    }

    @Test
    void floatsInFloat8outsShortestForm() {
        // select float8send(1e10), 1e10::float8, float4send(0.1), ... on PostgreSQL 15
        roundTrip(TypeOids.FLOAT8, "10000000000", "4202a05f20000000");
        roundTrip(TypeOids.FLOAT4, "0.1", "3dcccccd");
        roundTrip(TypeOids.FLOAT8, "-0", "8000000000000000");
        roundTrip(TypeOids.FLOAT8, "1.5e-05", "3eef75104d551d69");
        roundTrip(TypeOids.FLOAT4, "1.2345679e+08", "4ceb79a3");
    }

    @Test
    void numericSpecialValuesAndScales() {
        // select numeric_send('NaN'), numeric_send('Infinity'), ... on PostgreSQL 15
        roundTrip(TypeOids.NUMERIC, "NaN", "00000000c0000000");
        roundTrip(TypeOids.NUMERIC, "Infinity", "00000000d0000020");
        roundTrip(TypeOids.NUMERIC, "-Infinity", "00000000f0000020");
        roundTrip(TypeOids.NUMERIC, "0", "0000000000000000");
        roundTrip(TypeOids.NUMERIC, "0.00", "0000000000000002");
        roundTrip(TypeOids.NUMERIC, "-12345678.9", "000300014000000104d2162e2328");
        roundTrip(TypeOids.NUMERIC, "100000000000000000000", "00010005000000000001");
        roundTrip(TypeOids.NUMERIC, "0.0001", "0001ffff000000040001");
    }

    @Test
    void time() {
        roundTrip(TypeOids.TIME, "04:05:06.5", "000000036c9361a0");
        roundTrip(TypeOids.TIME, "00:00:00", "0000000000000000");
        roundTrip(TypeOids.TIME, "24:00:00", "000000141dd76000");
        roundTrip(TypeOids.TIME, "23:59:59.999999", "000000141dd75fff");
        assertEquals("04:05:00", TextFormats.timeText(TextFormats.timeMicros("04:05")));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.timeMicros("24:00:01"));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.timeMicros("noon"));
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.TIME, hex("ffffffffffffffff")));
    }

    @Test
    void intervalInPostgresStyle() {
        roundTrip(TypeOids.INTERVAL, "1 year 2 mons 3 days 04:05:06.5", "000000036c9361a0000000030000000e");
        roundTrip(TypeOids.INTERVAL, "-1 years -2 mons +3 days -04:05:06", "fffffffc93743f8000000003fffffff2");
        roundTrip(TypeOids.INTERVAL, "00:00:00", "00000000000000000000000000000000");
        roundTrip(TypeOids.INTERVAL, "1 day -00:00:01", "fffffffffff0bdc00000000100000000");
        roundTrip(TypeOids.INTERVAL, "-00:00:00.000001", "ffffffffffffffff0000000000000000");
        roundTrip(TypeOids.INTERVAL, "100:00:00", "00000053d1ac10000000000000000000");
        roundTrip(TypeOids.INTERVAL, "1 mon", "00000000000000000000000000000001");
        // Text output of '13 mons', '-1 mons', '2 years', '1 day', '-1 days' on PostgreSQL 15.
        assertEquals("1 year 1 mon", Interval.parse("13 mons").toString());
        assertEquals("-1 mons", Interval.parse("-1 mons").toString());
        assertEquals("2 years", Interval.parse("2 years").toString());
        assertEquals("1 day", Interval.parse("1 day").toString());
        assertEquals("-1 days", Interval.parse("-1 days").toString());
    }

    @Test
    void intervalInputSpellings() {
        assertEquals(new Interval(0, 0, 5_400_000_000L), Interval.parse("1.5 hours"));
        assertEquals(new Interval(0, -3, 0), Interval.parse("3 days ago"));
        assertEquals(new Interval(0, 0, 120_000_000L), Interval.parse("@ 2 mins"));
        assertEquals(new Interval(0, 0, 37_800_000_000L), Interval.parse("10:30"));
        assertEquals(new Interval(0, 0, 5_000_000L), Interval.parse("5"));
        assertEquals(new Interval(0, 14, 0), Interval.parse("2 weeks"));
        assertEquals(new Interval(18, 0, 0), Interval.parse("1.5 years"));
        assertEquals(new Interval(0, 1, 43_200_000_000L), Interval.parse("1.5 days"));
        assertThrows(IllegalArgumentException.class, () -> Interval.parse("1 fortnight"));
        assertThrows(IllegalArgumentException.class, () -> Interval.parse(""));
    }

    @Test
    void uuid() {
        roundTrip(TypeOids.UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11");
        // PostgreSQL accepts upper case, braces and hyphens after any group of four digits.
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                TextFormats.uuidText(TextFormats.uuidValue("{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}")));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.uuidValue("a0eebc99-9c0b-4ef8-bb6d"));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.uuidValue("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11x"));
    }

    @Test
    void bytea() {
        roundTrip(TypeOids.BYTEA, "\\x00ff41", "00ff41");
        // Escape input 'a\\b\001' and hex input with a blank, as PostgreSQL 15 reads them.
        assertEquals("\\x615c6201", TextFormats.byteaText(TextFormats.byteaValue("a\\\\b\\001")));
        assertEquals("\\x4142", TextFormats.byteaText(TextFormats.byteaValue("\\x41 42")));
        assertEquals("\\x", TextFormats.byteaText(TextFormats.byteaValue("")));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.byteaValue("\\x4"));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.byteaValue("a\\9"));
    }

    @Test
    void oid() {
        roundTrip(TypeOids.OID, "4294967295", "ffffffff");
        assertEquals("4294967295", TextFormats.oidText(TextFormats.oidValue("-1")));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.oidValue("4294967296"));
        assertThrows(IllegalArgumentException.class, () -> TextFormats.oidValue("x"));
    }

    @Test
    void jsonAndJsonb() {
        // select jsonb_send('{"a": [1, "é"]}'), json_send('{"b" : 1}'), array_send('{"{\"a\": 1}",null}'::jsonb[])
        roundTrip(TypeOids.JSONB, "{\"a\": [1, \"é\"]}", "017b2261223a205b312c2022c3a9225d7d");
        roundTrip(TypeOids.JSON, "{\"b\" : 1}", "7b226222203a20317d");
        roundTrip(TypeOids.JSONB_ARRAY, "{\"{\\\"a\\\": 1}\",NULL}",
                "000000010000000100000eda000000020000000100000009017b2261223a20317dffffffff");
        // jsonb_recv knows only version 1.
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.JSONB, hex("027b7d")));
    }

    @Test
    void arraysInBinary() {
        roundTrip(TypeOids.INT4_ARRAY, "{1,2,NULL,4}",
                "000000010000000100000017000000040000000100000004000000010000000400000002ffffffff0000000400000004");
        roundTrip(TypeOids.TEXT_ARRAY, "{\"a b\",NULL,\"\",\"x\\\"y\",\"NULL\",\"a,b\",\"c\\\\d\",\" s \"}",
                "000000010000000100000019000000080000000100000003612062ffffffff0000000000000003782279000000044e554c4c"
                        + "00000003612c6200000003635c6400000003207320");
        roundTrip(TypeOids.INT4_ARRAY, "{}", "000000000000000000000017");
        roundTrip(TypeOids.BOOL_ARRAY, "{t,f}", "000000010000000000000010000000020000000100000001010000000100");
        roundTrip(TypeOids.NUMERIC_ARRAY, "{1.5,2}",
                "0000000100000000000006a400000002000000010000000c0002000000000001000113880000000a00010000000000000002");
        roundTrip(TypeOids.INT8_ARRAY, "[0:1]={5,6}",
                "0000000100000000000000140000000200000000000000080000000000000005000000080000000000000006");
        roundTrip(TypeOids.INTERVAL_ARRAY, "{\"1 day\"}",
                "0000000100000000000004a200000001000000010000001000000000000000000000000100000000");
        assertThrows(IllegalArgumentException.class,
                () -> BinaryFormats.toText(TypeOids.INT8_ARRAY, hex("000000010000000100000017000000040000000100000004")));
    }

    @Test
    void arrayTextQuoting() {
        // PostgreSQL 15: select ARRAY['{'::text,'}','a;b',E'tab\there','null'], ARRAY['\x01'::bytea]
        assertEquals("{\"{\",\"}\",a;b,\"tab\there\",\"null\"}", ArrayFormats.format(ArrayFormats.TextArray.of(
                List.of("{", "}", "a;b", "tab\there", "null"))));
        assertEquals("{\"\\\\x01\"}", ArrayFormats.format(ArrayFormats.TextArray.of(List.of("\\x01"))));
        assertEquals("{\"2020-01-01 10:00:00\"}",
                ArrayFormats.format(ArrayFormats.TextArray.of(List.of("2020-01-01 10:00:00"))));
    }

    @Test
    void arrayTextInput() {
        assertEquals(Arrays.asList("a b", null, "", "x\"y", "NULL", "a,b", "c\\d", " s "), ArrayFormats.parse(
                "{\"a b\",NULL,\"\",\"x\\\"y\",\"NULL\",\"a,b\", \"c\\\\d\", \" s \"}").elements());
        assertEquals(Arrays.asList("1", "2", null), ArrayFormats.parse(" { 1 , 2 ,null } ").elements());
        assertEquals(List.of("N\\ULL".replace("\\", "")), ArrayFormats.parse("{N\\ULL}").elements());
        assertEquals(0, ArrayFormats.parse("[0:1]={5,6}").lowerBound());
        assertThrows(IllegalArgumentException.class, () -> ArrayFormats.parse("{1,2"));
        assertThrows(IllegalArgumentException.class, () -> ArrayFormats.parse("1,2"));
        assertThrows(IllegalArgumentException.class, () -> ArrayFormats.parse("{1,,2}"));
        assertThrows(IllegalArgumentException.class, () -> ArrayFormats.parse("[1:3]={1}"));
    }

    @Test
    void multidimensionalArraysInText() {
        ArrayFormats.TextArray a = ArrayFormats.parse(" { {1, 2} , {3,NULL} } ");
        assertEquals(List.of(2, 2), a.dims());
        assertEquals(List.of(1, 1), a.lowerBounds());
        assertEquals(Arrays.asList("1", "2", "3", null), a.elements());
        assertEquals("{{1,2},{3,NULL}}", ArrayFormats.format(a));
        ArrayFormats.TextArray b = ArrayFormats.parse("[0:1][3:4]={{1,2},{3,4}}");
        assertEquals(List.of(0, 3), b.lowerBounds());
        assertEquals("[0:1][3:4]={{1,2},{3,4}}", ArrayFormats.format(b));
        assertEquals("{{{1}}}", ArrayFormats.format(ArrayFormats.parse("{{{1}}}")));
        assertEquals("{{1,2}}", ArrayFormats.format(ArrayFormats.parse("[1:1][1:2]={{1,2}}")));
        assertEquals("{1,2}", ArrayFormats.format(ArrayFormats.parse("[2]={1,2}")));
        assertEquals("{}", ArrayFormats.format(ArrayFormats.parse("{}")));
    }

    /** The DETAIL PostgreSQL 15 gives for each malformed literal (select 'literal'::int[]). */
    @Test
    void malformedArrayDetails() {
        String[][] cases = {
            {"{{1,2},{3}}", "Multidimensional arrays must have sub-arrays with matching dimensions."},
            {"{1,{2}}", "Unexpected \"{\" character."},
            {"{{1},2}", "Unexpected array element."},
            {"{{1,2},3}", "Unexpected array element."},
            {"{{1},{2}", "Unexpected end of input."},
            {"{{1}}}", "Junk after closing right brace."},
            {"{{1,2},{3,4}} x", "Junk after closing right brace."},
            {"{{}}", "Unexpected \"}\" character."},
            {"{{1,2},{}}", "Unexpected \"}\" character."},
            {"[1:2]={{1},{2}}", "Specified array dimensions do not match array contents."},
            {"[1:2][1:2]={{1},{2}}", "Specified array dimensions do not match array contents."},
            {"[1:1]={}", "Specified array dimensions do not match array contents."},
            {"{,}", "Unexpected \",\" character."},
            {"{1,}", "Unexpected \"}\" character."},
            {"[1:2", "Missing \"]\" after array dimensions."},
            {"[a:2]={1,2}", "\"[\" must introduce explicitly-specified array dimensions."},
            {"[1:2]{1,2}", "Missing \"=\" after array dimensions."},
            {"1,2", "Array value must start with \"{\" or dimension information."},
        };
        for (String[] c : cases) {
            ArrayFormats.MalformedArrayException e = assertThrows(ArrayFormats.MalformedArrayException.class,
                    () -> ArrayFormats.parse(c[0]), c[0]);
            assertEquals("malformed array literal: \"" + c[0] + "\"", e.getMessage());
            assertEquals(c[1], e.detail(), c[0]);
        }
        ArrayFormats.InvalidArrayException bounds = assertThrows(ArrayFormats.InvalidArrayException.class,
                () -> ArrayFormats.parse("[2:1]={}"));
        assertEquals("2202E", bounds.sqlState());
        assertEquals("upper bound cannot be less than lower bound", bounds.getMessage());
        ArrayFormats.InvalidArrayException deep = assertThrows(ArrayFormats.InvalidArrayException.class,
                () -> ArrayFormats.parse("{{{{{{{1}}}}}}}"));
        assertEquals("54000", deep.sqlState());
        assertEquals("number of array dimensions (7) exceeds the maximum allowed (6)", deep.getMessage());
    }

    /** Bytes from PostgreSQL 15's array_send (select encode(array_send('...'::int[]), 'hex')). */
    @Test
    void multidimensionalArraysInBinary() {
        roundTrip(TypeOids.INT4_ARRAY, "[0:1][2:3]={{1,2},{3,NULL}}", "000000020000000100000017"
                + "0000000200000000" + "0000000200000002"
                + "0000000400000001" + "0000000400000002" + "0000000400000003" + "ffffffff");
        roundTrip(TypeOids.TEXT_ARRAY, "{{{a}},{{b}}}", "000000030000000000000019"
                + "000000020000000100000001000000010000000100000001" + "0000000161" + "0000000162");
        roundTrip(TypeOids.INT2_ARRAY, "{{1,2,3}}", "000000020000000000000015"
                + "0000000100000001" + "0000000300000001" + "000000020001" + "000000020002" + "000000020003");
        // A dimension of size 0 is an empty array; more than six dimensions are refused.
        assertEquals("{}", BinaryFormats.toText(TypeOids.INT4_ARRAY,
                hex("000000020000000000000017" + "0000000000000001" + "0000000300000001")));
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.toText(TypeOids.INT4_ARRAY,
                hex("000000070000000000000017")));
    }

    @Test
    void arrayTypesKnowTheirElements() {
        assertEquals(TypeOids.INT4, TypeOids.elementType(TypeOids.INT4_ARRAY));
        assertEquals(TypeOids.UUID_ARRAY, TypeOids.arrayType(TypeOids.UUID));
        assertEquals(0, TypeOids.elementType(TypeOids.INT4));
        assertArrayEquals(hex("000000000000000000000019"), BinaryFormats.fromText(TypeOids.TEXT_ARRAY, "{}"));
    }
}
