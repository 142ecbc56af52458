package org.tusk.sql.dml;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;

/**
 * Where a statement the server runs for its effect sends its results (a utility statement in a function, a
 * temporary table's ON COMMIT action): rows and tags are dropped, notices go to {@code notices} (the session,
 * or nowhere). Subclasses keep what they need of the rest.
 */
public class DiscardingSink implements ResultSink {
    private final Consumer<ErrorFields> notices;

    public DiscardingSink(Consumer<ErrorFields> notices) {
        this.notices = notices;
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
    }

    @Override
    public void dataRow(byte[][] values) {
    }

    @Override
    public void commandComplete(String tag) {
    }

    @Override
    public void emptyQuery() {
    }

    @Override
    public void notice(ErrorFields notice) {
        notices.accept(notice);
    }

    @Override
    public void parameterStatus(String name, String value) {
    }
}
