package org.tusk.sql.session;

/**
 * Where a session stands with respect to transactions (a reduced TBLOCK state machine of
 * PostgreSQL's xact.c). The states and their transitions are PostgreSQL's; the storage transaction
 * that goes with them is kept by {@link StorageTransaction}, and savepoints (subtransactions) by the
 * session's list of their names.
 */
enum TransactionBlock {
    /** No transaction: between queries, outside BEGIN ... COMMIT. */
    IDLE,
    /** The implicit transaction wrapping the statements of one query string. */
    IMPLICIT,
    /** Inside BEGIN ... COMMIT. */
    EXPLICIT,
    /** Inside BEGIN ... COMMIT after an error: only COMMIT or ROLLBACK is accepted. */
    FAILED;

    /** ReadyForQuery's transaction status byte. */
    char status() {
        return switch (this) {
            case EXPLICIT -> 'T';
            case FAILED -> 'E';
            default -> 'I';
        };
    }
}
