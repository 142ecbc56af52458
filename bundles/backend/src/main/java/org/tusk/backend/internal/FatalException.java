package org.tusk.backend.internal;

import org.tusk.protocol.ErrorFields;

/**
 * A condition that ends the session: the client gets a FATAL ErrorResponse (unless it has been told
 * already) and the connection is closed.
 */
final class FatalException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorFields fields;

    FatalException(String sqlState, String message) {
        this(ErrorFields.of("FATAL", sqlState, message).build());
    }

    FatalException(ErrorFields fields) {
        super(fields.message(), null, false, false);
        this.fields = fields;
    }

    private FatalException() {
        super("already reported to the client", null, false, false);
        this.fields = null;
    }

    /** The session ends; the client has already been told why in a form it understands. */
    static FatalException alreadyReported() {
        return new FatalException();
    }

    ErrorFields fields() {
        return fields;
    }
}
