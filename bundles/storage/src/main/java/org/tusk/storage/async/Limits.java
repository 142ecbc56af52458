package org.tusk.storage.async;

/** PostgreSQL's bounds on what one notification may carry. */
final class Limits {
    /** A channel is a name: at most NAMEDATALEN - 1 bytes. */
    static final int MAX_CHANNEL_BYTES = 63;
    /** NOTIFY_PAYLOAD_MAX_LENGTH (BLCKSZ - NAMEDATALEN - 128) minus its terminating NUL. */
    static final int MAX_PAYLOAD_BYTES = 7999;

    private Limits() {
    }
}
