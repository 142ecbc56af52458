package org.tusk.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tusk start | stop | restart | reload | status}: PostgreSQL's pg_ctl, with its options,
 * messages and exit codes (status: 0 running, 3 not running, 4 no cluster).
 */
final class ControlCommands {

    private ControlCommands() {
    }

    /** Options every control command has. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = {"-D", "--pgdata"}, paramLabel = "DATADIR", description = "location of the database storage area")
        Path dataDirectory;

        @Option(names = {"-t", "--timeout"}, paramLabel = "SECS", defaultValue = "60",
                description = "seconds to wait when using -w (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Option(names = {"-s", "--silent"}, description = "only print errors, no informational messages")
        boolean silent;

        @Option(names = {"-W", "--no-wait"}, description = "do not wait until operation completes")
        boolean noWait;

        @Option(names = {"-w", "--wait"}, description = "wait until operation completes (default)")
        boolean waitFlag;


        final PrintStream out = System.out;
        final PrintStream err = System.err;

        ServerControl control;
        DataDirectory data;

        @Override
        public final Integer call() {
            Path dir = dataDirectory != null ? dataDirectory : InitdbCommand.envPath("PGDATA");
            if (dir == null) {
                err.println("tusk: no database directory specified and environment variable PGDATA unset");
                return 1;
            }
            data = new DataDirectory(dir);
            control = new ServerControl(data, silent ? new PrintStream(PrintStream.nullOutputStream()) : out);
            return run();
        }

        abstract int run();

        void info(String s) {
            if (!silent) {
                out.print(s);
                out.flush();
            }
        }

        int noPidFile() {
            err.println("tusk: PID file \"" + control.pidFile().path() + "\" does not exist");
            err.println("Is server running?");
            return 1;
        }

        /** Starts the server, waiting for it to be ready when {@code wait}. */
        int start(boolean wait, Path logFile, String options) {
            if (control.runningPid().isPresent()) {
                err.println("tusk: another server might be running; trying to start server anyway");
            }
            Process child;
            try {
                List<String> opts = options == null ? List.of() : splitOptions(options);
                child = control.spawn(Installation.current(), opts, logFile);
            } catch (java.nio.file.AccessDeniedException e) {
                err.println("tusk: could not open file \"" + e.getFile() + "\": Permission denied");
                return 1;
            } catch (IOException e) {
                err.println("tusk: could not start server: " + e);
                return 1;
            }
            if (!wait) {
                info("server starting\n");
                return 0;
            }
            info("waiting for server to start...");
            boolean ready = control.await(() -> !child.isAlive() || control.isReady(child.pid()),
                    Duration.ofSeconds(timeoutSeconds));
            if (ready && child.isAlive()) {
                info(" done\nserver started\n");
                return 0;
            }
            info(" stopped waiting\n");
            if (child.isAlive()) {
                err.println("tusk: server did not start in time");
            } else {
                err.println("tusk: could not start server");
                err.println("Examine the log output.");
            }
            return 1;
        }

        /**
         * Splits {@code -o} the way a shell would (pg_ctl hands it to one): on blanks outside quotes,
         * with single and double quotes grouping and a backslash escaping the next character.
         */
        static List<String> splitOptions(String options) {
            List<String> words = new java.util.ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < options.length(); i++) {
                char c = options.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"' && i + 1 < options.length()) {
                        word.append(options.charAt(++i));
                    } else {
                        word.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    if (word == null) {
                        word = new StringBuilder();
                    }
                    if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (c == '\\' && i + 1 < options.length()) {
                        word.append(options.charAt(++i));
                    } else {
                        word.append(c);
                    }
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }

        /** Stops the running server with {@code mode}; returns the exit status. */
        int stop(String mode, boolean wait) {
            Optional<Long> pidInFile = control.pidFile().readPid();
            if (pidInFile.isEmpty()) {
                return noPidFile();
            }
            long pid = pidInFile.get();
            if (!PidFile.isServerRunning(pid)) {
                err.println("tusk: could not send stop signal (PID: " + pid + "): No such process");
                return 1;
            }
            int signal = switch (mode) {
                case "smart" -> ProcessSignals.SIGTERM;
                case "immediate" -> ProcessSignals.SIGKILL; // SIGQUIT belongs to the JVM
                default -> ProcessSignals.SIGINT;
            };
            if (!ProcessSignals.send(pid, signal)) {
                err.println("tusk: could not send stop signal (PID: " + pid + ")");
                return 1;
            }
            if (!wait) {
                info("server shutting down\n");
                return 0;
            }
            info("waiting for server to shut down...");
            boolean stopped = control.await(() -> !PidFile.isServerRunning(pid), Duration.ofSeconds(timeoutSeconds));
            if (!stopped) {
                info(" failed\n");
                err.println("tusk: server does not shut down");
                return 1;
            }
            info(" done\nserver stopped\n");
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts the server in the background.")
    static final class Start extends Base {
        @Mixin
        StartOptions startOptions;


        @Override
        int run() {
            return start(!noWait, startOptions.logFile, startOptions.options);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops the running server.")
    static final class Stop extends Base {
        @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "fast",
                description = "smart (wait for sessions), fast (end sessions; default) or immediate (exit at once)")
        ShutdownMode mode;

        @Override
        int run() {
            return stop(mode.name(), !noWait);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stops the server, then starts it.")
    static final class Restart extends Base {
        @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "fast",
                description = "shutdown mode: smart, fast (default) or immediate")
        ShutdownMode mode;

        @Mixin
        StartOptions startOptions;

        @Override
        int run() {
            if (control.runningPid().isPresent()) {
                int stopped = stop(mode.name(), true);
                if (stopped != 0) {
                    return stopped;
                }
            } else {
                err.println("tusk: PID file \"" + control.pidFile().path() + "\" does not exist");
                err.println("Is server running?");
                err.println("trying to start server anyway");
            }
            return start(!noWait, startOptions.logFile, startOptions.options);
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Makes the server re-read its configuration files (SIGHUP).")
    static final class Reload extends Base {
        @Override
        int run() {
            Optional<Long> pid = control.runningPid();
            if (pid.isEmpty()) {
                return noPidFile();
            }
            if (!ProcessSignals.send(pid.get(), ProcessSignals.SIGHUP)) {
                err.println("tusk: could not send reload signal (PID: " + pid.get() + ")");
                return 1;
            }
            info("server signaled\n");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Tells whether the server is running.")
    static final class Status extends Base {
        @Override
        int run() {
            if (!java.nio.file.Files.isRegularFile(data.path().resolve(DataDirectory.VERSION_FILE))) {
                err.println("tusk: directory \"" + data.path() + "\" is not a database cluster directory");
                return 4;
            }
            Optional<Long> pid = control.runningPid();
            if (pid.isEmpty()) {
                out.println("tusk: no server running");
                return 3;
            }
            out.println("tusk: server is running (PID: " + pid.get() + ")");
            ProcessHandle.of(pid.get()).flatMap(p -> p.info().commandLine()).ifPresent(out::println);
            return 0;
        }
    }

    /** What start and restart take besides the common options. */
    static final class StartOptions {
        @Option(names = {"-l", "--log"}, paramLabel = "FILENAME", description = "write (or append) server log to FILENAME")
        Path logFile;

        @Option(names = {"-o", "--options"}, paramLabel = "OPTIONS",
                description = "command line options to pass to tusk postgres")
        String options;
    }

    /** pg_ctl's shutdown modes. */
    enum ShutdownMode {
        smart, fast, immediate
    }
}
