package org.tusk.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * PostgreSQL's MD5 password scheme, for both sides: the stored verifier is
 * {@code "md5" + hex(md5(password + user))}, and the response to AuthenticationMD5Password with a
 * 4-byte salt is {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}. Kept for compatibility
 * only; SCRAM-SHA-256 is what PostgreSQL recommends.
 */
public final class Md5Password {

    /** "md5" followed by 32 hex digits. */
    public static final int VERIFIER_LENGTH = 35;

    private Md5Password() {
    }

    /** The stored verifier for this password and role name. */
    public static String verifier(String password, String user) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code s} has the form of an MD5 verifier (PostgreSQL's get_password_type). */
    public static boolean isVerifier(String s) {
        if (s == null || s.length() != VERIFIER_LENGTH || !s.startsWith("md5")) {
            return false;
        }
        for (int i = 3; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The PasswordMessage content answering a challenge with {@code salt}, from the stored verifier. */
    public static String response(String verifier, byte[] salt) {
        byte[] hex = verifier.substring(3).getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[hex.length + salt.length];
        System.arraycopy(hex, 0, input, 0, hex.length);
        System.arraycopy(salt, 0, input, hex.length, salt.length);
        return "md5" + md5Hex(input);
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
