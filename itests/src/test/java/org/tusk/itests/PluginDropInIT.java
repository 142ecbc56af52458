package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.TuskServer;

/**
 * A backend launcher is a plugin that can come and go while the server runs: configured with
 * {@code backend_launcher = 'virtual-thread'} but without that plugin, Tusk serves connections with "thread" and
 * warns; the sample plugin dropped into plugins/ registers and then serves new connections; deleted, it
 * unregisters and "thread" takes over again. A psql query succeeds at every step.
 */
class PluginDropInIT {

    private static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKEND_LOG_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern BY_THREAD = Pattern.compile("backend \\d+ started by launcher \"thread\"");
    private static final Pattern BY_VIRTUAL = Pattern.compile("backend \\d+ started by launcher \"virtual-thread\"");

    private TuskServer tusk;
    private Path dropped;

    @AfterEach
    void cleanUp() throws IOException {
        if (dropped != null) {
            Files.deleteIfExists(dropped);
        }
        if (tusk != null) {
            tusk.close();
        }
    }

    @Test
    void launcherPluginComesAndGoesWhileServing() throws IOException {
        TuskDistribution dist = TuskDistribution.get();
        Path plugins = dist.pluginsDir();
        try (Stream<Path> s = Files.list(plugins)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".jar")).toList(), "plugins/ must start without jars");
        }
        Path sample = dist.sample("virtual-thread");

        // log_connections: the "backend NNNN started by launcher ..." line is a connection log line, as in PostgreSQL.
        tusk = TuskServer.builder().setting("backend_launcher", "virtual-thread").setting("log_connections", "on").start();

        // 1. No plugin: served by "thread", with a warning about the missing launcher.
        int mark = tusk.log().mark();
        query("before the plugin");
        tusk.awaitLog(mark, BY_THREAD, BACKEND_LOG_TIMEOUT);
        assertNoLine(mark, BY_VIRTUAL);
        String warning = tusk.log().await(0, l -> l.contains("WARN") && l.contains("virtual-thread"), BACKEND_LOG_TIMEOUT,
                "a WARNING about the missing \"virtual-thread\" launcher");
        assertTrue(warning.contains("virtual-thread"), warning);

        // 2. Drop the plugin in: written under a temp name next to plugins/, then moved in atomically.
        mark = tusk.log().mark();
        Path staging = plugins.resolveSibling(".staging-" + sample.getFileName());
        Files.copy(sample, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-r--r--"));
        dropped = plugins.resolve(sample.getFileName());
        Files.move(staging, dropped, StandardCopyOption.ATOMIC_MOVE);
        tusk.awaitLog(mark, "backend launcher \"virtual-thread\" registered", PLUGIN_TIMEOUT);

        // 3. New connections are served by the plugin.
        mark = tusk.log().mark();
        query("with the plugin");
        tusk.awaitLog(mark, BY_VIRTUAL, BACKEND_LOG_TIMEOUT);
        assertNoLine(mark, BY_THREAD);

        // 4. Remove it: it unregisters, and "thread" serves again.
        mark = tusk.log().mark();
        Files.delete(dropped);
        dropped = null;
        tusk.awaitLog(mark, "backend launcher \"virtual-thread\" unregistered", PLUGIN_TIMEOUT);

        mark = tusk.log().mark();
        query("after removing the plugin");
        tusk.awaitLog(mark, BY_THREAD, BACKEND_LOG_TIMEOUT);
        assertNoLine(mark, BY_VIRTUAL);
        assertTrue(tusk.isAlive(), "the server keeps running");
    }

    private void query(String step) {
        CommandResult r = Psql.to(tusk.port()).command("select 1");
        assertEquals(0, r.exitCode(), () -> "psql " + step + "\n" + r.describe() + "\n" + tusk.log().tail(30));
        assertTrue(r.stdout().contains("(1 row)"), () -> "psql " + step + "\n" + r.describe());
    }

    private void assertNoLine(int mark, Pattern p) {
        List<String> hits = tusk.log().linesSince(mark).stream().filter(l -> p.matcher(l).find()).toList();
        assertEquals(List.of(), hits, "unexpected log lines matching /" + p + "/");
    }
}
