package org.tusk.storage.lmgr;

/**
 * An error the lock manager reports to the current statement, with what an ErrorResponse needs:
 * SQLSTATE, primary message, detail and hint (any may be null but the first two). The SQL engine turns
 * it into an ERROR; the transaction is then aborted and must call {@link BackendLocks#releaseAll}.
 *
 * <p>The texts are PostgreSQL 15's. For {@link #LOCK_NOT_AVAILABLE} the lock manager only knows oids,
 * so it says "could not obtain lock on relation 16384 of database 5"; callers that know the
 * relation's name (LOCK TABLE ... NOWAIT, SELECT ... FOR UPDATE NOWAIT) catch it and rethrow
 * PostgreSQL's "could not obtain lock on relation \"t\"" or "could not obtain lock on row in relation
 * \"t\"" with {@link #withMessage}.
 */
public final class LockException extends RuntimeException {

    /** ERRCODE_T_R_DEADLOCK_DETECTED. */
    public static final String DEADLOCK_DETECTED = "40P01";
    /** ERRCODE_LOCK_NOT_AVAILABLE: NOWAIT failed, or lock_timeout expired. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** ERRCODE_OUT_OF_MEMORY, which PostgreSQL also uses for a full lock table. */
    public static final String OUT_OF_MEMORY = "53200";
    /** ERRCODE_QUERY_CANCELED: cancel request or statement_timeout. */
    public static final String QUERY_CANCELED = "57014";

    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String detail;
    private final String hint;
    private final transient LockTag tag;

    LockException(String sqlState, String message, String detail, String hint, LockTag tag) {
        super(message);
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.tag = tag;
    }

    static LockException deadlock(String detail, LockTag tag) {
        return new LockException(DEADLOCK_DETECTED, "deadlock detected", detail,
                "See server log for query details.", tag);
    }

    static LockException notAvailable(LockTag tag) {
        return new LockException(LOCK_NOT_AVAILABLE, "could not obtain lock on " + tag.describe(), null, null, tag);
    }

    static LockException outOfSharedMemory(LockTag tag) {
        return new LockException(OUT_OF_MEMORY, "out of shared memory", null,
                "You might need to increase max_locks_per_transaction.", tag);
    }

    static LockException cancelled(CancelReason reason, LockTag tag) {
        return new LockException(reason.sqlState(), reason.message(), null, null, tag);
    }

    /** The same error with another primary message (for callers that know the object's name). */
    public LockException withMessage(String message) {
        return new LockException(sqlState, message, detail, hint, tag);
    }

    public String sqlState() {
        return sqlState;
    }

    /** The DETAIL field, or null. */
    public String detail() {
        return detail;
    }

    /** The HINT field, or null. */
    public String hint() {
        return hint;
    }

    /** The lock being requested when the error happened (null after deserialization). */
    public LockTag tag() {
        return tag;
    }
}
