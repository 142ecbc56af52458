package org.tusk.sql.types;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;

/**
 * Interval arithmetic as PostgreSQL's timestamp.c does it: intervals add and subtract field by field
 * (months, days, microseconds are never converted into each other), a timestamp plus an interval adds the
 * months first (clamping the day to the end of a shorter month), then the days, then the time; the
 * difference of two timestamps is days and time (interval_justify_hours), never months. Multiplying or
 * dividing by a number cascades fractional months into days (30 a month) and fractional days into time.
 */
public final class IntervalMath {

    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long SECS_PER_DAY = 86_400L;
    private static final long USECS_PER_DAY = SECS_PER_DAY * USECS_PER_SEC;
    private static final int DAYS_PER_MONTH = 30;
    /** The first instant PostgreSQL's timestamp can hold, 4714-11-24 00:00 BC, and the first past its end. */
    private static final LocalDateTime MIN_TIMESTAMP = LocalDateTime.of(-4713, 11, 24, 0, 0);
    private static final LocalDateTime END_TIMESTAMP = LocalDateTime.of(294277, 1, 1, 0, 0);

    private IntervalMath() {
    }

    /** interval_pl. */
    public static Interval add(Interval a, Interval b) {
        try {
            return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    /** interval_mi. */
    public static Interval subtract(Interval a, Interval b) {
        try {
            return new Interval(Math.subtractExact(a.months(), b.months()), Math.subtractExact(a.days(), b.days()),
                    Math.subtractExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    /** interval_um. */
    public static Interval negate(Interval a) {
        try {
            return new Interval(Math.negateExact(a.months()), Math.negateExact(a.days()),
                    Math.negateExact(a.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    /** interval_mul: whole months and days stay, their fractions cascade down (TSROUND to microseconds). */
    public static Interval multiply(Interval span, double factor) {
        double monthsExact = span.months() * factor;
        int months = toInt(monthsExact);
        double daysExact = span.days() * factor;
        int days = toInt(daysExact);
        double monthRemainderDays = tsRound((span.months() * factor - months) * DAYS_PER_MONTH);
        double secRemainder = tsRound((span.days() * factor - days + monthRemainderDays - (int) monthRemainderDays)
                * SECS_PER_DAY);
        return cascade(months, days, monthRemainderDays, secRemainder, span.micros() * factor);
    }

    /** interval_div. */
    public static Interval divide(Interval span, double factor) {
        if (factor == 0.0) {
            throw new SqlException("22012", "division by zero");
        }
        int months = toInt(span.months() / factor);
        int days = toInt(span.days() / factor);
        double monthRemainderDays = tsRound((span.months() / factor - months) * DAYS_PER_MONTH);
        double secRemainder = tsRound((span.days() / factor - days + monthRemainderDays - (int) monthRemainderDays)
                * SECS_PER_DAY);
        return cascade(months, days, monthRemainderDays, secRemainder, span.micros() / factor);
    }

    private static Interval cascade(int months, int days, double monthRemainderDays, double secRemainder,
            double scaledMicros) {
        // Rounding may give 24:00:00, and the cascade more than a day: carry whole days.
        if (Math.abs(secRemainder) >= SECS_PER_DAY) {
            days += (int) (secRemainder / SECS_PER_DAY);
            secRemainder -= (int) (secRemainder / SECS_PER_DAY) * SECS_PER_DAY;
        }
        days += (int) monthRemainderDays;
        double micros = Math.rint(scaledMicros + secRemainder * USECS_PER_SEC);
        if (Double.isNaN(micros) || micros < -0x1p63 || micros >= 0x1p63) {
            throw intervalOutOfRange();
        }
        return new Interval(months, days, (long) micros);
    }

    private static int toInt(double v) {
        if (Double.isNaN(v) || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw intervalOutOfRange();
        }
        return (int) v;
    }

    /** TSROUND: to the nearest microsecond, in seconds. */
    private static double tsRound(double v) {
        return Math.rint(v * 1_000_000.0) / 1_000_000.0;
    }

    /** timestamp_pl_interval (and, with the interval negated, timestamp_mi_interval). */
    public static LocalDateTime plus(LocalDateTime t, Interval i) {
        LocalDateTime r = t.plusMonths(i.months()).plusDays(i.days()).plus(i.micros(), ChronoUnit.MICROS);
        if (r.isBefore(MIN_TIMESTAMP) || !r.isBefore(END_TIMESTAMP)) {
            throw new SqlException("22008", "timestamp out of range");
        }
        return r;
    }

    /** timestamptz_pl_interval: months and days move the local time in the session's zone, the time is absolute. */
    public static Instant plus(Instant t, Interval i, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone).plusMonths(i.months()).plusDays(i.days());
        Instant r = local.atZone(zone).toInstant().plus(i.micros(), ChronoUnit.MICROS);
        LocalDateTime utc = LocalDateTime.ofInstant(r, java.time.ZoneOffset.UTC);
        if (utc.isBefore(MIN_TIMESTAMP) || !utc.isBefore(END_TIMESTAMP)) {
            throw new SqlException("22008", "timestamp out of range");
        }
        return r;
    }

    /** timestamp_mi: the microseconds between, as days and time of the same sign. */
    public static Interval between(LocalDateTime later, LocalDateTime earlier) {
        return justifyHours(ChronoUnit.MICROS.between(earlier, later));
    }

    /** timestamptz_mi. */
    public static Interval between(Instant later, Instant earlier) {
        return justifyHours(ChronoUnit.MICROS.between(earlier, later));
    }

    private static Interval justifyHours(long micros) {
        long days = micros / USECS_PER_DAY;
        long time = micros - days * USECS_PER_DAY;
        return new Interval(0, (int) days, time);
    }

    private static SqlException intervalOutOfRange() {
        return new SqlException("22008", "interval out of range");
    }
}
