package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.protocol.BinaryFormats;
import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.exec.TupleStore;

/**
 * A session's SQL cursors (DECLARE, FETCH, MOVE, CLOSE): PostgreSQL's portals as SQL sees them.
 *
 * <p>A cursor's rows are computed at DECLARE and kept, in output form, in a {@link TupleStore} with a
 * position: in memory up to work_mem, the rest in a temporary file. That gives exactly the semantics
 * PostgreSQL documents for what a cursor sees (the snapshot of DECLARE, never the transaction's later
 * changes) and lets every cursor scroll both ways, at a cost of at most work_mem of heap per cursor
 * (PostgreSQL runs a cursor's plan lazily instead; its result is materialized like this only for WITH
 * HOLD). A query that fails while running fails at DECLARE rather than at the first FETCH.
 *
 * <p>Positions follow PostgreSQL's portalPos: 0 is before the first row, 1..n on a row, n + 1 after the
 * last. A cursor lives until CLOSE or its transaction's end; WITH HOLD keeps it past COMMIT (not past
 * the ROLLBACK of the transaction that declared it). ROLLBACK TO SAVEPOINT closes the cursors declared
 * after that savepoint. Whenever a cursor ends, its store is closed and its file deleted.
 */
final class Cursors {

    /** One declared cursor. {@code level} is the savepoint depth at DECLARE; -1 once its transaction committed. */
    private static final class Cursor {
        final List<ColumnDescription> columns;
        final TupleStore rows;
        final boolean noScroll;
        final boolean hold;
        int level;
        long position;

        Cursor(List<ColumnDescription> columns, TupleStore rows, boolean noScroll, boolean hold, int level) {
            this.columns = columns;
            this.rows = rows;
            this.noScroll = noScroll;
            this.hold = hold;
            this.level = level;
        }

        /** Row {@code p} (1-based, as positions count). */
        byte[][] row(long p) {
            return asBytes(rows.get(p - 1));
        }
    }

    /**
     * The rows of a cursor being declared, collected as DECLARE's query sends them: the columns first
     * (checked and, for BINARY, described in the binary format), then each row (converted once, here).
     */
    static final class Pending {
        private final Statement.DeclareCursor declare;
        private final TupleStore rows;
        private List<ColumnDescription> textColumns;
        private List<ColumnDescription> columns;

        private Pending(Statement.DeclareCursor declare, long workMem) {
            this.declare = declare;
            this.rows = TupleStore.forWorkMem(workMem);
        }

        void columns(List<ColumnDescription> c) {
            textColumns = c;
            columns = List.copyOf(describe(declare, c));
        }

        void add(byte[][] row) {
            if (declare.binary()) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        row[i] = BinaryFormats.fromText(textColumns.get(i).typeOid(),
                                new String(row[i], StandardCharsets.UTF_8));
                    }
                }
            }
            rows.append(row);
        }

        /** The query failed: its rows (and their file) go. */
        void discard() {
            rows.close();
        }
    }

    private final Map<String, Cursor> cursors = new HashMap<>();

    /** Whether any cursor is open (held ones from earlier transactions included). */
    boolean any() {
        return !cursors.isEmpty();
    }

    boolean exists(String name) {
        return cursors.containsKey(name);
    }

    /**
     * transformDeclareCursorStmt's check, made before any other: a cursor's query may be read partly and
     * again, so an INSERT, UPDATE or DELETE in its WITH clause would have no defined time to run (0A000).
     */
    static void refuseModifyingWith(Statement.DeclareCursor d) {
        for (org.tusk.sql.ast.Query.CommonTable c : d.query().query().with()) {
            if (c.modifying() != null) {
                throw new SqlException("0A000", "DECLARE CURSOR must not contain data-modifying statements in WITH");
            }
        }
    }

    /** Starts collecting the rows of a DECLARE's query, keeping up to {@code workMem} bytes of them in memory. */
    Pending pending(Statement.DeclareCursor d, long workMem) {
        return new Pending(d, workMem);
    }

    /** The columns a cursor's FETCH returns: a BINARY cursor's in the binary format, if every type has one. */
    private static List<ColumnDescription> describe(Statement.DeclareCursor d, List<ColumnDescription> columns) {
        if (!d.binary()) {
            return columns;
        }
        List<ColumnDescription> described = new ArrayList<>(columns.size());
        for (ColumnDescription c : columns) {
            // A reg* value's binary form needs its name looked up again: not done for cursors yet.
            if (!BinaryFormats.supports(c.typeOid()) || org.tusk.protocol.OidFormats.isRegType(c.typeOid())) {
                throw new SqlException("0A000", "binary format for type with OID " + c.typeOid()
                        + " is not supported yet");
            }
            described.add(new ColumnDescription(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                    c.typeModifier(), (short) 1));
        }
        return described;
    }

    /** Keeps the rows a DECLARE's query produced as a cursor (the query has run to its end). */
    void declare(Pending p, int level) {
        Statement.DeclareCursor d = p.declare;
        cursors.put(d.name(), new Cursor(p.columns, p.rows, d.scroll() == Statement.ScrollOption.NO_SCROLL, d.hold(),
                level));
    }

    /** A row as stored: the text or binary values, as an array of byte arrays again once read from file. */
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

    /** The columns FETCH from this cursor returns, or null if there is no such cursor (Describe's answer). */
    List<ColumnDescription> columns(String name) {
        Cursor c = cursors.get(name);
        return c == null ? null : c.columns;
    }

    /**
     * FETCH or MOVE (PostgreSQL's DoPortalRunFetch on a materialized result). The rows to return are a
     * run of positions from {@code first} in steps of {@code step}: worked out (and refused for a NO
     * SCROLL cursor going backwards) before anything is sent, then sent straight from the store.
     */
    void fetch(Statement.Fetch f, ResultSink sink) {
        Cursor c = cursors.get(f.cursor());
        if (c == null) {
            throw new SqlException("34000", "cursor \"" + f.cursor() + "\" does not exist");
        }
        long size = c.rows.size();
        long first = 0;
        long count = 0;
        int step = 1;
        switch (f.direction()) {
            case RELATIVE_COUNT -> {
                long n = f.count();
                if (n == 0) {
                    count = refetch(c, f.move());
                    first = c.position;
                } else if (n > 0) {
                    if (c.position <= size) {
                        first = c.position + 1;
                        long last = n >= size - c.position ? size : c.position + n;
                        count = Math.max(0, last - c.position);
                        c.position = n > size - c.position ? size + 1 : c.position + n;
                    }
                } else {
                    checkBackward(c);
                    step = -1;
                    long back = n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
                    if (c.position > 0) {
                        first = c.position - 1;
                        long last = back >= c.position - 1 ? 1 : c.position - back;
                        count = Math.max(0, first - last + 1);
                        c.position = back >= c.position ? 0 : c.position - back;
                    }
                }
            }
            case ABSOLUTE -> {
                count = moveTo(c, f.count() >= 0 ? f.count() : size + 1 + f.count());
                first = c.position;
            }
            case RELATIVE -> {
                if (f.count() == 0) {
                    count = refetch(c, f.move());
                } else {
                    count = moveTo(c, c.position + f.count());
                }
                first = c.position;
            }
        }
        if (f.move()) {
            sink.commandComplete("MOVE " + count);
            return;
        }
        sink.rowDescription(c.columns);
        for (long i = 0; i < count; i++) {
            sink.dataRow(c.row(first + i * step));
        }
        sink.commandComplete("FETCH " + count);
    }

    /**
     * FETCH RELATIVE 0 (or FORWARD 0): the current row again, if the cursor is on one. PostgreSQL steps
     * back one row and reads it again, which a NO SCROLL cursor refuses; MOVE 0 only counts.
     */
    private static long refetch(Cursor c, boolean move) {
        if (c.position >= 1 && c.position <= c.rows.size()) {
            if (!move) {
                checkBackward(c);
            }
            return 1;
        }
        return 0;
    }

    /** ABSOLUTE and RELATIVE: to one row, clamped to before the first or after the last. */
    private static long moveTo(Cursor c, long target) {
        long size = c.rows.size();
        if (target < c.position) {
            checkBackward(c);
        }
        if (target <= 0) {
            c.position = 0;
            return 0;
        }
        if (target > size) {
            c.position = size + 1;
            return 0;
        }
        c.position = target;
        return 1;
    }

    private static void checkBackward(Cursor c) {
        if (c.noScroll) {
            throw new SqlException(ErrorFields.of("ERROR", "55000", "cursor can only scan forward")
                    .hint("Declare it with SCROLL option to enable backward scan.").build());
        }
    }

    /** CLOSE name, or CLOSE ALL ({@code name} null). */
    void close(String name) {
        if (name == null) {
            removeIf(c -> true);
            return;
        }
        Cursor c = cursors.remove(name);
        if (c == null) {
            throw new SqlException("34000", "cursor \"" + name + "\" does not exist");
        }
        c.rows.close();
    }

    /** Ends the cursors {@code ending} picks, closing their stores. */
    private void removeIf(java.util.function.Predicate<Cursor> ending) {
        cursors.values().removeIf(c -> {
            if (ending.test(c)) {
                c.rows.close();
                return true;
            }
            return false;
        });
    }

    /** COMMIT: cursors without HOLD end; held ones now belong to no transaction. */
    void atCommit() {
        removeIf(c -> !c.hold);
        cursors.values().forEach(c -> c.level = -1);
    }

    /** ROLLBACK: cursors of this transaction end, held or not; those held from earlier ones stay. */
    void atAbort() {
        removeIf(c -> c.level >= 0);
    }

    /** RELEASE of the savepoint at depth {@code level}: its cursors now belong to the one around it. */
    void atRelease(int level) {
        cursors.values().forEach(c -> c.level = Math.min(c.level, level));
    }

    /** ROLLBACK TO SAVEPOINT at depth {@code level}: the cursors declared inside it end. */
    void atRollbackTo(int level) {
        removeIf(c -> c.level > level);
    }
}
