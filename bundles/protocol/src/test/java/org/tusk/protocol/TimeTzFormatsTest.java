package org.tusk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** timetz's text form and its binary form (timetz_send: int64 microseconds, int32 zone west of Greenwich). */
class TimeTzFormatsTest {

    @Test
    void textFormPrintsTheOffsetEastOfGreenwich() {
        assertEquals("12:34:56.5+05:30", TimeTzFormats.text(45_296_500_000L, -19_800));
        assertEquals("00:00:00-08", TimeTzFormats.text(0, 28_800));
        assertEquals("24:00:00+00", TimeTzFormats.text(86_400_000_000L, 0));
        assertEquals("01:00:00+01:02:03", TimeTzFormats.text(3_600_000_000L, -3723));
    }

    @Test
    void parseReadsEveryOffsetSpelling() {
        assertArrayEquals(new long[] {45_296_500_000L, -19_800}, TimeTzFormats.parse("12:34:56.5+05:30"));
        assertArrayEquals(new long[] {45_296_000_000L, -19_800}, TimeTzFormats.parse("12:34:56+0530"));
        assertArrayEquals(new long[] {0, 28_800}, TimeTzFormats.parse("00:00-08"));
        assertThrows(IllegalArgumentException.class, () -> TimeTzFormats.parse("12:00"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeTzFormats.parse("12:00+16:00"));
        assertTrue(e.getMessage().startsWith("time zone displacement out of range"), e.getMessage());
    }

    @Test
    void binaryFormIsMicrosThenZoneWest() {
        assertTrue(BinaryFormats.supports(TypeOids.TIMETZ));
        byte[] bytes = BinaryFormats.fromText(TypeOids.TIMETZ, "12:34:56.5+05:30");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals(12, bytes.length);
        assertEquals(45_296_500_000L, b.getLong());
        assertEquals(-19_800, b.getInt());
        assertEquals("12:34:56.5+05:30", BinaryFormats.toText(TypeOids.TIMETZ, bytes));
        assertEquals(TypeOids.TIMETZ, TypeOids.elementType(TypeOids.TIMETZ_ARRAY));
        byte[] array = BinaryFormats.fromText(TypeOids.TIMETZ_ARRAY, "{01:00:00-02,NULL}");
        assertEquals("{01:00:00-02,NULL}", BinaryFormats.toText(TypeOids.TIMETZ_ARRAY, array));
    }
}
