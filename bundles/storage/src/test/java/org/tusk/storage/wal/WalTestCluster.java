package org.tusk.storage.wal;

import java.nio.file.Path;
import java.util.List;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.recovery.RedoBufferAccess;
import org.tusk.storage.recovery.ResourceManager;
import org.tusk.storage.recovery.StartupRecovery;
import org.tusk.storage.shmem.SharedMemory;

/**
 * A cluster for tests: data directory bootstrapped once, then "started" any number of times (a fresh
 * shared-memory segment, the WAL initialized in it, crash recovery) and "crashed" by just closing
 * (nothing is flushed on close, as if the processes had died).
 */
public final class WalTestCluster implements AutoCloseable {

    public final Path dataDirectory;
    public final SharedMemory shmem;
    public final Wal wal;
    public final StartupRecovery.Outcome outcome;

    private WalTestCluster(Path dataDirectory, SharedMemory shmem, Wal wal, StartupRecovery.Outcome outcome) {
        this.dataDirectory = dataDirectory;
        this.shmem = shmem;
        this.wal = wal;
        this.outcome = outcome;
    }

    public static WalSettings fastSettings(int walBuffers) {
        return WalSettings.defaults().withWalBuffers(walBuffers).withFsync(false);
    }

    /** Bootstraps {@code dataDirectory} if it has no control file yet. */
    public static void bootstrapIfNeeded(Path dataDirectory) {
        if (!java.nio.file.Files.exists(ControlFile.path(dataDirectory))) {
            WalBootstrap.bootstrap(dataDirectory, ControlFile.newSystemIdentifier(), true);
        }
    }

    public static WalTestCluster start(Path dataDirectory, WalSettings settings, RedoBufferAccess buffers,
            List<ResourceManager> managers) {
        bootstrapIfNeeded(dataDirectory);
        ControlFile.Data control = ControlFile.read(dataDirectory);
        SharedMemory shmem = SharedMemory.create(dataDirectory.resolve("shmem"), Wal.shmemSize(settings) + 8192);
        Wal wal = Wal.initialize(shmem, settings, dataDirectory, control.systemIdentifier());
        StartupRecovery.Outcome outcome = new StartupRecovery(dataDirectory, buffers, managers).startup(wal,
                CheckpointHooks.NONE);
        return new WalTestCluster(dataDirectory, shmem, wal, outcome);
    }

    public static WalTestCluster start(Path dataDirectory, WalSettings settings) {
        return start(dataDirectory, settings, null, List.of());
    }

    /** A reader positioned on the first record after the latest checkpoint's redo point. */
    public WalReader reader() {
        return new WalReader(wal.walDirectory(), wal.systemIdentifier());
    }

    @Override
    public void close() {
        wal.close();
        shmem.close();
    }
}
