package org.tusk.storage.access;

/**
 * Transaction isolation levels. READ UNCOMMITTED behaves as READ COMMITTED and, until serializable
 * snapshot isolation exists, SERIALIZABLE as REPEATABLE READ (both as PostgreSQL documents for the
 * first; the second is weaker than PostgreSQL's and said so in the storage README).
 */
public enum Isolation {
    READ_COMMITTED,
    REPEATABLE_READ,
    SERIALIZABLE
}
