package org.tusk.sql.dml;

import java.util.function.Consumer;

import org.tusk.protocol.ErrorFields;

/**
 * Where an INSERT, UPDATE or DELETE run for its effect sends its results (SPI's statements in a function,
 * EXPLAIN ANALYZE): rows are dropped, the command tag's row count is kept, notices go on to the session.
 */
public class CountingSink extends DiscardingSink {
    private long count;

    public CountingSink(Consumer<ErrorFields> notices) {
        super(notices);
    }

    /** The rows the tag counted ("DELETE 3": 3); 0 before the statement completed. */
    public long count() {
        return count;
    }

    @Override
    public void commandComplete(String tag) {
        count = Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
    }
}
