package org.tusk.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a backend needs besides its connection. It is a value plus two interfaces so that a
 * launcher which runs the backend in another process can serialize the values and provide local
 * stand-ins for {@code signals} and {@code registry} there.
 *
 * @param identity the process ID and cancel key announced to the client
 * @param dataDirectory the cluster's data directory
 * @param settings the server settings in force when the connection arrived (postgresql.conf plus overrides)
 * @param signals the interrupts delivered to this backend
 * @param registry the postmaster's registry, for cancel requests and state reports
 */
public record BackendContext(BackendIdentity identity, Path dataDirectory, Map<String, String> settings,
        BackendSignals signals, BackendRegistry registry) {
}
