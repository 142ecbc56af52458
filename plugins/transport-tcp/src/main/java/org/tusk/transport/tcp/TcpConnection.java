package org.tusk.transport.tcp;

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

/**
 * An accepted TCP socket, possibly switched to TLS after an SSLRequest. Reads are buffered here, once
 * per socket (plain, then TLS), so the backend can tell whether a client sent more than it should
 * have before the handshake.
 */
final class TcpConnection implements ClientConnection {
    private final Socket plain;
    private Socket socket;
    private BufferedInputStream in;

    TcpConnection(Socket socket) {
        this.plain = socket;
        this.socket = socket;
    }

    @Override
    public synchronized InputStream input() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(socket.getInputStream(), 8192);
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
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(parameters.protocols().toArray(String[]::new));
        if (!parameters.cipherSuites().isEmpty()) {
            tls.setEnabledCipherSuites(parameters.cipherSuites().toArray(String[]::new));
        }
        tls.setWantClientAuth(parameters.requestClientCertificate());
        tls.setSoTimeout(plain.getSoTimeout());
        tls.startHandshake();
        socket = tls;
        in = null;
    }

    @Override
    public String transportName() {
        return TcpTransport.NAME;
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
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void shutdownInput() throws IOException {
        // TLS sockets do not support half-close; shutting down the underlying socket's input ends a
        // blocked read in either case.
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
