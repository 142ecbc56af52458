package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tusk.spi.NotificationQueue;
import org.tusk.spi.SqlException;

/**
 * What a transaction's LISTEN, UNLISTEN and NOTIFY statements leave to be done at commit (the
 * pendingActions and pendingNotifies of PostgreSQL's async.c). Nothing reaches the queue or changes
 * the channels before commit; a rollback forgets it all.
 *
 * <p>At commit, channels newly listened to are registered first, so a transaction that says
 * {@code LISTEN c; NOTIFY c} receives its own notification, as in PostgreSQL; then the notifications
 * are queued (which may fail with 54000, undoing the registrations); then the UNLISTENs apply.
 */
final class TransactionNotifications {
    /** NAMEDATALEN - 1. */
    private static final int MAX_CHANNEL_BYTES = 63;
    /** NOTIFY_PAYLOAD_MAX_LENGTH (8000) counts the terminating NUL. */
    private static final int MAX_PAYLOAD_BYTES = 7999;

    private final NotificationQueue.Endpoint endpoint;
    private final int processId;
    /** Insertion-ordered; equal (channel, payload) pairs of one transaction fold into the first. */
    private final Set<NotificationQueue.Notification> pending = new LinkedHashSet<>();
    /** LISTEN (channel), UNLISTEN (channel) and UNLISTEN * (null channel), in statement order. */
    private final List<Action> actions = new ArrayList<>();

    private record Action(boolean listen, String channel) {
    }

    TransactionNotifications(NotificationQueue.Endpoint endpoint, int processId) {
        this.endpoint = endpoint;
        this.processId = processId;
    }

    void listen(String channel) {
        available("LISTEN");
        actions.add(new Action(true, channel));
    }

    /** UNLISTEN channel, or UNLISTEN * for null. */
    void unlisten(String channel) {
        if (endpoint == null) {
            return; // nothing can be listened to, so there is nothing to stop
        }
        actions.add(new Action(false, channel));
    }

    /** PostgreSQL's Async_Notify checks, then the notification waits for commit. */
    void notify(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw new SqlException("22023", "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length > MAX_CHANNEL_BYTES) {
            throw new SqlException("22023", "channel name too long");
        }
        String p = payload == null ? "" : payload;
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new SqlException("22023", "payload string too long");
        }
        available("NOTIFY");
        pending.add(new NotificationQueue.Notification(processId, channel, p));
    }

    private void available(String command) {
        if (endpoint == null) {
            throw new SqlException("0A000", command + " is not available: this session has no notification queue");
        }
    }

    /**
     * The transaction commits: registers new channels, queues the notifications, drops unlistened
     * channels. On failure (a full queue) nothing has changed and the caller aborts the transaction.
     */
    void commit() {
        if (endpoint == null || (actions.isEmpty() && pending.isEmpty())) {
            clear();
            return;
        }
        try {
            Set<String> before = endpoint.channels();
            Set<String> after = new HashSet<>(before);
            for (Action a : actions) {
                if (a.listen()) {
                    after.add(a.channel());
                } else if (a.channel() == null) {
                    after.clear();
                } else {
                    after.remove(a.channel());
                }
            }
            List<String> added = after.stream().filter(c -> !before.contains(c)).toList();
            added.forEach(endpoint::listen);
            try {
                endpoint.send(List.copyOf(pending));
            } catch (SqlException e) {
                added.forEach(endpoint::unlisten);
                throw e;
            }
            if (after.isEmpty() && !before.isEmpty()) {
                endpoint.unlistenAll();
            } else {
                before.stream().filter(c -> !after.contains(c)).forEach(endpoint::unlisten);
            }
        } finally {
            clear();
        }
    }

    /** The transaction rolled back: nothing happens. */
    void rollback() {
        clear();
    }

    private void clear() {
        pending.clear();
        actions.clear();
        savepoints.clear();
    }

    // ---- savepoints: what a rolled-back subtransaction queued is dropped (PostgreSQL's AtSubAbort_Notify)

    /** What was queued when each open savepoint was set, outermost first. */
    private final List<Mark> savepoints = new ArrayList<>();

    private record Mark(List<NotificationQueue.Notification> pending, int actions) {
    }

    void savepoint() {
        savepoints.add(new Mark(List.copyOf(pending), actions.size()));
    }

    /** RELEASE of the savepoint at {@code level} and the later ones: what they queued stays. */
    void releaseSavepoint(int level) {
        savepoints.subList(level, savepoints.size()).clear();
    }

    /** ROLLBACK TO the savepoint at {@code level}: what was queued since is dropped; the savepoint stays. */
    void rollbackToSavepoint(int level) {
        Mark m = savepoints.get(level);
        savepoints.subList(level + 1, savepoints.size()).clear();
        pending.clear();
        pending.addAll(m.pending());
        actions.subList(m.actions(), actions.size()).clear();
    }
}
