package org.tusk.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tusk} command: PostgreSQL's initdb, postgres and (later) pg_ctl under one roof, in the
 * manner of {@code git}. Each subcommand is a class of its own.
 */
@Command(name = "tusk", mixinStandardHelpOptions = true, versionProvider = Tusk.Version.class,
        description = "Tusk, a PostgreSQL-compatible database server.",
        subcommands = {InitdbCommand.class, PostgresCommand.class, ControlCommands.Start.class,
            ControlCommands.Stop.class, ControlCommands.Restart.class, ControlCommands.Reload.class,
            ControlCommands.Status.class, PsqlCommand.class})
public final class Tusk implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Tusk()).setCaseInsensitiveEnumValuesAllowed(true);
        // psql's options are psql's to parse: everything after "psql" is passed on as it is.
        cl.getSubcommands().get("psql").setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true);
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Build-time facts (versions), from the filtered runtime.properties. */
    static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = Tusk.class.getResourceAsStream("runtime.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** "tusk (Tusk) 0.1.0", in the style of "postgres (PostgreSQL) 15.x". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tusk (Tusk) " + buildInfo().getProperty("tusk.version", "unknown")
                    + ", PostgreSQL 15 protocol and dialect"};
        }
    }
}
