package org.tusk.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

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

    static SSLSocket wrap(Socket plain, String host, String sslmode, String rootcert) throws PgException, IOException {
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
            ctx.init(null, trust, null);
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
