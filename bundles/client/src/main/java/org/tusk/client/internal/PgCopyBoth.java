package org.tusk.client.internal;

import org.tusk.client.CopyBoth;
import org.tusk.client.PgException;

/** A copy in both directions on a {@link PgConnection}, which it holds until closed. */
final class PgCopyBoth implements CopyBoth {

    private final PgConnection connection;
    private final Pending.CopyBothRequest request;
    private final boolean binary;
    private boolean clientDone;
    private boolean closed;
    private String tag;

    PgCopyBoth(PgConnection connection, Pending.CopyBothRequest request, boolean binary) {
        this.connection = connection;
        this.request = request;
        this.binary = binary;
    }

    @Override
    public boolean binary() {
        return binary;
    }

    @Override
    public byte[] read() throws PgException {
        if (closed) {
            throw new PgException("COPY has ended");
        }
        return connection.copyBothRead(request);
    }

    @Override
    public void write(byte[] data) throws PgException {
        if (closed || clientDone) {
            throw new PgException("COPY has ended");
        }
        connection.copyData(data, 0, data.length);
    }

    @Override
    public void flush() throws PgException {
        connection.flushOut();
    }

    @Override
    public void endCopy() throws PgException {
        if (!clientDone && !closed) {
            clientDone = true;
            connection.copyBothDone();
        }
    }

    @Override
    public void close() throws PgException {
        if (closed) {
            return;
        }
        try {
            endCopy();
        } catch (PgException e) {
            closed = true;
            connection.copyBothEnd(request); // releases the connection; the broken connection's error
            throw e;
        }
        closed = true;
        tag = connection.copyBothEnd(request);
    }

    @Override
    public String commandTag() {
        return tag;
    }
}
