package org.tusk.psql;

import java.util.Map;

import org.tusk.client.ClientEnvironment;
import org.tusk.client.Connection;
import org.tusk.client.ConnectionFactory;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;

/**
 * Opening a connection as psql does (command line and {@code \connect}): the parameters. The values psql
 * shows ({@code :DBNAME}, {@code :USER}, the address in {@code \conninfo}) and libpq's failure messages
 * come from the client library (PQdb, PQuser, PQhostaddr).
 */
final class Connector {

    /** An open connection with what it was opened with. */
    record Connected(Connection connection, ConnectionParameters params, String user, String db) {
    }

    private Connector() {
    }

    /** True when {@code s} is a connection string rather than a database name (psql's recognized_connection_string). */
    static boolean isConnectionString(String s) {
        return s.contains("=") || s.startsWith("postgresql://") || s.startsWith("postgres://");
    }

    /** {@code params} with {@code db} added: a database name, or a connection string whose values win. */
    static ConnectionParameters parameters(Map<String, String> params, String db) throws PgException {
        ConnectionParameters cp = ConnectionParameters.of(params);
        if (db != null) {
            if (isConnectionString(db)) {
                for (Map.Entry<String, String> e : ConnectionParameters.parse(db).asMap().entrySet()) {
                    cp = cp.with(e.getKey(), e.getValue());
                }
            } else {
                cp = cp.with("dbname", db);
            }
        }
        if (cp.get("application_name") == null) {
            cp = cp.with("fallback_application_name", "psql");
        }
        return cp;
    }

    /**
     * Connects; the exception's message is libpq's, "connection to server ... failed: " prefix included
     * (the client library adds it).
     */
    static Connected connect(ConnectionParameters cp, ClientEnvironment env) throws PgException {
        Connection conn = ConnectionFactory.withEnvironment(env).connect(cp);
        return new Connected(conn, cp, conn.user(), conn.database());
    }

    /**
     * psql's "on host ..." phrase of \\conninfo and \\connect: via socket, on host with its address when the
     * name is not an address, or on host.
     */
    static String where(Connection c) {
        String host = c.host();
        if (host.startsWith("/")) {
            return "via socket in \"" + host + "\" at port \"" + c.port() + "\"";
        }
        String address = c.hostaddr();
        return "on host \"" + host + "\"" + (address.isEmpty() || address.equals(host) ? "" : " (address \"" + address + "\")")
                + " at port \"" + c.port() + "\"";
    }

    static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
