package org.tusk.sql.types;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Date and timestamp output in the four DateStyle output styles (EncodeDateOnly and EncodeDateTime in
 * PostgreSQL's datetime.c), with the field order of the setting's second part:
 * <pre>
 *   ISO       2024-01-02 03:04:05+00
 *   SQL       01/02/2024 03:04:05 UTC        (DMY: 02/01/2024)
 *   Postgres  Tue Jan 02 03:04:05 2024 UTC   (DMY: Tue 02 Jan ...)
 *   German    02.01.2024 03:04:05 UTC
 * </pre>
 * Only ISO prints the zone as an offset; the others print the zone's abbreviation. Infinite values print
 * as infinity and -infinity in every style.
 */
public final class DateStyles {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    private DateStyles() {
    }

    private enum Style {
        ISO, SQL, POSTGRES, GERMAN
    }

    private static Style style(TypeContext ctx) {
        // Without a session (EXPLAIN prints a plan's date constants without one) the default, ISO.
        String s = ctx == null ? "iso" : ctx.dateStyle().toLowerCase(Locale.ROOT);
        return s.startsWith("sql") ? Style.SQL : s.startsWith("postgres") ? Style.POSTGRES
                : s.startsWith("german") ? Style.GERMAN : Style.ISO;
    }

    /** Whether the setting's field order is day first (DMY). */
    static boolean dayFirst(TypeContext ctx) {
        return ctx != null && ctx.dateStyle().toUpperCase(Locale.ROOT).endsWith("DMY");
    }

    /** The field order of the setting: "MDY", "DMY" or "YMD". */
    static String order(TypeContext ctx) {
        String s = ctx.dateStyle().toUpperCase(Locale.ROOT);
        return s.endsWith("DMY") ? "DMY" : s.endsWith("YMD") ? "YMD" : "MDY";
    }

    public static String formatDate(LocalDate d, TypeContext ctx) {
        String inf = DateInfinity.text(d);
        if (inf != null) {
            return inf;
        }
        return dateOnly(d, style(ctx), dayFirst(ctx)) + bc(d.getYear());
    }

    public static String formatTimestamp(LocalDateTime t, TypeContext ctx) {
        String inf = DateInfinity.text(t);
        if (inf != null) {
            return inf;
        }
        Style style = style(ctx);
        if (style == Style.ISO) {
            return DateTimes.formatTimestamp(t);
        }
        return dateTime(t, style, dayFirst(ctx), null) + bc(t.getYear());
    }

    public static String formatTimestamptz(Instant i, TypeContext ctx) {
        String inf = DateInfinity.text(i);
        if (inf != null) {
            return inf;
        }
        Style style = style(ctx);
        ZoneId zone = ctx.timeZone();
        if (style == Style.ISO) {
            return DateTimes.formatTimestamptz(i, zone);
        }
        ZonedDateTime z = i.atZone(zone);
        return dateTime(z.toLocalDateTime(), style, dayFirst(ctx), DateFormatting.zoneAbbreviation(z))
                + bc(z.getYear());
    }

    private static String dateOnly(LocalDate d, Style style, boolean dayFirst) {
        String y = year(d.getYear());
        String m = two(d.getMonthValue());
        String day = two(d.getDayOfMonth());
        return switch (style) {
            case ISO -> y + "-" + m + "-" + day;
            case SQL -> (dayFirst ? day + "/" + m : m + "/" + day) + "/" + y;
            case GERMAN -> day + "." + m + "." + y;
            case POSTGRES -> (dayFirst ? day + "-" + m : m + "-" + day) + "-" + y;
        };
    }

    private static String dateTime(LocalDateTime t, Style style, boolean dayFirst, String zone) {
        String time = two(t.getHour()) + ":" + two(t.getMinute()) + ":" + seconds(t);
        String zonePart = zone == null ? "" : " " + zone;
        if (style == Style.POSTGRES) {
            DayOfWeek dow = t.getDayOfWeek();
            String month = MONTHS[t.getMonthValue() - 1];
            String day = two(t.getDayOfMonth());
            return DAYS[dow.getValue() % 7] + " " + (dayFirst ? day + " " + month : month + " " + day) + " " + time
                    + " " + year(t.getYear()) + zonePart;
        }
        return dateOnly(t.toLocalDate(), style, dayFirst) + " " + time + zonePart;
    }

    private static String seconds(LocalDateTime t) {
        String s = two(t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String frac = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
            s += "." + frac;
        }
        return s;
    }

    private static String year(int y) {
        String s = Integer.toString(y <= 0 ? 1 - y : y);
        return s.length() < 4 ? "0".repeat(4 - s.length()) + s : s;
    }

    private static String bc(int year) {
        return year <= 0 ? " BC" : "";
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
