package org.tusk.psql;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.client.ClientEnvironment;
import org.tusk.client.Connection;
import org.tusk.client.PgException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tusk psql}: psql's command line on Tusk's client library. {@link #main} runs it on the process's
 * streams and exits with psql's codes (0 ok, 1 fatal error in psql, 2 connection failure, 3 error in a
 * script under ON_ERROR_STOP); {@link #run} does the same on given streams for embedding and tests.
 */
@Command(name = "psql", mixinStandardHelpOptions = false, sortOptions = false,
        description = "psql is the PostgreSQL interactive terminal (Tusk).")
public final class Psql {

    /** Exit codes as psql's. */
    public static final int EXIT_SUCCESS = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BADCONN = 2;
    public static final int EXIT_USER = 3;

    private record Action(boolean file, String value) {
    }

    private final List<Action> actions = new ArrayList<>();
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final List<String> psets = new ArrayList<>();

    @Option(names = {"-h", "--host"}, paramLabel = "HOSTNAME")
    String host;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT")
    String port;
    @Option(names = {"-U", "--username"}, paramLabel = "USERNAME")
    String user;
    @Option(names = {"-d", "--dbname"}, paramLabel = "DBNAME")
    String dbname;
    @Option(names = {"-w", "--no-password"})
    boolean noPassword;
    @Option(names = {"-W", "--password"})
    boolean forcePassword;
    @Option(names = {"-X", "--no-psqlrc"})
    boolean noPsqlrc;
    @Option(names = {"-A", "--no-align"})
    boolean noAlign;
    @Option(names = {"-t", "--tuples-only"})
    boolean tuplesOnly;
    @Option(names = {"-q", "--quiet"})
    boolean quiet;
    @Option(names = {"-x", "--expanded"})
    boolean expanded;
    @Option(names = "--csv")
    boolean csv;
    @Option(names = {"-1", "--single-transaction"})
    boolean singleTransaction;
    @Option(names = {"-o", "--output"}, paramLabel = "FILENAME")
    String output;
    @Option(names = {"-F", "--field-separator"}, paramLabel = "STRING")
    String fieldSeparator;
    @Option(names = {"-R", "--record-separator"}, paramLabel = "STRING")
    String recordSeparator;
    @Option(names = {"-V", "--version"})
    boolean version;
    @Option(names = "-?")
    boolean help;
    /** {@code --help[=options|commands|variables]}: psql's optional argument, "options" when left out. */
    @Option(names = "--help", arity = "0..1", fallbackValue = "options")
    String helpTopic;
    @Option(names = {"-a", "--echo-all"})
    boolean echoAll;
    @Option(names = {"-e", "--echo-queries"})
    boolean echoQueries;
    @Option(names = {"-b", "--echo-errors"})
    boolean echoErrors;
    @Option(names = {"-E", "--echo-hidden"})
    boolean echoHidden;
    @Option(names = {"-l", "--list"})
    boolean list;
    @Option(names = {"-n", "--no-readline"})
    boolean noReadline;
    @Parameters(paramLabel = "DBNAME [USERNAME]")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND")
    void command(String c) {
        actions.add(new Action(false, c));
    }

    @Option(names = {"-f", "--file"}, paramLabel = "FILENAME")
    void file(String f) {
        actions.add(new Action(true, f));
    }

    @Option(names = {"-v", "--set", "--variable"}, paramLabel = "NAME=VALUE")
    void variable(String nv) {
        int eq = nv.indexOf('=');
        if (eq < 0) {
            vars.put(nv, "");
        } else {
            vars.put(nv.substring(0, eq), nv.substring(eq + 1));
        }
    }

    @Option(names = {"-P", "--pset"}, paramLabel = "VAR[=ARG]")
    void pset(String p) {
        psets.add(p);
    }

    private Psql() {
    }

    public static void main(String[] args) {
        boolean tty = System.console() != null && System.console().isTerminal();
        int rc = run(args, System.in, System.out, System.err, ClientEnvironment.system(), tty);
        System.exit(rc);
    }

    /**
     * Runs psql with the given arguments and streams.
     *
     * @param interactive whether stdin and stdout are a terminal (then, without -c/-f, the line editor runs)
     * @return psql's exit code
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, ClientEnvironment env,
            boolean interactive) {
        Psql p = new Psql();
        CommandLine cl = new CommandLine(p);
        cl.setPosixClusteredShortOptionsAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(false);
        cl.setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.print("psql: error: " + e.getMessage() + "\npsql: hint: Try \"psql --help\" for more information.\n");
            err.flush();
            return EXIT_FAILURE;
        }
        if (p.help || p.helpTopic != null) {
            String topic = p.help ? "options" : p.helpTopic;
            String text = switch (topic) {
                case "options" -> Help.options(env);
                case "commands" -> Help.commands(new PrintOptions(), false, null);
                case "variables" -> Help.variables();
                default -> null;
            };
            if (text == null) {
                err.print("psql: hint: Try \"psql --help\" for more information.\n");
                err.flush();
                return EXIT_FAILURE;
            }
            out.print(text);
            out.flush();
            return EXIT_SUCCESS;
        }
        if (p.version) {
            out.print("psql (Tusk) 15\n");
            out.flush();
            return EXIT_SUCCESS;
        }
        return p.execute(in, out, err, env, interactive);
    }

    private int execute(InputStream in, PrintStream out, PrintStream err, ClientEnvironment env, boolean interactive) {
        PrintOptions print = new PrintOptions();
        if (noAlign) {
            print.format = PrintOptions.Format.UNALIGNED;
        }
        if (csv) {
            print.format = PrintOptions.Format.CSV;
        }
        print.tuplesOnly = tuplesOnly;
        print.expanded = expanded ? PrintOptions.Expanded.ON : PrintOptions.Expanded.OFF;
        if (fieldSeparator != null) {
            print.fieldSep = fieldSeparator;
        }
        if (recordSeparator != null) {
            print.recordSep = recordSeparator;
        }

        Map<String, String> params = new LinkedHashMap<>();
        putIfSet(params, "host", host);
        putIfSet(params, "port", port);
        putIfSet(params, "user", user);
        // psql's parse_psql_options: the first free argument is the database, the second the user, unless
        // given as options; anything else is ignored with a warning.
        String db = dbname;
        String userName = user;
        for (String arg : positional) {
            if (db == null) {
                db = arg;
            } else if (userName == null) {
                userName = arg;
                params.put("user", arg);
            } else {
                err.print("psql: warning: extra command-line argument \"" + arg + "\" ignored\n");
            }
        }
        Connector.Connected connected;
        try {
            if (forcePassword) {
                params.put("password", Passwords.prompt(user(params, env), in, err));
            }
            try {
                connected = Connector.connect(Connector.parameters(params, db), env);
            } catch (PgException e) {
                // As psql: when the server wants a password and none was given, ask for it (unless -w).
                if (noPassword || forcePassword || !e.getMessage().contains("no password supplied")
                        || !Passwords.canPrompt()) {
                    throw e;
                }
                params.put("password", Passwords.prompt(user(params, env), in, err));
                connected = Connector.connect(Connector.parameters(params, db), env);
            }
        } catch (PgException e) {
            String m = e.getMessage();
            err.print("psql: error: " + m + (m.endsWith("\n") ? "" : "\n"));
            err.flush();
            return EXIT_BADCONN;
        }
        Connection conn = connected.connection();

        PrintStream queryOut = out;
        if (output != null) {
            try {
                queryOut = Outputs.open(output, pb -> { });
            } catch (IOException e) {
                err.print("psql: error: " + output + ": " + e.getMessage() + "\n");
                conn.close();
                return EXIT_FAILURE;
            }
        }
        Session s = new Session(connected, env, print, out, err, queryOut);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        s.currentInput = stdin;
        s.stdinReader = stdin;
        s.terminal = interactive;
        try {
            s.quiet = quiet;
            DefaultVariables.install(s.variables, conn, connected.user(), connected.db());
            s.variables.putAll(vars);
            if (quiet) {
                s.variables.put("QUIET", "on");
            }
            if (echoAll) {
                s.variables.put("ECHO", "all");
            } else if (echoQueries) {
                s.variables.put("ECHO", "queries");
            } else if (echoErrors) {
                s.variables.put("ECHO", "errors");
            }
            if (echoHidden) {
                s.variables.put("ECHO_HIDDEN", "on");
            }
            for (String ps : psets) {
                int eq = ps.indexOf('=');
                List<String> a = eq < 0 ? List.of(ps) : List.of(ps.substring(0, eq), ps.substring(eq + 1));
                boolean q = s.quiet;
                s.quiet = true;
                Session.MetaResult r = s.pset(a);
                s.quiet = q;
                if (r != Session.MetaResult.OK) {
                    return EXIT_FAILURE;
                }
            }
            if (list) {
                // psql -l: the list of databases, then exit
                return new Describe(s).listDatabases(null, false) ? EXIT_SUCCESS : EXIT_FAILURE;
            }
            if (!noPsqlrc) {
                runPsqlrc(s, env);
            }
            if (actions.isEmpty()) {
                if (interactive) {
                    return new Interactive(s, out, env).run();
                }
                int rc = s.runScript(stdin, "<stdin>", false);
                return rc == -1 ? EXIT_SUCCESS : rc;
            }
            return runActions(s, stdin, err);
        } catch (IOException e) {
            err.print("psql: error: " + e.getMessage() + "\n");
            return EXIT_FAILURE;
        } finally {
            s.closeOutput();
            s.connection.close();
        }
    }

    /**
     * psql's process_psqlrc: the system file (Debian's /etc/postgresql-common/psqlrc), then PSQLRC or
     * ~/.psqlrc, each when it exists.
     */
    private static void runPsqlrc(Session s, ClientEnvironment env) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("/etc/postgresql-common/psqlrc"));
        String rc = env.getenv("PSQLRC");
        files.add(rc != null ? Path.of(rc) : env.homeDirectory().resolve(".psqlrc"));
        for (Path f : files) {
            if (Files.isReadable(f)) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    s.runScript(r, f.toString());
                }
            }
        }
    }

    private int runActions(Session s, BufferedReader stdin, PrintStream err) throws IOException {
        int result = EXIT_SUCCESS;
        if (singleTransaction && !s.sendQuiet("BEGIN")) {
            return EXIT_FAILURE;
        }
        // psql's messages carry the "psql: error: " prefix until the first -c action switches its logging to
        // terse (PG_LOG_FLAG_TERSE), so a missing -f file is reported with or without it.
        boolean terse = false;
        for (Action a : actions) {
            if (!a.file()) {
                terse = true;
            }
            if (a.file()) {
                try {
                    int rc;
                    if (a.value().equals("-")) {
                        rc = s.runScript(stdin, "<stdin>");
                    } else {
                        try (BufferedReader r = Files.newBufferedReader(Path.of(a.value()), StandardCharsets.UTF_8)) {
                            rc = s.runScript(r, a.value());
                        }
                    }
                    // \q ends only this file: psql goes on with the next -c or -f.
                    result = rc == -1 ? EXIT_SUCCESS : rc;
                } catch (NoSuchFileException | FileNotFoundException e) {
                    err.print((terse ? "" : "psql: error: ") + a.value() + ": No such file or directory\n");
                    result = EXIT_FAILURE;
                }
            } else if (a.value().startsWith("\\")) {
                Session.MetaResult r = s.metaStandalone(a.value().substring(1));
                // As in psql 15, \q given with -c does not stop the following actions.
                result = r == Session.MetaResult.ERROR ? EXIT_FAILURE : EXIT_SUCCESS;
            } else {
                if ("all".equals(s.variables.get("ECHO"))) {
                    s.echo(a.value());
                }
                result = s.sendQuery(a.value()) ? EXIT_SUCCESS : EXIT_FAILURE;
            }
            if (s.connectionLost) {
                return EXIT_BADCONN;
            }
            if (result != EXIT_SUCCESS && s.onErrorStop()) {
                break;
            }
        }
        if (singleTransaction) {
            // psql 15 rolls back only when a step failed under ON_ERROR_STOP; otherwise it commits.
            s.sendQuiet(result == EXIT_SUCCESS || !s.onErrorStop() ? "COMMIT" : "ROLLBACK");
        }
        return result;
    }

    private static String user(Map<String, String> params, ClientEnvironment env) {
        return Connector.firstNonEmpty(params.get("user"), env.getenv("PGUSER"), env.osUserName());
    }

    private static void putIfSet(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
