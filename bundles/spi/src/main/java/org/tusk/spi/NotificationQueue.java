package org.tusk.spi;

import java.util.List;
import java.util.Set;

/**
 * The cluster's LISTEN/NOTIFY queue (PostgreSQL's async.c), published by the storage bundle. The queue
 * lives in shared memory because the backends that send and receive may be separate processes; each
 * backend holds an {@link Endpoint}: its slot in the queue (read position, wake word) and its set of
 * channels.
 *
 * <p>As in PostgreSQL every listening backend reads every notification and keeps those of its own
 * channels; a sender only writes the queue and wakes the listeners.
 */
public interface NotificationQueue {

    /**
     * A backend's slot, claimed when its session starts.
     *
     * @param processId the backend's process ID (BackendKeyData), carried by what it sends
     * @throws IllegalStateException when there is no shared memory or no free slot
     */
    Endpoint attach(int processId);

    /** One notification as NotificationResponse carries it. */
    record Notification(int processId, String channel, String payload) {
    }

    /**
     * A backend's view of the queue. The session calls the transactional methods at commit; the
     * backend calls {@link #receive} between transactions, from its own thread or its waiter thread.
     */
    interface Endpoint extends AutoCloseable {

        /** Starts listening on {@code channel} (the transaction that said LISTEN committed). */
        void listen(String channel);

        /** Stops listening on {@code channel}; absent channels are ignored. */
        void unlisten(String channel);

        /** UNLISTEN *: the backend stops being a listener and no longer holds back the queue. */
        void unlistenAll();

        /** The channels listened to (pg_listening_channels()), in no particular order. */
        Set<String> channels();

        /**
         * Appends one transaction's notifications, atomically and in order, then wakes every listener.
         *
         * @throws SqlException 54000 "too many notifications in the NOTIFY queue" when they do not fit
         *         behind the slowest listener; nothing is written then
         */
        void send(List<Notification> notifications);

        /** Everything queued since the last call on the channels listened to, oldest first. */
        List<Notification> receive();

        /** The backend's wake word: changes whenever a notification is sent or {@link #wake()} is called. */
        int wakeCount();

        /**
         * Sleeps while the wake word still equals {@code seen}, at most {@code nanos}; returns early on
         * any change (or spuriously). Callers re-examine the queue after every return.
         */
        void awaitWake(int seen, long nanos);

        /** Changes the wake word and wakes a waiter (to make it look again, or notice it must stop). */
        void wake();

        /** Releases the slot; the backend stops listening. */
        @Override
        void close();
    }
}
