package org.tusk.spi;

/**
 * Where a transport delivers accepted connections: the postmaster. Implementations return quickly and
 * never read from the connection; the backend does that.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void accept(ClientConnection connection);
}
