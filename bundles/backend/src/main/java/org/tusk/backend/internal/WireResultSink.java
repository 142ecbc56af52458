package org.tusk.backend.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.ResultSink;

/**
 * Encodes what the engine produces as protocol messages. Output is buffered and flushed when a
 * result grows past {@link #FLUSH_THRESHOLD}, so a large result streams to the client instead of
 * accumulating in memory.
 */
final class WireResultSink implements ResultSink {

    static final int FLUSH_THRESHOLD = 64 * 1024;

    private final MessageWriter out;

    WireResultSink(MessageWriter out) {
        this.out = out;
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
        out.rowDescription(columns);
    }

    @Override
    public void dataRow(byte[][] values) {
        out.dataRow(values);
        flushIfLarge();
    }

    private void flushIfLarge() {
        if (out.pending() > FLUSH_THRESHOLD) {
            try {
                out.flush();
            } catch (IOException e) {
                // The client went away mid-result; unwind the statement and let the loop end the session.
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void copyOutResponse(boolean binary, int columns) {
        out.copyOutResponse(binary, columns);
    }

    @Override
    public void copyData(byte[] data) {
        out.copyData(data);
        flushIfLarge();
    }

    @Override
    public void copyDone() {
        out.copyDone();
    }

    @Override
    public void commandComplete(String tag) {
        out.commandComplete(tag);
    }

    @Override
    public void emptyQuery() {
        out.emptyQueryResponse();
    }

    @Override
    public void notice(ErrorFields notice) {
        out.noticeResponse(notice);
    }

    @Override
    public void parameterStatus(String name, String value) {
        out.parameterStatus(name, value);
    }
}
