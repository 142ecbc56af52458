package org.tusk.storage.lmgr;

/**
 * What a {@link LockTag} names (PostgreSQL's {@code LockTagType}), with the name {@code pg_locks.locktype}
 * shows. Stored in shared memory by ordinal, so new kinds go at the end.
 */
public enum LockTagType {
    /** A whole relation: (database oid, relation oid). Database 0 for shared catalogs. */
    RELATION("relation"),
    /** One tuple: (database oid, relation oid, block number, offset number). */
    TUPLE("tuple"),
    /** A transaction id (64-bit), held exclusively by its own transaction until it ends. */
    TRANSACTION("transactionid"),
    /** A non-relation database object: (database oid, class oid, object oid, sub-id). */
    OBJECT("object"),
    /** An advisory lock: (database oid, key high, key low, 1 for a bigint key or 2 for two int keys). */
    ADVISORY("advisory");

    private static final LockTagType[] TYPES = values();

    private final String pgName;

    LockTagType(String pgName) {
        this.pgName = pgName;
    }

    /** The {@code pg_locks.locktype} value. */
    public String pgName() {
        return pgName;
    }

    static LockTagType of(int ordinal) {
        if (ordinal < 0 || ordinal >= TYPES.length) {
            throw new IllegalStateException("corrupt lock tag type " + ordinal);
        }
        return TYPES[ordinal];
    }
}
