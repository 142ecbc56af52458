package org.tusk.spi;

import java.util.List;
import java.util.Map;

/**
 * One client's SQL session: its settings, its transaction state and the statements it runs.
 * Confined to the backend that opened it.
 */
public interface SqlSession extends AutoCloseable {

    /**
     * The settings PostgreSQL reports with ParameterStatus after authentication, in PostgreSQL's order
     * (application_name, client_encoding, DateStyle, ...).
     */
    List<Map.Entry<String, String>> reportedSettings();

    /**
     * Runs a simple-protocol Query message: every statement in {@code sql}, in order, each one's
     * results going to {@code sink}. Stops at the first error, which is thrown.
     *
     * @throws SqlException for the first statement that fails
     */
    void executeSimpleQuery(String sql, ResultSink sink);

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block (ReadyForQuery's byte). */
    char transactionStatus();

    @Override
    void close();
}
