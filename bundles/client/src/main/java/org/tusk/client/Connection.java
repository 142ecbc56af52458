package org.tusk.client;

import java.util.List;
import java.util.Map;

/**
 * An open session with a server. Safe to use from several threads: requests are serialized (one runs
 * at a time; there is no pipelining yet). {@link #cancel()} may be called from any thread at any time.
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

    /** The host (name, address or socket directory) and port this connection reached. */
    String host();

    int port();

    /** Replaces the notice listener (by default notices are dropped). */
    void setNoticeListener(NoticeListener listener);

    /** False once closed or broken. */
    boolean isOpen();

    /** Sends Terminate and closes the socket. Idempotent. */
    @Override
    void close();
}
