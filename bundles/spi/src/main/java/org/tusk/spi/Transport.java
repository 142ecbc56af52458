package org.tusk.spi;

import java.io.IOException;
import java.util.List;

/**
 * How connections arrive. A transport is registered as a service (with {@link Settings#TRANSPORT_NAME})
 * and reads its own settings (listen_addresses and port for TCP; unix_socket_directories for Unix
 * sockets) from the {@link Settings#PID} configuration. The postmaster starts every registered
 * transport and stops it when the transport goes away (a plugin removed) or the server shuts down.
 */
public interface Transport {

    /** The transport's name, equal to its {@link Settings#TRANSPORT_NAME} property. */
    String name();

    /**
     * Binds every endpoint the settings ask for and starts accepting, delivering each connection to
     * {@code handler} from the transport's own thread. Fails as a whole if any endpoint cannot be bound,
     * so a server never runs half-listening.
     *
     * @return the endpoints now listening, described for the log ("127.0.0.1:5432")
     */
    List<String> start(ConnectionHandler handler) throws IOException;

    /** Stops accepting and releases the endpoints. Connections already handed over are not touched. */
    void stop();
}
