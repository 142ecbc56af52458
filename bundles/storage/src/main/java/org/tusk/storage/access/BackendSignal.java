package org.tusk.storage.access;

/**
 * A request one backend sends another through shared memory ({@link StorageSession#signalBackend}):
 * PostgreSQL's SIGINT and SIGTERM as pg_cancel_backend and pg_terminate_backend send them.
 */
public enum BackendSignal {
    /** Cancel the statement running now: it fails with 57014 "canceling statement due to user request". */
    CANCEL,
    /** End the session: FATAL 57P01 "terminating connection due to administrator command", even when idle. */
    TERMINATE
}
