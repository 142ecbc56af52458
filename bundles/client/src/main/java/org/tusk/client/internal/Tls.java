package org.tusk.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.tusk.client.PgException;

/** The TLS handshake after 'S', with libpq's sslmode semantics, on the JDK's TLS. */
final class Tls {

    private Tls() {
    }

    static SSLSocket wrap(Socket plain, String host, ResolvedParameters p) throws PgException, IOException {
        String sslmode = p.sslmode();
        String rootcert = p.sslrootcert();
        boolean haveRoot = rootcert != null && Files.isRegularFile(Path.of(rootcert));
        boolean verify = sslmode.startsWith("verify") || haveRoot && sslmode.equals("require");
        TrustManager[] trust;
        try {
            if (verify) {
                if (!haveRoot) {
                    throw new PgException("root certificate file \"" + rootcert
                            + "\" does not exist\nEither provide the file, use the system's trusted roots with sslrootcert=system, or change sslmode to disable server certificate verification.");
                }
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(Path.of(rootcert))) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("root" + i++, c);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            } else {
                trust = new TrustManager[] {new AcceptAll()};
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(p), trust, null);
            SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            SSLParameters params = ssl.getSSLParameters();
            if (sslmode.equals("verify-full")) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isNumeric(host)) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new PgException("SSL error: " + e.getMessage(), e);
        }
    }

    /**
     * The client certificate, as libpq: used when the sslcert file exists; then the key file must exist
     * too and must not be readable by others.
     */
    private static KeyManager[] keyManagers(ResolvedParameters p) throws PgException, GeneralSecurityException,
            IOException {
        if (p.sslcert() == null || !Files.isRegularFile(Path.of(p.sslcert()))) {
            return null;
        }
        List<Certificate> chain = PemKeys.certificates(Path.of(p.sslcert()));
        Path key = p.sslkey() == null ? null : Path.of(p.sslkey());
        if (key == null || !Files.isRegularFile(key)) {
            throw new PgException("certificate present, but not private key file \"" + p.sslkey() + "\"");
        }
        PemKeys.checkPermissions(key);
        PrivateKey privateKey = PemKeys.privateKey(key, p.sslpassword());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] none = new char[0];
        ks.setKeyEntry("client", privateKey, none, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, none);
        return kmf.getKeyManagers();
    }

    /**
     * RFC 5929's tls-server-end-point data: the hash of the server's certificate, with the hash of its
     * signature algorithm, except that MD5 and SHA-1 become SHA-256 (as PostgreSQL computes it).
     */
    static byte[] serverEndPoint(SSLSocket socket) throws PgException {
        try {
            return serverEndPoint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new PgException("could not get server certificate hash: " + e.getMessage(), e);
        }
    }

    static byte[] serverEndPoint(X509Certificate cert) throws PgException {
        try {
            String sig = cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
            String hash;
            if (sig.startsWith("SHA3-")) {
                hash = sig.substring(0, 8); // SHA3-256, SHA3-384, SHA3-512
            } else if (sig.startsWith("SHA384") || sig.contains("SHA384")) {
                hash = "SHA-384";
            } else if (sig.startsWith("SHA512") || sig.contains("SHA512")) {
                hash = "SHA-512";
            } else if (sig.startsWith("SHA224")) {
                hash = "SHA-224";
            } else if (sig.equals("ED25519") || sig.equals("ED448") || sig.contains("PSS")) {
                throw new PgException("could not find digest for certificate signature algorithm " + cert.getSigAlgName());
            } else {
                hash = "SHA-256"; // MD5, SHA-1 and SHA-256 signatures
            }
            return java.security.MessageDigest.getInstance(hash).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new PgException("could not get server certificate hash: " + e.getMessage(), e);
        }
    }

    private static boolean isNumeric(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** sslmode require/prefer/allow without a root certificate: encryption without authentication. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // libpq does not verify in these modes
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
