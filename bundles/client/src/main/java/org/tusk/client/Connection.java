package org.tusk.client;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An open session with a server. Safe to use from several threads: requests are written one at a time
 * and their responses matched to them in order, so several may be in flight ({@link #executeAsync},
 * {@link PreparedStatement#executeAsync}, {@link #pipeline()}). {@link #cancel()} may be called from any
 * thread at any time.
 *
 * <p>Parameters are Java values: Integer, Long, Short, Boolean, Double, Float, BigDecimal, String,
 * byte[] (bytea), LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant, UUID, and Lists or
 * arrays of these (PostgreSQL arrays); {@code null} is SQL NULL. A String is sent untyped, so the
 * server infers its type as for a literal. The methods added after version 0.1 have default
 * implementations that throw {@link UnsupportedOperationException}, so that other implementations of
 * this interface stay source-compatible.
 */
public interface Connection extends AutoCloseable {

    /**
     * Runs a simple query (one Query message, possibly several statements) and returns one result per
     * statement, in order.
     *
     * @throws ServerException if a statement failed (results of earlier statements are discarded, as
     *         with libpq's PQexec)
     * @throws PgException if the connection broke
     */
    List<Result> query(String sql) throws PgException;

    /**
     * Runs one statement with the extended query protocol (Parse, Bind, Describe, Execute, Sync) and
     * waits for its result, in text format.
     *
     * @throws ServerException if the statement failed
     */
    default Result execute(String sql, Object... parameters) throws PgException {
        throw new UnsupportedOperationException();
    }

    /**
     * Like {@link #execute} but returns at once: the messages are sent and the future completes when
     * the result (or error) has arrived. Each call is its own Sync segment, so a failure affects only
     * its own future.
     */
    default CompletableFuture<Result> executeAsync(String sql, Object... parameters) {
        throw new UnsupportedOperationException();
    }

    /** Prepares a named statement (Parse and Describe); parameter types are inferred by the server. */
    default PreparedStatement prepare(String sql) throws PgException {
        throw new UnsupportedOperationException();
    }

    /** Enters pipeline mode until the returned pipeline is closed (see {@link Pipeline}). */
    default Pipeline pipeline() throws PgException {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a query and hands its rows to {@code rows} one at a time, fetching {@code fetchSize} rows per
     * Execute (the portal is suspended in between), so memory stays bounded however large the result.
     * Rows come in binary where the client decodes it. The consumer runs on the thread reading from the
     * server (the calling thread unless asynchronous work is in flight); if it throws, the rest of the
     * result is discarded and the exception is rethrown. The connection is held for the whole call.
     * Returns the columns and the command tag (for a SELECT, with the total row count), without rows.
     */
    default Result stream(String sql, int fetchSize, Consumer<Row> rows, Object... parameters) throws PgException {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a simple query like {@link #query(String)}, but the COPY statements in it move their data
     * through {@code copy} (libpq's PQexec with PQputCopyData / PQgetCopyData, as psql uses it): one
     * {@link Result} per statement, a COPY's with its tag ({@code COPY n}) and no rows. The connection
     * is held for the whole call. A failure of the handler's streams does not end the call: a source's
     * failure sends CopyFail (the server's resulting error is thrown), a target's is thrown as a
     * {@link PgException} once the query has ended, if no server error came first.
     */
    default List<Result> query(String sql, CopyHandler copy) throws PgException {
        throw new UnsupportedOperationException();
    }

    /** Starts {@code COPY ... FROM STDIN}; see {@link CopyIn}. */
    default CopyIn copyIn(String sql) throws PgException {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs a statement that answers with CopyBothResponse ({@code START_REPLICATION} on a connection opened
     * with {@code replication=true} or {@code replication=database}) and returns the duplex copy stream once
     * the server has started it; see {@link CopyBoth}. A server error before that is thrown here.
     */
    default CopyBoth copyBoth(String sql) throws PgException {
        throw new UnsupportedOperationException();
    }

    /**
     * Runs {@code COPY ... TO STDOUT} and writes each CopyData to {@code target} as it arrives (bounded
     * memory). Returns the number of rows. A failure of {@code target} is rethrown after the COPY has
     * been read to its end, so the session stays usable.
     */
    default long copyOut(String sql, OutputStream target) throws PgException {
        throw new UnsupportedOperationException();
    }

    /**
     * The next notification (LISTEN/NOTIFY): one already received, else waits up to {@code timeout},
     * reading from the server if the connection is idle. Returns {@code null} on timeout.
     */
    default Notification pollNotification(Duration timeout) throws PgException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    /**
     * Sets a listener called for each notification as it arrives, or {@code null} to go back to
     * queueing them for {@link #pollNotification}.
     */
    default void setNotificationListener(NotificationListener listener) {
        throw new UnsupportedOperationException();
    }

    /**
     * Asks the server to cancel the statement this connection is running, over a separate connection
     * carrying a CancelRequest (libpq's PQcancel). Returns once the request has been sent; whether
     * anything was cancelled is seen in the running query's outcome (SQLSTATE 57014).
     */
    void cancel() throws PgException;

    /** The current value of a parameter the server reported (ParameterStatus), or {@code null}. */
    String parameterStatus(String name);

    /** Every parameter the server reported, latest values. */
    Map<String, String> parameterStatuses();

    /** The backend's process ID from BackendKeyData (libpq's PQbackendPID). */
    int backendPid();

    TransactionStatus transactionStatus();

    /** True when the session runs over TLS. */
    boolean isSsl();

    /** The host (name, address or socket directory) and port this connection reached (PQhost, PQport). */
    String host();

    int port();

    /**
     * The IP address of the server this connection reached (libpq's PQhostaddr): the address a host name
     * resolved to, or the {@code hostaddr} given; {@code ""} over a Unix socket.
     */
    default String hostaddr() {
        throw new UnsupportedOperationException();
    }

    /** The database name of the connection, with libpq's defaults applied (PQdb). */
    default String database() {
        throw new UnsupportedOperationException();
    }

    /** The user name of the connection, with libpq's defaults applied (PQuser). */
    default String user() {
        throw new UnsupportedOperationException();
    }

    /** Replaces the notice listener (by default notices are dropped). */
    void setNoticeListener(NoticeListener listener);

    /** False once closed or broken. */
    boolean isOpen();

    /** Sends Terminate and closes the socket. Idempotent. */
    @Override
    void close();
}
