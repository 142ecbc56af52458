package org.tusk.storage.btree;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.access.Interval;
import org.tusk.storage.access.NumericSpecial;
import org.tusk.storage.access.StoredArray;
import org.tusk.storage.access.TimeWithZone;
import org.tusk.storage.heap.PgType;

/**
 * The default B-tree ordering of each type (what its btree operator class's support function 1
 * computes), over the Java values of {@link PgType}.
 *
 * <ul>
 * <li>int2, int4, int8 compare with each other by value, float4 with float8 (as doubles), as
 *     PostgreSQL's integer_ops and float_ops operator families allow.</li>
 * <li>Floats: NaN equals NaN and sorts above everything, +Infinity included; -0 equals 0
 *     (float8_cmp_internal). Java's {@code Double.compare} differs on -0, hence our own.</li>
 * <li>numeric: -Infinity &lt; numbers &lt; +Infinity &lt; NaN; 1.0 equals 1.00.</li>
 * <li>text, varchar, name: the C collation, i.e. by Unicode code point, which is the order of the
 *     UTF-8 bytes (String.compareTo compares UTF-16 units, which puts supplementary characters
 *     before U+E000..U+FFFF, hence our own). Locale-aware collations (ICU, libc) are not supported
 *     yet: an index on text in another collation would need one here.</li>
 * <li>bpchar: trailing spaces do not count ({@code 'a ' = 'a'}), then as text.</li>
 * <li>bytea, uuid: unsigned bytes (uuid by the bytes of its text form, not Java's signed
 *     {@code UUID.compareTo}).</li>
 * <li>interval: months as 30 days, days as 24 hours (interval_cmp).</li>
 * <li>timetz: by the UTC time of day it names, then by zone (timetz_cmp_internal).</li>
 * <li>arrays: element by element (a NULL element above every value), then the shorter first, then
 *     fewer dimensions, then the dimensions, then the lower bounds (array_cmp).</li>
 * </ul>
 */
public final class Comparators {

    private Comparators() {
    }

    public static Comparator<Object> forAttribute(Attribute attribute) {
        if (attribute.isArray()) {
            Comparator<Object> element = forType(attribute.element());
            return (a, b) -> compareArrays(a, b, element);
        }
        return forType(attribute.type());
    }

    public static Comparator<Object> forType(PgType type) {
        return switch (type) {
            case BOOL -> (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
            // The integer and float families compare across their widths, as PostgreSQL's integer_ops
            // and float_ops operator families do (int4 = int8, float4 < float8): a scan bound may
            // come with the other operand's type.
            case INT2, INT4, INT8 -> (a, b) -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            case OID -> (a, b) -> Long.compare(((Number) a).longValue() & 0xFFFF_FFFFL, ((Number) b).longValue() & 0xFFFF_FFFFL);
            case FLOAT4, FLOAT8 -> (a, b) -> compareFloat(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case NUMERIC -> Comparators::compareNumeric;
            case TEXT, VARCHAR, NAME -> (a, b) -> compareCodePoints((String) a, (String) b);
            case BPCHAR -> (a, b) -> compareCodePoints(stripTrailingSpaces((String) a), stripTrailingSpaces((String) b));
            case BYTEA -> (a, b) -> java.util.Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case DATE -> (a, b) -> ((java.time.LocalDate) a).compareTo((java.time.LocalDate) b);
            case TIME -> (a, b) -> Long.compare((Long) a, (Long) b);
            case TIMESTAMP -> (a, b) -> ((java.time.LocalDateTime) a).compareTo((java.time.LocalDateTime) b);
            case TIMESTAMPTZ -> (a, b) -> instant(a).compareTo(instant(b));
            case INTERVAL -> (a, b) -> ((Interval) a).comparisonKey().compareTo(((Interval) b).comparisonKey());
            case UUID -> (a, b) -> compareUuid((UUID) a, (UUID) b);
            case TIMETZ -> (a, b) -> compareTimeTz((TimeWithZone) a, (TimeWithZone) b);
        };
    }

    /** float4/float8 order: NaN = NaN, NaN above all, -0 = 0. */
    public static int compareFloat(double a, double b) {
        boolean aNan = Double.isNaN(a);
        boolean bNan = Double.isNaN(b);
        if (aNan || bNan) {
            return aNan && bNan ? 0 : aNan ? 1 : -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    static int compareNumeric(Object a, Object b) {
        int ra = numericRank(a);
        int rb = numericRank(b);
        if (ra != rb || ra != 1) {
            return Integer.compare(ra, rb);
        }
        return ((BigDecimal) a).compareTo((BigDecimal) b);
    }

    private static int numericRank(Object v) {
        if (v instanceof NumericSpecial s) {
            return switch (s) {
                case NEGATIVE_INFINITY -> 0;
                case POSITIVE_INFINITY -> 2;
                case NAN -> 3;
            };
        }
        return 1;
    }

    /** The C collation: code point by code point, which is also UTF-8 byte order. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    static int compareUuid(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** Arrays as stored: a List (one dimension, lower bound 1) or a {@link StoredArray}. */
    static int compareArrays(Object x, Object y, Comparator<Object> element) {
        List<?> a = x instanceof StoredArray s ? s.elements() : (List<?>) x;
        List<?> b = y instanceof StoredArray s ? s.elements() : (List<?>) y;
        int c = compareArrays(a, b, element);
        if (c != 0) {
            return c;
        }
        int[] dimsA = dims(x);
        int[] dimsB = dims(y);
        if (dimsA.length != dimsB.length) {
            return Integer.compare(dimsA.length, dimsB.length);
        }
        c = java.util.Arrays.compare(dimsA, dimsB);
        return c != 0 ? Integer.signum(c) : java.util.Arrays.compare(lowerBounds(x), lowerBounds(y));
    }

    private static int[] dims(Object array) {
        if (array instanceof StoredArray s) {
            return s.dims();
        }
        int n = ((List<?>) array).size();
        return n == 0 ? new int[0] : new int[] {n};
    }

    private static int[] lowerBounds(Object array) {
        if (array instanceof StoredArray s) {
            return s.lowerBounds();
        }
        return ((List<?>) array).isEmpty() ? new int[0] : new int[] {1};
    }

    static int compareTimeTz(TimeWithZone a, TimeWithZone b) {
        int c = Long.compare(a.microseconds() + a.zone() * 1_000_000L, b.microseconds() + b.zone() * 1_000_000L);
        return c != 0 ? c : Integer.compare(a.zone(), b.zone());
    }

    static int compareArrays(List<?> a, List<?> b, Comparator<Object> element) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x == null || y == null) {
                c = x == y ? 0 : x == null ? 1 : -1;
            } else {
                c = element.compare(x, y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** timestamptz values: Instant (what the heap returns) or OffsetDateTime (accepted on the way in). */
    private static java.time.Instant instant(Object value) {
        return value instanceof OffsetDateTime o ? o.toInstant() : (java.time.Instant) value;
    }
}
