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
import org.tusk.spi.NotificationQueue;
import org.tusk.spi.SqlException;
import org.tusk.spi.SqlSession;

/**
 * The main loop of an established session (PostgreSQL's PostgresMain): read a message, act, answer.
 * Simple queries run here; the extended protocol's messages are decoded by {@link ExtendedQuery}.
 * After an error in an extended-protocol message every message up to the next Sync is discarded
 * (except Terminate), as PostgreSQL's ignore_till_sync does.
 */
final class QueryLoop {
    private static final Logger LOG = LoggerFactory.getLogger(QueryLoop.class);

    private final MessageReader in;
    private final MessageWriter out;
    private final SqlSession session;
    private final BackendContext context;
    private final StartupPhase.StartupRequest request;
    private final WireResultSink sink;
    private final ExtendedQuery extended;
    private final FastPath fastPath;
    private final NotificationDelivery notifications;

    /** After an error in an extended-protocol message, everything up to Sync is discarded. */
    private boolean skipUntilSync;

    /** The state last reported to the registry (null before the first report, which names the user). */
    private BackendState reported;

    QueryLoop(MessageReader in, MessageWriter out, SqlSession session, BackendContext context,
            StartupPhase.StartupRequest request) {
        this(in, out, session, context, request, null);
    }

    /** @param notifications the backend's slot in the LISTEN/NOTIFY queue, or null */
    QueryLoop(MessageReader in, MessageWriter out, SqlSession session, BackendContext context,
            StartupPhase.StartupRequest request, NotificationQueue.Endpoint notifications) {
        this.notifications = new NotificationDelivery(notifications, out);
        this.in = in;
        this.out = out;
        this.session = session;
        this.context = context;
        this.request = request;
        this.sink = new WireResultSink(out, in);
        this.extended = new ExtendedQuery(out, session, sink);
        this.fastPath = new FastPath(out, session);
    }

    /** One extended-protocol message's work. */
    private interface ExtendedStep {
        void run(MessageBody body) throws IOException;
    }

    /** Runs until Terminate; throws {@link FatalException} when the session must end with an error. */
    void run() throws IOException, FatalException {
        try (notifications) {
            loop();
        }
    }

    private void loop() throws IOException, FatalException {
        while (true) {
            if (context.signals().crashExitRequested()) {
                throw new FatalException(BackendConnection.CRASH_EXIT);
            }
            if (context.signals().terminateRequested()) {
                throw new FatalException("57P01", "terminating connection due to administrator command");
            }
            Message m = in.read();
            if (skipUntilSync && m.typeChar() != 'S' && m.typeChar() != 'X') {
                continue;
            }
            if (m.typeChar() == 'X') {
                return;
            }
            notifications.beginWork();
            try {
                dispatch(m);
            } finally {
                notifications.endWork();
            }
        }
    }

    private void dispatch(Message m) throws IOException, FatalException {
        switch (m.typeChar()) {
            case 'Q' -> simpleQuery(m);
            case 'S' -> sync(m);
            case 'H' -> out.flush();
            case 'P' -> extended(m, extended::parse);
            case 'B' -> extended(m, extended::bind);
            case 'D' -> extended(m, b -> extended.describe(b, session.transactionStatus() == 'E'));
            case 'E' -> extended(m, extended::execute);
            case 'C' -> extended(m, extended::close);
            case 'F' -> functionCall(m);
            case 'd', 'c', 'f' -> {
                // CopyData/CopyDone/CopyFail outside COPY FROM STDIN: ignored, as PostgreSQL ignores
                // them (a client may still be sending data after the server ended a failed copy).
            }
            default -> throw new FatalException(ErrorFields.of("FATAL", "08P01",
                    "invalid frontend message type " + (m.type() & 0xFF)).build());
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
        reportingErrors("executing \"" + sql + "\"", () -> session.executeSimpleQuery(sql, sink));
        readyForQuery();
    }

    /** FunctionCall: runs like a simple query, ReadyForQuery after the answer or the error. */
    private void functionCall(Message m) throws IOException, FatalException {
        context.signals().consumeCancel();
        report(BackendState.ACTIVE);
        reportingErrors("in a function call", () -> fastPath.call(m.reader()));
        readyForQuery();
    }

    /** A unit of work whose SQL errors go to the client. */
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Runs {@code work}; an ERROR is sent to the client and the session goes on, a FATAL one ends the
     * session. An unexpected exception from the engine costs the statement (XX000), never the session or
     * the server.
     *
     * @return whether the work completed without error
     */
    private boolean reportingErrors(String what, Work work) throws IOException, FatalException {
        try {
            work.run();
            return true;
        } catch (SqlException e) {
            if ("FATAL".equals(e.fields().severity())) {
                throw new FatalException(e.fields());
            }
            out.errorResponse(e.fields());
        } catch (RuntimeException e) {
            if (e instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            LOG.error("internal error while {}", what, e);
            out.errorResponse(ErrorFields.of("ERROR", "XX000", "internal error: " + e).build());
        }
        return false;
    }

    private void extended(Message m, ExtendedStep step) throws IOException, FatalException {
        context.signals().consumeCancel();
        report(BackendState.ACTIVE);
        if (reportingErrors(extendedWhat(m.typeChar()), () -> step.run(m.reader()))) {
            return;
        }
        skipUntilSync = true;
        session.abortTransaction();
    }

    /** What an extended-protocol step is called in the log; constants, as this runs for every message. */
    private static String extendedWhat(char type) {
        return switch (type) {
            case 'P' -> "in extended-protocol message 'P'";
            case 'B' -> "in extended-protocol message 'B'";
            case 'D' -> "in extended-protocol message 'D'";
            case 'E' -> "in extended-protocol message 'E'";
            case 'C' -> "in extended-protocol message 'C'";
            default -> "in extended-protocol message '" + type + "'";
        };
    }

    private void sync(Message m) throws IOException, FatalException {
        m.reader().expectEnd();
        skipUntilSync = false;
        try {
            session.sync(sink);
        } catch (SqlException e) {
            if ("FATAL".equals(e.fields().severity())) {
                throw new FatalException(e.fields());
            }
            out.errorResponse(e.fields());
            session.abortTransaction();
        }
        readyForQuery();
    }

    private void readyForQuery() throws IOException {
        char status = session.transactionStatus();
        notifications.beforeReadyForQuery(status);
        out.readyForQuery(status);
        out.flush();
        report(switch (status) {
            case 'T' -> BackendState.IDLE_IN_TRANSACTION;
            case 'E' -> BackendState.IDLE_IN_TRANSACTION_ABORTED;
            default -> BackendState.IDLE;
        });
    }

    /**
     * Tells the registry the backend's state when it changed: Bind, Describe and Execute each mark the
     * backend active, and a prepared statement's round trip would otherwise report it three times.
     */
    private void report(BackendState state) {
        if (state == reported) {
            return;
        }
        reported = state;
        context.registry().reportState(context.identity().processId(), state, request.user(), request.database(),
                request.parameters().get("application_name"));
    }
}
