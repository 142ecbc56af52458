package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.tusk.storage.shmem.SharedMemory;

/**
 * Which proc numbers {@link StorageEngine#openSession} has handed out, in the segment ("engine proc
 * slots"), so that backends of every process attached to it get distinct ones without asking the
 * postmaster (PostgreSQL's free PGPROC list, InitProcess). One int per proc number: 0 free, else the
 * claiming backend's process id; claimed with a compare-and-set, freed when the session closes. A
 * process killed with its slots claimed leaves them taken until the segment is created again, which
 * is what the postmaster does after a backend crash anyway.
 *
 * <p>Proc numbers a caller picks itself ({@link StorageEngine#session(int)}, the multi-process tests
 * and tools) are not recorded here: a cluster uses one way or the other.
 */
final class ProcSlots {

    static final String NAME = "engine proc slots";
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment slots;
    private final int procs;

    private ProcSlots(MemorySegment slots) {
        this.slots = slots;
        this.procs = (int) (slots.byteSize() / 4);
    }

    static long shmemSize(int maxProcs) {
        return 4L * maxProcs + SharedMemory.ALIGNMENT;
    }

    static ProcSlots initialize(SharedMemory shm, int maxProcs) {
        return new ProcSlots(shm.allocate(NAME, 4L * maxProcs));
    }

    static ProcSlots attach(SharedMemory shm) {
        return new ProcSlots(shm.lookup(NAME));
    }

    /** Claims the lowest free proc number for {@code processId} (never 0 in the slot); -1 if none is free. */
    int claim(int processId) {
        int mark = processId == 0 ? -1 : processId;
        for (int proc = 0; proc < procs; proc++) {
            if ((int) INT.getVolatile(slots, 4L * proc) == 0 && INT.compareAndSet(slots, 4L * proc, 0, mark)) {
                return proc;
            }
        }
        return -1;
    }

    void release(int proc) {
        INT.setVolatile(slots, 4L * proc, 0);
    }
}
