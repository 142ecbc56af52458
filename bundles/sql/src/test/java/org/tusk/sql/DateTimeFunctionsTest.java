package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The date/time functions (extract, date_part, date_trunc, make_*, age, justify_*, to_char, to_date,
 * to_timestamp, date_bin) end to end through a session. Expected values are what PostgreSQL 15 returns.
 */
class DateTimeFunctionsTest {

    /** The data rows of the last statement, "|" between columns and ";" between rows, or its error line. */
    private static String rows(String sql) {
        Transcript t = new Transcript();
        t.run("set timezone = 'UTC'");
        List<String> lines = t.run(sql);
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    private static void check(String expected, String sql) {
        assertEquals(expected, rows(sql), sql);
    }

    @Test
    void extractFromTimestamps() {
        check("2024", "select extract(year from timestamp '2024-05-06 07:08:09.5')");
        check("9.500000", "select extract(second from timestamp '2024-05-06 07:08:09.5')");
        check("9500.000", "select extract(milliseconds from timestamp '2024-05-06 07:08:09.5')");
        check("9500000", "select extract(microseconds from timestamp '2024-05-06 07:08:09.5')");
        check("1704067200.000000", "select extract(epoch from timestamptz '2024-01-01 00:00:00+00')");
        check("1|127|2|19|21|3|202", "select extract(dow from date '2024-05-06'), extract(doy from date '2024-05-06'),"
                + " extract(quarter from date '2024-05-06'), extract(week from date '2024-05-06'),"
                + " extract(century from date '2024-01-01'), extract(millennium from date '2024-01-01'),"
                + " extract(decade from date '2024-01-01')");
        check("-1|-1|-1", "select extract(year from date '0001-01-01 BC'), extract(century from date '0001-01-01 BC'),"
                + " extract(millennium from date '0001-01-01 BC')");
        check("2453737.50000000000000000000", "select extract(julian from timestamp '2006-01-01 12:00')");
        check("7|2025|1", "select extract(isodow from date '2024-05-05'), extract(isoyear from date '2024-12-30'),"
                + " extract('week' from date '2024-12-30')");
        check("0|2024-01-01 05:30:00|2023-12-31 18:30:00+00|2024-01-01 02:00:00",
                "select extract(timezone from timestamptz '2024-01-01 00:00+05:30'),"
                + " timestamptz '2024-01-01 00:00+00' at time zone 'Asia/Kolkata',"
                + " timestamp '2024-01-01 00:00' at time zone 'Asia/Kolkata',"
                + " timestamptz '2024-01-01 00:00+00' at time zone interval '02:00'");
        check("E ERROR 0A000 unit \"hour\" not supported for type date @-", "select extract(hour from date '2024-01-01')");
        check("E ERROR 22023 unit \"fortnight\" not recognized for type timestamp without time zone @-",
                "select extract(fortnight from timestamp '2024-01-01')");
        check("E ERROR 0A000 unit \"timezone\" not supported for type timestamp without time zone @-",
                "select extract(timezone from timestamp '2024-01-01')");
    }

    @Test
    void numericTimeZonesArePosixStyle() {
        Transcript t = new Transcript();
        t.run("set timezone = '+05:30'");
        assertEquals("D +05:30", t.run("show timezone").get(1));
        assertEquals("D 2024-01-01 21:34:05-05:30|-19800|-5|-30", t.run("select timestamptz '2024-01-02 03:04:05+00',"
                + " extract(timezone from now()), extract(timezone_hour from now()),"
                + " extract(timezone_minute from now())").get(1));
    }

    @Test
    void extractFromTimesAndIntervals() {
        check("7|8|9.000000", "select extract(hour from time '07:08:09'), extract(minute from time '07:08:09'),"
                + " extract(second from time '07:08:09')");
        check("86400.000000", "select extract(epoch from interval '1 day')");
        check("31557600.000000", "select extract(epoch from interval '1 year')");
        check("5|3|2|1", "select extract(hour from interval '5 hours 30 minutes'), extract(day from interval '3 days'),"
                + " extract(month from interval '14 months'), extract(year from interval '14 months')");
        check("E ERROR 0A000 unit \"dow\" not supported for type interval @-",
                "select extract(dow from interval '1 day')");
    }

    @Test
    void datePart() {
        check("2024", "select date_part('year', date '2024-05-06')");
        check("86400", "select date_part('epoch', timestamp '1970-01-02')");
        check("0", "select date_part('hour', date '2024-05-06')");
        check("9.5", "select date_part('second', timestamp '2024-05-06 07:08:09.5')");
    }

    @Test
    void dateTrunc() {
        check("2024-05-01 00:00:00", "select date_trunc('month', timestamp '2024-05-06 07:08:09')");
        check("2024-05-06 07:00:00", "select date_trunc('hour', timestamp '2024-05-06 07:08:09')");
        check("2024-01-01 00:00:00+00", "select date_trunc('year', timestamptz '2024-05-06 07:08:09+00')");
        check("2024-05-06 00:00:00", "select date_trunc('week', timestamp '2024-05-09 07:08:09')");
        check("2024-04-01 00:00:00", "select date_trunc('quarter', timestamp '2024-05-09 07:08:09')");
        check("2001-01-01 00:00:00|2020-01-01 00:00:00|2001-01-01 00:00:00",
                "select date_trunc('century', timestamp '2024-05-09'), date_trunc('decade', timestamp '2024-05-09'),"
                        + " date_trunc('millennium', timestamp '2024-05-09')");
        check("2024-05-06 07:08:09.123", "select date_trunc('milliseconds', timestamp '2024-05-06 07:08:09.123456')");
        check("2024-05-05 22:00:00+00", "select date_trunc('day', timestamptz '2024-05-06 07:08:09+00', 'Europe/Berlin')");
        check("1 year 2 mons 3 days", "select date_trunc('day', interval '1 year 2 months 3 days 04:05:06')");
        check("E ERROR 22023 unit \"fortnight\" not recognized for type timestamp without time zone @-",
                "select date_trunc('fortnight', timestamp '2024-05-06')");
        check("E ERROR 22023 unit \"dow\" not recognized for type timestamp without time zone @-",
                "select date_trunc('dow', timestamp '2024-05-06')");
        check("E ERROR 0A000 unit \"timezone\" not supported for type timestamp without time zone @-",
                "select date_trunc('timezone', timestamp '2024-05-06')");
    }

    @Test
    void castsToTime() {
        check("12:30:00", "select '2024-05-06 12:30'::timestamp::time");
        check("12:30:00", "select timestamptz '2024-05-06 12:30+00'::time");
        check("2024-05-06", "select timestamptz '2024-05-06 12:30+00'::date");
    }

    @Test
    void constructors() {
        check("2024-02-29", "select make_date(2024, 2, 29)");
        check("0001-02-03 BC", "select make_date(-1, 2, 3)");
        check("01:02:03.5", "select make_time(1, 2, 3.5)");
        check("2024-01-02 03:04:05.25", "select make_timestamp(2024, 1, 2, 3, 4, 5.25)");
        check("2024-01-02 01:04:05.25+00", "select make_timestamptz(2024, 1, 2, 3, 4, 5.25, 'Europe/Helsinki')");
        check("E ERROR 22008 date field value out of range: 2023-02-29 @-", "select make_date(2023, 2, 29)");
        check("E ERROR 22008 time field value out of range: 25:02:03 @-", "select make_time(25, 2, 3)");
        check("1 year 2 mons 25 days 05:06:07.5", "select make_interval(1, 2, 3, 4, 5, 6, 7.5)");
        check("2 years", "select make_interval(2)");
        check("10 days|1 year 00:00:01.5", "select make_interval(days => 10), make_interval(1, secs => 1.5)");
        check("E ERROR 42883 function make_interval(day => integer) does not exist @8 H No function matches the given"
                + " name and argument types. You might need to add explicit type casts.",
                "select make_interval(day => 10)");
    }

    @Test
    void ageAndJustify() {
        check("1 year 4 mons 5 days", "select age(timestamp '2024-05-06', timestamp '2023-01-01')");
        check("-1 years -4 mons -5 days", "select age(timestamp '2023-01-01', timestamp '2024-05-06')");
        check("1 mon 27 days 23:00:00", "select age(timestamp '2024-03-28', timestamp '2024-01-31 01:00')");
        check("1 day 03:00:00", "select justify_hours(interval '27 hours')");
        check("1 mon 5 days", "select justify_days(interval '35 days')");
        check("29 days 23:00:00", "select justify_interval(interval '1 month -1 hour')");
        check("t|t", "select isfinite(date '2024-01-01'), isfinite(interval '1 day')");
    }

    @Test
    void toCharOfTimestampsAndIntervals() {
        check("2024-05-06 07:08:09", "select to_char(timestamp '2024-05-06 07:08:09', 'YYYY-MM-DD HH24:MI:SS')");
        check("Monday    May       MONDAY    may 6th 07 AM", "select to_char(timestamp '2024-05-06 07:08:09',"
                + " 'Day Month DAY mon FMDDth HH12 AM')");
        check("Monday, May 6, 2024 at 7.08 p.m.", "select to_char(timestamp '2024-05-06 19:08:09',"
                + " 'FMDay, FMMonth FMDD, YYYY \"at\" FMHH12.MI a.m.')");
        check("2,024 127 2 V    19 2460437", "select to_char(date '2024-05-06', 'Y,YYY DDD Q RM IW J')");
        check("+00 UTC", "select to_char(timestamptz '2024-05-06 07:08:09+00', 'TZH TZ')");
        check("25:06:07", "select to_char(interval '25 hours 6 minutes 7 seconds', 'HH24:MI:SS')");
        check("123456 123", "select to_char(timestamp '2024-05-06 07:08:09.123456', 'US MS')");
    }

    @Test
    void toDateAndToTimestamp() {
        check("2024-05-06", "select to_date('2024-05-06', 'YYYY-MM-DD')");
        check("2024-05-06", "select to_date('06 May 2024', 'DD Mon YYYY')");
        check("2024-05-06 19:08:09+00", "select to_timestamp('2024-05-06 07:08:09 PM', 'YYYY-MM-DD HH12:MI:SS AM')");
        check("1970-01-02 00:00:00+00", "select to_timestamp(86400)");
        check("2024-05-06 05:08:09+00", "select to_timestamp('2024-05-06 07:08:09+02', 'YYYY-MM-DD HH24:MI:SSTZH')");
        check("E ERROR 22008 date/time field value out of range: \"2023-02-30\" @-",
                "select to_date('2023-02-30', 'YYYY-MM-DD')");
    }

    @Test
    void dateBin() {
        check("2020-02-11 15:30:00", "select date_bin('15 minutes', timestamp '2020-02-11 15:44:17',"
                + " timestamp '2001-01-01')");
        check("2020-02-11 15:32:30", "select date_bin('15 minutes', timestamp '2020-02-11 15:44:17',"
                + " timestamp '2001-01-01 00:02:30')");
        check("E ERROR 0A000 timestamps cannot be binned into intervals containing months or years @-",
                "select date_bin('1 month', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01')");
    }
}
