package org.tusk.backend.internal;

import java.io.IOException;
import java.util.Optional;

import org.tusk.protocol.Message;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ProtocolException;
import org.tusk.spi.AuthenticationExchange;

/** The authentication conversation over the connection's reader and writer. */
final class WireAuthenticationExchange implements AuthenticationExchange {
    private final MessageReader in;
    private final MessageWriter out;
    private final String user;
    private final String database;
    private final String remoteHost;
    private final boolean tls;
    private final Optional<byte[]> tlsServerEndPoint;

    WireAuthenticationExchange(MessageReader in, MessageWriter out, String user, String database,
            String remoteHost, boolean tls, Optional<byte[]> tlsServerEndPoint) {
        this.in = in;
        this.out = out;
        this.user = user;
        this.database = database;
        this.remoteHost = remoteHost;
        this.tls = tls;
        this.tlsServerEndPoint = tlsServerEndPoint;
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public Optional<byte[]> tlsServerEndPoint() {
        return tlsServerEndPoint.map(byte[]::clone);
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String remoteHost() {
        return remoteHost;
    }

    @Override
    public void sendRequest(int code, byte[] payload) throws IOException {
        out.authenticationRequest(code, payload).flush();
    }

    @Override
    public byte[] readResponse() throws IOException {
        Message m = in.read();
        if (m.typeChar() != 'p') {
            throw new ProtocolException("expected password response, got message type " + (m.type() & 0xFF));
        }
        return m.body();
    }
}
