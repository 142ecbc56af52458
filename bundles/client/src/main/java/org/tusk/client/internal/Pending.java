package org.tusk.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.tusk.client.Column;
import org.tusk.client.PgException;
import org.tusk.client.PipelineAbortedException;
import org.tusk.client.Result;
import org.tusk.client.Row;
import org.tusk.client.ServerException;
import org.tusk.client.TransactionStatus;
import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.MessageBody;
import org.tusk.protocol.ProtocolException;

/**
 * A request written to the server whose responses have not all arrived: the connection keeps them in
 * a FIFO queue and hands each backend message (other than the asynchronous NoticeResponse,
 * NotificationResponse and ParameterStatus) to the oldest. Each subclass knows which messages end it;
 * that is all the matching there is, since the server answers strictly in order.
 *
 * <p>A ReadyForQuery reaching a request that does not end with its own Sync means the server skipped
 * it after an earlier error of the same pipeline segment: it completes with {@link
 * PipelineAbortedException} and passes the ReadyForQuery on to the next request (the segment's Sync).
 */
abstract class Pending<T> {

    /** Keep handing messages to this request. */
    static final int CONTINUE = 0;
    /** The request is complete; the message was its last. */
    static final int DONE = 1;
    /** The request is complete, but the message belongs to the next request. */
    static final int PASS = 2;

    final CompletableFuture<T> future = new CompletableFuture<>();
    /** Decided at submission: whether the submitting thread reads the responses itself. */
    boolean selfRead;

    abstract int handle(char type, MessageBody body) throws IOException, PgException;

    /** The connection broke: fail with this. */
    void fail(PgException e) {
        future.completeExceptionally(e);
    }

    static List<Column> rowDescription(MessageBody b) throws ProtocolException {
        int n = b.readInt16();
        List<Column> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = b.readCString();
            int table = b.readInt32();
            int colNo = b.readInt16();
            int type = b.readInt32();
            int size = b.readInt16();
            int mod = b.readInt32();
            int format = b.readInt16();
            cols.add(new Column(name, type, size, mod, table, colNo, format));
        }
        return List.copyOf(cols);
    }

    static byte[][] dataRow(MessageBody b) throws ProtocolException {
        int n = b.readInt16();
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            int len = b.readInt32();
            values[i] = len < 0 ? null : b.readBytes(len);
        }
        return values;
    }

    /** Waits for the ReadyForQuery of a Sync: the end of a pipeline segment. */
    static final class SyncPoint extends Pending<TransactionStatus> {
        @Override
        int handle(char type, MessageBody body) throws IOException, PgException {
            if (type == 'Z') {
                future.complete(TransactionStatus.of((char) body.readByte()));
                return DONE;
            }
            return CONTINUE; // e.g. an ErrorResponse for a message that has no request of its own
        }
    }

    /**
     * One statement through the extended protocol: [ParseComplete] BindComplete [RowDescription |
     * NoData] DataRow* (CommandComplete | EmptyQueryResponse | PortalSuspended | ErrorResponse), then
     * ReadyForQuery if it carries its own Sync. {@code columns} is given when the statement was described
     * before (a prepared statement): then no Describe was sent.
     */
    static final class Execute extends Pending<Result> {
        private final boolean ownSync;
        private List<Column> columns;
        private final Consumer<Row> sink;
        /** The rows collected when there is no sink; allocated at the first row (most pipelined DML has none). */
        private List<Row> rows;
        private ErrorFields error;
        private String tag;
        private boolean suspended;
        private RuntimeException sinkFailure;
        private final PgConnection copyFail;

        Execute(PgConnection copyFail, boolean ownSync, List<Column> columns, Consumer<Row> sink) {
            this.copyFail = copyFail;
            this.ownSync = ownSync;
            this.columns = columns == null ? List.of() : columns;
            this.sink = sink;
        }

        boolean suspended() {
            return suspended;
        }

        RuntimeException sinkFailure() {
            return sinkFailure;
        }

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case '1', '2', '3' -> {
                    return CONTINUE;
                }
                case 'T' -> {
                    columns = rowDescription(b);
                    return CONTINUE;
                }
                case 'n' -> {
                    columns = List.of();
                    return CONTINUE;
                }
                case 'D' -> {
                    Row row = Row.of(columns, dataRow(b));
                    if (sink == null) {
                        if (rows == null) {
                            rows = new ArrayList<>();
                        }
                        rows.add(row);
                    } else if (sinkFailure == null) {
                        try {
                            sink.accept(row);
                        } catch (RuntimeException e) {
                            sinkFailure = e; // the rest of the batch is read and dropped
                        }
                    }
                    return CONTINUE;
                }
                case 'C' -> {
                    tag = b.readCString();
                    return finish();
                }
                case 'I' -> {
                    tag = "";
                    return finish();
                }
                case 's' -> {
                    suspended = true;
                    tag = "";
                    return finish();
                }
                case 'E' -> {
                    error = ErrorFields.decode(b);
                    return finish();
                }
                case 'Z' -> {
                    if (!ownSync) {
                        future.completeExceptionally(new PipelineAbortedException());
                        return PASS;
                    }
                    if (error != null) {
                        future.completeExceptionally(new ServerException(error));
                    } else if (tag == null) {
                        future.completeExceptionally(new PipelineAbortedException());
                    } else {
                        future.complete(result());
                    }
                    return DONE;
                }
                case 'G' -> {
                    // COPY FROM STDIN through the extended protocol: refused with CopyFail. The server
                    // ignored our Sync while in copy-in mode and now skips to the next one, so send
                    // another. In a pipeline the messages queued behind it would be read in copy-in mode:
                    // there is no way to resynchronize, so the connection is given up (libpq refuses COPY
                    // in pipeline mode too).
                    if (!ownSync) {
                        throw new PgException("COPY FROM STDIN is not supported in pipeline mode");
                    }
                    copyFail.endCopyFromReader("COPY FROM STDIN is not supported by execute(); use copyIn()", true);
                    return CONTINUE;
                }
                case 'H', 'd', 'c', 'W' -> {
                    return CONTINUE; // COPY TO STDOUT through execute(): the data is dropped, the tag stays
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
        }

        private int finish() {
            if (ownSync) {
                return CONTINUE;
            }
            if (error != null) {
                future.completeExceptionally(new ServerException(error));
            } else {
                future.complete(result());
            }
            return DONE;
        }

        private Result result() {
            return new Result(columns, rows == null ? List.of() : rows, tag);
        }
    }

    /** Parse and Describe of a statement, then Sync: ParseComplete, ParameterDescription, RowDescription | NoData. */
    static final class Describe extends Pending<Describe> {
        private final boolean ownSync;
        int[] parameterTypes = new int[0];
        List<Column> columns = List.of();
        private ErrorFields error;

        Describe(boolean ownSync) {
            this.ownSync = ownSync;
        }

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case '1' -> {
                    return CONTINUE;
                }
                case 't' -> {
                    int n = b.readInt16();
                    parameterTypes = new int[n];
                    for (int i = 0; i < n; i++) {
                        parameterTypes[i] = b.readInt32();
                    }
                    return CONTINUE;
                }
                case 'T', 'n' -> {
                    columns = type == 'T' ? rowDescription(b) : List.of();
                    if (!ownSync) {
                        future.complete(this);
                        return DONE;
                    }
                    return CONTINUE;
                }
                case 'E' -> {
                    error = ErrorFields.decode(b);
                    if (!ownSync) {
                        future.completeExceptionally(new ServerException(error));
                        return DONE;
                    }
                    return CONTINUE;
                }
                case 'Z' -> {
                    if (!ownSync) {
                        future.completeExceptionally(new PipelineAbortedException());
                        return PASS;
                    }
                    if (error != null) {
                        future.completeExceptionally(new ServerException(error));
                    } else {
                        future.complete(this);
                    }
                    return DONE;
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
        }
    }

    /** Close of a statement or portal, then Sync. */
    static final class Close extends Pending<Void> {
        private ErrorFields error;

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case '3' -> {
                    return CONTINUE;
                }
                case 'E' -> {
                    error = ErrorFields.decode(b);
                    return CONTINUE;
                }
                case 'Z' -> {
                    if (error != null) {
                        future.completeExceptionally(new ServerException(error));
                    } else {
                        future.complete(null);
                    }
                    return DONE;
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
        }
    }

    /**
     * A simple Query: one Result per statement; an error fails the whole request after ReadyForQuery.
     * COPY data goes through {@code copy} when given, else COPY FROM STDIN is refused with CopyFail and
     * COPY TO STDOUT data is dropped.
     */
    static final class SimpleQuery extends Pending<List<Result>> {
        private final PgConnection connection;
        private final org.tusk.client.CopyHandler copy;
        private final List<Result> results = new ArrayList<>();
        private List<Column> columns = List.of();
        private List<Row> rows = new ArrayList<>();
        private ErrorFields error;
        private OutputStream copyTarget;
        private IOException targetFailure;

        SimpleQuery(PgConnection connection) {
            this(connection, null);
        }

        SimpleQuery(PgConnection connection, org.tusk.client.CopyHandler copy) {
            this.connection = connection;
            this.copy = copy;
        }

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case 'T' -> {
                    columns = rowDescription(b);
                    rows = new ArrayList<>();
                }
                case 'D' -> rows.add(Row.of(columns, dataRow(b)));
                case 'C' -> {
                    results.add(new Result(columns, rows, b.readCString()));
                    columns = List.of();
                    rows = new ArrayList<>();
                }
                case 'I' -> results.add(new Result(List.of(), List.of(), ""));
                case 'E' -> error = ErrorFields.decode(b);
                case 'G' -> {
                    if (copy == null) {
                        connection.endCopyFromReader("COPY FROM STDIN is not supported by query(); use copyIn()", false);
                    } else {
                        copyIn(b.readByte() == 1);
                    }
                }
                case 'H' -> {
                    if (copy != null) {
                        boolean binary = b.readByte() == 1;
                        try {
                            copyTarget = copy.copyOut(binary);
                        } catch (IOException e) {
                            targetFailure = e;
                        }
                    }
                }
                case 'd' -> {
                    if (copyTarget != null && targetFailure == null) {
                        try {
                            copyTarget.write(b.readBytes(b.remaining()));
                        } catch (IOException e) {
                            targetFailure = e;
                        }
                    }
                }
                case 'c' -> {
                    if (copyTarget != null && targetFailure == null) {
                        try {
                            copyTarget.flush();
                        } catch (IOException e) {
                            targetFailure = e;
                        }
                    }
                    copyTarget = null;
                }
                case 'W' -> {
                    // A copy in both directions (replication's START_REPLICATION) belongs to copyBoth(): end
                    // our side at once, so the server ends its own; its data is dropped like a COPY TO's
                    // without a target.
                    connection.endCopyFromReader(null, false);
                }
                case 'Z' -> {
                    if (error != null) {
                        future.completeExceptionally(new ServerException(error));
                    } else if (targetFailure != null) {
                        future.completeExceptionally(new PgException(
                                "could not write COPY data: " + targetFailure.getMessage(), targetFailure));
                    } else {
                        future.complete(results);
                    }
                    return DONE;
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
            return CONTINUE;
        }

        /**
         * Sends the handler's data as CopyData, then CopyDone; CopyFail when the source fails. The server
         * may already have rejected the data (it reports that after CopyDone), so all of it is sent, as
         * psql does.
         */
        private void copyIn(boolean binary) throws IOException, PgException {
            byte[] buffer = new byte[65536];
            try (InputStream source = copy.copyIn(binary)) {
                int n;
                while ((n = source.read(buffer)) >= 0) {
                    if (n > 0) {
                        connection.copyData(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                connection.endCopyFromReader(String.valueOf(e.getMessage()), false);
                return;
            }
            connection.endCopyFromReader(null, false);
        }
    }

    /** A COPY FROM STDIN through a simple Query: {@code started} at CopyInResponse, the future at ReadyForQuery. */
    static final class CopyInRequest extends Pending<String> {
        final CompletableFuture<Void> started = new CompletableFuture<>();
        private ErrorFields error;
        private String tag;

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case 'G' -> started.complete(null);
                case 'C' -> tag = b.readCString();
                case 'E' -> error = ErrorFields.decode(b);
                case 'T', 'D', 'I', 'H', 'd', 'c' -> { } // not a COPY FROM STDIN: fails below
                case 'Z' -> {
                    PgException e = error != null ? new ServerException(error)
                            : started.isDone() ? null : new PgException("not a COPY FROM STDIN statement");
                    if (e != null) {
                        started.completeExceptionally(e);
                        future.completeExceptionally(e);
                    } else {
                        future.complete(tag);
                    }
                    return DONE;
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
            return CONTINUE;
        }

        @Override
        void fail(PgException e) {
            started.completeExceptionally(e);
            super.fail(e);
        }
    }

    /** A COPY TO STDOUT through a simple Query: CopyOutResponse, CopyData*, CopyDone, CommandComplete. */
    static final class CopyOutRequest extends Pending<String> {
        private final OutputStream target;
        private ErrorFields error;
        private IOException targetFailure;
        private boolean copying;
        private String tag;

        CopyOutRequest(OutputStream target) {
            this.target = target;
        }

        IOException targetFailure() {
            return targetFailure;
        }

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case 'H' -> copying = true;
                case 'd' -> {
                    if (targetFailure == null) {
                        try {
                            target.write(b.readBytes(b.remaining()));
                        } catch (IOException e) {
                            targetFailure = e;
                        }
                    }
                }
                case 'c', 'T', 'D', 'I' -> { }
                case 'C' -> tag = b.readCString();
                case 'E' -> error = ErrorFields.decode(b);
                case 'G' -> throw new PgException("COPY FROM STDIN is not supported by copyOut()");
                case 'Z' -> {
                    if (error != null) {
                        future.completeExceptionally(new ServerException(error));
                    } else if (!copying) {
                        future.completeExceptionally(new PgException("not a COPY TO STDOUT statement"));
                    } else {
                        future.complete(tag);
                    }
                    return DONE;
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
            return CONTINUE;
        }
    }

    /**
     * A statement answered with CopyBothResponse: {@code started} completes with it, the server's CopyData
     * queue up in {@code data} for {@link PgCopyBoth#read()}, {@code serverDone} marks its CopyDone, and the
     * future completes with the command tag at ReadyForQuery (or the server's error).
     */
    static final class CopyBothRequest extends Pending<String> {
        final CompletableFuture<org.tusk.protocol.CopyResponse> started = new CompletableFuture<>();
        final java.util.concurrent.LinkedBlockingQueue<byte[]> data = new java.util.concurrent.LinkedBlockingQueue<>();
        volatile boolean serverDone;
        private ErrorFields error;
        private String tag;

        @Override
        int handle(char type, MessageBody b) throws IOException, PgException {
            switch (type) {
                case 'W' -> started.complete(org.tusk.protocol.CopyResponse.decode(
                        new org.tusk.protocol.Message((byte) 'W', b.readBytes(b.remaining()))));
                case 'd' -> data.add(b.readBytes(b.remaining()));
                case 'c' -> serverDone = true;
                case 'C' -> tag = b.readCString();
                case 'E' -> error = ErrorFields.decode(b);
                case 'T', 'D', 'I', 'G', 'H' -> { } // rows (a timeline switch), or not a copy-both statement
                case 'Z' -> {
                    serverDone = true;
                    PgException e = error != null ? new ServerException(error)
                            : started.isDone() ? null : new PgException("not a statement that starts COPY BOTH");
                    if (e != null) {
                        started.completeExceptionally(e);
                        future.completeExceptionally(e);
                    } else {
                        future.complete(tag);
                    }
                    return DONE;
                }
                default -> throw new PgException("unexpected message type \"" + type + "\" from server");
            }
            return CONTINUE;
        }

        @Override
        void fail(PgException e) {
            started.completeExceptionally(e);
            super.fail(e);
        }
    }
}
