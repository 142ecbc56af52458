package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskServer;

/**
 * The regression suite in PostgreSQL's style (src/test/regress): every {@code regress/sql/NAME.sql} is fed to
 * {@code psql -X -a -q} on stdin, exactly as pg_regress does, and the whole output (echoed input, results,
 * notices and errors, stderr merged into stdout) must equal {@code regress/expected/NAME.out} byte for byte.
 * The expected files are PostgreSQL 15's own output: {@code itests/regress-expected.sh} (or this class with
 * {@code -Dregress.regenerate=true}) writes them from a real server, and {@link #postgresStillAgrees} checks on
 * every run that PostgreSQL 15 still prints them, so they cannot rot or be edited by hand to suit Tusk.
 *
 * <p>Files named in {@code regress/pending.txt} hold queries that Tusk does not answer like PostgreSQL yet. They
 * are run against PostgreSQL only (to keep their expected output true) and listed in the test output; moving a
 * file out of the pending list is how a feature is declared done.
 *
 * <p>Each run writes Tusk's output to {@code target/itests-work/regress/results/NAME.out} and, on a mismatch,
 * the diff to {@code NAME.diff} (pg_regress's results/ and regression.diffs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegressionIT {

    static final Path DIR = Path.of(System.getProperty("tusk.itests.regress.dir", "src/test/resources/regress"));
    static final Path RESULTS = Path.of(System.getProperty("tusk.itests.work.dir", "target/itests-work"), "regress", "results");
    static final boolean REGENERATE = Boolean.getBoolean("regress.regenerate");
    /** {@code -Dregress.only=int4,text}: run only these files (while working on a feature). */
    static final List<String> ONLY = System.getProperty("regress.only", "").isBlank() ? List.of()
            : List.of(System.getProperty("regress.only").split(","));

    private PostgresReference postgres;
    private TuskServer tusk;

    /** Every test file, in name order. */
    static Stream<String> allFiles() {
        try (Stream<Path> files = Files.list(DIR.resolve("sql"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - ".sql".length()))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files to run: every one, or those {@code -Dregress.only} names. */
    static Stream<String> selectedFiles() {
        return allFiles().filter(n -> ONLY.isEmpty() || ONLY.contains(n));
    }

    /** The files Tusk must pass: all but the pending ones. */
    static Stream<String> tuskFiles() {
        Map<String, String> pending = pending();
        return selectedFiles().filter(n -> !pending.containsKey(n));
    }

    /**
     * {@code pending.txt}: one {@code NAME: reason} a line; {@code #} starts a comment. Every pending file must
     * say why it is pending.
     */
    static Map<String, String> pending() {
        Map<String, String> pending = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(DIR.resolve("pending.txt"), StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon < 0 || l.substring(colon + 1).isBlank()) {
                    throw new AssertionError("pending.txt: \"" + l + "\" needs the form NAME: reason");
                }
                pending.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pending;
    }

    @BeforeAll
    void startServers() {
        postgres = PostgresReference.start();
        if (!REGENERATE) {
            tusk = TuskServer.start();
        }
    }

    @AfterAll
    void stopServers() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void pendingAndExpectedFilesMatchScripts() throws IOException {
        List<String> all = allFiles().toList();
        assertFalse(all.isEmpty(), "no test files in " + DIR.resolve("sql"));
        try (Stream<Path> outs = Files.list(DIR.resolve("expected"))) {
            for (Path out : outs.toList()) {
                String n = out.getFileName().toString().replaceFirst("\\.out$", "");
                assertTrue(all.contains(n), "expected/" + out.getFileName() + " has no sql/" + n + ".sql");
            }
        }
        for (Map.Entry<String, String> p : pending().entrySet()) {
            assertTrue(all.contains(p.getKey()), "pending.txt names " + p.getKey() + ", which has no .sql file");
            System.out.println("regress: pending (PostgreSQL only): " + p.getKey() + " -- " + p.getValue());
        }
    }

    /** PostgreSQL 15 still prints every expected file (or, when regenerating, writes them). */
    @ParameterizedTest(name = "postgres: {0}")
    @MethodSource("selectedFiles")
    @Order(2)
    void postgresStillAgrees(String name) throws IOException {
        CommandResult r = Psql.to(postgres.host(), postgres.port(), PostgresReference.SUPERUSER, "postgres")
                .script(DIR.resolve("sql").resolve(name + ".sql"));
        Path expected = DIR.resolve("expected").resolve(name + ".out");
        if (REGENERATE) {
            Files.writeString(expected, r.stdout(), StandardCharsets.UTF_8);
            return;
        }
        compare(name, "PostgreSQL 15", expected, r.stdout(), "postgres-");
    }

    /** Tusk prints exactly the expected file. */
    @ParameterizedTest(name = "tusk: {0}")
    @MethodSource("tuskFiles")
    @Order(3)
    void tuskMatchesExpected(String name) throws IOException {
        assumeFalse(REGENERATE, "regenerating the expected files: Tusk is not run");
        CommandResult r = Psql.to(tusk.host(), tusk.port(), TuskServer.SUPERUSER, "postgres")
                .script(DIR.resolve("sql").resolve(name + ".sql"));
        Files.createDirectories(RESULTS);
        Files.writeString(RESULTS.resolve(name + ".out"), r.stdout(), StandardCharsets.UTF_8);
        String suffix = tusk.isAlive() ? "" : "\nThe Tusk server has exited.\n" + tusk.log().tail(40);
        try {
            compare(name, "Tusk", DIR.resolve("expected").resolve(name + ".out"), r.stdout(), "");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + suffix);
        }
    }

    private static void compare(String name, String who, Path expectedFile, String actual, String diffPrefix)
            throws IOException {
        if (!Files.exists(expectedFile)) {
            fail(expectedFile + " does not exist: run itests/regress-expected.sh");
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        if (expected.equals(actual)) {
            return;
        }
        String diff = "--- expected/" + name + ".out\n+++ " + who + "\n" + TextDiff.unified(expected, actual, 3);
        Files.createDirectories(RESULTS);
        Files.writeString(RESULTS.resolve(diffPrefix + name + ".diff"), diff, StandardCharsets.UTF_8);
        fail("regress/" + name + ": " + who + " differs from expected/" + name + ".out (\"⏎\" marks line ends; also in "
                + RESULTS.resolve(diffPrefix + name + ".diff") + ")\n" + diff);
    }
}
