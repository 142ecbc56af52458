package org.tusk.sql.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tusk.spi.SqlException;

/**
 * A temporary file of rows written once and read back once in order (PostgreSQL's BufFile under
 * pgsql_tmp): where a sort's sorted runs and a hash aggregation's overflow go when work_mem is full.
 * Deleted when closed (and, should the backend die first, when the JVM exits).
 */
final class SpillFile implements AutoCloseable {
    private final Path path;
    private DataOutputStream out;
    private DataInputStream in;
    private long count;

    SpillFile() {
        try {
            path = Files.createTempFile("tusk-spill-", ".tmp");
            path.toFile().deleteOnExit();
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private static SqlException ioError(IOException e) {
        return new SqlException("53100", "could not write to temporary file: " + e.getMessage());
    }

    void write(Object value) {
        try {
            RowCodec.write(out, value);
            count++;
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    long count() {
        return count;
    }

    /** Ends writing; reading starts at the first value. */
    void rewind() {
        try {
            out.close();
            out = null;
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** Reads from the first value again (after {@link #rewind}). */
    void reread() {
        try {
            if (in != null) {
                in.close();
            }
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    /** The next value, or {@code end} after the last. */
    Object read(Object end) {
        try {
            return RowCodec.read(in);
        } catch (EOFException e) {
            return end;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            if (in != null) {
                in.close();
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: the file is deleted at exit anyway
        }
    }
}
