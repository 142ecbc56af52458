package org.tusk.storage.engine;

/**
 * An error the engine raises with a PostgreSQL SQLSTATE (lock-manager errors keep their own
 * {@link org.tusk.storage.lmgr.LockException}, e.g. 40P01 for a deadlock).
 */
public final class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** serialization_failure. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** lock_not_available: NOWAIT found the row or relation held. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** object_not_in_prerequisite_state: e.g. no transaction in progress. */
    public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";

    private final String sqlState;

    public EngineException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }

    /** REPEATABLE READ meeting a row changed by a transaction that committed after its snapshot. */
    static EngineException concurrentUpdate() {
        return new EngineException(SERIALIZATION_FAILURE, "could not serialize access due to concurrent update");
    }

    /** The same, for a row deleted meanwhile. */
    static EngineException concurrentDelete() {
        return new EngineException(SERIALIZATION_FAILURE, "could not serialize access due to concurrent delete");
    }

    /**
     * FOR UPDATE NOWAIT meeting a row held by a running transaction. PostgreSQL names the relation
     * ("could not obtain lock on row in relation \"t\""); the storage only knows its file number, so the
     * SQL layer, which knows the name, may replace the message.
     */
    static EngineException rowLockNotAvailable(org.tusk.storage.common.RelFileLocator rel) {
        return new EngineException(LOCK_NOT_AVAILABLE,
                "could not obtain lock on row in relation " + Integer.toUnsignedString(rel.relNumber()));
    }
}
