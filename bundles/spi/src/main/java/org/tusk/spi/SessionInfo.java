package org.tusk.spi;

import java.util.Map;

/**
 * Who a session is for: the authenticated role, the database, the startup packet's run-time
 * parameters (application_name, client_encoding, options, DateStyle, ...) and the server settings
 * that seed the session's own.
 *
 * @param user the authenticated role name
 * @param database the database name
 * @param startupParameters parameters from the startup packet other than user and database
 * @param serverSettings postgresql.conf and command-line settings at connection time
 * @param signals interrupts the executor must honour (cancel, terminate)
 * @param processId the backend's process ID, as BackendKeyData announced it (pg_backend_pid())
 * @param notifications the backend's slot in the LISTEN/NOTIFY queue; null when there is none (no
 *        shared memory), and then LISTEN and NOTIFY fail
 */
public record SessionInfo(String user, String database, Map<String, String> startupParameters,
        Map<String, String> serverSettings, BackendSignals signals, int processId,
        NotificationQueue.Endpoint notifications) {

    /** A session without LISTEN/NOTIFY. */
    public SessionInfo(String user, String database, Map<String, String> startupParameters,
            Map<String, String> serverSettings, BackendSignals signals, int processId) {
        this(user, database, startupParameters, serverSettings, signals, processId, null);
    }

    /** A session that belongs to no announced backend (tests, embedded use). */
    public SessionInfo(String user, String database, Map<String, String> startupParameters,
            Map<String, String> serverSettings, BackendSignals signals) {
        this(user, database, startupParameters, serverSettings, signals, 0);
    }
}
