package org.tusk.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tusk.itests.harness.CommandResult;
import org.tusk.itests.harness.PostgresReference;
import org.tusk.itests.harness.Psql;
import org.tusk.itests.harness.TextDiff;
import org.tusk.itests.harness.TuskDistribution;
import org.tusk.itests.harness.TuskServer;
import org.tusk.itests.harness.Unix;

/**
 * {@code tusk psql} against Debian's psql 15, side by side: the same script or arguments, the same server,
 * the same working directory, and stdout, stderr and exit code must be byte-identical. The scripts under
 * {@code psql-frontend/} cover the output formats, errors, variables, the \d family and \copy; each run
 * gets a freshly created database so that both clients see the same state. A subset runs against Tusk
 * itself (psql-against-Tusk being the reference there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PsqlFrontendIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DB = "frontend";

    private PostgresReference postgres;
    private TuskServer tusk;
    private Path work;

    @BeforeAll
    void start() throws IOException {
        postgres = PostgresReference.start();
        tusk = TuskServer.start();
        recreateDatabase();
        work = Unix.createPublicTempDirectory("tusk-itests-psql-");
        Files.createDirectories(work.resolve("sub"));
        for (String script : List.of("formats.sql", "errors.sql", "variables.sql", "describe.sql", "copy.sql",
                "session.sql", "echo.sql", "conditionals.sql", "widths.sql", "autocommit.sql", "verbosity.sql", "on_error_rollback.sql", "errverbose.sql", "help.sql", "metacommands.sql", "querycommands.sql", "outputs.sql", "prompt.sql", "edit.sql", "ed.sh", "catalog-lists.sql", "password.sql", "pager.sh", "largeobjects.sql", "sub/inc.sql", "sub/inc2.sql", "tusk.sql")) {
            try (InputStream in = PsqlFrontendIT.class.getResourceAsStream("/psql-frontend/" + script)) {
                Files.copy(in, work.resolve(script));
            }
        }
    }

    @AfterAll
    void stop() {
        if (tusk != null) {
            tusk.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (work != null) {
            Unix.deleteRecursively(work);
        }
    }

    static Stream<String> scripts() {
        return Stream.of("formats.sql", "errors.sql", "variables.sql", "describe.sql", "copy.sql", "session.sql",
                "conditionals.sql", "widths.sql", "autocommit.sql", "verbosity.sql", "on_error_rollback.sql",
                "errverbose.sql", "help.sql", "metacommands.sql", "querycommands.sql", "outputs.sql", "edit.sql", "catalog-lists.sql");
    }

    @ParameterizedTest(name = "-f {0}")
    @MethodSource("scripts")
    void scriptFromFile(String script) {
        compareOnPostgres(true, null, "-f", script);
    }

    @ParameterizedTest(name = "stdin {0}")
    @MethodSource("scripts")
    void scriptFromStdin(String script) {
        compareOnPostgres(true, work.resolve(script));
    }

    /** Options, -c sequences, exit codes: each case is one argument list. */
    static Stream<List<String>> optionCases() {
        return Stream.of(
                List.of("-c", "select 1 as a", "-c", "select 2 as b"),
                List.of("-A", "-t", "-c", "select 1, 2"),
                List.of("-A", "-F", ";", "-R", "#", "-c", "select 1 a, 2 b union all select 3, 4"),
                List.of("--csv", "-c", "select 1 a, null b, 'x,y' c"),
                List.of("-x", "-c", "select 1 a, 2 b"),
                List.of("-P", "null=N", "-P", "border=2", "-c", "select null a"),
                List.of("-v", "x=5", "-c", "select :x"),
                List.of("-1", "-c", "create temp table z(a int)", "-c", "select 1/0", "-c", "select 2"),
                List.of("-v", "ON_ERROR_STOP=1", "-c", "select 1/0", "-c", "select 2"),
                List.of("-v", "ON_ERROR_STOP=1", "-f", "errors.sql"),
                List.of("-c", "select 1/0"),
                List.of("-c", "\\echo hi", "-c", "select 3"),
                List.of("-q", "-c", "set search_path=public", "-c", "begin", "-c", "commit"),
                List.of("-c", "set search_path=public", "-c", "begin", "-c", "commit"),
                List.of("-c", "select 1; select 2"),
                List.of("-c", "\\x", "-c", "select 1 a"),
                List.of("-c", "\\q", "-c", "select 1"),
                List.of("-c", "\\nosuch"),
                List.of("-c", "select 1", "-f", "no-such-file.sql"),
                List.of("-f", "no-such-file.sql", "-c", "select 1"),
                List.of("-X", "-x", "-A", "-c", "select 1 a, 2 b"),
                List.of("-o", "out.txt", "-c", "select 5"),
                List.of("-c", "\\conninfo"),
                List.of("-t", "-c", "select 'tuples only'"),
                List.of("-c", "select 1", DB, "postgres", "extra"),
                List.of("-w", "-c", "select 1"),
                List.of("-d", "nosuchdb", "-c", "select 1"),
                List.of("-p", "1", "-c", "select 1"),
                List.of("-d", "dbname=" + DB + " user=postgres", "-c", "select current_user"),
                List.of("-a", "-f", "echo.sql"),
                List.of("-e", "-f", "echo.sql"),
                List.of("-b", "-f", "echo.sql"),
                List.of("-a", "-c", "select 1"),
                List.of("-E", "-c", "\\dn"),
                List.of("-l"),
                List.of("--help"),
                List.of("--help=commands"),
                List.of("--help=variables"),
                List.of("--help=nosuch"),
                List.of("-c", "\\?", "-c", "\\h delete"),
                List.of("-v", "ON_ERROR_STOP=1", "-c", "\\if maybe", "-c", "\\echo x"),
                List.of("-c", "copy (select 1 a, 'x,y' b) to stdout (format csv, header)"),
                List.of("-c", "\\copy (select 1 a) to pstdout"),
                List.of("-c", "copy (select 1) to stdout; select 2 as two"),
                List.of("-c", "create temp table y(a int)", "-c", "copy y from stdin", "-c", "select count(*) from y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionCases")
    void options(List<String> args) {
        compareOnPostgres(false, null, args.toArray(String[]::new));
    }

    /**
     * COPY data on standard input with -c: {@code COPY FROM STDIN} reads it up to {@code \\.}, then
     * {@code \\copy ... from pstdin} the rest; a bad row gives the server's COPY error.
     */
    @Test
    void copyDataFromStandardInput() throws IOException {
        Path data = work.resolve("copy-stdin.txt");
        Files.writeString(data, "1\tone\n2\ttwo\n\\.\n3\tthree\nx\tfour\n");
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.addAll(List.of("-c", "create temp table y(a int, b text)", "-c", "copy y from stdin",
                "-c", "\\copy y from pstdin", "-c", "\\copy y to stdout"));
        compare("COPY from standard input", run(psqlCommand(args), data), run(tuskCommand(args), data));
    }

    /**
     * {@code \\prompt} in a script file: psql 15 prints the text on stdout and reads the value from its
     * standard input, up to its end (then "could not read value for variable").
     */
    @Test
    void promptReadsStandardInput() throws IOException {
        Path data = work.resolve("prompt-stdin.txt");
        Files.writeString(data, "line1\nline2\nline3\n");
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.addAll(List.of("-f", "prompt.sql"));
        compare("prompt.sql", run(psqlCommand(args), data), run(tuskCommand(args), data));
    }

    /**
     * {@code \\password} without a terminal: both prompts on stderr, the passwords from standard input;
     * the role ends up with a SCRAM-SHA-256 verifier (its prefix is shown), an empty one clears it.
     */
    @Test
    void passwordPromptsTwiceAndSendsAVerifier() throws IOException {
        Path data = work.resolve("password-stdin.txt");
        Files.writeString(data, "abc\nabc\nabc\nxyz\nq\nq\n");
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.addAll(List.of("-f", "password.sql"));
        compare("password.sql", run(psqlCommand(args), data), run(tuskCommand(args), data));
    }

    /**
     * The pager on a pseudo-terminal: script(1) gives both clients a 10x40 terminal and PAGER marks the
     * lines it gets, so the output shows which tables went through the pager (long, wide, always, off,
     * pager_min_lines, -P pager=off, PSQL_PAGER before PAGER, a blank PAGER).
     */
    @Test
    void pagerOnATerminal() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1)");
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        CommandResult expected = run(underScript(psqlCommand(args)), null);
        CommandResult actual = run(underScript(tuskCommand(args)), null);
        assertTrue(expected.stdout().contains("PAGER: "), expected.describe());
        compare("pager.sh", withoutCarriageReturns(expected), withoutCarriageReturns(actual));
    }

    private static List<String> underScript(List<String> client) {
        StringBuilder command = new StringBuilder("sh pager.sh");
        for (String a : client) {
            command.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        return List.of("/usr/bin/script", "-qc", command.toString(), "/dev/null");
    }

    private static CommandResult withoutCarriageReturns(CommandResult r) {
        return new CommandResult(r.exitCode(), r.stdout().replace("\r", ""), r.stderr().replace("\r", ""));
    }

    /**
     * Large objects (PostgreSQL only: Tusk has none): \\lo_import with and without a comment (LASTOID),
     * \\lo_list[+], \\lo_export, \\lo_unlink, errors, inside and outside a transaction, with the
     * BEGIN/COMMIT/ROLLBACK psql sends shown by -E. The objects' OIDs differ between the two runs and are
     * masked.
     */
    @Test
    void largeObjects() throws IOException {
        Files.writeString(work.resolve("lo.txt"), "hello large object\n");
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.addAll(List.of("-E", "-f", "largeobjects.sql"));
        recreateDatabase();
        CommandResult expected = withoutOids(run(psqlCommand(args), null));
        recreateDatabase();
        CommandResult actual = withoutOids(run(tuskCommand(args), null));
        assertTrue(expected.stdout().contains("lo_import OID"), expected.describe());
        compare("largeobjects.sql", expected, actual);
    }

    private static CommandResult withoutOids(CommandResult r) {
        return new CommandResult(r.exitCode(), r.stdout().replaceAll("\\b[1-9][0-9]{4,9}\\b", "OID"),
                r.stderr().replaceAll("\\b[1-9][0-9]{4,9}\\b", "OID"));
    }

    /**
     * The server now sees COPY, not the SELECT and INSERTs of the former emulation: with log_statement=all
     * the statements both clients send for \\copy are logged, and must be the same.
     */
    @Test
    void theServerSeesTheSameCopyStatements() throws IOException {
        Files.writeString(work.resolve("copy-log.sql"), """
                set log_statement = 'all';
                create temp table lg(a int, b text);
                \\copy lg from stdin
                1	one
                \\.
                \\copy lg (a, b) to stdout with (format csv, header)
                \\copy (select a from lg) to 'copy-log.txt'
                \\copy binary lg to stdout
                """);
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.addAll(List.of("-f", "copy-log.sql"));
        String last = "statement: COPY binary lg TO STDOUT";
        int mark = postgres.log().mark();
        CommandResult expected = run(psqlCommand(args), null);
        postgres.log().await(mark, last, TIMEOUT);
        List<String> psqlSent = loggedStatements(postgres.log().linesSince(mark));
        mark = postgres.log().mark();
        CommandResult actual = run(tuskCommand(args), null);
        postgres.log().await(mark, last, TIMEOUT);
        List<String> tuskSent = loggedStatements(postgres.log().linesSince(mark));
        compare("copy-log.sql", expected, actual);
        assertTrue(psqlSent.containsAll(List.of("COPY  lg FROM STDIN ",
                "COPY  lg ( a, b ) TO STDOUT with (format csv, header)", "COPY  ( select a from lg ) TO STDOUT ",
                "COPY binary lg TO STDOUT ")), psqlSent.toString());
        assertEquals(psqlSent, tuskSent);
    }

    private static List<String> loggedStatements(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int i = line.indexOf("LOG:  statement: ");
            if (i >= 0) {
                out.add(line.substring(i + "LOG:  statement: ".length()));
            }
        }
        return out;
    }

    /**
     * A second connection terminates the first (pg_terminate_backend, waiting for the backend to exit):
     * the next statement gets the server's FATAL, libpq's "server closed the connection" lines and
     * "connection to server was lost", exit code 2, in a file script and on stdin.
     */
    @Test
    void aTerminatedConnectionReportsTheServersFatalError() throws IOException {
        Path script = work.resolve("terminate.sql");
        Files.writeString(script, "select 1 as before;\n"
                + "\\! " + Psql.binary() + " -X -q -h 127.0.0.1 -p " + postgres.port()
                + " -U postgres -d 'dbname=" + DB + " application_name=killer' -o /dev/null"
                + " -c \"select pg_terminate_backend(pid, 10000) from pg_stat_activity where application_name = 'victim'\"\n"
                + "select 2 as after;\n"
                + "select 3;\n");
        Map<String, String> env = Map.of("PGAPPNAME", "victim");
        for (boolean file : List.of(true, false)) {
            List<String> args = connection("127.0.0.1", postgres.port(), DB);
            if (file) {
                args.addAll(List.of("-f", "terminate.sql"));
            }
            Path stdin = file ? null : script;
            CommandResult expected = run(psqlCommand(args), stdin, env);
            CommandResult actual = run(tuskCommand(args), stdin, env);
            assertTrue(expected.stderr().contains("FATAL:  terminating connection due to administrator command"),
                    expected.stderr());
            compare("terminate.sql" + (file ? " (-f)" : " (stdin)"), expected, actual);
        }
    }

    /** Tusk's own SQL engine behind both clients: psql-against-Tusk is the reference. */
    @Test
    void againstTusk() {
        for (boolean file : new boolean[] {true, false}) {
            List<String> args = connection("127.0.0.1", tusk.port(), "postgres");
            if (file) {
                args.addAll(List.of("-f", "tusk.sql"));
            }
            Path stdin = file ? null : work.resolve("tusk.sql");
            compare("tusk.sql against Tusk" + (file ? " (-f)" : " (stdin)"), run(psqlCommand(args), stdin),
                    run(tuskCommand(args), stdin));
        }
    }

    /** Without -X both read the system psqlrc and then PSQLRC (here a file setting a variable and \\pset). */
    @Test
    void psqlrcIsRead() throws IOException {
        Files.writeString(work.resolve("rc.psql"), "\\set from_rc 'yes'\n\\pset null '(rc)'\n");
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.remove("-X");
        args.addAll(List.of("-c", "\\echo :from_rc", "-c", "select null as n"));
        Map<String, String> env = Map.of("PSQLRC", work.resolve("rc.psql").toString());
        compare("psqlrc", run(psqlCommand(args), null, env), run(tuskCommand(args), null, env));
    }

    /** Without a terminal, tusk psql reads statements from standard input and needs no line editor. */
    @Test
    void nonInteractiveStdinNeedsNoTerminal() throws IOException {
        Path in = work.resolve("stdin-only.sql");
        Files.writeString(in, "select 1 as\n  one;\n\\echo bye\n");
        CommandResult r = run(tuskCommand(connection("127.0.0.1", postgres.port(), "postgres")), in);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(" one \n-----\n   1\n(1 row)\n\nbye\n", r.stdout());
        assertTrue(r.stderr().isEmpty(), r.describe());
    }

    /** @param fresh whether each client gets a new database (for scripts that create objects) */
    private void compareOnPostgres(boolean fresh, Path stdin, String... extra) {
        List<String> args = connection("127.0.0.1", postgres.port(), DB);
        args.addAll(List.of(extra));
        String what = String.join(" ", extra) + (stdin != null ? " < " + stdin.getFileName() : "");
        if (fresh) {
            recreateDatabase();
        }
        CommandResult expected = run(psqlCommand(args), stdin);
        String expectedFile = readAndDelete("out.txt");
        if (fresh) {
            recreateDatabase();
        }
        CommandResult actual = run(tuskCommand(args), stdin);
        String actualFile = readAndDelete("out.txt");
        compare(what, expected, actual);
        assertEquals(expectedFile, actualFile, what + ": the -o file differs");
    }

    private void recreateDatabase() {
        Psql.to(postgres.port()).commandOk("drop database if exists " + DB);
        Psql.to(postgres.port()).commandOk("create database " + DB);
    }

    private String readAndDelete(String name) {
        Path p = work.resolve(name);
        try {
            if (!Files.exists(p)) {
                return null;
            }
            String s = Files.readString(p, StandardCharsets.UTF_8);
            Files.delete(p);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> connection(String host, int port, String db) {
        return new ArrayList<>(List.of("-X", "-h", host, "-p", Integer.toString(port), "-U", "postgres", "-d", db));
    }

    private static List<String> psqlCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Psql.binary().toString());
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> tuskCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(TuskDistribution.get().bin().toString());
        cmd.add("psql");
        cmd.addAll(args);
        return cmd;
    }

    /** The clock in \\timing and \\watch output: the only text that may differ between two runs. */
    private static final Pattern CLOCK = Pattern.compile(
            "(?m)^(Time: )[0-9.]+ ms.*$|^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]{4}( \\(every )");

    private static CommandResult withoutClock(CommandResult r) {
        return new CommandResult(r.exitCode(), CLOCK.matcher(r.stdout()).replaceAll("$1<clock>$2"), r.stderr());
    }

    private static void compare(String what, CommandResult expectedRun, CommandResult actualRun) {
        CommandResult expected = withoutClock(expectedRun);
        CommandResult actual = withoutClock(actualRun);
        if (expected.equals(actual)) {
            return;
        }
        StringBuilder msg = new StringBuilder(what + ": tusk psql differs from psql 15 (- psql, + tusk psql)\n");
        if (!expected.stdout().equals(actual.stdout())) {
            msg.append("stdout:\n").append(TextDiff.diff(expected.stdout(), actual.stdout()));
        }
        if (!expected.stderr().equals(actual.stderr())) {
            msg.append("stderr:\n").append(TextDiff.diff(expected.stderr(), actual.stderr()));
        }
        if (expected.exitCode() != actual.exitCode()) {
            msg.append("exit code: - ").append(expected.exitCode()).append(" + ").append(actual.exitCode()).append('\n');
        }
        fail(msg.toString());
    }

    /**
     * Runs a client in the work directory (relative file names in the scripts land there) with stdin from
     * {@code stdin} or /dev/null, a C.UTF-8 locale and no inherited PG* variables.
     */
    private CommandResult run(List<String> command, Path stdin) {
        return run(command, stdin, Map.of());
    }

    /**
     * A client's output as text: UTF-8, or byte for byte as ISO-8859-1 when it is not UTF-8 (binary COPY
     * data), so that equal strings still mean equal bytes.
     */
    private static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "(not UTF-8, shown as ISO-8859-1)\n" + new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private CommandResult run(List<String> command, Path stdin, Map<String, String> extraEnv) {
        Path out = work.resolve(".stdout");
        Path err = work.resolve(".stderr");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectInput(stdin != null ? stdin.toFile() : new File("/dev/null"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG") || k.equals("PSQLRC") || k.equals("PAGER")
                || k.equals("PSQL_PAGER") || k.equals("LANGUAGE") || k.equals("COLUMNS"));
        env.put("LC_ALL", "C.UTF-8");
        env.put("LANG", "C.UTF-8");
        env.put("PSQL_HISTORY", work.resolve(".history").toString());
        env.putAll(extraEnv);
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                Unix.terminateTree(p, Duration.ofSeconds(2));
                fail("did not finish within " + TIMEOUT + ": " + command);
            }
            return new CommandResult(p.exitValue(), text(out), text(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
