package org.tusk.backend.internal;

import java.util.List;
import java.util.Locale;

import org.tusk.protocol.ErrorFields;

/**
 * The {@code replication} startup parameter. Tusk has no WAL senders, so it answers a replication
 * connection as PostgreSQL 15 does with {@code max_wal_senders = 0}: FATAL 53300 before authentication.
 * A value that does not ask for replication ({@code false}, {@code off}, {@code 0}, ...) gives a normal
 * session; anything else is refused as PostgreSQL refuses it (22023 with its hint).
 */
final class ReplicationRequest {

    private ReplicationRequest() {
    }

    /**
     * Whether the parameter's value (null when absent) asks for a replication connection; a value that is
     * neither a boolean nor {@code database} is refused here, while the startup packet is read, as
     * PostgreSQL does.
     */
    static boolean wanted(String value) throws FatalException {
        if (value == null) {
            return false;
        }
        Boolean b = parseBool(value);
        if (value.equals("database")) {
            return true;
        }
        if (b == null) {
            throw new FatalException(ErrorFields.of("FATAL", "22023",
                    "invalid value for parameter \"replication\": \"" + value + "\"")
                    .hint("Valid values are: \"false\", 0, \"true\", 1, \"database\".").build());
        }
        return b;
    }

    /** The refusal of a replication connection: PostgreSQL's when no WAL sender slot can be had. */
    static FatalException refusal() {
        return new FatalException("53300",
                "number of requested standby connections exceeds max_wal_senders (currently 0)");
    }

    /**
     * PostgreSQL's parse_bool: true, false, yes, no, on, off, 1, 0, case-insensitive, and any prefix
     * long enough to be unambiguous ({@code t}, {@code of}, but not {@code o}); null when not a boolean.
     */
    static Boolean parseBool(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.equals("1")) {
            return true;
        }
        if (v.equals("0")) {
            return false;
        }
        for (String word : List.of("true", "yes")) {
            if (!v.isEmpty() && word.startsWith(v)) {
                return true;
            }
        }
        for (String word : List.of("false", "no")) {
            if (!v.isEmpty() && word.startsWith(v)) {
                return false;
            }
        }
        if (v.equals("on")) {
            return true;
        }
        if (v.length() >= 2 && "off".startsWith(v)) {
            return false;
        }
        return null;
    }
}
