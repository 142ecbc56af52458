package org.tusk.client.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.tusk.client.Column;
import org.tusk.client.PgException;
import org.tusk.client.PreparedStatement;
import org.tusk.client.Result;

/**
 * A named statement on one connection. Result columns of types the client decodes in binary are asked
 * for in binary (one format code per column in each Bind).
 */
final class PgPreparedStatement implements PreparedStatement {
    private final PgConnection connection;
    private final String name;
    private final String sql;
    final int[] types;
    final short[] resultFormats;
    private final List<Column> columns;
    private volatile boolean closed;

    PgPreparedStatement(PgConnection connection, String name, String sql, int[] types, List<Column> described) {
        this.connection = connection;
        this.name = name;
        this.sql = sql;
        this.types = types;
        this.resultFormats = new short[described.size()];
        List<Column> cols = new ArrayList<>(described.size());
        for (int i = 0; i < resultFormats.length; i++) {
            Column c = described.get(i);
            resultFormats[i] = (short) (Codec.binaryResult(c.typeOid()) ? 1 : 0);
            cols.add(new Column(c.name(), c.typeOid(), c.typeSize(), c.typeModifier(), c.tableOid(), c.columnNumber(),
                    resultFormats[i]));
        }
        this.columns = List.copyOf(cols);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<Integer> parameterTypes() {
        return Arrays.stream(types).boxed().toList();
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    private void check(Object[] parameters) throws PgException {
        if (closed) {
            throw new PgException("prepared statement \"" + name + "\" is closed");
        }
        if (parameters.length != types.length) {
            throw new PgException("statement \"" + name + "\" takes " + types.length + " parameters, got "
                    + parameters.length);
        }
    }

    @Override
    public Result execute(Object... parameters) throws PgException {
        check(parameters);
        return connection.executePrepared(this, parameters);
    }

    @Override
    public CompletableFuture<Result> executeAsync(Object... parameters) {
        try {
            check(parameters);
        } catch (PgException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connection.executePreparedAsync(this, parameters);
    }

    void checkForPipeline(Object[] parameters) throws PgException {
        check(parameters);
    }

    @Override
    public void close() throws PgException {
        if (!closed) {
            closed = true;
            if (connection.isOpen()) {
                connection.closeStatement(name);
            }
        }
    }

    @Override
    public String toString() {
        return name + ": " + sql;
    }
}
