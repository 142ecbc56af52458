package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskServer;

/**
 * Clients in other languages, unmodified, as applications use them: Python's psycopg2 (on libpq) and
 * Node.js's node-postgres (its own protocol code, extended protocol for parameters). Each runs one
 * script (src/test/clients) against PostgreSQL 15 and against Tusk; the printed results (Python and
 * JavaScript values, SQLSTATEs and error fields, row counts, notices, COPY, notifications, named
 * cursors) must be the same line for line.
 *
 * <p>psycopg2 comes from Debian (python3-psycopg2, which .ci/run installs); node-postgres from npm,
 * installed by this test into target/ the first time. Without them the test is skipped, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherClientsIT {

    static final Path CLIENTS = Path.of(System.getProperty("tusk.itests.clients.dir", "src/test/clients"));
    static final Path WORK = Path.of(System.getProperty("tusk.itests.work.dir", "target/itests-work"));
    /** The node-postgres release the script is checked with; npm installs exactly this one. */
    static final String NODE_PG = "pg@8.23.1";
    static final String PYTHON = "/usr/bin/python3";

    private PostgresReference postgres;
    private TuskServer tusk;

    @BeforeAll
    void start() {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
    }

    @AfterAll
    void stop() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void psycopg2() {
        CommandResult probe = Commands.run(List.of(PYTHON, "-c", "import psycopg2"), Map.of(), Duration.ofSeconds(30));
        Assumptions.assumeTrue(probe.exitCode() == 0,
                "psycopg2 is not installed (apt-get install python3-psycopg2): " + probe.stderr().strip());
        String script = CLIENTS.resolve("psycopg2_check.py").toAbsolutePath().toString();
        sameOnBoth("psycopg2", List.of(PYTHON, script), Map.of());
    }

    @Test
    void nodePostgres() {
        CommandResult node = Commands.run(List.of("node", "--version"), Map.of(), Duration.ofSeconds(30));
        Assumptions.assumeTrue(node.exitCode() == 0, "node is not installed");
        Path modules = WORK.resolve("node-clients").toAbsolutePath();
        if (!Files.isDirectory(modules.resolve("node_modules/pg"))) {
            CommandResult npm = Commands.run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    modules.toString(), NODE_PG), Map.of(), Duration.ofMinutes(3));
            Assumptions.assumeTrue(npm.exitCode() == 0, "npm could not install " + NODE_PG + ": " + npm.describe());
        }
        String script = CLIENTS.resolve("node_pg_check.js").toAbsolutePath().toString();
        sameOnBoth("node-postgres", List.of("node", script), Map.of("NODE_PATH", modules.resolve("node_modules").toString()));
    }

    private void sameOnBoth(String client, List<String> command, Map<String, String> env) {
        CommandResult expected = run(command, env, postgres.host(), postgres.port(), PostgresReference.SUPERUSER);
        if (expected.exitCode() != 0) {
            fail(client + " failed against PostgreSQL 15 itself: " + expected.describe());
        }
        CommandResult actual = run(command, env, tusk.host(), tusk.port(), TuskServer.SUPERUSER);
        if (!expected.stdout().equals(actual.stdout())) {
            fail(client + " prints differently on Tusk than on PostgreSQL 15:\n"
                    + TextDiff.unified(expected.stdout(), actual.stdout(), 3) + "\nstderr on Tusk: " + actual.stderr());
        }
        assertEquals(0, actual.exitCode(), () -> client + " on Tusk: " + actual.describe());
    }

    private static CommandResult run(List<String> command, Map<String, String> env, String host, int port,
            String user) {
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of(host, Integer.toString(port), user, "postgres"));
        Map<String, String> environment = new HashMap<>(env);
        // libpq must not pick up a developer's settings.
        for (String v : List.of("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE", "PGOPTIONS")) {
            environment.put(v, null);
        }
        environment.put("PGPASSFILE", "/nonexistent");
        return Commands.run(args, environment, Duration.ofMinutes(2));
    }
}
