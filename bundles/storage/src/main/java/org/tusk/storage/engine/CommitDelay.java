package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.tusk.storage.shmem.SharedMemory;

/**
 * PostgreSQL's DELAY_CHKPT_START for commits: a backend is "in commit" from just before it inserts
 * its commit record until its commit-log bits are set, and a checkpoint, after fixing its redo
 * point, waits until every backend that was in commit has left it before it writes anything.
 *
 * <p>Why: a commit record inserted before the redo point is not replayed after a crash, so its
 * outcome must be in the commit-log pages the checkpoint writes. Without the wait, a checkpoint
 * could write pg_xact between a backend's commit record and its commit-log update; the transaction
 * would then be lost in a crash although its commit was acknowledged (the crash torture test found
 * exactly that). One int per proc number in the segment ("engine commit delay"), so backends in
 * other processes are seen too; the wait polls, since it is rare and lasts one WAL flush.
 */
final class CommitDelay {

    static final String NAME = "engine commit delay";
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment flags;
    private final int procs;

    private CommitDelay(MemorySegment flags) {
        this.flags = flags;
        this.procs = (int) (flags.byteSize() / 4);
    }

    static long shmemSize(int maxProcs) {
        return 4L * maxProcs + SharedMemory.ALIGNMENT;
    }

    static CommitDelay initialize(SharedMemory shm, int maxProcs) {
        return new CommitDelay(shm.allocate(NAME, 4L * maxProcs));
    }

    static CommitDelay attach(SharedMemory shm) {
        return new CommitDelay(shm.lookup(NAME));
    }

    void enter(int proc) {
        INT.setVolatile(flags, 4L * proc, 1);
    }

    void leave(int proc) {
        INT.setVolatile(flags, 4L * proc, 0);
    }

    /**
     * Waits until every backend in commit when called has left it (each flag seen 0 once: a backend
     * entering later inserts its commit record after the redo point, which is replayed).
     */
    void waitForCommitsInProgress() {
        for (int p = 0; p < procs; p++) {
            long pause = 10_000;
            while ((int) INT.getVolatile(flags, 4L * p) != 0) {
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 1_000_000);
            }
        }
    }
}
