package org.tusk.storage.wal;

import java.time.Duration;

/**
 * The WAL settings, PostgreSQL's names and defaults: {@code wal_buffers} (in 8 kB pages; PostgreSQL's
 * automatic default is shared_buffers/32 capped at one segment, here 512 pages = 4 MB), {@code fsync},
 * {@code wal_sync_method}, {@code synchronous_commit}, {@code full_page_writes}, {@code max_wal_size},
 * {@code checkpoint_timeout}, {@code wal_writer_delay}.
 */
public record WalSettings(int walBuffers, boolean fsync, SyncMethod syncMethod, boolean synchronousCommit,
        boolean fullPageWrites, long maxWalSize, Duration checkpointTimeout, Duration walWriterDelay) {

    /** Fewer buffers could not hold the pages one large record spans while older ones are written. */
    public static final int MIN_WAL_BUFFERS = 8;

    public WalSettings {
        if (walBuffers < MIN_WAL_BUFFERS) {
            throw new IllegalArgumentException("wal_buffers must be at least " + MIN_WAL_BUFFERS + " pages");
        }
        if (maxWalSize < 2 * WalAddressing.SEGMENT_SIZE) {
            throw new IllegalArgumentException("\"max_wal_size\" must be at least twice \"wal_segment_size\"");
        }
    }

    public static WalSettings defaults() {
        return new WalSettings(512, true, SyncMethod.FDATASYNC, true, true, 1L << 30, Duration.ofMinutes(5),
                Duration.ofMillis(200));
    }

    public WalSettings withWalBuffers(int pages) {
        return new WalSettings(pages, fsync, syncMethod, synchronousCommit, fullPageWrites, maxWalSize,
                checkpointTimeout, walWriterDelay);
    }

    public WalSettings withFsync(boolean on) {
        return new WalSettings(walBuffers, on, syncMethod, synchronousCommit, fullPageWrites, maxWalSize,
                checkpointTimeout, walWriterDelay);
    }

    public WalSettings withSyncMethod(SyncMethod method) {
        return new WalSettings(walBuffers, fsync, method, synchronousCommit, fullPageWrites, maxWalSize,
                checkpointTimeout, walWriterDelay);
    }

    public WalSettings withSynchronousCommit(boolean on) {
        return new WalSettings(walBuffers, fsync, syncMethod, on, fullPageWrites, maxWalSize, checkpointTimeout,
                walWriterDelay);
    }

    public WalSettings withMaxWalSize(long bytes) {
        return new WalSettings(walBuffers, fsync, syncMethod, synchronousCommit, fullPageWrites, bytes,
                checkpointTimeout, walWriterDelay);
    }

    public WalSettings withCheckpointTimeout(Duration timeout) {
        return new WalSettings(walBuffers, fsync, syncMethod, synchronousCommit, fullPageWrites, maxWalSize,
                timeout, walWriterDelay);
    }
}
