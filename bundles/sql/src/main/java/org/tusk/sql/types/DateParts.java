package org.tusk.sql.types;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.DateUnits.Unit;

/**
 * extract(field FROM value) and date_trunc(field, value), as PostgreSQL 15's timestamp.c and date.c
 * compute them. extract returns numeric since PostgreSQL 14: whole fields with scale 0, seconds and epoch
 * with scale 6, milliseconds with scale 3; date_part is the same value as float8. Years before 1 AD are
 * held astronomically (year 0 is 1 BC), as PostgreSQL's struct pg_tm holds them, and converted to
 * BC numbering where a field shows them (year -1 is 1 BC).
 */
public final class DateParts {
    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    private static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    private static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;
    private static final long SECS_PER_DAY = 86_400L;
    /** date2j(1970, 1, 1): the Julian day number of the Unix epoch. */
    private static final long UNIX_EPOCH_JDATE = 2_440_588L;

    private DateParts() {
    }

    // ---- extract

    /** extract(field FROM timestamp). */
    public static Object extract(String field, LocalDateTime t) {
        Unit unit = unit(field, SqlType.TIMESTAMP);
        if (!DateInfinity.isFinite(t)) {
            return infinite(field, unit, DateInfinity.sign(t), SqlType.TIMESTAMP);
        }
        if (unit == Unit.EPOCH) {
            return BigDecimal.valueOf(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t), 6);
        }
        return fieldOf(field, unit, t, null, SqlType.TIMESTAMP);
    }

    /** extract(field FROM timestamptz): the fields of the local time in {@code zone}. */
    public static Object extract(String field, Instant t, ZoneId zone) {
        Unit unit = unit(field, SqlType.TIMESTAMPTZ);
        if (!DateInfinity.isFinite(t)) {
            return infinite(field, unit, DateInfinity.sign(t), SqlType.TIMESTAMPTZ);
        }
        if (unit == Unit.EPOCH) {
            return BigDecimal.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, t), 6);
        }
        ZonedDateTime z = t.atZone(zone);
        return fieldOf(field, unit, z.toLocalDateTime(), z.getOffset(), SqlType.TIMESTAMPTZ);
    }

    /** extract(field FROM date): date.c's extract_date, which refuses the time fields. */
    public static Object extract(String field, LocalDate d) {
        Unit unit = unit(field, SqlType.DATE);
        if (!DateInfinity.isFinite(d)) {
            return infinite(field, unit, DateInfinity.sign(d), SqlType.DATE);
        }
        return switch (unit) {
            case EPOCH -> BigDecimal.valueOf(d.toEpochDay() * SECS_PER_DAY);
            case JULIAN -> BigDecimal.valueOf(d.toEpochDay() + UNIX_EPOCH_JDATE);
            case DAY, MONTH, QUARTER, WEEK, YEAR, DECADE, CENTURY, MILLENNIUM, ISOYEAR, DOW, ISODOW, DOY ->
                fieldOf(field, unit, d.atStartOfDay(), null, SqlType.DATE);
            default -> throw notSupported(field, SqlType.DATE);
        };
    }

    /** extract(field FROM time): the time of day in microseconds. */
    public static BigDecimal extractTime(String field, long micros) {
        Unit unit = unit(field, SqlType.TIME);
        long secPart = micros % USECS_PER_MINUTE;
        return switch (unit) {
            case MICROSECONDS -> BigDecimal.valueOf(secPart);
            case MILLISECONDS -> BigDecimal.valueOf(secPart, 3);
            case SECOND -> BigDecimal.valueOf(secPart, 6);
            case MINUTE -> BigDecimal.valueOf(micros / USECS_PER_MINUTE % 60);
            case HOUR -> BigDecimal.valueOf(micros / USECS_PER_HOUR);
            case EPOCH -> BigDecimal.valueOf(micros, 6);
            default -> throw notSupported(field, SqlType.TIME);
        };
    }

    /** extract(field FROM timetz): the time's fields, the zone's, and epoch as the UTC time of day. */
    public static BigDecimal extract(String field, TimeTz t) {
        Unit unit = unit(field, SqlType.TIMETZ);
        int secs = t.offsetSeconds();
        return switch (unit) {
            case MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR -> extractTime(field, t.micros());
            case TIMEZONE -> BigDecimal.valueOf(secs);
            case TIMEZONE_HOUR -> BigDecimal.valueOf(secs / 3600);
            case TIMEZONE_MINUTE -> BigDecimal.valueOf(secs / 60 % 60);
            case EPOCH -> BigDecimal.valueOf(t.micros() - secs * USECS_PER_SEC, 6);
            default -> throw notSupported(field, SqlType.TIMETZ);
        };
    }

    /** extract(field FROM interval): the fields interval2itm splits it into; epoch counts a year as 365.25 days. */
    public static BigDecimal extract(String field, Interval i) {
        Unit unit = unit(field, SqlType.INTERVAL);
        long year = i.months() / 12;
        long month = i.months() % 12;
        long secPart = i.micros() % USECS_PER_MINUTE;
        return switch (unit) {
            case MICROSECONDS -> BigDecimal.valueOf(secPart);
            case MILLISECONDS -> BigDecimal.valueOf(secPart, 3);
            case SECOND -> BigDecimal.valueOf(secPart, 6);
            case MINUTE -> BigDecimal.valueOf(i.micros() / USECS_PER_MINUTE % 60);
            case HOUR -> BigDecimal.valueOf(i.micros() / USECS_PER_HOUR);
            case DAY -> BigDecimal.valueOf(i.days());
            case MONTH -> BigDecimal.valueOf(month);
            case QUARTER -> BigDecimal.valueOf(month / 3 + 1);
            case YEAR -> BigDecimal.valueOf(year);
            case DECADE -> BigDecimal.valueOf(year / 10);
            case CENTURY -> BigDecimal.valueOf(year / 100);
            case MILLENNIUM -> BigDecimal.valueOf(year / 1000);
            case EPOCH -> {
                // 365.25 days a year and 30 a month, in quarter days to stay in integers, as PostgreSQL does.
                long secs = ((4L * 36525 / 100) * year + 4L * 30 * month + 4L * i.days()) * (SECS_PER_DAY / 4);
                yield BigDecimal.valueOf(i.micros() + secs * USECS_PER_SEC, 6);
            }
            default -> throw notSupported(field, SqlType.INTERVAL);
        };
    }

    /** The fields of a finite local date and time; {@code offset} is null for types without a zone. */
    private static BigDecimal fieldOf(String field, Unit unit, LocalDateTime t, ZoneOffset offset, SqlType type) {
        int y = t.getYear();
        long secPart = t.getSecond() * USECS_PER_SEC + t.getNano() / 1000;
        return switch (unit) {
            case MICROSECONDS -> BigDecimal.valueOf(secPart);
            case MILLISECONDS -> BigDecimal.valueOf(secPart, 3);
            case SECOND -> BigDecimal.valueOf(secPart, 6);
            case MINUTE -> BigDecimal.valueOf(t.getMinute());
            case HOUR -> BigDecimal.valueOf(t.getHour());
            case DAY -> BigDecimal.valueOf(t.getDayOfMonth());
            case MONTH -> BigDecimal.valueOf(t.getMonthValue());
            case QUARTER -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case WEEK -> BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case YEAR -> BigDecimal.valueOf(y > 0 ? y : y - 1);
            case DECADE -> BigDecimal.valueOf(y >= 0 ? y / 10 : -((8 - (y - 1)) / 10));
            case CENTURY -> BigDecimal.valueOf(y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100));
            case MILLENNIUM -> BigDecimal.valueOf(y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000));
            case JULIAN -> {
                BigDecimal day = BigDecimal.valueOf(t.toLocalDate().toEpochDay() + UNIX_EPOCH_JDATE);
                long time = t.toLocalTime().toNanoOfDay() / 1000;
                yield day.add(NumericMath.divide(BigDecimal.valueOf(time), BigDecimal.valueOf(USECS_PER_DAY)));
            }
            case ISOYEAR -> {
                int iso = t.get(IsoFields.WEEK_BASED_YEAR);
                yield BigDecimal.valueOf(iso > 0 ? iso : iso - 1);
            }
            case DOW -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case ISODOW -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case DOY -> BigDecimal.valueOf(t.getDayOfYear());
            case TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE -> {
                if (offset == null) {
                    throw notSupported(field, type);
                }
                int secs = offset.getTotalSeconds();
                yield BigDecimal.valueOf(unit == Unit.TIMEZONE ? secs
                        : unit == Unit.TIMEZONE_HOUR ? secs / 3600 : secs / 60 % 60);
            }
            case EPOCH -> throw new IllegalStateException("epoch is computed by the caller");
        };
    }

    /**
     * An infinite value has no fields; the ones that grow with time are numeric infinities of the same
     * sign, the others are null.
     */
    private static Object infinite(String field, Unit unit, int sign, SqlType type) {
        switch (unit) {
            case YEAR, DECADE, CENTURY, MILLENNIUM, JULIAN, ISOYEAR, EPOCH -> {
                return sign > 0 ? Numeric.POSITIVE_INFINITY : Numeric.NEGATIVE_INFINITY;
            }
            case TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE -> {
                if (type != SqlType.TIMESTAMPTZ) {
                    throw notSupported(field, type);
                }
                return null;
            }
            default -> {
                if (type == SqlType.DATE && unit.ordinal() < Unit.DAY.ordinal()) {
                    throw notSupported(field, type);
                }
                return null;
            }
        }
    }

    /** date_part(field, timestamp) and friends: float8, infinite for the growing fields of infinite values. */
    public static Double part(String field, Object value, SqlType type, ZoneId zone) {
        Object v = switch (type) {
            case TIMESTAMP -> extract(field, (LocalDateTime) value);
            case TIMESTAMPTZ -> extract(field, (Instant) value, zone);
            case TIME -> extractTime(field, (Long) value);
            case INTERVAL -> extract(field, (Interval) value);
            case TIMETZ -> extract(field, (TimeTz) value);
            default -> throw new IllegalArgumentException("date_part of " + type);
        };
        return v == null ? null : Numeric.toDouble(v);
    }

    // ---- date_trunc

    /** date_trunc(field, timestamp). */
    public static LocalDateTime trunc(String field, LocalDateTime t) {
        Unit unit = truncUnit(field, SqlType.TIMESTAMP);
        if (!DateInfinity.isFinite(t)) {
            return t;
        }
        return truncLocal(field, unit, t, SqlType.TIMESTAMP);
    }

    /**
     * date_trunc(field, timestamptz [, zone]): truncates the local time in the zone; for a day or more the
     * offset is found again for the new local time (a day may start in summer time and end in winter time),
     * for smaller units the original offset is kept, as PostgreSQL does.
     */
    public static Instant trunc(String field, Instant t, ZoneId zone) {
        Unit unit = truncUnit(field, SqlType.TIMESTAMPTZ);
        if (!DateInfinity.isFinite(t)) {
            return t;
        }
        ZonedDateTime z = t.atZone(zone);
        LocalDateTime local = truncLocal(field, unit, z.toLocalDateTime(), SqlType.TIMESTAMPTZ);
        boolean redoZone = switch (unit) {
            case HOUR, MINUTE, SECOND, MILLISECONDS, MICROSECONDS -> false;
            default -> true;
        };
        return redoZone ? local.atZone(zone).toInstant() : local.toInstant(z.getOffset());
    }

    private static LocalDateTime truncLocal(String field, Unit unit, LocalDateTime t, SqlType type) {
        LocalDate d = t.toLocalDate();
        int y = d.getYear();
        return switch (unit) {
            case MICROSECONDS -> t;
            case MILLISECONDS -> t.truncatedTo(ChronoUnit.MILLIS);
            case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> d.atStartOfDay();
            case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
            case MONTH -> d.withDayOfMonth(1).atStartOfDay();
            case QUARTER -> LocalDate.of(y, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case YEAR -> LocalDate.of(y, 1, 1).atStartOfDay();
            case DECADE -> LocalDate.of(y > 0 ? y / 10 * 10 : -((8 - (y - 1)) / 10) * 10, 1, 1).atStartOfDay();
            case CENTURY -> LocalDate.of(y > 0 ? (y + 99) / 100 * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1)
                    .atStartOfDay();
            case MILLENNIUM -> LocalDate.of(y > 0 ? (y + 999) / 1000 * 1000 - 999
                    : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
            default -> throw notSupported(field, type);
        };
    }

    /** date_trunc(field, interval): drops the smaller fields of the split interval. */
    public static Interval trunc(String field, Interval i) {
        Unit unit = truncUnit(field, SqlType.INTERVAL);
        int years = i.months() / 12;
        int months = i.months() % 12;
        long time = i.micros();
        return switch (unit) {
            case MILLENNIUM -> new Interval(years / 1000 * 1000 * 12, 0, 0);
            case CENTURY -> new Interval(years / 100 * 100 * 12, 0, 0);
            case DECADE -> new Interval(years / 10 * 10 * 12, 0, 0);
            case YEAR -> new Interval(years * 12, 0, 0);
            case QUARTER -> new Interval(years * 12 + months / 3 * 3, 0, 0);
            case MONTH -> new Interval(i.months(), 0, 0);
            case DAY -> new Interval(i.months(), i.days(), 0);
            case HOUR -> new Interval(i.months(), i.days(), time / USECS_PER_HOUR * USECS_PER_HOUR);
            case MINUTE -> new Interval(i.months(), i.days(), time / USECS_PER_MINUTE * USECS_PER_MINUTE);
            case SECOND -> new Interval(i.months(), i.days(), time / USECS_PER_SEC * USECS_PER_SEC);
            case MILLISECONDS -> new Interval(i.months(), i.days(), time / 1000 * 1000);
            case MICROSECONDS -> i;
            case WEEK -> throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "0A000",
                    "unit \"" + DateUnits.lower(field) + "\" not supported for type interval")
                    .detail("Months usually have fractional weeks.").build());
            default -> throw notSupported(field, SqlType.INTERVAL);
        };
    }

    // ---- units and errors

    private static Unit unit(String field, SqlType type) {
        Unit unit = DateUnits.lookup(field);
        if (unit == null) {
            throw new SqlException("22023", "unit \"" + DateUnits.lower(field) + "\" not recognized for type "
                    + type.displayName());
        }
        return unit;
    }

    /**
     * date_trunc reads its unit with DecodeUnits alone, which knows the units with plurals and abbreviations
     * but not the special words (epoch, julian, dow, doy, isodow, isoyear) that extract also accepts.
     */
    private static Unit truncUnit(String field, SqlType type) {
        Unit unit = unit(field, type);
        switch (unit) {
            case EPOCH, JULIAN, DOW, DOY, ISODOW, ISOYEAR -> throw new SqlException("22023", "unit \""
                    + DateUnits.lower(field) + "\" not recognized for type " + type.displayName());
            default -> {
                return unit;
            }
        }
    }

    private static SqlException notSupported(String field, SqlType type) {
        return new SqlException("0A000", "unit \"" + DateUnits.lower(field) + "\" not supported for type "
                + type.displayName());
    }
}
