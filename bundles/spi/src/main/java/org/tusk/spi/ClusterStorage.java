package org.tusk.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster's shared storage state as the postmaster drives it, published by the storage bundle.
 * PostgreSQL's postmaster creates shared memory before it accepts a connection, throws it away and
 * creates it anew after a backend crashed (because the crashed process may have left it half
 * changed), and removes it at shutdown; these are those three moments.
 *
 * <p>Backends do not use this interface: they attach to what {@link #sharedMemoryPath()} names (a
 * backend in another process gets the path with its launch values).
 */
public interface ClusterStorage {

    /**
     * Creates shared memory sized from {@code settings} ({@code shared_buffers}, {@code max_connections})
     * for the cluster in {@code dataDirectory}. Called once, before the server accepts connections,
     * by the process that owns the data directory (its postmaster.pid).
     *
     * @throws IllegalStateException with a message for the server log if it cannot be created
     */
    void start(Path dataDirectory, Map<String, String> settings);

    /**
     * After a backend crash, once no backend is left: discards the old segment and creates a fresh
     * one of the next generation. A process of the old generation that still maps the old one can
     * tell it is orphaned.
     */
    void reinitialize();

    /** At shutdown, once no backend is left: unmaps and removes shared memory. Idempotent. */
    void stop();

    /** Where the current segment is, for backends that attach; null when not started. */
    Path sharedMemoryPath();

    /** The current segment's generation (1 after start, one more after each reinitialization); 0 when not started. */
    long generation();
}
