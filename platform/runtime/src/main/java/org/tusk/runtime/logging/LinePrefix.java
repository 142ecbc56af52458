package org.tusk.runtime.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Expands PostgreSQL's log_line_prefix escapes. Session values come from the MDC of the thread that
 * logs: {@code pid}, {@code user}, {@code database}, {@code application_name}, {@code remote_host},
 * {@code remote_port}, {@code session_start} (epoch milliseconds); a thread that serves no session
 * (the postmaster, the checkpointer to come) has only its process ID, and {@code %q} ends the prefix
 * there, as in PostgreSQL.
 */
final class LinePrefix {
    /** PostgreSQL 15's default. */
    static final String DEFAULT = "%m [%p] ";

    private final String format;
    private final ZoneId zone;
    private final DateTimeFormatter millis;
    private final DateTimeFormatter seconds;

    LinePrefix(String format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
        // Zone abbreviations as PostgreSQL prints them (UTC, CET, EST) come from the US locale's names.
        this.millis = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS zzz", Locale.US).withZone(zone);
        this.seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.US).withZone(zone);
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * The prefix for a line logged at {@code when} with the thread's MDC {@code context};
     * {@code lineNumber} is the session's (or process's) line count for %l.
     */
    String expand(Instant when, Map<String, String> context, long lineNumber) {
        boolean session = context != null && context.containsKey("user");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                b.append(c);
                continue;
            }
            char e = format.charAt(++i);
            switch (e) {
                case 'm' -> b.append(millis.format(when));
                case 't' -> b.append(seconds.format(when));
                case 'n' -> b.append(when.getEpochSecond()).append('.')
                        .append(String.format("%03d", when.getNano() / 1_000_000));
                case 'p' -> b.append(value(context, "pid", Long.toString(ProcessHandle.current().pid())));
                case 'u' -> b.append(value(context, "user", ""));
                case 'd' -> b.append(value(context, "database", ""));
                case 'a' -> b.append(value(context, "application_name", ""));
                case 'h' -> b.append(value(context, "remote_host", ""));
                case 'r' -> {
                    String host = value(context, "remote_host", "");
                    String port = value(context, "remote_port", "");
                    b.append(host);
                    if (!host.isEmpty() && !port.isEmpty() && !host.equals("[local]")) {
                        b.append('(').append(port).append(')');
                    }
                }
                case 'c' -> b.append(sessionId(context));
                case 's' -> {
                    String start = value(context, "session_start", "");
                    if (!start.isEmpty()) {
                        b.append(seconds.format(Instant.ofEpochMilli(Long.parseLong(start))));
                    }
                }
                case 'l' -> b.append(lineNumber);
                case 'q' -> {
                    if (!session) {
                        return b.toString();
                    }
                }
                case '%' -> b.append('%');
                default -> {
                    // Unknown escapes print nothing, as in PostgreSQL.
                }
            }
        }
        return b.toString();
    }

    /** PostgreSQL's session ID: start time in seconds and process ID, both in hex. */
    private static String sessionId(Map<String, String> context) {
        String pid = value(context, "pid", Long.toString(ProcessHandle.current().pid()));
        String start = value(context, "session_start", "");
        long startSeconds = start.isEmpty() ? ProcessHandle.current().info().startInstant()
                .map(Instant::getEpochSecond).orElse(0L) : Long.parseLong(start) / 1000;
        return Long.toHexString(startSeconds) + "." + Long.toHexString(Long.parseLong(pid));
    }

    private static String value(Map<String, String> context, String key, String fallback) {
        if (context == null) {
            return fallback;
        }
        String v = context.get(key);
        return v == null ? fallback : v;
    }
}
