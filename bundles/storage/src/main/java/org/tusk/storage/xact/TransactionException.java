package org.tusk.storage.xact;

/** A transaction-control error with PostgreSQL's SQLSTATE and message text. */
public final class TransactionException extends RuntimeException {

    /** {@code 3B001} invalid_savepoint_specification. */
    public static final String INVALID_SAVEPOINT_SPECIFICATION = "3B001";
    /** {@code 25P01} no_active_sql_transaction. */
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
    /** {@code 54000} program_limit_exceeded. */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

    private final String sqlState;

    public TransactionException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
