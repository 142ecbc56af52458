package org.tusk.client;

/** A NotificationResponse: NOTIFY on a channel this session LISTENs to, from the backend with {@code processId}. */
public record Notification(int processId, String channel, String payload) {
}
