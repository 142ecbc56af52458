package org.tusk.psql;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code \o}, {@code \g} and {@code -o} send query output (psql's openQueryOutputFile): a file, or
 * with {@code |command} the standard input of {@code /bin/sh -c command}, whose own output goes to
 * psql's standard output and error. Closing a pipe waits for the command to end, as pclose does, so
 * its output is complete before psql prints anything else.
 */
final class Outputs {

    private Outputs() {
    }

    /**
     * Opens {@code target} ({@code |command} or a file name, already tilde-expanded).
     *
     * @param environment applies {@code \setenv}'s changes to the command
     */
    static PrintStream open(String target, java.util.function.Consumer<ProcessBuilder> environment) throws IOException {
        if (!target.startsWith("|")) {
            return new PrintStream(Files.newOutputStream(Path.of(target)), false, StandardCharsets.UTF_8);
        }
        System.out.flush();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", target.substring(1))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        environment.accept(pb);
        Process p = pb.start();
        return new Pipe(p);
    }

    /** A command's standard input; close() waits for the command. */
    private static final class Pipe extends PrintStream {
        private final Process process;

        Pipe(Process process) {
            super(process.getOutputStream(), false, StandardCharsets.UTF_8);
            this.process = process;
        }

        /** PrintStream.close() closes its writers, which call close() again: only the outer call waits. */
        private boolean closing;

        @Override
        public void close() {
            if (closing) {
                super.close();
                return;
            }
            closing = true;
            super.close();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
