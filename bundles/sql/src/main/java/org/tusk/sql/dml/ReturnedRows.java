package org.tusk.sql.dml;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.ResultSink;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.exec.TupleStore;

/**
 * The rows a DML statement's RETURNING computed, kept until the statement has succeeded (a late error,
 * such as a foreign key checked at the end, must send none of them, as PostgreSQL's portal for a DML
 * statement holds them). They are in a {@link TupleStore}: up to work_mem in memory, the rest in a
 * temporary file, so an UPDATE ... RETURNING of a big table does not fill the heap.
 *
 * <p>The store is closed when the rows are sent; if the statement fails before that, the statement's
 * runner closes what it left open ({@link #closeSince}), so no file outlives it.
 */
final class ReturnedRows {
    /** work_mem when the setting cannot be read: PostgreSQL's default, 4MB. */
    private static final long DEFAULT_WORK_MEM = 4L * 1024 * 1024;
    /** The stores of statements running on this thread and not yet sent. */
    private static final ThreadLocal<List<TupleStore>> OPEN = ThreadLocal.withInitial(ArrayList::new);

    private final TupleStore rows;

    private ReturnedRows(long workMem) {
        rows = TupleStore.forWorkMem(workMem);
        OPEN.get().add(rows);
    }

    /** A collector for a statement with RETURNING, keeping work_mem of rows in memory; null without. */
    static ReturnedRows of(Returning returning, EvalContext ctx) {
        return returning == null ? null : new ReturnedRows(workMem(ctx.setting("work_mem")));
    }

    /** work_mem's value as SHOW prints it ("4MB", "64kB", "1GB") in bytes. */
    static long workMem(String setting) {
        if (setting == null) {
            return DEFAULT_WORK_MEM;
        }
        String v = setting.trim();
        long unit = 1024;
        if (v.endsWith("kB")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("MB")) {
            v = v.substring(0, v.length() - 2);
            unit = 1024L * 1024;
        } else if (v.endsWith("GB")) {
            v = v.substring(0, v.length() - 2);
            unit = 1024L * 1024 * 1024;
        }
        try {
            return Long.parseLong(v.trim()) * unit;
        } catch (NumberFormatException e) {
            return DEFAULT_WORK_MEM;
        }
    }

    void add(byte[][] row) {
        rows.append(row);
    }

    /** Sends RowDescription and the rows, then deletes them. */
    void send(Returning returning, ResultSink sink) {
        try {
            sink.rowDescription(returning.columns());
            TupleStore.Reader r = rows.reader();
            for (Object row = r.next(); row != null; row = r.next()) {
                sink.dataRow(asBytes(row));
            }
        } finally {
            rows.close();
            OPEN.get().remove(rows);
        }
    }

    /** How many stores this thread has open: taken before a statement runs, for {@link #closeSince}. */
    static int mark() {
        return OPEN.get().size();
    }

    /**
     * Closes the stores opened on this thread since {@code mark} and not sent: the statement that opened
     * them has ended (with an error). A statement run inside another (a function's) leaves the outer
     * statement's store alone.
     */
    static void closeSince(int mark) {
        List<TupleStore> open = OPEN.get();
        while (open.size() > mark) {
            open.removeLast().close();
        }
    }

    /** A row as stored: byte arrays again once read back from the file. */
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
}
