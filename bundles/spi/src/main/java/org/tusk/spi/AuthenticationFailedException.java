package org.tusk.spi;

/**
 * Authentication did not succeed. The client is told only PostgreSQL's generic message (SQLSTATE
 * 28P01 or 28000) while {@code logDetail} goes to the server log, as PostgreSQL separates what the
 * client sees from what the administrator sees. Protocol violations during an exchange (SQLSTATE 08P01,
 * "malformed SCRAM message") also carry a {@code detail} the client is shown, as PostgreSQL's errdetail.
 */
public class AuthenticationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String detail;
    private final String logDetail;

    public AuthenticationFailedException(String sqlState, String message, String logDetail) {
        this(sqlState, message, null, logDetail);
    }

    /**
     * @param detail shown to the client and logged (PostgreSQL's errdetail), or null
     * @param logDetail only logged (PostgreSQL's errdetail_log), or null
     */
    public AuthenticationFailedException(String sqlState, String message, String detail, String logDetail) {
        super(message);
        this.sqlState = sqlState;
        this.detail = detail;
        this.logDetail = logDetail;
    }

    /** What the client is told besides the message, or null. */
    public String detail() {
        return detail;
    }

    public String sqlState() {
        return sqlState;
    }

    public String logDetail() {
        return logDetail;
    }
}
