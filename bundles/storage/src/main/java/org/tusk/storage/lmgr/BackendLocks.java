package org.tusk.storage.lmgr;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One backend's side of the lock manager: its <em>local lock table</em> (PostgreSQL's LOCALLOCK hash,
 * in this process's heap, never shared) in front of the shared tables.
 *
 * <p>A transaction asks for the same lock many times (every statement locks the relations it touches),
 * so the local table counts acquisitions per (tag, mode): only the first goes to shared memory, later
 * ones just increment the count, and only the release that brings the count to zero goes back to
 * shared memory. The entry also remembers where the lock and this proc's proc-lock are in the shared
 * tables, so releasing does not search.
 *
 * <p>Locks are held either for the transaction (released by {@link #releaseAll} at commit or abort,
 * the normal case) or for the session (advisory locks taken with {@code pg_advisory_lock}; released
 * explicitly or by {@link #releaseAllIncludingSession} when the backend exits). A (tag, mode) held both
 * ways counts both and stays in shared memory until both counts are zero.
 *
 * <p>Not thread-safe: one backend, one thread, as in PostgreSQL. Waits block the calling thread in
 * the kernel, so it must be a platform thread. The only cross-thread entry is
 * {@link LockManager#cancelWait}, used by whoever cancels this backend.
 */
public final class BackendLocks {

    /** What {@link #acquire} did (LOCKACQUIRE_OK / LOCKACQUIRE_ALREADY_HELD). */
    public enum Result {
        /** Newly acquired in shared memory. */
        ACQUIRED,
        /** This backend already held the mode; only its local count went up. */
        ALREADY_HELD
    }

    private record Key(LockTag tag, LockMode mode) {
    }

    /** LOCALLOCK: how often this backend holds (tag, mode), and where it is in shared memory. */
    private static final class LocalLock {
        long transactionCount;
        long sessionCount;
        LockManager.Held held;
    }

    private final LockManager manager;
    private final int procNumber;
    private final Map<Key, LocalLock> locks = new HashMap<>();
    private long deadlockTimeoutNanos;
    private long lockTimeoutNanos;

    BackendLocks(LockManager manager, int procNumber, Duration deadlockTimeout) {
        this.manager = manager;
        this.procNumber = procNumber;
        setDeadlockTimeout(deadlockTimeout);
    }

    public int procNumber() {
        return procNumber;
    }

    /** deadlock_timeout: how long to wait before looking for a deadlock (PostgreSQL: 1 s). */
    public void setDeadlockTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("deadlock_timeout must be positive");
        }
        deadlockTimeoutNanos = timeout.toNanos();
    }

    /** lock_timeout: give up a single lock wait after this long with 55P03; zero means never. */
    public void setLockTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("lock_timeout must not be negative");
        }
        lockTimeoutNanos = timeout.toNanos();
    }

    /** Acquires a transaction-level lock, waiting as long as needed. */
    public Result acquire(LockTag tag, LockMode mode) {
        return acquire(tag, mode, false, false);
    }

    /**
     * Acquires {@code mode} on {@code tag}.
     *
     * @param sessionLock hold it until released or the session ends, not until transaction end
     * @param dontWait fail with 55P03 instead of waiting (NOWAIT)
     * @throws LockException 55P03 if {@code dontWait} and the lock is not free, or lock_timeout expired;
     *         40P01 if this backend was chosen as a deadlock victim; 57014 if cancelled; 53200 if the
     *         shared lock table is full. The backend holds nothing new after a failure.
     */
    public Result acquire(LockTag tag, LockMode mode, boolean sessionLock, boolean dontWait) {
        Key key = new Key(tag, mode);
        LocalLock local = locks.get(key);
        if (local != null) {
            if (sessionLock) {
                local.sessionCount++;
            } else {
                local.transactionCount++;
            }
            return Result.ALREADY_HELD;
        }
        LockManager.Held held = manager.acquire(procNumber, tag, mode, dontWait, deadlockTimeoutNanos, lockTimeoutNanos);
        local = new LocalLock();
        local.held = held;
        if (sessionLock) {
            local.sessionCount = 1;
        } else {
            local.transactionCount = 1;
        }
        locks.put(key, local);
        return Result.ACQUIRED;
    }

    /** {@code acquire(tag, mode, false, true)}: true if acquired, false (no exception) if it would wait. */
    public boolean tryAcquire(LockTag tag, LockMode mode) {
        try {
            acquire(tag, mode, false, true);
            return true;
        } catch (LockException e) {
            if (!LockException.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Releases one transaction-level acquisition of (tag, mode) (LockRelease). Returns false, changing
     * nothing, if the backend holds no such lock (PostgreSQL warns "you don't own a lock of type ...").
     */
    public boolean release(LockTag tag, LockMode mode) {
        return release(tag, mode, false);
    }

    /** Releases one session-level acquisition ({@code pg_advisory_unlock}). */
    public boolean releaseSession(LockTag tag, LockMode mode) {
        return release(tag, mode, true);
    }

    private boolean release(LockTag tag, LockMode mode, boolean sessionLock) {
        Key key = new Key(tag, mode);
        LocalLock local = locks.get(key);
        if (local == null || (sessionLock ? local.sessionCount : local.transactionCount) == 0) {
            return false;
        }
        if (sessionLock) {
            local.sessionCount--;
        } else {
            local.transactionCount--;
        }
        if (local.sessionCount == 0 && local.transactionCount == 0) {
            locks.remove(key);
            manager.release(tag, local.held, mode);
        }
        return true;
    }

    /** Releases every transaction-level lock: at commit and abort (LockReleaseAll). Session locks stay. */
    public void releaseAll() {
        releaseAll(false);
    }

    /** Releases everything, session locks too: at backend exit. */
    public void releaseAllIncludingSession() {
        releaseAll(true);
    }

    private void releaseAll(boolean includingSession) {
        // The transaction's own xid lock first: the backends waiting for our rows sleep on it and
        // are on the critical path of every hot row (each later updater of pgbench_branches waits
        // for this moment); the relation locks after it only matter to DDL, which waits anyway.
        // Two passes over the local table rather than a sorted copy: this runs at every commit.
        RuntimeException failure = releasePass(includingSession, true, null);
        failure = releasePass(includingSession, false, failure);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Releases the transaction's hold on the xid locks ({@code xidLocks}) or on all others; an entry
     * still held for the session stays. Returns {@code failure} with any new failure added.
     */
    private RuntimeException releasePass(boolean includingSession, boolean xidLocks, RuntimeException failure) {
        for (Iterator<Map.Entry<Key, LocalLock>> it = locks.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, LocalLock> entry = it.next();
            Key key = entry.getKey();
            if ((key.tag().type() == LockTagType.TRANSACTION) != xidLocks) {
                continue;
            }
            LocalLock local = entry.getValue();
            local.transactionCount = 0;
            if (includingSession) {
                local.sessionCount = 0;
            }
            if (local.sessionCount != 0) {
                continue;
            }
            it.remove();
            try {
                manager.release(key.tag(), local.held, key.mode());
            } catch (RuntimeException e) {
                // Keep releasing the rest: a lock left behind would block others until restart.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    /** How many times this backend holds (tag, mode) for its transaction and session together. */
    public long holdCount(LockTag tag, LockMode mode) {
        LocalLock local = locks.get(new Key(tag, mode));
        return local == null ? 0 : local.transactionCount + local.sessionCount;
    }

    /** Whether this backend holds (tag, mode) at all. */
    public boolean holds(LockTag tag, LockMode mode) {
        return locks.containsKey(new Key(tag, mode));
    }

    /** Number of distinct (tag, mode) pairs held. */
    public int heldCount() {
        return locks.size();
    }

    /**
     * XactLockTableInsert: a transaction that has an xid takes ExclusiveLock on it, held until it ends
     * (released by {@link #releaseAll}), so that others can wait for it to end.
     */
    public void lockTransactionId(long xid) {
        acquire(LockTag.transaction(xid), LockMode.EXCLUSIVE);
    }

    /**
     * XactLockTableWait: waits until transaction {@code xid} has ended, by taking ShareLock on its id
     * (which conflicts with the holder's ExclusiveLock) and letting go at once. Returns at once if it
     * has already ended. Tusk has no subtransactions yet, so unlike PostgreSQL there is no loop over
     * parent xids.
     */
    public void waitForTransaction(long xid) {
        LockTag tag = LockTag.transaction(xid);
        acquire(tag, LockMode.SHARE);
        release(tag, LockMode.SHARE);
    }

    /** ConditionalXactLockTableWait: true if {@code xid} has ended, false if it still runs (no wait). */
    public boolean transactionHasEnded(long xid) {
        LockTag tag = LockTag.transaction(xid);
        if (!tryAcquire(tag, LockMode.SHARE)) {
            return false;
        }
        release(tag, LockMode.SHARE);
        return true;
    }

    /** Forgets a pending {@link LockManager#cancelWait} for this backend (it handled the cancel itself). */
    public void clearCancel() {
        manager.clearCancel(procNumber);
    }
}
