package org.tusk.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tusk psql}: the interactive terminal. {@code bin/tusk} starts it directly on its own class path
 * ({@code lib/psql/}), without this runtime, since a client needs nothing of the server; this
 * subcommand lists it in {@code tusk --help} and, when the runtime is started by other means, runs the
 * same program as a child process with the same arguments and streams.
 */
@Command(name = "psql", description = "The interactive terminal: psql 15's options, output and exit codes "
        + "(for Tusk and PostgreSQL alike). Options: see \"tusk psql --help\".")
final class PsqlCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "psql's options and arguments")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path lib = Installation.current().home().resolve("lib").resolve("psql");
        if (!Files.isDirectory(lib)) {
            System.err.println("tusk psql: " + lib + " is missing from this installation");
            return 1;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", lib + "/*", "org.tusk.psql.Psql"));
        command.addAll(args);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
