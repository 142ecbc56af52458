package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.FreePort;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/** The tusk command as pg_ctl and postgres: PGDATA, restart, a busy port, and the server log's shape. */
class ClusterControlIT {

    @Test
    void aBusyPortStopsStartupInsteadOfRunningHalfListening() throws Exception {
        Path work = Unix.createPublicTempDirectory("tusk-itests-busy-");
        Path data = work.resolve("data");
        String bin = TuskDistribution.get().bin().toString();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Commands.runChecked(List.of(bin, "initdb", "-D", data.toString(), "-U", "postgres"), Duration.ofSeconds(60));
            CommandResult r = Commands.run(List.of(bin, "postgres", "-D", data.toString(), "-p",
                    Integer.toString(taken.getLocalPort()), "-c", "listen_addresses=127.0.0.1"), Map.of(),
                    Duration.ofSeconds(60));
            assertEquals(1, r.exitCode(), r.describe());
            assertTrue(r.stderr().contains("could not bind IPv4 address \"127.0.0.1\""), r.describe());
            assertTrue(!r.stderr().contains("ready to accept connections"), r.describe());
            assertTrue(!Files.exists(data.resolve("postmaster.pid")), "the lock is released");
        } finally {
            Unix.deleteRecursively(work);
        }
    }

    @Test
    void pgdataRestartAndStatusWorkLikePgCtl() {
        Path work = Unix.createPublicTempDirectory("tusk-itests-ctl-");
        Path data = work.resolve("data");
        String bin = TuskDistribution.get().bin().toString();
        Map<String, String> env = Map.of("PGDATA", data.toString());
        int port = FreePort.find();
        try {
            Commands.runChecked(List.of(bin, "initdb", "-U", "postgres"), env, Duration.ofSeconds(60));
            CommandResult start = Commands.run(List.of(bin, "start", "-l", data.resolve("server.log").toString(), "-o",
                    "-p " + port), env, Duration.ofSeconds(90));
            assertEquals(0, start.exitCode(), start.describe());
            assertTrue(start.stdout().contains("server started"), start.describe());
            long firstPid = pid(Commands.run(List.of(bin, "status"), env, Duration.ofSeconds(30)));
            CommandResult restart = Commands.run(List.of(bin, "restart", "-m", "fast", "-l",
                    data.resolve("server.log").toString(), "-o", "-p " + port), env, Duration.ofSeconds(90));
            assertEquals(0, restart.exitCode(), restart.describe());
            assertTrue(restart.stdout().contains("server stopped") && restart.stdout().contains("server started"),
                    restart.describe());
            long secondPid = pid(Commands.run(List.of(bin, "status"), env, Duration.ofSeconds(30)));
            assertTrue(firstPid != secondPid, "a new server process");
            Psql.to(port).commandOk("select 1");
            CommandResult stop = Commands.run(List.of(bin, "stop"), env, Duration.ofSeconds(60));
            assertEquals(0, stop.exitCode(), stop.describe());
            CommandResult status = Commands.run(List.of(bin, "status"), env, Duration.ofSeconds(30));
            assertEquals(3, status.exitCode(), status.describe());
            assertTrue(status.stdout().contains("no server running"), status.describe());
        } finally {
            Commands.run(List.of(bin, "stop", "-m", "immediate"), env, Duration.ofSeconds(30));
            Unix.deleteRecursively(work);
        }
    }

    private static long pid(CommandResult status) {
        assertEquals(0, status.exitCode(), status.describe());
        String line = status.stdout().lines().filter(l -> l.contains("(PID: ")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll(".*\\(PID: (\\d+)\\).*", "$1"));
    }

    @Test
    void logLinePrefixAndConnectionLogsAreInPostgresShape() {
        try (TuskServer tusk = TuskServer.builder().setting("log_line_prefix", "%m [%p] %q%u@%d app=%a ")
                .setting("log_connections", "on").setting("log_disconnections", "on").start()) {
            Psql.to(tusk.port()).commandOk("select 1");
            String authorized = tusk.awaitLog("connection authorized:", Duration.ofSeconds(5));
            assertTrue(authorized.matches(
                    "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\S+ \\[\\d+\\] postgres@postgres app=psql LOG:  "
                            + "connection authorized: user=postgres database=postgres application_name=psql"),
                    authorized);
            String disconnected = tusk.awaitLog("disconnection: session time: ", Duration.ofSeconds(5));
            assertTrue(disconnected.contains(" LOG:  disconnection: session time: 0:00:0"), disconnected);
            String ready = tusk.log().find("ready to accept connections").orElseThrow();
            assertTrue(ready.matches(".*\\[\\d+\\] LOG:  database system is ready to accept connections"),
                    "outside a session %q ends the prefix: " + ready);
        }
    }

    @Test
    void loggingCollectorWritesFilesUnderTheDataDirectory() throws Exception {
        Path work = Unix.createPublicTempDirectory("tusk-itests-collector-");
        Path data = work.resolve("data");
        String bin = TuskDistribution.get().bin().toString();
        int port = FreePort.find();
        try {
            Commands.runChecked(List.of(bin, "initdb", "-D", data.toString(), "-U", "postgres"), Duration.ofSeconds(60));
            CommandResult start = Commands.run(List.of(bin, "start", "-D", data.toString(), "-l",
                    data.resolve("startup.log").toString(), "-o",
                    "-p " + port + " -c logging_collector=on -c log_connections=on"), Map.of(), Duration.ofSeconds(90));
            assertEquals(0, start.exitCode(), "pg_ctl-style start waits on postmaster.pid, not on the log: "
                    + start.describe());
            Psql.to(port).commandOk("select 1");
            Path logDir = data.resolve("log");
            long deadline = System.nanoTime() + 5_000_000_000L;
            String text = "";
            while (System.nanoTime() < deadline && !text.contains("connection authorized")) {
                Thread.sleep(100);
                try (Stream<Path> files = Files.list(logDir)) {
                    text = files.filter(f -> f.getFileName().toString().matches("postgresql-.*\\.log"))
                            .map(ClusterControlIT::read).reduce("", String::concat);
                }
            }
            assertTrue(text.contains("LOG:  connection authorized: user=postgres"), text);
            assertTrue(text.contains("LOG:  database system is ready to accept connections"), text);
            String stderr = read(data.resolve("startup.log"));
            assertTrue(stderr.contains("LOG:  redirecting log output to logging collector process"), stderr);
            assertTrue(!stderr.contains("connection authorized"), "after the redirect nothing more goes to stderr");
        } finally {
            Commands.run(List.of(bin, "stop", "-D", data.toString()), Map.of(), Duration.ofSeconds(60));
            Unix.deleteRecursively(work);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
