package org.tusk.client;

import org.tusk.client.internal.DefaultConnectionFactory;

/**
 * Opens connections (libpq's PQconnectdb). In OSGi the bundle registers one as a service; without OSGi
 * use {@link #standard()}.
 */
public interface ConnectionFactory {

    /** Connects with a libpq connection string (URI or keyword/value); see {@link ConnectionParameters#parse}. */
    Connection connect(String conninfo) throws PgException;

    /**
     * Connects: applies defaults ({@code PG*} variables, {@code .pgpass}), then tries each host in order
     * until one accepts the connection. Authentication failures do not move on to the next host, as in
     * libpq.
     */
    Connection connect(ConnectionParameters parameters) throws PgException;

    /** A factory reading the process's environment and home directory. */
    static ConnectionFactory standard() {
        return new DefaultConnectionFactory(ClientEnvironment.system());
    }

    /** A factory reading the given environment instead. */
    static ConnectionFactory withEnvironment(ClientEnvironment environment) {
        return new DefaultConnectionFactory(environment);
    }
}
