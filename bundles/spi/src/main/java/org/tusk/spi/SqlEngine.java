package org.tusk.spi;

/**
 * Where a backend hands SQL: the SQL engine, published as a service. A backend opens one session when
 * the client has been authenticated and keeps it for the connection's lifetime.
 */
public interface SqlEngine {

    /**
     * Opens a session for an authenticated client.
     *
     * @throws SqlException (FATAL) if the session cannot be established, e.g. the database does not exist
     */
    SqlSession openSession(SessionInfo info);
}
