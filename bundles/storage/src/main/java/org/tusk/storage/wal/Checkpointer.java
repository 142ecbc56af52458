package org.tusk.storage.wal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.control.ControlFile;
import org.tusk.storage.control.DbState;

/**
 * Checkpoints (PostgreSQL's CreateCheckPoint and the checkpointer's main loop).
 *
 * <p>A checkpoint: (1) set the redo pointer at the current insert position, with all insertion slots
 * held, so later page changes carry full-page images; (2) have every dirty buffer written and the data
 * files synced ({@link CheckpointHooks}): everything changed before the redo point is now on disk;
 * (3) insert the checkpoint record (redo pointer, next xid, next OID) and flush it; (4) point the
 * control file at it; (5) recycle or remove the segments older than the redo point, which recovery
 * will never need again. A crash anywhere before (4) leaves the previous checkpoint in force, with
 * its WAL still there.
 *
 * <p>There is one checkpointer for the cluster. {@link #runOnce} checks the triggers
 * (checkpoint_timeout elapsed with WAL written since the last checkpoint, max_wal_size approached, an
 * explicit request); {@link #start} runs it on a thread.
 */
public final class Checkpointer {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /** PostgreSQL's default checkpoint_completion_target, used for the max_wal_size trigger. */
    private static final double COMPLETION_TARGET = 0.9;

    /** What kind of checkpoint, for the record type and the log line. */
    public enum Kind {
        ONLINE("time"), REQUESTED("immediate force wait"), WAL("wal"), SHUTDOWN("shutdown immediate"),
        END_OF_RECOVERY("end-of-recovery immediate wait");

        private final String flags;

        Kind(String flags) {
            this.flags = flags;
        }

        boolean shutdownRecord() {
            return this == SHUTDOWN || this == END_OF_RECOVERY;
        }
    }

    /** What a checkpoint did. */
    public record Result(long redo, long location, long end, int recycled, int removed) {
    }

    private final Wal wal;
    private final Path dataDirectory;
    private final CheckpointHooks hooks;
    private final LongSupplier nextXid;
    private final IntSupplier nextOid;
    private final Clock clock;
    private long lastCheckpointMillis;
    private long lastCheckpointEnd = -1;
    private volatile boolean stop;
    private Thread thread;

    public Checkpointer(Wal wal, Path dataDirectory, CheckpointHooks hooks, LongSupplier nextXid,
            IntSupplier nextOid, Clock clock) {
        this.wal = wal;
        this.dataDirectory = dataDirectory;
        this.hooks = hooks;
        this.nextXid = nextXid;
        this.nextOid = nextOid;
        this.clock = clock;
        this.lastCheckpointMillis = clock.millis();
    }

    /** Performs a checkpoint now and returns what it did. */
    public synchronized Result checkpoint(Kind kind) {
        LOG.info("checkpoint starting: {}", kind.flags);
        long redo = wal.beginCheckpoint();
        hooks.flushAllBuffers();
        hooks.syncDataFiles();
        long now = clock.millis();
        CheckpointRecord content = new CheckpointRecord(redo, 1, wal.settings().fullPageWrites(),
                nextXid.getAsLong(), nextOid.getAsInt(), now / 1000);
        Wal.Inserted record = wal.insert(content.toRecord(kind.shutdownRecord()));
        wal.flush(record.end());
        ControlFile.Data control = ControlFile.read(dataDirectory);
        DbState state = kind == Kind.SHUTDOWN ? DbState.SHUT_DOWN : DbState.IN_PRODUCTION;
        ControlFile.update(dataDirectory, control.withCheckpoint(state, record.start(), redo, content.nextXid(),
                content.nextOid(), now / 1000));
        int[] gone = wal.removeOldSegments(WalAddressing.segmentOf(redo));
        lastCheckpointMillis = now;
        lastCheckpointEnd = record.end();
        LOG.info("checkpoint complete: {} removed, {} recycled; lsn={}, redo lsn={}", gone[1], gone[0],
                Lsn.format(record.start()), Lsn.format(redo));
        return new Result(redo, record.start(), record.end(), gone[0], gone[1]);
    }

    /**
     * One round of the checkpointer's loop: a checkpoint if one was requested, if checkpoint_timeout
     * has passed and WAL was written since the last one, or if the WAL since the redo point reaches
     * max_wal_size / (1 + checkpoint_completion_target). Returns the checkpoint made, or null.
     */
    public Result runOnce() {
        if (wal.takeCheckpointRequest()) {
            return checkpoint(Kind.REQUESTED);
        }
        long walSinceRedo = WalAddressing.recPtrToBytePos(wal.insertPosition())
                - WalAddressing.recPtrToBytePos(wal.redoPointer());
        if (walSinceRedo >= (long) (wal.settings().maxWalSize() / (1 + COMPLETION_TARGET))) {
            return checkpoint(Kind.WAL);
        }
        boolean timedOut = clock.millis() - lastCheckpointMillis >= wal.settings().checkpointTimeout().toMillis();
        if (timedOut) {
            if (lastCheckpointEnd >= 0 && WalReader.nextRecordAfter(lastCheckpointEnd) == wal.insertPosition()) {
                lastCheckpointMillis = clock.millis(); // nothing happened since: skip, as PostgreSQL does
                return null;
            }
            return checkpoint(Kind.ONLINE);
        }
        return null;
    }

    /** Runs {@link #runOnce} every {@code pollMillis} on a platform thread until {@link #stop}. */
    public synchronized Thread start(long pollMillis) {
        if (thread != null) {
            throw new IllegalStateException("checkpointer already running");
        }
        stop = false;
        thread = Thread.ofPlatform().name("checkpointer").daemon().start(() -> {
            while (!stop) {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    LOG.error("checkpoint failed", e);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollMillis));
            }
        });
        return thread;
    }

    /** Stops the thread started by {@link #start} and waits for it. */
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        stop = true;
        if (t != null) {
            LockSupport.unpark(t);
            t.join();
        }
    }
}
