package org.tusk.itests.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The output of a server process, line by line: kept in memory for {@link #await}, and copied to a file
 * (under target/) for post-mortems. A daemon thread pumps the stream until it ends.
 */
public final class ServerLog {

    private final String name;
    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ServerLog(String name, Path file) {
        this.name = name;
        this.file = file;
    }

    /** Starts pumping {@code stream} into a new log written to {@code file}. */
    public static ServerLog pump(String name, InputStream stream, Path file) {
        ServerLog log = new ServerLog(name, file);
        Thread t = new Thread(() -> log.run(stream), "log-pump-" + name);
        t.setDaemon(true);
        t.start();
        return log;
    }

    private void run(InputStream stream) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
             Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.write('\n');
                w.flush();
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                lines.add("[itests] log pump failed: " + e);
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** Where the log is copied. */
    public Path file() {
        return file;
    }

    /** The number of lines so far: pass it to {@link #await(int, Predicate, Duration, String)} to look only at later lines. */
    public synchronized int mark() {
        return lines.size();
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> linesSince(int mark) {
        return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    /** True once the stream ended (the process closed it, normally by exiting). */
    public synchronized boolean ended() {
        return ended;
    }

    /** First line at or after {@code mark} that contains {@code text}, if any yet. */
    public synchronized Optional<String> find(int mark, String text) {
        return linesSince(mark).stream().filter(l -> l.contains(text)).findFirst();
    }

    public Optional<String> find(String text) {
        return find(0, text);
    }

    /** Waits for a line at or after {@code mark} containing {@code text}; fails with the log's tail after {@code timeout}. */
    public String await(int mark, String text, Duration timeout) {
        return await(mark, l -> l.contains(text), timeout, "a line containing '" + text + "'");
    }

    public String await(String text, Duration timeout) {
        return await(0, text, timeout);
    }

    /** Waits for a line at or after {@code mark} matching {@code regex} (find, not full match). */
    public String awaitPattern(int mark, Pattern regex, Duration timeout) {
        return await(mark, l -> regex.matcher(l).find(), timeout, "a line matching /" + regex + "/");
    }

    /** Waits for a line at or after {@code mark} accepted by {@code condition}. */
    public synchronized String await(int mark, Predicate<String> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = mark;
        while (true) {
            for (; next < lines.size(); next++) {
                if (condition.test(lines.get(next))) {
                    return lines.get(next);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError(name + ": no " + what.replaceFirst("^a ", "") + " within " + timeout
                        + (ended ? " (the process output ended)" : "") + "\n" + tail(60));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Waits (bounded) until the stream has ended, so the log is complete after the process exited. */
    public synchronized void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last {@code n} lines, framed, for failure messages. */
    public synchronized String tail(int n) {
        List<String> last = lines.subList(Math.max(0, lines.size() - n), lines.size());
        return "----- last " + last.size() + " of " + lines.size() + " lines of " + name + " (" + file + ") -----\n"
                + String.join("\n", last) + "\n----- end of " + name + " -----";
    }

    static Path logFile(String prefix) {
        try {
            Path dir = Path.of(System.getProperty("tusk.itests.work.dir", "target/itests-work"), "logs");
            Files.createDirectories(dir);
            return Files.createTempFile(dir, prefix + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
