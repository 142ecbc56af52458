package org.tusk.storage.wal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tusk.storage.shmem.SharedMemory;

/**
 * The child side of {@link MultiProcessWalTest}: a separate JVM that attaches the segment, reports in,
 * waits for the start signal, then inserts tagged records into the shared WAL buffers and flushes.
 *
 * <p>Usage: {@code WalInsertProcess SEGMENT DATA_DIR WAL_BUFFERS RECORDS WRITER_ID}. Exit 0 on success.
 */
public final class WalInsertProcess {

    static final String STRUCT = "wal test sync";
    static final long READY = 0;
    static final long GO = 4;
    static final long SIZE = 64;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private WalInsertProcess() {
    }

    public static void main(String[] args) {
        try (SharedMemory shm = SharedMemory.attach(Path.of(args[0]))) {
            MemorySegment sync = shm.lookup(STRUCT);
            int records = Integer.parseInt(args[3]);
            int writer = Integer.parseInt(args[4]);
            try (Wal wal = Wal.attach(shm, WalTestCluster.fastSettings(Integer.parseInt(args[2])), Path.of(args[1]))) {
                INT.getAndAdd(sync, READY, 1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((int) INT.getVolatile(sync, GO) == 0) {
                    if (System.nanoTime() > deadline) {
                        System.exit(3);
                    }
                    LockSupport.parkNanos(100_000);
                }
                insert(wal, writer, records);
            }
        }
    }

    static void insert(Wal wal, int writer, int records) {
        for (int i = 0; i < records; i++) {
            Wal.Inserted at = wal.insert(ConcurrentInsertTest.tagged(writer, i));
            if (i % 200 == 199 || i == records - 1) {
                wal.flush(at.end());
            }
        }
    }
}
