package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.FreePort;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/**
 * A server started as a background job of a non-interactive shell script ({@code sh -c 'tusk postgres ... &'})
 * inherits SIGINT as ignored; like PostgreSQL's postmaster it must still take SIGINT (what
 * {@code pg_ctl stop -m fast} sends) as a fast shutdown: log it, shut down, and exit with 0.
 */
class BackgroundSigintIT {

    @Test
    void sigintStopsAServerStartedInTheBackgroundOfAScript() throws Exception {
        Path work = Unix.createPublicTempDirectory("tusk-itests-sigint-");
        String bin = TuskDistribution.get().bin().toString();
        Path data = work.resolve("data");
        Path log = work.resolve("server.log");
        Path pidFile = work.resolve("pid");
        Path exitFile = work.resolve("exit");
        Process shell = null;
        String pid = null;
        try {
            Commands.runChecked(List.of(bin, "initdb", "-D", data.toString(), "-U", "postgres"),
                    Duration.ofSeconds(60));
            int port = FreePort.find();
            // The shell, not Java, starts the server: without job control its background job ignores SIGINT.
            String script = "\"$0\" postgres -D \"$1\" -p \"$2\" > \"$3\" 2>&1 & echo $! > \"$4\"; wait $!; echo $? > \"$5\"";
            shell = new ProcessBuilder(List.of("sh", "-c", script, bin, data.toString(), Integer.toString(port),
                    log.toString(), pidFile.toString(), exitFile.toString()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(work.resolve("sh.out").toFile()).start();
            awaitLog(log, TuskServer.READY, Duration.ofSeconds(60));
            pid = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
            String status = Files.readString(Path.of("/proc", pid, "status"), StandardCharsets.UTF_8);
            assertTrue(status.contains("Tgid:\t" + pid), status);

            Commands.runChecked(List.of("kill", "-INT", pid), Duration.ofSeconds(10));
            assertTrue(shell.waitFor(30, TimeUnit.SECONDS), () -> "SIGINT did not stop the server\n" + read(log));
            String text = read(log);
            assertTrue(text.contains("received fast shutdown request"), text);
            assertTrue(text.contains("database system is shut down"), text);
            assertEquals("0", Files.readString(exitFile, StandardCharsets.UTF_8).strip(), text);
        } finally {
            if (pid != null && shell != null && shell.isAlive()) {
                Commands.run(List.of("kill", "-KILL", pid), Map.of(), Duration.ofSeconds(10));
            }
            if (shell != null) {
                shell.destroyForcibly();
                shell.waitFor(10, TimeUnit.SECONDS);
            }
            Unix.deleteRecursively(work);
        }
    }

    private static void awaitLog(Path log, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (read(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" within " + timeout + "\n" + read(log));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
