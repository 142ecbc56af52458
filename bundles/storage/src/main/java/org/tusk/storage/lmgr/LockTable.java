package org.tusk.storage.lmgr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.tusk.storage.shmem.Futex;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SpinLock;

/**
 * A per-process view of the lock manager's one shared structure: the partition LWLocks, the hash
 * buckets, the pool of lock objects, the pool of proc-lock entries and the per-proc wait slots. It
 * knows the layout and keeps the free lists; the rules (when to grant, queue, wake) are in
 * {@link LockManager}. Entries are named by index, never by address, because every process maps the
 * segment at a different address. {@link #NONE} (-1) is the null index.
 *
 * <pre>
 * header      0    maxProcs, maxLocksPerTransaction, lock pool size, proc-lock pool size, buckets (ints)
 *             64   lock free list: spinlock, head, entries in use
 *             128  proc-lock free list: spinlock, head, entries in use
 *             256  16 partition LWLocks, one per 64-byte line
 * buckets     1280 int per bucket: first lock of its chain
 * locks       LOCK_SIZE bytes each:
 *               0 tag type, 4..16 tag fields 1-4, 20 tag hash, 24 next in bucket chain (or free list),
 *               28 granted-mode mask, 32 waited-for-mode mask, 36 number of grants,
 *               40 first proc-lock, 44 first waiter (proc number), 48 last waiter, 52 waiters,
 *               56 granted count per mode (8 ints)
 * proc-locks  PROCLOCK_SIZE bytes each: 0 lock, 4 proc, 8 held-mode mask, 12 next in the lock's list (or free list)
 * proc slots  PROC_SIZE (64) bytes each: 0 wait status word (the futex), 4 awaited lock, 8 awaited mode,
 *               12 proc-lock of the wait, 16 next proc in the wait queue, 20 cancel reason, 24 pid
 * </pre>
 *
 * <p>Locking rules: a bucket chain, the locks in it, their proc-locks and wait queues, and the wait
 * fields of the procs queued on them are read and written only under the partition's LWLock (the
 * partition is the tag hash modulo 16, and a bucket's partition is its index modulo 16, so a chain
 * never spans partitions). The free lists are shared by all partitions and protected by their own
 * spinlocks, taken inside a partition lock and never the other way round. The status word is the only
 * field also touched without a partition lock (by its own proc, and by {@link LockManager#cancelWait}),
 * so it is always accessed atomically.
 */
final class LockTable {

    static final int NONE = -1;
    static final int PARTITIONS = 16;

    static final String STRUCT_NAME = "lmgr lock tables";

    // Header.
    private static final long H_MAX_PROCS = 0;
    private static final long H_MAX_LOCKS_PER_XACT = 4;
    private static final long H_LOCKS = 8;
    private static final long H_PROCLOCKS = 12;
    private static final long H_BUCKETS = 16;
    private static final long H_LOCK_FREE_LOCK = 64;
    private static final long H_LOCK_FREE_HEAD = 68;
    private static final long H_LOCKS_IN_USE = 72;
    private static final long H_PROCLOCK_FREE_LOCK = 128;
    private static final long H_PROCLOCK_FREE_HEAD = 132;
    private static final long H_PROCLOCKS_IN_USE = 136;
    private static final long H_PARTITIONS = 256;
    private static final long HEADER_SIZE = H_PARTITIONS + PARTITIONS * 64L;

    // Lock object.
    static final long LOCK_SIZE = 96;
    private static final long L_TYPE = 0;
    private static final long L_FIELD1 = 4;
    private static final long L_HASH = 20;
    private static final long L_NEXT = 24;
    private static final long L_GRANT_MASK = 28;
    private static final long L_WAIT_MASK = 32;
    private static final long L_GRANTS = 36;
    private static final long L_PROCLOCKS = 40;
    private static final long L_WAIT_HEAD = 44;
    private static final long L_WAIT_TAIL = 48;
    private static final long L_WAITERS = 52;
    private static final long L_GRANTED = 56;

    // Proc-lock.
    static final long PROCLOCK_SIZE = 16;
    private static final long P_LOCK = 0;
    private static final long P_PROC = 4;
    private static final long P_HOLD_MASK = 8;
    private static final long P_NEXT = 12;

    // Proc slot.
    static final long PROC_SIZE = 64;
    private static final long S_STATUS = 0;
    private static final long S_WAIT_LOCK = 4;
    private static final long S_WAIT_MODE = 8;
    private static final long S_WAIT_PROCLOCK = 12;
    private static final long S_QUEUE_NEXT = 16;
    private static final long S_CANCEL_REASON = 20;
    private static final long S_PID = 24;

    /** Status word values (low byte) and the interrupt flag a canceller ORs in. */
    static final int IDLE = 0;
    static final int WAITING = 1;
    static final int GRANTED = 2;
    static final int STATE_MASK = 0xFF;
    static final int INTERRUPT = 0x100;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;

    private final MemorySegment mem;
    final int maxProcs;
    final int lockCount;
    final int procLockCount;
    final int bucketCount;
    private final long buckets;
    private final long locks;
    private final long procLocks;
    private final long procs;
    private final LWLock[] partitions = new LWLock[PARTITIONS];
    private final SpinLock lockFreeList;
    private final SpinLock procLockFreeList;

    private LockTable(MemorySegment mem, LockSettings settings) {
        this.mem = mem;
        this.maxProcs = settings.maxProcs();
        this.lockCount = settings.lockPoolSize();
        this.procLockCount = settings.procLockPoolSize();
        this.bucketCount = bucketCount(lockCount);
        this.buckets = HEADER_SIZE;
        this.locks = align(buckets + 4L * bucketCount);
        this.procLocks = align(locks + LOCK_SIZE * lockCount);
        this.procs = align(procLocks + PROCLOCK_SIZE * procLockCount);
        for (int i = 0; i < PARTITIONS; i++) {
            partitions[i] = new LWLock(mem, H_PARTITIONS + 64L * i);
        }
        lockFreeList = new SpinLock(mem, H_LOCK_FREE_LOCK);
        procLockFreeList = new SpinLock(mem, H_PROCLOCK_FREE_LOCK);
    }

    static long size(LockSettings settings) {
        int lockCount = settings.lockPoolSize();
        long end = align(HEADER_SIZE + 4L * bucketCount(lockCount));
        end = align(end + Math.multiplyExact(LOCK_SIZE, (long) lockCount));
        end = align(end + Math.multiplyExact(PROCLOCK_SIZE, (long) settings.procLockPoolSize()));
        return end + Math.multiplyExact(PROC_SIZE, (long) settings.maxProcs());
    }

    /** Formats a zeroed structure: empty buckets, every entry on its free list, idle procs. */
    static LockTable format(MemorySegment mem, LockSettings settings) {
        LockTable table = new LockTable(mem, settings);
        mem.set(I, H_MAX_PROCS, settings.maxProcs());
        mem.set(I, H_MAX_LOCKS_PER_XACT, settings.maxLocksPerTransaction());
        mem.set(I, H_LOCKS, table.lockCount);
        mem.set(I, H_PROCLOCKS, table.procLockCount);
        mem.set(I, H_BUCKETS, table.bucketCount);
        for (int b = 0; b < table.bucketCount; b++) {
            mem.set(I, table.buckets + 4L * b, NONE);
        }
        for (int i = 0; i < table.lockCount; i++) {
            table.setLockInt(i, L_NEXT, i + 1 < table.lockCount ? i + 1 : NONE);
        }
        mem.set(I, H_LOCK_FREE_HEAD, table.lockCount > 0 ? 0 : NONE);
        for (int i = 0; i < table.procLockCount; i++) {
            table.setProcLockInt(i, P_NEXT, i + 1 < table.procLockCount ? i + 1 : NONE);
        }
        mem.set(I, H_PROCLOCK_FREE_HEAD, table.procLockCount > 0 ? 0 : NONE);
        for (int p = 0; p < table.maxProcs; p++) {
            table.resetProc(p, 0);
        }
        SpinLock.init(mem, H_LOCK_FREE_LOCK);
        SpinLock.init(mem, H_PROCLOCK_FREE_LOCK);
        for (int i = 0; i < PARTITIONS; i++) {
            LWLock.init(mem, H_PARTITIONS + 64L * i);
        }
        return table;
    }

    /** A view of a structure formatted by another process with the same settings (checked). */
    static LockTable attach(MemorySegment mem, LockSettings settings) {
        if (mem.byteSize() != size(settings) || mem.get(I, H_MAX_PROCS) != settings.maxProcs()
                || mem.get(I, H_MAX_LOCKS_PER_XACT) != settings.maxLocksPerTransaction()) {
            throw new IllegalStateException("lock tables in shared memory were built for maxProcs "
                    + mem.get(I, H_MAX_PROCS) + ", max_locks_per_transaction " + mem.get(I, H_MAX_LOCKS_PER_XACT)
                    + ", not " + settings);
        }
        return new LockTable(mem, settings);
    }

    // ---- partitions

    static int partitionOf(int hash) {
        return hash & (PARTITIONS - 1);
    }

    LWLock partition(int index) {
        return partitions[index];
    }

    // ---- hash table of locks

    /** The lock with this tag, or NONE. Caller holds the tag's partition lock. */
    int findLock(LockTag tag, int hash) {
        for (int lock = bucketHead(hash); lock != NONE; lock = lockInt(lock, L_NEXT)) {
            if (lockInt(lock, L_HASH) == hash && tagEquals(lock, tag)) {
                return lock;
            }
        }
        return NONE;
    }

    /** A new, empty lock for {@code tag} linked into its bucket, or NONE if the pool is empty. */
    int createLock(LockTag tag, int hash) {
        int lock = pop(lockFreeList, H_LOCK_FREE_HEAD, H_LOCKS_IN_USE, true);
        if (lock == NONE) {
            return NONE;
        }
        long base = lockBase(lock);
        for (long offset = 0; offset < LOCK_SIZE; offset += 8) {
            mem.set(ValueLayout.JAVA_LONG, base + offset, 0L);
        }
        setLockInt(lock, L_TYPE, tag.type().ordinal());
        setLockInt(lock, L_FIELD1, tag.field1());
        setLockInt(lock, L_FIELD1 + 4, tag.field2());
        setLockInt(lock, L_FIELD1 + 8, tag.field3());
        setLockInt(lock, L_FIELD1 + 12, tag.field4());
        setLockInt(lock, L_HASH, hash);
        setLockInt(lock, L_PROCLOCKS, NONE);
        setLockInt(lock, L_WAIT_HEAD, NONE);
        setLockInt(lock, L_WAIT_TAIL, NONE);
        long bucket = bucketOffset(hash);
        setLockInt(lock, L_NEXT, mem.get(I, bucket));
        mem.set(I, bucket, lock);
        return lock;
    }

    /** Unlinks an unused lock (no proc-locks, so no holders and no waiters) and frees it. */
    void deleteLock(int lock) {
        int hash = lockInt(lock, L_HASH);
        long bucket = bucketOffset(hash);
        int next = lockInt(lock, L_NEXT);
        int current = mem.get(I, bucket);
        if (current == lock) {
            mem.set(I, bucket, next);
        } else {
            while (lockInt(current, L_NEXT) != lock) {
                current = lockInt(current, L_NEXT);
            }
            setLockInt(current, L_NEXT, next);
        }
        push(lockFreeList, H_LOCK_FREE_HEAD, H_LOCKS_IN_USE, true, lock);
    }

    /** First lock of the bucket chain with index {@code bucket} (for walking all locks of a partition). */
    int bucketHeadAt(int bucket) {
        return mem.get(I, buckets + 4L * bucket);
    }

    int nextInBucket(int lock) {
        return lockInt(lock, L_NEXT);
    }

    private boolean tagEquals(int lock, LockTag tag) {
        long base = lockBase(lock);
        return mem.get(I, base + L_TYPE) == tag.type().ordinal() && mem.get(I, base + L_FIELD1) == tag.field1()
                && mem.get(I, base + L_FIELD1 + 4) == tag.field2() && mem.get(I, base + L_FIELD1 + 8) == tag.field3()
                && mem.get(I, base + L_FIELD1 + 12) == tag.field4();
    }

    LockTag tagOf(int lock) {
        long base = lockBase(lock);
        return new LockTag(LockTagType.of(mem.get(I, base + L_TYPE)), mem.get(I, base + L_FIELD1),
                mem.get(I, base + L_FIELD1 + 4), mem.get(I, base + L_FIELD1 + 8), mem.get(I, base + L_FIELD1 + 12));
    }

    int grantMask(int lock) {
        return lockInt(lock, L_GRANT_MASK);
    }

    int waitMask(int lock) {
        return lockInt(lock, L_WAIT_MASK);
    }

    void setWaitMask(int lock, int mask) {
        setLockInt(lock, L_WAIT_MASK, mask);
    }

    int granted(int lock, LockMode mode) {
        return lockInt(lock, L_GRANTED + 4L * mode.ordinal());
    }

    int grants(int lock) {
        return lockInt(lock, L_GRANTS);
    }

    /** Records that {@code procLock}'s proc now holds {@code mode} of {@code lock} (GrantLock). */
    void grant(int lock, int procLock, LockMode mode) {
        long count = L_GRANTED + 4L * mode.ordinal();
        setLockInt(lock, count, lockInt(lock, count) + 1);
        setLockInt(lock, L_GRANTS, lockInt(lock, L_GRANTS) + 1);
        setLockInt(lock, L_GRANT_MASK, lockInt(lock, L_GRANT_MASK) | mode.bit());
        setProcLockInt(procLock, P_HOLD_MASK, holdMask(procLock) | mode.bit());
    }

    /** The inverse of {@link #grant} (UnGrantLock). */
    void ungrant(int lock, int procLock, LockMode mode) {
        long count = L_GRANTED + 4L * mode.ordinal();
        int left = lockInt(lock, count) - 1;
        if (left < 0 || (holdMask(procLock) & mode.bit()) == 0) {
            throw new IllegalStateException("lock table corrupted: releasing " + mode.pgName() + " on "
                    + tagOf(lock) + " not held by proc " + procOf(procLock));
        }
        setLockInt(lock, count, left);
        setLockInt(lock, L_GRANTS, lockInt(lock, L_GRANTS) - 1);
        if (left == 0) {
            setLockInt(lock, L_GRANT_MASK, lockInt(lock, L_GRANT_MASK) & ~mode.bit());
        }
        setProcLockInt(procLock, P_HOLD_MASK, holdMask(procLock) & ~mode.bit());
    }

    // ---- proc-locks

    int firstProcLock(int lock) {
        return lockInt(lock, L_PROCLOCKS);
    }

    int nextProcLock(int procLock) {
        return procLockInt(procLock, P_NEXT);
    }

    /** {@code proc}'s entry for {@code lock}, or NONE. Walks the lock's list: short but for very popular locks. */
    int findProcLock(int lock, int proc) {
        for (int pl = firstProcLock(lock); pl != NONE; pl = nextProcLock(pl)) {
            if (procOf(pl) == proc) {
                return pl;
            }
        }
        return NONE;
    }

    /** A new entry "proc holds nothing of lock yet", or NONE if the pool is empty. */
    int createProcLock(int lock, int proc) {
        int pl = pop(procLockFreeList, H_PROCLOCK_FREE_HEAD, H_PROCLOCKS_IN_USE, false);
        if (pl == NONE) {
            return NONE;
        }
        setProcLockInt(pl, P_LOCK, lock);
        setProcLockInt(pl, P_PROC, proc);
        setProcLockInt(pl, P_HOLD_MASK, 0);
        setProcLockInt(pl, P_NEXT, firstProcLock(lock));
        setLockInt(lock, L_PROCLOCKS, pl);
        return pl;
    }

    /** Unlinks an entry that holds nothing and is not waited with, and frees it. */
    void deleteProcLock(int lock, int procLock) {
        int next = nextProcLock(procLock);
        int current = firstProcLock(lock);
        if (current == procLock) {
            setLockInt(lock, L_PROCLOCKS, next);
        } else {
            while (nextProcLock(current) != procLock) {
                current = nextProcLock(current);
            }
            setProcLockInt(current, P_NEXT, next);
        }
        push(procLockFreeList, H_PROCLOCK_FREE_HEAD, H_PROCLOCKS_IN_USE, false, procLock);
    }

    int procOf(int procLock) {
        return procLockInt(procLock, P_PROC);
    }

    int holdMask(int procLock) {
        return procLockInt(procLock, P_HOLD_MASK);
    }

    // ---- wait queues (a list of procs through their slots)

    int firstWaiter(int lock) {
        return lockInt(lock, L_WAIT_HEAD);
    }

    int waiters(int lock) {
        return lockInt(lock, L_WAITERS);
    }

    int nextWaiter(int proc) {
        return procInt(proc, S_QUEUE_NEXT);
    }

    /** Puts {@code proc} into the queue right after {@code previous} (NONE: at the front). */
    void insertWaiter(int lock, int previous, int proc) {
        int next = previous == NONE ? firstWaiter(lock) : nextWaiter(previous);
        setProcInt(proc, S_QUEUE_NEXT, next);
        if (previous == NONE) {
            setLockInt(lock, L_WAIT_HEAD, proc);
        } else {
            setProcInt(previous, S_QUEUE_NEXT, proc);
        }
        if (next == NONE) {
            setLockInt(lock, L_WAIT_TAIL, proc);
        }
        setLockInt(lock, L_WAITERS, waiters(lock) + 1);
    }

    int lastWaiter(int lock) {
        return lockInt(lock, L_WAIT_TAIL);
    }

    /** Takes {@code proc}, whose predecessor in the queue is {@code previous}, out of the queue. */
    void unlinkWaiter(int lock, int previous, int proc) {
        int next = nextWaiter(proc);
        if (previous == NONE) {
            setLockInt(lock, L_WAIT_HEAD, next);
        } else {
            setProcInt(previous, S_QUEUE_NEXT, next);
        }
        if (next == NONE) {
            setLockInt(lock, L_WAIT_TAIL, previous);
        }
        setProcInt(proc, S_QUEUE_NEXT, NONE);
        setLockInt(lock, L_WAITERS, waiters(lock) - 1);
    }

    /** The predecessor of {@code proc} in the lock's queue (NONE if first); proc must be queued. */
    int waiterBefore(int lock, int proc) {
        int previous = NONE;
        for (int p = firstWaiter(lock); p != proc; p = nextWaiter(p)) {
            if (p == NONE) {
                throw new IllegalStateException("proc " + proc + " is not in the wait queue of " + tagOf(lock));
            }
            previous = p;
        }
        return previous;
    }

    // ---- proc slots

    /** Clears a proc's wait fields and records its pid (at backend start, or at format with pid 0). */
    void resetProc(int proc, int pid) {
        setProcInt(proc, S_WAIT_LOCK, NONE);
        setProcInt(proc, S_WAIT_MODE, NONE);
        setProcInt(proc, S_WAIT_PROCLOCK, NONE);
        setProcInt(proc, S_QUEUE_NEXT, NONE);
        setProcInt(proc, S_CANCEL_REASON, 0);
        setProcInt(proc, S_PID, pid);
        INT.setVolatile(mem, procBase(proc) + S_STATUS, IDLE);
    }

    /** Records what {@code proc} waits for; caller holds the lock's partition. */
    void setWait(int proc, int lock, LockMode mode, int procLock) {
        setProcInt(proc, S_WAIT_LOCK, lock);
        setProcInt(proc, S_WAIT_MODE, mode.ordinal());
        setProcInt(proc, S_WAIT_PROCLOCK, procLock);
    }

    void clearWait(int proc) {
        setProcInt(proc, S_WAIT_LOCK, NONE);
        setProcInt(proc, S_WAIT_MODE, NONE);
        setProcInt(proc, S_WAIT_PROCLOCK, NONE);
    }

    /** The lock {@code proc} waits for, or NONE. */
    int waitLock(int proc) {
        return procInt(proc, S_WAIT_LOCK);
    }

    LockMode waitMode(int proc) {
        return LockMode.of(procInt(proc, S_WAIT_MODE));
    }

    int waitProcLock(int proc) {
        return procInt(proc, S_WAIT_PROCLOCK);
    }

    int pid(int proc) {
        return procInt(proc, S_PID);
    }

    int status(int proc) {
        return (int) INT.getVolatile(mem, procBase(proc) + S_STATUS);
    }

    /** Sets the state part of the status word, keeping a pending interrupt. */
    void setState(int proc, int state) {
        long offset = procBase(proc) + S_STATUS;
        int current;
        do {
            current = (int) INT.getVolatile(mem, offset);
        } while (!INT.compareAndSet(mem, offset, current, (current & ~STATE_MASK) | state));
    }

    /** Sets the state and clears any pending interrupt (the waiter has acted on it). */
    void setStateClearingInterrupt(int proc, int state) {
        INT.setVolatile(mem, procBase(proc) + S_STATUS, state);
    }

    /** Marks a pending interrupt; true if the proc was waiting at that moment. */
    boolean interrupt(int proc, CancelReason reason) {
        setProcInt(proc, S_CANCEL_REASON, reason.ordinal());
        int before = (int) INT.getAndBitwiseOr(mem, procBase(proc) + S_STATUS, INTERRUPT);
        return (before & STATE_MASK) == WAITING;
    }

    CancelReason cancelReason(int proc) {
        return CancelReason.of(procInt(proc, S_CANCEL_REASON));
    }

    void clearInterrupt(int proc) {
        INT.getAndBitwiseAnd(mem, procBase(proc) + S_STATUS, ~INTERRUPT);
    }

    /** Sleeps until the status word changes from {@code seen}, a wake, or {@code nanos}. */
    void awaitStatusChange(int proc, int seen, long nanos) {
        Futex.await(mem, procBase(proc) + S_STATUS, seen, nanos);
    }

    void wakeProc(int proc) {
        Futex.wake(mem, procBase(proc) + S_STATUS, Integer.MAX_VALUE);
    }

    // ---- statistics

    int locksInUse() {
        return (int) INT.getVolatile(mem, H_LOCKS_IN_USE);
    }

    int procLocksInUse() {
        return (int) INT.getVolatile(mem, H_PROCLOCKS_IN_USE);
    }

    // ---- internals

    private int pop(SpinLock guard, long head, long inUse, boolean lockPool) {
        guard.lock();
        try {
            int entry = mem.get(I, head);
            if (entry != NONE) {
                mem.set(I, head, lockPool ? lockInt(entry, L_NEXT) : procLockInt(entry, P_NEXT));
                mem.set(I, inUse, mem.get(I, inUse) + 1);
            }
            return entry;
        } finally {
            guard.unlock();
        }
    }

    private void push(SpinLock guard, long head, long inUse, boolean lockPool, int entry) {
        guard.lock();
        try {
            if (lockPool) {
                setLockInt(entry, L_NEXT, mem.get(I, head));
            } else {
                setProcLockInt(entry, P_NEXT, mem.get(I, head));
            }
            mem.set(I, head, entry);
            mem.set(I, inUse, mem.get(I, inUse) - 1);
        } finally {
            guard.unlock();
        }
    }

    private int bucketHead(int hash) {
        return mem.get(I, bucketOffset(hash));
    }

    private long bucketOffset(int hash) {
        return buckets + 4L * (hash & (bucketCount - 1));
    }

    private long lockBase(int lock) {
        return locks + LOCK_SIZE * lock;
    }

    private int lockInt(int lock, long field) {
        return mem.get(I, lockBase(lock) + field);
    }

    private void setLockInt(int lock, long field, int value) {
        mem.set(I, lockBase(lock) + field, value);
    }

    private int procLockInt(int procLock, long field) {
        return mem.get(I, procLocks + PROCLOCK_SIZE * procLock + field);
    }

    private void setProcLockInt(int procLock, long field, int value) {
        mem.set(I, procLocks + PROCLOCK_SIZE * procLock + field, value);
    }

    private long procBase(int proc) {
        if (proc < 0 || proc >= maxProcs) {
            throw new IllegalArgumentException("proc number " + proc + " outside [0, " + maxProcs + ")");
        }
        return procs + PROC_SIZE * proc;
    }

    private int procInt(int proc, long field) {
        return mem.get(I, procBase(proc) + field);
    }

    private void setProcInt(int proc, long field, int value) {
        mem.set(I, procBase(proc) + field, value);
    }

    /** A power of two at least the lock pool size and at least the partition count. */
    private static int bucketCount(int lockCount) {
        int n = PARTITIONS;
        while (n < lockCount) {
            n <<= 1;
        }
        return n;
    }

    private static long align(long offset) {
        return (offset + 63) & -64L;
    }
}
