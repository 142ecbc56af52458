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
     * Asks to be admitted once the client's start-up packet has been accepted (PostgreSQL's
     * canAcceptConnections and its check for a free process slot). Cancel requests never ask. The
     * answer is refused while the server shuts down or recovers from a crash, and when the
     * max_connections slots are taken (the last superuser_reserved_connections of them go only to
     * superusers). A slot, once given, is released when the backend exits. The backend, not the
     * postmaster, tells the client, so that TLS negotiation happens first as in PostgreSQL.
     */
    Admission admit(int processId, boolean superuser);

    /** The answer to {@link #admit}. */
    enum Admission {
        ADMITTED, TOO_MANY_CLIENTS, SHUTTING_DOWN, IN_RECOVERY
    }

    /** Records what the backend is doing, for monitoring (pg_stat_activity later). */
    void reportState(int processId, BackendState state, String user, String database, String applicationName);

    /** A backend's lifecycle as PostgreSQL's pg_stat_activity.state shows it. */
    enum BackendState {
        STARTING, IDLE, ACTIVE, IDLE_IN_TRANSACTION, IDLE_IN_TRANSACTION_ABORTED
    }
}
