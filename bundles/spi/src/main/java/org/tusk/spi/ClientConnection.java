package org.tusk.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One accepted client connection, as a transport hands it over. Blocking streams, because a backend
 * serves exactly one client and blocks on it by design (on a virtual thread that costs nothing).
 */
public interface ClientConnection extends Closeable {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Name of the transport that accepted it ("tcp", "unix", ...). */
    String transportName();

    /** The client's address as PostgreSQL logs it (%r without port: an IP, or "[local]"). */
    String remoteHost();

    /** The client's port, or -1 for a local socket. */
    int remotePort();

    /** Bounds every blocking read; {@link Duration#ZERO} means wait forever (authentication_timeout uses it). */
    void setReadTimeout(Duration timeout) throws IOException;

    /**
     * The operating-system descriptor of the socket, for launchers that hand the connection to another
     * process (posix_spawn with dup2, or SCM_RIGHTS). Empty when the transport cannot expose one; such
     * connections can only be served in the postmaster's own process.
     */
    default OptionalInt nativeDescriptor() {
        return OptionalInt.empty();
    }

    /**
     * Ends the receiving side: a read blocked on this connection returns end-of-stream at once, while
     * the backend can still send. This is how an idle backend, blocked waiting for its client, is woken
     * to end its session with a message (PostgreSQL's SIGTERM interrupting the backend's read).
     */
    void shutdownInput() throws IOException;

    /** True for a connection from the same host through a local socket, where TLS is refused. */
    default boolean isLocal() {
        return false;
    }

    /**
     * Switches the connection to TLS, as the server (the backend answered 'S' to an SSLRequest), and
     * completes the handshake. From then on {@link #input()} and {@link #output()} carry the
     * encrypted channel's plaintext.
     *
     * @throws UnsupportedOperationException if the transport cannot carry TLS
     * @throws IOException if the handshake fails
     */
    default void startTls(javax.net.ssl.SSLContext context, TlsParameters parameters) throws IOException {
        throw new UnsupportedOperationException(transportName() + " connections cannot use TLS");
    }

    /**
     * Bytes already received and buffered but not yet read. After an SSLRequest there must be none:
     * anything the client sent before the handshake would be plaintext pretending to be inside TLS.
     */
    default int bufferedInput() throws IOException {
        return 0;
    }

    @Override
    void close() throws IOException;
}
