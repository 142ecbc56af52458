package org.tusk.sql.bits;

import java.util.Arrays;

import org.tusk.spi.SqlException;

/**
 * A bit string: its length in bits and its bits packed most significant first, the unused bits of the last
 * byte zero (as varbit.c keeps them). Values order as bitcmp orders them: bit by bit, a proper prefix first.
 */
public final class BitString implements Comparable<BitString> {
    private final int length;
    private final byte[] bits;

    public BitString(int length, byte[] bits) {
        this.length = length;
        this.bits = bits;
    }

    /** A zeroed string of {@code length} bits. */
    static BitString zeros(int length) {
        return new BitString(length, new byte[(length + 7) / 8]);
    }

    public int length() {
        return length;
    }

    /** The packed bytes (shared; callers do not change them). */
    public byte[] bytes() {
        return bits;
    }

    public boolean get(int i) {
        return (bits[i >> 3] >> (7 - (i & 7)) & 1) != 0;
    }

    static void set(byte[] b, int i, boolean on) {
        if (on) {
            b[i >> 3] |= (byte) (0x80 >> (i & 7));
        } else {
            b[i >> 3] &= (byte) ~(0x80 >> (i & 7));
        }
    }

    /**
     * bit_in / varbit_in: binary digits, or with a leading 'b' binary and 'x' hexadecimal digits (B'...' and
     * X'...' constants arrive so).
     */
    public static BitString parse(String text) {
        boolean hex = false;
        String s = text;
        if (!s.isEmpty() && (s.charAt(0) == 'b' || s.charAt(0) == 'B')) {
            s = s.substring(1);
        } else if (!s.isEmpty() && (s.charAt(0) == 'x' || s.charAt(0) == 'X')) {
            s = s.substring(1);
            hex = true;
        }
        if (hex) {
            int n = s.length() * 4;
            byte[] b = new byte[(n + 7) / 8];
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                int d = c < 128 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    throw new SqlException("22P02", "\"" + c + "\" is not a valid hexadecimal digit");
                }
                b[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
            }
            return new BitString(n, b);
        }
        byte[] b = new byte[(s.length() + 7) / 8];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '1') {
                set(b, i, true);
            } else if (c != '0') {
                throw new SqlException("22P02", "\"" + s.substring(i, i + Character.charCount(s.codePointAt(i)))
                        + "\" is not a valid binary digit");
            }
        }
        return new BitString(s.length(), b);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(get(i) ? '1' : '0');
        }
        return out.toString();
    }

    /** The first {@code n} bits, or these bits and zeros after them (bit(n)'s explicit cast). */
    public BitString resized(int n) {
        byte[] b = Arrays.copyOf(bits, (n + 7) / 8);
        if (n < length && n % 8 != 0) {
            b[b.length - 1] &= (byte) (0xff00 >> (n % 8));
        }
        return new BitString(n, b);
    }

    @Override
    public int compareTo(BitString o) {
        int common = Math.min(bits.length, o.bits.length);
        int c = Arrays.compareUnsigned(bits, 0, common, o.bits, 0, common);
        return c != 0 ? Integer.signum(c) : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitString b && length == b.length && Arrays.equals(bits, b.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits) * 31 + length;
    }

    /**
     * The stored bytes: each bit as the pair "1, bit", the end as a 0, packed and zero-padded. A string that is a
     * proper prefix of another has its 0 where the other continues with a 1, so unsigned byte order is bitcmp's.
     */
    public byte[] storageKey() {
        byte[] out = new byte[(2 * length + 1 + 7) / 8];
        for (int i = 0; i < length; i++) {
            set(out, 2 * i, true);
            set(out, 2 * i + 1, get(i));
        }
        return out;
    }

    public static BitString fromStorageKey(byte[] key) {
        int n = 0;
        while (n * 2 < key.length * 8 && bitOf(key, 2 * n)) {
            n++;
        }
        byte[] b = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            set(b, i, bitOf(key, 2 * i + 1));
        }
        return new BitString(n, b);
    }

    private static boolean bitOf(byte[] b, int i) {
        return (b[i >> 3] >> (7 - (i & 7)) & 1) != 0;
    }
}
