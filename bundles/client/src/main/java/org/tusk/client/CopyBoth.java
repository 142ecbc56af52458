package org.tusk.client;

/**
 * A copy in both directions (CopyBothResponse), as the streaming replication protocol uses it: after
 * {@code START_REPLICATION} on a {@code replication=true} or {@code replication=database} connection, the
 * server sends WAL data and keepalives as CopyData and the client answers with its own CopyData (standby
 * status updates), until each side has sent CopyDone. The connection is held (other threads wait) until
 * {@link #close()}.
 *
 * <p>The messages are opaque here: their layout (XLogData {@code 'w'}, keepalive {@code 'k'}, standby status
 * update {@code 'r'}, ...) belongs to the replication protocol, not to the copy.
 */
public interface CopyBoth extends AutoCloseable {

    /** Whether the server announced the binary format (a walsender announces text, with no columns). */
    boolean binary();

    /**
     * The next CopyData the server sent, waiting for it; {@code null} once the server has ended its side
     * with CopyDone. Anything written and not yet flushed is sent first, so a request that expects an
     * answer cannot stay in the buffer. An error of the server ends the copy and is thrown here.
     */
    byte[] read() throws PgException;

    /** Sends one CopyData message; it is buffered (up to 64 kB) until {@link #flush()} or {@link #read()}. */
    void write(byte[] data) throws PgException;

    /** Sends what {@link #write} buffered. */
    void flush() throws PgException;

    /** Ends the client's side with CopyDone (the server may still send data until its own CopyDone). */
    void endCopy() throws PgException;

    /**
     * Ends the copy: CopyDone if {@link #endCopy()} was not called, the rest of the server's data read and
     * dropped, then the end of the statement. Throws the server's error, if any, and releases the connection.
     */
    @Override
    void close() throws PgException;

    /** The statement's command tag once {@link #close()} has returned ({@code null} if it sent none). */
    String commandTag();
}
