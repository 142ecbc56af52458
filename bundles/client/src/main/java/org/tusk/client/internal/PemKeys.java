package org.tusk.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.tusk.client.PgException;

/**
 * Reads the client certificate chain and private key from PEM files, as libpq's sslcert/sslkey:
 * {@code PRIVATE KEY} (PKCS#8; RSA, EC, Ed25519/Ed448), {@code RSA PRIVATE KEY} (PKCS#1, OpenSSL's
 * traditional RSA format) and {@code ENCRYPTED PRIVATE KEY} (PKCS#8 with PBES2, decrypted with
 * sslpassword). OpenSSL's {@code EC PRIVATE KEY} (SEC1) and legacy {@code Proc-Type: 4,ENCRYPTED} keys
 * are refused with a message saying to convert the key with {@code openssl pkcs8 -topk8}.
 */
final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemKeys() {
    }

    static List<Certificate> certificates(Path file) throws PgException {
        try (InputStream in = Files.newInputStream(file)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | GeneralSecurityException e) {
            throw new PgException("could not load SSL certificate file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /** libpq refuses a key file that others may read (unless owned by root with at most 0640). */
    static void checkPermissions(Path file) throws PgException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            boolean rootOwned = Files.getOwner(file).getName().equals("root");
            boolean tooOpen = perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE)
                    || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || (!rootOwned && perms.contains(PosixFilePermission.GROUP_READ));
            if (tooOpen) {
                throw new PgException("private key file \"" + file + "\" has group or world access; file must have "
                        + "permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r "
                        + "(0640) or less if owned by root");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check, as libpq on Windows
        }
    }

    static PrivateKey privateKey(Path file, String password) throws PgException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PgException("could not load private key file \"" + file + "\": " + e.getMessage(), e);
        }
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String kind = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                switch (kind) {
                    case "PRIVATE KEY":
                        return pkcs8(der);
                    case "RSA PRIVATE KEY":
                        if (m.group(2).contains("Proc-Type")) {
                            break;
                        }
                        return pkcs8(wrapRsa(der));
                    case "ENCRYPTED PRIVATE KEY":
                        if (password == null) {
                            throw new PgException("could not load private key file \"" + file
                                    + "\": the key is encrypted and no sslpassword was given");
                        }
                        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
                        SecretKeyFactory skf = SecretKeyFactory.getInstance(info.getAlgName());
                        Cipher cipher = Cipher.getInstance(info.getAlgName());
                        cipher.init(Cipher.DECRYPT_MODE, skf.generateSecret(new PBEKeySpec(password.toCharArray())),
                                info.getAlgParameters());
                        return pkcs8(info.getKeySpec(cipher).getEncoded());
                    default:
                        continue;
                }
            } catch (GeneralSecurityException | IOException e) {
                throw new PgException("could not load private key file \"" + file + "\": " + e.getMessage(), e);
            }
        }
        throw new PgException("could not load private key file \"" + file + "\": no PKCS#8 (BEGIN PRIVATE KEY), "
                + "encrypted PKCS#8 or unencrypted PKCS#1 RSA key found; convert it with openssl pkcs8 -topk8");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
    private static byte[] wrapRsa(byte[] pkcs1) throws IOException {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version);
        body.write(algorithm);
        body.write(0x04);
        body.write(derLength(pkcs1.length));
        body.write(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(derLength(body.size()));
        body.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
}
