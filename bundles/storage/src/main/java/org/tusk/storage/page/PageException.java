package org.tusk.storage.page;

/**
 * An error raised by the page layer with the SQLSTATE PostgreSQL reports for it. The storage bundle
 * does not depend on the SQL layer, so the executor turns this into its own error type, keeping the
 * SQLSTATE and the message.
 */
public class PageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** ERRCODE_DATA_CORRUPTED: a page read from disk failed validation. */
    public static final String DATA_CORRUPTED = "XX001";
    /** ERRCODE_PROGRAM_LIMIT_EXCEEDED: a row or index entry larger than a page can hold. */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

    private final String sqlState;

    public PageException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
