package org.tusk.storage.access;

/**
 * The storage side of the server, published as a service by the storage bundle once the postmaster
 * has created shared memory. A backend opens one session when it starts serving a connection and closes
 * it when the connection ends.
 */
public interface StorageAccess {

    /**
     * Opens the storage session of one backend: a slot in the running-transaction array, a lock
     * table entry, private buffer pins.
     *
     * @param processId the backend's process id as clients see it (pg_backend_pid)
     * @throws AccessException 53300 if every slot is taken, 57P03 if storage is not running
     */
    StorageSession openSession(int processId);
}
