package org.tusk.transport.tcp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.tusk.spi.ClientConnection;
import org.tusk.spi.TlsParameters;

/**
 * An accepted TCP socket, possibly switched to TLS after an SSLRequest. Reads are buffered here, once
 * per socket (plain, then TLS), so the backend can tell whether a client sent more than it should
 * have before the handshake.
 * <p>
 * The read timeout is not SO_TIMEOUT but a {@link ReadWatchdog} per read (see there why): if it fires,
 * the socket is closed and the read fails with {@link SocketTimeoutException}, as a timed-out socket
 * read would; the connection is unusable afterwards, which costs nothing, since its only user,
 * authentication_timeout, closes it anyway.
 */
final class TcpConnection implements ClientConnection {
    private final Socket plain;
    private Socket socket;
    private BufferedInputStream in;
    private volatile long timeoutNanos;
    private volatile boolean timedOut;

    TcpConnection(Socket socket) {
        this.plain = socket;
        this.socket = socket;
    }

    @Override
    public synchronized InputStream input() throws IOException {
        if (in == null) {
            in = new BufferedInputStream(new TimedInput(socket.getInputStream()), 8192);
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
        long nanos = timeoutNanos;
        ReadWatchdog watchdog = nanos > 0 ? new ReadWatchdog(nanos, () -> timedOut = true, plain) : null;
        try {
            tls.startHandshake();
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        } finally {
            if (watchdog != null) {
                watchdog.cancel();
            }
        }
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
    public void setReadTimeout(Duration timeout) {
        timeoutNanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static SocketTimeoutException timeout(IOException cause) {
        SocketTimeoutException t = new SocketTimeoutException("Read timed out");
        if (cause != null) {
            t.initCause(cause);
        }
        return t;
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

    /** A socket's input stream with each blocking read bounded by the current timeout, if one is set. */
    private final class TimedInput extends InputStream {
        private final InputStream in;

        TimedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (timedOut) {
                throw timeout(null);
            }
            long nanos = timeoutNanos;
            if (nanos <= 0 || len == 0) {
                return in.read(b, off, len);
            }
            ReadWatchdog watchdog = new ReadWatchdog(nanos, () -> timedOut = true, plain);
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw timedOut ? timeout(e) : e;
            } finally {
                watchdog.cancel();
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
