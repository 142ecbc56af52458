/**
 * Transactions (PostgreSQL's access/transam and procarray.c, with 64-bit transaction ids): xid
 * assignment, the commit log, subtransactions, the running-transactions array and MVCC snapshots,
 * and each backend's transaction state machine with savepoints.
 *
 * <p>Everything backends share is in the shared-memory segment ({@link org.tusk.storage.xact.TransactionSystem}
 * is a per-process view of it); a {@link org.tusk.storage.xact.TransactionManager} is one backend's
 * private state. The WAL and the lock manager are reached only through the small interfaces
 * {@link org.tusk.storage.xact.XactWalWriter}, {@link org.tusk.storage.common.WalFlusher} and
 * {@link org.tusk.storage.xact.XidLockHook}, so this package depends on neither. The design, the
 * ordering rules and why they hold are in README.md in this directory.
 */
package org.tusk.storage.xact;
