package org.tusk.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 15, the reference that Tusk is compared with. It lives in a temp directory, listens on
 * 127.0.0.1 on a free port (its Unix socket stays inside the temp directory), trusts every local client, and
 * has the superuser {@value #SUPERUSER}. PostgreSQL refuses to run as root: as root it runs as the
 * {@code postgres} account through {@code runuser}; otherwise as the current user.
 *
 * <pre>{@code
 * try (PostgresReference pg = PostgresReference.start()) {
 *     Psql.to(pg.port()).command("select 1");
 * }
 * }</pre>
 */
public final class PostgresReference implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final Path BIN = Path.of(System.getProperty("tusk.itests.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final String READY = "database system is ready to accept connections";
    private static final String RUN_AS = "postgres";

    private final Path baseDir;
    private final int port;
    private final Process process;
    private final ServerLog log;
    private boolean closed;

    private PostgresReference(Path baseDir, int port, Process process, ServerLog log) {
        this.baseDir = baseDir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** initdb + postgres; returns once the server accepts connections (at most ~60 s). */
    public static PostgresReference start() {
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            throw new AssertionError("PostgreSQL 15 is not installed at " + BIN
                    + " (Debian: apt-get install postgresql-15); it is the reference for the compatibility tests");
        }
        Path base = Unix.createPublicTempDirectory("tusk-itests-pg-");
        if (Unix.isRoot()) {
            Unix.chown(base, RUN_AS);
        }
        Path data = base.resolve("data");
        Commands.runChecked(asServerUser(List.of(BIN.resolve("initdb").toString(),
                "-D", data.toString(), "-U", SUPERUSER, "--auth=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")), Duration.ofSeconds(90));

        int port = FreePort.find();
        List<String> cmd = asServerUser(List.of(BIN.resolve("postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + base,
                "-c", "fsync=off",
                "-c", "logging_collector=off"));
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            Unix.deleteRecursively(base);
            throw new UncheckedIOException(e);
        }
        ServerLog log = ServerLog.pump("postgresql-15", process.getInputStream(), ServerLog.logFile("postgresql"));
        PostgresReference pg = new PostgresReference(base, port, process, log);
        try {
            log.await(READY, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            pg.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
        return pg;
    }

    private static List<String> asServerUser(List<String> command) {
        if (!Unix.isRoot()) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", RUN_AS, "--"));
        c.addAll(command);
        return c;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public ServerLog log() {
        return log;
    }

    /** Fast shutdown (SIGINT: clients are disconnected, no waiting for them), then kill if needed; deletes the cluster. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process.isAlive()) {
            // As root the child is runuser; the postmaster is its child.
            ProcessHandle postmaster = Unix.isRoot()
                    ? process.children().findFirst().orElse(process.toHandle())
                    : process.toHandle();
            Commands.run(List.of("kill", "-INT", Long.toString(postmaster.pid())), Duration.ofSeconds(5));
            try {
                postmaster.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // terminateTree below escalates
            }
            Unix.terminateTree(process, Duration.ofSeconds(10));
        }
        log.awaitEnd(Duration.ofSeconds(5));
        Unix.deleteRecursively(baseDir);
    }
}
