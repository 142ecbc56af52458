package org.tusk.sql.eval;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.tusk.sql.types.SqlType;

/**
 * Ordering of values of one type (or of two types of one family), as the btree comparison functions
 * define it: floats order NaN above every other value and -0 equal to 0; character(n) ignores
 * trailing spaces; strings compare by code point (the "C" collation).
 */
final class Comparisons {

    private Comparisons() {
    }

    static int compare(Object a, SqlType ta, Object b, SqlType tb) {
        if (ta.isInteger() && tb.isInteger()) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if ((ta == SqlType.FLOAT4 || ta == SqlType.FLOAT8) && (tb == SqlType.FLOAT4 || tb == SqlType.FLOAT8)) {
            return compareFloat(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (ta.isRange()) {
            return org.tusk.sql.types.Ranges.compare(ta, (org.tusk.sql.types.RangeValue) a,
                    (org.tusk.sql.types.RangeValue) b);
        }
        return switch (ta) {
            case NUMERIC -> org.tusk.sql.types.Numeric.compare(a, b);
            case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
            case BPCHAR -> compareStrings(stripTrailingSpaces((String) a), stripTrailingSpaces((String) b));
            case TEXT, VARCHAR, NAME, UNKNOWN -> compareStrings((String) a, (String) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case TIMESTAMP -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
            case TIMESTAMPTZ -> ((Instant) a).compareTo((Instant) b);
            // The reg types order as the oids they are (btree oid_ops), as ANALYZE of pg_type's regproc columns needs.
            case TIME, OID, REGPROC, REGCLASS, REGTYPE, REGNAMESPACE, REGPROCEDURE, REGROLE -> Long.compare((Long) a,
                    (Long) b);
            case TIMETZ -> ((org.tusk.sql.types.TimeTz) a).compareTo((org.tusk.sql.types.TimeTz) b);
            case INET, CIDR -> ((org.tusk.sql.net.Inet) a).compareTo((org.tusk.sql.net.Inet) b);
            case MACADDR, MACADDR8 -> ((org.tusk.sql.net.MacAddr) a).compareTo((org.tusk.sql.net.MacAddr) b);
            case BIT, VARBIT -> ((org.tusk.sql.bits.BitString) a).compareTo((org.tusk.sql.bits.BitString) b);
            case JSONB -> ((org.tusk.sql.json.Jsonb) a).compareTo((org.tusk.sql.json.Jsonb) b);
            case ENUM -> ((org.tusk.sql.types.EnumValue) a).compareTo((org.tusk.sql.types.EnumValue) b);
            case UUID -> compareUuid((java.util.UUID) a, (java.util.UUID) b);
            case BYTEA -> java.util.Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            case INTERVAL -> compareInterval((org.tusk.protocol.Interval) a, (org.tusk.protocol.Interval) b);
            default -> throw new IllegalStateException("no ordering for " + ta);
        };
    }

    /** uuid_cmp: the 16 bytes as unsigned, i.e. the two halves compared unsigned. */
    private static int compareUuid(java.util.UUID a, java.util.UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** interval_cmp: both sides as a span with 30-day months and 24-hour days. */
    private static int compareInterval(org.tusk.protocol.Interval a, org.tusk.protocol.Interval b) {
        return span(a).compareTo(span(b));
    }

    private static java.math.BigInteger span(org.tusk.protocol.Interval i) {
        long dayMicros = 86_400_000_000L;
        return java.math.BigInteger.valueOf(i.months()).multiply(java.math.BigInteger.valueOf(30 * dayMicros))
                .add(java.math.BigInteger.valueOf(i.days()).multiply(java.math.BigInteger.valueOf(dayMicros)))
                .add(java.math.BigInteger.valueOf(i.micros()));
    }

    static int compareFloat(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : (a > b ? 1 : 0);
    }

    /** Code point order, which is also UTF-8 byte order (the C collation). */
    static int compareStrings(String a, String b) {
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

    static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
