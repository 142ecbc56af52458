package org.tusk.storage.wal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The WAL writer (PostgreSQL's walwriter.c): with synchronous_commit off, commits return before
 * their record is durable, and this loop makes it durable within wal_writer_delay (so a crash loses
 * at most about three delays' worth of commits, never leaves one half-applied). It also takes write
 * and sync work off backends that would otherwise find full buffers.
 *
 * <p>{@link #runOnce} is one round; {@link #start} runs rounds on a platform thread every
 * wal_writer_delay until {@link #stop}.
 */
public final class WalWriter {

    private final Wal wal;
    private volatile boolean stop;
    private Thread thread;

    public WalWriter(Wal wal) {
        this.wal = wal;
    }

    /** Writes and flushes everything completely inserted; true if it had something to do. */
    public boolean runOnce() {
        return wal.backgroundFlush();
    }

    public synchronized Thread start() {
        if (thread != null) {
            throw new IllegalStateException("WAL writer already running");
        }
        stop = false;
        long delay = TimeUnit.MILLISECONDS.toNanos(wal.settings().walWriterDelay().toMillis());
        thread = Thread.ofPlatform().name("walwriter").daemon().start(() -> {
            while (!stop) {
                runOnce();
                LockSupport.parkNanos(delay);
            }
            runOnce();
        });
        return thread;
    }

    /** Stops the thread after a last round, so everything inserted before the call is durable. */
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
