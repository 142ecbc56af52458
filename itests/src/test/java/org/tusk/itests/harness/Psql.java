package org.tusk.itests.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code psql} 15 as a black-box client. Always run with {@code -X} (no psqlrc), stdin from /dev/null,
 * an environment free of inherited PG* variables, {@code LC_ALL=C.UTF-8} (so output does not depend on the
 * machine's locale), and a time limit.
 *
 * <pre>{@code
 * CommandResult r = Psql.to(port).command("select 1");   // psql -X -h 127.0.0.1 -p PORT -U postgres -d postgres -c 'select 1'
 * CommandResult r = Psql.run(Map.of("PGPORT", "5432"), "-c", "select 1");
 * }</pre>
 */
public final class Psql {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> PG_ENV = List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE",
            "PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGAPPNAME", "PGSSLMODE",
            "PGCLIENTENCODING", "PGCONNECT_TIMEOUT", "PGTZ", "PGDATESTYLE", "PSQLRC", "PSQL_PAGER", "PAGER",
            "PGTARGETSESSIONATTRS", "PGGSSENCMODE", "PGREQUIRESSL");

    private final String host;
    private final int port;
    private final String user;
    private final String database;

    private Psql(String host, int port, String user, String database) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
    }

    /** psql for 127.0.0.1:{@code port}, user {@code postgres}, database {@code postgres}. */
    public static Psql to(int port) {
        return new Psql("127.0.0.1", port, "postgres", "postgres");
    }

    public static Psql to(String host, int port, String user, String database) {
        return new Psql(host, port, user, database);
    }

    /** {@code psql -X -h HOST -p PORT -U USER -d DB -c SQL}. */
    public CommandResult command(String sql) {
        return run(Map.of(), "-h", host, "-p", Integer.toString(port), "-U", user, "-d", database, "-c", sql);
    }

    /** {@code psql -X -h HOST -p PORT -U USER -d DB -c SQL}, failing unless psql exits with 0. */
    public CommandResult commandOk(String sql) {
        CommandResult r = command(sql);
        if (r.exitCode() != 0) {
            throw new AssertionError("psql -c \"" + sql + "\" against " + host + ":" + port + " failed\n" + r.describe());
        }
        return r;
    }

    /**
     * A script as PostgreSQL's pg_regress runs it: {@code psql -X -a -q -h HOST -p PORT -U USER -d DB < FILE 2>&1}.
     * {@code -a} echoes every input line, {@code -q} drops the command tags, errors do not stop the script, and
     * because the script comes from stdin (not {@code -f}) error lines carry no {@code psql:FILE:LINE:} prefix.
     */
    public CommandResult script(Path file) {
        return runScript(file, "-a", "-q", "-h", host, "-p", Integer.toString(port), "-U", user, "-d", database);
    }

    private static CommandResult runScript(Path file, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.add("-X");
        cmd.addAll(List.of(args));
        return Commands.run(cmd, environment(Map.of()), file.toFile(), true, DEFAULT_TIMEOUT);
    }

    /** {@code psql -X ARGS...} with the given PG* environment (PGHOST, PGPORT, PGUSER, PGDATABASE, ...). */
    public static CommandResult run(Map<String, String> env, String... args) {
        return run(env, DEFAULT_TIMEOUT, args);
    }

    public static CommandResult run(Map<String, String> env, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary().toString());
        cmd.add("-X");
        cmd.addAll(List.of(args));
        return Commands.run(cmd, environment(env), timeout);
    }

    /** No inherited PG* variable, a fixed locale, then {@code env}. */
    private static Map<String, String> environment(Map<String, String> env) {
        Map<String, String> environment = new HashMap<>();
        PG_ENV.forEach(k -> environment.put(k, null));
        environment.put("LC_ALL", "C.UTF-8");
        environment.put("LANG", "C.UTF-8");
        environment.put("LANGUAGE", null);
        environment.putAll(env);
        return environment;
    }

    /** The psql 15 binary: the versioned one if present (no pg_wrapper in between), else /usr/bin/psql. */
    public static Path binary() {
        for (String candidate : List.of("/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("psql is not installed (Debian: apt-get install postgresql-client-15)");
    }
}
