package org.tusk.protocol;

/**
 * time with time zone (timetz) between its text form ("12:34:56.5+05:30") and its parts: microseconds
 * since midnight and the zone as PostgreSQL keeps it, seconds WEST of Greenwich (so +05:30 is -19800). The
 * binary form (timetz_send) is those two, an int64 and an int32.
 */
public final class TimeTzFormats {
    /** The largest zone displacement PostgreSQL accepts, 15:59:59 (TZDISP_LIMIT is 16 hours). */
    private static final int MAX_ZONE_SECONDS = 15 * 3600 + 59 * 60 + 59;

    private TimeTzFormats() {
    }

    /** timetz_out's text: the time as time_out prints it, then the offset (+hh, +hh:mm or +hh:mm:ss). */
    public static String text(long micros, int zoneSecondsWest) {
        int east = -zoneSecondsWest;
        int a = Math.abs(east);
        StringBuilder b = new StringBuilder(TextFormats.timeText(micros));
        b.append(east < 0 ? '-' : '+').append(two(a / 3600));
        if (a % 3600 != 0) {
            b.append(':').append(two(a / 60 % 60));
            if (a % 60 != 0) {
                b.append(':').append(two(a % 60));
            }
        }
        return b.toString();
    }

    /**
     * The parts of "hh:mm[:ss[.frac]]±hh[[:]mm[[:]ss]]": {micros, zone seconds west}.
     *
     * @throws IllegalArgumentException if the text is not a time followed by a numeric offset
     */
    public static long[] parse(String text) {
        String s = text.strip();
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (sign <= 0) {
            throw new IllegalArgumentException("invalid input syntax for type time with time zone: \"" + text + "\"");
        }
        long micros = TextFormats.timeMicros(s.substring(0, sign).strip());
        return new long[] {micros, -offsetSeconds(s.substring(sign), text)};
    }

    /** "+05", "+05:30", "-0530", "+05:30:15" as seconds east of Greenwich. */
    public static int offsetSeconds(String offset, String text) {
        String digits = offset.substring(1).replace(":", "");
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid input syntax for type time with time zone: \"" + text + "\"");
        }
        int hourDigits = digits.length() <= 2 ? digits.length() : digits.length() - (digits.length() > 4 ? 4 : 2);
        int h = Integer.parseInt(digits.substring(0, hourDigits));
        String rest = digits.substring(hourDigits);
        int m = rest.length() >= 2 ? Integer.parseInt(rest.substring(0, 2)) : 0;
        int sec = rest.length() == 4 ? Integer.parseInt(rest.substring(2)) : 0;
        int total = h * 3600 + m * 60 + sec;
        if (m > 59 || sec > 59 || total > MAX_ZONE_SECONDS) {
            throw new IllegalArgumentException("time zone displacement out of range: \"" + text + "\"");
        }
        return offset.charAt(0) == '-' ? -total : total;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
