package org.tusk.spi;

/**
 * What the client learns in BackendKeyData: the process ID it shows (pg_backend_pid()) and the secret
 * key a CancelRequest must quote. Assigned by the postmaster before launch, so every launcher,
 * whether or not it creates an OS process, presents the same numbers.
 */
public record BackendIdentity(int processId, int secretKey) {
}
