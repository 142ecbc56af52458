package org.tusk.sql.extension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The FreeBSD MD5 password hash ("$1$salt$hash", Poul-Henning Kamp's md5crypt), which pgcrypto's crypt uses
 * for a salt starting with "$1$": MD5 over the password, the magic and up to 8 salt characters, then 1000
 * rounds mixing them again, printed in crypt's own base-64 alphabet.
 */
final class Md5Crypt {
    private static final String MAGIC = "$1$";
    /** crypt(3)'s base-64 alphabet (not RFC 4648's). */
    static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Md5Crypt() {
    }

    static String crypt(byte[] pw, String setting) {
        String salt = setting.substring(MAGIC.length());
        int end = salt.indexOf('$');
        if (end >= 0) {
            salt = salt.substring(0, end);
        }
        if (salt.length() > 8) {
            salt = salt.substring(0, 8);
        }
        byte[] s = salt.getBytes(StandardCharsets.UTF_8);
        MessageDigest ctx = md5();
        ctx.update(pw);
        ctx.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        ctx.update(s);
        MessageDigest alt = md5();
        alt.update(pw);
        alt.update(s);
        alt.update(pw);
        byte[] altResult = alt.digest();
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(altResult, 0, Math.min(left, 16));
        }
        // The original's quirk: for each bit of the length, a zero byte or the password's first byte.
        for (int i = pw.length; i != 0; i >>>= 1) {
            ctx.update((i & 1) != 0 ? 0 : pw.length == 0 ? 0 : pw[0]);
        }
        byte[] f = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            MessageDigest round = md5();
            round.update((i & 1) != 0 ? pw : f);
            if (i % 3 != 0) {
                round.update(s);
            }
            if (i % 7 != 0) {
                round.update(pw);
            }
            round.update((i & 1) != 0 ? f : pw);
            f = round.digest();
        }
        StringBuilder out = new StringBuilder(MAGIC).append(salt).append('$');
        int[][] groups = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};
        for (int[] g : groups) {
            to64(out, (f[g[0]] & 0xFF) << 16 | (f[g[1]] & 0xFF) << 8 | (f[g[2]] & 0xFF), 4);
        }
        to64(out, f[11] & 0xFF, 2);
        return out.toString();
    }

    /** {@code n} characters of {@code v}, least significant six bits first. */
    static void to64(StringBuilder out, int v, int n) {
        int value = v;
        for (int i = 0; i < n; i++) {
            out.append(ALPHABET.charAt(value & 0x3F));
            value >>>= 6;
        }
    }

    /** Random bytes as {@code chars} salt characters (three bytes give four characters). */
    static String base64(byte[] b, int chars) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 2 < b.length && out.length() < chars; i += 3) {
            to64(out, (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF), 4);
        }
        return out.substring(0, chars);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
