package org.tusk.backend.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.tusk.spi.ClientConnection;
import org.tusk.spi.TlsParameters;

/** A ClientConnection over a plain socket, with TLS, as a TCP transport hands one over. */
final class TestSocketConnection implements ClientConnection {
    private final Socket plain;
    private Socket socket;
    private BufferedInputStream in;

    /** Whether to present the connection as a local (Unix-domain) one. */
    static volatile boolean local;

    TestSocketConnection(Socket socket) {
        this.plain = socket;
        this.socket = socket;
    }

    @Override
    public boolean isLocal() {
        return local;
    }

    @Override
    public synchronized InputStream input() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(socket.getInputStream());
        }
        return in;
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public synchronized int bufferedInput() throws IOException {
        return in == null ? 0 : in.available();
    }

    @Override
    public synchronized void startTls(SSLContext context, TlsParameters parameters) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(parameters.protocols().toArray(String[]::new));
        tls.startHandshake();
        socket = tls;
        in = null;
    }

    @Override
    public String transportName() {
        return "test";
    }

    @Override
    public String remoteHost() {
        return plain.getInetAddress().getHostAddress();
    }

    @Override
    public int remotePort() {
        return plain.getPort();
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    @Override
    public void shutdownInput() throws IOException {
        if (!plain.isClosed() && !plain.isInputShutdown()) {
            plain.shutdownInput();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        plain.close();
    }
}
