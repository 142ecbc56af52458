package org.tusk.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tls-server-end-point (RFC 5929) picks the hash from the certificate's signature algorithm, with
 * SHA-256 for MD5 and SHA-1 signatures: certificates signed each way by openssl.
 */
class TlsTest {

    @TempDir
    Path dir;

    private X509Certificate certificate(String digest) throws Exception {
        Path key = dir.resolve(digest + ".key");
        Path crt = dir.resolve(digest + ".crt");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                key.toString(), "-out", crt.toString(), "-days", "1", "-subj", "/CN=tls-test", "-" + digest)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                "openssl cannot sign with " + digest + ": " + out);
        try (InputStream in = Files.newInputStream(crt)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hashFollowsTheSignatureAlgorithm() throws Exception {
        for (List<String> c : List.of(List.of("sha1", "SHA-256"), List.of("sha256", "SHA-256"),
                List.of("sha384", "SHA-384"), List.of("sha512", "SHA-512"))) {
            X509Certificate cert = certificate(c.get(0));
            byte[] expected = MessageDigest.getInstance(c.get(1)).digest(cert.getEncoded());
            byte[] got = Tls.serverEndPoint(cert);
            assertEquals(expected.length, got.length, c.toString());
            assertArrayEquals(expected, got, c.toString());
        }
    }
}
