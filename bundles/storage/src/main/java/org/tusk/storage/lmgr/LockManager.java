package org.tusk.storage.lmgr;

import static org.tusk.storage.lmgr.LockTable.GRANTED;
import static org.tusk.storage.lmgr.LockTable.IDLE;
import static org.tusk.storage.lmgr.LockTable.INTERRUPT;
import static org.tusk.storage.lmgr.LockTable.NONE;
import static org.tusk.storage.lmgr.LockTable.STATE_MASK;
import static org.tusk.storage.lmgr.LockTable.WAITING;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The heavyweight lock manager (PostgreSQL's lock.c, proc.c's ProcSleep/ProcLockWakeup and
 * deadlock.c), over tables that live entirely in shared memory.
 *
 * <p>One instance per process: the postmaster {@link #initialize initializes} the tables once; every
 * other process {@link #attach attaches}. A backend then obtains its private {@link BackendLocks}
 * (its local lock table) with {@link #backend}; that is the API the rest of the server uses. This
 * class holds the shared-memory algorithms:
 *
 * <ul>
 * <li><b>Acquire</b>: under the tag's partition LWLock, find or create the lock and this proc's
 *     proc-lock; grant at once if the mode conflicts neither with modes other procs hold nor with modes
 *     already waited for (so a stream of weak requests cannot starve a queued strong one); otherwise
 *     fail (NOWAIT) or queue and sleep.</li>
 * <li><b>Queueing</b> (ProcSleep's rule): a request normally joins the tail. If the requester already
 *     holds modes of this lock, it goes in front of the first waiter that conflicts with what it holds:
 *     that waiter cannot be granted before the requester lets go anyway, so queueing behind it would
 *     be a self-made deadlock. If, walking the queue, the requester is granted-compatible with
 *     everything ahead of that point it is granted at once. If that waiter also holds a mode that the
 *     new request conflicts with, both wait for each other: a deadlock reported immediately.</li>
 * <li><b>Release</b>: ungrant, drop the proc-lock (and the lock) when nothing is left, then walk the
 *     queue from the front granting every waiter compatible with the granted modes and with the
 *     modes of waiters still ahead of it (ProcLockWakeup), setting its status word and waking it.</li>
 * <li><b>Waiting</b>: on a futex on the proc's own status word, with a bounded sleep. After
 *     deadlock_timeout the waiter runs the {@link DeadlockDetector} once, holding every partition lock
 *     (in partition order, as PostgreSQL does). If it is in a cycle that reordering one wait queue
 *     can break (a "soft" deadlock), it reorders and waits on; otherwise it takes itself out of the
 *     queue and fails with 40P01, which is why exactly one proc of a cycle is the victim: the others,
 *     when their own timeouts fire, no longer see a cycle. A pending cancel ({@link #cancelWait}) or an
 *     expired lock_timeout also take the waiter out of the queue, with 57014 or 55P03.</li>
 * </ul>
 */
public final class LockManager {

    /** PostgreSQL's default deadlock_timeout. */
    public static final Duration DEFAULT_DEADLOCK_TIMEOUT = Duration.ofSeconds(1);

    /** Longest single futex sleep: a safety net, the real wake-ups come from release and cancel. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final LockMode[] MODES = LockMode.values();
    private static final int[] NO_PROCS = new int[0];

    private final LockTable table;
    private final LockSettings settings;

    private LockManager(LockTable table, LockSettings settings) {
        this.table = table;
        this.settings = settings;
    }

    /** Bytes of shared memory the lock tables need (for the segment's sizing). */
    public static long shmemSize(LockSettings settings) {
        return LockTable.size(settings) + SharedMemory.ALIGNMENT;
    }

    /** Allocates and formats the lock tables in a fresh segment; the postmaster does this once. */
    public static LockManager initialize(SharedMemory shm, LockSettings settings) {
        MemorySegment mem = shm.allocate(LockTable.STRUCT_NAME, LockTable.size(settings));
        return new LockManager(LockTable.format(mem, settings), settings);
    }

    /** Attaches to the lock tables another process initialized with the same settings. */
    public static LockManager attach(SharedMemory shm, LockSettings settings) {
        return new LockManager(LockTable.attach(shm.lookup(LockTable.STRUCT_NAME), settings), settings);
    }

    public LockSettings settings() {
        return settings;
    }

    /**
     * The lock API of the backend (or auxiliary process) with proc number {@code procNumber}. Its slot
     * is reset: the caller must own the proc number (the postmaster hands them out) and hold no locks
     * from an earlier life. {@code pid} is what messages call the process (the pid the client was told
     * in BackendKeyData); {@code deadlockTimeout} is the deadlock_timeout setting (PostgreSQL: 1 s).
     */
    public BackendLocks backend(int procNumber, int pid, Duration deadlockTimeout) {
        if (procNumber < 0 || procNumber >= table.maxProcs) {
            throw new IllegalArgumentException("proc number " + procNumber + " outside [0, " + table.maxProcs + ")");
        }
        table.resetProc(procNumber, pid);
        return new BackendLocks(this, procNumber, deadlockTimeout);
    }

    /** {@link #cancelWait(int, CancelReason)} for a cancel request from the client. */
    public boolean cancelWait(int procNumber) {
        return cancelWait(procNumber, CancelReason.USER_REQUEST);
    }

    /**
     * Interrupts the current or next lock wait of proc {@code procNumber}, from any thread or process:
     * the wait fails with the reason's error (57014 for a cancel or statement_timeout). The request
     * stays pending if the proc is not waiting right now, so a cancel that arrives just before the wait
     * starts is not lost; a wait that fails because of it clears it, and a backend that services a
     * cancel by other means (its own interrupt check) clears it with {@link BackendLocks#clearCancel}.
     * If the lock is granted at the same moment the grant wins and the request stays pending.
     *
     * @return whether the proc was waiting for a lock when the request was made
     */
    public boolean cancelWait(int procNumber, CancelReason reason) {
        boolean waiting = table.interrupt(procNumber, reason);
        table.wakeProc(procNumber);
        return waiting;
    }

    /** Whether the proc is asleep in a lock wait now (diagnostics and tests; may change at once). */
    public boolean isWaiting(int procNumber) {
        return (table.status(procNumber) & STATE_MASK) == WAITING;
    }

    /**
     * Every held and awaited lock mode, taken consistently under all partition locks in shared mode
     * (what {@code pg_locks} will show: GetLockStatusData).
     */
    public List<LockInfo> snapshot() {
        List<LockInfo> rows = new ArrayList<>();
        lockAllPartitions(LWLock.Mode.SHARED);
        try {
            for (int bucket = 0; bucket < table.bucketCount; bucket++) {
                for (int lock = table.bucketHeadAt(bucket); lock != NONE; lock = table.nextInBucket(lock)) {
                    LockTag tag = table.tagOf(lock);
                    for (int pl = table.firstProcLock(lock); pl != NONE; pl = table.nextProcLock(pl)) {
                        int proc = table.procOf(pl);
                        for (LockMode mode : MODES) {
                            if ((table.holdMask(pl) & mode.bit()) != 0) {
                                rows.add(new LockInfo(tag, mode, true, proc, table.pid(proc)));
                            }
                        }
                    }
                    for (int proc = table.firstWaiter(lock); proc != NONE; proc = table.nextWaiter(proc)) {
                        rows.add(new LockInfo(tag, table.waitMode(proc), false, proc, table.pid(proc)));
                    }
                }
            }
        } finally {
            unlockAllPartitions();
        }
        return rows;
    }

    /**
     * The pids of the procs that proc {@code procNumber}'s current lock wait is blocked by: holders of
     * a conflicting mode, then waiters ahead of it with a conflicting request (what
     * {@code pg_blocking_pids} shows). Empty if it is not waiting.
     */
    public List<Integer> blockingPids(int procNumber) {
        List<Integer> pids = new ArrayList<>();
        lockAllPartitions(LWLock.Mode.SHARED);
        try {
            int lock = table.waitLock(procNumber);
            if (lock == NONE) {
                return pids;
            }
            int conflicts = table.waitMode(procNumber).conflictMask();
            for (int pl = table.firstProcLock(lock); pl != NONE; pl = table.nextProcLock(pl)) {
                int holder = table.procOf(pl);
                if (holder != procNumber && (table.holdMask(pl) & conflicts) != 0) {
                    pids.add(table.pid(holder));
                }
            }
            for (int waiter = table.firstWaiter(lock); waiter != procNumber; waiter = table.nextWaiter(waiter)) {
                if ((table.waitMode(waiter).bit() & conflicts) != 0 && !pids.contains(table.pid(waiter))) {
                    pids.add(table.pid(waiter));
                }
            }
        } finally {
            unlockAllPartitions();
        }
        return pids;
    }

    /** Lock objects in use (diagnostics, tests). */
    public int locksInUse() {
        return table.locksInUse();
    }

    /** Proc-lock entries in use (diagnostics, tests). */
    public int procLocksInUse() {
        return table.procLocksInUse();
    }

    /**
     * The tables' invariants, checked under all partition locks in shared mode: what is wrong, or an
     * empty list ({@link LockTableCheck}). For tests and debugging.
     */
    List<String> verify() {
        lockAllPartitions(LWLock.Mode.SHARED);
        try {
            return new LockTableCheck(table).run();
        } finally {
            unlockAllPartitions();
        }
    }

    // ------------------------------------------------------------------ shared-memory algorithms

    /** Where a granted lock lives in the tables, remembered by the backend's local lock. */
    record Held(int lock, int procLock) {
    }

    /**
     * Acquires {@code mode} of {@code tag} for {@code proc} in shared memory. The proc must not already
     * hold that mode there (the local lock table guarantees it).
     *
     * @param lockTimeoutNanos lock_timeout, 0 for none
     * @throws LockException 55P03 (NOWAIT, lock_timeout), 40P01, 57014, 53200
     */
    Held acquire(int proc, LockTag tag, LockMode mode, boolean dontWait, long deadlockTimeoutNanos,
            long lockTimeoutNanos) {
        int hash = tag.hash();
        LWLock partition = table.partition(LockTable.partitionOf(hash));
        int lock;
        int procLock;
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            lock = table.findLock(tag, hash);
            if (lock == NONE) {
                lock = table.createLock(tag, hash);
                if (lock == NONE) {
                    throw LockException.outOfSharedMemory(tag);
                }
            }
            procLock = table.findProcLock(lock, proc);
            if (procLock == NONE) {
                procLock = table.createProcLock(lock, proc);
                if (procLock == NONE) {
                    if (table.firstProcLock(lock) == NONE) {
                        table.deleteLock(lock);
                    }
                    throw LockException.outOfSharedMemory(tag);
                }
            }
            if ((table.holdMask(procLock) & mode.bit()) != 0) {
                throw new IllegalStateException("proc " + proc + " already holds " + mode.pgName() + " on " + tag);
            }
            boolean conflict = (mode.conflictMask() & table.waitMask(lock)) != 0 || conflicts(lock, mode, procLock);
            if (!conflict) {
                table.grant(lock, procLock, mode);
                return new Held(lock, procLock);
            }
            if (dontWait) {
                cleanUp(lock, procLock, false);
                throw LockException.notAvailable(tag);
            }
            if (enqueue(proc, tag, lock, procLock, mode)) {
                return new Held(lock, procLock);
            }
        } finally {
            partition.release();
        }
        return waitForGrant(proc, tag, lock, procLock, deadlockTimeoutNanos, lockTimeoutNanos);
    }

    /** Releases {@code mode}, which {@code proc} holds, and grants what that makes grantable. */
    void release(LockTag tag, Held held, LockMode mode) {
        LWLock partition = table.partition(LockTable.partitionOf(tag.hash()));
        int[] granted;
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            table.ungrant(held.lock(), held.procLock(), mode);
            granted = cleanUp(held.lock(), held.procLock(), true);
        } finally {
            partition.release();
        }
        wake(granted);
    }

    void clearCancel(int proc) {
        table.clearInterrupt(proc);
    }

    /**
     * Queues {@code proc} on the lock by ProcSleep's rule (see the class comment), or grants at once.
     * Caller holds the partition lock and has found a conflict.
     *
     * @return true if granted without waiting
     */
    private boolean enqueue(int proc, LockTag tag, int lock, int procLock, LockMode mode) {
        int mine = table.holdMask(procLock);
        int previous = table.lastWaiter(lock);
        if (mine != 0) {
            int ahead = 0;
            int before = NONE;
            for (int waiter = table.firstWaiter(lock); waiter != NONE; before = waiter, waiter = table.nextWaiter(waiter)) {
                LockMode theirs = table.waitMode(waiter);
                if ((theirs.conflictMask() & mine) != 0) {
                    // The waiter needs us to let go first.
                    if ((mode.conflictMask() & table.holdMask(table.waitProcLock(waiter))) != 0) {
                        // ...and we need it to let go: a deadlock right now, no need to wait to see it.
                        String detail = DeadlockDetector.line(table.pid(proc), mode, tag, table.pid(waiter)) + "\n"
                                + DeadlockDetector.line(table.pid(waiter), theirs, tag, table.pid(proc));
                        throw LockException.deadlock(detail, tag);
                    }
                    if ((mode.conflictMask() & ahead) == 0 && !conflicts(lock, mode, procLock)) {
                        table.grant(lock, procLock, mode);
                        return true;
                    }
                    previous = before;
                    break;
                }
                ahead |= theirs.bit();
            }
        }
        table.insertWaiter(lock, previous, proc);
        table.setWait(proc, lock, mode, procLock);
        table.setWaitMask(lock, table.waitMask(lock) | mode.bit());
        table.setState(proc, WAITING);
        return false;
    }

    /** Sleeps until granted, or fails (deadlock victim, cancel, lock_timeout) having left the queue. */
    private Held waitForGrant(int proc, LockTag tag, int lock, int procLock, long deadlockTimeoutNanos,
            long lockTimeoutNanos) {
        long start = System.nanoTime();
        boolean deadlockChecked = false;
        while (true) {
            int status = table.status(proc);
            if ((status & STATE_MASK) == GRANTED) {
                table.setState(proc, IDLE);
                return new Held(lock, procLock);
            }
            long waited = System.nanoTime() - start;
            if ((status & INTERRUPT) != 0) {
                leaveQueue(proc, tag, lock, procLock, table.cancelReason(proc), true);
                continue; // granted in the meantime
            }
            if (lockTimeoutNanos > 0 && waited >= lockTimeoutNanos) {
                leaveQueue(proc, tag, lock, procLock, CancelReason.LOCK_TIMEOUT, false);
                continue;
            }
            if (!deadlockChecked && waited >= deadlockTimeoutNanos) {
                deadlockChecked = true;
                checkDeadlock(proc, tag, lock, procLock);
                continue;
            }
            long sleep = MAX_SLEEP_NANOS;
            if (!deadlockChecked) {
                sleep = Math.min(sleep, deadlockTimeoutNanos - waited);
            }
            if (lockTimeoutNanos > 0) {
                sleep = Math.min(sleep, lockTimeoutNanos - waited);
            }
            table.awaitStatusChange(proc, status, Math.max(sleep, 1));
        }
    }

    /** Gives up a wait, unless it was granted meanwhile (then returns and the caller sees the grant). */
    private void leaveQueue(int proc, LockTag tag, int lock, int procLock, CancelReason reason, boolean interrupt) {
        LWLock partition = table.partition(LockTable.partitionOf(tag.hash()));
        int[] granted;
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if ((table.status(proc) & STATE_MASK) == GRANTED) {
                return;
            }
            removeWaiter(proc, lock);
            granted = cleanUp(lock, procLock, true);
            if (interrupt) {
                table.setStateClearingInterrupt(proc, IDLE);
            } else {
                table.setState(proc, IDLE);
            }
        } finally {
            partition.release();
        }
        wake(granted);
        throw LockException.cancelled(reason, tag);
    }

    /**
     * CheckDeadLock: with the whole lock table frozen, look for a cycle through this proc; if there is
     * one and no queue reordering breaks it, leave the queue (waking whoever that unblocks) and fail
     * with 40P01.
     */
    private void checkDeadlock(int proc, LockTag tag, int lock, int procLock) {
        String detail;
        int[] granted;
        lockAllPartitions(LWLock.Mode.EXCLUSIVE);
        try {
            if ((table.status(proc) & STATE_MASK) == GRANTED) {
                return;
            }
            DeadlockDetector detector = new DeadlockDetector(table);
            if (!detector.findCycle(proc) || rearrange(detector, proc)) {
                return;
            }
            detail = detector.describe();
            removeWaiter(proc, lock);
            granted = cleanUp(lock, procLock, true);
            table.setState(proc, IDLE);
        } finally {
            unlockAllPartitions();
        }
        wake(granted);
        throw LockException.deadlock(detail, tag);
    }

    /**
     * A soft deadlock: tries to break the cycle {@code cycle} (found from {@code me}) by letting one
     * waiter of a soft edge go ahead of the waiter it queues behind (PostgreSQL's queue
     * rearrangement, one move at a time instead of its search over combinations of moves). A move is
     * kept only if afterwards neither {@code me} nor the two procs involved is in any cycle (a new
     * cycle would have to go through the two, since only their order changed); then whatever the new
     * order makes grantable is granted. Caller holds every partition lock.
     *
     * @return true if a move broke the cycle
     */
    private boolean rearrange(DeadlockDetector cycle, int me) {
        for (int i = 0; i < cycle.length(); i++) {
            if (!cycle.softAt(i)) {
                continue;
            }
            int mover = cycle.procAt(i);
            int ahead = cycle.procAt((i + 1) % cycle.length());
            int lock = cycle.lockAt(i);
            int originalPrevious = table.waiterBefore(lock, mover);
            table.unlinkWaiter(lock, originalPrevious, mover);
            table.insertWaiter(lock, table.waiterBefore(lock, ahead), mover);
            if (!inCycle(me) && !inCycle(mover) && !inCycle(ahead)) {
                wake(wakeWaiters(lock)); // rare: not worth carrying out of every partition lock
                return true;
            }
            table.unlinkWaiter(lock, table.waiterBefore(lock, mover), mover);
            table.insertWaiter(lock, originalPrevious, mover);
        }
        return false;
    }

    private boolean inCycle(int proc) {
        return new DeadlockDetector(table).findCycle(proc);
    }

    private void removeWaiter(int proc, int lock) {
        table.unlinkWaiter(lock, table.waiterBefore(lock, proc), proc);
        table.clearWait(proc);
        int mask = 0;
        for (int waiter = table.firstWaiter(lock); waiter != NONE; waiter = table.nextWaiter(waiter)) {
            mask |= table.waitMode(waiter).bit();
        }
        table.setWaitMask(lock, mask);
    }

    /**
     * After a release or an abandoned request: drop this proc's entry if it holds nothing, drop the lock
     * if nobody holds or awaits it, else (if asked) grant what has become grantable (CleanUpLock).
     * Returns the procs granted, for {@link #wake} once the partition lock is released.
     */
    private int[] cleanUp(int lock, int procLock, boolean wake) {
        if (table.holdMask(procLock) == 0) {
            table.deleteProcLock(lock, procLock);
        }
        if (table.firstProcLock(lock) == NONE) {
            table.deleteLock(lock);
        } else if (wake) {
            return wakeWaiters(lock);
        }
        return NO_PROCS;
    }

    /**
     * Wakes procs that {@link #wakeWaiters} granted. Called after the partition lock is released, not
     * under it (PostgreSQL sets the latch under it): a woken waiter's first step, letting go of a
     * transaction lock it only waited on, needs that same partition lock, and the committer that
     * woke it usually still held it, so the waiter ran, found it taken and slept again on the LWLock
     * (seen in strace: a FUTEX_WAIT on the partition word right after every row-lock wake-up). A late
     * wake is never lost: the waiter sleeps on its status word only while the word still says
     * WAITING, and it was set to GRANTED before the partition lock was released.
     */
    private void wake(int[] procs) {
        for (int proc : procs) {
            table.wakeProc(proc);
        }
    }

    /**
     * ProcLockWakeup: walk the queue front to back; grant each waiter whose mode conflicts neither
     * with the granted modes (other than its own) nor with the requests still waiting ahead of it.
     * Returns the procs granted; the caller wakes them ({@link #wake}).
     */
    private int[] wakeWaiters(int lock) {
        int[] granted = NO_PROCS;
        int count = 0;
        int ahead = 0;
        int previous = NONE;
        int waiter = table.firstWaiter(lock);
        while (waiter != NONE) {
            int next = table.nextWaiter(waiter);
            LockMode mode = table.waitMode(waiter);
            int procLock = table.waitProcLock(waiter);
            if ((mode.conflictMask() & ahead) == 0 && !conflicts(lock, mode, procLock)) {
                table.grant(lock, procLock, mode);
                table.unlinkWaiter(lock, previous, waiter);
                table.clearWait(waiter);
                table.setState(waiter, GRANTED);
                if (count == granted.length) {
                    granted = Arrays.copyOf(granted, Math.max(4, count * 2));
                }
                granted[count++] = waiter;
            } else {
                ahead |= mode.bit();
                previous = waiter;
            }
            waiter = next;
        }
        table.setWaitMask(lock, ahead);
        return count == granted.length ? granted : Arrays.copyOf(granted, count);
    }

    /**
     * LockCheckConflicts: does {@code mode} conflict with a mode granted to some other proc? The
     * requester's own grants never conflict with its requests (a transaction may hold ShareLock and
     * then ask for RowExclusiveLock on the same table).
     */
    private boolean conflicts(int lock, LockMode mode, int procLock) {
        int conflictMask = mode.conflictMask();
        if ((conflictMask & table.grantMask(lock)) == 0) {
            return false;
        }
        int mine = table.holdMask(procLock);
        for (LockMode held : MODES) {
            if ((conflictMask & held.bit()) != 0) {
                int others = table.granted(lock, held) - ((mine & held.bit()) != 0 ? 1 : 0);
                if (others > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void lockAllPartitions(LWLock.Mode mode) {
        for (int i = 0; i < LockTable.PARTITIONS; i++) {
            table.partition(i).acquire(mode);
        }
    }

    private void unlockAllPartitions() {
        for (int i = LockTable.PARTITIONS - 1; i >= 0; i--) {
            table.partition(i).release();
        }
    }
}
