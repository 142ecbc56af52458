package org.tusk.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL 15 in a temp directory for the integration tests: listens on 127.0.0.1 on a free
 * port and on a Unix socket in the temp directory, with {@code ssl=on} and a self-signed certificate
 * (CN and subjectAltName localhost / 127.0.0.1), and a pg_hba.conf with one method per test role. As
 * root it runs as the {@code postgres} account through {@code runuser}.
 */
final class PostgresServer implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    final Path base;
    final Path data;
    final int port;

    private PostgresServer(Path base, int port) {
        this.base = base;
        this.data = base.resolve("data");
        this.port = port;
    }

    static PostgresServer start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("postgres")),
                "PostgreSQL 15 is not installed at " + BIN + " (apt-get install postgresql-15): integration tests skipped");
        Path base = Files.createTempDirectory("tusk-client-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (ROOT) {
            Files.setOwner(base, base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        PostgresServer pg = new PostgresServer(base, freePort());
        try {
            pg.init();
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    private void init() throws IOException {
        run(asServer(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"));
        // A CA signs the server's certificate (CN and SAN localhost / 127.0.0.1) and a client certificate
        // for cert_user; the client key also in PKCS#1 and encrypted PKCS#8 form.
        Files.writeString(base.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(asServer("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", data.resolve("ca.key").toString(),
                "-out", data.resolve("ca.crt").toString(), "-days", "2", "-subj", "/CN=tusk-test-ca"));
        for (String[] c : new String[][] {{"server", "localhost"}, {"client", "cert_user"}}) {
            run(asServer("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    data.resolve(c[0] + ".key").toString(), "-out", base.resolve(c[0] + ".csr").toString(), "-subj",
                    "/CN=" + c[1]));
            List<String> sign = new ArrayList<>(List.of("openssl", "x509", "-req", "-in", base.resolve(c[0] + ".csr").toString(),
                    "-CA", data.resolve("ca.crt").toString(), "-CAkey", data.resolve("ca.key").toString(), "-CAcreateserial",
                    "-out", data.resolve(c[0] + ".crt").toString(), "-days", "2", "-sha256"));
            if (c[0].equals("server")) {
                sign.addAll(List.of("-extfile", base.resolve("server.ext").toString()));
            }
            run(asServer(sign.toArray(String[]::new)));
        }
        run(asServer("openssl", "rsa", "-in", data.resolve("client.key").toString(), "-traditional", "-out",
                data.resolve("client-pkcs1.key").toString()));
        run(asServer("openssl", "pkcs8", "-topk8", "-in", data.resolve("client.key").toString(), "-out",
                data.resolve("client-encrypted.key").toString(), "-passout", "pass:key secret"));
        run(asServer("chmod", "600", data.resolve("server.key").toString()));
        Files.writeString(data.resolve("pg_hba.conf"), """
                local   all all                      trust
                hostssl all cert_user  127.0.0.1/32  cert
                host  all md5_user   127.0.0.1/32  md5
                host  all scram_user 127.0.0.1/32  scram-sha-256
                host  all pw_user    127.0.0.1/32  password
                host  all all        127.0.0.1/32  trust
                host  replication all 127.0.0.1/32 trust
                """);
        run(asServer(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", base.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + base
                        + " -c ssl=on -c ssl_ca_file=ca.crt -c fsync=off",
                "start"));
        psql("""
                create role trust_user login;
                create role cert_user login;
                create role pw_user login password 'pw secret';
                create role scram_user login password 'scram pw';
                set password_encryption = 'md5';
                create role md5_user login password 'md5 pw';
                """);
    }

    /** The CA that signed the server's certificate, to use as sslrootcert. */
    Path certificate() {
        return data.resolve("ca.crt");
    }

    /** A file of the data directory (the client certificate and keys are there). */
    Path file(String name) {
        return data.resolve(name);
    }

    void psql(String sql) throws IOException {
        run(asServer(BIN.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", base.toString(),
                "-p", Integer.toString(port), "-U", "postgres", "-d", "postgres", "-c", sql));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> asServer(String... command) {
        List<String> c = new ArrayList<>();
        if (ROOT) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        return c;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue() + ":\n" + output);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(asServer(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            }
        } catch (IOException e) {
            System.err.println("[client tests] could not stop PostgreSQL: " + e.getMessage());
        }
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[client tests] could not delete " + base + ": " + e);
        }
    }
}
