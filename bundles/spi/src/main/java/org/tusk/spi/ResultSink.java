package org.tusk.spi;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;

/**
 * Receives what statements produce, in protocol order: for a query, a row description, rows and a
 * command tag; for other statements only the tag. The backend encodes each call as the matching
 * message; an engine never touches the wire.
 */
public interface ResultSink {

    void rowDescription(List<ColumnDescription> columns);

    /** One row; each value in text format, {@code null} for SQL NULL. */
    void dataRow(byte[][] values);

    /** The command tag: "SELECT 1", "SET", "SHOW", ... */
    void commandComplete(String tag);

    /** The query string held no statement. */
    void emptyQuery();

    void notice(ErrorFields notice);

    /** A reported setting changed (SET application_name, ...). */
    void parameterStatus(String name, String value);

    // ---- COPY ... TO STDOUT: the engine formats the data, the backend frames it.

    /**
     * A COPY TO STDOUT starts (CopyOutResponse): {@code binary} for COPY's binary format, else text or
     * CSV, with {@code columns} columns. Then come {@link #copyData} calls, {@link #copyDone}, and the
     * command tag "COPY n". Sinks that cannot carry a copy refuse it.
     */
    default void copyOutResponse(boolean binary, int columns) {
        throw new SqlException("0A000", "COPY TO STDOUT is not supported here");
    }

    /** One CopyData message: in text and CSV a whole line, in binary a tuple (the first one with the header). */
    default void copyData(byte[] data) {
        throw new SqlException("0A000", "COPY TO STDOUT is not supported here");
    }

    /** CopyDone: the copy's data is complete. */
    default void copyDone() {
        throw new SqlException("0A000", "COPY TO STDOUT is not supported here");
    }

    // ---- COPY ... FROM STDIN: the backend sends CopyInResponse and hands over the client's data.

    /**
     * Sends CopyInResponse and returns the client's data as it arrives. The engine reads the stream to
     * its end (CopyDone) before it completes the statement; if the engine fails first, the backend
     * discards the CopyData still coming, as PostgreSQL does.
     *
     * @param binary  the overall format (COPY's binary format, else text/CSV)
     * @param columns the number of columns copied
     */
    default CopyInStream copyInResponse(boolean binary, int columns) {
        throw new SqlException("0A000", "COPY FROM STDIN is not supported here");
    }
}
