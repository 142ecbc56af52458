package org.tusk.storage.heap;

import org.tusk.storage.access.Interval;
import org.tusk.storage.access.NumericSpecial;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageException;

class HeapTupleTest {

    /** One column of every supported type, and a sample value of each. */
    private static final Object[][] SAMPLES = {
        {PgType.BOOL, true},
        {PgType.INT2, (short) -12345},
        {PgType.INT4, 123456789},
        {PgType.INT8, Long.MIN_VALUE + 7},
        {PgType.FLOAT4, -1.5e-7f},
        {PgType.FLOAT8, Double.NaN},
        {PgType.NUMERIC, new BigDecimal("-123456789012345678901234567890.000120")},
        {PgType.TEXT, "héllo, wörld 🐘"},
        {PgType.VARCHAR, "x".repeat(300)},
        {PgType.BPCHAR, "ab  "},
        {PgType.NAME, "pg_class"},
        {PgType.BYTEA, new byte[] {0, 1, (byte) 0xFF, 0}},
        {PgType.DATE, LocalDate.of(1999, 12, 31)},
        {PgType.TIME, 86_399_999_999L},
        {PgType.TIMESTAMP, LocalDateTime.of(2026, 11, 23, 22, 55, 1, 123_456_000)},
        {PgType.TIMESTAMPTZ, OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 1000, ZoneOffset.UTC).toInstant()},
        {PgType.INTERVAL, new Interval(-3_600_000_000L, 2, 14)},
        {PgType.UUID, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")},
        {PgType.OID, 4_294_967_294L},
    };

    private static TupleDescriptor allTypes() {
        List<Attribute> attributes = new ArrayList<>();
        for (Object[] s : SAMPLES) {
            attributes.add(Attribute.of("c_" + s[0], (PgType) s[0]));
        }
        return new TupleDescriptor(attributes);
    }

    private static Object[] roundTrip(TupleDescriptor descriptor, Object[] row) {
        return HeapTuple.deform(descriptor, MemorySegment.ofArray(HeapTuple.form(descriptor, row)));
    }

    private static void assertRowEquals(Object[] expected, Object[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) actual[i], "column " + i);
            } else {
                assertEquals(expected[i], actual[i], "column " + i);
            }
        }
    }

    @Test
    void everyTypeRoundTrips() {
        TupleDescriptor d = allTypes();
        Object[] row = Arrays.stream(SAMPLES).map(s -> s[1]).toArray();
        assertRowEquals(row, roundTrip(d, row));
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, row));
        assertEquals(d.size(), HeapTupleHeader.natts(t));
        assertFalse(HeapTupleHeader.hasAny(t, HeapTupleHeader.HEAP_HASNULL));
        assertTrue(HeapTupleHeader.hasAny(t, HeapTupleHeader.HEAP_HASVARWIDTH));
        assertTrue(HeapTupleHeader.hasAny(t, HeapTupleHeader.HEAP_XMAX_INVALID));
        assertEquals(40, HeapTupleHeader.hoff(t));
    }

    @Test
    void everyTypeAsNullAndBetweenNulls() {
        TupleDescriptor d = allTypes();
        Object[] values = Arrays.stream(SAMPLES).map(s -> s[1]).toArray();
        for (int i = 0; i < values.length; i++) {
            // Only column i is null; then only column i is not null.
            Object[] oneNull = values.clone();
            oneNull[i] = null;
            assertRowEquals(oneNull, roundTrip(d, oneNull));
            Object[] onlyOne = new Object[values.length];
            onlyOne[i] = values[i];
            assertRowEquals(onlyOne, roundTrip(d, onlyOne));
        }
        Object[] allNull = new Object[values.length];
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, allNull));
        assertTrue(HeapTupleHeader.hasAny(t, HeapTupleHeader.HEAP_HASNULL));
        assertEquals(40, t.byteSize(), "header and a 3-byte bitmap, no data");
        assertRowEquals(allNull, HeapTuple.deform(d, t));
    }

    @Test
    void aMaskDecodesOnlyTheWantedColumnsWithNullsAndVarlenasBeforeThem() {
        TupleDescriptor d = allTypes();
        Object[] row = Arrays.stream(SAMPLES).map(s -> s[1]).toArray();
        row[3] = null; // a null before the wanted columns moves the offsets of the rest
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, row));
        for (int wantedColumn = 0; wantedColumn < row.length; wantedColumn++) {
            boolean[] wanted = new boolean[row.length];
            wanted[wantedColumn] = true;
            wanted[0] = true;
            Object[] expected = new Object[row.length];
            expected[0] = row[0];
            expected[wantedColumn] = row[wantedColumn];
            assertRowEquals(expected, HeapTuple.deform(d, t, wanted));
        }
        assertRowEquals(new Object[row.length], HeapTuple.deform(d, t, new boolean[row.length]));
        assertRowEquals(row, HeapTuple.deform(d, t, null));
    }

    @Test
    void specialNumericsAndFloatsRoundTrip() {
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("n", PgType.NUMERIC), Attribute.of("f", PgType.FLOAT8),
                Attribute.of("r", PgType.FLOAT4));
        for (Object[] row : new Object[][] {
            {NumericSpecial.NAN, Double.NEGATIVE_INFINITY, Float.NaN},
            {NumericSpecial.POSITIVE_INFINITY, -0.0, Float.POSITIVE_INFINITY},
            {NumericSpecial.NEGATIVE_INFINITY, Double.MIN_VALUE, -0.0f},
            {new BigDecimal("0"), 1.0, 1.0f},
            {new BigDecimal("1E+5"), 1.0, 1.0f}, // negative scale is stored with scale 0
        }) {
            Object[] back = roundTrip(d, row);
            if (row[0] instanceof BigDecimal b) {
                assertEquals(0, b.compareTo((BigDecimal) back[0]));
                assertTrue(((BigDecimal) back[0]).scale() >= 0);
            } else {
                assertEquals(row[0], back[0]);
            }
            assertEquals(Double.doubleToRawLongBits((Double) row[1]), Double.doubleToRawLongBits((Double) back[1]));
            assertEquals(Float.floatToRawIntBits((Float) row[2]), Float.floatToRawIntBits((Float) back[2]));
        }
    }

    @Test
    void arraysOfEveryTypeRoundTrip() {
        for (Object[] s : SAMPLES) {
            PgType type = (PgType) s[0];
            TupleDescriptor d = TupleDescriptor.of(Attribute.of("b", PgType.BOOL), Attribute.arrayOf("a", type, false));
            List<Object> elements = Arrays.asList(s[1], null, s[1]);
            Object[] back = roundTrip(d, new Object[] {true, elements});
            List<?> list = (List<?>) back[1];
            assertEquals(3, list.size(), type.toString());
            assertNull(list.get(1));
            for (int i : new int[] {0, 2}) {
                if (s[1] instanceof byte[] b) {
                    assertArrayEquals(b, (byte[]) list.get(i));
                } else {
                    assertEquals(s[1], list.get(i), type.toString());
                }
            }
            assertEquals(List.of(), roundTrip(d, new Object[] {false, List.of()})[1], "empty " + type);
            assertEquals(List.of(s[1], s[1]).size(), ((List<?>) roundTrip(d, new Object[] {false, List.of(s[1], s[1])})[1]).size());
        }
        assertEquals(1007, Attribute.arrayOf("a", PgType.INT4, false).typeOid());
        assertEquals('d', Attribute.arrayOf("a", PgType.INT8, false).align());
        assertEquals('i', Attribute.arrayOf("a", PgType.BOOL, false).align());
        assertEquals(PgType.TEXT, PgType.elementOfArray(1009));
    }

    // ---------------------------------------------------------------- alignment facts

    private static int dataSize(TupleDescriptor d, Object... row) {
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, row));
        return (int) t.byteSize() - HeapTupleHeader.hoff(t);
    }

    private static int offsetOf(TupleDescriptor d, int column, Object... row) {
        MemorySegment t = MemorySegment.ofArray(HeapTuple.form(d, row));
        return HeapTuple.attributeOffset(d, t, column) - HeapTupleHeader.hoff(t);
    }

    /**
     * Data-area sizes as PostgreSQL reports them: pg_column_size(ROW(...)) minus its 24-byte header,
     * e.g. {@code SELECT pg_column_size(ROW(true, 1::int8))} is 40, so 16 bytes of data. Every number
     * below was checked with PostgreSQL 15.20 (single-user mode, 2026-11-23): 40, 32, 28, 33, 29, 232,
     * 152, 159, 89, 41, 48, 26 and 41 bytes for the rows in the order they appear here.
     */
    @Test
    void alignmentMatchesPostgres() {
        TupleDescriptor boolInt8 = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("b", PgType.INT8));
        assertEquals(8, offsetOf(boolInt8, 1, true, 1L), "int8 after a bool starts at offset 8");
        assertEquals(16, dataSize(boolInt8, true, 1L));
        TupleDescriptor boolInt4 = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("b", PgType.INT4));
        assertEquals(4, offsetOf(boolInt4, 1, true, 1));
        assertEquals(8, dataSize(boolInt4, true, 1)); // pg_column_size(ROW(true, 1)) = 32
        TupleDescriptor boolInt2 = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("b", PgType.INT2));
        assertEquals(2, offsetOf(boolInt2, 1, true, (short) 1));
        assertEquals(4, dataSize(boolInt2, true, (short) 1)); // pg_column_size(ROW(true, 1::int2)) = 28
        TupleDescriptor int8Bool = TupleDescriptor.of(Attribute.of("a", PgType.INT8), Attribute.of("b", PgType.BOOL));
        assertEquals(9, dataSize(int8Bool, 1L, true)); // pg_column_size(ROW(1::int8, true)) = 33
        // A short text needs no alignment: 1-byte header then the bytes.
        TupleDescriptor boolText = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("b", PgType.TEXT));
        assertEquals(1, offsetOf(boolText, 1, true, "abc"));
        assertEquals(5, dataSize(boolText, true, "abc")); // pg_column_size(ROW(true, 'abc'::text)) = 29
        // A long text gets a 4-byte header aligned to 4.
        assertEquals(4, offsetOf(boolText, 1, true, "x".repeat(200)));
        assertEquals(4 + 4 + 200, dataSize(boolText, true, "x".repeat(200)));
        // 126 bytes of text is the largest short varlena (127 with the header).
        assertEquals(1 + 1 + 126, dataSize(boolText, true, "x".repeat(126)));
        assertEquals(4 + 4 + 127, dataSize(boolText, true, "x".repeat(127)));
        // name is 64 bytes, char-aligned; uuid 16, char-aligned; interval 16, double-aligned.
        TupleDescriptor boolName = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("n", PgType.NAME));
        assertEquals(65, dataSize(boolName, true, "x"));
        TupleDescriptor boolUuid = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("u", PgType.UUID));
        assertEquals(17, dataSize(boolUuid, true, new UUID(1, 2)));
        TupleDescriptor boolInterval = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("i", PgType.INTERVAL));
        assertEquals(24, dataSize(boolInterval, true, new Interval(1, 2, 3)));
        // A null is skipped entirely, so no padding for it either.
        TupleDescriptor boolInt8Bool = TupleDescriptor.of(Attribute.of("a", PgType.BOOL), Attribute.of("b", PgType.INT8),
                Attribute.of("c", PgType.BOOL));
        assertEquals(2, dataSize(boolInt8Bool, true, null, false));
        assertEquals(17, dataSize(boolInt8Bool, true, 5L, false));
    }

    @Test
    void headerSizeGrowsWithTheNullBitmap() {
        assertEquals(40, HeapTuple.headerSize(5, true), "35 + 1 bitmap byte, MAXALIGNed");
        assertEquals(40, HeapTuple.headerSize(40, true), "35 + 5 = 40");
        assertEquals(48, HeapTuple.headerSize(41, true));
        assertEquals(40, HeapTuple.headerSize(1000, false));
        assertEquals(40, HeapTuple.MIN_HEADER);
        assertEquals(Page.MAX_HEAP_TUPLES_PER_PAGE, (Page.SIZE - Page.HEADER_SIZE) / (HeapTuple.MIN_HEADER + Page.ITEM_ID_SIZE));
    }

    @Test
    void varlenaHeadersAreLittleEndianPostgresStyle() {
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("t", PgType.TEXT));
        MemorySegment shortOne = MemorySegment.ofArray(HeapTuple.form(d, new Object[] {"abc"}));
        assertEquals((byte) ((4 << 1) | 1), shortOne.get(ValueLayout.JAVA_BYTE, 40), "1-byte header: total 4");
        MemorySegment longOne = MemorySegment.ofArray(HeapTuple.form(d, new Object[] {"y".repeat(1000)}));
        assertEquals(1004 << 2, longOne.get(Page.INT, 40), "4-byte header: total 1004, shifted by 2");
    }

    @Test
    void columnsAddedLaterReadAsNull() {
        TupleDescriptor before = TupleDescriptor.of(Attribute.of("a", PgType.INT4));
        TupleDescriptor after = TupleDescriptor.of(Attribute.of("a", PgType.INT4), Attribute.of("b", PgType.TEXT));
        Object[] row = HeapTuple.deform(after, MemorySegment.ofArray(HeapTuple.form(before, new Object[] {7})));
        assertArrayEquals(new Object[] {7, null}, row);
    }

    @Test
    void wrongValuesAreRefused() {
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("a", PgType.INT4, true), Attribute.of("n", PgType.NAME));
        assertThrows(IllegalArgumentException.class, () -> HeapTuple.form(d, new Object[] {null, "x"}));
        assertThrows(IllegalArgumentException.class, () -> HeapTuple.form(d, new Object[] {1L, "x"}));
        assertThrows(IllegalArgumentException.class, () -> HeapTuple.form(d, new Object[] {1, "x".repeat(64)}));
        assertThrows(IllegalArgumentException.class, () -> HeapTuple.form(d, new Object[] {1}));
    }

    @Test
    void rowTooBig() {
        TupleDescriptor d = TupleDescriptor.of(Attribute.of("id", PgType.INT4), Attribute.of("t", PgType.TEXT));
        MemorySegment page = MemorySegment.ofArray(new byte[Page.SIZE]);
        HeapPage.initialize(page);
        // 40 header + 4 int4 + 4 varlena header + n bytes = 8152 fits exactly with n = 8104.
        byte[] fits = HeapTuple.form(d, new Object[] {1, "z".repeat(8104)});
        assertEquals(HeapTuple.MAX_SIZE, fits.length);
        assertEquals(1, HeapPage.insert(page, 0, fits, 5, 0));
        byte[] big = HeapTuple.form(d, new Object[] {1, "z".repeat(9000)});
        HeapPage.initialize(page);
        PageException e = assertThrows(PageException.class, () -> HeapPage.insert(page, 0, big, 5, 0));
        assertEquals("54000", e.sqlState());
        // PostgreSQL 15 says "size 9032, maximum size 8160" for the same row: its header is 16 bytes smaller.
        assertEquals("row is too big: size 9048, maximum size 8152", e.getMessage());
    }

    @Test
    void infiniteDatesAndTimestampsKeepPostgresSentinels() {
        Object[][] cases = {
            {PgType.DATE, LocalDate.MAX, Integer.MAX_VALUE},
            {PgType.DATE, LocalDate.MIN, Integer.MIN_VALUE},
            {PgType.TIMESTAMP, LocalDateTime.MAX, Long.MAX_VALUE},
            {PgType.TIMESTAMP, LocalDateTime.MIN, Long.MIN_VALUE},
            {PgType.TIMESTAMPTZ, java.time.Instant.MAX, Long.MAX_VALUE},
            {PgType.TIMESTAMPTZ, java.time.Instant.MIN, Long.MIN_VALUE},
        };
        for (Object[] c : cases) {
            PgType type = (PgType) c[0];
            byte[] bytes = Datums.encodeFixed(type, c[1]);
            MemorySegment seg = MemorySegment.ofArray(bytes);
            long stored = type == PgType.DATE ? seg.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0)
                    : seg.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 0);
            assertEquals(((Number) c[2]).longValue(), stored, type + " " + c[1]);
            assertEquals(c[1], Datums.decodeFixed(type, seg, 0), type + " " + c[1]);
        }
    }
}
