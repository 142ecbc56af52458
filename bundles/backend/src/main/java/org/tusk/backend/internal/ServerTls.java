package org.tusk.backend.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.tusk.spi.TlsParameters;

/**
 * The server's TLS set-up, built from the ssl_* settings as PostgreSQL reads them: ssl_cert_file
 * (server.crt), ssl_key_file (server.key), ssl_ca_file (client certificates are requested and checked
 * when it is set), ssl_min_protocol_version (TLSv1.2), ssl_max_protocol_version, ssl_ciphers. Built
 * when the server starts and on reload, never per connection.
 */
record ServerTls(SSLContext context, TlsParameters parameters, byte[] serverEndPoint) {

    ServerTls(SSLContext context, TlsParameters parameters) {
        this(context, parameters, null);
    }

    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** PostgreSQL's default ssl_ciphers: OpenSSL's "high and medium strength, no anonymous" ciphers. */
    private static final String DEFAULT_CIPHERS = "HIGH:MEDIUM:+3DES:!aNULL";

    /** The TLS set-up for these settings, or null when ssl is off. */
    static ServerTls fromSettings(Map<String, String> settings) throws TlsConfigurationException {
        if (!org.tusk.spi.Settings.isOn(settings.get("ssl"))) {
            return null;
        }
        Path dataDirectory = Path.of(settings.getOrDefault("data_directory", "."));
        Path certFile = dataDirectory.resolve(settings.getOrDefault("ssl_cert_file", "server.crt"));
        Path keyFile = dataDirectory.resolve(settings.getOrDefault("ssl_key_file", "server.key"));
        String caSetting = settings.getOrDefault("ssl_ca_file", "");
        try {
            List<X509Certificate> chain = load("server certificate file", certFile, PemFiles::certificates);
            checkKeyFilePermissions(keyFile);
            PrivateKey key = load("private key file", keyFile, PemFiles::privateKey);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);

            TrustManagerFactory tmf = null;
            if (!caSetting.isEmpty()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int i = 0;
                for (X509Certificate ca : load("root certificate file", dataDirectory.resolve(caSetting),
                        PemFiles::certificates)) {
                    trusted.setCertificateEntry("ca" + i++, ca);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            TlsParameters parameters = new TlsParameters(protocols(settings), ciphers(settings, context),
                    tmf != null);
            return new ServerTls(context, parameters, serverEndPoint(chain.get(0)));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigurationException("could not set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * tls-server-end-point channel-binding data (RFC 5929 section 4.1), as PostgreSQL's
     * be_tls_get_certificate_hash computes it: the certificate hashed with the hash of its signature
     * algorithm, SHA-256 when that is MD5 or SHA-1. Null when the algorithm names no hash (Ed25519,
     * RSASSA-PSS): PostgreSQL 15 cannot bind such a channel either, so SCRAM-SHA-256-PLUS is not offered.
     */
    static byte[] serverEndPoint(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        int with = algorithm.indexOf("WITH");
        if (with < 0) {
            return null;
        }
        String digest = switch (algorithm.substring(0, with)) {
            case "MD5", "SHA1", "SHA256" -> "SHA-256";
            case "SHA224" -> "SHA-224";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            default -> null;
        };
        if (digest == null) {
            return null;
        }
        try {
            return java.security.MessageDigest.getInstance(digest).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** The channel-binding data for connections made with this set-up. */
    java.util.Optional<byte[]> tlsServerEndPoint() {
        return java.util.Optional.ofNullable(serverEndPoint).map(byte[]::clone);
    }

    /** Protocol versions from ssl_min_protocol_version up to ssl_max_protocol_version. */
    static List<String> protocols(Map<String, String> settings) throws TlsConfigurationException {
        int min = protocolIndex("ssl_min_protocol_version", settings.getOrDefault("ssl_min_protocol_version", "TLSv1.2"));
        String maxSetting = settings.getOrDefault("ssl_max_protocol_version", "");
        int max = maxSetting.isEmpty() ? PROTOCOLS.size() - 1 : protocolIndex("ssl_max_protocol_version", maxSetting);
        if (min > max) {
            throw new TlsConfigurationException("could not set SSL protocol version range: \"" + PROTOCOLS.get(min)
                    + "\" cannot be higher than \"" + PROTOCOLS.get(max) + "\"", null);
        }
        return PROTOCOLS.subList(min, max + 1);
    }

    private static int protocolIndex(String name, String value) throws TlsConfigurationException {
        for (int i = 0; i < PROTOCOLS.size(); i++) {
            if (PROTOCOLS.get(i).equalsIgnoreCase(value.trim())) {
                return i;
            }
        }
        throw new TlsConfigurationException("invalid value for parameter \"" + name + "\": \"" + value + "\"", null);
    }

    /**
     * ssl_ciphers. PostgreSQL passes it to OpenSSL; the JDK speaks IANA suite names. The default (and
     * any OpenSSL keyword list) means the JDK's default suites, which exclude anonymous and weak ones;
     * a list of IANA names (TLS_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) is honoured
     * exactly.
     */
    static List<String> ciphers(Map<String, String> settings, SSLContext context) throws TlsConfigurationException {
        String value = settings.getOrDefault("ssl_ciphers", DEFAULT_CIPHERS).trim();
        List<String> named = new ArrayList<>();
        for (String part : value.split("[:, ]+")) {
            if (part.startsWith("TLS_") || part.startsWith("SSL_")) {
                named.add(part);
            }
        }
        if (named.isEmpty()) {
            return List.of();
        }
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> usable = named.stream().filter(supported::contains).toList();
        if (usable.isEmpty()) {
            throw new TlsConfigurationException("could not set the cipher list (no valid ciphers available)", null);
        }
        return usable;
    }

    /**
     * PostgreSQL refuses a key file others can read: 0600 or less when owned by the server's user,
     * 0640 or less when owned by root.
     */
    private static void checkKeyFilePermissions(Path keyFile) throws TlsConfigurationException, IOException {
        if (!Files.exists(keyFile)) {
            return; // reported by the load that follows, with PostgreSQL's wording
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
        int owner = (Integer) Files.getAttribute(keyFile, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        boolean groupRead = perms.contains(PosixFilePermission.GROUP_READ);
        boolean tooOpen = perms.stream().anyMatch(p -> Arrays.asList(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE).contains(p)) || (groupRead && owner != 0);
        if (tooOpen) {
            throw new TlsConfigurationException("private key file \"" + keyFile + "\" has group or world access"
                    + " (File must have permissions u=rw (0600) or less if owned by the database user, or"
                    + " permissions u=rw,g=r (0640) or less if owned by root.)", null);
        }
    }

    private interface Loader<T> {
        T load(Path file) throws IOException, GeneralSecurityException;
    }

    private static <T> T load(String what, Path file, Loader<T> loader) throws TlsConfigurationException {
        try {
            return loader.load(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsConfigurationException("could not load " + what + " \"" + file
                    + "\": No such file or directory", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigurationException("could not load " + what + " \"" + file + "\": "
                    + e.getMessage().toLowerCase(Locale.ROOT), e);
        }
    }

    /** The ssl_* settings do not make a usable TLS set-up. */
    static final class TlsConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;

        TlsConfigurationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
