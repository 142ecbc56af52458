package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

import org.tusk.storage.shmem.Futex;
import org.tusk.storage.shmem.SharedMemory;

/**
 * Interrupt requests between backends, in the segment ("proc signals"): what PostgreSQL does with
 * kill(pid, SIGINT) and kill(pid, SIGTERM) in pg_cancel_backend and pg_terminate_backend, and with its
 * ProcSignalSlots for the other reasons. A backend may be a thread of the postmaster's JVM or a
 * process of its own, so a request never goes through a Java object: the sender sets bits in the
 * target's slot and rings one doorbell word for the whole segment; in every process attached to it a
 * {@link ProcSignalWatcher} sleeps on that doorbell and hands the bits of its own backends to them.
 *
 * <p>Layout (ints, offsets in bytes): the doorbell (a counter, bumped by every request) at 0, then
 * one 8-byte slot per proc number from {@link #SLOTS}: the process ID of the backend that receives
 * signals there (0 for none) and the pending request bits. A slot is written by its owner when it
 * starts or stops receiving, and its bits by any sender (an atomic or) and by the owner's watcher (an
 * atomic exchange), so no lock is needed.
 *
 * <p>As in PostgreSQL, a request that races with the target's exit may reach the backend that takes
 * the slot next only if that backend also has the same process ID; a backend clears its bits when it
 * starts receiving, so a request for an earlier owner is not delivered to it.
 */
final class ProcSignals {

    static final String NAME = "proc signals";
    /** Cancel the running statement (SIGINT). */
    static final int CANCEL = 1;
    /** End the session with FATAL 57P01 (SIGTERM). */
    static final int TERMINATE = 2;

    private static final long DOORBELL = 0;
    private static final long SLOTS = 64;
    private static final long SLOT_SIZE = 8;
    private static final long PID = 0;
    private static final long BITS = 4;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment area;
    private final int procs;

    private ProcSignals(MemorySegment area) {
        this.area = area;
        this.procs = (int) ((area.byteSize() - SLOTS) / SLOT_SIZE);
    }

    static long shmemSize(int maxProcs) {
        return SLOTS + SLOT_SIZE * maxProcs + SharedMemory.ALIGNMENT;
    }

    static ProcSignals initialize(SharedMemory shm, int maxProcs) {
        MemorySegment area = shm.allocate(NAME, SLOTS + SLOT_SIZE * maxProcs);
        area.fill((byte) 0);
        return new ProcSignals(area);
    }

    static ProcSignals attach(SharedMemory shm) {
        return new ProcSignals(shm.lookup(NAME));
    }

    /** Proc {@code proc} receives signals sent to {@code processId} from now on; earlier bits are dropped. */
    void register(int proc, int processId) {
        INT.setVolatile(area, bits(proc), 0);
        INT.setVolatile(area, pid(proc), processId);
    }

    /** Proc {@code proc} no longer receives signals. */
    void unregister(int proc) {
        INT.setVolatile(area, pid(proc), 0);
        INT.setVolatile(area, bits(proc), 0);
    }

    /** The proc number receiving signals for {@code processId}, or -1 if no backend does. */
    int procOf(int processId) {
        if (processId == 0) {
            return -1;
        }
        for (int proc = 0; proc < procs; proc++) {
            if ((int) INT.getVolatile(area, pid(proc)) == processId) {
                return proc;
            }
        }
        return -1;
    }

    /**
     * Sets {@code request} in the slot of the backend with {@code processId} and rings the doorbell;
     * returns false (and sends nothing) if no backend receives signals for that process ID.
     */
    boolean send(int processId, int request) {
        int proc = procOf(processId);
        if (proc < 0) {
            return false;
        }
        INT.getAndBitwiseOr(area, bits(proc), request);
        ring();
        return true;
    }

    /** Takes (and clears) the requests pending for {@code proc}. */
    int take(int proc) {
        return (int) INT.getAndSet(area, bits(proc), 0);
    }

    /** The doorbell's current value, read before looking at the slots. */
    int doorbell() {
        return (int) INT.getVolatile(area, DOORBELL);
    }

    /** Sleeps while the doorbell still shows {@code seen}, at most {@code nanos}. */
    void awaitDoorbell(int seen, long nanos) {
        Futex.await(area, DOORBELL, seen, nanos);
    }

    /** Wakes every watcher (one that is stopping looks at its flag). */
    void ring() {
        INT.getAndAdd(area, DOORBELL, 1);
        Futex.wake(area, DOORBELL, Integer.MAX_VALUE);
    }

    private static long pid(int proc) {
        return SLOTS + SLOT_SIZE * proc + PID;
    }

    private static long bits(int proc) {
        return SLOTS + SLOT_SIZE * proc + BITS;
    }
}
