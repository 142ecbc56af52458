package org.tusk.spi;

import org.tusk.protocol.ErrorFields;

/**
 * An error raised while executing SQL, with every field PostgreSQL would report (SQLSTATE, message,
 * detail, hint, position, ...). The backend turns it into an ErrorResponse; the session continues
 * unless the severity is FATAL.
 */
public class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorFields fields;

    public SqlException(ErrorFields fields) {
        super(fields.message(), null, false, false);
        this.fields = fields;
    }

    /** An ERROR with a SQLSTATE and message. */
    public SqlException(String sqlState, String message) {
        this(ErrorFields.of("ERROR", sqlState, message).build());
    }

    /** An ERROR with a 1-based position into the statement text. */
    public static SqlException at(String sqlState, String message, int position) {
        return new SqlException(ErrorFields.of("ERROR", sqlState, message).position(position).build());
    }

    public ErrorFields fields() {
        return fields;
    }

    public String sqlState() {
        return fields.sqlState();
    }
}
