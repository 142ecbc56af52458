package org.tusk.psql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.client.Connection;
import org.tusk.client.CopyHandler;
import org.tusk.client.Notice;
import org.tusk.client.PgException;
import org.tusk.client.Result;
import org.tusk.client.ServerException;

/**
 * One psql session: a connection, the print options and variables, and the execution of statements and
 * meta-commands with psql's output and error reporting.
 */
final class Session {

    /** What processing a script or meta-command asks the caller to do. */
    enum Outcome { CONTINUE, QUIT }

    /** The current connection ({@code \\connect} replaces it). */
    Connection connection;
    private Connector.Connected connected;
    private final org.tusk.client.ClientEnvironment env;
    /** Whether input comes from a terminal (a failed \\connect then keeps the previous connection). */
    boolean interactive;
    final PrintOptions print;
    final Map<String, String> variables = new TreeMap<>();
    private final PrintStream stdout;
    private final PrintStream stderr;
    private PrintStream queryOut;
    boolean quiet;
    boolean timing;
    /** Columns of the terminal, for {@code \\h}'s list (psql uses 80 when stdout is not a terminal). */
    int screenWidth = 80;
    /** The script being read (file name as given, or {@code <stdin>}), for error prefixes; null otherwise. */
    String inputFile;
    long lineNo;
    private String currentQuery;
    /** The last query sent by the user, for \\watch and \\g without a query buffer. */
    private String previousQuery;
    /** Where {@code COPY ... FROM STDIN} reads: the script being run (psql's cur_cmd_source). */
    BufferedReader currentInput;
    /** psql's \\if states (conditional.h). */
    enum IfState { TRUE, FALSE, IGNORED, ELSE_TRUE, ELSE_FALSE }

    /** The \\if blocks open in the script being read (each script has its own, as in psql). */
    private java.util.ArrayDeque<IfState> conditions = new java.util.ArrayDeque<>();

    /** Whether input is currently executed (not in a false \\if branch). */
    boolean active() {
        IfState top = conditions.peek();
        return top == null || top == IfState.TRUE || top == IfState.ELSE_TRUE;
    }

    /** Variable lookup for the scanner: nothing is interpolated in a skipped branch. */
    String variable(String name) {
        return active() ? variables.get(name) : null;
    }

    /** Set when the connection broke: psql exits with 2. */
    boolean connectionLost;

    Session(Connector.Connected connected, org.tusk.client.ClientEnvironment env, PrintOptions print,
            PrintStream stdout, PrintStream stderr, PrintStream queryOut) {
        this.connected = connected;
        this.connection = connected.connection();
        this.env = env;
        this.print = print;
        this.stdout = stdout;
        this.stderr = stderr;
        this.queryOut = queryOut;
        connection.setNoticeListener(this::notice);
    }

    boolean onErrorStop() {
        return bool(variables.get("ON_ERROR_STOP"));
    }

    static boolean bool(String v) {
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return Boolean.TRUE.equals(Variables.parseBool(s));
    }

    private void notice(Notice n) {
        stderr.print(locus() + errorText(n.fields(), currentQuery, false));
        stderr.flush();
    }

    /** An error or notice as libpq formats it for the current VERBOSITY and SHOW_CONTEXT. */
    private String errorText(org.tusk.protocol.ErrorFields f, String sql, boolean error) {
        ErrorFormatter.Verbosity v = switch (variables.getOrDefault("VERBOSITY", "default").toLowerCase(Locale.ROOT)) {
            case "terse" -> ErrorFormatter.Verbosity.TERSE;
            case "verbose" -> ErrorFormatter.Verbosity.VERBOSE;
            case "sqlstate" -> ErrorFormatter.Verbosity.SQLSTATE;
            default -> ErrorFormatter.Verbosity.DEFAULT;
        };
        ErrorFormatter.ShowContext c = switch (variables.getOrDefault("SHOW_CONTEXT", "errors").toLowerCase(Locale.ROOT)) {
            case "never" -> ErrorFormatter.ShowContext.NEVER;
            case "always" -> ErrorFormatter.ShowContext.ALWAYS;
            default -> ErrorFormatter.ShowContext.ERRORS;
        };
        return ErrorFormatter.format(f, sql, error, v, c);
    }

    private String locus() {
        return inputFile == null ? "" : "psql:" + inputFile + ":" + lineNo + ": ";
    }

    /** Prints one of psql's own error messages (pg_log_error). */
    void error(String message) {
        stderr.print((inputFile == null ? "" : locus() + "error: ") + message + "\n");
        stderr.flush();
    }

    /** Sends one Query message and prints its results; false on error. */
    boolean sendQuery(String sql) {
        boolean savepoint = false;
        currentQuery = sql;
        previousQuery = sql;
        if ("queries".equals(variables.get("ECHO"))) {
            echo(sql);
        }
        long t0 = System.nanoTime();
        boolean ok;
        try {
            if ("off".equalsIgnoreCase(variables.get("AUTOCOMMIT"))
                    && connection.transactionStatus() == org.tusk.client.TransactionStatus.IDLE
                    && !Autocommit.noBegin(sql)) {
                // psql's AUTOCOMMIT off: an implicit BEGIN before the first statement of a transaction
                connection.query("BEGIN");
            }
            savepoint = onErrorRollback();
            if (savepoint) {
                connection.query("SAVEPOINT pg_psql_temporary_savepoint");
            }
            copiedToQueryOut = false;
            copyInStarted = false;
            List<Result> results = connection.query(sql, copyHandler);
            Result last = results.isEmpty() ? null : results.getLast();
            boolean suppressed = last != null && copiedToQueryOut && last.columns().isEmpty()
                    && last.commandTag().startsWith("COPY ");
            // psql drops the result of a COPY whose data went to the query output: ROW_COUNT is then 0
            setResultVariables(suppressed ? null : last, null);
            lastTag = last == null ? "" : last.commandTag();
            if (crosstab != null && last != null && !last.columns().isEmpty()) {
                // psql pivots a result with tuples only; other results print as usual
                Crosstab.Args ct = crosstab;
                crosstab = null;
                ok = printCrosstab(last, ct);
            } else {
                ok = printResults(results);
            }
        } catch (ServerException e) {
            queryOut.flush();
            stderr.print(locus() + errorText(e.fields(), sql, true));
            lastError = e.fields();
            lastErrorQuery = sql;
            if ("errors".equals(variables.get("ECHO"))) {
                stderr.print(locus() + "STATEMENT:  " + sql + "\n");
            }
            stderr.flush();
            ok = false;
            setResultVariables(null, e);
            lastTag = "";
            if (connection.isOpen()) {
                skipRefusedCopyData(sql);
            } else {
                // a FATAL error: the server has closed the connection after it, libpq says so too
                connectionClosed();
            }
        } catch (PgException e) {
            reportClientError(e);
            ok = false;
        }
        if (savepoint && connection.isOpen()) {
            releaseSavepoint();
        }
        if (timing) {
            write(stdout, timing((System.nanoTime() - t0) / 1e6));
        }
        return ok;
    }

    /** The last error of a user query and its query text, for \\errverbose. */
    private org.tusk.protocol.ErrorFields lastError;
    private String lastErrorQuery;

    /** The command tag of the last statement sent by sendQuery, for ON_ERROR_ROLLBACK. */
    private String lastTag = "";

    /**
     * psql's ON_ERROR_ROLLBACK: inside a transaction block, each statement is preceded by a savepoint
     * (always with "on", at a terminal only with "interactive").
     */
    private boolean onErrorRollback() {
        String v = variables.getOrDefault("ON_ERROR_ROLLBACK", "off").toLowerCase(Locale.ROOT);
        boolean wanted = v.equals("interactive") ? interactive : Boolean.TRUE.equals(Variables.parseBool(v));
        return wanted && connection.transactionStatus() == org.tusk.client.TransactionStatus.IN_TRANSACTION;
    }

    /** After the statement: roll back to the savepoint after an error, else release it (psql's rules). */
    private void releaseSavepoint() {
        String command = switch (connection.transactionStatus()) {
            case IN_ERROR -> "ROLLBACK TO pg_psql_temporary_savepoint";
            case IN_TRANSACTION -> lastTag.startsWith("COMMIT") || lastTag.startsWith("SAVEPOINT")
                    || lastTag.startsWith("RELEASE") || lastTag.startsWith("ROLLBACK") ? null
                    : "RELEASE pg_psql_temporary_savepoint";
            default -> null;
        };
        if (command != null) {
            try {
                connection.query(command);
            } catch (PgException e) {
                reportClientError(e);
            }
        }
    }

    /** psql's SetResultVariables: ERROR, SQLSTATE, ROW_COUNT and, after an error, LAST_ERROR_*. */
    private void setResultVariables(Result last, ServerException error) {
        if (error != null) {
            variables.put("ERROR", "true");
            String state = error.sqlState() == null ? "" : error.sqlState();
            variables.put("SQLSTATE", state);
            variables.put("ROW_COUNT", "0");
            variables.put("LAST_ERROR_MESSAGE", error.serverMessage() == null ? "" : error.serverMessage());
            variables.put("LAST_ERROR_SQLSTATE", state);
            return;
        }
        variables.put("ERROR", "false");
        variables.put("SQLSTATE", "00000");
        long rows = 0;
        if (last != null) {
            if (!last.columns().isEmpty()) {
                rows = last.rows().size();
            } else {
                String[] words = last.commandTag().split(" ");
                String n = words[words.length - 1];
                rows = n.matches("[0-9]+") ? Long.parseLong(n) : 0;
            }
        }
        variables.put("ROW_COUNT", Long.toString(rows));
    }

    /** Echoes input or a query to stdout (ECHO all / queries). */
    void echo(String text) {
        write(stdout, text + "\n");
    }

    /** psql's PrintTiming: milliseconds, and from one second on also as [[d ]hh:]mm:ss.sss. */
    static String timing(double ms) {
        if (ms < 1000.0) {
            return String.format(Locale.ROOT, "Time: %.3f ms\n", ms);
        }
        double seconds = ms / 1000.0;
        double minutes = Math.floor(seconds / 60.0);
        seconds -= 60.0 * minutes;
        if (minutes < 60.0) {
            return String.format(Locale.ROOT, "Time: %.3f ms (%02d:%06.3f)\n", ms, (int) minutes, seconds);
        }
        double hours = Math.floor(minutes / 60.0);
        minutes -= 60.0 * hours;
        if (hours < 24.0) {
            return String.format(Locale.ROOT, "Time: %.3f ms (%02d:%02d:%06.3f)\n", ms, (int) hours, (int) minutes,
                    seconds);
        }
        double days = Math.floor(hours / 24.0);
        hours -= 24.0 * days;
        return String.format(Locale.ROOT, "Time: %.3f ms (%.0f d %02d:%02d:%06.3f)\n", ms, days, (int) hours,
                (int) minutes, seconds);
    }

    /** Runs an internal query (psql's PSQLexec): errors are reported, results are not printed. */
    boolean sendQuiet(String sql) {
        currentQuery = sql;
        try {
            connection.query(sql);
            return true;
        } catch (ServerException e) {
            stderr.print(locus() + errorText(e.fields(), sql, true));
            stderr.flush();
            return false;
        } catch (PgException e) {
            reportClientError(e);
            return false;
        }
    }

    /**
     * Prints the results of one Query message, or with {@code \\gexec} runs each of their non-null cells
     * as a query of its own (psql's ExecQueryTuples: row by row, left to right, stopping on an error
     * under ON_ERROR_STOP). The result variables are then the last executed query's.
     */
    private boolean printResults(List<Result> results) {
        boolean gexec = gexecFlag;
        gexecFlag = false;
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        for (Result r : results) {
            if (copiedToQueryOut && r.columns().isEmpty() && r.commandTag().startsWith("COPY ")) {
                // psql leaves out the status of a COPY whose data went to the same place
                continue;
            }
            if (gexec && !r.columns().isEmpty()) {
                write(queryOut, out);
                out.setLength(0);
                ok &= execQueryTuples(r);
                String tag = r.commandTag();
                if (!quiet && (tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE")
                        || tag.startsWith("MERGE"))) {
                    commandStatus(tag, out);
                }
                continue;
            }
            printResult(r, out);
        }
        write(queryOut, out);
        return ok;
    }

    /** Set by {@code \\crosstabview} for the next query sent. */
    private Crosstab.Args crosstab;

    /** Prints a query's last result as {@code \\crosstabview} lays it out; false after one of its errors. */
    private boolean printCrosstab(Result last, Crosstab.Args args) {
        try {
            printTable(Crosstab.build(last, args, print.title, print.nullPrint,
                    print.nullPrintSet ? print.nullPrint : "(null)"));
            return true;
        } catch (Crosstab.Failure e) {
            error("\\crosstabview: " + e.getMessage());
            return false;
        }
    }

    /**
     * psql's DescribeQuery ({@code \\gdesc}): the query is prepared, not run, and its result columns are
     * shown by a query psql builds from their names, type OIDs and modifiers.
     */
    private boolean describeQuery(String sql) {
        currentQuery = sql;
        previousQuery = sql;
        if ("queries".equals(variables.get("ECHO"))) {
            echo(sql);
        }
        List<org.tusk.client.Column> columns;
        try (org.tusk.client.PreparedStatement ps = connection.prepare(sql)) {
            columns = ps.columns();
        } catch (ServerException e) {
            stderr.print(locus() + errorText(e.fields(), sql, true));
            stderr.flush();
            setResultVariables(null, e);
            if (!connection.isOpen()) {
                connectionClosed();
            }
            return false;
        } catch (PgException e) {
            reportClientError(e);
            return false;
        }
        if (columns == null || columns.isEmpty()) {
            write(queryOut, "The command has no result, or the result has no columns.\n");
            setResultVariables(null, null);
            return true;
        }
        StringBuilder q = new StringBuilder(
                "SELECT name AS \"Column\", pg_catalog.format_type(tp, tpm) AS \"Type\"\nFROM (VALUES ");
        for (int i = 0; i < columns.size(); i++) {
            org.tusk.client.Column c = columns.get(i);
            if (i > 0) {
                q.append(',');
            }
            q.append('(').append(Quoting.literal(c.name())).append(", '").append(Integer.toUnsignedString(c.typeOid()))
                    .append("'::pg_catalog.oid, ").append(c.typeModifier()).append(')');
        }
        q.append(") s(name, tp, tpm)");
        String describe = q.toString();
        currentQuery = describe;
        try {
            List<Result> results = connection.query(describe);
            Result last = results.isEmpty() ? null : results.getLast();
            StringBuilder out = new StringBuilder();
            if (last != null) {
                printResult(last, out);
            }
            write(queryOut, out);
            setResultVariables(last, null);
            return true;
        } catch (ServerException e) {
            stderr.print(locus() + errorText(e.fields(), describe, true));
            stderr.flush();
            setResultVariables(null, e);
            return false;
        } catch (PgException e) {
            reportClientError(e);
            return false;
        }
    }

    /** Set by {@code \\gexec} for the next query sent. */
    private boolean gexecFlag;

    /** psql's ExecQueryTuples: every non-null cell, in order, sent as a query (echoed with ECHO all). */
    private boolean execQueryTuples(Result r) {
        String outer = previousQuery;
        boolean ok = true;
        try {
            for (org.tusk.client.Row row : r.rows()) {
                for (int i = 0; i < r.columns().size(); i++) {
                    if (row.isNull(i)) {
                        continue;
                    }
                    String query = row.getString(i);
                    if ("all".equals(variables.get("ECHO"))) {
                        echo(query);
                    }
                    if (!sendQuery(query)) {
                        ok = false;
                        if (onErrorStop() || connectionLost) {
                            return false;
                        }
                    }
                }
            }
            return ok;
        } finally {
            previousQuery = outer;
        }
    }

    /** psql's PrintQueryStatus: the command tag, in a paragraph in html format. */
    private void commandStatus(String tag, StringBuilder out) {
        if (print.format == PrintOptions.Format.HTML) {
            out.append("<p>");
            HtmlPrinter.escaped(tag, out);
            out.append("</p>\n");
        } else {
            out.append(tag).append('\n');
        }
    }

    private void printResult(Result r, StringBuilder out) {
        String tag = r.commandTag();
        boolean tuples = !r.columns().isEmpty() || !r.rows().isEmpty();
        if (tuples) {
            paged(PrintTable.of(r, print.title, print.nullPrint), out);
            if (!quiet && (tag.startsWith("INSERT") || tag.startsWith("UPDATE") || tag.startsWith("DELETE")
                    || tag.startsWith("MERGE"))) {
                commandStatus(tag, out);
            }
        } else if (!tag.isEmpty() && !quiet) {
            commandStatus(tag, out);
        }
    }

    private static void write(PrintStream s, CharSequence text) {
        s.write(text.toString().getBytes(StandardCharsets.UTF_8), 0, text.toString().getBytes(StandardCharsets.UTF_8).length);
        s.flush();
    }

    /**
     * Runs a script line by line (psql's MainLoop for a non-interactive source).
     *
     * @return 0, or 3 when an error stopped it under ON_ERROR_STOP, or {@code -1} after {@code \q}
     */
    int runScript(BufferedReader in, String name) throws IOException {
        return runScript(in, name, true);
    }

    /** As {@link #runScript(BufferedReader, String)}; {@code located} false leaves messages without a file prefix. */
    int runScript(BufferedReader in, String name, boolean located) throws IOException {
        String savedFile = inputFile;
        long savedLine = lineNo;
        inputFile = located ? name : null;
        lineNo = 0;
        BufferedReader savedInput = currentInput;
        currentInput = in;
        java.util.ArrayDeque<IfState> savedConditions = conditions;
        conditions = new java.util.ArrayDeque<>();
        try {
            StatementScanner scanner = new StatementScanner(this::variable);
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if ("all".equals(variables.get("ECHO")) && !interactive) {
                    echo(line);
                }
                scanner.feed(line);
                StatementScanner.Event e;
                while ((e = scanner.next()) != null) {
                    boolean ok;
                    if (e instanceof StatementScanner.Statement s) {
                        ok = !active() || sendQuery(s.sql());
                    } else {
                        StatementScanner.MetaCommand m = (StatementScanner.MetaCommand) e;
                        MetaResult mr = meta(m.text(), scanner);
                        if (mr == MetaResult.QUIT) {
                            return -1;
                        }
                        ok = mr == MetaResult.OK;
                    }
                    if (connectionLost) {
                        return 2;
                    }
                    if (!ok && onErrorStop()) {
                        return 3;
                    }
                }
            }
            if (!conditions.isEmpty()) {
                error("reached EOF without finding closing \\endif(s)");
            }
            if (!scanner.isEmpty() && active()) {
                boolean ok = sendQuery(scanner.takePending());
                if (connectionLost) {
                    return 2;
                }
                if (!ok && onErrorStop()) {
                    return 3;
                }
            }
            return 0;
        } finally {
            inputFile = savedFile;
            lineNo = savedLine;
            currentInput = savedInput;
            conditions = savedConditions;
        }
    }

    /** Result of a meta-command. */
    enum MetaResult { OK, ERROR, QUIT }

    /** Runs one backslash command line (text after the backslash). */
    MetaResult meta(String text, StatementScanner scanner) {
        String t = text.strip();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        String cmd = t.substring(0, sp);
        if (restrictKey != null && !cmd.equals("unrestrict")) {
            // psql 15.14's restricted mode (\\restrict, as pg_dump scripts start): only \\unrestrict runs
            error("backslash commands are restricted; only \\unrestrict is allowed");
            return MetaResult.ERROR;
        }
        switch (cmd) {
            case "if", "elif", "else", "endif" -> {
                return conditional(cmd, t.substring(sp));
            }
            default -> {
                if (!active()) {
                    // In a skipped branch psql reads a meta-command's arguments and does nothing.
                    return MetaResult.OK;
                }
            }
        }
        if (cmd.equals("!")) {
            return shell(t.substring(sp).strip());
        }
        if (cmd.equals("h") || cmd.equals("help")) {
            // psql takes the rest of the line as the topic (OT_WHOLE_LINE), without interpolation.
            pagedText(stdout, SqlHelp.help(t.substring(sp), screenWidth));
            return MetaResult.OK;
        }
        if (cmd.equals("copy")) {
            // \\copy takes the rest of the line as written (psql's OT_WHOLE_LINE: no interpolation).
            return copy(t.substring(sp));
        }
        List<String> args = MetaArgs.split(t.substring(sp), variables);
        switch (cmd) {
            case "q", "quit" -> {
                return MetaResult.QUIT;
            }
            case "echo", "qecho" -> {
                boolean newline = true;
                List<String> a = args;
                if (!a.isEmpty() && a.getFirst().equals("-n")) {
                    newline = false;
                    a = a.subList(1, a.size());
                }
                StringBuilder b = new StringBuilder(String.join(" ", a));
                if (newline) {
                    b.append('\n');
                }
                write(cmd.equals("echo") ? stdout : queryOut, b);
                return MetaResult.OK;
            }
            case "set" -> {
                if (args.isEmpty()) {
                    StringBuilder b = new StringBuilder();
                    variables.forEach((k, v) -> b.append(k).append(" = '").append(v).append("'\n"));
                    write(stdout, b);
                } else {
                    String name = args.getFirst();
                    if (!name.matches("[A-Za-z0-9_]+")) {
                        error("invalid variable name: \"" + name + "\"");
                        return MetaResult.ERROR;
                    }
                    variables.put(name, String.join("", args.subList(1, args.size())));
                }
                return MetaResult.OK;
            }
            case "unset" -> {
                if (args.isEmpty()) {
                    error("\\unset: missing required argument");
                    return MetaResult.ERROR;
                }
                variables.remove(args.getFirst());
                return MetaResult.OK;
            }
            case "timing" -> {
                timing = args.isEmpty() ? !timing : bool(args.getFirst());
                status("Timing is " + (timing ? "on" : "off") + ".");
                return MetaResult.OK;
            }
            case "x" -> {
                return pset(args.isEmpty() ? List.of("expanded") : List.of("expanded", args.getFirst()));
            }
            case "a" -> {
                return pset(List.of("format", print.format == PrintOptions.Format.ALIGNED ? "unaligned" : "aligned"));
            }
            case "t" -> {
                return pset(args.isEmpty() ? List.of("tuples_only") : List.of("tuples_only", args.getFirst()));
            }
            case "pset" -> {
                if (args.isEmpty()) {
                    write(stdout, Pset.listing(print));
                    return MetaResult.OK;
                }
                return pset(args);
            }
            case "conninfo" -> {
                write(stdout, "You are connected to database \"" + connected.db() + "\" as user \""
                        + connected.user() + "\" " + Connector.where(connection) + ".\n");
                return MetaResult.OK;
            }
            case "errverbose" -> {
                if (lastError == null) {
                    write(stdout, "There is no previous error.\n");
                } else {
                    String verbose = ErrorFormatter.format(lastError, lastErrorQuery, true,
                            ErrorFormatter.Verbosity.VERBOSE, ErrorFormatter.ShowContext.ALWAYS);
                    error(verbose.substring(0, verbose.length() - 1));
                }
                return MetaResult.OK;
            }
            case "encoding" -> {
                if (args.isEmpty()) {
                    write(stdout, variables.getOrDefault("ENCODING", "UTF8") + "\n");
                    return MetaResult.OK;
                }
                if (!args.getFirst().replace("-", "").equalsIgnoreCase("utf8")) {
                    // The client library decodes UTF-8 only, so no other client encoding can be chosen.
                    error(args.getFirst() + ": invalid encoding name or conversion procedure not found");
                    return MetaResult.ERROR;
                }
                return MetaResult.OK;
            }
            case "?" -> {
                String topic = args.isEmpty() ? "commands" : args.getFirst();
                pagedText(stdout, switch (topic) {
                    case "options" -> Help.options(env);
                    case "variables" -> Help.variables();
                    default -> Help.commands(print, timing, connected.db());
                });
                return MetaResult.OK;
            }
            case "c", "connect" -> {
                return reconnect(args);
            }
            case "watch" -> {
                return watch(args, scanner);
            }
            case "ir", "include_relative" -> {
                if (args.isEmpty()) {
                    error("\\" + cmd + ": missing required argument");
                    return MetaResult.ERROR;
                }
                Path p = Path.of(args.getFirst());
                if (!p.isAbsolute() && inputFile != null && Path.of(inputFile).getParent() != null) {
                    p = Path.of(inputFile).getParent().resolve(p);
                }
                return include(p.toString());
            }
            case "i", "include" -> {
                if (args.isEmpty()) {
                    error("\\" + cmd + ": missing required argument");
                    return MetaResult.ERROR;
                }
                return include(args.getFirst());
            }
            case "o", "out" -> {
                String target = filePipe(t.substring(sp), args);
                try {
                    if (queryOut != stdout) {
                        queryOut.close();
                    }
                    queryOut = stdout;
                    if (target != null) {
                        stdout.flush();
                        queryOut = Outputs.open(expandTilde(target), this::applyEnvironment);
                    }
                    return MetaResult.OK;
                } catch (IOException e) {
                    error(target + ": " + ioReason(e));
                    return MetaResult.ERROR;
                }
            }
            case "H", "html" -> {
                return pset(List.of("format", print.format == PrintOptions.Format.HTML ? "aligned" : "html"));
            }
            case "T" -> {
                return pset(args.isEmpty() ? List.of("tableattr") : List.of("tableattr", args.getFirst()));
            }
            case "cd" -> {
                String dir = args.isEmpty() ? env.homeDirectory().toString() : args.getFirst();
                String failure = WorkingDirectory.change(dir);
                if (failure != null) {
                    error("\\cd: could not change directory to \"" + dir + "\": " + failure);
                    return MetaResult.ERROR;
                }
                return MetaResult.OK;
            }
            case "s" -> {
                return history(args.isEmpty() ? null : args.getFirst());
            }
            case "prompt" -> {
                return prompt(cmd, args);
            }
            case "lo_import", "lo_export", "lo_unlink" -> {
                String opt1 = args.isEmpty() ? null : args.get(0);
                String opt2 = args.size() > 1 ? args.get(1) : null;
                if (cmd.equals("lo_export") ? opt2 == null : opt1 == null) {
                    error("\\" + cmd + ": missing required argument");
                    return MetaResult.ERROR;
                }
                LargeObjects lo = new LargeObjects(this);
                return switch (cmd) {
                    case "lo_import" -> lo.importFile(expandTilde(opt1), opt2);
                    case "lo_export" -> lo.exportFile(opt1, expandTilde(opt2));
                    default -> lo.unlink(opt1);
                };
            }
            case "lo_list", "lo_list+" -> {
                return ok(new CatalogLists(this).run(cmd.endsWith("+") ? "dl+" : "dl", null));
            }
            case "restrict", "unrestrict" -> {
                return restrict(cmd, args.isEmpty() ? "" : args.getFirst());
            }
            case "password" -> {
                return new PasswordChange(this).run(args.isEmpty() ? null : Crosstab.dequoteDowncase(args.getFirst()));
            }
            case "copyright" -> {
                write(stdout, Help.resource("copyright.txt"));
                return MetaResult.OK;
            }
            case "p", "print" -> {
                String buffer = queryBuffer(scanner);
                if (buffer != null) {
                    write(stdout, buffer + "\n");
                } else {
                    status("Query buffer is empty.");
                }
                return MetaResult.OK;
            }
            case "w", "write" -> {
                String target = filePipe(t.substring(sp), args);
                return writeBuffer(cmd, target == null ? List.of() : List.of(target), scanner);
            }
            case "warn" -> {
                boolean newline = args.isEmpty() || !args.getFirst().equals("-n");
                List<String> a = newline ? args : args.subList(1, args.size());
                write(stderr, String.join(" ", a) + (newline ? "\n" : ""));
                return MetaResult.OK;
            }
            case "getenv" -> {
                if (args.size() < 2) {
                    error("\\getenv: missing required argument");
                    return MetaResult.ERROR;
                }
                String value = getenv(args.get(1));
                if (value != null) {
                    variables.put(args.getFirst(), value);
                }
                return MetaResult.OK;
            }
            case "setenv" -> {
                if (args.isEmpty()) {
                    error("\\setenv: missing required argument");
                    return MetaResult.ERROR;
                }
                if (args.getFirst().contains("=")) {
                    error("\\setenv: environment variable name must not contain \"=\"");
                    return MetaResult.ERROR;
                }
                // Java cannot change its own environment: the value goes to the commands psql starts.
                environment.put(args.getFirst(), args.size() > 1 ? args.get(1) : null);
                return MetaResult.OK;
            }
            case "C" -> {
                MetaResult r = pset(args.isEmpty() ? List.of("title") : List.of("title", args.getFirst()));
                extraArguments(cmd, args, 1);
                return r;
            }
            case "f" -> {
                MetaResult r = pset(args.isEmpty() ? List.of("fieldsep") : List.of("fieldsep", args.getFirst()));
                extraArguments(cmd, args, 1);
                return r;
            }
            case "r", "reset" -> {
                scanner.takePending();
                status("Query buffer reset (cleared).");
                return MetaResult.OK;
            }
            case "gset" -> {
                String sql = scanner.isEmpty() ? previousQuery : scanner.takePending();
                return sql == null ? MetaResult.OK : gset(sql, args.isEmpty() ? "" : args.getFirst());
            }
            case "g", "gx" -> {
                // An empty buffer repeats the previous query, as psql's \\g does; \\gx prints it expanded,
                // \\g (OPTIONS) with \\pset options for this query only, \\g FILE into a file.
                PrintOptions savedOptions = new PrintOptions();
                savedOptions.copyFrom(print);
                int optionArgs = printOptionsForOneQuery(cmd, args);
                if (optionArgs < 0) {
                    print.copyFrom(savedOptions);
                    return MetaResult.ERROR; // the query buffer is kept, as psql keeps it
                }
                args = args.subList(optionArgs, args.size());
                String sql = scanner.isEmpty() ? previousQuery : scanner.takePending();
                if (sql == null) {
                    print.copyFrom(savedOptions);
                    return MetaResult.OK;
                }
                PrintStream savedOut = queryOut;
                try {
                    if (cmd.equals("gx")) {
                        print.expanded = PrintOptions.Expanded.ON;
                    }
                    if (!args.isEmpty()) {
                        String target = args.getFirst().startsWith("|") ? pipeCommand(t.substring(sp))
                                : args.getFirst();
                        try {
                            stdout.flush();
                            queryOut = Outputs.open(expandTilde(target), this::applyEnvironment);
                        } catch (IOException e) {
                            error(target + ": " + ioReason(e));
                            return MetaResult.ERROR;
                        }
                    }
                    return sendQuery(sql) ? MetaResult.OK : MetaResult.ERROR;
                } finally {
                    print.copyFrom(savedOptions);
                    if (queryOut != savedOut) {
                        queryOut.close();
                        queryOut = savedOut;
                    }
                }
            }
            case "gexec" -> {
                String sql = scanner.isEmpty() ? previousQuery : scanner.takePending();
                if (sql == null) {
                    return MetaResult.OK;
                }
                gexecFlag = true;
                try {
                    return ok(sendQuery(sql));
                } finally {
                    gexecFlag = false;
                }
            }
            case "crosstabview" -> {
                String sql = scanner.isEmpty() ? previousQuery : scanner.takePending();
                if (sql == null) {
                    return MetaResult.OK;
                }
                crosstab = new Crosstab.Args(args.size() > 0 ? args.get(0) : null, args.size() > 1 ? args.get(1) : null,
                        args.size() > 2 ? args.get(2) : null, args.size() > 3 ? args.get(3) : null);
                try {
                    return ok(sendQuery(sql));
                } finally {
                    crosstab = null;
                }
            }
            case "gdesc" -> {
                String sql = scanner.isEmpty() ? previousQuery : scanner.takePending();
                if (sql == null) {
                    return MetaResult.OK;
                }
                return ok(describeQuery(sql));
            }
            case "sf", "sf+", "sv", "sv+" -> {
                return showSource(cmd, t.substring(sp).strip());
            }
            case "e", "edit" -> {
                return editBuffer(args, scanner);
            }
            case "ef", "ev" -> {
                return editObject(cmd, t.substring(sp).strip(), scanner);
            }
            case "d", "d+", "dS", "dS+", "d+S" -> {
                Describe d = new Describe(this);
                if (args.isEmpty()) {
                    return ok(d.listTables("tvmsE" + (cmd.contains("S") ? "S" : ""), null, cmd.contains("+")));
                }
                for (String pattern : args) {
                    if (!d.describeRelations(pattern, cmd.contains("+"))) {
                        return MetaResult.ERROR;
                    }
                }
                return MetaResult.OK;
            }
            case "l", "l+", "list", "list+" -> {
                return ok(new Describe(this).listDatabases(args.isEmpty() ? null : args.getFirst(), cmd.contains("+")));
            }
            case "dn", "dnS", "dn+", "dnS+", "dn+S" -> {
                return ok(new Describe(this).listSchemas(args.isEmpty() ? null : args.getFirst(), cmd.contains("S"),
                        cmd.contains("+")));
            }
            case "du", "dg", "duS", "dgS" -> {
                return ok(new Describe(this).listRoles(args.isEmpty() ? null : args.getFirst(), cmd.contains("S")));
            }
            case "dT", "dTS", "dT+", "dTS+", "dT+S" -> {
                return ok(new Describe(this).listTypes(args.isEmpty() ? null : args.getFirst(), cmd.contains("S"),
                        cmd.contains("+")));
            }
            default -> {
                if (CatalogLists.handles(cmd)) {
                    return ok(new CatalogLists(this).run(cmd, args.isEmpty() ? null : args.getFirst()));
                }
                if (cmd.matches("df[anptw]*[S+]{0,2}")) {
                    // psql's \df with its type letters, S and + in any order after them
                    String flags = cmd.substring(2);
                    return ok(new Describe(this).listFunctions(flags.replace("S", "").replace("+", ""),
                            args.isEmpty() ? null : args.getFirst(), flags.contains("S"), flags.contains("+")));
                }
                if (cmd.matches("d[tivmsE]+S?\\+?S?")) {
                    return ok(new Describe(this).listTables(cmd.substring(1).replace("+", ""),
                            args.isEmpty() ? null : args.getFirst(), cmd.contains("+")));
                }
                error("invalid command \\" + cmd);
                return MetaResult.ERROR;
            }
        }
    }

    /** One meta-command given with -c: psql runs it with a conditional stack of its own. */
    MetaResult metaStandalone(String text) {
        java.util.ArrayDeque<IfState> saved = conditions;
        conditions = new java.util.ArrayDeque<>();
        try {
            return meta(text, new StatementScanner(this::variable));
        } finally {
            conditions = saved;
        }
    }

    /** psql's {@code \\!}: the rest of the line through /bin/sh (an interactive shell when empty). */
    private MetaResult shell(String command) {
        stdout.flush();
        queryOut.flush();
        List<String> argv = command.isEmpty() ? List.of(getenv("SHELL") != null ? getenv("SHELL") : "/bin/sh")
                : List.of("/bin/sh", "-c", command);
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
            applyEnvironment(pb);
            int rc = pb.start().waitFor();
            return rc == 0 ? MetaResult.OK : MetaResult.ERROR;
        } catch (IOException e) {
            error("\\!: " + e.getMessage());
            return MetaResult.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetaResult.ERROR;
        }
    }

    /** psql's exec_command_if / elif / else / endif. */
    private MetaResult conditional(String cmd, String rest) {
        IfState top = conditions.peek();
        switch (cmd) {
            case "if" -> {
                conditions.push(active() ? (condition(rest, "\\if expression") ? IfState.TRUE : IfState.FALSE)
                        : IfState.IGNORED);
            }
            case "elif" -> {
                if (top == null) {
                    error("\\elif: no matching \\if");
                    return MetaResult.ERROR;
                }
                if (top == IfState.ELSE_TRUE || top == IfState.ELSE_FALSE) {
                    error("\\elif: cannot occur after \\else");
                    return MetaResult.ERROR;
                }
                conditions.pop();
                if (top == IfState.FALSE) {
                    conditions.push(condition(rest, "\\elif expression") ? IfState.TRUE : IfState.FALSE);
                } else {
                    conditions.push(IfState.IGNORED);
                }
            }
            case "else" -> {
                if (top == null) {
                    error("\\else: no matching \\if");
                    return MetaResult.ERROR;
                }
                if (top == IfState.ELSE_TRUE || top == IfState.ELSE_FALSE) {
                    error("\\else: cannot occur after \\else");
                    return MetaResult.ERROR;
                }
                conditions.pop();
                conditions.push(top == IfState.FALSE ? IfState.ELSE_TRUE : IfState.ELSE_FALSE);
            }
            default -> {
                if (top == null) {
                    error("\\endif: no matching \\if");
                    return MetaResult.ERROR;
                }
                conditions.pop();
            }
        }
        return MetaResult.OK;
    }

    /** psql's is_true_boolean_expression: an invalid value is reported and counts as false. */
    private boolean condition(String rest, String what) {
        List<String> args = MetaArgs.split(rest, variables);
        String value = args.isEmpty() ? "" : args.getFirst();
        Boolean b = Variables.parseBool(value);
        if (b == null) {
            error("unrecognized value \"" + value + "\" for \"" + what + "\": Boolean expected");
            return false;
        }
        return b;
    }

    /** psql's StoreQueryResult: one row's columns into variables named PREFIX + column (NULL unsets). */
    private MetaResult gset(String sql, String prefix) {
        previousQuery = sql;
        if ("queries".equals(variables.get("ECHO"))) {
            echo(sql);
        }
        Result r = internalQueryNoEcho(sql);
        String failure = null;
        if (r == null) {
            failure = "";
        } else if (r.rows().isEmpty()) {
            failure = "no rows returned for \\gset";
        } else if (r.rows().size() > 1) {
            failure = "more than one row returned for \\gset";
        } else {
            org.tusk.client.Row row = r.rows().getFirst();
            for (int i = 0; i < r.columns().size() && failure == null; i++) {
                String name = prefix + r.columns().get(i).name();
                if (!name.matches("[A-Za-z0-9_]+")) {
                    failure = "invalid variable name: \"" + name + "\"";
                } else if (row.isNull(i)) {
                    variables.remove(name);
                } else {
                    variables.put(name, row.getString(i));
                }
            }
        }
        if (failure == null) {
            return MetaResult.OK;
        }
        if (!failure.isEmpty()) {
            error(failure);
        }
        if ("errors".equals(variables.get("ECHO"))) {
            stderr.print(locus() + "STATEMENT:  " + sql + "\n");
            stderr.flush();
        }
        return MetaResult.ERROR;
    }

    private Result internalQueryNoEcho(String sql) {
        String hidden = variables.remove("ECHO_HIDDEN");
        try {
            return internalQuery(sql);
        } finally {
            if (hidden != null) {
                variables.put("ECHO_HIDDEN", hidden);
            }
        }
    }

    /** psql's process_file for \\i and \\ir: the file's lines run as a script, prefixed with its name. */
    private MetaResult include(String file) {
        try (BufferedReader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            int rc = runScript(r, file);
            return rc == -1 ? MetaResult.QUIT : rc == 0 ? MetaResult.OK : MetaResult.ERROR;
        } catch (NoSuchFileException e) {
            error(file + ": No such file or directory");
            return MetaResult.ERROR;
        } catch (IOException e) {
            error(file + ": " + e.getMessage());
            return MetaResult.ERROR;
        }
    }

    /**
     * psql's do_connect: {@code \\c [dbname [user [host [port]]]]}, "-" or a missing value reusing the
     * current one, or {@code \\c CONNSTRING}. A failure in a script ends psql with exit code 2, as the old
     * connection is closed; at a terminal the previous connection is kept.
     */
    private MetaResult reconnect(List<String> args) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        String db = args.isEmpty() ? "-" : args.getFirst();
        if (!Connector.isConnectionString(db)) {
            params.putAll(connected.params().asMap());
            params.remove("dbname");
            params.put("dbname", db.equals("-") ? connected.db() : db);
            String[] keys = {"user", "host", "port"};
            for (int i = 0; i < keys.length; i++) {
                String v = args.size() > i + 1 ? args.get(i + 1) : "-";
                if (!v.equals("-")) {
                    params.put(keys[i], v);
                } else if (keys[i].equals("user")) {
                    params.put("user", connected.user());
                }
            }
            db = null;
        }
        Connector.Connected next;
        try {
            next = Connector.connect(Connector.parameters(params, db), env);
        } catch (PgException e) {
            String m = e.getMessage();
            error("\\connect: " + (m.endsWith("\n") ? m.substring(0, m.length() - 1) : m));
            if (interactive) {
                write(stdout, "Previous connection kept\n");
                return MetaResult.ERROR;
            }
            connection.close();
            connectionLost = true;
            return MetaResult.ERROR;
        }
        Connection old = connection;
        boolean moved = !old.host().equals(next.connection().host()) || old.port() != next.connection().port();
        old.close();
        connected = next;
        connection = next.connection();
        connection.setNoticeListener(this::notice);
        DefaultVariables.sync(variables, connection, next.user(), next.db());
        if (!quiet) {
            write(stdout, "You are now connected to database \"" + next.db() + "\" as user \"" + next.user() + "\""
                    + (moved ? " " + Connector.where(connection) : "") + ".\n");
        }
        return MetaResult.OK;
    }

    /**
     * psql 15's {@code \\watch [SECONDS]}: runs the query buffer (or the previous query) again and again,
     * titled with the time, until it fails or psql is interrupted.
     */
    private MetaResult watch(List<String> args, StatementScanner scanner) {
        double seconds = 2;
        if (!args.isEmpty()) {
            try {
                seconds = Double.parseDouble(args.getFirst());
            } catch (NumberFormatException e) {
                seconds = 0;
            }
            if (seconds <= 0) {
                seconds = 1;
            }
        }
        String sql = scanner.isEmpty() ? previousQuery : scanner.takePending();
        if (sql == null || sql.isBlank()) {
            error("\\watch cannot be used with an empty query");
            return MetaResult.ERROR;
        }
        java.time.format.DateTimeFormatter c = java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
                Locale.ROOT);
        String interval = new java.text.DecimalFormat("0.######", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(seconds);
        while (true) {
            String title = c.format(java.time.LocalDateTime.now()) + " (every " + interval + "s)\n";
            String userTitle = print.title;
            print.title = userTitle != null ? userTitle + "\t" + title : title;
            boolean ok;
            try {
                currentQuery = sql;
                List<Result> results = connection.query(sql);
                StringBuilder out = new StringBuilder();
                for (Result r : results) {
                    if (!r.columns().isEmpty()) {
                        ResultPrinter.print(r, print, out);
                    }
                }
                write(queryOut, out);
                ok = true;
            } catch (ServerException e) {
                stderr.print(locus() + errorText(e.fields(), sql, true));
                stderr.flush();
                ok = false;
            } catch (PgException e) {
                reportClientError(e);
                ok = false;
            } finally {
                print.title = userTitle;
            }
            if (!ok) {
                // psql ends \\watch with a newline on stdout (for the terminal's sake after ^C).
                write(stdout, "\n");
                return MetaResult.ERROR;
            }
            try {
                Thread.sleep((long) (seconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return MetaResult.OK;
            }
        }
    }

    /**
     * {@code \\copy} (psql's do_copy): opens the file, then sends the COPY statement psql would send
     * through {@link #sendQuery} with the file (or psql's own standard input/output) as the COPY stream,
     * so that echo, status line, errors and result variables are those of any query.
     */
    private MetaResult copy(String text) {
        Copy.Spec spec;
        try {
            spec = Copy.parse(text);
        } catch (Copy.ParseError e) {
            error(e.getMessage());
            return MetaResult.ERROR;
        }
        java.io.Closeable file = null;
        if (spec.file() != null) {
            Path path = Path.of(spec.file());
            try {
                if (Files.isDirectory(path)) {
                    // psql opens the file first: writing to a directory fails there, reading from one after
                    error(spec.file() + (spec.from() ? ": cannot copy from/to a directory" : ": Is a directory"));
                    return MetaResult.ERROR;
                }
                if (spec.from()) {
                    copyFrom = Files.newInputStream(path);
                    file = copyFrom;
                } else {
                    copyTo = new java.io.BufferedOutputStream(Files.newOutputStream(path));
                    file = copyTo;
                }
            } catch (NoSuchFileException e) {
                error(spec.file() + ": No such file or directory");
                return MetaResult.ERROR;
            } catch (java.nio.file.AccessDeniedException e) {
                error(spec.file() + ": Permission denied");
                return MetaResult.ERROR;
            } catch (IOException e) {
                error(spec.file() + ": " + e.getMessage());
                return MetaResult.ERROR;
            }
        } else if (spec.psqlInout()) {
            if (spec.from()) {
                copyFrom = lines(stdinReader, false);
            } else {
                copyTo = stdout;
            }
        }
        String saved = previousQuery;
        try {
            return ok(sendQuery(spec.sql()));
        } finally {
            previousQuery = saved;
            copyFrom = null;
            copyTo = null;
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    error(spec.file() + ": " + e.getMessage());
                }
            }
        }
    }

    /** {@code \\copy}'s source for the COPY being sent; null: the script being read (psql's cur_cmd_source). */
    private java.io.InputStream copyFrom;
    /** {@code \\copy}'s target; null: the query output. */
    private java.io.OutputStream copyTo;
    /** Set when a COPY TO STDOUT of the current query wrote to the query output: its status line is left out. */
    private boolean copiedToQueryOut;
    /** Set when the server asked for COPY data during the current query. */
    private boolean copyInStarted;

    /**
     * After a COPY FROM STDIN the server refused before asking for data (no such table, bad options, an
     * aborted transaction): psql 15 still reads its data, up to {@code \\.} or end of file, so that the
     * data lines are not taken for commands. psql decides this by itself; tusk psql recognizes the
     * statement by its text ({@link Copy#isCopyFromStdin}).
     */
    private void skipRefusedCopyData(String sql) {
        if (copyInStarted || !Copy.isCopyFromStdin(sql)) {
            return;
        }
        try (java.io.InputStream data = copyHandler.copyIn(false)) {
            data.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the data was to be thrown away anyway
        }
    }

    /** psql's own standard input, for {@code \\copy ... from pstdin}. */
    BufferedReader stdinReader;

    /** Where the COPY statements of a query read and write (psql's handleCopyIn / handleCopyOut). */
    private final CopyHandler copyHandler = new CopyHandler() {
        @Override
        public java.io.InputStream copyIn(boolean binary) {
            copyInStarted = true;
            if (copyFrom != null) {
                return copyFrom;
            }
            BufferedReader src = currentInput != null ? currentInput : stdinReader;
            return lines(src, src == currentInput);
        }

        @Override
        public java.io.OutputStream copyOut(boolean binary) {
            java.io.OutputStream target = copyTo != null ? copyTo : queryOut;
            if (target == queryOut) {
                copiedToQueryOut = true;
            }
            return target;
        }
    };

    /**
     * COPY data read line by line from a script or standard input, up to end of file or a line
     * {@code \\.} (which is sent too: the server takes it as the end of the data, as psql 15 relies
     * on). Lines of the script being run count for its line numbers, as in psql.
     */
    private java.io.InputStream lines(BufferedReader src, boolean script) {
        return new java.io.InputStream() {
            private byte[] buffer = new byte[0];
            private int pos;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= buffer.length) {
                    if (done || src == null) {
                        return -1;
                    }
                    String line = src.readLine();
                    if (line == null) {
                        done = true;
                        return -1;
                    }
                    if (script) {
                        lineNo++;
                    }
                    if (line.equals("\\.")) {
                        done = true;
                    }
                    buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                int n = Math.min(len, buffer.length - pos);
                System.arraycopy(buffer, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static MetaResult ok(boolean success) {
        return success ? MetaResult.OK : MetaResult.ERROR;
    }

    /**
     * Runs a query psql sends on its own behalf (PSQLexec, for the \\d family): errors are printed as for
     * any query, results are returned instead of printed.
     *
     * @return the last result, or null after an error
     */
    Result internalQuery(String sql) {
        currentQuery = sql;
        if (Boolean.TRUE.equals(Variables.parseBool(variables.getOrDefault("ECHO_HIDDEN", "off")))) {
            write(stdout, "********* QUERY **********\n" + sql + "\n**************************\n\n");
        }
        try {
            List<Result> results = connection.query(sql);
            return results.isEmpty() ? null : results.getLast();
        } catch (ServerException e) {
            stderr.print(locus() + errorText(e.fields(), sql, true));
            stderr.flush();
            return null;
        } catch (PgException e) {
            reportClientError(e);
            return null;
        }
    }

    /**
     * A failure on the client side (libpq's message, e.g. the server closing the connection). When the
     * connection is gone a non-interactive psql says so and exits with 2 (CheckConnection).
     */
    private void reportClientError(PgException e) {
        if (e instanceof ServerException se) {
            // the server's FATAL before it closed the connection, then libpq's words for the closing
            stderr.print(locus() + errorText(se.fields(), currentQuery, true));
            stderr.flush();
            if (!connection.isOpen()) {
                connectionClosed();
            }
            return;
        }
        String m = e.getMessage();
        if (m.startsWith("server closed the connection unexpectedly")) {
            // libpq's words for it (the client library adds the I/O exception's text instead)
            m = locus() + CLOSED;
        }
        stderr.print(m.endsWith("\n") ? m : m + "\n");
        stderr.flush();
        if (!connection.isOpen()) {
            checkConnection();
        }
    }

    private static final String CLOSED = "server closed the connection unexpectedly\n"
            + "\tThis probably means the server terminated abnormally\n"
            + "\tbefore or while processing the request.\n";

    /** libpq's message after a server's FATAL error and end of file, then psql's CheckConnection. */
    private void connectionClosed() {
        stderr.print(locus() + CLOSED);
        stderr.flush();
        checkConnection();
    }

    /**
     * psql's CheckConnection for a connection found broken: a script ends (exit code 2); at a terminal psql
     * reconnects with the same parameters (PQreset) and goes on. tusk psql then ends too when the reset
     * fails, where psql would go on without a connection.
     */
    private void checkConnection() {
        if (!interactive) {
            error("connection to server was lost");
            connectionLost = true;
            return;
        }
        stderr.print("The connection to the server was lost. Attempting reset: ");
        stderr.flush();
        try {
            Connector.Connected next = Connector.connect(connected.params(), env);
            connected = next;
            connection = next.connection();
            connection.setNoticeListener(this::notice);
            DefaultVariables.sync(variables, connection, next.user(), next.db());
            stderr.print("Succeeded.\n");
        } catch (PgException e) {
            stderr.print("Failed.\n");
            connectionLost = true;
        }
        stderr.flush();
    }

    /** Prints a table built by a meta-command to the query output, with the session's options. */
    void printTable(PrintTable table) {
        StringBuilder out = new StringBuilder();
        paged(table, out);
        write(queryOut, out);
    }

    /**
     * Text psql shows through PageOutput ({@code \\?}, {@code \\h}, {@code \\sf}, {@code \\sv}): through the
     * pager when writing to the terminal and it has at least as many lines as the screen.
     */
    private void pagedText(PrintStream target, String text) {
        if (!terminal || print.pager == 0 || target != stdout) {
            write(target, text);
            return;
        }
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        String command = Pager.command(this::getenv);
        if (command == null || !Pager.wanted(print.pager, print.pagerMinLines, terminal, Pager.screenSize()[0], lines,
                false)) {
            write(target, text);
            return;
        }
        try (PrintStream pager = Outputs.open("|" + command, this::applyEnvironment)) {
            write(pager, text);
        } catch (IOException e) {
            write(target, text);
        }
    }

    /** Whether standard input and output are a terminal (psql's condition for its pager). */
    boolean terminal;

    /**
     * Renders a table into {@code out}, or through the pager when psql would use one (see {@link Pager}):
     * then what {@code out} held is written first and the table goes to the pager, which is waited for.
     */
    private void paged(PrintTable table, StringBuilder out) {
        StringBuilder text = new StringBuilder();
        ResultPrinter.print(table, print, text);
        if (!terminal || print.pager == 0 || queryOut != stdout) {
            out.append(text);
            return;
        }
        int[] size = Pager.screenSize();
        int columns = print.columns > 0 ? print.columns : size[1];
        boolean wide = (print.format == PrintOptions.Format.ALIGNED || print.format == PrintOptions.Format.WRAPPED)
                && print.expanded != PrintOptions.Expanded.ON && Pager.tooWide(text, columns);
        String command = Pager.command(this::getenv);
        if (command == null || !Pager.wanted(print.pager, print.pagerMinLines, terminal, size[0],
                Pager.lines(table, print), wide)) {
            out.append(text);
            return;
        }
        write(queryOut, out);
        out.setLength(0);
        try (PrintStream pager = Outputs.open("|" + command, this::applyEnvironment)) {
            write(pager, text);
        } catch (IOException e) {
            // psql goes on without a pager when it cannot start one
            write(queryOut, text);
        }
    }

    private void status(String message) {
        if (!quiet) {
            write(stdout, message + "\n");
        }
    }

    /** psql's do_pset: applies one option and prints its state unless quiet (see {@link Pset}). */
    MetaResult pset(List<String> args) {
        String status = Pset.apply(print, args.getFirst(), args.size() > 1 ? args.get(1) : null, this::error);
        if (status == null) {
            return MetaResult.ERROR;
        }
        if (!status.isEmpty()) {
            status(status);
        }
        return MetaResult.OK;
    }

    /** Closes the query output when it is a file ({@code -o} or {@code \o}). */
    void closeOutput() {
        if (queryOut != stdout) {
            queryOut.close();
        }
    }

    // ---- \\p, \\w, \\getenv, \\setenv ----------------------------------------------------------------

    /** Environment changes made by {@code \\setenv} (null: unset), for {@code \\getenv} and the commands started. */
    private final Map<String, String> environment = new java.util.HashMap<>();

    /** An environment variable as {@code \\setenv} left it. */
    String getenv(String name) {
        return environment.containsKey(name) ? environment.get(name) : env.getenv(name);
    }

    /** Applies {@code \\setenv}'s changes to a process about to be started. */
    void applyEnvironment(ProcessBuilder pb) {
        environment.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
    }

    /** What {@code \\g} would send: the query buffer, else the previous query; null when both are empty. */
    private String queryBuffer(StatementScanner scanner) {
        String buffer = scanner.pending();
        if (!buffer.isEmpty()) {
            return buffer;
        }
        return previousQuery == null || previousQuery.isEmpty() ? null : previousQuery;
    }

    /** {@code \\w FILE}: the query buffer (or the previous query) into a file, or to a {@code |command}. */
    private MetaResult writeBuffer(String cmd, List<String> args, StatementScanner scanner) {
        if (args.isEmpty()) {
            error("\\" + cmd + ": missing required argument");
            return MetaResult.ERROR;
        }
        String target = args.getFirst();
        String buffer = queryBuffer(scanner);
        byte[] text = buffer == null ? new byte[0] : (buffer + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (target.startsWith("|")) {
                stdout.flush();
                ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", target.substring(1))
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
                applyEnvironment(pb);
                Process p = pb.start();
                try (java.io.OutputStream o = p.getOutputStream()) {
                    o.write(text);
                }
                p.waitFor();
            } else {
                java.nio.file.Files.write(java.nio.file.Path.of(expandTilde(target)), text);
            }
            return MetaResult.OK;
        } catch (IOException e) {
            error(target + ": " + ioReason(e));
            return MetaResult.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetaResult.ERROR;
        }
    }

    private String expandTilde(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return env.homeDirectory() + path.substring(1);
        }
        return path;
    }

    /** strerror's text for the usual failures of opening a file. */
    static String ioReason(IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> "No such file or directory";
            case java.nio.file.AccessDeniedException a -> "Permission denied";
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage();
        };
    }

    /** psql's warning for arguments a meta-command does not take. */
    private void extraArguments(String cmd, List<String> args, int taken) {
        for (int i = taken; i < args.size(); i++) {
            stderr.print(locus() + (inputFile == null ? "" : "warning: ") + "\\" + cmd + ": extra argument \""
                    + args.get(i) + "\" ignored\n");
        }
        stderr.flush();
    }

    /**
     * {@code \\g (name=value name ...)}: applies each option as {@code \\pset} does, silently; returns how
     * many arguments the parenthesized list took (0 without one), or -1 after an error (printed).
     */
    private int printOptionsForOneQuery(String cmd, List<String> args) {
        if (args.isEmpty() || !args.getFirst().startsWith("(")) {
            return 0;
        }
        for (int i = 0; i < args.size(); i++) {
            String option = i == 0 ? args.get(i).substring(1) : args.get(i);
            boolean last = option.endsWith(")");
            if (last) {
                option = option.substring(0, option.length() - 1);
            }
            if (!option.isEmpty()) {
                int eq = option.indexOf('=');
                String name = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? null : option.substring(eq + 1);
                if (Pset.apply(print, name, value, this::error) == null) {
                    return -1;
                }
            }
            if (last) {
                return i + 1;
            }
        }
        error("\\" + cmd + ": missing right parenthesis");
        return -1;
    }

    /**
     * psql's OT_FILEPIPE argument: a {@code |command} takes the rest of the line as written; otherwise the
     * first argument as usual. Null when there is none.
     */
    private static String filePipe(String rest, List<String> args) {
        String r = rest.strip();
        if (r.startsWith("|")) {
            return r;
        }
        return args.isEmpty() ? null : args.getFirst();
    }

    /** The {@code |command} at the end of a {@code \\g} line: from the bar to the end of the line. */
    private static String pipeCommand(String rest) {
        int bar = rest.indexOf('|');
        return rest.substring(bar).strip();
    }

    /** Reads the line for {@code \\prompt} (set by the interactive loop to use its line editor). */
    java.util.function.UnaryOperator<String> promptReader;
    /** The line editor's history for {@code \\s} (set by the interactive loop). */
    java.util.function.Supplier<List<String>> historyLines;

    /**
     * psql's {@code \\s [FILE]}: the command-line history, to the screen or into a file. Without a line
     * editor (a script) psql has no history: it prints only the newline it ends the listing with.
     */
    private MetaResult history(String file) {
        if (historyLines == null) {
            if (file == null) {
                write(stdout, "\n");
            }
            return MetaResult.ERROR;
        }
        StringBuilder b = new StringBuilder();
        for (String line : historyLines.get()) {
            b.append(line).append('\n');
        }
        if (file == null) {
            write(stdout, b.append('\n'));
            return MetaResult.OK;
        }
        try {
            Files.writeString(Path.of(expandTilde(file)), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            error("could not save history to file \"" + file + "\": " + ioReason(e));
            return MetaResult.ERROR;
        }
        status("Wrote history to file \"" + file + "\".");
        return MetaResult.OK;
    }

    /**
     * psql's {@code \\prompt [TEXT] NAME}: reads one line into a variable. Reading a script file (-f,
     * {@code \\i}) it prints TEXT on stdout and reads psql's standard input, failing at its end; otherwise
     * it asks on the terminal (/dev/tty), or without one prints TEXT on stderr and reads standard input,
     * an end of input giving an empty value (simple_prompt).
     */
    private MetaResult prompt(String cmd, List<String> args) {
        if (args.isEmpty()) {
            error("\\" + cmd + ": missing required argument");
            return MetaResult.ERROR;
        }
        String text = args.size() > 1 ? args.get(0) : null;
        String name = args.size() > 1 ? args.get(1) : args.get(0);
        String value;
        try {
            if (inputFile != null && !inputFile.equals("<stdin>")) {
                if (text != null) {
                    write(stdout, text);
                }
                value = stdinReader == null ? null : stdinReader.readLine();
                if (value == null) {
                    error("\\" + cmd + ": could not read value for variable");
                    return MetaResult.ERROR;
                }
            } else if (promptReader != null) {
                value = promptReader.apply(text == null ? "" : text);
            } else {
                value = Passwords.readFromTerminal(text, true);
                if (value == null) {
                    if (text != null) {
                        write(stderr, text);
                    }
                    value = stdinReader == null ? null : stdinReader.readLine();
                }
                if (value == null) {
                    value = "";
                }
            }
        } catch (IOException e) {
            error("\\" + cmd + ": " + e.getMessage());
            return MetaResult.ERROR;
        }
        if (!name.matches("[A-Za-z0-9_]+")) {
            error("invalid variable name: \"" + name + "\"");
            return MetaResult.ERROR;
        }
        variables.put(name, value);
        return MetaResult.OK;
    }

    /** Echoes a query psql sends on its own behalf when ECHO_HIDDEN is on (echo_hidden_command). */
    void echoHidden(String sql) {
        if (Boolean.TRUE.equals(Variables.parseBool(variables.getOrDefault("ECHO_HIDDEN", "off")))) {
            write(stdout, "********* QUERY **********\n" + sql + "\n**************************\n\n");
        }
    }

    /** Flushes what was printed before another program writes to the same terminal or files. */
    void flushOutputs() {
        stdout.flush();
        queryOut.flush();
        stderr.flush();
    }

    /** psql's {@code \\sf[+] FUNC} and {@code \\sv[+] VIEW}: the CREATE command, with line numbers for +. */
    private MetaResult showSource(String cmd, String description) {
        boolean function = cmd.startsWith("sf");
        if (description.isEmpty()) {
            error(function ? "function name is required" : "view name is required");
            return MetaResult.ERROR;
        }
        String text = new ObjectSource(this).createCommand(
                function ? ObjectSource.Kind.FUNCTION : ObjectSource.Kind.VIEW, description);
        if (text == null) {
            return MetaResult.ERROR;
        }
        pagedText(queryOut, cmd.endsWith("+") ? ObjectSource.withLineNumbers(text, function) : text);
        return MetaResult.OK;
    }

    /**
     * psql's {@code \\e [FILE] [LINE]}: the query buffer (else the previous query) or the file in the
     * editor; what comes back is scanned as new input. An unchanged buffer recalled from the previous query,
     * or an unchanged file, leaves the buffer empty.
     */
    private MetaResult editBuffer(List<String> args, StatementScanner scanner) {
        String fname = args.isEmpty() ? null : args.get(0);
        String ln = args.size() > 1 ? args.get(1) : null;
        if (fname != null && ln == null && fname.matches("[0-9]+")) {
            ln = fname;
            fname = null;
        }
        int lineno = -1;
        if (ln != null) {
            lineno = Editor.atoi(ln);
            if (lineno < 1) {
                error("invalid line number: " + ln);
                return MetaResult.ERROR;
            }
        }
        String buffer = scanner.pending();
        boolean discardOnQuit = true;
        if (fname != null) {
            fname = expandTilde(fname);
        } else if (scanner.isEmpty() && previousQuery != null) {
            buffer = previousQuery;
        } else {
            discardOnQuit = false;
        }
        Editor.Outcome o = new Editor(this).edit(fname, buffer, lineno);
        if (o.failed()) {
            if (fname == null && !buffer.isEmpty() && !buffer.endsWith("\n")) {
                // psql has made its buffer newline-terminated before writing it out, and keeps it so
                scanner.takePending();
                scanner.appendToBuffer(buffer + "\n");
            }
            return MetaResult.ERROR;
        }
        String text = o.text() != null ? o.text() : discardOnQuit ? "" : buffer;
        scanner.rescan(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
        return MetaResult.OK;
    }

    /**
     * psql's {@code \\ef [FUNC [LINE]]} and {@code \\ev [VIEW [LINE]]}: the object's CREATE command (or a
     * skeleton) in the editor; the edited text becomes the query buffer and is scanned as new input,
     * an unchanged one prints "No changes".
     */
    private MetaResult editObject(String cmd, String description, StatementScanner scanner) {
        boolean function = cmd.equals("ef");
        Editor editor = new Editor(this);
        Object[] stripped = editor.stripLineNumber(description.isEmpty() ? null : description);
        int lineno = (Integer) stripped[0];
        String obj = (String) stripped[1];
        if (lineno == 0) {
            return MetaResult.ERROR;
        }
        String text;
        if (obj == null) {
            text = function
                    ? "CREATE FUNCTION ( )\n RETURNS \n LANGUAGE \n"
                            + " -- common options:  IMMUTABLE  STABLE  STRICT  SECURITY DEFINER\n"
                            + "AS $function$\n\n$function$\n"
                    : "CREATE VIEW  AS\n SELECT \n  -- something...\n";
        } else {
            text = new ObjectSource(this).createCommand(function ? ObjectSource.Kind.FUNCTION : ObjectSource.Kind.VIEW,
                    obj);
            if (text == null) {
                return MetaResult.ERROR;
            }
            if (function && lineno > 0) {
                lineno = Editor.functionLine(text, lineno);
            }
        }
        scanner.takePending();
        Editor.Outcome o = editor.edit(null, text, lineno);
        if (o.failed()) {
            // the definition stays in the query buffer, as in psql
            scanner.appendToBuffer(text);
            return MetaResult.ERROR;
        }
        if (o.text() == null) {
            write(stdout, "No changes\n");
            return MetaResult.OK;
        }
        scanner.rescan(o.text().endsWith("\n") || o.text().isEmpty() ? o.text() : o.text() + "\n");
        return MetaResult.OK;
    }

    /** Writes to psql's standard error (prompts without a terminal). */
    void writeErr(String text) {
        write(stderr, text);
    }

    /** psql's pg_log_info: the message with the script location, without a level word. */
    void info(String message) {
        stderr.print(locus() + message + "\n");
        stderr.flush();
    }

    /** psql's print_lo_result: a status line on the query output unless quiet, in a paragraph in html. */
    void printStatus(String text) {
        if (!quiet) {
            StringBuilder b = new StringBuilder();
            commandStatus(text, b);
            write(queryOut, b);
        }
    }

    /** The key of psql's restricted mode, or null when not restricted. */
    private String restrictKey;

    /** psql's {@code \\restrict KEY} and {@code \\unrestrict KEY}. */
    private MetaResult restrict(String cmd, String key) {
        if (key.isEmpty()) {
            error("\\" + cmd + ": missing required argument");
            return MetaResult.ERROR;
        }
        if (cmd.equals("restrict")) {
            restrictKey = key;
            return MetaResult.OK;
        }
        if (restrictKey == null) {
            error("\\" + cmd + ": not currently in restricted mode");
            return MetaResult.ERROR;
        }
        if (!restrictKey.equals(key)) {
            error("\\" + cmd + ": wrong key");
            return MetaResult.ERROR;
        }
        restrictKey = null;
        return MetaResult.OK;
    }
}
