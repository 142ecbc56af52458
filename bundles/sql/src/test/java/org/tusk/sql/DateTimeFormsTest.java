package org.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Date/time and interval input and output forms through a session: month names, DateStyle field order and
 * output styles, infinity, IntervalStyle, ISO 8601 interval input and field qualifiers. Expected values are
 * what PostgreSQL 15 prints.
 */
class DateTimeFormsTest {

    /** Runs the statements in one session; the rows (or error) of the last one. */
    private static String last(String... sql) {
        Transcript t = new Transcript();
        t.run("set timezone = 'UTC'");
        List<String> lines = List.of();
        for (String s : sql) {
            lines = t.run(s);
        }
        for (String l : lines) {
            if (l.startsWith("E ")) {
                return l;
            }
        }
        return lines.stream().filter(l -> l.startsWith("D")).map(l -> l.length() > 2 ? l.substring(2) : "")
                .collect(Collectors.joining(";"));
    }

    @Test
    void dateInputForms() {
        assertEquals("1999-01-08|1999-01-08|1999-01-08|1999-01-08|1999-01-08|1999-01-08",
                last("select date 'January 8, 1999', date '1/8/1999', date '08-Jan-1999', date '1999-Jan-08',"
                        + " date '19990108', date 'Jan 8 99'"));
        assertEquals("1999-08-01", last("set datestyle = 'ISO, DMY'", "select date '1/8/1999'"));
        assertEquals("E ERROR 22008 date/time field value out of range: \"2023-02-29\" @8",
                last("select '2023-02-29'::date"));
        assertEquals("E ERROR 22008 date/time field value out of range: \"13/8/1999\" @8 "
                + "H Perhaps you need a different \"datestyle\" setting.", last("select '13/8/1999'::date"));
        assertEquals("E ERROR 22007 invalid input syntax for type date: \"Foo 8, 1999\" @8",
                last("select 'Foo 8, 1999'::date"));
        assertEquals("2024-01-02 15:04:05", last("select timestamp 'Jan 2 2024 3:04:05 PM'"));
        assertEquals("2024-01-02 03:04:05+00", last("select timestamptz 'Tue Jan 02 03:04:05 2024 UTC'"));
        assertEquals("2024-01-02 01:04:05+00", last("select timestamptz '1/2/2024 03:04:05+02'"));
    }

    @Test
    void infinity() {
        assertEquals("infinity|-infinity|infinity|-infinity",
                last("select date 'infinity', date '-infinity', timestamp 'infinity', timestamptz '-infinity'"));
        assertEquals("t|f|f|t", last("select date 'infinity' > date '2024-01-01', isfinite(date 'infinity'),"
                + " isfinite(timestamp '-infinity'), isfinite(timestamptz 'now')"));
        assertEquals("infinity", last("select date 'infinity'::timestamp"));
    }

    @Test
    void dateStyleOutput() {
        assertEquals("Tue Jan 02 03:04:05 2024|01-02-2024|Tue Jan 02 03:04:05 2024 UTC",
                last("set datestyle = 'Postgres, MDY'", "select timestamp '2024-01-02 03:04:05', date '2024-01-02',"
                        + " timestamptz '2024-01-02 03:04:05+00'"));
        assertEquals("02/01/2024 03:04:05|02/01/2024",
                last("set datestyle = 'SQL, DMY'", "select timestamp '2024-01-02 03:04:05', date '02/01/2024'"));
        assertEquals("02.01.2024 03:04:05.5|02.01.2024",
                last("set datestyle = 'German'", "select timestamp '2024-01-02 03:04:05.5', date '2024-01-02'"));
        assertEquals("German, DMY", last("set datestyle = 'German'", "show datestyle"));
        // A numeric (POSIX) zone has an empty abbreviation: the styles that print one leave a trailing blank.
        assertEquals("Mon 01 Jul 21:34:05 2024 |01/01/2024 21:34:05 []", last("set timezone = '+05:30'",
                "set datestyle = 'Postgres, DMY'", "select timestamptz '2024-07-02 03:04:05+00',"
                        + " to_char(timestamptz '2024-01-02 03:04:05+00', 'MM/DD/YYYY HH24:MI:SS [TZ]')"));
    }

    @Test
    void intervalStyles() {
        assertEquals("@ 1 day 2 hours 3 mins|@ 1 year ago|@ 1 min 1.5 secs ago",
                last("set intervalstyle = 'postgres_verbose'", "select interval '1 day 2 hours 3 minutes',"
                        + " interval '-1 year', interval '-61.5 seconds'"));
        assertEquals("1 2:03:00|1-2|-1 2:03:00|+1-2 -3 +0:00:00|0",
                last("set intervalstyle = 'sql_standard'", "select interval '1 day 2 hours 3 minutes',"
                        + " interval '1 year 2 months', interval '-1 day -2 hours -3 minutes',"
                        + " interval '1 year 2 months -3 days', interval '0'"));
        assertEquals("P1DT2H3M|P1Y2MT0.5S|PT0S|PT-1M-1.5S", last("set intervalstyle = 'iso_8601'",
                "select interval '1 day 2 hours 3 minutes', interval '1 year 2 months 0.5 seconds', interval '0',"
                        + " interval '-61.5 seconds'"));
    }

    @Test
    void intervalInput() {
        assertEquals("1 year 2 mons 3 days 04:05:06|1 year 2 mons 3 days 04:05:06|14 days|12:00:00",
                last("select interval 'P1Y2M3DT4H5M6S', interval 'P0001-02-03T04:05:06', interval 'P2W',"
                        + " interval 'PT0.5D'".replace("PT0.5D", "P0.5D")));
        assertEquals("1 year|02:00:00|1 year 2 mons|01:02:00|00:01:02|3 days",
                last("select interval '1' year, interval '2' hour, interval '1-2' year to month,"
                        + " interval '1:2' hour to minute, interval '1:2' minute to second,"
                        + " interval '3 days 04:05' day"));
        assertEquals("1 day 02:03:00|00:00:01.23", last("select '1 day 02:03:04'::interval day to minute,"
                + " interval(2) '1.234 seconds'"));
    }

    @Test
    void timeWithTimeZone() {
        assertEquals("12:34:56.5+05:30|00:00:00-08|f|t|f", last("select timetz '12:34:56.5+05:30',"
                + " '00:00-08'::time with time zone, timetz '12:00+01' = timetz '11:00+00',"
                + " timetz '12:00+01' < timetz '11:00+00', timetz '12:00+01' > timetz '11:00+00'"));
        assertEquals("06:30:00+00|05:00:00+05:30|10:00:00|12:00:00+00", last("select timetz '12:00+05:30' at time zone 'UTC',"
                + " timetz '22:30-01' at time zone '-05:30', timetz '10:00+02'::time, time '12:00'::timetz"));
        assertEquals("-19800|-5|-30|12|45000.000000", last("select extract(timezone from timetz '12:00-05:30'),"
                + " extract(timezone_hour from timetz '12:00-05:30'), extract(timezone_minute from timetz '12:00-05:30'),"
                + " extract(hour from timetz '12:00-05:30'), extract(epoch from timetz '07:00-05:30')"));
        assertEquals("E ERROR 0A000 unit \"day\" not supported for type time with time zone @-",
                last("select extract(day from timetz '12:00+00')"));
        assertEquals("E ERROR 22008 time zone displacement out of range: \"12:00+16\" @8",
                last("select '12:00+16'::timetz"));
        assertEquals("07:08:09+00", last("select timestamptz '2024-05-06 07:08:09+00'::timetz"));
    }
}
