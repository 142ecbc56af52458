package org.tusk.sql.eval;

import static org.tusk.sql.types.SqlType.BOOL;
import static org.tusk.sql.types.SqlType.DATE;
import static org.tusk.sql.types.SqlType.FLOAT8;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.INTERVAL;
import static org.tusk.sql.types.SqlType.NUMERIC;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.TIME;
import static org.tusk.sql.types.SqlType.TIMESTAMP;
import static org.tusk.sql.types.SqlType.TIMESTAMPTZ;
import static org.tusk.sql.types.SqlType.TIMETZ;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;
import org.tusk.sql.types.DateFormatting;
import org.tusk.sql.types.DateInfinity;
import org.tusk.sql.types.DateMath;
import org.tusk.sql.types.DateParts;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TimeTz;
import org.tusk.sql.types.TimeZones;

/**
 * The date/time functions of PostgreSQL's "Date/Time Functions and Operators" and "Data Type Formatting
 * Functions" chapters: extract and date_part, date_trunc, the make_* constructors, age, justify_*, isfinite,
 * date_bin, to_char, to_date, to_timestamp and timeofday (now and the other current-time functions are
 * registered with the session functions). The computations live in the types package (DateParts, DateMath,
 * DateFormatting); this class only states the signatures.
 */
final class DateTimeFunctions {

    private DateTimeFunctions() {
    }

    static void register(CatalogInfoFunctions.Sink strict) {
        parts(strict);
        constructors(strict);
        spans(strict);
        formatting(strict);
    }

    private static void parts(CatalogInfoFunctions.Sink f) {
        f.add("extract", List.of(TEXT, TIMESTAMP), NUMERIC, (a, c) -> DateParts.extract(s(a[0]), ts(a[1])));
        f.add("extract", List.of(TEXT, TIMESTAMPTZ), NUMERIC, (a, c) -> DateParts.extract(s(a[0]), tz(a[1]),
                c.timeZone()));
        f.add("extract", List.of(TEXT, DATE), NUMERIC, (a, c) -> DateParts.extract(s(a[0]), (LocalDate) a[1]));
        f.add("extract", List.of(TEXT, TIME), NUMERIC, (a, c) -> DateParts.extractTime(s(a[0]), (Long) a[1]));
        f.add("extract", List.of(TEXT, INTERVAL), NUMERIC, (a, c) -> DateParts.extract(s(a[0]), iv(a[1])));
        f.add("date_part", List.of(TEXT, TIMESTAMP), FLOAT8, (a, c) -> DateParts.part(s(a[0]), a[1], TIMESTAMP,
                c.timeZone()));
        f.add("date_part", List.of(TEXT, TIMESTAMPTZ), FLOAT8, (a, c) -> DateParts.part(s(a[0]), a[1], TIMESTAMPTZ,
                c.timeZone()));
        // date_part(text, date) is SQL-defined in PostgreSQL as date_part($1, $2::timestamp).
        f.add("date_part", List.of(TEXT, DATE), FLOAT8, (a, c) -> DateParts.part(s(a[0]), dateToTimestamp(a[1]),
                TIMESTAMP, c.timeZone()));
        f.add("date_part", List.of(TEXT, TIME), FLOAT8, (a, c) -> DateParts.part(s(a[0]), a[1], TIME, c.timeZone()));
        f.add("date_part", List.of(TEXT, INTERVAL), FLOAT8, (a, c) -> DateParts.part(s(a[0]), a[1], INTERVAL,
                c.timeZone()));
        f.add("date_trunc", List.of(TEXT, TIMESTAMP), TIMESTAMP, (a, c) -> DateParts.trunc(s(a[0]), ts(a[1])));
        f.add("date_trunc", List.of(TEXT, TIMESTAMPTZ), TIMESTAMPTZ, (a, c) -> DateParts.trunc(s(a[0]), tz(a[1]),
                c.timeZone()));
        f.add("date_trunc", List.of(TEXT, TIMESTAMPTZ, TEXT), TIMESTAMPTZ, (a, c) -> DateParts.trunc(s(a[0]),
                tz(a[1]), zone(s(a[2]))));
        f.add("date_trunc", List.of(TEXT, INTERVAL), INTERVAL, (a, c) -> DateParts.trunc(s(a[0]), iv(a[1])));
        // AT TIME ZONE: a timestamptz becomes the local time in the zone, a timestamp is read as local time there.
        f.add("timezone", List.of(TEXT, TIMESTAMPTZ), TIMESTAMP, (a, c) -> atZone(tz(a[1]), zone(s(a[0]))));
        f.add("timezone", List.of(TEXT, TIMESTAMP), TIMESTAMPTZ, (a, c) -> atZone(ts(a[1]), zone(s(a[0]))));
        f.add("timezone", List.of(INTERVAL, TIMESTAMPTZ), TIMESTAMP, (a, c) -> atZone(tz(a[1]), zone(iv(a[0]))));
        f.add("timezone", List.of(INTERVAL, TIMESTAMP), TIMESTAMPTZ, (a, c) -> atZone(ts(a[1]), zone(iv(a[0]))));
        f.add("extract", List.of(TEXT, TIMETZ), NUMERIC, (a, c) -> DateParts.extract(s(a[0]), (TimeTz) a[1]));
        f.add("date_part", List.of(TEXT, TIMETZ), FLOAT8, (a, c) -> DateParts.part(s(a[0]), a[1], TIMETZ,
                c.timeZone()));
        // timetz AT TIME ZONE: a zone name gives its offset now (the transaction's start), as PostgreSQL does.
        f.add("timezone", List.of(TEXT, TIMETZ), TIMETZ, (a, c) -> ((TimeTz) a[1]).atOffset(zone(s(a[0]))
                .getRules().getOffset(c.transactionStart()).getTotalSeconds()));
        f.add("timezone", List.of(INTERVAL, TIMETZ), TIMETZ, (a, c) -> ((TimeTz) a[1]).atOffset(zone(iv(a[0]))
                .getRules().getOffset(c.transactionStart()).getTotalSeconds()));
        f.add("isfinite", List.of(DATE), BOOL, (a, c) -> DateInfinity.isFinite(a[0]));
        f.add("isfinite", List.of(TIMESTAMP), BOOL, (a, c) -> DateInfinity.isFinite(a[0]));
        f.add("isfinite", List.of(TIMESTAMPTZ), BOOL, (a, c) -> DateInfinity.isFinite(a[0]));
        f.add("isfinite", List.of(INTERVAL), BOOL, (a, c) -> true);
    }

    private static void constructors(CatalogInfoFunctions.Sink f) {
        f.add("make_date", List.of(INT4, INT4, INT4), DATE, (a, c) -> DateMath.makeDate(i(a[0]), i(a[1]), i(a[2])));
        f.add("make_time", List.of(INT4, INT4, FLOAT8), TIME, (a, c) -> DateMath.makeTime(i(a[0]), i(a[1]),
                d(a[2])));
        f.add("make_timestamp", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), TIMESTAMP,
                (a, c) -> DateMath.makeTimestamp(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), d(a[5])));
        f.add("make_timestamptz", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8), TIMESTAMPTZ,
                (a, c) -> DateMath.makeTimestamptz(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), d(a[5]),
                        c.timeZone()));
        f.add("make_timestamptz", List.of(INT4, INT4, INT4, INT4, INT4, FLOAT8, TEXT), TIMESTAMPTZ,
                (a, c) -> DateMath.makeTimestamptz(i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), d(a[5]),
                        zone(s(a[6]))));
        // make_interval(years, months, weeks, days, hours, mins, secs), every argument defaulting to 0.
        List<SqlType> args = new ArrayList<>();
        for (int n = 0; n <= 7; n++) {
            int count = n;
            f.add("make_interval", List.copyOf(args), INTERVAL, (a, c) -> makeInterval(a, count));
            args.add(n < 6 ? INT4 : FLOAT8);
        }
    }

    private static Interval makeInterval(Object[] a, int count) {
        int[] ints = new int[6];
        for (int k = 0; k < Math.min(count, 6); k++) {
            ints[k] = i(a[k]);
        }
        double secs = count == 7 ? d(a[6]) : 0.0;
        return DateMath.makeInterval(ints[0], ints[1], ints[2], ints[3], ints[4], ints[5], secs);
    }

    private static void spans(CatalogInfoFunctions.Sink f) {
        f.add("age", List.of(TIMESTAMP, TIMESTAMP), INTERVAL, (a, c) -> DateMath.age(ts(a[0]), ts(a[1])));
        f.add("age", List.of(TIMESTAMPTZ, TIMESTAMPTZ), INTERVAL, (a, c) -> DateMath.age(tz(a[0]), tz(a[1]),
                c.timeZone()));
        // age(t) is age from midnight of the current date (the transaction's), in the session's zone.
        f.add("age", List.of(TIMESTAMP), INTERVAL, (a, c) -> DateMath.age(today(c).atStartOfDay(), ts(a[0])));
        f.add("age", List.of(TIMESTAMPTZ), INTERVAL, (a, c) -> DateMath.age(today(c).atStartOfDay(c.timeZone())
                .toInstant(), tz(a[0]), c.timeZone()));
        f.add("justify_hours", List.of(INTERVAL), INTERVAL, (a, c) -> DateMath.justifyHours(iv(a[0])));
        f.add("justify_days", List.of(INTERVAL), INTERVAL, (a, c) -> DateMath.justifyDays(iv(a[0])));
        f.add("justify_interval", List.of(INTERVAL), INTERVAL, (a, c) -> DateMath.justifyInterval(iv(a[0])));
        f.add("date_bin", List.of(INTERVAL, TIMESTAMP, TIMESTAMP), TIMESTAMP, (a, c) -> {
            LocalDateTime epoch = LocalDateTime.of(1970, 1, 1, 0, 0);
            long bin = DateMath.binMicros(iv(a[0]), finiteMicros(epoch, ts(a[1])), finiteMicros(epoch, ts(a[2])));
            return epoch.plus(bin, ChronoUnit.MICROS);
        });
        f.add("date_bin", List.of(INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ), TIMESTAMPTZ, (a, c) -> {
            long bin = DateMath.binMicros(iv(a[0]), finiteMicros(tz(a[1])), finiteMicros(tz(a[2])));
            return Instant.EPOCH.plus(bin, ChronoUnit.MICROS);
        });
    }

    private static void formatting(CatalogInfoFunctions.Sink f) {
        f.add("to_char", List.of(TIMESTAMP, TEXT), TEXT, (a, c) -> DateFormatting.toChar(ts(a[0]), null, s(a[1])));
        f.add("to_char", List.of(TIMESTAMPTZ, TEXT), TEXT, (a, c) -> DateInfinity.isFinite(a[0])
                ? DateFormatting.toChar(LocalDateTime.ofInstant(tz(a[0]), c.timeZone()), tz(a[0]).atZone(c.timeZone()),
                        s(a[1]))
                : null);
        f.add("to_char", List.of(INTERVAL, TEXT), TEXT, (a, c) -> DateFormatting.toChar(iv(a[0]), s(a[1])));
        f.add("to_date", List.of(TEXT, TEXT), DATE, (a, c) -> DateFormatting.toDate(s(a[0]), s(a[1])));
        f.add("to_timestamp", List.of(TEXT, TEXT), TIMESTAMPTZ, (a, c) -> DateFormatting.toTimestamp(s(a[0]),
                s(a[1]), c.timeZone()));
        f.add("to_timestamp", List.of(FLOAT8), TIMESTAMPTZ, (a, c) -> DateFormatting.fromEpoch(d(a[0])));
        f.add("timeofday", List.of(), TEXT, (a, c) -> DateFormatting.timeOfDay(Instant.now(), c.timeZone()));
    }

    // ---- helpers

    private static LocalDate today(EvalContext c) {
        return LocalDate.ofInstant(c.transactionStart(), c.timeZone());
    }

    private static LocalDateTime dateToTimestamp(Object date) {
        int sign = DateInfinity.sign(date);
        return sign != 0 ? (LocalDateTime) DateInfinity.as(sign, TIMESTAMP) : ((LocalDate) date).atStartOfDay();
    }

    private static long finiteMicros(LocalDateTime epoch, LocalDateTime t) {
        if (!DateInfinity.isFinite(t)) {
            throw new SqlException("22008", "timestamp out of range");
        }
        return ChronoUnit.MICROS.between(epoch, t);
    }

    private static long finiteMicros(Instant t) {
        if (!DateInfinity.isFinite(t)) {
            throw new SqlException("22008", "timestamp out of range");
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static LocalDateTime atZone(Instant t, ZoneId zone) {
        int sign = DateInfinity.sign(t);
        return sign != 0 ? (LocalDateTime) DateInfinity.as(sign, TIMESTAMP) : LocalDateTime.ofInstant(t, zone);
    }

    private static Instant atZone(LocalDateTime t, ZoneId zone) {
        int sign = DateInfinity.sign(t);
        return sign != 0 ? (Instant) DateInfinity.as(sign, TIMESTAMPTZ) : t.atZone(zone).toInstant();
    }

    /** An interval as a zone: its time is the offset east of Greenwich; months and days are refused. */
    private static ZoneId zone(Interval i) {
        if (i.months() != 0 || i.days() != 0) {
            throw new SqlException("22023", "interval time zone \"" + i + "\" must not include"
                    + " months or days");
        }
        try {
            return java.time.ZoneOffset.ofTotalSeconds((int) (i.micros() / 1_000_000L));
        } catch (java.time.DateTimeException e) {
            throw new SqlException("22023", "interval time zone \"" + i + "\" must not include"
                    + " months or days");
        }
    }

    /** A zone name as AT TIME ZONE and date_trunc's third argument take it. */
    static ZoneId zone(String name) {
        ZoneId z = TimeZones.lookup(name.strip());
        if (z == null) {
            throw new SqlException("22023", "time zone \"" + name + "\" not recognized");
        }
        return z;
    }

    private static String s(Object o) {
        return (String) o;
    }

    private static int i(Object o) {
        return (Integer) o;
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static LocalDateTime ts(Object o) {
        return (LocalDateTime) o;
    }

    private static Instant tz(Object o) {
        return (Instant) o;
    }

    private static Interval iv(Object o) {
        return (Interval) o;
    }
}
