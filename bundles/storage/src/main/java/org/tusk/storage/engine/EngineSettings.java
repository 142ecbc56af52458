package org.tusk.storage.engine;

import java.time.Duration;
import org.tusk.storage.wal.WalSettings;

/**
 * The settings that size and tune the engine, PostgreSQL's names: {@code shared_buffers} (8 kB pages),
 * {@code max_connections} (proc numbers handed to backends), {@code max_locks_per_transaction},
 * {@code deadlock_timeout}, the WAL settings, and whether the auxiliary threads run (checkpointer,
 * WAL writer, background writer; tests may drive them by hand instead).
 */
public record EngineSettings(int sharedBuffers, int maxConnections, int maxLocksPerTransaction, int clogBuffers,
        Duration deadlockTimeout, WalSettings wal, boolean backgroundThreads, long checkpointerPollMillis) {

    public EngineSettings {
        if (sharedBuffers < 16) {
            throw new IllegalArgumentException("shared_buffers must be at least 16 pages");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be positive");
        }
    }

    /** Small defaults suited to tests: 1 MB of buffers, 16 backends, 512 kB of WAL buffers. */
    public static EngineSettings small() {
        return new EngineSettings(128, 16, 64, 16, Duration.ofMillis(50),
                WalSettings.defaults().withWalBuffers(64).withMaxWalSize(64L << 20), true, 100);
    }

    public EngineSettings withSharedBuffers(int pages) {
        return new EngineSettings(pages, maxConnections, maxLocksPerTransaction, clogBuffers, deadlockTimeout, wal,
                backgroundThreads, checkpointerPollMillis);
    }

    public EngineSettings withMaxConnections(int n) {
        return new EngineSettings(sharedBuffers, n, maxLocksPerTransaction, clogBuffers, deadlockTimeout, wal,
                backgroundThreads, checkpointerPollMillis);
    }

    public EngineSettings withWal(WalSettings settings) {
        return new EngineSettings(sharedBuffers, maxConnections, maxLocksPerTransaction, clogBuffers, deadlockTimeout,
                settings, backgroundThreads, checkpointerPollMillis);
    }

    public EngineSettings withBackgroundThreads(boolean on) {
        return new EngineSettings(sharedBuffers, maxConnections, maxLocksPerTransaction, clogBuffers, deadlockTimeout,
                wal, on, checkpointerPollMillis);
    }

    public EngineSettings withDeadlockTimeout(Duration timeout) {
        return new EngineSettings(sharedBuffers, maxConnections, maxLocksPerTransaction, clogBuffers, timeout, wal,
                backgroundThreads, checkpointerPollMillis);
    }

    /** As a command-line argument for a child process: the same settings on both sides of an attach. */
    public String encode() {
        return sharedBuffers + "," + maxConnections + "," + maxLocksPerTransaction + "," + clogBuffers + ","
                + deadlockTimeout.toMillis() + "," + wal.walBuffers() + "," + wal.fsync() + ","
                + wal.synchronousCommit() + "," + wal.fullPageWrites() + "," + wal.maxWalSize() + ","
                + backgroundThreads + "," + checkpointerPollMillis;
    }

    public static EngineSettings decode(String text) {
        String[] f = text.split(",");
        WalSettings wal = WalSettings.defaults().withWalBuffers(Integer.parseInt(f[5]))
                .withFsync(Boolean.parseBoolean(f[6])).withSynchronousCommit(Boolean.parseBoolean(f[7]))
                .withMaxWalSize(Long.parseLong(f[9]));
        if (!Boolean.parseBoolean(f[8])) {
            wal = new WalSettings(wal.walBuffers(), wal.fsync(), wal.syncMethod(), wal.synchronousCommit(), false,
                    wal.maxWalSize(), wal.checkpointTimeout(), wal.walWriterDelay());
        }
        return new EngineSettings(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]), Duration.ofMillis(Long.parseLong(f[4])), wal, Boolean.parseBoolean(f[10]),
                Long.parseLong(f[11]));
    }
}
