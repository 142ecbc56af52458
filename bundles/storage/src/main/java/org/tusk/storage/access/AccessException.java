package org.tusk.storage.access;

/**
 * An error the SQL layer reports to the client as is: a SQLSTATE and PostgreSQL's message, e.g.
 * 40001 "could not serialize access due to concurrent update", 40P01 "deadlock detected" (with the
 * detail), 55P03 "could not obtain lock on row in relation ...", 53300, 54000.
 */
public class AccessException extends RuntimeException {

    private final String sqlState;
    private final String detail;
    private final String hint;

    public AccessException(String sqlState, String message) {
        this(sqlState, message, null, null);
    }

    public AccessException(String sqlState, String message, String detail, Throwable cause) {
        this(sqlState, message, detail, null, cause);
    }

    /** With PostgreSQL's HINT line too (e.g. 40P01's "See server log for query details."). */
    public AccessException(String sqlState, String message, String detail, String hint, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
    }

    public String sqlState() {
        return sqlState;
    }

    /** PostgreSQL's DETAIL line, or null. */
    public String detail() {
        return detail;
    }

    /** PostgreSQL's HINT line, or null. */
    public String hint() {
        return hint;
    }
}
