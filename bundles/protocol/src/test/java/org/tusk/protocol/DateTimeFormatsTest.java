package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Binary date and time values as PostgreSQL sends them: counts since 2000-01-01. */
class DateTimeFormatsTest {

    private static byte[] int4(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] int8(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    @Test
    void datesCountDaysFromPostgresEpoch() {
        assertArrayEquals(int4(0), BinaryFormats.fromText(TypeOids.DATE, "2000-01-01"));
        assertArrayEquals(int4(-1), BinaryFormats.fromText(TypeOids.DATE, "1999-12-31"));
        assertArrayEquals(int4(9823), BinaryFormats.fromText(TypeOids.DATE, "2026-11-23"));
        assertEquals("2026-11-23", BinaryFormats.toText(TypeOids.DATE, int4(9823)));
        assertEquals("infinity", BinaryFormats.toText(TypeOids.DATE, int4(Integer.MAX_VALUE)));
        assertArrayEquals(int4(Integer.MIN_VALUE), BinaryFormats.fromText(TypeOids.DATE, "-infinity"));
        assertEquals("0044-03-15 BC", BinaryFormats.toText(TypeOids.DATE,
                BinaryFormats.fromText(TypeOids.DATE, "0044-03-15 BC")), "BC dates survive the round trip");
    }

    @Test
    void timestampsCountMicrosecondsAndDropTrailingZeros() {
        assertArrayEquals(int8(1_500_000), BinaryFormats.fromText(TypeOids.TIMESTAMP, "2000-01-01 00:00:01.5"));
        assertEquals("2000-01-01 00:00:01.5", BinaryFormats.toText(TypeOids.TIMESTAMP, int8(1_500_000)));
        assertEquals("1999-12-31 23:59:59.999999", BinaryFormats.toText(TypeOids.TIMESTAMP, int8(-1)));
        assertEquals("2026-11-23 20:42:01.123456", BinaryFormats.toText(TypeOids.TIMESTAMP,
                BinaryFormats.fromText(TypeOids.TIMESTAMP, "2026-11-23 20:42:01.123456")));
    }

    @Test
    void timestamptzIsUtcAndHonoursTheOffsetOfItsText() {
        assertArrayEquals(int8(0), BinaryFormats.fromText(TypeOids.TIMESTAMPTZ, "2000-01-01 01:00:00+01"));
        assertArrayEquals(int8(0), BinaryFormats.fromText(TypeOids.TIMESTAMPTZ, "1999-12-31 18:30:00-05:30"));
        assertArrayEquals(int8(0), BinaryFormats.fromText(TypeOids.TIMESTAMPTZ, "2000-01-01 00:00:00+00"));
        assertEquals("2000-01-01 00:00:00+00", BinaryFormats.toText(TypeOids.TIMESTAMPTZ, int8(0)));
        assertThrows(IllegalArgumentException.class, () -> BinaryFormats.fromText(TypeOids.TIMESTAMPTZ, "yesterday"));
    }
}
