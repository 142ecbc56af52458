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
}
