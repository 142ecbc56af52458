package org.tusk.sql.bits;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * What the generic type machinery asks of bit and varbit: casts (pg_cast's rows: bit and varbit into each other
 * implicitly, int4 and int8 to and from bit explicitly) and the length rules of bit(n) and varbit(n).
 */
public final class BitTypes {
    /** MaxAttrSize in bits: the longest bit string a type modifier may ask for. */
    public static final int MAX_LENGTH = 83_886_080;

    private BitTypes() {
    }

    public static boolean isBits(SqlType t) {
        return t == SqlType.BIT || t == SqlType.VARBIT;
    }

    public static Casts.Context castContext(SqlType from, SqlType to) {
        if (isBits(from) && isBits(to)) {
            return Casts.Context.IMPLICIT;
        }
        if (from == SqlType.BIT && (to == SqlType.INT4 || to == SqlType.INT8)
                || to == SqlType.BIT && (from == SqlType.INT4 || from == SqlType.INT8)) {
            return Casts.Context.EXPLICIT;
        }
        if (to.isString()) {
            return Casts.Context.ASSIGNMENT;
        }
        if (from.isString()) {
            return Casts.Context.EXPLICIT;
        }
        return null;
    }

    /**
     * A cast the context above allows, from a non-string type. An integer becomes as many bits as bit(n) asks for
     * (its low bits, sign-extended beyond its width); a bit string becomes an integer if it fits.
     */
    public static Object convert(Object value, SqlType from, SqlType to, int typmod) {
        if (value instanceof BitString b) {
            if (to.isString()) {
                return b.toString();
            }
            if (to == SqlType.INT4 || to == SqlType.INT8) {
                int width = to == SqlType.INT4 ? 32 : 64;
                if (b.length() > width) {
                    throw new SqlException("22003", (to == SqlType.INT4 ? "integer" : "bigint") + " out of range");
                }
                long v = 0;
                for (int i = 0; i < b.length(); i++) {
                    v = v << 1 | (b.get(i) ? 1 : 0);
                }
                return to == SqlType.INT4 ? (Object) (int) v : (Object) v;
            }
            return b;
        }
        long v = ((Number) value).longValue();
        int width = from == SqlType.INT4 ? 32 : 64;
        int n = typmod <= 0 ? 1 : typmod;
        byte[] out = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            int shift = n - 1 - i; // the bit's place value
            boolean on = shift >= width ? v < 0 : (v >>> shift & 1) != 0;
            BitString.set(out, i, on);
        }
        return new BitString(n, out);
    }

    /**
     * bit(n) and varbit(n) applied to a value: an explicit cast pads or truncates bit(n) and truncates varbit(n);
     * otherwise a bit(n) of another length and a longer varbit(n) are errors.
     */
    public static BitString applyTypmod(BitString b, SqlType type, int n, boolean explicit) {
        if (type == SqlType.BIT) {
            if (b.length() == n) {
                return b;
            }
            if (!explicit) {
                throw new SqlException("22026", "bit string length " + b.length() + " does not match type bit(" + n
                        + ")");
            }
            return b.resized(n);
        }
        if (b.length() <= n) {
            return b;
        }
        if (!explicit) {
            throw new SqlException("22001", "bit string too long for type bit varying(" + n + ")");
        }
        return b.resized(n);
    }
}
