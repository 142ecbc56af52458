package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/** Real psql over the Unix socket and over TLS up to sslmode=verify-full, against the distribution. */
class TransportsIT {

    @Test
    void psqlConnectsThroughTheUnixSocket() throws Exception {
        Path sockets = Unix.createPublicTempDirectory("tusk-itests-sockets-");
        Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (TuskServer tusk = TuskServer.builder().setting("unix_socket_directories", sockets.toString()).start()) {
            assertTrue(Files.exists(sockets.resolve(".s.PGSQL." + tusk.port())));
            assertTrue(Files.exists(sockets.resolve(".s.PGSQL." + tusk.port() + ".lock")));
            CommandResult r = Psql.to(sockets.toString(), tusk.port(), "postgres", "postgres").commandOk("\\conninfo");
            assertTrue(r.stdout().contains("via socket in \"" + sockets + "\""), r.describe());
            assertEquals(" ?column? \n----------\n        2\n(1 row)\n\n",
                    Psql.to(sockets.toString(), tusk.port(), "postgres", "postgres").commandOk("select 1+1").stdout());
        } finally {
            Unix.deleteRecursively(sockets);
        }
        assertTrue(!Files.exists(sockets.resolve(".s.PGSQL.5432")), "socket files are removed at shutdown");
    }

    @Test
    void psqlConnectsOverTlsWithVerifyFull() throws Exception {
        Path certs = Unix.createPublicTempDirectory("tusk-itests-tls-");
        try {
            openssl(certs, "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=Tusk test CA", "-keyout",
                    "ca.key", "-out", "ca.crt");
            openssl(certs, "req", "-new", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out",
                    "server.csr");
            Files.writeString(certs.resolve("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
            openssl(certs, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", "ext", "-out", "server.crt");
            Files.setPosixFilePermissions(certs.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            if (Unix.isRoot()) {
                // The server runs as the unprivileged account, which must own its key (0600), as in PostgreSQL.
                Commands.run(List.of(TuskDistribution.get().bin().toString(), "--version"), Map.of(),
                        Duration.ofSeconds(60)); // creates the account if no server ran yet
                Unix.chown(certs.resolve("server.key"), "tusk");
            }
            try (TuskServer tusk = TuskServer.builder().setting("ssl", "on")
                    .setting("ssl_cert_file", certs.resolve("server.crt").toString())
                    .setting("ssl_key_file", certs.resolve("server.key").toString()).start()) {
                String base = "host=localhost port=" + tusk.port() + " user=postgres dbname=postgres ";
                CommandResult full = Psql.run(Map.of(), "-d", base + "sslmode=verify-full sslrootcert="
                        + certs.resolve("ca.crt"), "-c", "\\conninfo");
                assertEquals(0, full.exitCode(), full.describe());
                assertTrue(full.stdout().contains("SSL connection (protocol: TLSv1."), full.describe());
                CommandResult require = Psql.run(Map.of(), "-d", base + "sslmode=require", "-c", "select 1");
                assertEquals(0, require.exitCode(), require.describe());
                CommandResult wrongRoot = Psql.run(Map.of(), "-d", base + "sslmode=verify-full sslrootcert="
                        + certs.resolve("server.crt"), "-c", "select 1");
                assertNotEquals(0, wrongRoot.exitCode(), "a certificate not signed by the given root is refused");
                CommandResult plain = Psql.run(Map.of(), "-d", base + "sslmode=disable", "-c", "select 1");
                assertEquals(0, plain.exitCode(), "without hostssl lines in pg_hba.conf, plain TCP is still allowed");
            }
        } finally {
            Unix.deleteRecursively(certs);
        }
    }

    private static void openssl(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        CommandResult r = Commands.run(List.of("sh", "-c", "cd '" + dir + "' && " + String.join(" ",
                cmd.stream().map(a -> "'" + a + "'").toList())), Map.of(), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), r.describe());
    }
}
