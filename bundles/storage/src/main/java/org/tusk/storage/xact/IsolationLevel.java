package org.tusk.storage.xact;

/**
 * The SQL isolation levels as PostgreSQL implements them. READ UNCOMMITTED behaves as READ COMMITTED
 * (PostgreSQL never shows uncommitted data). SERIALIZABLE behaves as REPEATABLE READ for now: one
 * snapshot for the whole transaction, without the serializable snapshot isolation checks (see the
 * package README for how SSI will come).
 */
public enum IsolationLevel {
    READ_UNCOMMITTED("read uncommitted"),
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String sqlName;

    IsolationLevel(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name {@code SHOW transaction_isolation} prints. */
    public String sqlName() {
        return sqlName;
    }

    /** Whether each statement takes a new snapshot (READ COMMITTED and below). */
    public boolean snapshotPerStatement() {
        return this == READ_UNCOMMITTED || this == READ_COMMITTED;
    }
}
