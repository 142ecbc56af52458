package org.tusk.sql.session;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;

/**
 * A sink that passes everything to another one; subclasses override what they reshape (COPY turns
 * rows into CopyData, a portal buffers rows for Execute's row limit) and keep notices, parameter
 * status reports and the rest flowing to the client unchanged.
 */
abstract class ForwardingSink implements ResultSink {
    protected final ResultSink sink;

    ForwardingSink(ResultSink sink) {
        this.sink = sink;
    }

    @Override
    public void rowDescription(List<ColumnDescription> columns) {
        sink.rowDescription(columns);
    }

    @Override
    public void dataRow(byte[][] values) {
        sink.dataRow(values);
    }

    @Override
    public void commandComplete(String tag) {
        sink.commandComplete(tag);
    }

    @Override
    public void emptyQuery() {
        sink.emptyQuery();
    }

    @Override
    public void notice(ErrorFields notice) {
        sink.notice(notice);
    }

    @Override
    public void parameterStatus(String name, String value) {
        sink.parameterStatus(name, value);
    }

    @Override
    public void copyOutResponse(boolean binary, int columns) {
        sink.copyOutResponse(binary, columns);
    }

    @Override
    public void copyData(byte[] data) {
        sink.copyData(data);
    }

    @Override
    public void copyDone() {
        sink.copyDone();
    }

    @Override
    public org.tusk.spi.CopyInStream copyInResponse(boolean binary, int columns) {
        return sink.copyInResponse(binary, columns);
    }
}
