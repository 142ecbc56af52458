package org.tusk.storage.lmgr;

/**
 * Why a lock wait was interrupted from outside ({@link LockManager#cancelWait}), with the error
 * PostgreSQL 15 raises in each case (ProcessInterrupts).
 */
public enum CancelReason {
    USER_REQUEST(LockException.QUERY_CANCELED, "canceling statement due to user request"),
    STATEMENT_TIMEOUT(LockException.QUERY_CANCELED, "canceling statement due to statement timeout"),
    LOCK_TIMEOUT(LockException.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");

    private static final CancelReason[] REASONS = values();

    private final String sqlState;
    private final String message;

    CancelReason(String sqlState, String message) {
        this.sqlState = sqlState;
        this.message = message;
    }

    public String sqlState() {
        return sqlState;
    }

    public String message() {
        return message;
    }

    static CancelReason of(int ordinal) {
        return REASONS[ordinal];
    }
}
