package org.tusk.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * An interval value as PostgreSQL stores and sends it: months, days and microseconds, kept apart
 * because a month has no fixed number of days and a day no fixed number of seconds (daylight saving).
 * The binary form (interval_send) is the microseconds as int64, then days and months as int32.
 *
 * <p>{@link #toString()} is interval_out with PostgreSQL's default IntervalStyle {@code postgres}
 * ("1 year 2 mons 3 days 04:05:06.5", "-1 years -2 mons +3 days -04:05:06"); {@link #parse} reads
 * that form and the usual unit spellings ("1.5 hours", "3 days ago", "@ 2 mins", "10:30"), the part
 * of interval_in that clients and simple casts use.
 */
public record Interval(int months, int days, long micros) {

    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    private static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    private static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;

    /** interval_out with IntervalStyle postgres (EncodeInterval's INTSTYLE_POSTGRES). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        boolean[] zero = {true};
        boolean[] before = {false};
        // C's division truncates toward zero; so does Java's, which keeps every part's sign the value's.
        part(b, months / 12, "year", zero, before);
        part(b, months % 12, "mon", zero, before);
        part(b, days, "day", zero, before);
        long hour = micros / USECS_PER_HOUR;
        long rest = micros - hour * USECS_PER_HOUR;
        long min = rest / USECS_PER_MINUTE;
        rest -= min * USECS_PER_MINUTE;
        long sec = rest / USECS_PER_SEC;
        long fsec = rest - sec * USECS_PER_SEC;
        if (zero[0] || micros != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            b.append(zero[0] ? "" : " ").append(minus ? "-" : before[0] ? "+" : "");
            b.append(String.format(Locale.ROOT, "%02d:%02d:", Math.abs(hour), Math.abs(min)));
            TextFormats.appendSeconds(b, Math.abs(sec), Math.abs(fsec));
        }
        return b.toString();
    }

    /** AddPostgresIntPart: " +3 days" after a negative part, plural unless exactly 1. */
    private static void part(StringBuilder b, long value, String unit, boolean[] zero, boolean[] before) {
        if (value == 0) {
            return;
        }
        b.append(zero[0] ? "" : " ").append(before[0] && value > 0 ? "+" : "").append(value).append(' ')
                .append(unit).append(value != 1 ? "s" : "");
        before[0] = value < 0;
        zero[0] = false;
    }

    /**
     * Reads an interval in PostgreSQL's postgres or traditional ("@ 1 day ago") style: numbers with
     * units (fractions spill into the smaller units as interval_in does: a year is 12 months, a month
     * 30 days, a day 24 hours), {@code [-]h:mm[:ss[.frac]]}, a bare number as seconds, and "ago".
     *
     * @throws IllegalArgumentException if the text is not an interval in these forms
     */
    public static Interval parse(String text) {
        String[] tokens = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        long months = 0;
        long days = 0;
        BigDecimal micros = BigDecimal.ZERO;
        boolean ago = false;
        boolean any = false;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty() || (t.equals("@") && i == 0)) {
                continue;
            }
            if (t.equals("ago") && i == tokens.length - 1 && any) {
                ago = true;
                continue;
            }
            if (t.indexOf(':') >= 0) {
                micros = micros.add(BigDecimal.valueOf(clock(t, text)));
                any = true;
                continue;
            }
            if (t.matches("[+-]?\\d+-\\d+")) {
                // SQL-standard year-month literal: "1-2" is 1 year 2 months, the sign applying to both.
                boolean negative = t.startsWith("-");
                String[] ym = (negative || t.startsWith("+") ? t.substring(1) : t).split("-");
                long m = Long.parseLong(ym[0]) * 12 + Long.parseLong(ym[1]);
                months += negative ? -m : m;
                any = true;
                continue;
            }
            int unitStart = numberEnd(t);
            if (unitStart == 0) {
                throw invalid(text);
            }
            BigDecimal n = new BigDecimal(t.substring(0, unitStart).replace("+", ""));
            String unit = t.substring(unitStart);
            if (unit.isEmpty() && i + 1 < tokens.length && numberEnd(tokens[i + 1]) == 0
                    && !tokens[i + 1].equals("ago")) {
                unit = tokens[++i];
            } else if (unit.isEmpty() && i + 1 < tokens.length && tokens[i + 1].indexOf(':') >= 0) {
                unit = "days"; // SQL-standard day-time literal: "1 2:03:04" is 1 day 02:03:04
            }
            any = true;
            switch (unit) {
                case "", "s", "sec", "secs", "second", "seconds" -> micros = micros.add(n.movePointRight(6));
                case "us", "usec", "usecs", "microsecond", "microseconds" -> micros = micros.add(n);
                case "ms", "msec", "msecs", "millisecond", "milliseconds" -> micros = micros.add(n.movePointRight(3));
                case "m", "min", "mins", "minute", "minutes" ->
                    micros = micros.add(n.multiply(BigDecimal.valueOf(USECS_PER_MINUTE)));
                case "h", "hr", "hrs", "hour", "hours" -> micros = micros.add(n.multiply(BigDecimal.valueOf(USECS_PER_HOUR)));
                case "d", "day", "days" -> {
                    days += n.longValue();
                    micros = micros.add(fraction(n).multiply(BigDecimal.valueOf(USECS_PER_DAY)));
                }
                case "w", "week", "weeks" -> {
                    BigDecimal d = n.multiply(BigDecimal.valueOf(7));
                    days += d.longValue();
                    micros = micros.add(fraction(d).multiply(BigDecimal.valueOf(USECS_PER_DAY)));
                }
                case "mon", "mons", "month", "months" -> {
                    months += n.longValue();
                    BigDecimal d = fraction(n).multiply(BigDecimal.valueOf(30));
                    days += d.longValue();
                    micros = micros.add(fraction(d).multiply(BigDecimal.valueOf(USECS_PER_DAY)));
                }
                case "y", "yr", "yrs", "year", "years" -> months += yearsToMonths(n, 1);
                case "decade", "decades" -> months += yearsToMonths(n, 10);
                case "c", "cent", "century", "centuries" -> months += yearsToMonths(n, 100);
                case "millennium", "millennia", "millenniums" -> months += yearsToMonths(n, 1000);
                default -> throw invalid(text);
            }
        }
        if (!any) {
            throw invalid(text);
        }
        long us = micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        Interval v = new Interval(Math.toIntExact(months), Math.toIntExact(days), us);
        return ago ? new Interval(-v.months, -v.days, -v.micros) : v;
    }

    private static long yearsToMonths(BigDecimal n, int factor) {
        return n.multiply(BigDecimal.valueOf(12L * factor)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigDecimal fraction(BigDecimal n) {
        return n.subtract(new BigDecimal(n.toBigInteger()));
    }

    /** Where a leading signed decimal number ends (0 if there is none). */
    private static int numberEnd(String t) {
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
            digits++;
        }
        return digits == 0 ? 0 : i;
    }

    /** {@code [-]h:mm[:ss[.frac]]}, or {@code mm:ss.frac} when the second part has a fraction. */
    private static long clock(String t, String text) {
        boolean negative = t.startsWith("-");
        String s = negative || t.startsWith("+") ? t.substring(1) : t;
        String[] parts = s.split(":", -1);
        try {
            long v;
            if (parts.length == 2 && parts[1].contains(".")) {
                v = Long.parseLong(parts[0]) * USECS_PER_MINUTE + TextFormats.secondsMicros(parts[1]);
            } else if (parts.length == 2 || parts.length == 3) {
                v = Long.parseLong(parts[0]) * USECS_PER_HOUR + Long.parseLong(parts[1]) * USECS_PER_MINUTE
                        + (parts.length == 3 ? TextFormats.secondsMicros(parts[2]) : 0);
                if (Long.parseLong(parts[1]) > 59) {
                    throw invalid(text);
                }
            } else {
                throw invalid(text);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid input syntax for type interval: \"" + text + "\"");
    }
}
