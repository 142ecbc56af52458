package org.tusk.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A named server-side prepared statement (Parse once, Bind/Execute many times). Its parameter types
 * and result columns are known from the server's Describe, so results come in binary for every type the
 * client decodes. Closing it sends Close; a statement is also gone when its connection closes.
 */
public interface PreparedStatement extends AutoCloseable {

    /** The statement's name on the server. */
    String name();

    String sql();

    /** The parameter type OIDs the server resolved (ParameterDescription). */
    List<Integer> parameterTypes();

    /** The result columns (empty for a statement that returns no rows), with the formats the client asks for. */
    List<Column> columns();

    /** Binds the parameters, executes and waits for the result. */
    Result execute(Object... parameters) throws PgException;

    /** Sends Bind, Execute and Sync without waiting; the future completes when the result has arrived. */
    CompletableFuture<Result> executeAsync(Object... parameters);

    /** Sends Close for the statement and waits for CloseComplete. Idempotent. */
    @Override
    void close() throws PgException;
}
