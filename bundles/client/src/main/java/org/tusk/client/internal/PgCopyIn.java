package org.tusk.client.internal;

import java.io.IOException;

import org.tusk.client.CopyIn;
import org.tusk.client.PgException;
import org.tusk.client.Result;
import org.tusk.client.ServerException;

/** COPY FROM STDIN data: written straight into the connection's buffer as CopyData messages. */
final class PgCopyIn extends CopyIn {
    private static final String CANCELED = "57014";

    private final PgConnection connection;
    private final Pending.CopyInRequest request;
    private final byte[] one = new byte[1];
    private boolean ended;
    private long rows = -1;

    PgCopyIn(PgConnection connection, Pending.CopyInRequest request) {
        this.connection = connection;
        this.request = request;
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (ended) {
            throw new IOException("COPY has ended");
        }
        if (len == 0) {
            return;
        }
        try {
            connection.copyData(b, off, len);
        } catch (PgException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void fail(String message) throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            connection.copyEnd(request, message);
        } catch (ServerException e) {
            if (!CANCELED.equals(e.sqlState())) {
                throw new IOException(e.getMessage(), e);
            }
        } catch (PgException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            rows = new Result(java.util.List.of(), java.util.List.of(), connection.copyEnd(request, null)).rowsAffected();
        } catch (PgException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long rowCount() {
        return rows;
    }
}
