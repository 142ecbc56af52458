package org.tusk.transport.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a socket if one blocking operation (a read, the TLS handshake) is not over within its time:
 * the read timeout without SO_TIMEOUT. A virtual thread sleeps for the timeout; {@link #cancel} ends
 * it when the operation returns first.
 * <p>
 * Why not SO_TIMEOUT: the JDK serves a timed read by switching the socket to non-blocking mode for
 * good, so every later read that has to wait for the client becomes read (EAGAIN), poll, read, three
 * system calls and a poll set-up instead of one blocking read. authentication_timeout is the only
 * timeout and covers a handful of start-up reads; the session's reads, one or more per transaction,
 * must stay blocking.
 */
final class ReadWatchdog {
    private static final int ARMED = 0;
    private static final int CANCELLED = 1;
    private static final int FIRED = 2;

    private final AtomicInteger state = new AtomicInteger(ARMED);
    private final Thread thread;

    /** Arms the watchdog: {@code onFire} runs first, then {@code target} is closed. */
    ReadWatchdog(long nanos, Runnable onFire, Closeable target) {
        thread = Thread.ofVirtual().name("tcp read timeout").start(() -> {
            try {
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                return; // cancelled
            }
            if (state.compareAndSet(ARMED, FIRED)) {
                onFire.run();
                try {
                    target.close();
                } catch (IOException ignored) {
                    // Closing is all we wanted; the blocked operation fails either way.
                }
            }
        });
    }

    /** Disarms it; false if it has already fired. */
    boolean cancel() {
        if (state.compareAndSet(ARMED, CANCELLED)) {
            thread.interrupt();
            return true;
        }
        return false;
    }
}
