package org.tusk.storage.smgr;

/**
 * A failed operation on a relation file, with PostgreSQL's SQLSTATE and message text (an
 * {@code ereport(ERROR)} from md.c). The backend turns it into an ErrorResponse.
 */
public final class StorageException extends RuntimeException {

    /** undefined_file: the file is not there (ENOENT). */
    public static final String UNDEFINED_FILE = "58P01";
    /** io_error: any other failure of the file system call. */
    public static final String IO_ERROR = "58030";
    /** data_corrupted: a block shorter than BLCKSZ where a whole one must be. */
    public static final String DATA_CORRUPTED = "XX001";
    /** duplicate_file: creating a file that exists. */
    public static final String DUPLICATE_FILE = "58P02";
    /** program_limit_exceeded: a relation past its maximum number of blocks. */
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

    private final String sqlState;

    public StorageException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    public StorageException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public String sqlState() {
        return sqlState;
    }
}
