package org.tusk.sql.session;

import java.time.Instant;

import org.tusk.storage.access.BackendActivity;
import org.tusk.storage.access.StorageSession;

/**
 * What the session tells the storage's shared status area about itself, for pg_stat_activity
 * (PostgreSQL's pgstat_bestart and pgstat_report_activity): "active" with the statement's text when a
 * query string, Parse, Bind or Execute starts; "idle", "idle in transaction" or "idle in transaction
 * (aborted)" when the session waits for its client again (after a query string, at Sync). A report is
 * a few stores into shared memory, so it is made every time, as PostgreSQL does.
 */
final class ActivityReport {
    private final StorageSession storage;
    /** The start of the statement last reported, kept while idle (query_start). */
    private long queryStart;

    /** Reports nothing when {@code storage} is null (a session without storage). */
    ActivityReport(StorageSession storage) {
        this.storage = storage;
    }

    void started(int processId, int databaseOid, String user, String applicationName) {
        if (storage != null) {
            storage.reportBackendStart(processId, databaseOid, user, applicationName, micros(Instant.now()));
        }
    }

    /**
     * A statement starts. {@code query} null keeps the text shown; {@code transactionStart} is ignored
     * when no transaction is open yet (the statement's own implicit one starts with it).
     */
    void active(String query, TransactionBlock block, Instant transactionStart, Instant statementStart) {
        if (storage == null) {
            return;
        }
        queryStart = micros(statementStart);
        storage.reportActivity(BackendActivity.State.ACTIVE, query,
                block == TransactionBlock.IDLE ? queryStart : micros(transactionStart), queryStart, queryStart);
    }

    /** The session waits for its client, in the transaction state {@code block}. */
    void waiting(TransactionBlock block, Instant transactionStart) {
        if (storage == null) {
            return;
        }
        BackendActivity.State state = switch (block) {
            case IDLE -> BackendActivity.State.IDLE;
            case FAILED -> BackendActivity.State.IDLE_IN_TRANSACTION_ABORTED;
            default -> BackendActivity.State.IDLE_IN_TRANSACTION;
        };
        storage.reportActivity(state, null, block == TransactionBlock.IDLE ? 0 : micros(transactionStart),
                queryStart, micros(Instant.now()));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
