package org.tusk.backend.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.NotificationQueue;

/**
 * Sends NotificationResponse messages to the client at the moments PostgreSQL does: just before
 * ReadyForQuery when the session is outside a transaction, and at once while the session is idle,
 * waiting for the client.
 *
 * <p>PostgreSQL interrupts the idle backend blocked in its socket read (SIGUSR1, then
 * ProcessNotifyInterrupt). Here a waiter thread per listening backend sleeps on the backend's wake
 * word in shared memory (a futex, so a NOTIFY from another process wakes it too); woken, it writes the
 * notifications itself if the backend is idle. The backend's own thread holds {@link #lock} from the
 * moment it has read a message until it has sent ReadyForQuery, so the two never write at once and
 * the waiter never writes in the middle of a response. The waiter is started only when the session
 * first listens: sessions that never LISTEN cost no thread.
 */
final class NotificationDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDelivery.class);
    /** The waiter looks at the stop flag at least this often even if no wake comes. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final NotificationQueue.Endpoint endpoint;
    private final MessageWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock: the backend has sent ReadyForQuery with status 'I' and waits for the client. */
    private boolean idle = true;
    private volatile boolean stopped;
    private Thread waiter;

    /** @param endpoint the backend's slot in the queue; null: no notifications are ever delivered */
    NotificationDelivery(NotificationQueue.Endpoint endpoint, MessageWriter out) {
        this.endpoint = endpoint;
        this.out = out;
    }

    /** The backend starts working on a message: from now on only it writes. */
    void beginWork() {
        lock.lock();
        idle = false;
    }

    /** The backend is back to reading from the client. */
    void endWork() {
        lock.unlock();
    }

    /**
     * Called with the lock held, just before ReadyForQuery: outside a transaction, what has arrived is
     * sent now (PostgreSQL's ProcessNotifyInterrupt before ReadyForQuery); and the session becomes idle
     * for the waiter if it is outside a transaction.
     */
    void beforeReadyForQuery(char transactionStatus) {
        if (endpoint == null) {
            return;
        }
        boolean outside = transactionStatus == 'I';
        if (outside) {
            sendArrived();
        }
        idle = outside;
        if (waiter == null && !stopped && !endpoint.channels().isEmpty()) {
            waiter = Thread.ofPlatform().daemon().name("notify waiter " + Thread.currentThread().getName())
                    .start(this::waitForNotifications);
        }
    }

    private void sendArrived() {
        for (NotificationQueue.Notification n : endpoint.receive()) {
            out.begin('A').int32(n.processId()).cstring(n.channel()).cstring(n.payload()).end();
        }
    }

    /**
     * The waiter: read the wake word, deliver if idle, sleep until the word changes. Reading the word
     * before looking at the queue means a NOTIFY in between makes the sleep return at once.
     */
    private void waitForNotifications() {
        while (!stopped) {
            int seen = endpoint.wakeCount();
            lock.lock();
            try {
                if (idle && !stopped) {
                    int before = out.pending();
                    sendArrived();
                    if (out.pending() != before) {
                        out.flush();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client is gone or the queue with it; the backend's own read will find out.
                LOG.debug("could not deliver notifications", e);
                return;
            } finally {
                lock.unlock();
            }
            endpoint.awaitWake(seen, WAIT_NANOS);
        }
    }

    /** Stops the waiter (the session is ending); the endpoint is closed by its owner. */
    @Override
    public void close() {
        stopped = true;
        Thread w = waiter;
        if (w != null) {
            endpoint.wake();
            try {
                w.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
