package org.tusk.psql;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.tusk.client.ClientEnvironment;
import org.tusk.client.Connection;
import org.tusk.client.ConnectionFactory;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;
import org.tusk.client.ServerException;

/**
 * Opening a connection as psql does (command line and {@code \connect}): the parameters, libpq's
 * defaults for the values psql shows ({@code :DBNAME}, {@code :USER}), and libpq's failure messages.
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
     * Connects; the exception's message is libpq's, including the "connection to server ... failed: "
     * prefix the client library leaves out for a server's refusal.
     */
    static Connected connect(ConnectionParameters cp, ClientEnvironment env) throws PgException {
        Connection conn;
        try {
            conn = ConnectionFactory.withEnvironment(env).connect(cp);
        } catch (ServerException e) {
            throw new PgException(serverPrefix(cp, env) + e.getMessage(), e);
        }
        // libpq's defaults (the client library does not expose PQdb/PQuser).
        String user = firstNonEmpty(cp.get("user"), env.getenv("PGUSER"), env.osUserName());
        String db = firstNonEmpty(cp.get("dbname"), env.getenv("PGDATABASE"), user);
        return new Connected(conn, cp, user, db);
    }

    /** libpq's "connection to server at "HOST", port N failed: " (or "on socket "PATH"") for one host. */
    static String serverPrefix(ConnectionParameters cp, ClientEnvironment env) {
        String host = firstNonEmpty(cp.get("host"), env.getenv("PGHOST"), env.defaultSocketDirectory());
        String port = firstNonEmpty(cp.get("port"), env.getenv("PGPORT"), "5432");
        if (host.startsWith("/")) {
            return "connection to server on socket \"" + host + "/.s.PGSQL." + port + "\" failed: ";
        }
        String address = cp.get("hostaddr") != null ? cp.get("hostaddr") : address(host);
        String shown = "\"" + host + "\"" + (address.equals(host) ? "" : " (" + address + ")");
        return "connection to server at " + shown + ", port " + port + " failed: ";
    }

    /** PQhostaddr for a host name: the address it resolves to (the literal itself for an address). */
    static String address(String host) {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return host;
        }
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /**
     * psql's "on host ..." phrase of \conninfo and \connect: via socket, on host with its address when the
     * name is not an address, or on host.
     */
    static String where(Connection c) {
        String host = c.host();
        if (host.startsWith("/")) {
            return "via socket in \"" + host + "\" at port \"" + c.port() + "\"";
        }
        String address = address(host);
        return "on host \"" + host + "\"" + (address.equals(host) ? "" : " (address \"" + address + "\")")
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
