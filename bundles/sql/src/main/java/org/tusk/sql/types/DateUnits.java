package org.tusk.sql.types;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The unit names extract, date_part and date_trunc accept, as PostgreSQL's datetime.c knows them: the
 * spellings of its deltatktbl (units with their abbreviations and plurals) and the special words of
 * datetktbl (epoch, julian, dow, ...). Like DecodeUnits, a name is lowercased and cut to ten characters
 * (TOKMAXLEN) before it is looked up, which is why "microseconds" is listed as "microsecon".
 */
public final class DateUnits {

    /** A unit of PostgreSQL's DTK_* kind that extract and date_trunc understand. */
    public enum Unit {
        MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY,
        MILLENNIUM, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE, EPOCH, JULIAN, DOW, ISODOW, DOY, ISOYEAR
    }

    private static final int TOKMAXLEN = 10;
    private static final Map<String, Unit> BY_NAME = new HashMap<>();

    static {
        names(Unit.CENTURY, "c", "cent", "centuries", "century");
        names(Unit.DAY, "d", "day", "days");
        names(Unit.DECADE, "dec", "decade", "decades", "decs");
        names(Unit.HOUR, "h", "hour", "hours", "hr", "hrs");
        names(Unit.MINUTE, "m", "min", "mins", "minute", "minutes");
        names(Unit.MICROSECONDS, "microsecon", "us", "usec", "usecond", "useconds", "usecs");
        names(Unit.MILLENNIUM, "mil", "millennia", "millennium", "mils");
        names(Unit.MILLISECONDS, "millisecon", "ms", "msec", "msecond", "mseconds", "msecs");
        names(Unit.MONTH, "mon", "mons", "month", "months");
        names(Unit.QUARTER, "qtr", "quarter");
        names(Unit.SECOND, "s", "sec", "second", "seconds", "secs");
        names(Unit.TIMEZONE, "timezone");
        names(Unit.TIMEZONE_HOUR, "timezone_h");
        names(Unit.TIMEZONE_MINUTE, "timezone_m");
        names(Unit.WEEK, "w", "week", "weeks");
        names(Unit.YEAR, "y", "year", "years", "yr", "yrs");
        names(Unit.EPOCH, "epoch");
        names(Unit.JULIAN, "j", "jd", "julian");
        names(Unit.DOW, "dow");
        names(Unit.ISODOW, "isodow");
        names(Unit.DOY, "doy");
        names(Unit.ISOYEAR, "isoyear");
    }

    private DateUnits() {
    }

    private static void names(Unit unit, String... names) {
        for (String n : names) {
            BY_NAME.put(n, unit);
        }
    }

    /** The name as PostgreSQL's messages quote it: lowercased, whole (not cut). */
    public static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The unit with this name, or null if PostgreSQL does not know it. */
    public static Unit lookup(String name) {
        String key = lower(name);
        if (key.length() > TOKMAXLEN) {
            key = key.substring(0, TOKMAXLEN);
        }
        return BY_NAME.get(key);
    }
}
