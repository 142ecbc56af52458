package org.tusk.client;

/**
 * Receives notifications as they arrive, on the thread reading from the server (while a listener is
 * set, the connection keeps a reader running, so notifications are delivered while idle too). Must
 * not block or call back into the connection.
 */
@FunctionalInterface
public interface NotificationListener {
    void notification(Notification notification);
}
