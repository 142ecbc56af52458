package org.tusk.backend.internal;

import org.tusk.protocol.ErrorFields;

/**
 * A condition that ends the session: the client gets a FATAL ErrorResponse (unless it has been told
 * already) and the connection is closed.
 */
final class FatalException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorFields fields;
    private final String logDetail;

    FatalException(String sqlState, String message) {
        this(ErrorFields.of("FATAL", sqlState, message).build());
    }

    FatalException(ErrorFields fields) {
        this(fields, null);
    }

    /**
     * @param logDetail what only the server log is told (PostgreSQL's errdetail_log), or null
     */
    FatalException(ErrorFields fields, String logDetail) {
        super(fields.message(), null, false, false);
        this.fields = fields;
        this.logDetail = logDetail;
    }

    private FatalException() {
        super("already reported to the client", null, false, false);
        this.fields = null;
        this.logDetail = null;
    }

    /** The DETAIL for the server log: the log-only detail, else the client's. */
    String logDetail() {
        return logDetail != null ? logDetail : fields == null ? null : fields.get(ErrorFields.DETAIL);
    }

    /** The session ends; the client has already been told why in a form it understands. */
    static FatalException alreadyReported() {
        return new FatalException();
    }

    ErrorFields fields() {
        return fields;
    }
}
