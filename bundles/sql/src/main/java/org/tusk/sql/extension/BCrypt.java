package org.tusk.sql.extension;

import java.math.BigInteger;

import org.tusk.spi.SqlException;

/**
 * The OpenBSD Blowfish password hash ("$2a$NN$" + 22 salt characters + 31 hash characters; Provos and
 * Mazières' bcrypt), which pgcrypto's crypt uses for "$2a$" salts: the expensive key schedule EksBlowfish
 * with 2^NN rounds, then "OrpheanBeholderScryDoubt" encrypted 64 times. The password is used with its
 * terminating zero byte and at most 72 bytes of it count, as in crypt_blowfish.
 *
 * <p>Blowfish's initial P-array and S-boxes are the hexadecimal digits of pi's fraction, 1042 words in
 * all. They are computed once here from Machin's formula rather than written out as a table.
 */
final class BCrypt {
    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ROUNDS = 16;
    /** "OrpheanBeholderScryDoubt" as six big-endian words. */
    private static final int[] MAGIC = {0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274};
    /** The first 1042 words of pi's fraction: P (18 words) then the four S-boxes (256 words each). */
    private static final int[] PI_WORDS = piWords(18 + 4 * 256);

    private final int[] p = new int[18];
    private final int[] s = new int[1024];

    private BCrypt() {
        System.arraycopy(PI_WORDS, 0, p, 0, 18);
        System.arraycopy(PI_WORDS, 18, s, 0, 1024);
    }

    /** The first {@code n} 32-bit words of pi's fraction: pi = 16 atan(1/5) - 4 atan(1/239). */
    static int[] piWords(int n) {
        int bits = n * 32 + 64;
        BigInteger one = BigInteger.ONE.shiftLeft(bits);
        BigInteger pi = arctan(5, one).shiftLeft(4).subtract(arctan(239, one).shiftLeft(2));
        BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits)).shiftRight(64);
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = fraction.shiftRight((n - 1 - i) * 32).intValue();
        }
        return words;
    }

    /** atan(1/x) scaled by {@code one}, by its Taylor series. */
    private static BigInteger arctan(int x, BigInteger one) {
        BigInteger x2 = BigInteger.valueOf((long) x * x);
        BigInteger power = one.divide(BigInteger.valueOf(x));
        BigInteger sum = power;
        for (int k = 1; power.signum() != 0; k++) {
            power = power.divide(x2);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) != 0 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    /** A "$2a$NN$" setting with these 16 salt bytes. */
    static String salt(int cost, byte[] salt) {
        return String.format("$2a$%02d$", cost) + encode(salt, 16);
    }

    static String crypt(byte[] password, String setting) {
        if (setting.length() < 29 || setting.charAt(6) != '$' || !Character.isDigit(setting.charAt(4))
                || !Character.isDigit(setting.charAt(5))) {
            throw invalidSalt();
        }
        int cost = Integer.parseInt(setting.substring(4, 6));
        if (cost < 4 || cost > 31) {
            throw invalidSalt();
        }
        byte[] salt = decode(setting.substring(7, 29));
        byte[] key = new byte[Math.min(password.length + 1, 72)];
        System.arraycopy(password, 0, key, 0, Math.min(password.length, 72));
        BCrypt b = new BCrypt();
        b.expand(salt, key);
        for (long i = 0, n = 1L << cost; i < n; i++) {
            b.expand(null, key);
            b.expand(null, salt);
        }
        int[] text = MAGIC.clone();
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < text.length; j += 2) {
                b.encipher(text, j);
            }
        }
        byte[] hash = new byte[24];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                hash[i * 4 + j] = (byte) (text[i] >>> (24 - 8 * j));
            }
        }
        return setting.substring(0, 7) + encode(salt, 16) + encode(hash, 23);
    }

    private static SqlException invalidSalt() {
        return new SqlException("22023", "invalid salt");
    }

    private int f(int x) {
        return ((s[x >>> 24] + s[0x100 | (x >>> 16 & 0xFF)]) ^ s[0x200 | (x >>> 8 & 0xFF)]) + s[0x300 | (x & 0xFF)];
    }

    private void encipher(int[] lr, int off) {
        int l = lr[off] ^ p[0];
        int r = lr[off + 1];
        for (int i = 1; i < ROUNDS; i += 2) {
            r ^= f(l) ^ p[i];
            l ^= f(r) ^ p[i + 1];
        }
        lr[off] = r ^ p[ROUNDS + 1];
        lr[off + 1] = l;
    }

    /** The next big-endian word of {@code data} read cyclically from {@code pos[0]}. */
    private static int word(byte[] data, int[] pos) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            w = w << 8 | (data[pos[0]] & 0xFF);
            pos[0] = (pos[0] + 1) % data.length;
        }
        return w;
    }

    /** ExpandKey(state, salt, key); a null salt is the plain key schedule. */
    private void expand(byte[] salt, byte[] key) {
        int[] kpos = {0};
        for (int i = 0; i < p.length; i++) {
            p[i] ^= word(key, kpos);
        }
        int[] lr = {0, 0};
        int[] spos = {0};
        for (int i = 0; i < p.length; i += 2) {
            mix(lr, salt, spos);
            p[i] = lr[0];
            p[i + 1] = lr[1];
        }
        for (int i = 0; i < s.length; i += 2) {
            mix(lr, salt, spos);
            s[i] = lr[0];
            s[i + 1] = lr[1];
        }
    }

    private void mix(int[] lr, byte[] salt, int[] spos) {
        if (salt != null) {
            lr[0] ^= word(salt, spos);
            lr[1] ^= word(salt, spos);
        }
        encipher(lr, 0);
    }

    /** bcrypt's base 64: its own alphabet, big-endian bit order, no padding. */
    static String encode(byte[] d, int len) {
        StringBuilder out = new StringBuilder();
        int off = 0;
        while (off < len) {
            int c1 = d[off++] & 0xFF;
            out.append(ALPHABET.charAt(c1 >>> 2 & 0x3F));
            c1 = (c1 & 0x03) << 4;
            if (off >= len) {
                out.append(ALPHABET.charAt(c1));
                break;
            }
            int c2 = d[off++] & 0xFF;
            out.append(ALPHABET.charAt(c1 | c2 >>> 4 & 0x0F));
            c1 = (c2 & 0x0F) << 2;
            if (off >= len) {
                out.append(ALPHABET.charAt(c1));
                break;
            }
            c2 = d[off++] & 0xFF;
            out.append(ALPHABET.charAt(c1 | c2 >>> 6 & 0x03));
            out.append(ALPHABET.charAt(c2 & 0x3F));
        }
        return out.toString();
    }

    /** 22 salt characters to 16 bytes. */
    static byte[] decode(String text) {
        byte[] out = new byte[16];
        int bits = 0;
        int acc = 0;
        int n = 0;
        for (int i = 0; i < text.length() && n < out.length; i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                throw invalidSalt();
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >>> bits);
            }
        }
        return out;
    }
}
