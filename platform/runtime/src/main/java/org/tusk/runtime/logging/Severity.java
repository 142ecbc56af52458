package org.tusk.runtime.logging;

import java.util.Locale;

import org.slf4j.Marker;
import org.slf4j.event.Level;

/**
 * PostgreSQL's message severities in log_min_messages order, and how SLF4J levels map onto them:
 * INFO is LOG (the server's routine messages), WARN is WARNING, ERROR is ERROR unless marked FATAL,
 * DEBUG and TRACE are DEBUG1 and DEBUG5. Note that LOG ranks above ERROR for the server log, as in
 * PostgreSQL, so the default threshold (warning) shows it.
 */
enum Severity {
    DEBUG5, DEBUG4, DEBUG3, DEBUG2, DEBUG1, INFO, NOTICE, WARNING, ERROR, LOG, FATAL, PANIC;

    /** The marker that turns an error into a FATAL one: the session or the server ends. */
    static final String FATAL_MARKER = "FATAL";

    static Severity of(Level level, Marker marker) {
        boolean fatal = marker != null && marker.getName().equals(FATAL_MARKER);
        return switch (level) {
            case ERROR -> fatal ? FATAL : ERROR;
            case WARN -> WARNING;
            case INFO -> fatal ? FATAL : LOG;
            case DEBUG -> DEBUG1;
            case TRACE -> DEBUG5;
        };
    }

    /** Parses a log_min_messages value; unknown values leave {@code fallback}. */
    static Severity parse(String value, Severity fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
