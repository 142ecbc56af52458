package org.tusk.storage.xact;

/**
 * Called when a transaction or subtransaction gets its id, so that the lock manager can take an
 * exclusive lock on that id (PostgreSQL's XactLockTableInsert): whoever must wait for the transaction
 * to end (a row updater meeting its uncommitted change) then waits for that lock. Defined here so this
 * package does not depend on the lock manager; the lock manager releases the lock when the
 * (sub)transaction ends, as it releases all of its locks.
 */
@FunctionalInterface
public interface XidLockHook {

    /** No lock manager (tests, bootstrap). */
    XidLockHook NONE = xid -> {
    };

    /** {@code xid} was just assigned to the calling backend's current (sub)transaction. */
    void xidAssigned(long xid);
}
