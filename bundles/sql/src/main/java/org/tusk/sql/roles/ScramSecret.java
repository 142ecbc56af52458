package org.tusk.sql.roles;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The password verifier PostgreSQL stores with password_encryption = scram-sha-256 (common/scram-common.c's
 * scram_build_secret): {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, base64, with a
 * random 16-byte salt and 4096 iterations. The password itself is never stored, so a client can prove it
 * knows it (SCRAM) without the server keeping anything a thief could log in with.
 */
public final class ScramSecret {
    static final int ITERATIONS = 4096;
    static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramSecret() {
    }

    /** A verifier for {@code password} with a fresh random salt. */
    public static String build(String password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return build(password, salt, ITERATIONS);
    }

    /** A verifier for {@code password} with the given salt and iteration count (tests compare against known ones). */
    static String build(String password, byte[] salt, int iterations) {
        try {
            // PBKDF2 with HMAC-SHA-256 is RFC 5802's Hi(); PostgreSQL SASLpreps the password first,
            // which leaves ASCII passwords unchanged (other passwords are used as their UTF-8 bytes,
            // as PostgreSQL does when SASLprep fails).
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SCRAM-SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a PASSWORD given to CREATE/ALTER ROLE is already a verifier (what psql's \password and
     * pg_dump send), to be stored as it is: an MD5 hash ({@code md5} and 32 hex digits) or a
     * well-formed SCRAM-SHA-256 secret (crypt.c's get_password_type).
     */
    public static boolean isVerifier(String password) {
        if (password.length() == 35 && password.startsWith("md5")) {
            return password.substring(3).chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
        }
        return isScram(password);
    }

    private static boolean isScram(String s) {
        if (!s.startsWith("SCRAM-SHA-256$")) {
            return false;
        }
        String[] parts = s.substring("SCRAM-SHA-256$".length()).split("\\$", -1);
        if (parts.length != 2) {
            return false;
        }
        String[] iterSalt = parts[0].split(":", -1);
        String[] keys = parts[1].split(":", -1);
        if (iterSalt.length != 2 || keys.length != 2) {
            return false;
        }
        try {
            if (Integer.parseInt(iterSalt[0]) <= 0) {
                return false;
            }
            Base64.Decoder d = Base64.getDecoder();
            d.decode(iterSalt[1]);
            return d.decode(keys[0]).length == 32 && d.decode(keys[1]).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
