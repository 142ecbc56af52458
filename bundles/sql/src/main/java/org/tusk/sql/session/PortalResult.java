package org.tusk.sql.session;

import java.util.List;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.ResultSink;
import org.tusk.sql.exec.TupleStore;

/**
 * The result of a protocol portal's statement, held between Executes: the first Execute runs the
 * statement into it, and each Execute hands out up to its row limit (pgjdbc's setFetchSize, psql's
 * FETCH_COUNT). The rows, in output form, go to a {@link TupleStore}, so a portal over a big result
 * holds at most work_mem of heap and the rest in a temporary file, deleted when the portal is closed
 * (Close, the next Bind of the unnamed portal, its transaction's end, the session's end).
 *
 * <p>A query (SELECT, VALUES, TABLE) with a row limit is not run ahead at all: the portal keeps its
 * {@link OpenQuery} and each Execute reads just the rows it sends ({@link #lazy}), as PostgreSQL's
 * PortalRunSelect pulls from the executor; only statements that must run to completion at once
 * (INSERT ... RETURNING and other utility or DML results) are collected into the store.
 *
 * <p>An Execute without a row limit (pgbench, most drivers) takes every row at once: nothing needs
 * to be kept, so its rows go straight to the client ({@link #streaming}) and the portal keeps only
 * its tag ({@link #done}), as PostgreSQL's PortalRunSelect sends a portal run to completion
 * without a tuple store.
 */
final class PortalResult implements AutoCloseable {
    /** The rows not yet sent; null for a portal that ran to completion in one Execute. */
    private final TupleStore rows;
    /** The query still being read, for a lazy portal; null once it ended. */
    private OpenQuery query;
    private String tag;
    private long next;

    private PortalResult(TupleStore rows, String tag) {
        this.rows = rows;
        this.tag = tag;
    }

    /** A query's portal, read a row limit at a time; the portal owns (and closes) the query. */
    static PortalResult lazy(OpenQuery query) {
        PortalResult r = new PortalResult(null, "SELECT 0");
        r.query = query;
        return r;
    }

    /**
     * A result that ran to completion and was sent (or a COPY, which always runs to completion):
     * a later Execute gets no rows, only the tag ("SELECT 0" for a query).
     */
    static PortalResult done(String tag) {
        return new PortalResult(null, tag);
    }

    /**
     * The sink of an Execute that takes every row: rows, notices and the tag go straight to the
     * client; the tag is also handed to {@code tag} so the portal can answer a later Execute.
     * RowDescription is dropped, as for {@link #collector}: Describe sends it, Execute never does.
     */
    static ResultSink streaming(ResultSink client, java.util.function.Consumer<String> tag) {
        return new ForwardingSink(client) {
            @Override
            public void rowDescription(List<ColumnDescription> columns) {
                // Execute sends no RowDescription: Describe does.
            }

            @Override
            public void commandComplete(String t) {
                tag.accept(t);
                sink.commandComplete(t);
            }
        };
    }

    /** Whether a query is still being read (Execute reads from it, in the statement's setting). */
    boolean isLazy() {
        return query != null;
    }

    /** A result to be filled through {@link #collector}, keeping up to {@code workMem} bytes of rows in memory. */
    static PortalResult collecting(long workMem) {
        return new PortalResult(TupleStore.forWorkMem(workMem), null);
    }

    /**
     * A sink that stores the statement's rows and keeps its tag; notices and the rest still go to the
     * client. Execute sends no RowDescription (Describe does), so that is dropped.
     */
    ResultSink collector(ResultSink client) {
        return new ForwardingSink(client) {
            @Override
            public void rowDescription(List<ColumnDescription> columns) {
                // Execute sends no RowDescription: Describe does.
            }

            @Override
            public void dataRow(byte[][] values) {
                rows.append(values);
            }

            @Override
            public void commandComplete(String t) {
                tag = t;
            }
        };
    }

    /**
     * Sends the next rows, up to {@code maxRows} (0: all); true when the portal is suspended. As in
     * PostgreSQL, a fetch that filled maxRows suspends the portal even if nothing is left; otherwise
     * the command tag follows, a SELECT's counting the rows of this Execute.
     */
    boolean send(int maxRows, ResultSink sink) {
        int sent = 0;
        while (query != null && (maxRows <= 0 || sent < maxRows)) {
            byte[][] row = query.next();
            if (row == null) {
                query.close();
                query = null;
                break;
            }
            sink.dataRow(row);
            sent++;
        }
        while (rows != null && next < rows.size() && (maxRows <= 0 || sent < maxRows)) {
            sink.dataRow(asBytes(rows.get(next++)));
            sent++;
        }
        if (maxRows > 0 && sent == maxRows) {
            return true;
        }
        sink.commandComplete(tag.startsWith("SELECT ") ? "SELECT " + sent : tag);
        return false;
    }

    /** A row as stored: its values as byte arrays again once read back from the file. */
    private static byte[][] asBytes(Object row) {
        if (row instanceof byte[][] b) {
            return b;
        }
        Object[] values = (Object[]) row;
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte[]) values[i];
        }
        return out;
    }

    @Override
    public void close() {
        if (query != null) {
            OpenQuery q = query;
            query = null;
            q.close();
        }
        if (rows != null) {
            rows.close();
        }
    }
}
