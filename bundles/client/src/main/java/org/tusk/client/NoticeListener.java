package org.tusk.client;

/**
 * Receives the notices of a connection, on the thread that is reading from the server (libpq's notice
 * receiver). Must not call back into the connection.
 */
@FunctionalInterface
public interface NoticeListener {
    void notice(Notice notice);
}
