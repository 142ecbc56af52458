package org.tusk.storage.xact;

import java.nio.file.Path;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.shmem.SharedMemory;

/** A test cluster: a segment in a temporary directory with the transaction structures in it. */
final class Cluster implements AutoCloseable {

    final Path dataDirectory;
    final SharedMemory shm;
    final TransactionSystem system;
    final FakeWal wal = new FakeWal();

    Cluster(Path dataDirectory, TransactionSystem.Settings settings) {
        this(dataDirectory, settings, TransactionIds.FIRST_NORMAL);
    }

    Cluster(Path dataDirectory, TransactionSystem.Settings settings, long nextXid) {
        this.dataDirectory = dataDirectory;
        this.shm = SharedMemory.create(dataDirectory.resolve("shmem"),
                TransactionSystem.shmemSize(settings) + SharedMemory.HEADER_SIZE + 4096);
        this.system = TransactionSystem.initialize(shm, dataDirectory, settings, wal, nextXid);
    }

    TransactionManager backend(int proc) {
        return new TransactionManager(system, proc, wal, wal, XidLockHook.NONE);
    }

    @Override
    public void close() {
        shm.close();
    }
}
