package org.tusk.storage.xact;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The child side of {@link XidAssignmentTest}: a separate JVM that attaches the segment, reports in,
 * waits for the start signal, then runs transactions that take xids (see {@link #run}) and writes
 * what it got to a file, one entry per line.
 *
 * <p>Usage: {@code XidProcess SEGMENT DATA_DIR PROC_NUMBER TRANSACTIONS OUTPUT PARTICIPANTS}. Exit 0 on
 * success.
 */
public final class XidProcess {

    static final String STRUCT = "xid test";
    static final long READY = 0;
    static final long GO = 4;
    /** How many processes have done half their transactions: the second barrier, see {@link #run}. */
    static final long HALF = 8;
    static final long SIZE = 64;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private XidProcess() {
    }

    public static void main(String[] args) throws IOException {
        try (SharedMemory shm = SharedMemory.attach(Path.of(args[0]))) {
            FakeWal wal = new FakeWal();
            TransactionSystem system = TransactionSystem.attach(shm, Path.of(args[1]), wal);
            TransactionManager backend = new TransactionManager(system, Integer.parseInt(args[2]), wal, wal,
                    XidLockHook.NONE);
            int transactions = Integer.parseInt(args[3]);
            MemorySegment area = shm.lookup(STRUCT);
            INT.getAndAdd(area, READY, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((int) INT.getVolatile(area, GO) == 0) {
                if (System.nanoTime() > deadline) {
                    System.exit(3);
                }
                LockSupport.parkNanos(100_000);
            }
            StringBuilder out = new StringBuilder();
            for (long entry : run(backend, transactions, area, Integer.parseInt(args[5]))) {
                out.append(entry).append('\n');
            }
            Files.writeString(Path.of(args[4]), out);
        }
    }

    /**
     * Runs {@code transactions} writing transactions, every third with a subtransaction (whose own
     * xid is rolled back every sixth time); commits even ones, aborts odd ones. Returns each xid
     * assigned with the outcome it must end with: {@code xid * 2 + (committed ? 1 : 0)}.
     */
    static long[] run(TransactionManager backend, int transactions) {
        return run(backend, transactions, null, 0);
    }

    /**
     * As {@link #run(TransactionManager, int)}, but halfway through waits until all
     * {@code participants} processes are halfway too, so their xid ranges certainly interleave even
     * when the machine is so loaded that one process could otherwise finish before another starts.
     */
    static long[] run(TransactionManager backend, int transactions, MemorySegment area, int participants) {
        long[] result = new long[transactions * 2];
        int n = 0;
        for (int i = 0; i < transactions; i++) {
            if (area != null && i == transactions / 2) {
                awaitHalfway(area, participants);
            }
            boolean commit = i % 2 == 0;
            backend.begin(IsolationLevel.READ_COMMITTED);
            long top = backend.currentXid();
            result[n++] = top * 2 + (commit ? 1 : 0);
            if (i % 3 == 0) {
                backend.savepoint("s");
                long sub = backend.currentXid();
                boolean rolledBack = i % 6 == 0;
                if (rolledBack) {
                    backend.rollbackToSavepoint("s");
                }
                result[n++] = sub * 2 + (commit && !rolledBack ? 1 : 0);
            }
            if (commit) {
                backend.commit();
            } else {
                backend.abort();
            }
        }
        return Arrays.copyOf(result, n);
    }

    private static void awaitHalfway(MemorySegment area, int participants) {
        INT.getAndAdd(area, HALF, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((int) INT.getVolatile(area, HALF) < participants) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other processes never got halfway");
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
