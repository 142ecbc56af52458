package org.tusk.spi;

/**
 * Authentication did not succeed. The client is told only PostgreSQL's generic message (SQLSTATE
 * 28P01 or 28000) while {@code logDetail} goes to the server log, as PostgreSQL separates what the
 * client sees from what the administrator sees.
 */
public class AuthenticationFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String logDetail;

    public AuthenticationFailedException(String sqlState, String message, String logDetail) {
        super(message);
        this.sqlState = sqlState;
        this.logDetail = logDetail;
    }

    public String sqlState() {
        return sqlState;
    }

    public String logDetail() {
        return logDetail;
    }
}
