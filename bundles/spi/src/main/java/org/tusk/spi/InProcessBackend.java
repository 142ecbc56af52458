package org.tusk.spi;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link BackendProcess} for launchers that run the backend inside the postmaster's JVM, on a
 * thread of some kind. Cancel and terminate become flags in the backend's {@link BackendSignals}; an
 * uncaught throwable counts as an abnormal exit, the in-process equivalent of a backend crash.
 */
public final class InProcessBackend implements BackendProcess {
    private final BackendIdentity identity;
    private final String launcherName;
    private final BackendSignals signals;
    private final CompletableFuture<Exit> exit = new CompletableFuture<>();

    private InProcessBackend(BackendIdentity identity, String launcherName, BackendSignals signals) {
        this.identity = identity;
        this.launcherName = launcherName;
        this.signals = signals;
    }

    /**
     * Starts {@code entry} on a thread made by {@code threads}. The connection is closed when the backend
     * ends, however it ends.
     */
    public static InProcessBackend start(Thread.Builder threads, String launcherName, ClientConnection connection,
            BackendContext context, BackendEntry entry) throws BackendLauncher.LaunchException {
        InProcessBackend backend = new InProcessBackend(context.identity(), launcherName, context.signals());
        Runnable body = () -> {
            context.signals().bindWorker(Thread.currentThread());
            Exit result = new Exit(true, "exited normally");
            try {
                entry.serve(connection, context);
            } catch (Throwable t) {
                result = new Exit(false, "was terminated by exception: " + t);
            } finally {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // Already closed by the backend, or the peer is gone: either way it is released.
                }
                backend.exit.complete(result);
            }
        };
        try {
            threads.name("backend " + context.identity().processId()).start(body);
        } catch (RuntimeException | OutOfMemoryError e) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
            throw new BackendLauncher.LaunchException("could not start backend thread", e);
        }
        return backend;
    }

    @Override
    public BackendIdentity identity() {
        return identity;
    }

    @Override
    public String launcherName() {
        return launcherName;
    }

    @Override
    public void cancel() {
        signals.requestCancel();
    }

    @Override
    public void terminate() {
        signals.requestTerminate();
    }

    @Override
    public void quit() {
        signals.requestCrashExit();
    }

    @Override
    public CompletionStage<Exit> exit() {
        return exit;
    }
}
