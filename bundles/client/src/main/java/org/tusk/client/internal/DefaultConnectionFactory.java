package org.tusk.client.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.tusk.client.ClientEnvironment;
import org.tusk.client.Connection;
import org.tusk.client.ConnectionFactory;
import org.tusk.client.ConnectionParameters;
import org.tusk.client.PgException;

/**
 * Tries each host (and each address of a host name) in order, with libpq's sslmode fallbacks: prefer
 * retries without TLS when the handshake fails, allow retries with TLS when the server rejects the
 * plain connection. A server's error during authentication ends the attempt, as in libpq.
 */
public final class DefaultConnectionFactory implements ConnectionFactory {

    private final ClientEnvironment environment;

    public DefaultConnectionFactory(ClientEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Connection connect(String conninfo) throws PgException {
        return connect(ConnectionParameters.parse(conninfo));
    }

    @Override
    public Connection connect(ConnectionParameters parameters) throws PgException {
        ResolvedParameters p = ResolvedParameters.resolve(parameters, environment);
        List<String> failures = new ArrayList<>();
        String attrs = p.targetSessionAttrs();
        Connection c = tryHosts(p, attrs.equals("prefer-standby") ? "standby" : attrs, failures);
        if (c == null && attrs.equals("prefer-standby")) {
            // libpq: when no standby was found, a second pass takes any server
            c = tryHosts(p, "any", failures);
        }
        if (c == null) {
            throw new PgException(String.join("\n", failures));
        }
        return c;
    }

    /** One pass over the hosts; {@code null} if none qualified (the reasons are added to {@code failures}). */
    private Connection tryHosts(ResolvedParameters p, String attrs, List<String> failures) throws PgException {
        for (ResolvedParameters.HostTarget target : p.hosts()) {
            List<SocketAddress> addresses = new ArrayList<>();
            if (target.isUnixSocket()) {
                addresses.add(PgConnection.unixSocket(target.host(), target.port()));
            } else {
                String name = target.hostaddr() != null ? target.hostaddr() : target.host();
                try {
                    for (InetAddress a : InetAddress.getAllByName(name)) {
                        addresses.add(new InetSocketAddress(a, target.port()));
                    }
                } catch (UnknownHostException e) {
                    failures.add("could not translate host name \"" + name + "\" to address: " + e.getMessage());
                    continue;
                }
            }
            for (SocketAddress address : addresses) {
                PgConnection c;
                try {
                    c = attempt(target, address, p);
                } catch (PgConnection.ConnectFailure e) {
                    failures.add(e.getMessage());
                    continue;
                }
                String mismatch = c.sessionAttrsMismatch(attrs);
                if (mismatch == null) {
                    return c;
                }
                c.close();
                failures.add(PgConnection.connectError(target, address, mismatch));
            }
        }
        return null;
    }

    private PgConnection attempt(ResolvedParameters.HostTarget target, SocketAddress address, ResolvedParameters p)
            throws PgException {
        String mode = p.sslmode();
        boolean unix = target.isUnixSocket();
        if (unix || mode.equals("disable")) {
            return PgConnection.open(target, address, p, false, n -> { });
        }
        if (mode.equals("allow")) {
            try {
                return PgConnection.open(target, address, p, false, n -> { });
            } catch (PgException e) {
                return PgConnection.open(target, address, p, true, n -> { });
            }
        }
        if (mode.equals("prefer")) {
            try {
                return PgConnection.open(target, address, p, true, n -> { });
            } catch (PgConnection.ConnectFailure e) {
                if (e.getCause() instanceof javax.net.ssl.SSLException) {
                    return PgConnection.open(target, address, p, false, n -> { });
                }
                throw e;
            }
        }
        return PgConnection.open(target, address, p, true, n -> { });
    }
}
