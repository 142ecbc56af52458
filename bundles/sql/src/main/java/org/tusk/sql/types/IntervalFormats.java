package org.tusk.sql.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;

/**
 * Interval text beyond the postgres style that {@link Interval} itself reads and writes: output in the
 * IntervalStyles postgres_verbose, sql_standard and iso_8601 (EncodeInterval), ISO 8601 input in the
 * format with designators (P1Y2M3DT4H5M6S) and the alternative format (P0001-02-03T04:05:06), and the field
 * qualifiers of the SQL standard (INTERVAL '1' YEAR, INTERVAL '1:2' HOUR TO MINUTE, INTERVAL(3)), which
 * decide what a bare number means and which fields are kept.
 *
 * <p>A qualifier travels as PostgreSQL's interval typmod: the range mask of the fields in the upper 16
 * bits, the fractional-second precision (0xFFFF for none) in the lower.
 */
public final class IntervalFormats {
    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_MINUTE = 60 * USECS_PER_SEC;
    private static final long USECS_PER_HOUR = 60 * USECS_PER_MINUTE;
    private static final long USECS_PER_DAY = 24 * USECS_PER_HOUR;

    /** The field bits of the range mask (datetime.h's DTK_M of MONTH, YEAR, DAY, HOUR, MINUTE, SECOND). */
    public static final int MONTH = 1 << 1;
    public static final int YEAR = 1 << 2;
    public static final int DAY = 1 << 3;
    public static final int HOUR = 1 << 10;
    public static final int MINUTE = 1 << 11;
    public static final int SECOND = 1 << 12;
    public static final int FULL_RANGE = 0x7FFF;
    public static final int FULL_PRECISION = 0xFFFF;
    private static final int MAX_PRECISION = 6;

    private static final Pattern ISO_ALTERNATIVE = Pattern.compile(
            "p(?:(\\d+)-(\\d+)(?:-(\\d+))?)?(?:t(\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?)?");
    private static final Pattern MINUTES_SECONDS = Pattern.compile("([+-]?)(\\d+):(\\d+(?:\\.\\d*)?)");

    private IntervalFormats() {
    }

    // ---- typmod

    /** The typmod of interval(p) or of a field qualifier with an optional seconds precision. */
    public static int typmod(int range, int precision) {
        return (range & 0x7FFF) << 16 | (precision & 0xFFFF);
    }

    public static int range(int typmod) {
        return typmod < 0 ? FULL_RANGE : typmod >>> 16 & 0x7FFF;
    }

    public static int precision(int typmod) {
        return typmod < 0 ? FULL_PRECISION : typmod & 0xFFFF;
    }

    /** Checks a precision as intervaltypmodin does: negative is an error, more than 6 is cut to 6. */
    public static int checkPrecision(int p, int position) {
        if (p < 0) {
            throw SqlException.at("22023", "INTERVAL(" + p + ") precision must not be negative", position);
        }
        return Math.min(p, MAX_PRECISION);
    }

    // ---- input

    /** interval_in with a typmod: ISO 8601 forms, the qualifier's meaning of a bare number, then the trimming. */
    public static Interval parse(String text, int typmod) {
        String s = text.strip();
        int range = range(typmod);
        Interval v;
        if (s.length() > 1 && (s.charAt(0) == 'P' || s.charAt(0) == 'p')) {
            v = parseIso(s.toLowerCase(Locale.ROOT), text);
        } else if (range != FULL_RANGE && s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)")) {
            v = Interval.parse(s + " " + rightmostUnit(range));
        } else if ((range == MINUTE || range == (MINUTE | SECOND)) && MINUTES_SECONDS.matcher(s).matches()) {
            Matcher m = MINUTES_SECONDS.matcher(s);
            m.matches();
            BigDecimal micros = new BigDecimal(m.group(3)).movePointRight(6)
                    .add(BigDecimal.valueOf(Long.parseLong(m.group(2)) * USECS_PER_MINUTE));
            long us = micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            v = new Interval(0, 0, m.group(1).equals("-") ? -us : us);
        } else {
            try {
                v = Interval.parse(text);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw invalid(text);
            }
        }
        return adjust(v, typmod);
    }

    /** The unit a bare number means under a qualifier: its rightmost field (DecodeInterval). */
    private static String rightmostUnit(int range) {
        if (range == YEAR) {
            return "years";
        }
        if (range == MONTH || range == (YEAR | MONTH)) {
            return "months";
        }
        if (range == DAY) {
            return "days";
        }
        if (range == HOUR || range == (DAY | HOUR)) {
            return "hours";
        }
        if (range == MINUTE || range == (HOUR | MINUTE) || range == (DAY | HOUR | MINUTE)) {
            return "minutes";
        }
        return "seconds";
    }

    /** AdjustIntervalForTypmod: drops the fields below the qualifier's last one and rounds the seconds. */
    public static Interval adjust(Interval v, int typmod) {
        if (typmod < 0) {
            return v;
        }
        int range = range(typmod);
        int precision = precision(typmod);
        int months = v.months();
        int days = v.days();
        long time = v.micros();
        if (range == YEAR) {
            months = months / 12 * 12;
            days = 0;
            time = 0;
        } else if (range == MONTH || range == (YEAR | MONTH)) {
            days = 0;
            time = 0;
        } else if (range == DAY) {
            time = 0;
        } else if (range == HOUR || range == (DAY | HOUR)) {
            time = time / USECS_PER_HOUR * USECS_PER_HOUR;
        } else if (range == MINUTE || range == (HOUR | MINUTE) || range == (DAY | HOUR | MINUTE)) {
            time = time / USECS_PER_MINUTE * USECS_PER_MINUTE;
        }
        if (precision != FULL_PRECISION && precision < MAX_PRECISION) {
            long unit = (long) Math.pow(10, MAX_PRECISION - precision);
            // Rounds half away from zero, as PostgreSQL's interval scaling does.
            time = time >= 0 ? (time + unit / 2) / unit * unit : -((-time + unit / 2) / unit * unit);
        }
        return new Interval(months, days, time);
    }

    /** ISO 8601: P[nY][nM][nW][nD][T[nH][nM][nS]] with signed, possibly fractional numbers, or the alternative. */
    static Interval parseIso(String s, String text) {
        Matcher alt = ISO_ALTERNATIVE.matcher(s);
        if (alt.matches() && (s.contains("-") || s.contains(":"))) {
            long months = alt.group(1) == null ? 0 : Long.parseLong(alt.group(1)) * 12 + Long.parseLong(alt.group(2));
            long days = alt.group(3) == null ? 0 : Long.parseLong(alt.group(3));
            long time = 0;
            if (alt.group(4) != null) {
                time = Long.parseLong(alt.group(4)) * USECS_PER_HOUR + Long.parseLong(alt.group(5)) * USECS_PER_MINUTE;
                if (alt.group(6) != null) {
                    time += new BigDecimal(alt.group(6)).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN)
                            .longValueExact();
                }
            }
            return interval(months, days, time, text);
        }
        long months = 0;
        long days = 0;
        double time = 0;
        boolean datePart = true;
        int i = 1;
        boolean any = false;
        while (i < s.length()) {
            if (datePart && s.charAt(i) == 't') {
                datePart = false;
                i++;
                continue;
            }
            int start = i;
            if (s.charAt(i) == '-' || s.charAt(i) == '+') {
                i++;
            }
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i == start || i >= s.length()) {
                throw invalid(text);
            }
            double n;
            try {
                n = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            long whole = (long) n;
            double frac = n - whole;
            char unit = s.charAt(i++);
            any = true;
            if (datePart) {
                switch (unit) {
                    case 'y' -> months += whole * 12 + (long) (frac * 12);
                    case 'm' -> {
                        months += whole;
                        double d = frac * 30;
                        days += (long) d;
                        time += (d - (long) d) * USECS_PER_DAY;
                    }
                    case 'w' -> {
                        double d = n * 7;
                        days += (long) d;
                        time += (d - (long) d) * USECS_PER_DAY;
                    }
                    case 'd' -> {
                        days += whole;
                        time += frac * USECS_PER_DAY;
                    }
                    default -> throw invalid(text);
                }
            } else {
                switch (unit) {
                    case 'h' -> time += n * USECS_PER_HOUR;
                    case 'm' -> time += n * USECS_PER_MINUTE;
                    case 's' -> time += n * USECS_PER_SEC;
                    default -> throw invalid(text);
                }
            }
        }
        if (!any) {
            throw invalid(text);
        }
        return interval(months, days, Math.round(time), text);
    }

    private static Interval interval(long months, long days, long time, String text) {
        if (months > Integer.MAX_VALUE || months < Integer.MIN_VALUE || days > Integer.MAX_VALUE
                || days < Integer.MIN_VALUE) {
            throw new SqlException("22008", "interval field value out of range: \"" + text + "\"");
        }
        return new Interval((int) months, (int) days, time);
    }

    private static SqlException invalid(String text) {
        return new SqlException("22007", "invalid input syntax for type interval: \"" + text + "\"");
    }

    // ---- output

    /** interval_out in the given IntervalStyle. */
    public static String format(Interval v, String style) {
        return switch (style.toLowerCase(Locale.ROOT)) {
            case "postgres_verbose" -> verbose(v);
            case "sql_standard" -> sqlStandard(v);
            case "iso_8601" -> iso(v);
            default -> v.toString();
        };
    }

    /** The fields EncodeInterval prints: each with the sign of the value it came from. */
    private record Fields(long year, long mon, long mday, long hour, long min, long sec, long fsec) {
        static Fields of(Interval v) {
            long time = v.micros();
            long hour = time / USECS_PER_HOUR;
            time -= hour * USECS_PER_HOUR;
            long min = time / USECS_PER_MINUTE;
            time -= min * USECS_PER_MINUTE;
            long sec = time / USECS_PER_SEC;
            long fsec = time - sec * USECS_PER_SEC;
            return new Fields(v.months() / 12, v.months() % 12, v.days(), hour, min, sec, fsec);
        }
    }

    private static String verbose(Interval v) {
        Fields f = Fields.of(v);
        StringBuilder b = new StringBuilder("@");
        boolean[] zero = {true};
        boolean[] before = {false};
        verbosePart(b, f.year(), "year", zero, before);
        verbosePart(b, f.mon(), "mon", zero, before);
        verbosePart(b, f.mday(), "day", zero, before);
        verbosePart(b, f.hour(), "hour", zero, before);
        verbosePart(b, f.min(), "min", zero, before);
        if (f.sec() != 0 || f.fsec() != 0) {
            b.append(' ');
            if (f.sec() < 0 || (f.sec() == 0 && f.fsec() < 0)) {
                if (zero[0]) {
                    before[0] = true;
                } else if (!before[0]) {
                    b.append('-');
                }
            } else if (before[0]) {
                b.append('-');
            }
            seconds(b, Math.abs(f.sec()), Math.abs(f.fsec()), false);
            b.append(" sec").append(Math.abs(f.sec()) != 1 || f.fsec() != 0 ? "s" : "");
            zero[0] = false;
        }
        if (zero[0]) {
            b.append(" 0");
        }
        if (before[0]) {
            b.append(" ago");
        }
        return b.toString();
    }

    /** AddVerboseIntPart: the first non-zero field decides "ago"; later fields are shown relative to it. */
    private static void verbosePart(StringBuilder b, long value, String unit, boolean[] zero, boolean[] before) {
        if (value == 0) {
            return;
        }
        if (zero[0]) {
            before[0] = value < 0;
            value = Math.abs(value);
        } else if (before[0]) {
            value = -value;
        }
        b.append(' ').append(value).append(' ').append(unit).append(value == 1 ? "" : "s");
        zero[0] = false;
    }

    private static String sqlStandard(Interval v) {
        Fields f = Fields.of(v);
        long year = f.year();
        long mon = f.mon();
        long mday = f.mday();
        long hour = f.hour();
        long min = f.min();
        long sec = f.sec();
        long fsec = f.fsec();
        boolean negative = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
        boolean positive = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
        boolean yearMonth = year != 0 || mon != 0;
        boolean dayTime = mday != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
        boolean standard = !(negative && positive) && !(yearMonth && dayTime);
        StringBuilder b = new StringBuilder();
        if (negative && standard) {
            b.append('-');
            year = -year;
            mon = -mon;
            mday = -mday;
            hour = -hour;
            min = -min;
            sec = -sec;
            fsec = -fsec;
        }
        if (!negative && !positive) {
            b.append('0');
        } else if (!standard) {
            char yearSign = year < 0 || mon < 0 ? '-' : '+';
            char daySign = mday < 0 ? '-' : '+';
            char secSign = hour < 0 || min < 0 || sec < 0 || fsec < 0 ? '-' : '+';
            b.append(yearSign).append(Math.abs(year)).append('-').append(Math.abs(mon)).append(' ').append(daySign)
                    .append(Math.abs(mday)).append(' ').append(secSign).append(Math.abs(hour)).append(':')
                    .append(two(Math.abs(min))).append(':');
            seconds(b, Math.abs(sec), Math.abs(fsec), true);
        } else if (yearMonth) {
            b.append(year).append('-').append(mon);
        } else if (mday != 0) {
            b.append(mday).append(' ').append(hour).append(':').append(two(min)).append(':');
            seconds(b, sec, fsec, true);
        } else {
            b.append(hour).append(':').append(two(min)).append(':');
            seconds(b, sec, fsec, true);
        }
        return b.toString();
    }

    private static String iso(Interval v) {
        Fields f = Fields.of(v);
        if (v.months() == 0 && v.days() == 0 && v.micros() == 0) {
            return "PT0S";
        }
        StringBuilder b = new StringBuilder("P");
        isoPart(b, f.year(), 'Y');
        isoPart(b, f.mon(), 'M');
        isoPart(b, f.mday(), 'D');
        if (f.hour() != 0 || f.min() != 0 || f.sec() != 0 || f.fsec() != 0) {
            b.append('T');
        }
        isoPart(b, f.hour(), 'H');
        isoPart(b, f.min(), 'M');
        if (f.sec() != 0 || f.fsec() != 0) {
            if (f.sec() < 0 || f.fsec() < 0) {
                b.append('-');
            }
            seconds(b, Math.abs(f.sec()), Math.abs(f.fsec()), false);
            b.append('S');
        }
        return b.toString();
    }

    private static void isoPart(StringBuilder b, long value, char unit) {
        if (value != 0) {
            b.append(value).append(unit);
        }
    }

    /** AppendSeconds: whole seconds (two digits if {@code fill}), then the fraction without trailing zeros. */
    private static void seconds(StringBuilder b, long sec, long fsec, boolean fill) {
        b.append(fill ? two(sec) : Long.toString(sec));
        if (fsec != 0) {
            String frac = String.format(Locale.ROOT, "%06d", Math.abs(fsec));
            b.append('.').append(frac.replaceAll("0+$", ""));
        }
    }

    private static String two(long v) {
        return v >= 0 && v < 10 ? "0" + v : Long.toString(v);
    }
}
