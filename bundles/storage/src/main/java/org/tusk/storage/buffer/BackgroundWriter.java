package org.tusk.storage.buffer;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The background writer's work (PostgreSQL's BgBufferSync, simplified): look ahead of the clock hand
 * and write dirty buffers that the hand would take as victims (unpinned, usage count 0), so that
 * backends looking for a buffer find clean ones and do not have to write (and flush WAL) themselves.
 *
 * <p>One round looks at up to {@code scanAhead} buffers starting at the hand and writes at most
 * {@code maxPages} (bgwriter_lru_maxpages). PostgreSQL sizes the scan from the recent allocation rate
 * and the hand's progress; here the caller chooses it, and {@link #recentAllocations} gives what it
 * needs to adapt. The object has no thread policy: a process calls {@link #runOnce} from its own loop,
 * or {@link #start} runs it on a platform thread every {@code delay} (bgwriter_delay).
 *
 * <p>It uses its own {@link BufferManager}: the background writer is a backend of its own, with its own
 * private pins.
 */
public final class BackgroundWriter {

    private static final System.Logger LOG = System.getLogger(BackgroundWriter.class.getName());
    private static final long ERROR_PAUSE_NANOS = 1_000_000_000L;

    private final BufferManager buffers;
    private final ClockSweep clock;
    private final int bufferCount;
    private final int maxPages;
    private final int scanAhead;
    private long lastAllocations;
    private volatile boolean stopping;
    private Thread thread;

    /**
     * @param pool the shared pool
     * @param buffers this writer's own buffer access (not shared with a backend)
     * @param maxPages most buffers written per round (PostgreSQL's bgwriter_lru_maxpages, default 100)
     * @param scanAhead buffers examined per round, from the clock hand on (at most shared_buffers)
     */
    public BackgroundWriter(SharedBufferPool pool, BufferManager buffers, int maxPages, int scanAhead) {
        if (maxPages < 0 || scanAhead < 0) {
            throw new IllegalArgumentException("negative background writer limits");
        }
        this.buffers = buffers;
        this.clock = pool.clock();
        this.bufferCount = pool.bufferCount();
        this.maxPages = maxPages;
        this.scanAhead = Math.min(scanAhead, bufferCount);
        this.lastAllocations = clock.allocations();
    }

    /** One round: returns the number of buffers written. */
    public int runOnce() {
        int start = clock.handPosition();
        int written = 0;
        for (int i = 0; i < scanAhead && written < maxPages; i++) {
            int buffer = (start + i) % bufferCount;
            if (buffers.syncOneBuffer(buffer, true)) {
                written++;
            }
        }
        return written;
    }

    /** Buffer allocations (victim searches) since the previous call: the demand the writer runs ahead of. */
    public long recentAllocations() {
        long now = clock.allocations();
        long recent = now - lastAllocations;
        lastAllocations = now;
        return recent;
    }

    /** Runs {@link #runOnce} every {@code delay} on a new platform daemon thread until {@link #stop}. */
    public synchronized void start(Duration delay) {
        if (thread != null) {
            throw new IllegalStateException("background writer already started");
        }
        stopping = false;
        long nanos = delay.toNanos();
        thread = Thread.ofPlatform().daemon().name("background writer").start(() -> {
            while (!stopping) {
                try {
                    runOnce();
                    LockSupport.parkNanos(nanos);
                } catch (RuntimeException e) {
                    // Like PostgreSQL's bgwriter after an ERROR: report, drop what we hold, pause, go on.
                    LOG.log(System.Logger.Level.WARNING, "background writer round failed", e);
                    buffers.releaseAll();
                    LockSupport.parkNanos(ERROR_PAUSE_NANOS);
                }
            }
            buffers.releaseAll();
        });
    }

    /** Stops the thread started by {@link #start} and waits for it. */
    public synchronized void stop() throws InterruptedException {
        if (thread == null) {
            return;
        }
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
        thread = null;
    }
}
