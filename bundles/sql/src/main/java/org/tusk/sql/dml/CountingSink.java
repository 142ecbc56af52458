package org.tusk.sql.dml;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;

/**
 * Where an INSERT, UPDATE or DELETE run for its effect sends its results (SPI's statements in a function,
 * EXPLAIN ANALYZE): rows are dropped, the command tag's row count is kept, notices go on to the session.
 */
public final class CountingSink implements ResultSink {
    private final Consumer<ErrorFields> notices;
    private long count;

    public CountingSink(Consumer<ErrorFields> notices) {
        this.notices = notices;
    }

    /** The rows the tag counted ("DELETE 3": 3); 0 before the statement completed. */
    public long count() {
        return count;
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
    }

    @Override
    public void dataRow(byte[][] values) {
    }

    @Override
    public void commandComplete(String tag) {
        count = Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
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
