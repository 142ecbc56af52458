/**
 * The heavyweight lock manager: table, row, transaction-id, object and advisory locks with
 * PostgreSQL's eight modes, held until transaction end, with FIFO wait queues and deadlock detection
 * (PostgreSQL's lock.c, proc.c's lock waits and deadlock.c).
 *
 * <h2>Why it looks like this</h2>
 * Backends may be separate processes, so every lock, holder and waiter lives in the shared-memory
 * segment ({@link org.tusk.storage.lmgr.LockManager} over fixed pools sized from maxProcs and
 * max_locks_per_transaction), partitioned into 16 LWLock-protected parts by tag hash so unrelated
 * locks do not contend. Waiters sleep on a futex on their own status word in a per-proc slot, and are
 * woken by whoever grants them. Each backend keeps a private local lock table
 * ({@link org.tusk.storage.lmgr.BackendLocks}) that counts repeated acquisitions, so that the common
 * case, a lock the transaction already has, never touches shared memory.
 *
 * <p>Errors carry PostgreSQL's SQLSTATEs and texts ({@link org.tusk.storage.lmgr.LockException}). See
 * README.md next to this file for the design, the invariants and the locking rules.
 */
package org.tusk.storage.lmgr;
