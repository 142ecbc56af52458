package org.tusk.sql.eval;

import java.nio.charset.StandardCharsets;
import org.tusk.spi.SqlException;

/**
 * The 1 GB limit of a varlena value (MaxAllocSize), checked where a function builds a value from
 * others before the memory is asked for, so that a value over the limit is an ERROR as in PostgreSQL
 * and never an OutOfMemoryError in the server. PostgreSQL's texts: repeat's "requested length too
 * large" (54000); palloc's "invalid memory alloc request size N" (XX000) for a concatenation, where N
 * includes the 4-byte header.
 */
final class ValueLimits {

    /** MaxAllocSize: 1 GB - 1, the largest palloc, header included. */
    static final long MAX_ALLOC = 0x3FFF_FFFFL;
    private static final int VARHDRSZ = 4;

    private ValueLimits() {
    }

    /** repeat(text, int) with PostgreSQL's length check. */
    static String repeat(String s, int count) {
        if (count <= 0 || s.isEmpty()) {
            return "";
        }
        long bytes = utf8Length(s) * (long) count + VARHDRSZ;
        if (bytes > MAX_ALLOC) {
            throw new SqlException("54000", "requested length too large");
        }
        return s.repeat(count);
    }

    /** text || text (textcat) with palloc's check on the result's size. */
    static String concat(String a, String b) {
        long chars = (long) a.length() + b.length();
        if (chars * 3 + VARHDRSZ > MAX_ALLOC) { // only then can the UTF-8 size be over the limit
            long bytes = utf8Length(a) + utf8Length(b) + VARHDRSZ;
            if (bytes > MAX_ALLOC) {
                throw new SqlException("XX000", "invalid memory alloc request size " + bytes);
            }
        }
        return a + b;
    }

    /** bytea || bytea (byteacat) with palloc's check on the result's size. */
    static byte[] concat(byte[] a, byte[] b) {
        long bytes = (long) a.length + b.length + VARHDRSZ;
        if (bytes > MAX_ALLOC) {
            throw new SqlException("XX000", "invalid memory alloc request size " + bytes);
        }
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
