package org.tusk.sql.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.Locale;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;

/**
 * The date/time functions that build or compare values field by field: make_date and friends, age,
 * justify_days/hours/interval, date_bin, isfinite. Each follows the PostgreSQL 15 function of the same
 * name, down to its error messages.
 */
public final class DateMath {
    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    private static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    private static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;
    private static final int DAYS_PER_MONTH = 30;

    private DateMath() {
    }

    // ---- make_*

    /** make_date: a negative year is BC (-1 is 1 BC); year 0 does not exist. */
    public static LocalDate makeDate(int year, int month, int day) {
        String shown = year + "-" + two(month) + "-" + two(day);
        if (year == 0) {
            throw new SqlException("22008", "date field value out of range: " + shown);
        }
        try {
            return LocalDate.of(year < 0 ? year + 1 : year, month, day);
        } catch (DateTimeException e) {
            throw new SqlException("22008", "date field value out of range: " + shown);
        }
    }

    /** make_time: seconds may carry a fraction; 24:00:00 is allowed, as in time input. */
    public static long makeTime(int hour, int minute, double second) {
        double micros = Math.rint(second * USECS_PER_SEC);
        if (hour < 0 || minute < 0 || minute > 59 || second < 0 || micros > 60 * USECS_PER_SEC || hour > 24
                || (hour == 24 && (minute > 0 || micros > 0)) || Double.isNaN(second)) {
            throw new SqlException("22008", "time field value out of range: " + hour + ":" + two(minute) + ":"
                    + gFormat(second));
        }
        return hour * USECS_PER_HOUR + minute * USECS_PER_MINUTE + (long) micros;
    }

    /** make_timestamp. */
    public static LocalDateTime makeTimestamp(int year, int month, int day, int hour, int minute, double second) {
        LocalDate d = makeDate(year, month, day);
        long time = makeTime(hour, minute, second);
        return d.atStartOfDay().plusNanos(time * 1000);
    }

    /** make_timestamptz: the local time in the given zone (or the session's). */
    public static Instant makeTimestamptz(int year, int month, int day, int hour, int minute, double second,
            ZoneId zone) {
        return makeTimestamp(year, month, day, hour, minute, second).atZone(zone).toInstant();
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs). */
    public static Interval makeInterval(int years, int months, int weeks, int days, int hours, int mins,
            double secs) {
        try {
            int m = Math.addExact(Math.multiplyExact(years, 12), months);
            int d = Math.addExact(Math.multiplyExact(weeks, 7), days);
            double micros = Math.rint(secs * USECS_PER_SEC);
            if (Double.isNaN(micros) || Double.isInfinite(micros)) {
                throw new ArithmeticException();
            }
            long t = Math.addExact(Math.addExact(Math.multiplyExact((long) hours, USECS_PER_HOUR),
                    Math.multiplyExact((long) mins, USECS_PER_MINUTE)), (long) micros);
            return new Interval(m, d, t);
        } catch (ArithmeticException e) {
            throw new SqlException("22008", "interval out of range");
        }
    }

    // ---- age

    /** age(t1, t2) for timestamps: years, months and days between the fields, never more than a month of days. */
    public static Interval age(LocalDateTime t1, LocalDateTime t2) {
        if (!DateInfinity.isFinite(t1) || !DateInfinity.isFinite(t2)) {
            throw new SqlException("22008", "timestamp out of range");
        }
        boolean flip = t1.isBefore(t2);
        long fsec = (t1.getNano() - t2.getNano()) / 1000;
        long sec = t1.getSecond() - t2.getSecond();
        long min = t1.getMinute() - t2.getMinute();
        long hour = t1.getHour() - t2.getHour();
        long mday = t1.getDayOfMonth() - t2.getDayOfMonth();
        long mon = t1.getMonthValue() - t2.getMonthValue();
        long year = t1.getYear() - t2.getYear();
        if (flip) {
            fsec = -fsec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        while (fsec < 0) {
            fsec += USECS_PER_SEC;
            sec--;
        }
        while (sec < 0) {
            sec += 60;
            min--;
        }
        while (min < 0) {
            min += 60;
            hour--;
        }
        while (hour < 0) {
            hour += 24;
            mday--;
        }
        while (mday < 0) {
            // Borrow the length of the month of the earlier value, as timestamp_age does.
            LocalDateTime earlier = flip ? t1 : t2;
            mday += earlier.getMonth().length(Year.isLeap(earlier.getYear()));
            mon--;
        }
        while (mon < 0) {
            mon += 12;
            year--;
        }
        if (flip) {
            fsec = -fsec;
            sec = -sec;
            min = -min;
            hour = -hour;
            mday = -mday;
            mon = -mon;
            year = -year;
        }
        try {
            return new Interval(Math.toIntExact(year * 12 + mon), Math.toIntExact(mday),
                    ((hour * 60 + min) * 60 + sec) * USECS_PER_SEC + fsec);
        } catch (ArithmeticException e) {
            throw new SqlException("22008", "interval out of range");
        }
    }

    /** age(t1, t2) for timestamptz: the fields of both in the session's zone. */
    public static Interval age(Instant t1, Instant t2, ZoneId zone) {
        if (!DateInfinity.isFinite(t1) || !DateInfinity.isFinite(t2)) {
            throw new SqlException("22008", "timestamp out of range");
        }
        return age(LocalDateTime.ofInstant(t1, zone), LocalDateTime.ofInstant(t2, zone));
    }

    // ---- justify

    /** justify_hours: whole days out of the time, the signs of days and time made to agree. */
    public static Interval justifyHours(Interval span) {
        long time = span.micros();
        long wholeDay = time / USECS_PER_DAY;
        time -= wholeDay * USECS_PER_DAY;
        long day = span.days() + wholeDay;
        if (day > 0 && time < 0) {
            time += USECS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= USECS_PER_DAY;
            day++;
        }
        return new Interval(span.months(), toInt(day), time);
    }

    /** justify_days: whole 30-day months out of the days, the signs of months and days made to agree. */
    public static Interval justifyDays(Interval span) {
        long day = span.days();
        long wholeMonth = day / DAYS_PER_MONTH;
        day -= wholeMonth * DAYS_PER_MONTH;
        long month = span.months() + wholeMonth;
        if (month > 0 && day < 0) {
            day += DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && day > 0) {
            day -= DAYS_PER_MONTH;
            month++;
        }
        return new Interval(toInt(month), toInt(day), span.micros());
    }

    /** justify_interval: both, with every field given the sign of the whole. */
    public static Interval justifyInterval(Interval span) {
        long time = span.micros();
        long wholeDay = time / USECS_PER_DAY;
        time -= wholeDay * USECS_PER_DAY;
        long day = span.days() + wholeDay;
        long wholeMonth = day / DAYS_PER_MONTH;
        day -= wholeMonth * DAYS_PER_MONTH;
        long month = span.months() + wholeMonth;
        if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
            day += DAYS_PER_MONTH;
            month--;
        } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
            day -= DAYS_PER_MONTH;
            month++;
        }
        if (day > 0 && time < 0) {
            time += USECS_PER_DAY;
            day--;
        } else if (day < 0 && time > 0) {
            time -= USECS_PER_DAY;
            day++;
        }
        return new Interval(toInt(month), toInt(day), time);
    }

    // ---- date_bin

    /**
     * date_bin(stride, source, origin): the start of the stride-wide bin, counted from origin, that holds
     * source. The stride may not have months (they have no fixed length) and must be positive.
     */
    public static long binMicros(Interval stride, long source, long origin) {
        if (stride.months() != 0) {
            throw new SqlException("0A000", "timestamps cannot be binned into intervals containing months or years");
        }
        long strideMicros;
        try {
            strideMicros = Math.addExact(Math.multiplyExact((long) stride.days(), USECS_PER_DAY), stride.micros());
        } catch (ArithmeticException e) {
            throw new SqlException("22008", "interval out of range");
        }
        if (strideMicros <= 0) {
            throw new SqlException("22023", "stride must be greater than zero");
        }
        long delta;
        try {
            delta = Math.subtractExact(source, origin);
        } catch (ArithmeticException e) {
            throw new SqlException("22008", "interval out of range");
        }
        long diff = delta - delta % strideMicros;
        // The bin of a source before the origin starts one stride lower (C's % truncates toward zero).
        if (delta < 0 && diff != delta) {
            diff -= strideMicros;
        }
        return origin + diff;
    }

    // ---- helpers

    private static int toInt(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new SqlException("22008", "interval out of range");
        }
        return (int) v;
    }

    private static String two(int v) {
        return v >= 0 && v < 10 ? "0" + v : Integer.toString(v);
    }

    /** C's %02g for the seconds in make_time's message: shortest form, at least two characters. */
    private static String gFormat(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.length() < 2 ? "0" + s : s;
    }
}
