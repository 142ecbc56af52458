package org.tusk.sql.session;

import java.time.Duration;

import org.tusk.protocol.ErrorFields;
import org.tusk.spi.SqlException;
import org.tusk.sql.catalog.BackendDatabase;
import org.tusk.storage.access.AccessException;
import org.tusk.storage.access.Isolation;
import org.tusk.storage.access.StorageSession;

/**
 * The storage side of a session's transaction (the part of PostgreSQL's xact.c that talks to the
 * transaction manager). The session decides where transactions and statements begin and end (its
 * {@link TransactionBlock} state machine); this class passes that on to the {@link StorageSession}.
 *
 * <p>The storage transaction begins lazily, with the first statement that reads or writes relations
 * (or the first SAVEPOINT), because its isolation level is fixed then: as in PostgreSQL, {@code BEGIN;
 * SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SELECT ...} is legal, and the level may not change
 * once the first snapshot has been taken. Without storage (the engine in expression-only mode) every
 * method does nothing.
 */
final class StorageTransaction {
    private final BackendDatabase database;
    /** Whether {@link StorageSession#begin} has been called for the current transaction. */
    private boolean begun;
    /** Whether a statement has taken a snapshot in the current transaction. */
    private boolean snapshotTaken;

    StorageTransaction(BackendDatabase database) {
        this.database = database;
    }

    /** The backend's database, or null without storage. */
    BackendDatabase database() {
        return database;
    }

    /** True once a statement of the current transaction has taken a snapshot. */
    boolean snapshotTaken() {
        return snapshotTaken;
    }

    /**
     * A statement that may use relations is about to run: begins the storage transaction if this is
     * its first, and takes the statement's snapshot.
     *
     * @param isolation       transaction_isolation as the settings spell it
     * @param deadlockTimeout deadlock_timeout in milliseconds
     * @param lockTimeout     lock_timeout in milliseconds (0: wait as long as it takes)
     */
    void startStatement(String isolation, long deadlockTimeout, long lockTimeout) {
        if (database == null) {
            return;
        }
        StorageSession s = database.storage();
        try {
            begin(isolation);
            if (snapshotTaken) {
                // What the previous statement wrote becomes visible to this one (PostgreSQL's
                // CommandCounterIncrement between the statements of a transaction).
                s.commandCounterIncrement();
            }
            s.setDeadlockTimeout(Duration.ofMillis(deadlockTimeout));
            s.setLockTimeout(Duration.ofMillis(lockTimeout));
            s.startStatement();
            snapshotTaken = true;
            database.statementStarted();
        } catch (AccessException e) {
            throw toSql(e);
        }
    }

    private void begin(String isolation) {
        if (!begun) {
            database.storage().begin(isolation(isolation));
            begun = true;
        }
    }

    /** Makes what the transaction wrote so far visible to its next command (after DDL, for instance). */
    void commandCounterIncrement() {
        if (begun) {
            database.storage().commandCounterIncrement();
        }
    }

    void savepoint(String name, String isolation) {
        if (database == null) {
            return;
        }
        try {
            begin(isolation);
            database.storage().savepoint(name);
        } catch (AccessException e) {
            throw toSql(e);
        }
    }

    void releaseSavepoint(String name) {
        if (begun) {
            try {
                database.storage().releaseSavepoint(name);
            } catch (AccessException e) {
                throw toSql(e);
            }
        }
    }

    void rollbackToSavepoint(String name) {
        if (begun) {
            try {
                database.storage().rollbackToSavepoint(name);
            } catch (AccessException e) {
                throw toSql(e);
            }
        }
    }

    /**
     * Commits the storage transaction. If the commit fails the transaction is rolled back and the
     * error goes to the client, as a failed COMMIT in PostgreSQL.
     *
     * @param synchronousCommit synchronous_commit is not off (whether the commit waits for its WAL flush)
     */
    void commit(boolean synchronousCommit) {
        if (!begun) {
            return;
        }
        StorageSession s = database.storage();
        try {
            s.setSynchronousCommit(synchronousCommit);
            s.commit();
        } catch (AccessException e) {
            abort();
            throw toSql(e);
        }
        ended();
    }

    /** Rolls the storage transaction back (harmless when none is open). */
    void abort() {
        if (!begun) {
            return;
        }
        try {
            database.storage().abort();
        } finally {
            ended();
        }
    }

    private void ended() {
        begun = false;
        snapshotTaken = false;
        database.transactionEnded();
    }

    /** The session ends: an open transaction is rolled back and the backend's storage slot freed. */
    void close() {
        if (database != null) {
            begun = false;
            database.close();
        }
    }

    private static Isolation isolation(String setting) {
        return switch (setting) {
            case "repeatable read" -> Isolation.REPEATABLE_READ;
            case "serializable" -> Isolation.SERIALIZABLE;
            // READ UNCOMMITTED is READ COMMITTED, as in PostgreSQL.
            default -> Isolation.READ_COMMITTED;
        };
    }

    /** A storage error as the client sees it: its SQLSTATE, message and detail, as an ERROR. */
    static SqlException toSql(AccessException e) {
        ErrorFields.Builder b = ErrorFields.of("ERROR", e.sqlState(), e.getMessage());
        if (e.detail() != null) {
            b.set(ErrorFields.DETAIL, e.detail());
        }
        return new SqlException(b.build());
    }
}
