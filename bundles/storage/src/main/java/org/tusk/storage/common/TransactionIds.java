package org.tusk.storage.common;

/**
 * Transaction ids are 64-bit and never wrap around (at a million transactions a second they last
 * 290,000 years), so they compare with plain {@code <}, and no freezing for wraparound is needed.
 * The special values below are PostgreSQL's.
 */
public final class TransactionIds {

    public static final long INVALID = 0;
    /** Rows written by initdb's bootstrap: always committed, visible to everyone. */
    public static final long BOOTSTRAP = 1;
    /** A frozen row's xmin: committed and older than every snapshot. */
    public static final long FROZEN = 2;
    public static final long FIRST_NORMAL = 3;

    private TransactionIds() {
    }

    public static boolean isNormal(long xid) {
        return xid >= FIRST_NORMAL;
    }

    public static boolean isValid(long xid) {
        return xid != INVALID;
    }
}
