package org.tusk.client;

/** The transaction status in the last ReadyForQuery (libpq's PQtransactionStatus). */
public enum TransactionStatus {
    /** 'I': not in a transaction block. */
    IDLE,
    /** 'T': in a transaction block. */
    IN_TRANSACTION,
    /** 'E': in a failed transaction block. */
    IN_ERROR;

    public static TransactionStatus of(char c) {
        return switch (c) {
            case 'T' -> IN_TRANSACTION;
            case 'E' -> IN_ERROR;
            default -> IDLE;
        };
    }
}
