package org.tusk.storage.async;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.tusk.spi.NotificationQueue;
import org.tusk.spi.NotificationQueue.Notification;

/**
 * A backend's slot in the {@link AsyncQueue}. The channel set is this backend's own (its heap), as
 * PostgreSQL's listenChannels: the queue holds every notification and each reader filters. It is a
 * concurrent set because the backend's waiter thread reads it while the session may change it.
 */
final class QueueEndpoint implements NotificationQueue.Endpoint {
    private final AsyncQueue queue;
    private final int slot;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    QueueEndpoint(AsyncQueue queue, int slot) {
        this.queue = queue;
        this.slot = slot;
    }

    int slot() {
        return slot;
    }

    @Override
    public synchronized void listen(String channel) {
        queue.register(slot);
        channels.add(channel);
    }

    @Override
    public synchronized void unlisten(String channel) {
        channels.remove(channel);
        if (channels.isEmpty()) {
            queue.unregister(slot);
        }
    }

    @Override
    public synchronized void unlistenAll() {
        channels.clear();
        queue.unregister(slot);
    }

    @Override
    public Set<String> channels() {
        return Set.copyOf(channels);
    }

    @Override
    public void send(List<Notification> notifications) {
        queue.send(notifications);
    }

    @Override
    public synchronized List<Notification> receive() {
        if (closed || channels.isEmpty()) {
            return List.of(); // not a listener: no need to touch the queue's lock after every command
        }
        return queue.receive(slot, channels);
    }

    @Override
    public int wakeCount() {
        return queue.wakeCount(slot);
    }

    @Override
    public void awaitWake(int seen, long nanos) {
        queue.awaitWake(slot, seen, nanos);
    }

    @Override
    public void wake() {
        queue.wake(slot);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            channels.clear();
            queue.release(slot);
            queue.wake(slot);
        }
    }
}
