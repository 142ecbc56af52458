package org.tusk.protocol;

import java.io.IOException;

/**
 * Bytes that do not form a valid message. Carries the SQLSTATE the server reports for it (08P01,
 * protocol_violation, unless a more specific code applies) so the peer can be told why before the
 * connection is closed.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** PostgreSQL's protocol_violation. */
    public static final String PROTOCOL_VIOLATION = "08P01";

    private final String sqlState;

    public ProtocolException(String message) {
        this(PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
