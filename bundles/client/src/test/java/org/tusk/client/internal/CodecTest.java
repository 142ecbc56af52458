package org.tusk.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tusk.protocol.TypeOids;

/** Value encoding and decoding without a server (the real-server tests check the same against PostgreSQL). */
class CodecTest {

    private static Object text(int oid, String s) {
        return Codec.decode(oid, 0, s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textArraysAsPostgresPrintsThem() {
        assertEquals(List.of(1, 2, 3), text(TypeOids.INT4_ARRAY, "{1,2,3}"));
        assertEquals(List.of(), text(TypeOids.INT4_ARRAY, "{}"));
        assertEquals(Arrays.asList("a b", null, "NULL", "q\"uote", "back\\slash", ""),
                text(TypeOids.TEXT_ARRAY, "{\"a b\",NULL,\"NULL\",\"q\\\"uote\",\"back\\\\slash\",\"\"}"));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), text(TypeOids.INT8_ARRAY, "{{1,2},{3,4}}"));
        assertEquals(List.of(5, 6), text(TypeOids.INT4_ARRAY, "[0:1]={5,6}"), "explicit bounds are dropped");
    }

    /** Bytes of PostgreSQL 15's array_send (select encode(array_send('...'::int[]), 'hex')). */
    @Test
    void binaryMultidimensionalArraysAsNestedLists() {
        byte[] twoByTwo = java.util.HexFormat.of().parseHex("000000020000000100000017"
                + "0000000200000000" + "0000000200000002"
                + "0000000400000001" + "0000000400000002" + "0000000400000003" + "ffffffff");
        assertEquals(List.of(List.of(1, 2), Arrays.asList(3, null)), Codec.decode(TypeOids.INT4_ARRAY, 1, twoByTwo));
        byte[] texts = java.util.HexFormat.of().parseHex("000000030000000000000019"
                + "000000020000000100000001000000010000000100000001" + "0000000161" + "0000000162");
        assertEquals(List.of(List.of(List.of("a")), List.of(List.of("b"))),
                Codec.decode(TypeOids.TEXT_ARRAY, 1, texts));
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), text(TypeOids.INT4_ARRAY, "[0:1][3:4]={{1,2},{3,4}}"));
    }

    @Test
    void timestampsWithOffsetsAndInfinity() {
        assertEquals(OffsetDateTime.of(2026, 11, 23, 20, 42, 1, 500_000_000, ZoneOffset.ofHours(1)),
                text(TypeOids.TIMESTAMPTZ, "2026-11-23 20:42:01.5+01"));
        assertEquals(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                text(TypeOids.TIMESTAMPTZ, "2026-01-02 03:04:05+05:30"));
        assertEquals(OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(-(3 * 3600 + 12))),
                text(TypeOids.TIMESTAMPTZ, "1900-01-01 00:00:00-03:00:12"));
        assertEquals(OffsetDateTime.MAX, text(TypeOids.TIMESTAMPTZ, "infinity"));
        assertEquals(LocalDateTime.MIN, text(TypeOids.TIMESTAMP, "-infinity"));
        assertEquals(LocalDate.MAX, text(TypeOids.DATE, "infinity"));
        assertEquals(LocalDate.MAX, Codec.decode(TypeOids.DATE, 1, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
    }

    @Test
    void integersFromBytes() {
        assertEquals(-42, Codec.parseInteger("-42".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Long.MIN_VALUE, Codec.parseInteger(Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII)));
        assertThrows(NumberFormatException.class, () -> Codec.parseInteger("1.5".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(NumberFormatException.class, () -> Codec.parseInteger("-".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(-2, Codec.binaryInteger(new byte[] {(byte) 0xff, (byte) 0xfe}));
        assertEquals(-2, Codec.binaryInteger(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}));
        assertEquals(1L << 40, Codec.binaryInteger(new byte[] {0, 0, 1, 0, 0, 0, 0, 0}));
    }

    @Test
    void parametersGoInBinaryOnlyForTheirNaturalType() {
        Codec.Encoded i = Codec.encode(7, TypeOids.INT4);
        assertEquals(1, i.format());
        assertArrayEquals(new byte[] {0, 0, 0, 7}, i.bytes());
        Codec.Encoded asInt8 = Codec.encode(7, TypeOids.INT8);
        assertEquals(0, asInt8.format(), "another type: text, which the server's input function parses");
        assertArrayEquals("7".getBytes(StandardCharsets.US_ASCII), asInt8.bytes());
        assertEquals(0, Codec.encode(new BigDecimal("1E+3"), TypeOids.NUMERIC).format());
        assertEquals("1000", new String(Codec.encode(new BigDecimal("1E+3"), TypeOids.NUMERIC).bytes(),
                StandardCharsets.US_ASCII));
        UUID u = UUID.randomUUID();
        assertEquals(u, Codec.decode(TypeOids.UUID, 1, Codec.encode(u, TypeOids.UUID).bytes()));
        assertEquals(TypeOids.TEXT_ARRAY, Codec.oidOf(List.of("a")));
        assertEquals(TypeOids.INT8_ARRAY, Codec.oidOf(new Long[] {1L}));
        assertEquals("{\"1\",NULL,\"x\\\"y\"}", Codec.text(Arrays.asList(1, null, "x\"y")));
        assertEquals("\\x00ff", Codec.text(new byte[] {0, (byte) 0xff}));
        assertEquals(0, Codec.oidOf("text is untyped"));
    }

    @Test
    void timetzDecodesToOffsetTime() {
        java.time.OffsetTime expected = java.time.OffsetTime.of(12, 34, 56, 500_000_000,
                java.time.ZoneOffset.ofHoursMinutes(5, 30));
        assertEquals(expected, Codec.decode(TypeOids.TIMETZ, 0, "12:34:56.5+05:30".getBytes(StandardCharsets.UTF_8)));
        byte[] binary = org.tusk.protocol.BinaryFormats.fromText(TypeOids.TIMETZ, "12:34:56.5+05:30");
        assertEquals(expected, Codec.decode(TypeOids.TIMETZ, 1, binary));
        assertEquals(true, Codec.binaryResult(TypeOids.TIMETZ));
    }
}
