package org.tusk.protocol;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The text formats (format code 0) of the types whose output and input functions are not plain
 * numbers or strings: time ({@code time_out}: "04:05:06.5"), bytea ({@code byteaout} with the default
 * {@code bytea_output = hex}: "\x00ff"; {@code byteain} also reads the escape form "a\\b\001"), uuid
 * ("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11") and oid (unsigned 32 bits). Intervals are
 * {@link Interval}, arrays {@link ArrayFormats}. Server and client use the same code, so they read
 * what the other writes.
 */
public final class TextFormats {
    private static final long USECS_PER_SEC = 1_000_000L;
    private static final long USECS_PER_DAY = 86_400L * USECS_PER_SEC;

    private TextFormats() {
    }

    // ---- time

    /** time_out: "HH:MM:SS" with the fraction's trailing zeros dropped; 24:00:00 is a valid time. */
    public static String timeText(long micros) {
        long sec = micros / USECS_PER_SEC;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%02d:%02d:", sec / 3600, sec / 60 % 60));
        appendSeconds(b, sec % 60, micros % USECS_PER_SEC);
        return b.toString();
    }

    /**
     * time_in for {@code HH:MM[:SS[.frac]]}, the fraction rounded to microseconds.
     *
     * @throws IllegalArgumentException if the text is not such a time or lies outside 00:00 .. 24:00
     */
    public static long timeMicros(String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].length() != 2) {
                throw new NumberFormatException();
            }
            long hour = Long.parseLong(parts[0]);
            long min = Long.parseLong(parts[1]);
            long sec = parts.length == 3 ? secondsMicros(parts[2]) : 0;
            long v = hour * 3600 * USECS_PER_SEC + min * 60 * USECS_PER_SEC + sec;
            if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec >= 60 * USECS_PER_SEC && sec != 60 * USECS_PER_SEC
                    || v > USECS_PER_DAY) {
                throw new IllegalArgumentException("date/time field value out of range: \"" + text + "\"");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid input syntax for type time: \"" + text + "\"");
        }
    }

    /** "SS[.ffffff]" (two digits, then the fraction without trailing zeros), as AppendSeconds prints it. */
    static void appendSeconds(StringBuilder b, long sec, long fractionMicros) {
        b.append(String.format(Locale.ROOT, "%02d", sec));
        if (fractionMicros != 0) {
            String f = String.format(Locale.ROOT, "%06d", fractionMicros);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
    }

    /** Seconds with an optional fraction ("06", "06.5") as microseconds, rounded half to even. */
    static long secondsMicros(String s) {
        if (s.isEmpty() || s.startsWith("+") || s.startsWith("-")) {
            throw new NumberFormatException(s);
        }
        return new java.math.BigDecimal(s).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    // ---- bytea

    /** byteaout in hex format: "\x" and two lower-case hex digits per byte. */
    public static String byteaText(byte[] value) {
        return "\\x" + HexFormat.of().formatHex(value);
    }

    /**
     * byteain: hex format ("\x" then pairs of hex digits, blanks allowed between pairs) or escape
     * format (bytes as they are, "\\" for a backslash, "\ooo" octal for any byte).
     *
     * @throws IllegalArgumentException with PostgreSQL's message if the text is neither
     */
    public static byte[] byteaValue(String text) {
        if (text.startsWith("\\x")) {
            return hexBytea(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int i = 0;
        while (i < in.length) {
            if (in[i] != '\\') {
                out.write(in[i++]);
            } else if (i + 1 < in.length && in[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else if (i + 3 < in.length && isOctal(in[i + 1], '3') && isOctal(in[i + 2], '7')
                    && isOctal(in[i + 3], '7')) {
                out.write(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0'));
                i += 4;
            } else {
                throw new IllegalArgumentException("invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    private static byte[] hexBytea(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            int hi = Character.digit(c, 16);
            if (hi < 0 || c > 'f') {
                throw new IllegalArgumentException("invalid hexadecimal digit: \"" + c + "\"");
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("invalid hexadecimal data: odd number of digits");
            }
            char c2 = text.charAt(i + 1);
            int lo = Character.digit(c2, 16);
            if (lo < 0 || c2 > 'f') {
                throw new IllegalArgumentException("invalid hexadecimal digit: \"" + c2 + "\"");
            }
            out.write((hi << 4) | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    // ---- uuid

    /** uuid_out: 8-4-4-4-12 lower-case hex digits. */
    public static String uuidText(UUID value) {
        return value.toString();
    }

    /**
     * uuid_in: 32 hex digits, optionally in braces, with an optional hyphen after any group of four
     * digits (so the standard form, upper case, and "{a0eebc999c0b4ef8bb6d6bb9bd380a11}" all work).
     *
     * @throws IllegalArgumentException if the text is not a uuid
     */
    public static UUID uuidValue(String text) {
        String s = text;
        boolean braces = s.startsWith("{");
        if (braces) {
            s = s.substring(1);
        }
        StringBuilder hex = new StringBuilder(32);
        int i = 0;
        while (hex.length() < 32) {
            if (i >= s.length() || Character.digit(s.charAt(i), 16) < 0) {
                throw invalidUuid(text);
            }
            hex.append(s.charAt(i++));
            if (hex.length() % 4 == 0 && hex.length() < 32 && i < s.length() && s.charAt(i) == '-') {
                i++;
            }
        }
        if (braces) {
            if (i >= s.length() || s.charAt(i) != '}') {
                throw invalidUuid(text);
            }
            i++;
        }
        if (i != s.length()) {
            throw invalidUuid(text);
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static IllegalArgumentException invalidUuid(String text) {
        return new IllegalArgumentException("invalid input syntax for type uuid: \"" + text + "\"");
    }

    // ---- oid

    /** oidout: the value as an unsigned 32-bit number. */
    public static String oidText(int oid) {
        return Integer.toUnsignedString(oid);
    }

    /**
     * oidin: an unsigned 32-bit number; as strtoul, a negative number down to -2147483648 wraps
     * ("-1" is 4294967295).
     *
     * @throws IllegalArgumentException for text that is not a number or out of range (the message
     *         says which, as PostgreSQL's does)
     */
    public static int oidValue(String text) {
        String s = text.strip();
        if (s.isEmpty() || !s.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException("invalid input syntax for type oid: \"" + text + "\"");
        }
        try {
            long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            if (v > 0xFFFF_FFFFL || v < Integer.MIN_VALUE) {
                throw new NumberFormatException();
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value \"" + text + "\" is out of range for type oid");
        }
    }
}
