package org.tusk.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The computations of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses them, for both sides:
 * the stored verifier {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} that
 * {@code CREATE ROLE ... PASSWORD} (and initdb) writes, the client's proof and the server's
 * signature. Only computation: the message exchange belongs to whoever owns the connection.
 * Everything cryptographic comes from the JDK: Hi() is PBKDF2 with HMAC-SHA-256.
 */
public final class ScramSha256 {

    /** The SASL mechanism without channel binding. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** The SASL mechanism with tls-server-end-point channel binding. */
    public static final String MECHANISM_PLUS = "SCRAM-SHA-256-PLUS";
    /** PostgreSQL's scram_iterations default. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL's SCRAM_DEFAULT_SALT_LEN. */
    public static final int DEFAULT_SALT_LENGTH = 16;
    /** PostgreSQL's SCRAM_RAW_NONCE_LEN: random bytes in a nonce, before base64. */
    public static final int RAW_NONCE_LENGTH = 18;
    /** Length of SHA-256 keys, proofs and signatures. */
    public static final int KEY_LENGTH = 32;

    private static final String PREFIX = "SCRAM-SHA-256$";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramSha256() {
    }

    /**
     * A parsed stored verifier.
     *
     * @param iterations the iteration count of Hi()
     * @param salt the salt
     * @param storedKey H(ClientKey)
     * @param serverKey HMAC(SaltedPassword, "Server Key")
     */
    public record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

        public Verifier {
            if (iterations < 1) {
                throw new IllegalArgumentException("iteration count must be positive");
            }
            Objects.requireNonNull(salt, "salt");
            if (storedKey.length != KEY_LENGTH || serverKey.length != KEY_LENGTH) {
                throw new IllegalArgumentException("keys must be " + KEY_LENGTH + " bytes");
            }
            salt = salt.clone();
            storedKey = storedKey.clone();
            serverKey = serverKey.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] storedKey() {
            return storedKey.clone();
        }

        @Override
        public byte[] serverKey() {
            return serverKey.clone();
        }

        /** The verifier in PostgreSQL's pg_authid.rolpassword format. */
        public String encode() {
            Base64.Encoder b64 = Base64.getEncoder();
            return PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                    + b64.encodeToString(serverKey);
        }

        @Override
        public String toString() {
            return encode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verifier v && v.encode().equals(encode());
        }

        @Override
        public int hashCode() {
            return encode().hashCode();
        }

        /**
         * Parses PostgreSQL's format; empty when {@code text} is not a valid SCRAM-SHA-256 verifier
         * (PostgreSQL's parse_scram_secret).
         */
        public static Optional<Verifier> parse(String text) {
            if (text == null || !text.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            String[] iterSalt = parts[0].split(":", -1);
            String[] keys = parts[1].split(":", -1);
            if (iterSalt.length != 2 || keys.length != 2) {
                return Optional.empty();
            }
            try {
                Base64.Decoder b64 = Base64.getDecoder();
                return Optional.of(new Verifier(Integer.parseInt(iterSalt[0]), b64.decode(iterSalt[1]),
                        b64.decode(keys[0]), b64.decode(keys[1])));
            } catch (IllegalArgumentException e) { // bad number, bad base64, bad lengths
                return Optional.empty();
            }
        }

        /**
         * True when {@code password} is the one this verifier was made from: what the "password" method
         * checks against a SCRAM verifier (PostgreSQL's scram_verify_plain_password).
         */
        public boolean matchesPassword(String password) {
            byte[] salted = saltedPassword(password, salt, iterations);
            return MessageDigest.isEqual(serverKey, ScramSha256.serverKey(salted));
        }

        /**
         * True when {@code clientProof} proves knowledge of the password for this exchange: it recovers
         * ClientKey as ClientProof XOR HMAC(StoredKey, AuthMessage) and compares H(ClientKey) with
         * StoredKey, as RFC 5802 section 3 says the server does.
         */
        public boolean verifyClientProof(byte[] clientProof, String authMessage) {
            if (clientProof.length != KEY_LENGTH) {
                return false;
            }
            byte[] clientSignature = hmac(storedKey, utf8(authMessage));
            byte[] clientKey = xor(clientProof, clientSignature);
            return MessageDigest.isEqual(storedKey, sha256(clientKey));
        }

        /** ServerSignature := HMAC(ServerKey, AuthMessage), sent in server-final-message as {@code v=}. */
        public byte[] serverSignature(String authMessage) {
            return hmac(serverKey, utf8(authMessage));
        }
    }

    /** A verifier for {@code password} with a fresh random salt and PostgreSQL's default iteration count. */
    public static Verifier verifier(String password) {
        byte[] salt = new byte[DEFAULT_SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return verifier(password, salt, DEFAULT_ITERATIONS);
    }

    /** The verifier for {@code password} with this salt and iteration count. */
    public static Verifier verifier(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return new Verifier(iterations, salt, sha256(clientKey(salted)), serverKey(salted));
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i), with SASLprep as the normalization. */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        char[] chars = saslPrep(password).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, KEY_LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 failed: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** ClientKey := HMAC(SaltedPassword, "Client Key"). */
    public static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, utf8("Client Key"));
    }

    /** ServerKey := HMAC(SaltedPassword, "Server Key"). */
    public static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, utf8("Server Key"));
    }

    /** The client's side: ClientProof := ClientKey XOR HMAC(H(ClientKey), AuthMessage). */
    public static byte[] clientProof(byte[] saltedPassword, String authMessage) {
        byte[] clientKey = clientKey(saltedPassword);
        return xor(clientKey, hmac(sha256(clientKey), utf8(authMessage)));
    }

    /** The client's check of the server: ServerSignature := HMAC(ServerKey, AuthMessage). */
    public static byte[] serverSignature(byte[] saltedPassword, String authMessage) {
        return hmac(serverKey(saltedPassword), utf8(authMessage));
    }

    /** A fresh nonce: {@value #RAW_NONCE_LENGTH} random bytes in base64, as PostgreSQL and libpq make them. */
    public static String nonce() {
        byte[] raw = new byte[RAW_NONCE_LENGTH];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** HMAC-SHA-256. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 failed: " + e.getMessage(), e);
        }
    }

    /** SHA-256. */
    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * SASLprep (RFC 4013) as PostgreSQL's pg_saslprep applies it to passwords: pure ASCII is left alone;
     * otherwise non-ASCII spaces become U+0020, characters "commonly mapped to nothing" are dropped
     * and the result is NFKC-normalized. If the result contains a prohibited character (or breaks the
     * bidirectional rules), PostgreSQL uses the password as given, and so does this.
     */
    static String saslPrep(String password) {
        if (password.chars().allMatch(c -> c < 0x80)) {
            return password;
        }
        StringBuilder mapped = new StringBuilder(password.length());
        password.codePoints().forEach(c -> {
            if (isNonAsciiSpace(c)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(c)) {
                mapped.appendCodePoint(c);
            }
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        if (normalized.isEmpty() || normalized.codePoints().anyMatch(ScramSha256::isProhibited)
                || !bidiOk(normalized)) {
            return password;
        }
        return normalized;
    }

    /** RFC 3454 table C.1.2. */
    private static boolean isNonAsciiSpace(int c) {
        return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** RFC 3454 table B.1. */
    private static boolean isMappedToNothing(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180D)
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
    }

    /** RFC 4013 section 2.3: tables C.1.2, C.2.1, C.2.2, C.3 to C.9, and unassigned code points. */
    private static boolean isProhibited(int c) {
        int type = Character.getType(c);
        return isNonAsciiSpace(c) || type == Character.CONTROL || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED
                || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE
                || (c >= 0xFFF9 && c <= 0xFFFD) || (c >= 0x2FF0 && c <= 0x2FFB)
                || c == 0x0340 || c == 0x0341 || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x206A && c <= 0x206F) || c == 0x06DD || c == 0x070F || c == 0x180E
                || (c >= 0x200C && c <= 0x200D) || (c >= 0x2028 && c <= 0x2029) || (c >= 0x2060 && c <= 0x2063)
                || c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F) || (c >= 0x1D173 && c <= 0x1D17A);
    }

    /** RFC 3454 section 6: a string with right-to-left characters has no left-to-right ones and starts and ends with one. */
    private static boolean bidiOk(String s) {
        boolean anyRtl = s.codePoints().anyMatch(ScramSha256::isRtl);
        if (!anyRtl) {
            return true;
        }
        boolean anyLtr = s.codePoints().anyMatch(c -> Character.getDirectionality(c) == Character.DIRECTIONALITY_LEFT_TO_RIGHT);
        return !anyLtr && isRtl(s.codePointAt(0)) && isRtl(s.codePointBefore(s.length()));
    }

    private static boolean isRtl(int c) {
        byte d = Character.getDirectionality(c);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
