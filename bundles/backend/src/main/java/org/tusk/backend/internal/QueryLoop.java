package org.tusk.backend.internal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Message;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.MessageReader;
import org.tusk.protocol.MessageWriter;
import org.tusk.spi.BackendContext;
import org.tusk.spi.BackendRegistry.BackendState;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;

/**
 * The main loop of an established session (PostgreSQL's PostgresMain): read a message, act, answer.
 * Simple queries run here; the extended protocol arrives with its own issue, and until then its
 * messages get one error and are skipped up to the next Sync, exactly as after any extended-protocol
 * error.
 */
final class QueryLoop {
    private static final Logger LOG = LoggerFactory.getLogger(QueryLoop.class);

    private final MessageReader in;
    private final MessageWriter out;
    private final SqlSession session;
    private final BackendContext context;
    private final StartupPhase.StartupRequest request;
    private final WireResultSink sink;

    /** After an error in an extended-protocol message, everything up to Sync is discarded. */
    private boolean skipUntilSync;

    QueryLoop(MessageReader in, MessageWriter out, SqlSession session, BackendContext context,
            StartupPhase.StartupRequest request) {
        this.in = in;
        this.out = out;
        this.session = session;
        this.context = context;
        this.request = request;
        this.sink = new WireResultSink(out);
    }

    /** Runs until Terminate; throws {@link FatalException} when the session must end with an error. */
    void run() throws IOException, FatalException {
        while (true) {
            if (context.signals().crashExitRequested()) {
                throw new FatalException(BackendConnection.CRASH_EXIT);
            }
            if (context.signals().terminateRequested()) {
                throw new FatalException("57P01", "terminating connection due to administrator command");
            }
            Message m = in.read();
            switch (m.typeChar()) {
                case 'Q' -> simpleQuery(m);
                case 'X' -> {
                    return;
                }
                case 'S' -> sync();
                case 'H' -> out.flush();
                case 'P', 'B', 'E', 'D', 'C', 'F' -> unsupportedExtended(m);
                case 'd', 'c', 'f' -> {
                    // CopyData/CopyDone/CopyFail outside COPY: accepted and ignored, per protocol.
                }
                default -> throw new FatalException(ErrorFields.of("FATAL", "08P01",
                        "invalid frontend message type " + (m.type() & 0xFF)).build());
            }
        }
    }

    private void simpleQuery(Message m) throws IOException, FatalException {
        MessageBody body = m.reader();
        String sql = body.readCString();
        body.expectEnd();
        skipUntilSync = false;
        // A cancel that arrived while we were idle is void, as in PostgreSQL: it targets the statement
        // running when it was sent, and there was none.
        context.signals().consumeCancel();
        report(BackendState.ACTIVE);
        try {
            session.executeSimpleQuery(sql, sink);
        } catch (SqlException e) {
            if ("FATAL".equals(e.fields().severity())) {
                throw new FatalException(e.fields());
            }
            out.errorResponse(e.fields());
        } catch (RuntimeException e) {
            if (e instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            // A bug in the engine must cost this statement, not the session or the server.
            LOG.error("internal error while executing \"{}\"", sql, e);
            out.errorResponse(ErrorFields.of("ERROR", "XX000", "internal error: " + e).build());
        }
        readyForQuery();
    }

    private void unsupportedExtended(Message m) {
        if (skipUntilSync) {
            return;
        }
        skipUntilSync = true;
        out.errorResponse(ErrorFields.of("ERROR", "0A000",
                "extended query protocol message '" + m.typeChar() + "' is not supported yet").build());
    }

    private void sync() throws IOException {
        skipUntilSync = false;
        readyForQuery();
    }

    private void readyForQuery() throws IOException {
        char status = session.transactionStatus();
        out.readyForQuery(status);
        out.flush();
        report(switch (status) {
            case 'T' -> BackendState.IDLE_IN_TRANSACTION;
            case 'E' -> BackendState.IDLE_IN_TRANSACTION_ABORTED;
            default -> BackendState.IDLE;
        });
    }

    private void report(BackendState state) {
        context.registry().reportState(context.identity().processId(), state, request.user(), request.database(),
                request.parameters().get("application_name"));
    }
}
