package org.tusk.itests.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Tusk server and a reference PostgreSQL 15 side by side, for pgjdbc tests that hold Tusk to what
 * PostgreSQL does: {@link #onBoth} runs the same check on PostgreSQL first, then on Tusk, so a check that
 * fails on the reference is a wrong test, not a Tusk bug, and the failure names the server.
 *
 * <p>A JUnit extension: {@code @RegisterExtension static final ServerPair servers = new ServerPair();}
 * starts both servers before the class's first test and stops them after its last.
 */
public final class ServerPair implements BeforeAllCallback, AfterAllCallback {

    /** The servers by the names {@link #connect} takes, in the order {@link #onBoth} visits them. */
    public static final List<String> SERVERS = List.of("postgres", "tusk");

    /** A check run on one connection. */
    @FunctionalInterface
    public interface OnConnection {
        void run(Connection c) throws SQLException;
    }

    private TuskServer tusk;
    private PostgresReference postgres;
    /** JVM options for the Tusk server (TUSK_JAVA_OPTS), or null for the defaults. */
    private final String tuskJavaOptions;

    public ServerPair() {
        this(null);
    }

    /** A pair whose Tusk server runs with these JVM options (e.g. a small -Xmx, to show what it does not keep). */
    public ServerPair(String tuskJavaOptions) {
        this.tuskJavaOptions = tuskJavaOptions;
    }

    /** Starts both servers (Tusk first); if PostgreSQL fails to start, Tusk is stopped again. */
    @Override
    public void beforeAll(ExtensionContext context) {
        tusk = tuskJavaOptions == null ? TuskServer.start()
                : TuskServer.builder().javaOptions(tuskJavaOptions).start();
        try {
            postgres = PostgresReference.start();
        } catch (RuntimeException | Error e) {
            tusk.close();
            tusk = null;
            throw e;
        }
    }

    /**
     * A pgjdbc connection to database postgres as the superuser on {@code server} ("postgres" or "tusk");
     * {@code options} are extra URL parameters, each starting with {@code &}.
     */
    public Connection connect(String server, String options) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host(server) + ":" + port(server)
                + "/postgres?user=postgres&sslmode=disable&connectTimeout=10&socketTimeout=60" + options);
    }

    /** The address {@code server} ("postgres" or "tusk") listens on, for command-line clients too. */
    public String host(String server) {
        return isTusk(server) ? tusk.host() : postgres.host();
    }

    /** The port {@code server} ("postgres" or "tusk") listens on. */
    public int port(String server) {
        return isTusk(server) ? tusk.port() : postgres.port();
    }

    private static boolean isTusk(String server) {
        return switch (server) {
            case "tusk" -> true;
            case "postgres" -> false;
            default -> throw new IllegalArgumentException("no server " + server);
        };
    }

    /** Runs {@code check} on a new connection to PostgreSQL, then to Tusk; a failure says on which. */
    public void onBoth(String options, OnConnection check) {
        for (String server : SERVERS) {
            try (Connection c = connect(server, options)) {
                check.run(c);
            } catch (SQLException | AssertionError e) {
                throw new AssertionError("on " + server + ": " + e, e);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (tusk != null) {
                tusk.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
