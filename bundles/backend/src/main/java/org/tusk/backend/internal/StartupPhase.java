package org.tusk.backend.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.StartupPacket;
import org.tusk.protocol.StartupPacketReader;
import org.tusk.spi.BackendRegistry;
import org.tusk.spi.ClientConnection;

/**
 * Reads startup packets until a StartupMessage arrives, as PostgreSQL's ProcessStartupPacket does:
 * answers SSLRequest with 'S' and a handshake when TLS is configured, else 'N', and GSSENCRequest with
 * 'N' (no GSSAPI here), delivers a
 * CancelRequest to the registry, checks the protocol version and the parameters.
 */
final class StartupPhase {

    /** The newest minor version of protocol 3 that we speak. */
    static final int NEWEST_MINOR = 0;

    private final ClientConnection connection;
    private final BackendRegistry registry;
    private final ServerTls tls;
    private InputStream in;
    private MessageWriter out;
    private boolean tlsInUse;

    StartupPhase(ClientConnection connection, InputStream in, MessageWriter out, BackendRegistry registry,
            ServerTls tls) {
        this.connection = connection;
        this.in = in;
        this.out = out;
        this.registry = registry;
        this.tls = tls;
    }

    /** The stream to read the session from: the connection's, or the TLS channel's after a handshake. */
    InputStream input() {
        return in;
    }

    MessageWriter output() {
        return out;
    }

    /** True once the TLS handshake has succeeded: the session runs over TLS (PostgreSQL's port->ssl_in_use). */
    boolean tlsInUse() {
        return tlsInUse;
    }

    /** The TLS set-up the handshake used, or null without TLS. */
    ServerTls tls() {
        return tlsInUse ? tls : null;
    }

    /** What the client asked for: who, where, and the remaining run-time parameters. */
    record StartupRequest(String user, String database, Map<String, String> parameters) {
    }

    /**
     * Runs the phase.
     *
     * @return the request, or {@code null} when the connection carried a CancelRequest and is done
     * @throws FatalException for requests PostgreSQL answers with FATAL
     * @throws IOException for transport errors and malformed packets (no reply is owed)
     */
    StartupRequest run() throws IOException, FatalException {
        // As ProcessStartupPacket's ssl_done and gss_done: each kind of request may come once, and the
        // other kind may follow only if the first was refused (the client may try either order).
        boolean sslDone = false;
        boolean gssDone = false;
        while (true) {
            StartupPacket packet = StartupPacketReader.read(in);
            switch (packet) {
                case StartupPacket.SslRequest ssl -> {
                    if (sslDone) {
                        throw unsupportedProtocol(StartupPacket.SSL_REQUEST_CODE);
                    }
                    sslDone = true;
                    if (tls != null && !connection.isLocal()) {
                        startTls();
                        gssDone = true;
                    } else {
                        out.rawByte('N').flush();
                    }
                }
                case StartupPacket.GssEncRequest gss -> {
                    if (gssDone) {
                        throw unsupportedProtocol(StartupPacket.GSSENC_REQUEST_CODE);
                    }
                    gssDone = true;
                    out.rawByte('N').flush(); // no GSSAPI here: refused, the client may go on without it
                }
                case StartupPacket.CancelRequest cancel -> {
                    registry.cancel(cancel.processId(), cancel.secretKey());
                    return null;
                }
                case StartupPacket.Startup startup -> {
                    return accept(startup);
                }
            }
        }
    }

    /**
     * Answers 'S' and runs the handshake. Bytes the client sent after its SSLRequest and before the
     * handshake would be plaintext smuggled into the encrypted session, so they are refused, as
     * PostgreSQL refuses them.
     */
    private void startTls() throws IOException, FatalException {
        if (connection.bufferedInput() > 0) {
            throw new FatalException("08P01", "received unencrypted data after SSL request");
        }
        out.rawByte('S').flush();
        try {
            connection.startTls(tls.context(), tls.parameters());
        } catch (javax.net.ssl.SSLException e) {
            // The client is gone or speaks no TLS we accept: PostgreSQL logs and closes.
            throw new java.io.EOFException("could not accept SSL connection: " + e.getMessage());
        }
        in = connection.input();
        out = new MessageWriter(connection.output());
        tlsInUse = true;
    }

    private StartupRequest accept(StartupPacket.Startup startup) throws IOException, FatalException {
        if (startup.majorVersion() != 3) {
            if (startup.majorVersion() < 3) {
                // A protocol-2 client cannot parse a v3 ErrorResponse; PostgreSQL answers in the old layout.
                FatalException e = unsupportedProtocol(startup.protocolVersion());
                out.legacyErrorResponse("FATAL", e.getMessage()).flush();
                throw FatalException.alreadyReported();
            }
            throw unsupportedProtocol(startup.protocolVersion());
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> unrecognizedOptions = new ArrayList<>();
        for (Map.Entry<String, String> e : startup.parameters().entrySet()) {
            if (e.getKey().startsWith("_pq_.")) {
                unrecognizedOptions.add(e.getKey()); // no protocol options are defined for 3.0
            } else {
                params.put(e.getKey(), e.getValue());
            }
        }
        boolean replication = ReplicationRequest.wanted(params.remove("replication"));
        String user = params.remove("user");
        if (user == null || user.isEmpty()) {
            throw new FatalException("28000", "no PostgreSQL user name specified in startup packet");
        }
        if (replication) {
            throw ReplicationRequest.refusal();
        }
        String database = params.remove("database");
        if (database == null || database.isEmpty()) {
            database = user;
        }
        if (startup.minorVersion() > NEWEST_MINOR || !unrecognizedOptions.isEmpty()) {
            out.negotiateProtocolVersion((3 << 16) | NEWEST_MINOR, unrecognizedOptions);
        }
        return new StartupRequest(user, database, params);
    }

    private static FatalException unsupportedProtocol(int version) {
        return new FatalException("0A000", "unsupported frontend protocol " + (version >>> 16) + "."
                + (version & 0xFFFF) + ": server supports 3.0 to 3." + NEWEST_MINOR);
    }
}
