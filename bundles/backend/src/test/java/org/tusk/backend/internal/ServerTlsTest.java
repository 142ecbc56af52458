package org.tusk.backend.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS set-up from PEM files as PostgreSQL reads them, with keys in the three forms OpenSSL writes.
 * Certificates are made by the openssl command, as an administrator would make them.
 */
class ServerTlsTest {

    @TempDir
    Path dir;

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl failed: " + out);
    }

    /** A self-signed certificate for localhost with its key in the given form; returns the settings. */
    private Map<String, String> certificate(String keyForm) throws Exception {
        switch (keyForm) {
            case "pkcs8" -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
                    "server.key");
            case "pkcs1" -> openssl("genrsa", "-traditional", "-out", "server.key", "2048");
            case "sec1" -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server.key");
            default -> throw new IllegalArgumentException(keyForm);
        }
        openssl("req", "-new", "-x509", "-key", "server.key", "-out", "server.crt", "-days", "2", "-subj",
                "/CN=localhost");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        Map<String, String> s = new HashMap<>();
        s.put("ssl", "on");
        s.put("data_directory", dir.toString());
        return s;
    }

    @Test
    void loadsEveryKeyFormatAndCompletesAHandshake() throws Exception {
        for (String form : List.of("pkcs8", "pkcs1", "sec1")) {
            Map<String, String> settings = certificate(form);
            ServerTls tls = ServerTls.fromSettings(settings);
            assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.parameters().protocols());
            handshake(tls, PemFiles.certificates(dir.resolve("server.crt")).get(0));
        }
    }

    @Test
    void tlsConnectionsMatchHostsslLines() throws Exception {
        Map<String, String> settings = certificate("pkcs8");
        BackendConnectionTest.hba = BackendConnectionTest.hba("hostnossl all all all reject", "hostssl all all all trust");
        handshake(ServerTls.fromSettings(settings), PemFiles.certificates(dir.resolve("server.crt")).get(0));
    }

    /** tls-server-end-point: the certificate's DER hashed with its signature's hash, as RFC 5929 says. */
    @Test
    void channelBindingDataIsTheCertificateHash() throws Exception {
        for (String form : List.of("pkcs8", "sec1")) {
            ServerTls tls = ServerTls.fromSettings(certificate(form));
            X509Certificate cert = PemFiles.certificates(dir.resolve("server.crt")).get(0);
            assertTrue(cert.getSigAlgName().startsWith("SHA256"), cert.getSigAlgName());
            assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()),
                    tls.tlsServerEndPoint().orElseThrow());
        }
        openssl("req", "-new", "-x509", "-key", "server.key", "-out", "sha384.crt", "-days", "2", "-subj",
                "/CN=localhost", "-sha384");
        X509Certificate sha384 = PemFiles.certificates(dir.resolve("sha384.crt")).get(0);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-384").digest(sha384.getEncoded()),
                ServerTls.serverEndPoint(sha384));
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
        openssl("req", "-new", "-x509", "-key", "ed.key", "-out", "ed.crt", "-days", "2", "-subj", "/CN=localhost");
        assertNull(ServerTls.serverEndPoint(PemFiles.certificates(dir.resolve("ed.crt")).get(0)),
                "no hash in the signature algorithm: no channel binding");
    }

    @Test
    void sslOffMeansNoTls() throws Exception {
        assertNull(ServerTls.fromSettings(Map.of("ssl", "off")));
        assertNull(ServerTls.fromSettings(Map.of()));
    }

    @Test
    void missingCertificateIsReportedLikePostgres() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("ssl", "on", "data_directory", dir.toString()));
        var e = assertThrows(ServerTls.TlsConfigurationException.class, () -> ServerTls.fromSettings(settings));
        assertEquals("could not load server certificate file \"" + dir.resolve("server.crt")
                + "\": No such file or directory", e.getMessage());
    }

    @Test
    void keyReadableByOthersIsRefused() throws Exception {
        Map<String, String> settings = certificate("pkcs8");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-r--r--"));
        var e = assertThrows(ServerTls.TlsConfigurationException.class, () -> ServerTls.fromSettings(settings));
        assertTrue(e.getMessage().startsWith("private key file \"" + dir.resolve("server.key")
                + "\" has group or world access"), e.getMessage());
    }

    @Test
    void protocolRangeFollowsSettings() throws Exception {
        assertEquals(List.of("TLSv1.3"), ServerTls.protocols(Map.of("ssl_min_protocol_version", "TLSv1.3")));
        assertEquals(List.of("TLSv1.2"), ServerTls.protocols(Map.of("ssl_max_protocol_version", "TLSv1.2")));
        assertThrows(ServerTls.TlsConfigurationException.class,
                () -> ServerTls.protocols(Map.of("ssl_min_protocol_version", "TLSv9")));
    }

    /**
     * SSLRequest, 'S', handshake, then the normal start-up inside TLS: the backend's real path. The
     * client trusts exactly the server's certificate and checks the host name.
     */
    private static void handshake(ServerTls tls, X509Certificate cert) throws Exception {
        BackendConnectionTest test = new BackendConnectionTest();
        BackendConnectionTest.tls = tls;
        test.start();
        try (java.net.Socket plain = test.connect()) {
            new org.tusk.protocol.MessageWriter(plain.getOutputStream()).sslRequest().flush();
            assertEquals('S', plain.getInputStream().read());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost",
                    plain.getPort(), true)) {
                var params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // verify-full: the name must match
                s.setSSLParameters(params);
                s.startHandshake();
                new org.tusk.protocol.MessageWriter(s.getOutputStream()).startupMessage(Map.of("user", "u")).flush();
                var reader = new org.tusk.protocol.MessageReader(s.getInputStream());
                var auth = reader.read();
                assertEquals('R', auth.typeChar());
                while (reader.read().typeChar() != 'Z') {
                    // parameter status, key data
                }
                new org.tusk.protocol.MessageWriter(s.getOutputStream()).terminate().flush();
            }
        } finally {
            test.stop();
        }
    }

    @Test
    void tlsIsRefusedOnLocalSocketsAsInPostgres() throws Exception {
        Map<String, String> settings = certificate("pkcs8");
        BackendConnectionTest test = new BackendConnectionTest();
        BackendConnectionTest.tls = ServerTls.fromSettings(settings);
        TestSocketConnection.local = true;
        test.start();
        try (java.net.Socket plain = test.connect()) {
            new org.tusk.protocol.MessageWriter(plain.getOutputStream()).sslRequest().flush();
            assertEquals('N', plain.getInputStream().read(), "no TLS over a Unix-domain socket");
            new org.tusk.protocol.MessageWriter(plain.getOutputStream()).startupMessage(Map.of("user", "u"))
                    .terminate().flush();
        } finally {
            TestSocketConnection.local = false;
            test.stop();
        }
    }

    @Test
    void unencryptedDataAfterSslRequestIsRefused() throws Exception {
        Map<String, String> settings = certificate("pkcs8");
        BackendConnectionTest test = new BackendConnectionTest();
        BackendConnectionTest.tls = ServerTls.fromSettings(settings);
        test.start();
        try (java.net.Socket plain = test.connect()) {
            var out = new java.io.ByteArrayOutputStream();
            new org.tusk.protocol.MessageWriter(out).sslRequest().startupMessage(Map.of("user", "u")).flush();
            plain.getOutputStream().write(out.toByteArray()); // SSLRequest and a plaintext startup at once
            plain.getOutputStream().flush();
            var m = new org.tusk.protocol.MessageReader(plain.getInputStream()).read();
            var f = org.tusk.protocol.ErrorFields.decode(m.reader());
            assertEquals("08P01", f.sqlState());
            assertEquals("received unencrypted data after SSL request", f.message());
        } finally {
            test.stop();
        }
    }
}
