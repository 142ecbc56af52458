package org.tusk.psql;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.tusk.client.ClientEnvironment;
import org.tusk.client.PgException;
import org.tusk.client.TransactionStatus;

/**
 * The interactive loop: JLine line editing and history ({@code ~/.tusk_psql_history}, or {@code PSQL_HISTORY}),
 * psql's default prompts ({@code %/%R%x%# }), statements spanning lines, meta-commands, {@code \q} and
 * end of input to leave, Ctrl-C to clear the current statement.
 */
final class Interactive {

    private final Session session;
    private final PrintStream out;
    private final ClientEnvironment env;

    Interactive(Session session, PrintStream out, ClientEnvironment env) {
        this.session = session;
        this.out = out;
        this.env = env;
    }

    int run() throws IOException {
        session.interactive = true;
        if (!session.quiet) {
            String v = session.connection.parameterStatus("server_version");
            out.print("psql (Tusk" + (v == null ? "" : ", server " + v) + ")\nType \"help\" for help.\n\n");
            out.flush();
        }
        // Not psql's own ~/.psql_history: JLine writes its history in its own format.
        String hist = env.getenv("PSQL_HISTORY");
        Path history = hist != null ? Path.of(hist) : env.homeDirectory().resolve(".tusk_psql_history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("psql")
                    .variable(LineReader.HISTORY_FILE, history)
                    .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            StatementScanner scanner = new StatementScanner(session::variable);
            session.promptReader = text -> {
                try {
                    return reader.readLine(text);
                } catch (UserInterruptException | EndOfFileException e) {
                    return "";
                }
            };
            session.historyLines = () -> {
                java.util.List<String> lines = new java.util.ArrayList<>();
                reader.getHistory().forEach(h -> lines.add(h.line()));
                return lines;
            };
            if (terminal.getWidth() > 0) {
                session.screenWidth = terminal.getWidth();
            }
            // Ctrl-C outside the line editor (while a query runs) cancels the query, as psql's handle_sigint;
            // inside readLine JLine turns it into UserInterruptException, which clears the buffer.
            terminal.handle(Terminal.Signal.INT, signal -> {
                try {
                    session.connection.cancel();
                    terminal.writer().flush();
                    System.err.print("Cancel request sent\n");
                    System.err.flush();
                } catch (PgException e) {
                    System.err.print("Could not send cancel request: " + e.getMessage() + "\n");
                    System.err.flush();
                }
            });
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt(scanner));
                } catch (UserInterruptException e) {
                    scanner.takePending();
                    continue;
                } catch (EndOfFileException e) {
                    if (!session.quiet) {
                        terminal.writer().println("\\q");
                        terminal.flush();
                    }
                    break;
                }
                if (line.isBlank() && scanner.isEmpty()) {
                    continue;
                }
                if (scanner.isEmpty() && (line.strip().equals("help") || line.strip().equals("quit")
                        || line.strip().equals("exit"))) {
                    if (!line.strip().equals("help")) {
                        break;
                    }
                    out.print("You are using psql, the command-line interface to PostgreSQL (Tusk's).\n"
                            + "Type:  \\? for help with psql commands\n"
                            + "       \\g or terminate with semicolon to execute query\n"
                            + "       \\q to quit\n");
                    out.flush();
                    continue;
                }
                scanner.feed(line);
                StatementScanner.Event e;
                while ((e = scanner.next()) != null) {
                    if (e instanceof StatementScanner.Statement s) {
                        if (session.active()) {
                            session.sendQuery(s.sql());
                        }
                    } else if (session.meta(((StatementScanner.MetaCommand) e).text(), scanner)
                            == Session.MetaResult.QUIT) {
                        reader.getHistory().save();
                        return Psql.EXIT_SUCCESS;
                    }
                    if (session.connectionLost) {
                        reader.getHistory().save();
                        return Psql.EXIT_BADCONN;
                    }
                }
            }
            reader.getHistory().save();
        }
        return Psql.EXIT_SUCCESS;
    }

    private String prompt(StatementScanner scanner) {
        TransactionStatus ts = session.connection.transactionStatus();
        char x = switch (ts) {
            case IN_TRANSACTION -> '*';
            case IN_ERROR -> '!';
            default -> 0;
        };
        char state = scanner.promptState();
        boolean continuation = state != '=';
        String template = session.variables.getOrDefault(continuation ? "PROMPT2" : "PROMPT1", "%/%R%x%# ");
        Prompt.Context c = new Prompt.Context(session.variables.getOrDefault("DBNAME", ""),
                session.variables.getOrDefault("USER", ""), session.connection.host(), session.connection.port(),
                "on".equals(session.connection.parameterStatus("is_superuser")), x, session.connection.backendPid(),
                state, continuation);
        return Prompt.expand(template, c);
    }
}
