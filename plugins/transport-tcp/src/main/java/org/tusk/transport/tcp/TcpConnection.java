package org.tusk.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

import org.tusk.spi.ClientConnection;

/** An accepted TCP socket. Streams are buffered by the protocol layer, not here. */
final class TcpConnection implements ClientConnection {
    private final Socket socket;

    TcpConnection(Socket socket) {
        this.socket = socket;
    }

    @Override
    public InputStream input() throws IOException {
        return new java.io.BufferedInputStream(socket.getInputStream(), 8192);
    }

    @Override
    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public String transportName() {
        return TcpTransport.NAME;
    }

    @Override
    public String remoteHost() {
        return socket.getInetAddress().getHostAddress();
    }

    @Override
    public int remotePort() {
        return socket.getPort();
    }

    @Override
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void shutdownInput() throws IOException {
        if (!socket.isClosed() && !socket.isInputShutdown()) {
            socket.shutdownInput();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
