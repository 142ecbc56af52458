package org.tusk.itests.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command with a time limit, capturing stdout and stderr (through files: no pipe can fill up). */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command}; {@code env} entries with a null value are removed from the inherited environment.
     *
     * @throws AssertionError if it does not finish within {@code timeout} (it is killed, with its children)
     */
    public static CommandResult run(List<String> command, Map<String, String> env, Duration timeout) {
        return run(command, env, new File("/dev/null"), false, timeout);
    }

    /**
     * Runs {@code command} reading {@code stdin}; with {@code mergeStderr} both streams go, interleaved as
     * written, to {@link CommandResult#stdout()} (like a shell's {@code 2>&1}), and stderr is empty.
     */
    public static CommandResult run(List<String> command, Map<String, String> env, File stdin, boolean mergeStderr,
            Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("itests-cmd-", ".out");
            err = Files.createTempFile("itests-cmd-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(stdin))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectErrorStream(mergeStderr);
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Unix.terminateTree(p, Duration.ofSeconds(2));
                throw new AssertionError("command did not finish within " + timeout + ": " + command
                        + "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
                        + "--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new CommandResult(p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    public static CommandResult run(List<String> command, Duration timeout) {
        return run(command, Map.of(), timeout);
    }

    /** Runs and fails unless the exit code is 0. */
    public static CommandResult runChecked(List<String> command, Duration timeout) {
        return runChecked(command, Map.of(), timeout);
    }

    /** Runs with extra environment and fails unless the exit code is 0. */
    public static CommandResult runChecked(List<String> command, Map<String, String> env, Duration timeout) {
        CommandResult r = run(command, env, timeout);
        if (r.exitCode() != 0) {
            throw new AssertionError("command failed: " + command + "\n" + r.describe());
        }
        return r;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // temp file, best effort
            }
        }
    }
}
