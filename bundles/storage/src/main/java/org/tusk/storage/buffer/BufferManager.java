package org.tusk.storage.buffer;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.smgr.StorageManager;

/**
 * One backend's access to the shared buffer pool (PostgreSQL's bufmgr.c): read a block into a pinned
 * buffer, lock its contents, mark it dirty, release it; flush or drop a relation's buffers; write every
 * dirty buffer for a checkpoint.
 *
 * <p>Every shared fact (pins, flags, tags, the mapping, page bytes) lives in shared memory; this object
 * adds only what is private to one backend: how often it pinned each buffer ({@link PrivateRefCount}),
 * which content locks it holds, and usage counters. So it is NOT thread-safe: one per backend (or per
 * auxiliary process such as the checkpointer or background writer), all sharing one
 * {@link SharedBufferPool} and one {@link StorageManager} per process.
 *
 * <p>Buffers are identified by ints in {@code [0, shared_buffers)}. The usual sequence:
 * <pre>
 *   int b = buffers.readBuffer(rel, ForkNumber.MAIN, block);   // pinned
 *   buffers.lock(b, LWLock.Mode.EXCLUSIVE);
 *   ... change buffers.page(b), set its LSN after WAL-logging ...
 *   buffers.markDirty(b);
 *   buffers.unlockRelease(b);
 * </pre>
 * The README in this directory gives the locking rules and their order.
 */
public final class BufferManager {

    private final SharedBufferPool pool;
    private final BufferDescriptors descriptors;
    private final BufferMappingTable mapping;
    private final ClockSweep clock;
    private final StorageManager smgr;
    private final WalFlusher wal;
    private final PrivateRefCount pins = new PrivateRefCount();

    /** Content locks this backend holds: buffer ids and whether exclusive, in acquisition order. */
    private int[] heldBuffers = new int[8];
    private boolean[] heldExclusive = new boolean[8];
    private int heldCount;

    /** Set by {@link #bufferAlloc}: true if the block was already (or is now) valid in the returned buffer. */
    private boolean allocFound;

    private long hits;
    private long reads;
    private long writes;
    private long extensions;

    public BufferManager(SharedBufferPool pool, StorageManager smgr, WalFlusher wal) {
        this.pool = pool;
        this.descriptors = pool.descriptors();
        this.mapping = pool.mapping();
        this.clock = pool.clock();
        this.smgr = smgr;
        this.wal = wal;
    }

    /**
     * Returns a pinned buffer holding block {@code block} of the fork (ReadBuffer), reading it from disk
     * if it is not in the pool. The content is not locked.
     */
    public int readBuffer(RelFileLocator rel, ForkNumber fork, int block) {
        return readBuffer(rel, fork, block, null);
    }

    /**
     * {@link #readBuffer(RelFileLocator, ForkNumber, int)} with an access strategy (ReadBufferExtended
     * with a BufferAccessStrategy): a block not in the pool is read into a buffer of {@code ring}
     * (null: any victim of the clock sweep), and a block found in the pool gets a usage count of at
     * most 1 from this pin, so one large read neither flushes the pool nor makes its own pages look
     * popular.
     */
    public int readBuffer(RelFileLocator rel, ForkNumber fork, int block, BufferRing ring) {
        if (block < 0) {
            throw new IllegalArgumentException("invalid block number " + Integer.toUnsignedString(block));
        }
        int buffer = bufferAlloc(new BufferTag(rel, fork, block), ring);
        if (allocFound) {
            hits++;
            return buffer;
        }
        try {
            smgr.read(rel, fork, block, pool.frame(buffer));
        } catch (RuntimeException | Error e) {
            abortIO(buffer);
            unpin(buffer);
            throw e;
        }
        terminateIO(buffer, false, BufferState.VALID);
        reads++;
        return buffer;
    }

    /**
     * Adds a zeroed block at the end of the fork and returns it pinned (ReadBuffer with P_NEW). The file
     * is extended at once, under the fork's extension lock, so the next caller gets the next block.
     */
    public int extend(RelFileLocator rel, ForkNumber fork) {
        LWLock extensionLock = clock.extensionLock(rel, fork);
        extensionLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int block = smgr.nblocks(rel, fork);
            BufferTag tag = new BufferTag(rel, fork, block);
            int buffer = bufferAlloc(tag, null);
            if (allocFound) {
                unpin(buffer);
                throw new IllegalStateException("unexpected data beyond EOF in block "
                        + Integer.toUnsignedString(block) + " of relation " + rel.path(fork, 0)
                        + " (This has been seen to occur with buggy kernels; consider updating your system.)");
            }
            MemorySegment frame = pool.frame(buffer);
            frame.fill((byte) 0);
            try {
                smgr.extend(rel, fork, block, frame);
            } catch (RuntimeException | Error e) {
                abortIO(buffer);
                unpin(buffer);
                throw e;
            }
            terminateIO(buffer, false, BufferState.VALID);
            extensions++;
            return buffer;
        } finally {
            extensionLock.release();
        }
    }

    /** The number of buffers in the pool (shared_buffers in pages). */
    public int poolSize() {
        return descriptors.count();
    }

    /** The page of a buffer this backend has pinned: 8 kB of shared memory, valid while the pin lasts. */
    public MemorySegment page(int buffer) {
        checkPinned(buffer);
        return pool.frame(buffer);
    }

    /** Which block a pinned buffer holds (BufferGetTag). */
    public BufferTag tag(int buffer) {
        checkPinned(buffer);
        return descriptors.tag(buffer);
    }

    /** Locks the contents of a pinned buffer (LockBuffer): SHARED to read, EXCLUSIVE to change. */
    public void lock(int buffer, LWLock.Mode mode) {
        checkPinned(buffer);
        if (heldIndex(buffer) >= 0) {
            throw new IllegalStateException("content lock of buffer " + buffer + " already held by this backend");
        }
        descriptors.contentLock(buffer).acquire(mode);
        remember(buffer, mode == LWLock.Mode.EXCLUSIVE);
    }

    /** Like {@link #lock} but only if no waiting is needed (ConditionalLockBuffer). */
    public boolean tryLock(int buffer, LWLock.Mode mode) {
        checkPinned(buffer);
        if (heldIndex(buffer) >= 0) {
            throw new IllegalStateException("content lock of buffer " + buffer + " already held by this backend");
        }
        if (!descriptors.contentLock(buffer).tryAcquire(mode)) {
            return false;
        }
        remember(buffer, mode == LWLock.Mode.EXCLUSIVE);
        return true;
    }

    /** Releases this backend's content lock on the buffer (LockBuffer with BUFFER_LOCK_UNLOCK). */
    public void unlock(int buffer) {
        int index = heldIndex(buffer);
        if (index < 0) {
            throw new IllegalStateException("content lock of buffer " + buffer + " is not held");
        }
        forget(index);
        descriptors.contentLock(buffer).release();
    }

    /**
     * Marks a buffer dirty (MarkBufferDirty): the caller has it pinned and exclusively locked, and has
     * WAL-logged the change and set the page LSN first (WAL before data is enforced when it is written).
     */
    public void markDirty(int buffer) {
        checkPinned(buffer);
        int index = heldIndex(buffer);
        if (index < 0 || !heldExclusive[index]) {
            throw new IllegalStateException("buffer " + buffer + " marked dirty without its exclusive content lock");
        }
        while (true) {
            int state = descriptors.waitUnlocked(buffer);
            if (descriptors.compareAndSet(buffer, state, state | BufferState.DIRTY | BufferState.JUST_DIRTIED)) {
                return;
            }
        }
    }

    /** Pins an already pinned buffer once more (IncrBufferRefCount): private only, no shared access. */
    public void pinAgain(int buffer) {
        checkPinned(buffer);
        pins.increment(buffer);
    }

    /** Drops one pin (ReleaseBuffer). The content lock must have been released first. */
    public void release(int buffer) {
        checkPinned(buffer);
        unpin(buffer);
    }

    /** Releases the content lock and the pin (UnlockReleaseBuffer). */
    public void unlockRelease(int buffer) {
        unlock(buffer);
        release(buffer);
    }

    /** How many pins this backend holds on the buffer (0 if none). */
    public int pinCount(int buffer) {
        return pins.get(buffer);
    }

    /**
     * Writes every dirty buffer of the relation, all forks (FlushRelationBuffers), for example before
     * copying its files or after building it without WAL.
     */
    public void flushRelation(RelFileLocator rel) {
        for (int buffer = 0; buffer < descriptors.count(); buffer++) {
            if (!descriptors.tagMatches(buffer, rel)) {
                continue; // unlocked pre-check; a buffer that starts matching now was not dirty before we began
            }
            int state = descriptors.lockHeader(buffer);
            if (BufferState.has(state, BufferState.TAG_VALID) && BufferState.has(state, BufferState.VALID)
                    && BufferState.has(state, BufferState.DIRTY) && descriptors.tag(buffer).rel().equals(rel)) {
                writeLocked(buffer, state);
            } else {
                descriptors.unlockHeader(buffer, state);
            }
        }
    }

    /**
     * Forgets the buffers of blocks {@code firstBlock} and later of the fork, without writing them
     * (DropRelationBuffers), before the storage manager truncates the fork. The caller must hold the
     * relation exclusively: nobody else may be using those blocks.
     */
    public void dropRelation(RelFileLocator rel, ForkNumber fork, int firstBlock) {
        dropBuffers(rel, fork, firstBlock);
    }

    /** Forgets every buffer of every fork of the relation, before it is unlinked (DropRelationsAllBuffers). */
    public void dropRelationAllForks(RelFileLocator rel) {
        dropBuffers(rel, null, 0);
    }

    /**
     * Writes every buffer that is dirty when the call starts (BufferSync, the checkpoint's buffer pass):
     * first marks them CHECKPOINT_NEEDED, then writes those still marked. Buffers dirtied later are left
     * to the next checkpoint; their WAL is after this checkpoint's redo point. Returns how many buffers
     * this call wrote. The checkpointer must then call {@link StorageManager#syncPending} before the
     * checkpoint counts as done.
     */
    public int flushAll() {
        int count = descriptors.count();
        for (int buffer = 0; buffer < count; buffer++) {
            int state = descriptors.lockHeader(buffer);
            if (BufferState.has(state, BufferState.DIRTY) && BufferState.has(state, BufferState.VALID)) {
                state |= BufferState.CHECKPOINT_NEEDED;
            }
            descriptors.unlockHeader(buffer, state);
        }
        int written = 0;
        for (int buffer = 0; buffer < count; buffer++) {
            if (BufferState.has(descriptors.state(buffer), BufferState.CHECKPOINT_NEEDED)
                    && syncOneBuffer(buffer, false)) {
                written++;
            }
        }
        return written;
    }

    /**
     * Releases every content lock and pin this backend holds (what a transaction abort does through
     * resource owners), so an error cannot leave a buffer pinned or locked forever.
     */
    public void releaseAll() {
        while (heldCount > 0) {
            int buffer = heldBuffers[heldCount - 1];
            heldCount--;
            descriptors.contentLock(buffer).release();
        }
        for (int buffer : pins.pinned()) {
            while (pins.get(buffer) > 0) {
                unpin(buffer);
            }
        }
    }

    /** Blocks found in the pool (shared_blks_hit). */
    public long hits() {
        return hits;
    }

    /** Blocks read from disk (shared_blks_read). */
    public long reads() {
        return reads;
    }

    /** Buffers this backend wrote out (evictions, flushes, checkpoint or background writes). */
    public long writes() {
        return writes;
    }

    /** Blocks added by {@link #extend}. */
    public long extensions() {
        return extensions;
    }

    /**
     * Writes one buffer if it is valid and dirty (SyncOneBuffer); with {@code skipRecentlyUsed}, only if
     * it is also unpinned with usage count 0, i.e. about to be a victim (the background writer's case).
     */
    boolean syncOneBuffer(int buffer, boolean skipRecentlyUsed) {
        int state = descriptors.lockHeader(buffer);
        if (skipRecentlyUsed && (BufferState.refcount(state) != 0 || BufferState.usage(state) != 0)) {
            descriptors.unlockHeader(buffer, state);
            return false;
        }
        if (!BufferState.has(state, BufferState.VALID) || !BufferState.has(state, BufferState.DIRTY)) {
            descriptors.unlockHeader(buffer, state);
            return false;
        }
        return writeLocked(buffer, state);
    }

    /** The raw shared state word, for tests and diagnostics. */
    int sharedState(int buffer) {
        return descriptors.state(buffer);
    }

    /** Pins a buffer whose header we hold locked, writes it under a shared content lock, unpins it. */
    private boolean writeLocked(int buffer, int lockedState) {
        pinLocked(buffer, lockedState);
        LWLock content = descriptors.contentLock(buffer);
        content.acquire(LWLock.Mode.SHARED);
        try {
            return flushBuffer(buffer);
        } finally {
            content.release();
            unpin(buffer);
        }
    }

    /**
     * Finds or assigns the buffer for {@code tag} and pins it (BufferAlloc). On return {@link #allocFound}
     * says whether the page is valid; if not, this backend owns the input I/O (IO_IN_PROGRESS, I/O lock
     * held) and must read the block and call {@link #terminateIO} or {@link #abortIO}.
     */
    private int bufferAlloc(BufferTag tag, BufferRing ring) {
        int hash = tag.hash();
        LWLock partition = mapping.partitionLock(hash);
        partition.acquire(LWLock.Mode.SHARED);
        int existing = mapping.lookup(hash, tag);
        if (existing >= 0) {
            boolean valid = pin(existing, ring != null);
            partition.release();
            allocFound = valid || !startIO(existing, true);
            return existing;
        }
        partition.release();

        while (true) {
            int victim = ring == null ? clock.victim() : ring.victim(clock, descriptors); // header locked, unpinned
            int state = descriptors.state(victim);
            pinLocked(victim, state);
            if (BufferState.has(state, BufferState.DIRTY)) {
                // Conditional: someone who pinned it since may hold the content lock and wait for a lock
                // we hold; rather than risk that, pick another victim.
                LWLock content = descriptors.contentLock(victim);
                if (!content.tryAcquire(LWLock.Mode.SHARED)) {
                    unpin(victim);
                    continue;
                }
                try {
                    flushBuffer(victim);
                } catch (RuntimeException | Error e) {
                    content.release();
                    unpin(victim);
                    throw e;
                }
                content.release();
            }
            BufferTag oldTag = BufferState.has(state, BufferState.TAG_VALID) ? descriptors.tag(victim) : null;
            int oldHash = oldTag == null ? 0 : oldTag.hash();
            LWLock oldPartition = oldTag == null ? null : mapping.partitionLock(oldHash);
            lockPartitions(hash, partition, oldTag == null ? -1 : oldHash, oldPartition);

            int other = mapping.insert(hash, tag, victim);
            if (other >= 0) {
                // Someone else loaded the block meanwhile: use theirs, put our victim back.
                unpin(victim);
                if (oldPartition != null && oldPartition != partition) {
                    oldPartition.release();
                }
                boolean valid = pin(other, ring != null);
                partition.release();
                allocFound = valid || !startIO(other, true);
                return other;
            }

            int locked = descriptors.lockHeader(victim);
            if (BufferState.refcount(locked) == 1 && !BufferState.has(locked, BufferState.DIRTY)) {
                descriptors.setTag(victim, tag);
                int next = locked & ~(BufferState.VALID | BufferState.DIRTY | BufferState.JUST_DIRTIED
                        | BufferState.CHECKPOINT_NEEDED | BufferState.IO_ERROR | BufferState.USAGE_MASK);
                next |= BufferState.TAG_VALID | BufferState.USAGE_ONE;
                descriptors.unlockHeader(victim, next);
                if (oldTag != null) {
                    mapping.delete(oldHash, oldTag, victim);
                    if (oldPartition != partition) {
                        oldPartition.release();
                    }
                }
                partition.release();
                allocFound = !startIO(victim, true);
                return victim;
            }
            // Pinned or dirtied by someone while we were flushing: give it back, try another.
            descriptors.unlockHeader(victim, locked);
            mapping.delete(hash, tag, victim);
            if (oldPartition != null && oldPartition != partition) {
                oldPartition.release();
            }
            partition.release();
            unpin(victim);
        }
    }

    /** Takes the new and (if any) old mapping partition locks, lower partition number first. */
    private static void lockPartitions(int hash, LWLock partition, int oldHash, LWLock oldPartition) {
        if (oldPartition == null || oldPartition == partition) {
            partition.acquire(LWLock.Mode.EXCLUSIVE);
        } else if (BufferMappingTable.partition(oldHash) < BufferMappingTable.partition(hash)) {
            oldPartition.acquire(LWLock.Mode.EXCLUSIVE);
            partition.acquire(LWLock.Mode.EXCLUSIVE);
        } else {
            partition.acquire(LWLock.Mode.EXCLUSIVE);
            oldPartition.acquire(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * Writes a buffer out (FlushBuffer): the caller has it pinned and holds its content lock in some
     * mode, so no one changes the page meanwhile (hint-bit-style changes under a shared lock would set
     * JUST_DIRTIED and keep the buffer dirty). WAL is flushed up to the page LSN first. False if there
     * was nothing to write (someone else wrote it while we waited for the I/O lock).
     */
    private boolean flushBuffer(int buffer) {
        if (!startIO(buffer, false)) {
            return false;
        }
        try {
            int state = descriptors.lockHeader(buffer);
            descriptors.unlockHeader(buffer, state & ~BufferState.JUST_DIRTIED);
            BufferTag tag = descriptors.tag(buffer);
            MemorySegment frame = pool.frame(buffer);
            long lsn = PageLsn.get(frame);
            if (lsn != Lsn.INVALID) {
                wal.flush(lsn);
            }
            smgr.write(tag.rel(), tag.fork(), tag.block(), frame);
        } catch (RuntimeException | Error e) {
            abortIO(buffer);
            throw e;
        }
        terminateIO(buffer, true, 0);
        writes++;
        return true;
    }

    /**
     * Claims the I/O on a buffer (StartBufferIO): takes its I/O lock exclusively (sleeping, on the lock's
     * futex, while another process does I/O on it), then sets IO_IN_PROGRESS unless the work is already
     * done: for input, the page is valid; for output, it is no longer dirty. True if the caller now owns
     * the I/O and must finish it with {@link #terminateIO} or {@link #abortIO}.
     */
    private boolean startIO(int buffer, boolean forInput) {
        LWLock io = descriptors.ioLock(buffer);
        io.acquire(LWLock.Mode.EXCLUSIVE);
        int state = descriptors.lockHeader(buffer);
        boolean done = forInput ? BufferState.has(state, BufferState.VALID)
                : !BufferState.has(state, BufferState.DIRTY);
        if (done) {
            descriptors.unlockHeader(buffer, state);
            io.release();
            return false;
        }
        descriptors.unlockHeader(buffer, state | BufferState.IO_IN_PROGRESS);
        return true;
    }

    /**
     * Ends our I/O (TerminateBufferIO): clears IO_IN_PROGRESS and IO_ERROR, sets {@code setFlags}, and
     * after a write clears DIRTY unless the page was dirtied again meanwhile; then wakes the waiters by
     * releasing the I/O lock.
     */
    private void terminateIO(int buffer, boolean clearDirty, int setFlags) {
        int state = descriptors.lockHeader(buffer);
        state &= ~(BufferState.IO_IN_PROGRESS | BufferState.IO_ERROR);
        if (clearDirty && !BufferState.has(state, BufferState.JUST_DIRTIED)) {
            state &= ~(BufferState.DIRTY | BufferState.CHECKPOINT_NEEDED);
        }
        descriptors.unlockHeader(buffer, state | setFlags);
        descriptors.ioLock(buffer).release();
    }

    /** Ends a failed I/O (AbortBufferIO): IO_ERROR set, a write leaves the buffer dirty, a read invalid. */
    private void abortIO(int buffer) {
        int state = descriptors.lockHeader(buffer);
        state = (state & ~BufferState.IO_IN_PROGRESS) | BufferState.IO_ERROR;
        descriptors.unlockHeader(buffer, state);
        descriptors.ioLock(buffer).release();
    }

    /** Sleeps until no I/O is in progress on the buffer (WaitIO). */
    private void waitIO(int buffer) {
        while (BufferState.has(descriptors.state(buffer), BufferState.IO_IN_PROGRESS)) {
            // IO_IN_PROGRESS is only ever set while the I/O lock is held exclusively: this sleeps until
            // that I/O is over.
            LWLock io = descriptors.ioLock(buffer);
            io.acquire(LWLock.Mode.SHARED);
            io.release();
        }
    }

    private void dropBuffers(RelFileLocator rel, ForkNumber fork, int firstBlock) {
        for (int buffer = 0; buffer < descriptors.count(); buffer++) {
            if (!descriptors.tagMatches(buffer, rel)) {
                continue;
            }
            int state = descriptors.lockHeader(buffer);
            BufferTag tag = descriptors.tag(buffer);
            if (BufferState.has(state, BufferState.TAG_VALID) && tag.rel().equals(rel)
                    && (fork == null || tag.fork() == fork) && Integer.compareUnsigned(tag.block(), firstBlock) >= 0) {
                invalidate(buffer, state, tag);
            } else {
                descriptors.unlockHeader(buffer, state);
            }
        }
    }

    /**
     * Removes a buffer's identity (InvalidateBuffer), called with its header locked. Waits out anyone
     * pinning it (only transient pins are possible: a checkpoint or background write in progress).
     */
    private void invalidate(int buffer, int lockedState, BufferTag oldTag) {
        int hash = oldTag.hash();
        LWLock partition = mapping.partitionLock(hash);
        descriptors.unlockHeader(buffer, lockedState);
        Backoff backoff = null;
        while (true) {
            partition.acquire(LWLock.Mode.EXCLUSIVE);
            int state = descriptors.lockHeader(buffer);
            if (!BufferState.has(state, BufferState.TAG_VALID) || !descriptors.tag(buffer).equals(oldTag)) {
                descriptors.unlockHeader(buffer, state); // someone else already recycled it
                partition.release();
                return;
            }
            if (BufferState.refcount(state) != 0) {
                descriptors.unlockHeader(buffer, state);
                partition.release();
                if (pins.get(buffer) > 0) {
                    throw new IllegalStateException("buffer is pinned in InvalidateBuffer");
                }
                waitIO(buffer);
                if (backoff == null) {
                    backoff = new Backoff("pin of a buffer being invalidated");
                }
                backoff.pause();
                continue;
            }
            descriptors.clearTag(buffer);
            descriptors.unlockHeader(buffer, 0);
            mapping.delete(hash, oldTag, buffer);
            partition.release();
            return;
        }
    }

    /** Pins a buffer (PinBuffer), raising its usage count; returns whether its page is valid. */
    private boolean pin(int buffer, boolean strategy) {
        if (pins.get(buffer) == 0) {
            while (true) {
                int state = descriptors.waitUnlocked(buffer);
                int next = state + BufferState.REFCOUNT_ONE;
                // A pin under an access strategy (a ring) raises the usage to 1 at most, as PinBuffer does.
                if (BufferState.usage(state) < (strategy ? 1 : BufferState.MAX_USAGE)) {
                    next += BufferState.USAGE_ONE;
                }
                if (descriptors.compareAndSet(buffer, state, next)) {
                    pins.increment(buffer);
                    return BufferState.has(next, BufferState.VALID);
                }
            }
        }
        pins.increment(buffer);
        return BufferState.has(descriptors.state(buffer), BufferState.VALID);
    }

    /** Pins a buffer whose header lock we hold and releases that lock (PinBuffer_Locked); usage unchanged. */
    private void pinLocked(int buffer, int lockedState) {
        if (pins.get(buffer) == 0) {
            descriptors.unlockHeader(buffer, lockedState + BufferState.REFCOUNT_ONE);
        } else {
            descriptors.unlockHeader(buffer, lockedState);
        }
        pins.increment(buffer);
    }

    /** Drops one pin (UnpinBuffer); the last one of this backend decrements the shared count. */
    private void unpin(int buffer) {
        if (pins.get(buffer) == 1 && heldIndex(buffer) >= 0) {
            throw new IllegalStateException("buffer " + buffer + " unpinned while its content lock is held");
        }
        if (pins.decrement(buffer) > 0) {
            return;
        }
        while (true) {
            int state = descriptors.waitUnlocked(buffer);
            if (descriptors.compareAndSet(buffer, state, state - BufferState.REFCOUNT_ONE)) {
                return;
            }
        }
    }

    private void checkPinned(int buffer) {
        if (buffer < 0 || buffer >= descriptors.count()) {
            throw new IllegalArgumentException("bad buffer ID: " + buffer);
        }
        if (pins.get(buffer) == 0) {
            throw new IllegalStateException("buffer " + buffer + " is not pinned by this backend");
        }
    }

    private int heldIndex(int buffer) {
        for (int i = heldCount - 1; i >= 0; i--) {
            if (heldBuffers[i] == buffer) {
                return i;
            }
        }
        return -1;
    }

    private void remember(int buffer, boolean exclusive) {
        if (heldCount == heldBuffers.length) {
            heldBuffers = Arrays.copyOf(heldBuffers, heldCount * 2);
            heldExclusive = Arrays.copyOf(heldExclusive, heldCount * 2);
        }
        heldBuffers[heldCount] = buffer;
        heldExclusive[heldCount] = exclusive;
        heldCount++;
    }

    private void forget(int index) {
        System.arraycopy(heldBuffers, index + 1, heldBuffers, index, heldCount - index - 1);
        System.arraycopy(heldExclusive, index + 1, heldExclusive, index, heldCount - index - 1);
        heldCount--;
    }
}
