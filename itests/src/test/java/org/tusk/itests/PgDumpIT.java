package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.Commands;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskServer;

/**
 * Debian's pg_dump and pg_restore 15, unmodified, against Tusk, held to what they do against PostgreSQL 15:
 * the same script ({@code pgdump/objects.sql}: schemas, a composite type, tables with serial columns,
 * defaults, NOT NULL, CHECK, primary, unique (one deferrable) and foreign keys with actions, indexes, a view,
 * sequences (one owned), SQL and PL/pgSQL functions, a procedure, a trigger, comments, grants, and rows of
 * many types with NULLs) builds database {@code src} on both servers; the dumps must be the same text but for
 * the server version pg_dump names. Then the dump must restore: Tusk's into a fresh Tusk database (and dump
 * again the same), PostgreSQL's into Tusk, Tusk's into PostgreSQL, and a custom-format archive with
 * {@code pg_restore -j 2}. pg_dumpall: its globals (roles, memberships) are PostgreSQL's, and its whole output
 * restored into a fresh Tusk cluster dumps the same again. A role and src have ALTER ROLE/DATABASE ... SET
 * settings, which pg_dumpall's globals and pg_dump --create print. The objects include identity columns and an
 * extension with a comment; pg_dump --clean's script and pg_restore --clean --if-exists replace them in place; a
 * data-only pg_restore --disable-triggers loads the tables in reverse order (foreign keys switched off by DISABLE TRIGGER
 * ALL). Not yet here: extension functions in defaults (restored with search_path ''), parallel dump
 * (pg_export_snapshot), large objects. The random {@code \restrict} key is fixed with {@code --restrict-key}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgDumpIT {

    private static final String KEY = "pgdumpitkey";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private PostgresReference postgres;
    private TuskServer tusk;
    private Path work;

    @BeforeAll
    @Timeout(300)
    void start() throws IOException {
        work = Files.createTempDirectory("tusk-pgdump");
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
        Path script = Path.of("src/test/resources/pgdump/objects.sql").toAbsolutePath();
        for (boolean onTusk : new boolean[] {false, true}) {
            psqlOk(onTusk, "postgres", "-c", "CREATE DATABASE src");
            psqlOk(onTusk, "src", "-v", "ON_ERROR_STOP=1", "-q", "-f", script.toString());
            // Per-role and per-database settings: pg_dumpall's globals and pg_dump --create print them.
            psqlOk(onTusk, "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE ROLE dumpsettings",
                    "-c", "ALTER ROLE dumpsettings SET work_mem = '2MB'",
                    "-c", "ALTER ROLE dumpsettings IN DATABASE src SET search_path = a, \"B\"",
                    "-c", "ALTER DATABASE src SET work_mem = '3MB'");
        }
    }

    @AfterAll
    void stop() {
        try {
            if (tusk != null) {
                tusk.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    @Timeout(180)
    void plainDumpIsPostgresDump() {
        assertSameText(dump(false, "src"), dump(true, "src"));
    }

    @Test
    @Timeout(180)
    void dataOnlyAndSchemaOnlyAndInsertsArePostgres() {
        for (String option : List.of("--data-only", "--schema-only", "--column-inserts", "--inserts", "--create")) {
            assertSameText(dump(false, "src", option), dump(true, "src", option));
        }
    }

    @Test
    @Timeout(180)
    void dumpRestoredIntoTuskDumpsTheSame() {
        String original = dump(true, "src");
        restoreScript(true, "roundtrip", original);
        assertSameText(original, dump(true, "roundtrip"));
    }

    @Test
    @Timeout(180)
    void postgresDumpRestoresIntoTuskAndTuskDumpIntoPostgres() {
        String fromPostgres = dump(false, "src");
        restoreScript(true, "frompostgres", fromPostgres);
        assertSameText(fromPostgres, dump(true, "frompostgres"));
        restoreScript(false, "fromtusk", dump(true, "src"));
        assertSameText(fromPostgres, dump(false, "fromtusk"));
    }

    @Test
    @Timeout(180)
    void customFormatRestoresInParallel() {
        Path archive = archive("src.dump");
        psqlOk(true, "postgres", "-c", "CREATE DATABASE fromarchive");
        restoreArchive(archive, "-j", "2", "-d", "fromarchive");
        assertSameText(dump(true, "src"), dump(true, "fromarchive"));
    }

    @Test
    @Timeout(180)
    void cleanScriptAndCleanRestoreReplaceTheObjects() {
        String original = dump(true, "src");
        restoreScript(true, "cleaned", original);
        // pg_dump --clean: ALTER TABLE ... DROP CONSTRAINT and DROP of every object, then the objects again.
        runScript(true, "cleaned", dump(true, "src", "--clean"));
        assertSameText(original, dump(true, "cleaned"));
        restoreArchive(archive("clean.dump"), "--clean", "--if-exists", "-d", "cleaned");
        assertSameText(original, dump(true, "cleaned"));
    }

    @Test
    @Timeout(180)
    void dataOnlyRestoreWithDisabledTriggersTakesTablesInAnyOrder() {
        Path archive = archive("data.dump");
        psqlOk(true, "postgres", "-c", "CREATE DATABASE dataonly");
        restoreArchive(archive, "--schema-only", "-d", "dataonly");
        // The tables' data in reverse dump order: referencing rows arrive before the rows they reference, which
        // only ALTER TABLE ... DISABLE TRIGGER ALL (the foreign keys' internal triggers) lets through.
        CommandResult list = tool(true, "pg_restore", "-l", archive.toString());
        assertEquals(0, list.exitCode(), list::describe);
        List<String> data = new ArrayList<>(list.stdout().lines().filter(l -> l.contains(" TABLE DATA ")
                || l.contains(" SEQUENCE SET ")).toList());
        java.util.Collections.reverse(data);
        Path listFile = work.resolve("data.list");
        try {
            Files.write(listFile, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandResult without = tool(true, "pg_restore", "--data-only", "--exit-on-error", "-L", listFile.toString(),
                "-d", "dataonly", archive.toString());
        assertTrue(without.exitCode() != 0 && without.stderr().contains("violates foreign key constraint"),
                without::describe);
        psqlOk(true, "postgres", "-c", "CREATE DATABASE dataonly2");
        restoreArchive(archive, "--schema-only", "-d", "dataonly2");
        restoreArchive(archive, "--data-only", "--disable-triggers", "-L", listFile.toString(), "-d", "dataonly2");
        assertSameText(dump(true, "src"), dump(true, "dataonly2"));
    }

    @Test
    @Timeout(180)
    void dumpallGlobalsArePostgres() {
        assertSameText(dumpall(false, "-g"), dumpall(true, "-g"));
    }

    @Test
    @Timeout(300)
    void dumpallRestoresIntoAFreshCluster() {
        String all = dumpall(true);
        Path file = work.resolve("all.sql");
        try {
            Files.writeString(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TuskServer fresh = TuskServer.start()) {
            CommandResult r = Psql.run(Map.of(), TIMEOUT, "-h", fresh.host(), "-p", Integer.toString(fresh.port()),
                    "-U", "postgres", "-d", "postgres", "-q", "-f", file.toString());
            assertEquals(0, r.exitCode(), r::describe);
            // As on PostgreSQL, the only error is the superuser that initdb already made.
            List<String> errors = r.stderr().lines().filter(l -> l.contains("ERROR")).toList();
            assertEquals(1, errors.size(), r::describe);
            assertTrue(errors.getFirst().endsWith("ERROR:  role \"postgres\" already exists"), r::describe);
            CommandResult again = Commands.run(List.of(PostgresReference.BIN.resolve("pg_dumpall").toString(), "-h",
                    fresh.host(), "-p", Integer.toString(fresh.port()), "-U", "postgres", "--restrict-key=" + KEY),
                    Map.of("PGCONNECT_TIMEOUT", "10", "LC_ALL", "C.UTF-8"), TIMEOUT);
            assertEquals(0, again.exitCode(), again::describe);
            assertSameText(all, again.stdout());
        }
    }

    // ---- helpers

    /** pg_dumpall's output. */
    private String dumpall(boolean onTusk, String... options) {
        List<String> args = new ArrayList<>(List.of("--restrict-key=" + KEY));
        args.addAll(List.of(options));
        CommandResult r = tool(onTusk, "pg_dumpall", args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), () -> "pg_dumpall on " + (onTusk ? "Tusk" : "PostgreSQL") + "\n" + r.describe());
        return r.stdout();
    }

    /** Tusk's database src as a custom-format archive in the work directory. */
    private Path archive(String name) {
        Path archive = work.resolve(name);
        CommandResult d = tool(true, "pg_dump", "-Fc", "-f", archive.toString(), "src");
        assertEquals(0, d.exitCode(), d::describe);
        return archive;
    }

    /** pg_restore of an archive into Tusk with {@code options}, stopping at the first error, which must not come. */
    private void restoreArchive(Path archive, String... options) {
        List<String> args = new ArrayList<>(List.of("--exit-on-error"));
        args.addAll(List.of(options));
        args.add(archive.toString());
        CommandResult r = tool(true, "pg_restore", args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::describe);
    }

    /** pg_dump's plain output with the line naming the server's version removed. */
    private String dump(boolean onTusk, String database, String... options) {
        List<String> args = new ArrayList<>(List.of("--restrict-key=" + KEY));
        args.addAll(List.of(options));
        args.add(database);
        CommandResult r = tool(onTusk, "pg_dump", args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), () -> "pg_dump on " + (onTusk ? "Tusk" : "PostgreSQL") + "\n" + r.describe());
        assertTrue(r.stderr().isEmpty(), r::describe);
        return r.stdout().replaceAll("(?m)^-- Dumped from database version .*$", "-- Dumped from database version X");
    }

    private void restoreScript(boolean onTusk, String database, String script) {
        psqlOk(onTusk, "postgres", "-c", "CREATE DATABASE " + database);
        runScript(onTusk, database, script);
    }

    /** Runs a dump script in an existing database, stopping at the first error. */
    private void runScript(boolean onTusk, String database, String script) {
        Path file = work.resolve(database + (onTusk ? "-tusk" : "-pg") + script.hashCode() + ".sql");
        try {
            Files.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        psqlOk(onTusk, database, "-v", "ON_ERROR_STOP=1", "-q", "-f", file.toString());
    }

    private static void assertSameText(String expected, String actual) {
        assertEquals(expected, actual, () -> TextDiff.unified(expected, actual, 3));
    }

    private CommandResult tool(boolean onTusk, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(PostgresReference.BIN.resolve(name).toString(), "-h",
                onTusk ? tusk.host() : postgres.host(), "-p", Integer.toString(onTusk ? tusk.port() : postgres.port()),
                "-U", "postgres"));
        command.addAll(List.of(args));
        return Commands.run(command, Map.of("PGCONNECT_TIMEOUT", "10", "LC_ALL", "C.UTF-8"), TIMEOUT);
    }

    private void psqlOk(boolean onTusk, String database, String... args) {
        List<String> all = new ArrayList<>(List.of("-h", onTusk ? tusk.host() : postgres.host(), "-p",
                Integer.toString(onTusk ? tusk.port() : postgres.port()), "-U", "postgres", "-d", database));
        all.addAll(List.of(args));
        CommandResult r = Psql.run(Map.of(), TIMEOUT, all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), () -> "psql " + String.join(" ", args) + " on "
                + (onTusk ? "Tusk" : "PostgreSQL") + "\n" + r.describe());
        assertTrue(!r.stderr().contains("ERROR"), r::describe);
    }
}
