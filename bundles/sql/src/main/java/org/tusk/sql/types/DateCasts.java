package org.tusk.sql.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.tusk.spi.SqlException;

/**
 * The casts among date, timestamp, timestamptz and time (pg_cast's date_timestamp, timestamp_time, ...):
 * infinite values stay infinite between the three that can hold them and cannot become a date's or a time's
 * fields; conversions that involve timestamptz go through the session's TimeZone.
 */
final class DateCasts {
    private static final long NANOS_PER_MICRO = 1000L;

    private DateCasts() {
    }

    /** Casts from types Casts' own switch does not list: time to timetz (implicit) and back (assignment). */
    static Casts.Context context(SqlType from, SqlType to) {
        if (from == SqlType.TIME && to == SqlType.TIMETZ) {
            return Casts.Context.IMPLICIT;
        }
        if (from == SqlType.TIMETZ && to == SqlType.TIME) {
            return Casts.Context.ASSIGNMENT;
        }
        return null;
    }

    static Object convert(Object value, SqlType from, SqlType to, TypeContext ctx) {
        if (from == SqlType.TIME && to == SqlType.TIMETZ) {
            // time_timetz: the session zone's offset today.
            return new TimeTz((Long) value, TimeTz.offsetNow(ctx.timeZone(), ctx.transactionStart()));
        }
        if (from == SqlType.TIMETZ && to == SqlType.TIME) {
            return ((TimeTz) value).micros();
        }
        if (to == SqlType.TIMETZ && from == SqlType.TIMESTAMPTZ) {
            if (!DateInfinity.isFinite(value)) {
                return null;
            }
            java.time.ZonedDateTime z = ((Instant) value).atZone(ctx.timeZone());
            return new TimeTz(z.toLocalTime().toNanoOfDay() / NANOS_PER_MICRO, z.getOffset().getTotalSeconds());
        }
        if (from == SqlType.TIME || from == SqlType.INTERVAL || from == SqlType.TIMETZ) {
            throw new SqlException("42846", "cannot cast type " + from.displayName() + " to " + to.displayName());
        }
        int sign = DateInfinity.sign(value);
        if (sign != 0) {
            if (to == SqlType.TIME) {
                return null;
            }
            return DateInfinity.as(sign, to);
        }
        return switch (to) {
            case DATE -> from == SqlType.TIMESTAMPTZ ? LocalDate.ofInstant((Instant) value, ctx.timeZone())
                    : ((LocalDateTime) value).toLocalDate();
            case TIMESTAMP -> from == SqlType.DATE ? ((LocalDate) value).atStartOfDay()
                    : LocalDateTime.ofInstant((Instant) value, ctx.timeZone());
            case TIMESTAMPTZ -> from == SqlType.DATE ? ((LocalDate) value).atStartOfDay(ctx.timeZone()).toInstant()
                    : ((LocalDateTime) value).atZone(ctx.timeZone()).toInstant();
            case TIME -> {
                LocalDateTime t = from == SqlType.TIMESTAMPTZ ? LocalDateTime.ofInstant((Instant) value, ctx.timeZone())
                        : from == SqlType.TIMESTAMP ? (LocalDateTime) value : null;
                if (t == null) {
                    throw new SqlException("42846", "cannot cast type " + from.displayName() + " to "
                            + to.displayName());
                }
                yield t.toLocalTime().toNanoOfDay() / NANOS_PER_MICRO;
            }
            default -> throw new IllegalStateException("no date/time cast to " + to);
        };
    }
}
