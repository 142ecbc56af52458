package org.tusk.client;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The data of a {@code COPY ... FROM STDIN}: bytes written are sent as CopyData (buffered in chunks),
 * {@link #close()} sends CopyDone and waits for the command's end, {@link #fail(String)} sends CopyFail
 * so the server rolls the COPY back. Holds the connection until closed or failed; use it from the
 * thread that opened it, typically in try-with-resources with {@code fail} in a catch:
 *
 * <pre>{@code
 * try (CopyIn in = c.copyIn("copy t from stdin (format csv)")) {
 *     try { writeRows(in); } catch (Exception e) { in.fail(e.toString()); throw e; }
 * }
 * }</pre>
 */
public abstract class CopyIn extends OutputStream {

    /** For the implementation. */
    protected CopyIn() {
    }

    /**
     * Sends CopyFail with this message (the server answers with SQLSTATE 57014 "COPY from stdin failed:
     * message", which this method expects and swallows) and releases the connection. Idempotent; a later
     * {@link #close()} does nothing.
     */
    public abstract void fail(String message) throws IOException;

    /**
     * Sends the rest of the data and CopyDone, and waits for CommandComplete. A server error (bad data,
     * constraint violation) is thrown as an {@link IOException} whose cause is the {@link ServerException}.
     */
    @Override
    public abstract void close() throws IOException;

    /** The number of rows copied, from the command tag ({@code COPY n}); -1 before {@link #close()}. */
    public abstract long rowCount();
}
