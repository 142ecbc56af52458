package org.tusk.spi;

/**
 * Starts a backend for an accepted connection: the per-connection spawning strategy. Registered as a
 * service with {@link Settings#LAUNCHER_NAME}; postgresql.conf's {@code backend_launcher} picks one.
 *
 * <p>The postmaster calls {@link #launch} on its own thread and must never block on a client, so a
 * launcher only starts the vehicle (a thread, a virtual thread, a spawned process, a hand-off to a
 * pooled process) and returns. A launcher that runs backends out of process uses
 * {@link ClientConnection#nativeDescriptor()} to pass the socket and runs the same
 * {@link BackendEntry} code in the child.
 */
public interface BackendLauncher {

    /** The launcher's name, equal to its {@link Settings#LAUNCHER_NAME} property. */
    String name();

    /**
     * Starts {@code entry.serve(connection, context)} on a new vehicle. Ownership of the connection
     * passes to the launcher: it is closed when the backend ends, or at once if launching fails.
     *
     * @throws LaunchException if no backend could be started; the postmaster tells the client
     */
    BackendProcess launch(ClientConnection connection, BackendContext context, BackendEntry entry)
            throws LaunchException;

    /** The launcher could not start a backend. */
    class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        public LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
