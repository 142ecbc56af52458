package org.tusk.storage.xact;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The next transaction id (PostgreSQL's TransamVariables->nextXid and XidGenLock).
 *
 * <p>The counter is a 64-bit word in shared memory that anyone may read without a lock (an acquire
 * read), but it only moves under XidGenLock, because taking an id is more than an increment: the new
 * id must be <em>published</em> as running (in the taker's {@link ProcArray} slot, and its parent in
 * the subtransaction map) before the counter passes it. A snapshot reads the counter as its xmax and
 * then the running array; if the counter could pass an id not yet in the array, the snapshot would
 * take that still-running transaction for finished. Holding the lock over "read, publish, store
 * next" makes publication of id N happen before anyone can see N + 1.
 *
 * <p>The clog and subtrans pages of a new id are zeroed here too when it is the first on its page,
 * under the same lock, as GetNewTransactionId does with ExtendCLOG.
 */
final class XidGenerator {

    static final String SHMEM_NAME = "xact xid counter";
    static final long SIZE = 64;
    private static final long OFF_LOCK = 0;
    private static final long OFF_NEXT = 8;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment area;
    private final LWLock lock;

    private XidGenerator(MemorySegment area) {
        this.area = area;
        this.lock = new LWLock(area, OFF_LOCK);
    }

    static XidGenerator initialize(SharedMemory shm, long nextXid) {
        checkNormal(nextXid);
        MemorySegment area = shm.allocate(SHMEM_NAME, SIZE);
        LWLock.init(area, OFF_LOCK);
        LONG.setRelease(area, OFF_NEXT, nextXid);
        return new XidGenerator(area);
    }

    static XidGenerator attach(SharedMemory shm) {
        return new XidGenerator(shm.lookup(SHMEM_NAME));
    }

    /** The id the next transaction will get: every id below it has been handed out. */
    long nextXid() {
        return (long) LONG.getAcquire(area, OFF_NEXT);
    }

    /** Something done with the new id, under XidGenLock, before the counter moves past it. */
    interface Publisher {
        void publish(long xid);
    }

    /** Takes the next id, runs {@code publisher} with it, then advances the counter. */
    long assign(Publisher publisher) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long xid = (long) LONG.get(area, OFF_NEXT);
            publisher.publish(xid);
            LONG.setRelease(area, OFF_NEXT, xid + 1);
            return xid;
        } finally {
            lock.release();
        }
    }

    /** Sets the counter (start-up, from the checkpoint); only before transactions run. */
    void set(long nextXid) {
        checkNormal(nextXid);
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            LONG.setRelease(area, OFF_NEXT, nextXid);
        } finally {
            lock.release();
        }
    }

    /** Moves the counter past {@code xid} if it is not already (WAL redo of any record with an id). */
    void advancePast(long xid) {
        if (xid < nextXid()) {
            return;
        }
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (xid >= (long) LONG.get(area, OFF_NEXT)) {
                LONG.setRelease(area, OFF_NEXT, xid + 1);
            }
        } finally {
            lock.release();
        }
    }

    private static void checkNormal(long nextXid) {
        if (!TransactionIds.isNormal(nextXid)) {
            throw new IllegalArgumentException("next transaction id must be at least "
                    + TransactionIds.FIRST_NORMAL + ", not " + nextXid);
        }
    }
}
