package org.tusk.protocol;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date and time values between PostgreSQL's binary form (days or microseconds since 2000-01-01, with
 * the largest and smallest values meaning infinity and -infinity) and the ISO text form ("2026-11-23",
 * "2026-11-23 20:42:01.5", "2026-11-23 20:42:01.5+01", "0044-03-15 BC"). Package-private: used by
 * {@link BinaryFormats}.
 */
final class DateTimeFormats {
    private static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime EPOCH = EPOCH_DATE.atStartOfDay();
    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d\\d)-(\\d\\d)( BC)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,})-(\\d\\d)-(\\d\\d)[ T](\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d{1,6}))?"
                    + "(?:([+-])(\\d\\d)(?::?(\\d\\d))?(?::?(\\d\\d))?)?( BC)?");

    private DateTimeFormats() {
    }

    static String dateText(int days) {
        if (days == Integer.MAX_VALUE) {
            return "infinity";
        }
        if (days == Integer.MIN_VALUE) {
            return "-infinity";
        }
        return formatDate(EPOCH_DATE.plusDays(days));
    }

    static int dateDays(String text) {
        switch (text) {
            case "infinity":
                return Integer.MAX_VALUE;
            case "-infinity":
                return Integer.MIN_VALUE;
            default:
                Matcher m = DATE.matcher(text.trim());
                if (!m.matches()) {
                    throw new IllegalArgumentException("not an ISO date: " + text);
                }
                LocalDate d = LocalDate.of(year(m.group(1), m.group(4) != null), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                return Math.toIntExact(ChronoUnit.DAYS.between(EPOCH_DATE, d));
        }
    }

    /** A timestamp's text; with {@code utc}, a timestamptz shown in UTC with PostgreSQL's "+00". */
    static String timestampText(long micros, boolean utc) {
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        LocalDateTime t = EPOCH.plus(micros, ChronoUnit.MICROS);
        StringBuilder b = new StringBuilder(formatDate(t.toLocalDate()));
        boolean bc = b.toString().endsWith(" BC");
        if (bc) {
            b.setLength(b.length() - 3);
        }
        b.append(' ').append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        int fraction = t.getNano() / 1000;
        if (fraction != 0) {
            String f = String.format("%06d", fraction);
            b.append('.').append(f.replaceAll("0+$", ""));
        }
        if (utc) {
            b.append("+00");
        }
        if (bc) {
            b.append(" BC");
        }
        return b.toString();
    }

    static long timestampMicros(String text, boolean withZone) {
        switch (text) {
            case "infinity":
                return Long.MAX_VALUE;
            case "-infinity":
                return Long.MIN_VALUE;
            default:
                Matcher m = TIMESTAMP.matcher(text.trim());
                if (!m.matches()) {
                    throw new IllegalArgumentException("not an ISO timestamp: " + text);
                }
                LocalDate date = LocalDate.of(year(m.group(1), m.group(12) != null), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                String frac = m.group(7) == null ? "0" : (m.group(7) + "00000").substring(0, 6);
                LocalDateTime t = LocalDateTime.of(date, LocalTime.of(Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(frac) * 1000));
                if (withZone && m.group(8) != null) {
                    int sign = m.group(8).equals("-") ? -1 : 1;
                    int seconds = Integer.parseInt(m.group(9)) * 3600
                            + (m.group(10) == null ? 0 : Integer.parseInt(m.group(10)) * 60)
                            + (m.group(11) == null ? 0 : Integer.parseInt(m.group(11)));
                    t = t.minusSeconds((long) sign * seconds).atOffset(ZoneOffset.UTC).toLocalDateTime();
                }
                return ChronoUnit.MICROS.between(EPOCH, t);
        }
    }

    /** ISO date text with PostgreSQL's " BC" for years before 1 (year 0 is 1 BC). */
    private static String formatDate(LocalDate d) {
        int year = d.getYear();
        if (year <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - year, d.getMonthValue(), d.getDayOfMonth());
        }
        return String.format("%04d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth());
    }

    private static int year(String digits, boolean bc) {
        int y = Integer.parseInt(digits);
        return bc ? 1 - y : y;
    }
}
