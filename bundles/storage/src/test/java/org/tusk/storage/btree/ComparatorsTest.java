package org.tusk.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.access.Interval;
import org.tusk.storage.access.NumericSpecial;
import org.tusk.storage.heap.PgType;

/**
 * PostgreSQL's orderings. The cross-type facts used here (NaN above Infinity for float8 and numeric,
 * -0 = 0, 1.0 = 1.000, U+FFFD before U+1F418 and 'B' before 'a' in the C collation, bpchar trailing
 * spaces, 1 mon = 30 days = 720 hours, array NULL elements last and shorter arrays first, uuid and
 * bytea by unsigned bytes, oid unsigned) were checked with PostgreSQL 15.20 on 2026-11-23.
 */
class ComparatorsTest {

    /** Sorting a shuffled list gives the expected PostgreSQL order (ties compare equal to the expected element). */
    private static void assertOrder(PgType type, Object... expected) {
        Comparator<Object> c = Comparators.forType(type);
        List<Object> list = new ArrayList<>(Arrays.asList(expected));
        Collections.shuffle(list, new java.util.Random(1));
        list.sort(c);
        for (int i = 0; i + 1 < list.size(); i++) {
            assertTrue(c.compare(list.get(i), list.get(i + 1)) <= 0);
            assertEquals(0, c.compare(list.get(i), expected[i]), type + " position " + i + ": " + list);
        }
    }

    @Test
    void floatsPutNanLastAndNegativeZeroEqualToZero() {
        assertOrder(PgType.FLOAT8, Double.NEGATIVE_INFINITY, -1.0, 0.0, 1e-300, 2.5, Double.POSITIVE_INFINITY, Double.NaN);
        assertOrder(PgType.FLOAT4, Float.NEGATIVE_INFINITY, -1.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NaN);
        Comparator<Object> c = Comparators.forType(PgType.FLOAT8);
        assertEquals(0, c.compare(-0.0, 0.0));
        assertEquals(0, c.compare(Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L)));
        assertTrue(c.compare(Double.NaN, Double.POSITIVE_INFINITY) > 0);
    }

    @Test
    void numericOrderWithSpecials() {
        assertOrder(PgType.NUMERIC, NumericSpecial.NEGATIVE_INFINITY, new BigDecimal("-1e30"), new BigDecimal("-0.5"),
                new BigDecimal("1.00"), new BigDecimal("1.5"), NumericSpecial.POSITIVE_INFINITY, NumericSpecial.NAN);
        assertEquals(0, Comparators.forType(PgType.NUMERIC).compare(new BigDecimal("1.0"), new BigDecimal("1.000")));
    }

    @Test
    void textByCodePoint() {
        // U+FFFD sorts before U+1F418 by code point; UTF-16 (String.compareTo) says the opposite.
        String replacement = "\uFFFD";
        String elephant = "\uD83D\uDC18";
        assertTrue(elephant.compareTo(replacement) < 0);
        assertOrder(PgType.TEXT, "", "A", "B", "a", "ab", "b", "é", replacement, elephant);
        assertTrue(Comparators.forType(PgType.NAME).compare("abc", "abd") < 0);
        assertEquals(0, Comparators.forType(PgType.BPCHAR).compare("ab  ", "ab"));
        assertTrue(Comparators.forType(PgType.BPCHAR).compare("ab ", "ab!") < 0, "'ab' < 'ab!'");
    }

    @Test
    void otherTypes() {
        assertOrder(PgType.BOOL, false, true);
        assertOrder(PgType.INT2, Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE);
        assertOrder(PgType.INT8, Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE);
        assertOrder(PgType.OID, 0L, 1L, 2_147_483_647L, 2_147_483_648L, 4_294_967_295L); // unsigned
        assertOrder(PgType.BYTEA, new byte[] {}, new byte[] {0}, new byte[] {1}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF});
        assertOrder(PgType.UUID, new UUID(0, 0), new UUID(0, -1), new UUID(1, 0), new UUID(Long.MIN_VALUE, 0), new UUID(-1, -1));
        assertOrder(PgType.DATE, LocalDate.of(1, 1, 1), LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 2));
        // timestamptz by instant, whatever the offset.
        assertEquals(0, Comparators.forType(PgType.TIMESTAMPTZ).compare(
                OffsetDateTime.of(2020, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2020, 1, 1, 13, 0, 0, 0, ZoneOffset.ofHours(1))));
        // interval: 1 month = 30 days = 720 hours.
        Comparator<Object> iv = Comparators.forType(PgType.INTERVAL);
        assertEquals(0, iv.compare(new Interval(0, 0, 1), new Interval(0, 30, 0)));
        assertEquals(0, iv.compare(new Interval(720L * 3_600_000_000L, 0, 0), new Interval(0, 30, 0)));
        assertTrue(iv.compare(new Interval(1, 30, 0), new Interval(0, 0, 1)) > 0);
        // arrays: element by element, NULL elements last, then length.
        Comparator<Object> arr = Comparators.forAttribute(Attribute.arrayOf("a", PgType.INT4, false));
        assertTrue(arr.compare(List.of(1, 2), List.of(1, 3)) < 0);
        assertTrue(arr.compare(List.of(1, 2), List.of(1, 2, 0)) < 0);
        assertTrue(arr.compare(Arrays.asList(1, null), List.of(1, 1000)) > 0);
        // then fewer dimensions, then the dimensions, then the lower bounds (array_cmp)
        var square = new org.tusk.storage.access.StoredArray(new int[] {2, 2}, new int[] {1, 1}, List.of(1, 2, 3, 4));
        var wide = new org.tusk.storage.access.StoredArray(new int[] {1, 4}, new int[] {1, 1}, List.of(1, 2, 3, 4));
        var shifted = new org.tusk.storage.access.StoredArray(new int[] {2, 2}, new int[] {0, 1}, List.of(1, 2, 3, 4));
        assertTrue(arr.compare(List.of(1, 2, 3, 4), square) < 0);
        assertTrue(arr.compare(wide, square) < 0);
        assertTrue(arr.compare(shifted, square) < 0);
        assertEquals(0, arr.compare(square, new org.tusk.storage.access.StoredArray(new int[] {2, 2}, new int[] {1, 1},
                List.of(1, 2, 3, 4))));
        assertTrue(arr.compare(List.of(1, 2, 3, 5), square) > 0, "elements first");
        // timetz: by UTC time ('12:00+01' is 11:00 UTC), then by zone (PostgreSQL's zone is west-positive)
        assertOrder(PgType.TIMETZ, new org.tusk.storage.access.TimeWithZone(43_200_000_000L, -3600),
                new org.tusk.storage.access.TimeWithZone(39_600_000_000L, 0),
                new org.tusk.storage.access.TimeWithZone(43_200_000_000L, 0));
    }

    @Test
    void nullOrderingPerColumn() {
        IndexColumn asc = IndexColumn.asc(Attribute.of("a", PgType.INT4));
        IndexColumn desc = IndexColumn.desc(Attribute.of("a", PgType.INT4));
        assertTrue(asc.compare(null, 5) > 0, "ASC: NULLS LAST");
        assertTrue(asc.compare(5, null) < 0);
        assertEquals(0, asc.compare(null, null));
        assertTrue(desc.compare(null, 5) < 0, "DESC: NULLS FIRST");
        assertTrue(desc.compare(7, 5) < 0, "DESC: larger first");
    }

    @Test
    void integersAndFloatsCompareAcrossWidths() {
        // int4 = int8 and float4 < float8 are btree operators of one family in PostgreSQL: a bound may
        // come as the wider type.
        Comparator<Object> int4 = Comparators.forType(PgType.INT4);
        assertEquals(0, int4.compare(5L, 5));
        assertTrue(int4.compare(3_000_000_000L, Integer.MAX_VALUE) > 0);
        assertTrue(Comparators.forType(PgType.INT8).compare((short) -1, 0L) < 0);
        Comparator<Object> float8 = Comparators.forType(PgType.FLOAT8);
        assertEquals(0, float8.compare(0.5f, 0.5));
        assertTrue(float8.compare(Float.NaN, Double.POSITIVE_INFINITY) > 0);
    }
}
