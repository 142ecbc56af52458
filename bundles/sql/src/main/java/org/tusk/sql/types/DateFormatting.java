package org.tusk.sql.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;

/**
 * to_char, to_date and to_timestamp with PostgreSQL's template patterns (formatting.c): YYYY, MM, DD,
 * HH24, MI, SS, Month, Day, AM, TZ and the rest of the date/time patterns, the FM (no padding) prefix, the
 * TH ordinal suffix, double-quoted literal text. Text fields follow the case the pattern is written in
 * (MONTH, Month, month). Reading (to_date) skips separators loosely, as PostgreSQL does without FX.
 */
public final class DateFormatting {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    private static final String[] ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
    /** The patterns, longest first so that the longest one that matches wins. */
    private static final String[] PATTERNS = {"Y,YYY", "SSSSS", "A.D.", "A.M.", "B.C.", "P.M.", "HH24", "HH12",
        "SSSS", "IDDD", "MONTH", "YYYY", "IYYY", "DDD", "FF1", "FF2", "FF3", "FF4", "FF5", "FF6", "IYY", "MON",
        "DAY", "TZH", "TZM", "YYY", "HH", "MI", "SS", "MS", "US", "AM", "PM", "AD", "BC", "DD", "DY", "IW", "ID",
        "IY", "MM", "WW", "CC", "RM", "TZ", "OF", "YY", "FX", "D", "I", "J", "Q", "W", "Y"};
    private static final long UNIX_EPOCH_JDATE = 2_440_588L;

    private DateFormatting() {
    }

    /** The fields a template draws from: a timestamp's, or an interval's (where hours may pass 24). */
    private record Fields(int year, int month, int day, long hour, int minute, int second, int micros,
            int dayOfYear, LocalDate date, ZonedDateTime zoned, boolean interval) {
    }

    // ---- to_char

    /** to_char(timestamp, text); {@code zoned} gives TZ and OF for a timestamptz, null for a timestamp. */
    public static String toChar(LocalDateTime t, ZonedDateTime zoned, String format) {
        if (!DateInfinity.isFinite(t)) {
            return null;
        }
        Fields f = new Fields(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond(), t.getNano() / 1000, t.getDayOfYear(), t.toLocalDate(), zoned, false);
        return format(f, format);
    }

    /** to_char(interval, text): years, months, days and the time as interval2tm splits them. */
    public static String toChar(Interval i, String format) {
        long time = i.micros();
        long hour = time / 3_600_000_000L;
        time -= hour * 3_600_000_000L;
        int minute = (int) (time / 60_000_000L);
        time -= minute * 60_000_000L;
        int second = (int) (time / 1_000_000L);
        int micros = (int) (time - second * 1_000_000L);
        int year = i.months() / 12;
        int month = i.months() % 12;
        int yday = (year * 12 + month) * 30 + i.days();
        Fields f = new Fields(year, month, i.days(), hour, minute, second, micros, yday, null, null, true);
        return format(f, format);
    }

    private static String format(Fields f, String fmt) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            if (c == '"') {
                i++;
                while (i < fmt.length() && fmt.charAt(i) != '"') {
                    if (fmt.charAt(i) == '\\' && i + 1 < fmt.length()) {
                        i++;
                    }
                    out.append(fmt.charAt(i++));
                }
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '"') {
                out.append('"');
                i += 2;
                continue;
            }
            boolean fill = false;
            int start = i;
            while (fmt.regionMatches(true, i, "FM", 0, 2) || fmt.regionMatches(true, i, "TM", 0, 2)) {
                fill |= fmt.regionMatches(true, i, "FM", 0, 2);
                i += 2;
            }
            String pattern = match(fmt, i);
            if (pattern == null) {
                i = start;
                out.append(fmt.charAt(i++));
                continue;
            }
            String written = fmt.substring(i, i + pattern.length());
            i += pattern.length();
            String ordinal = null;
            if (fmt.startsWith("TH", i) || fmt.startsWith("th", i)) {
                ordinal = fmt.substring(i, i + 2);
                i += 2;
            }
            out.append(field(f, pattern, written, fill, ordinal));
        }
        return out.toString();
    }

    private static String match(String fmt, int at) {
        for (String p : PATTERNS) {
            if (fmt.regionMatches(true, at, p, 0, p.length())) {
                return p;
            }
        }
        return null;
    }

    private static String field(Fields f, String pattern, String written, boolean fill, String ordinal) {
        int y = f.year();
        int shownYear = f.interval() ? y : y <= 0 ? 1 - y : y;
        String text = switch (pattern) {
            case "HH24" -> num(f.hour(), 2, fill, ordinal);
            case "HH", "HH12" -> num(f.hour() % 12 == 0 ? 12 : f.hour() % 12, 2, fill, ordinal);
            case "MI" -> num(f.minute(), 2, fill, ordinal);
            case "SS" -> num(f.second(), 2, fill, ordinal);
            case "MS" -> num(f.micros() / 1000, 3, fill, ordinal);
            case "US" -> num(f.micros(), 6, fill, ordinal);
            case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6" -> {
                int digits = pattern.charAt(2) - '0';
                yield num(f.micros() / (long) Math.pow(10, 6 - digits), digits, fill, ordinal);
            }
            case "SSSS", "SSSSS" -> num((f.hour() * 60 + f.minute()) * 60 + f.second(), 0, fill, ordinal);
            case "AM", "PM" -> cased(f.hour() % 24 >= 12 ? "PM" : "AM", written);
            case "A.M.", "P.M." -> cased(f.hour() % 24 >= 12 ? "P.M." : "A.M.", written);
            case "AD", "BC" -> cased(y <= 0 && !f.interval() ? "BC" : "AD", written);
            case "A.D.", "B.C." -> cased(y <= 0 && !f.interval() ? "B.C." : "A.D.", written);
            case "Y,YYY" -> {
                String digits = num(shownYear, 4, false, null);
                String s = digits.substring(0, digits.length() - 3) + "," + digits.substring(digits.length() - 3);
                yield s + suffix(shownYear, ordinal);
            }
            case "YYYY", "IYYY" -> num(pattern.startsWith("I") ? isoYear(f) : shownYear, 4, fill, ordinal);
            case "YYY", "IYY" -> num((pattern.startsWith("I") ? isoYear(f) : shownYear) % 1000, 3, fill, ordinal);
            case "YY", "IY" -> num((pattern.startsWith("I") ? isoYear(f) : shownYear) % 100, 2, fill, ordinal);
            case "Y", "I" -> num((pattern.startsWith("I") ? isoYear(f) : shownYear) % 10, 1, fill, ordinal);
            case "MONTH" -> f.month() == 0 ? "" : pad(cased(MONTHS[f.month() - 1], written), 9, fill);
            case "MON" -> f.month() == 0 ? "" : cased(MONTHS[f.month() - 1].substring(0, 3), written);
            case "MM" -> num(f.month(), 2, fill, ordinal);
            case "DAY" -> f.date() == null ? "" : pad(cased(DAYS[dow(f)], written), 9, fill);
            case "DY" -> f.date() == null ? "" : cased(DAYS[dow(f)].substring(0, 3), written);
            case "DDD" -> num(f.dayOfYear(), 3, fill, ordinal);
            case "IDDD" -> num(f.date() == null ? 0 : isoDayOfYear(f.date()), 3, fill, ordinal);
            case "DD" -> num(f.day(), 2, fill, ordinal);
            case "D" -> num(f.date() == null ? 0 : dow(f) + 1, 1, fill, ordinal);
            case "ID" -> num(f.date() == null ? 0 : f.date().getDayOfWeek().getValue(), 1, fill, ordinal);
            case "WW" -> num((f.dayOfYear() - 1) / 7 + 1, 2, fill, ordinal);
            case "IW" -> num(f.date() == null ? 0 : f.date().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fill,
                    ordinal);
            case "W" -> num((f.day() - 1) / 7 + 1, 1, fill, ordinal);
            case "CC" -> {
                int cc = f.interval() ? y / 100 : y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100);
                yield num(cc, 2, fill, ordinal);
            }
            case "J" -> num(f.date() == null ? 0 : f.date().toEpochDay() + UNIX_EPOCH_JDATE, 0, fill, ordinal);
            case "Q" -> f.month() == 0 && f.interval() ? "" : num((f.month() - 1) / 3 + 1, 1, fill, ordinal);
            case "RM" -> f.month() == 0 ? "" : pad(cased(ROMAN[f.month() - 1], written), 4, fill);
            case "TZ" -> f.zoned() == null ? "" : cased(zoneAbbreviation(f.zoned()), written);
            case "TZH" -> {
                if (f.zoned() == null) {
                    yield "";
                }
                int secs = f.zoned().getOffset().getTotalSeconds();
                yield (secs < 0 ? "-" : "+") + num(Math.abs(secs) / 3600, 2, fill, null);
            }
            case "TZM" -> f.zoned() == null ? ""
                    : num(Math.abs(f.zoned().getOffset().getTotalSeconds()) / 60 % 60, 2, fill, null);
            case "OF" -> f.zoned() == null ? "" : offsetText(f.zoned().getOffset().getTotalSeconds());
            case "FX" -> "";
            default -> throw new IllegalStateException(pattern);
        };
        return text;
    }

    private static int dow(Fields f) {
        return f.date().getDayOfWeek().getValue() % 7;
    }

    private static int isoYear(Fields f) {
        if (f.date() == null) {
            return f.year();
        }
        int iy = f.date().get(IsoFields.WEEK_BASED_YEAR);
        return iy <= 0 ? 1 - iy : iy;
    }

    private static int isoDayOfYear(LocalDate d) {
        return (d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7 + d.getDayOfWeek().getValue();
    }

    /** A number zero-padded to {@code width} digits (after the sign) unless FM, with an ordinal suffix. */
    private static String num(long v, int width, boolean fill, String ordinal) {
        String digits = Long.toString(Math.abs(v));
        if (!fill && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return (v < 0 ? "-" : "") + digits + suffix(v, ordinal);
    }

    private static String suffix(long v, String ordinal) {
        if (ordinal == null) {
            return "";
        }
        long n = Math.abs(v);
        String s = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return ordinal.equals("TH") ? s.toUpperCase(Locale.ROOT) : s;
    }

    /** A word in the case of the pattern: all capitals, capitalised, or all lower case. */
    private static String cased(String word, String written) {
        if (written.equals(written.toUpperCase(Locale.ROOT))) {
            return word.toUpperCase(Locale.ROOT);
        }
        if (written.equals(written.toLowerCase(Locale.ROOT))) {
            return word.toLowerCase(Locale.ROOT);
        }
        return word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String pad(String s, int width, boolean fill) {
        return fill || s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String offsetText(int secs) {
        int a = Math.abs(secs);
        String s = (secs < 0 ? "-" : "+") + two(a / 3600);
        if (a % 3600 != 0) {
            s += ":" + two(a / 60 % 60);
        }
        return s;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /**
     * The zone abbreviation PostgreSQL prints (%Z): UTC, CET, EDT, ...; where the tz database has none, the
     * offset ("+03").
     */
    public static String zoneAbbreviation(ZonedDateTime z) {
        ZoneId zone = z.getZone();
        if (zone instanceof ZoneOffset offset) {
            // UTC is named; a numeric (POSIX) TimeZone setting has an empty abbreviation in PostgreSQL.
            return offset.getTotalSeconds() == 0 ? "UTC" : "";
        }
        String name = DateTimeFormatter.ofPattern("zzz", Locale.ROOT).format(z);
        if (name.startsWith("GMT+") || name.startsWith("GMT-") || name.startsWith("UTC+") || name.startsWith("UTC-")) {
            return offsetText(z.getOffset().getTotalSeconds());
        }
        return name;
    }

    // ---- to_date, to_timestamp

    /** What a template read from the input. */
    private static final class Parsed {
        Integer year;
        boolean bc;
        Integer month;
        Integer day;
        Integer dayOfYear;
        Long julian;
        int hour;
        boolean twelveHour;
        Boolean pm;
        int minute;
        int second;
        long micros;
        Integer offsetSeconds;
    }

    /** to_date(text, template). */
    public static LocalDate toDate(String text, String fmt) {
        Parsed p = parse(text, fmt);
        return date(p, text);
    }

    /** to_timestamp(text, template): the local time read, in the session's zone unless TZH/TZM were read. */
    public static Instant toTimestamp(String text, String fmt, ZoneId zone) {
        Parsed p = parse(text, fmt);
        LocalDate d = date(p, text);
        int hour = p.hour;
        if (p.twelveHour || p.pm != null) {
            if (hour < 1 || hour > 12) {
                throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22008",
                        "hour \"" + hour + "\" is invalid for the 12-hour clock")
                        .hint("Use the 24-hour clock, or give an hour between 1 and 12.").build());
            }
            hour = hour % 12 + (Boolean.TRUE.equals(p.pm) ? 12 : 0);
        }
        if (hour > 24 || p.minute > 59 || p.second > 60) {
            throw new SqlException("22008", "date/time field value out of range: \"" + text + "\"");
        }
        LocalDateTime t = d.atStartOfDay().plusHours(hour).plusMinutes(p.minute).plusSeconds(p.second)
                .plus(p.micros, ChronoUnit.MICROS);
        return p.offsetSeconds != null ? t.toInstant(ZoneOffset.ofTotalSeconds(p.offsetSeconds))
                : t.atZone(zone).toInstant();
    }

    private static LocalDate date(Parsed p, String text) {
        try {
            if (p.julian != null) {
                return LocalDate.ofEpochDay(p.julian - UNIX_EPOCH_JDATE);
            }
            int year = p.year == null ? 1 : p.year;
            if (p.bc) {
                year = 1 - year;
            }
            if (p.dayOfYear != null && p.month == null) {
                return LocalDate.ofYearDay(year, p.dayOfYear);
            }
            return LocalDate.of(year, p.month == null ? 1 : p.month, p.day == null ? 1 : p.day);
        } catch (DateTimeException e) {
            throw new SqlException("22008", "date/time field value out of range: \"" + text + "\"");
        }
    }

    private static Parsed parse(String text, String fmt) {
        Parsed p = new Parsed();
        int[] at = {0};
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            if (c == '"') {
                i++;
                while (i < fmt.length() && fmt.charAt(i) != '"') {
                    i++;
                    if (at[0] < text.length()) {
                        at[0]++;
                    }
                }
                i++;
                continue;
            }
            while (fmt.regionMatches(true, i, "FM", 0, 2) || fmt.regionMatches(true, i, "TM", 0, 2)) {
                i += 2;
            }
            String pattern = match(fmt, i);
            if (pattern == null) {
                // A separator or literal in the template skips one character of input; a space, all spaces.
                if (Character.isWhitespace(c)) {
                    while (at[0] < text.length() && Character.isWhitespace(text.charAt(at[0]))) {
                        at[0]++;
                    }
                } else if (at[0] < text.length() && !Character.isLetterOrDigit(text.charAt(at[0]))) {
                    at[0]++;
                }
                i++;
                continue;
            }
            i += pattern.length();
            if (fmt.regionMatches(true, i, "TH", 0, 2)) {
                i += 2;
            }
            skipSpaces(text, at);
            read(p, pattern, text, at);
        }
        return p;
    }

    private static void skipSpaces(String text, int[] at) {
        while (at[0] < text.length() && text.charAt(at[0]) == ' ') {
            at[0]++;
        }
    }

    private static void read(Parsed p, String pattern, String text, int[] at) {
        switch (pattern) {
            case "YYYY", "IYYY" -> p.year = (int) digits(text, at, 0, pattern);
            case "Y,YYY" -> {
                long thousands = digits(text, at, 0, pattern);
                if (at[0] < text.length() && text.charAt(at[0]) == ',') {
                    at[0]++;
                    p.year = (int) (thousands * 1000 + digits(text, at, 3, pattern));
                } else {
                    p.year = (int) thousands;
                }
            }
            case "YYY", "IYY" -> p.year = adjustYear((int) digits(text, at, 3, pattern), 3);
            case "YY", "IY" -> p.year = adjustYear((int) digits(text, at, 2, pattern), 2);
            case "Y", "I" -> p.year = adjustYear((int) digits(text, at, 1, pattern), 1);
            case "MM" -> p.month = (int) digits(text, at, 2, pattern);
            case "DD" -> p.day = (int) digits(text, at, 2, pattern);
            case "DDD", "IDDD" -> p.dayOfYear = (int) digits(text, at, 3, pattern);
            case "J" -> p.julian = digits(text, at, 0, pattern);
            case "HH24" -> p.hour = (int) digits(text, at, 2, pattern);
            case "HH", "HH12" -> {
                p.hour = (int) digits(text, at, 2, pattern);
                p.twelveHour = true;
            }
            case "MI" -> p.minute = (int) digits(text, at, 2, pattern);
            case "SS" -> p.second = (int) digits(text, at, 2, pattern);
            case "SSSS", "SSSSS" -> {
                long s = digits(text, at, 0, pattern);
                p.hour = (int) (s / 3600);
                p.minute = (int) (s / 60 % 60);
                p.second = (int) (s % 60);
            }
            case "MS" -> p.micros += fraction(text, at, 3, pattern) / 1000;
            case "US" -> p.micros += fraction(text, at, 6, pattern);
            case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6" -> p.micros += fraction(text, at, pattern.charAt(2) - '0',
                    pattern);
            case "MONTH", "MON" -> p.month = word(text, at, MONTHS, pattern.equals("MON"), pattern) + 1;
            case "DAY", "DY" -> word(text, at, DAYS, pattern.equals("DY"), pattern);
            case "RM" -> p.month = roman(text, at);
            case "AM", "PM", "A.M.", "P.M." -> p.pm = meridiem(text, at, pattern.length(), pattern);
            case "AD", "BC", "A.D.", "B.C." -> {
                String w = text.substring(at[0], Math.min(text.length(), at[0] + pattern.length()));
                p.bc = w.replace(".", "").equalsIgnoreCase("BC");
                at[0] += w.length();
            }
            case "TZH" -> {
                int sign = 1;
                if (at[0] < text.length() && (text.charAt(at[0]) == '-' || text.charAt(at[0]) == '+')) {
                    sign = text.charAt(at[0]) == '-' ? -1 : 1;
                    at[0]++;
                }
                int h = (int) digits(text, at, 2, pattern);
                int prev = p.offsetSeconds == null ? 0 : p.offsetSeconds;
                p.offsetSeconds = sign * h * 3600 + prev;
            }
            case "TZM" -> {
                int m = (int) digits(text, at, 2, pattern);
                int prev = p.offsetSeconds == null ? 0 : p.offsetSeconds;
                p.offsetSeconds = prev < 0 ? prev - m * 60 : prev + m * 60;
            }
            case "FX", "D", "ID", "W", "WW", "IW", "Q", "CC" -> {
                if (!pattern.equals("FX")) {
                    digits(text, at, pattern.length() == 1 ? 1 : 2, pattern);
                }
            }
            default -> throw new SqlException("0A000", "formatting field \"" + pattern
                    + "\" is only supported in to_char");
        }
    }

    /** Two-digit years near 2020, as PostgreSQL's adjust_partial_year_to_2020. */
    private static int adjustYear(int year, int digits) {
        return switch (digits) {
            case 1 -> year + 2000;
            case 2 -> year < 70 ? year + 2000 : year + 1900;
            default -> year < 100 ? year + 2000 : year + 1000;
        };
    }

    private static long digits(String text, int[] at, int max, String pattern) {
        int start = at[0];
        int i = start;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+') && max == 0) {
            i++;
        }
        while (i < text.length() && Character.isDigit(text.charAt(i)) && (max == 0 || i - start < max
                || pattern.equals("YYYY"))) {
            i++;
        }
        String s = text.substring(start, i);
        if (s.isEmpty() || s.equals("-") || s.equals("+")) {
            throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22007",
                    "invalid value \"" + text.substring(start, Math.min(text.length(), start + Math.max(max, 1)))
                            + "\" for \"" + pattern + "\"")
                    .detail("Value must be an integer.").build());
        }
        at[0] = i;
        return Long.parseLong(s);
    }

    private static long fraction(String text, int[] at, int digits, String pattern) {
        int start = at[0];
        long v = digits(text, at, digits, pattern);
        int read = at[0] - start;
        for (int k = read; k < 6; k++) {
            v *= 10;
        }
        return v;
    }

    private static int word(String text, int[] at, String[] names, boolean abbreviated, String pattern) {
        for (int k = 0; k < names.length; k++) {
            String n = abbreviated ? names[k].substring(0, 3) : names[k];
            if (text.regionMatches(true, at[0], n, 0, n.length())) {
                at[0] += n.length();
                return k;
            }
        }
        if (!abbreviated) {
            return word(text, at, names, true, pattern);
        }
        throw new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22007",
                "invalid value \"" + text.substring(at[0], Math.min(text.length(), at[0] + 3)) + "\" for \""
                        + pattern + "\"")
                .detail("The given value did not match any of the allowed values for this field.").build());
    }

    private static int roman(String text, int[] at) {
        for (int k = ROMAN.length - 1; k >= 0; k--) {
            if (text.regionMatches(true, at[0], ROMAN[k], 0, ROMAN[k].length())) {
                at[0] += ROMAN[k].length();
                return k + 1;
            }
        }
        throw new SqlException("22007", "invalid value for \"RM\"");
    }

    private static boolean meridiem(String text, int[] at, int length, String pattern) {
        String w = text.substring(at[0], Math.min(text.length(), at[0] + length)).replace(".", "");
        at[0] += Math.min(length, text.length() - at[0]);
        if (w.equalsIgnoreCase("PM")) {
            return true;
        }
        if (w.equalsIgnoreCase("AM")) {
            return false;
        }
        throw new SqlException("22007", "invalid value \"" + w + "\" for \"" + pattern + "\"");
    }

    /** to_timestamp(double precision): seconds since the Unix epoch, rounded to microseconds. */
    public static Instant fromEpoch(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new SqlException("22008", "timestamp cannot be NaN");
        }
        if (Double.isInfinite(seconds)) {
            return seconds > 0 ? DateInfinity.TIMESTAMPTZ_INFINITY : DateInfinity.TIMESTAMPTZ_MINUS_INFINITY;
        }
        double micros = Math.rint(seconds * 1_000_000.0);
        // The range of timestamptz: 4714-11-24 BC to 294276 AD.
        if (micros < -210866803200000000.0 || micros >= 9224318016000000000.0) {
            throw new SqlException("22008", "timestamp out of range: \"" + gFormat(seconds) + "\"");
        }
        return Instant.EPOCH.plus((long) micros, ChronoUnit.MICROS);
    }

    private static String gFormat(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            String mant = s.substring(0, s.indexOf('e'));
            String exp = s.substring(s.indexOf('e') + 1);
            if (mant.contains(".")) {
                mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            int e = Integer.parseInt(exp);
            return mant + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** timeofday(): the wall clock as text, "Tue Nov 24 04:07:59.123456 2026 UTC". */
    public static String timeOfDay(Instant now, ZoneId zone) {
        ZonedDateTime z = now.atZone(zone);
        return DAYS[z.getDayOfWeek().getValue() % 7].substring(0, 3) + " "
                + MONTHS[z.getMonthValue() - 1].substring(0, 3) + " " + two(z.getDayOfMonth()) + " "
                + two(z.getHour()) + ":" + two(z.getMinute()) + ":" + two(z.getSecond()) + "."
                + String.format(Locale.ROOT, "%06d", z.getNano() / 1000) + " " + z.getYear() + " "
                + zoneAbbreviation(z);
    }
}
