package org.tusk.sql.extension;

import static org.tusk.sql.types.SqlType.BYTEA;
import static org.tusk.sql.types.SqlType.INT4;
import static org.tusk.sql.types.SqlType.TEXT;
import static org.tusk.sql.types.SqlType.UUID;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.tusk.spi.SqlException;

/**
 * contrib/pgcrypto 1.3, the part applications use: digest and hmac over MD5 and the SHA-1/SHA-2 family (the
 * JDK's MessageDigest and Mac), gen_random_bytes and gen_random_uuid (SecureRandom), and crypt/gen_salt with
 * the MD5 ("$1$") and Blowfish ("$2a$") password hashes ({@link Md5Crypt}, {@link BCrypt}). A text argument
 * is hashed as its UTF-8 bytes, the server encoding, as pgcrypto hashes the text's bytes. Not offered: the
 * PGP functions, encrypt/decrypt and armor, and crypt's DES and extended-DES salts.
 */
final class PgCrypto {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PgCrypto() {
    }

    static BuiltinExtension extension() {
        return new BuiltinExtension("pgcrypto", "1.3", "cryptographic functions", true, true, true, null,
                "$libdir/pgcrypto", List.of(
                        NativeFunction.of("digest", List.of(TEXT, TEXT), BYTEA, 'i', "pg_digest",
                                (a, c) -> digest(bytes(a[0]), (String) a[1])),
                        NativeFunction.of("digest", List.of(BYTEA, TEXT), BYTEA, 'i', "pg_digest",
                                (a, c) -> digest(bytes(a[0]), (String) a[1])),
                        NativeFunction.of("hmac", List.of(TEXT, TEXT, TEXT), BYTEA, 'i', "pg_hmac",
                                (a, c) -> hmac(bytes(a[0]), bytes(a[1]), (String) a[2])),
                        NativeFunction.of("hmac", List.of(BYTEA, BYTEA, TEXT), BYTEA, 'i', "pg_hmac",
                                (a, c) -> hmac(bytes(a[0]), bytes(a[1]), (String) a[2])),
                        NativeFunction.of("crypt", List.of(TEXT, TEXT), TEXT, 'i', "pg_crypt",
                                (a, c) -> crypt((String) a[0], (String) a[1])),
                        NativeFunction.of("gen_salt", List.of(TEXT), TEXT, 'v', "pg_gen_salt",
                                (a, c) -> genSalt((String) a[0], 0)),
                        NativeFunction.of("gen_salt", List.of(TEXT, INT4), TEXT, 'v', "pg_gen_salt_rounds",
                                (a, c) -> genSalt((String) a[0], (Integer) a[1])),
                        NativeFunction.of("gen_random_bytes", List.of(INT4), BYTEA, 'v', "pg_random_bytes",
                                (a, c) -> randomBytes((Integer) a[0])),
                        NativeFunction.of("gen_random_uuid", List.of(), UUID, 'v', "pg_random_uuid",
                                (a, c) -> java.util.UUID.randomUUID())));
    }

    private static byte[] bytes(Object v) {
        return v instanceof byte[] b ? b : ((String) v).getBytes(StandardCharsets.UTF_8);
    }

    /** The JDK's name of a digest pgcrypto knows by {@code name} (OpenSSL's names, any case), or null. */
    private static String algorithm(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
    }

    /** pgcrypto's find_provider error: "Cannot use "x": No such hash algorithm" (22023). */
    private static SqlException noSuchHash(String name) {
        return new SqlException("22023", "Cannot use \"" + name + "\": No such hash algorithm");
    }

    static byte[] digest(byte[] data, String type) {
        String algorithm = algorithm(type);
        if (algorithm == null) {
            throw noSuchHash(type);
        }
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw noSuchHash(type);
        }
    }

    static byte[] hmac(byte[] data, byte[] key, String type) {
        String algorithm = algorithm(type);
        if (algorithm == null) {
            throw noSuchHash(type);
        }
        try {
            Mac mac = Mac.getInstance("Hmac" + algorithm.replace("-", ""));
            // A key longer than the block is hashed first by HMAC itself; an empty key is allowed by RFC 2104,
            // while the JDK's SecretKeySpec refuses one, so that case is written as one block of zeros.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw noSuchHash(type);
        }
    }

    /** gen_random_bytes: at most 1024 bytes at a time, as pgcrypto allows. */
    static byte[] randomBytes(int length) {
        if (length <= 0 || length > 1024) {
            throw new SqlException("39000", "Length not in range");
        }
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return b;
    }

    /** crypt(password, salt): the algorithm is chosen by the salt's prefix, as px_crypt chooses it. */
    static String crypt(String password, String salt) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (salt.startsWith("$1$")) {
            return Md5Crypt.crypt(pw, salt);
        }
        if (salt.startsWith("$2a$") || salt.startsWith("$2b$") || salt.startsWith("$2x$")
                || salt.startsWith("$2y$")) {
            return BCrypt.crypt(pw, salt);
        }
        throw new SqlException("0A000", "crypt with DES salts is not supported by Tusk's pgcrypto");
    }

    /** gen_salt(type [, rounds]): "md5" (fixed 1000 rounds) and "bf" (log2 rounds 4 to 31, default 6). */
    static String genSalt(String type, int rounds) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "md5" -> {
                if (rounds != 0) {
                    throw new SqlException("22023", "gen_salt: Incorrect number of rounds");
                }
                byte[] b = new byte[6];
                RANDOM.nextBytes(b);
                return "$1$" + Md5Crypt.base64(b, 8);
            }
            case "bf" -> {
                int r = rounds == 0 ? 6 : rounds;
                if (r < 4 || r > 31) {
                    throw new SqlException("22023", "gen_salt: Incorrect number of rounds");
                }
                byte[] b = new byte[16];
                RANDOM.nextBytes(b);
                return BCrypt.salt(r, b);
            }
            case "des", "xdes" -> throw new SqlException("0A000", "gen_salt(" + type.toLowerCase(Locale.ROOT)
                    + ") is not supported by Tusk's pgcrypto");
            default -> throw new SqlException("22023", "gen_salt: Unknown salt algorithm");
        }
    }
}
