package org.tusk.sql.plan;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * selfuncs.c's convert_to_scalar: a value and the two bounds of the histogram bucket it falls in, as
 * numbers on one scale, so that the value's position inside the bucket can be interpolated linearly.
 * Numbers are themselves; dates, timestamps and times count days or microseconds; strings become
 * fractions in the base of the characters the bounds use, after their common prefix
 * (convert_string_to_scalar, C collation). Anything else has no position (null): the bucket's middle.
 */
final class ScalarPosition {

    private ScalarPosition() {
    }

    /** {value, low, high} on one scale, or null. */
    static double[] of(Object value, Object low, Object high) {
        if (value instanceof String v && low instanceof String l && high instanceof String h) {
            return strings(v.getBytes(StandardCharsets.UTF_8), l.getBytes(StandardCharsets.UTF_8),
                    h.getBytes(StandardCharsets.UTF_8));
        }
        Double v = number(value);
        Double l = number(low);
        Double h = number(high);
        return v == null || l == null || h == null ? null : new double[] {v, l, h};
    }

    private static Double number(Object o) {
        return switch (o) {
            case BigDecimal d -> d.doubleValue();
            case org.tusk.storage.access.NumericSpecial n -> org.tusk.sql.types.Numeric.toDouble(n);
            case Number n -> n.doubleValue();
            case LocalDate d -> (double) d.toEpochDay();
            case LocalDateTime t -> {
                Instant i = t.toInstant(ZoneOffset.UTC);
                yield i.getEpochSecond() * 1e6 + i.getNano() / 1000;
            }
            case Instant i -> i.getEpochSecond() * 1e6 + i.getNano() / 1000;
            case null, default -> null;
        };
    }

    private static double[] strings(byte[] value, byte[] low, byte[] high) {
        int rangeLo = high.length > 0 ? high[0] & 0xff : 0;
        int rangeHi = rangeLo;
        for (byte[] s : new byte[][] {low, high}) {
            for (byte b : s) {
                rangeLo = Math.min(rangeLo, b & 0xff);
                rangeHi = Math.max(rangeHi, b & 0xff);
            }
        }
        // Widen the range to whole classes of characters the bounds touch; too narrow a range means too
        // little data, so take printable ASCII.
        if (rangeLo <= 'Z' && rangeHi >= 'A') {
            rangeLo = Math.min(rangeLo, 'A');
            rangeHi = Math.max(rangeHi, 'Z');
        }
        if (rangeLo <= 'z' && rangeHi >= 'a') {
            rangeLo = Math.min(rangeLo, 'a');
            rangeHi = Math.max(rangeHi, 'z');
        }
        if (rangeLo <= '9' && rangeHi >= '0') {
            rangeLo = Math.min(rangeLo, '0');
            rangeHi = Math.max(rangeHi, '9');
        }
        if (rangeHi - rangeLo < 9) {
            rangeLo = ' ';
            rangeHi = 127;
        }
        int prefix = 0;
        while (prefix < low.length && prefix < high.length && prefix < value.length && low[prefix] == high[prefix]
                && low[prefix] == value[prefix]) {
            prefix++;
        }
        return new double[] {fraction(value, prefix, rangeLo, rangeHi), fraction(low, prefix, rangeLo, rangeHi),
            fraction(high, prefix, rangeLo, rangeHi)};
    }

    /** convert_one_string_to_scalar: the first 12 characters after the prefix as digits of a fraction. */
    private static double fraction(byte[] s, int from, int rangeLo, int rangeHi) {
        int length = Math.min(s.length - from, 12);
        double base = rangeHi - rangeLo + 1;
        double num = 0;
        double denom = base;
        for (int i = 0; i < length; i++) {
            int ch = s[from + i] & 0xff;
            if (ch < rangeLo) {
                ch = rangeLo - 1;
            } else if (ch > rangeHi) {
                ch = rangeHi + 1;
            }
            num += (ch - rangeLo) / denom;
            denom *= base;
        }
        return num;
    }
}
