package org.tusk.sql.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The values 'infinity' and '-infinity' of date, timestamp and timestamptz. PostgreSQL keeps them as
 * the largest and smallest value of the underlying integer (DATEVAL_NOEND, DT_NOBEGIN), so that they sort
 * after and before every finite value with no special case; here the Java types' own extreme values play
 * that part (LocalDate.MAX, Instant.MIN, ...), far outside the range PostgreSQL's finite values may take,
 * and comparisons need no special case either. Output, extract and arithmetic check for them.
 */
public final class DateInfinity {
    public static final LocalDate DATE_INFINITY = LocalDate.MAX;
    public static final LocalDate DATE_MINUS_INFINITY = LocalDate.MIN;
    public static final LocalDateTime TIMESTAMP_INFINITY = LocalDateTime.MAX;
    public static final LocalDateTime TIMESTAMP_MINUS_INFINITY = LocalDateTime.MIN;
    public static final Instant TIMESTAMPTZ_INFINITY = Instant.MAX;
    public static final Instant TIMESTAMPTZ_MINUS_INFINITY = Instant.MIN;

    private DateInfinity() {
    }

    /** +1 for infinity, -1 for -infinity, 0 for a finite date, timestamp or timestamptz. */
    public static int sign(Object value) {
        if (value.equals(DATE_INFINITY) || value.equals(TIMESTAMP_INFINITY) || value.equals(TIMESTAMPTZ_INFINITY)) {
            return 1;
        }
        if (value.equals(DATE_MINUS_INFINITY) || value.equals(TIMESTAMP_MINUS_INFINITY)
                || value.equals(TIMESTAMPTZ_MINUS_INFINITY)) {
            return -1;
        }
        return 0;
    }

    public static boolean isFinite(Object value) {
        return sign(value) == 0;
    }

    /** The output text of an infinite value, null for a finite one. */
    public static String text(Object value) {
        int s = sign(value);
        return s > 0 ? "infinity" : s < 0 ? "-infinity" : null;
    }

    /** An infinite value's counterpart in another of the three types (date to timestamp casts keep infinity). */
    public static Object as(int sign, SqlType type) {
        return switch (type) {
            case DATE -> sign > 0 ? DATE_INFINITY : DATE_MINUS_INFINITY;
            case TIMESTAMP -> sign > 0 ? TIMESTAMP_INFINITY : TIMESTAMP_MINUS_INFINITY;
            case TIMESTAMPTZ -> sign > 0 ? TIMESTAMPTZ_INFINITY : TIMESTAMPTZ_MINUS_INFINITY;
            default -> throw new IllegalArgumentException("no infinity for " + type);
        };
    }
}
