package org.tusk.storage.lmgr;

/**
 * What sizes the shared lock tables: the number of procs that can hold locks (backends plus auxiliary
 * processes, see the proc number convention in {@code org.tusk.storage.common}) and
 * {@code max_locks_per_transaction}. As in PostgreSQL the pools are shared: one backend may hold far
 * more than max_locks_per_transaction locks as long as the total fits; the name is historical.
 *
 * <p>Lock objects: maxProcs x maxLocksPerTransaction (PostgreSQL's NLOCKENTS). Proc-lock entries
 * (who holds or awaits which lock): twice that, as PostgreSQL sizes its PROCLOCK hash.
 */
public record LockSettings(int maxProcs, int maxLocksPerTransaction) {

    /** PostgreSQL's default max_locks_per_transaction. */
    public static final int DEFAULT_MAX_LOCKS_PER_TRANSACTION = 64;

    public LockSettings {
        if (maxProcs < 1 || maxProcs > 1 << 20) {
            throw new IllegalArgumentException("maxProcs out of range: " + maxProcs);
        }
        // PostgreSQL's GUC minimum is 10; the configuration layer enforces it. Smaller pools are allowed
        // here so that tests can exhaust them cheaply.
        if (maxLocksPerTransaction < 1) {
            throw new IllegalArgumentException("max_locks_per_transaction must be positive");
        }
        if ((long) maxProcs * maxLocksPerTransaction * 2 > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("lock table too large");
        }
    }

    public static LockSettings withDefaults(int maxProcs) {
        return new LockSettings(maxProcs, DEFAULT_MAX_LOCKS_PER_TRANSACTION);
    }

    /** Size of the lock object pool. */
    public int lockPoolSize() {
        return maxProcs * maxLocksPerTransaction;
    }

    /** Size of the proc-lock pool. */
    public int procLockPoolSize() {
        return 2 * lockPoolSize();
    }
}
