package org.tusk.client.internal;

import java.util.concurrent.CompletableFuture;

import org.tusk.client.PgException;
import org.tusk.client.Pipeline;
import org.tusk.client.PreparedStatement;
import org.tusk.client.Result;
import org.tusk.client.TransactionStatus;

/**
 * Pipeline mode on a connection whose request lock this object holds until {@link #close()}. Requests
 * are queued without Sync and without flushing (the writer flushes when its buffer passes 64 kB); the
 * reader pump runs meanwhile, so the server's answers are consumed while the client is still sending
 * and neither side can block the other on full socket buffers.
 */
final class PgPipeline implements Pipeline {
    private final PgConnection connection;
    /**
     * The future of the last request queued: responses come in order, so once it is complete every
     * earlier one is too (a broken connection fails them all).
     */
    private CompletableFuture<?> last;
    private boolean unsynced;
    private boolean closed;

    PgPipeline(PgConnection connection) {
        this.connection = connection;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("pipeline is closed");
        }
    }

    @Override
    public CompletableFuture<Result> execute(String sql, Object... parameters) {
        checkOpen();
        unsynced = true;
        return track(connection.pipelineExecute(sql, parameters));
    }

    @Override
    public CompletableFuture<Result> execute(PreparedStatement statement, Object... parameters) {
        checkOpen();
        if (!(statement instanceof PgPreparedStatement s)) {
            throw new IllegalArgumentException("not a statement of this client");
        }
        try {
            s.checkForPipeline(parameters);
        } catch (PgException e) {
            return CompletableFuture.failedFuture(e);
        }
        unsynced = true;
        return track(connection.pipelineExecute(s, parameters));
    }

    @Override
    public CompletableFuture<TransactionStatus> sync() {
        checkOpen();
        unsynced = false;
        return track(connection.pipelineSync());
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> f) {
        last = f;
        return f;
    }

    @Override
    public void flush() throws PgException {
        checkOpen();
        connection.pipelineFlush();
    }

    @Override
    public void close() throws PgException {
        if (closed) {
            return;
        }
        try {
            if (unsynced) {
                sync();
            }
            if (last != null) {
                try {
                    last.join();
                } catch (RuntimeException e) {
                    // the failure is in the query's own future
                }
            }
        } finally {
            closed = true;
            connection.pipelineEnd();
        }
    }
}
