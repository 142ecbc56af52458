package org.tusk.backend.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.protocol.ProtocolException;
import org.tusk.spi.CopyInStream;
import org.tusk.spi.SqlException;
import org.tusk.spi.ResultSink;

/**
 * Encodes what the engine produces as protocol messages. Output is buffered and flushed when a
 * result grows past {@link #FLUSH_THRESHOLD}, so a large result streams to the client instead of
 * accumulating in memory.
 */
final class WireResultSink implements ResultSink {

    static final int FLUSH_THRESHOLD = 64 * 1024;

    private final MessageWriter out;
    /** Where CopyData comes from during COPY FROM STDIN; null when the sink only writes. */
    private final MessageReader in;

    WireResultSink(MessageWriter out) {
        this(out, null);
    }

    WireResultSink(MessageWriter out, MessageReader in) {
        this.out = out;
        this.in = in;
    }

    /**
     * CopyInResponse, flushed, then the client's CopyData until CopyDone (PostgreSQL's CopyGetData):
     * Flush and Sync are ignored during a copy, as PostgreSQL ignores them; CopyFail ends the copy with
     * 57014; anything else is a protocol violation.
     */
    @Override
    public CopyInStream copyInResponse(boolean binary, int columns) {
        if (in == null) {
            return ResultSink.super.copyInResponse(binary, columns);
        }
        out.copyInResponse(binary, columns);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CopyInStream() {
            private boolean done;

            @Override
            public byte[] next() {
                if (done) {
                    return null;
                }
                while (true) {
                    Message m;
                    try {
                        m = in.read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    switch (m.typeChar()) {
                        case 'd' -> {
                            return m.body();
                        }
                        case 'c' -> {
                            done = true;
                            return null;
                        }
                        case 'f' -> {
                            done = true;
                            String message;
                            try {
                                message = m.reader().readCString();
                            } catch (ProtocolException e) {
                                message = "";
                            }
                            throw new SqlException("57014", "COPY from stdin failed: " + message);
                        }
                        case 'H', 'S' -> {
                            // ignored during COPY, as PostgreSQL does
                        }
                        default -> {
                            done = true;
                            throw new SqlException("08P01", String.format(
                                    "unexpected message type 0x%02X during COPY from stdin", m.type() & 0xFF));
                        }
                    }
                }
            }
        };
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
