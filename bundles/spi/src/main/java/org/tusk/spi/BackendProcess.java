package org.tusk.spi;

import java.util.concurrent.CompletionStage;

/**
 * The postmaster's handle on a running backend, whatever vehicle it runs on.
 */
public interface BackendProcess {

    BackendIdentity identity();

    /** The launcher that started it. */
    String launcherName();

    /** Asks the backend to cancel its current statement (PostgreSQL's SIGINT to a backend). */
    void cancel();

    /** Asks the backend to end the session with FATAL 57P01 (PostgreSQL's SIGTERM to a backend). */
    void terminate();

    /**
     * Ends the backend at once because another backend crashed (PostgreSQL's SIGQUIT): its client is
     * told 57P02 "terminating connection because of crash of another server process".
     */
    void quit();

    /** Completes when the backend has ended, telling whether it ended normally. */
    CompletionStage<Exit> exit();

    /**
     * How a backend ended. {@code normal} is false when it died of an unexpected error (an uncaught
     * throwable in a thread, a non-zero status or a signal for a process), which obliges the
     * postmaster to treat shared state as suspect.
     */
    record Exit(boolean normal, String description) {
    }
}
