package org.tusk.sql.types;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.tusk.protocol.TimeTzFormats;
import org.tusk.spi.SqlException;

/**
 * A time with time zone value (timetz): the time of day in microseconds (24:00:00 included, as for time)
 * and the zone's offset east of Greenwich in seconds. PostgreSQL keeps the zone west-positive; the text and
 * binary forms convert ({@link TimeTzFormats}). Two values are ordered by the instant of the day they name in
 * UTC, then by offset (timetz_cmp), so '12:00+01' and '11:00+00' are not equal.
 *
 * @param micros microseconds since midnight, 0 .. 86,400,000,000
 * @param offsetSeconds the zone's offset, east positive
 */
public record TimeTz(long micros, int offsetSeconds) implements Comparable<TimeTz> {
    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_DAY = 86_400L * USECS_PER_SEC;

    /** timetz_in: a time and a numeric offset; without an offset, the session zone's offset now. */
    public static TimeTz parse(String text, TypeContext ctx) {
        String s = text.strip();
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        try {
            if (sign > 0) {
                long[] parts = TimeTzFormats.parse(s);
                return new TimeTz(parts[0], (int) -parts[1]);
            }
            long micros = org.tusk.protocol.TextFormats.timeMicros(s);
            return new TimeTz(micros, offsetNow(ctx.timeZone(), ctx.transactionStart()));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String code = m.startsWith("date/time field value out of range") || m.startsWith("time zone displacement")
                    ? "22008" : "22007";
            throw new SqlException(code, m.startsWith("invalid input syntax") ? "invalid input syntax for type time"
                    + " with time zone: \"" + text + "\"" : m);
        }
    }

    /** The offset of a zone at an instant (a zone name's offset depends on the date; timetz takes today's). */
    static int offsetNow(ZoneId zone, Instant now) {
        return zone.getRules().getOffset(now).getTotalSeconds();
    }

    @Override
    public String toString() {
        return TimeTzFormats.text(micros, -offsetSeconds);
    }

    /** The same moment of the day in another zone (AT TIME ZONE), wrapped into 00:00 .. 24:00. */
    public TimeTz atOffset(int newOffset) {
        long t = (micros - offsetSeconds * USECS_PER_SEC + newOffset * USECS_PER_SEC) % USECS_PER_DAY;
        if (t < 0) {
            t += USECS_PER_DAY;
        }
        return new TimeTz(t, newOffset);
    }

    /** The zone as a ZoneOffset. */
    public ZoneOffset offset() {
        return ZoneOffset.ofTotalSeconds(offsetSeconds);
    }

    @Override
    public int compareTo(TimeTz o) {
        int c = Long.compare(micros - offsetSeconds * USECS_PER_SEC, o.micros - o.offsetSeconds * USECS_PER_SEC);
        // Same UTC time: the zone further west (smaller offset east) sorts later, as timetz_cmp's zone does.
        return c != 0 ? c : Integer.compare(o.offsetSeconds, offsetSeconds);
    }
}
