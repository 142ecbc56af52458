package org.tusk.client;

import java.util.concurrent.CompletableFuture;

/**
 * libpq's pipeline mode: queries are sent (Parse/Bind/Describe/Execute, no Sync) without waiting for
 * earlier results, and a {@link #sync()} ends a segment. An error aborts the rest of its segment: the
 * queries after the failed one, up to the next Sync, complete exceptionally with
 * {@link PipelineAbortedException}; the next segment runs normally. Outside a transaction block a
 * segment is one implicit transaction (an error rolls back the segment's earlier statements too).
 *
 * <p>Messages are buffered and sent when the buffer fills, at {@link #flush()}, {@link #sync()} and
 * {@link #close()}. A pipeline holds the connection: other threads' requests wait until it is closed.
 * Use it from one thread.
 */
public interface Pipeline extends AutoCloseable {

    /** Queues one statement (text results); the future completes with its result or failure. */
    CompletableFuture<Result> execute(String sql, Object... parameters);

    /** Queues an execution of a prepared statement (binary results where decodable). */
    CompletableFuture<Result> execute(PreparedStatement statement, Object... parameters);

    /**
     * Ends the segment with a Sync and sends everything buffered. The future completes with the
     * transaction status of the ReadyForQuery answering it.
     */
    CompletableFuture<TransactionStatus> sync();

    /** Sends what is buffered, with a Flush message asking the server to send what it has. */
    void flush() throws PgException;

    /**
     * Sends a final Sync if queries were queued since the last one, waits for every result of the
     * pipeline, and releases the connection. Failures stay in the individual futures.
     */
    @Override
    void close() throws PgException;
}
