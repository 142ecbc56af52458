package org.tusk.runtime.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * Where log lines go, and in what shape. Configured from the server settings whenever they are
 * published (at start and on reload): log_line_prefix, log_timezone, log_min_messages,
 * logging_collector with log_directory, log_filename, log_rotation_age and log_rotation_size. Until
 * then, PostgreSQL's defaults and stderr.
 */
public final class ServerLog {
    private static final PrintStream STDERR = System.err;

    private static final Object LOCK = new Object();
    private static LinePrefix prefix = new LinePrefix(LinePrefix.DEFAULT, ZoneId.systemDefault());
    private static volatile Severity threshold = Severity.WARNING;
    private static LogFiles files;
    private static long lineNumber;

    private ServerLog() {
    }

    static boolean isEnabled(Severity s) {
        return s.compareTo(threshold) >= 0;
    }

    static void write(Severity severity, Map<String, String> context, String message, Throwable error) {
        Instant now = Instant.now();
        synchronized (LOCK) {
            StringBuilder line = new StringBuilder(prefix.expand(now, context, ++lineNumber));
            line.append(severity.name()).append(":  ").append(message).append('\n');
            if (error != null) {
                StringWriter trace = new StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            if (files != null) {
                try {
                    files.write(line.toString(), now);
                    return;
                } catch (IOException e) {
                    STDERR.print("could not write to log file: " + e.getMessage() + "\n");
                }
            }
            STDERR.print(line);
            STDERR.flush();
        }
    }

    /** Applies the logging settings; {@code settings} has lower-case names as postgresql.conf gives them. */
    public static void configure(Map<String, String> settings) {
        ZoneId zone = zone(settings.get("log_timezone"));
        LinePrefix newPrefix = new LinePrefix(settings.getOrDefault("log_line_prefix", LinePrefix.DEFAULT), zone);
        Severity newThreshold = Severity.parse(settings.get("log_min_messages"), Severity.WARNING);
        LogFiles newFiles = null;
        if (isOn(settings.get("logging_collector"))) {
            Path dir = Path.of(settings.getOrDefault("log_directory", "log"));
            if (!dir.isAbsolute()) {
                dir = Path.of(settings.getOrDefault("data_directory", ".")).resolve(dir);
            }
            newFiles = new LogFiles(dir, settings.getOrDefault("log_filename", "postgresql-%Y-%m-%d_%H%M%S.log"),
                    Duration.ofMinutes(minutes(settings.getOrDefault("log_rotation_age", "1d"))),
                    bytes(settings.getOrDefault("log_rotation_size", "10MB")), zone);
        }
        synchronized (LOCK) {
            boolean startingCollector = files == null && newFiles != null;
            if (startingCollector) {
                STDERR.print(prefix.expand(Instant.now(), null, ++lineNumber)
                        + "LOG:  redirecting log output to logging collector process\n"
                        + prefix.expand(Instant.now(), null, lineNumber)
                        + "HINT:  Future log output will appear in directory \"" + newFiles.directory() + "\".\n");
            }
            if (files != null && (newFiles == null || !startingCollector)) {
                try {
                    files.close();
                } catch (IOException e) {
                    STDERR.print("could not close log file: " + e.getMessage() + "\n");
                }
            }
            files = newFiles;
            prefix = newPrefix;
            threshold = newThreshold;
        }
    }

    private static ZoneId zone(String name) {
        if (name == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name.trim());
        } catch (RuntimeException e) {
            return ZoneId.systemDefault();
        }
    }

    private static boolean isOn(String v) {
        return v != null && switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            default -> false;
        };
    }

    /** A time setting in minutes (PostgreSQL's default unit for log_rotation_age): "1d", "60min", "2h", "90". */
    static long minutes(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("min")) {
                return Long.parseLong(s.substring(0, s.length() - 3).trim());
            }
            if (s.endsWith("h")) {
                return Long.parseLong(s.substring(0, s.length() - 1).trim()) * 60;
            }
            if (s.endsWith("d")) {
                return Long.parseLong(s.substring(0, s.length() - 1).trim()) * 1440;
            }
            if (s.endsWith("s")) {
                return Long.parseLong(s.substring(0, s.length() - 1).trim()) / 60;
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 1440;
        }
    }

    /** A size setting in bytes, kB being PostgreSQL's default unit for log_rotation_size: "10MB", "512kB", "100". */
    static long bytes(String v) {
        String s = v.trim();
        long unit = 1024;
        String digits = s;
        for (String[] u : new String[][] {{"TB", "1099511627776"}, {"GB", "1073741824"}, {"MB", "1048576"},
            {"kB", "1024"}, {"B", "1"}}) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                digits = s.substring(0, s.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            return 10L * 1048576;
        }
    }
}
