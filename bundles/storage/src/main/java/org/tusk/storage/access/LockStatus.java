package org.tusk.storage.access;

/**
 * One row of pg_locks (GetLockStatusData): a lock mode held ({@code granted}) or awaited by a backend.
 * The four fields are the lock tag's, whose meaning depends on {@code lockType} as in PostgreSQL's
 * LOCKTAG: relation (database, relation), tuple (database, relation, block, offset), transactionid (xid low
 * and high halves), object (database, class, object, sub-id), advisory (database, key high, key low, 1 or 2).
 *
 * @param lockType   pg_locks.locktype ("relation", "tuple", "transactionid", "object", "advisory")
 * @param mode       PostgreSQL's mode name ("AccessShareLock", ...)
 * @param procNumber the backend's proc number (pg_locks.virtualtransaction's first half is one more)
 * @param fastPath   whether PostgreSQL would hold it in the backend's fast-path slots: a granted weak
 *                   relation lock (below ShareUpdateExclusiveLock) of a database's relation while no strong
 *                   lock on the relation is held or awaited (Tusk has one lock table; this is what pg_locks shows)
 */
public record LockStatus(String lockType, int field1, int field2, int field3, int field4, String mode,
        boolean granted, int procNumber, int pid, boolean fastPath) {
}
