package org.tusk.storage.shmem;

/**
 * The segment has no room left for a named structure (PostgreSQL's "out of shared memory", SQLSTATE
 * 53200). With sizes computed from the settings up front this means the sizing function forgot a
 * structure: a bug to fix, not a condition to retry.
 */
public final class OutOfSharedMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutOfSharedMemoryException(String message) {
        super(message);
    }
}
