package org.tusk.spi;

/**
 * What a backend may ask of the postmaster's registry of backends. In PostgreSQL this state lives in
 * shared memory (PMChildFlags and the ProcArray); it is reached through this interface so that the
 * storage layer can move it there without touching backends.
 */
public interface BackendRegistry {

    /**
     * Delivers a CancelRequest: if a backend with this process ID exists and its secret key matches,
     * its running statement is canceled. A mismatch is ignored silently, as in PostgreSQL, so a
     * guessed key reveals nothing.
     */
    void cancel(int processId, int secretKey);

    /**
     * Asks for one of the server's connection slots (max_connections) once the client's start-up
     * packet has been accepted; cancel requests never take one. The last
     * superuser_reserved_connections slots go only to superusers. The slot is released when the
     * backend exits.
     *
     * @return false when the server is full: the backend answers FATAL 53300
     */
    boolean admit(int processId, boolean superuser);

    /** Records what the backend is doing, for monitoring (pg_stat_activity later). */
    void reportState(int processId, BackendState state, String user, String database, String applicationName);

    /** A backend's lifecycle as PostgreSQL's pg_stat_activity.state shows it. */
    enum BackendState {
        STARTING, IDLE, ACTIVE, IDLE_IN_TRANSACTION, IDLE_IN_TRANSACTION_ABORTED
    }
}
