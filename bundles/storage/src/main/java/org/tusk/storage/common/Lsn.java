package org.tusk.storage.common;

/**
 * Log sequence numbers: byte positions in the write-ahead log, as unsigned 64-bit values in longs.
 * Printed and parsed the way PostgreSQL does ({@code 0/16B3740}: high and low 32 bits in hex).
 */
public final class Lsn {

    /** No position; every real record ends after it. */
    public static final long INVALID = 0;

    private Lsn() {
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }

    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"");
        }
        long high = Long.parseLong(text.substring(0, slash), 16);
        long low = Long.parseLong(text.substring(slash + 1), 16);
        if (high > 0xFFFF_FFFFL || low > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"");
        }
        return high << 32 | low;
    }

    /** Unsigned comparison: LSNs never reach the sign bit in practice, but be exact. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }
}
