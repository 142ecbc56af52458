package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/**
 * {@code tusk initdb} creates the whole cluster, catalogs included, as PostgreSQL's initdb does: the
 * first server start finds them, so clients that connect the moment it says it is ready all log in.
 */
class InitdbIT {

    @Test
    void initdbCreatesTheCatalogsWithPostgresProgressLines() {
        Path work = Unix.createPublicTempDirectory("tusk-itests-initdb-");
        Path data = work.resolve("data");
        try {
            CommandResult r = Commands.run(List.of(TuskDistribution.get().bin().toString(), "initdb", "-D",
                    data.toString(), "-U", "postgres"), Map.of(), Duration.ofSeconds(120));
            assertEquals(0, r.exitCode(), r.describe());
            String out = r.stdout();
            int at = -1;
            // (The harness creates the directory and hands it over: initdb says "fixing permissions" first.)
            for (String line : List.of("creating subdirectories ... ok",
                    "creating configuration files ... ok", "running bootstrap script ... ok",
                    "performing post-bootstrap initialization ... ok", "syncing data to disk ... ok",
                    "Success. You can now start the database server using:")) {
                int next = out.indexOf(line + "\n");
                assertTrue(next > at, "\"" + line + "\" in order in\n" + out);
                at = next;
            }
            assertFalse(r.stderr().contains(" LOG: "), "the bootstrap's routine log stays quiet: " + r.describe());
            // The control file, the WAL, the shared catalogs (pg_database is 1262) and each database's own.
            assertTrue(Files.isRegularFile(data.resolve("global/pg_control")));
            assertTrue(Files.isRegularFile(data.resolve("global/1262")));
            assertTrue(Files.isRegularFile(data.resolve("pg_wal/000000010000000000000001")));
            for (String db : List.of("1", "4", "5")) {
                assertTrue(Files.isRegularFile(data.resolve("base/" + db + "/1259")), "pg_class of database " + db);
            }
            assertFalse(Files.exists(data.resolve("postmaster.pid")), "no server left running");
            assertFalse(Files.exists(data.resolve("tusk_osgi_cache")), "the bootstrap's bundle cache is gone");
        } finally {
            Unix.deleteRecursively(work);
        }
    }

    @Test
    void everyConnectionRightAfterReadyLogsInWithThePwfilePassword() throws Exception {
        Path dir = Unix.createPublicTempDirectory("tusk-itests-initdb-pw-");
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, "s3cret\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        // No probe connection before the clients: they arrive as soon as the ready line is logged.
        try (TuskServer tusk = TuskServer.builder().initdb("--auth=scram-sha-256", "--pwfile=" + pwfile)
                .awaitListening(false).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + tusk.port() + "/postgres?sslmode=disable";
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<String> login = () -> {
                    try (Connection c = DriverManager.getConnection(url, "postgres", "s3cret");
                            ResultSet rs = c.createStatement().executeQuery(
                                    "select current_user || ' ' || rolsuper from pg_authid where oid = 10")) {
                        rs.next();
                        return rs.getString(1);
                    }
                };
                logins.add(pool.submit(login));
            }
            for (Future<String> f : logins) {
                assertEquals("postgres true", f.get());
            }
        } finally {
            pool.shutdownNow();
            Unix.deleteRecursively(dir);
        }
    }
}
