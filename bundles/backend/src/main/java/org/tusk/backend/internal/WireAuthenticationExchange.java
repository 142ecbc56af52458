package org.tusk.backend.internal;

import java.io.IOException;

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

    WireAuthenticationExchange(MessageReader in, MessageWriter out, String user, String database,
            String remoteHost) {
        this.in = in;
        this.out = out;
        this.user = user;
        this.database = database;
        this.remoteHost = remoteHost;
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
