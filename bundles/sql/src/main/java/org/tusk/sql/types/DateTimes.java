package org.tusk.sql.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.spi.SqlException;

/**
 * Date and time input, and output in the ISO DateStyle (DateStyles formats the others). Input reads the
 * ISO 8601 forms here ("2026-11-23", "2026-11-23 20:42:01.5+01", "2026-11-23T20:42:01Z", with a zone name
 * after a space), the special words now, today, tomorrow, yesterday, epoch, infinity and -infinity, and
 * hands every other spelling (month names, DateStyle-ordered numeric dates, ...) to DateInput.
 */
public final class DateTimes {
    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d{1,2})-(\\d{1,2})( BC)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,})-(\\d{1,2})-(\\d{1,2})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d*))?)?)?"
                    + "\\s*(Z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z0-9_/+-]*)?( BC)?");

    private DateTimes() {
    }

    // ---- output

    /** A timestamptz in the session's zone: "2026-11-23 20:42:01.123456+00". */
    public static String formatTimestamptz(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        StringBuilder b = new StringBuilder(formatTimestamp(z.toLocalDateTime()));
        int bcAt = b.indexOf(" BC");
        if (bcAt >= 0) {
            b.setLength(bcAt);
        }
        int seconds = z.getOffset().getTotalSeconds();
        b.append(seconds < 0 ? '-' : '+');
        seconds = Math.abs(seconds);
        b.append(two(seconds / 3600));
        if (seconds % 3600 != 0) {
            b.append(':').append(two(seconds % 3600 / 60));
            if (seconds % 60 != 0) {
                b.append(':').append(two(seconds % 60));
            }
        }
        if (bcAt >= 0) {
            b.append(" BC");
        }
        return b.toString();
    }

    /** A timestamp without zone: "2026-11-23 20:42:01.5"; trailing zeros of the fraction dropped. */
    public static String formatTimestamp(LocalDateTime t) {
        StringBuilder b = new StringBuilder(formatDateOnly(t.toLocalDate()));
        b.append(' ').append(two(t.getHour())).append(':').append(two(t.getMinute())).append(':')
                .append(two(t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String frac = String.format(Locale.ROOT, "%06d", micros);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(frac, 0, end);
        }
        if (t.getYear() <= 0) {
            b.append(" BC");
        }
        return b.toString();
    }

    public static String formatDate(LocalDate d) {
        return formatDateOnly(d) + (d.getYear() <= 0 ? " BC" : "");
    }

    private static String formatDateOnly(LocalDate d) {
        int year = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        String y = Integer.toString(year);
        if (y.length() < 4) {
            y = "0".repeat(4 - y.length()) + y;
        }
        return y + "-" + two(d.getMonthValue()) + "-" + two(d.getDayOfMonth());
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    // ---- input

    public static LocalDate parseDate(String text, TypeContext ctx) {
        String s = text.trim();
        LocalDate special = specialDate(s, ctx);
        if (special != null) {
            return special;
        }
        int infinite = infinity(s);
        if (infinite != 0) {
            return (LocalDate) DateInfinity.as(infinite, SqlType.DATE);
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            LocalDateTime ts = parseLocal(text, "date", ctx);
            return ts.toLocalDate();
        }
        return date(m.group(1), m.group(2), m.group(3), m.group(4) != null, text);
    }

    /** +1 for 'infinity' (or '+infinity'), -1 for '-infinity', 0 otherwise. */
    private static int infinity(String s) {
        String w = s.toLowerCase(Locale.ROOT);
        return w.equals("infinity") || w.equals("+infinity") ? 1 : w.equals("-infinity") ? -1 : 0;
    }

    public static LocalDateTime parseTimestamp(String text, TypeContext ctx) {
        return parseLocal(text, "timestamp", ctx);
    }

    private static LocalDateTime parseLocal(String text, String typeName, TypeContext ctx) {
        String s = text.trim();
        LocalDate special = specialDate(s, ctx);
        if (special != null) {
            if (s.equalsIgnoreCase("now")) {
                return LocalDateTime.ofInstant(ctx.transactionStart(), ctx.timeZone());
            }
            return special.atStartOfDay();
        }
        int infinite = infinity(s);
        if (infinite != 0 && !typeName.equals("date")) {
            return (LocalDateTime) DateInfinity.as(infinite, SqlType.TIMESTAMP);
        }
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            // A zone in a timestamp without time zone is ignored, as PostgreSQL does.
            return DateInput.parse(text, typeName, ctx).local();
        }
        return local(m, text);
    }

    public static Instant parseTimestamptz(String text, TypeContext ctx) {
        String s = text.trim();
        LocalDate special = specialDate(s, ctx);
        if (special != null) {
            if (s.equalsIgnoreCase("now")) {
                return ctx.transactionStart();
            }
            if (s.equalsIgnoreCase("epoch")) {
                return Instant.EPOCH;
            }
            return special.atStartOfDay(ctx.timeZone()).toInstant();
        }
        int infinite = infinity(s);
        if (infinite != 0) {
            return (Instant) DateInfinity.as(infinite, SqlType.TIMESTAMPTZ);
        }
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            DateInput.Result r = DateInput.parse(text, "timestamp with time zone", ctx);
            return r.local().atZone(r.zone() != null ? r.zone() : ctx.timeZone()).toInstant();
        }
        LocalDateTime local = local(m, text);
        String zone = m.group(8);
        ZoneId id = ctx.timeZone();
        if (zone != null) {
            id = zoneOf(zone, text);
        }
        return local.atZone(id).toInstant();
    }

    private static LocalDateTime local(Matcher m, String text) {
        LocalDate date = date(m.group(1), m.group(2), m.group(3), m.group(9) != null, text);
        if (m.group(4) == null) {
            return date.atStartOfDay();
        }
        int hour = Integer.parseInt(m.group(4));
        int minute = Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        long nanos = 0;
        if (m.group(7) != null && !m.group(7).isEmpty()) {
            String frac = m.group(7);
            // Round to microseconds, PostgreSQL's resolution.
            double f = Double.parseDouble("0." + frac);
            nanos = Math.round(f * 1_000_000) * 1000L;
        }
        if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0 || nanos > 0))) {
            throw fieldOverflow(text);
        }
        LocalDateTime t = date.atTime(LocalTime.MIDNIGHT).plusHours(hour).plusMinutes(minute).plusSeconds(second)
                .plusNanos(nanos);
        return t;
    }

    private static LocalDate date(String y, String mo, String d, boolean bc, String text) {
        try {
            int year = Integer.parseInt(y);
            if (year == 0) {
                throw fieldOverflow(text);
            }
            int month = Integer.parseInt(mo);
            int day = Integer.parseInt(d);
            if (month < 1 || month > 12 || day < 1 || day > 31) {
                throw outOfRange(text);
            }
            return LocalDate.of(bc ? 1 - year : year, month, day);
        } catch (DateTimeException | NumberFormatException e) {
            // A day past its month's end is out of range without the DateStyle hint (DTERR_FIELD_OVERFLOW).
            throw fieldOverflow(text);
        }
    }

    private static ZoneId zoneOf(String zone, String text) {
        if (zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        char c = zone.charAt(0);
        if (c == '+' || c == '-') {
            String digits = zone.substring(1).replace(":", "");
            int hours;
            int minutes = 0;
            int seconds = 0;
            if (digits.length() <= 2) {
                hours = Integer.parseInt(digits);
            } else {
                hours = Integer.parseInt(digits.substring(0, digits.length() > 4 ? digits.length() - 4
                        : digits.length() - 2));
                String rest = digits.substring(digits.length() > 4 ? digits.length() - 4 : digits.length() - 2);
                minutes = Integer.parseInt(rest.substring(0, 2));
                if (rest.length() > 2) {
                    seconds = Integer.parseInt(rest.substring(2));
                }
            }
            int total = hours * 3600 + minutes * 60 + seconds;
            try {
                return ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
            } catch (DateTimeException e) {
                throw fieldOverflow(text);
            }
        }
        ZoneId id = TimeZones.lookup(zone);
        if (id == null) {
            throw new SqlException("22023", "time zone \"" + zone + "\" not recognized");
        }
        return id;
    }

    private static LocalDate specialDate(String s, TypeContext ctx) {
        String w = s.toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.ofInstant(ctx.transactionStart(), ctx.timeZone());
        return switch (w) {
            case "now", "today" -> today;
            case "tomorrow" -> today.plusDays(1);
            case "yesterday" -> today.minusDays(1);
            case "epoch" -> LocalDate.of(1970, 1, 1);
            default -> null;
        };
    }

    private static SqlException fieldOverflow(String text) {
        return new SqlException("22008", "date/time field value out of range: \"" + text + "\"");
    }

    /** A month or day outside 1-12 or 1-31: maybe read in the wrong order (DTERR_MD_FIELD_OVERFLOW). */
    private static SqlException outOfRange(String text) {
        return new SqlException(org.tusk.protocol.ErrorFields.of("ERROR", "22008",
                "date/time field value out of range: \"" + text + "\"")
                .hint("Perhaps you need a different \"datestyle\" setting.").build());
    }

    /** Truncates to PostgreSQL's microsecond resolution. */
    public static Instant micros(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS);
    }
}
