package org.tusk.spi;

/**
 * The backend's main loop, published by the backend bundle: serves one client from its startup
 * packet to Terminate (or a FATAL error) and returns. Launchers call it on whatever execution vehicle
 * they provide; it must not assume it runs on a particular kind of thread.
 */
public interface BackendEntry {
    void serve(ClientConnection connection, BackendContext context);
}
