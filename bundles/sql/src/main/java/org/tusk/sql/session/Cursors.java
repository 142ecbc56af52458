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
 * <p>A cursor runs its query lazily, as PostgreSQL does: DECLARE only starts it ({@link OpenQuery}, in
 * the DECLARE's snapshot), and each FETCH or MOVE pulls the rows it needs. So FETCH 10 from a cursor
 * over a huge result is instant, side effects (nextval) happen as rows are read, and an error in the
 * query (a division by zero at row 1,000,000) comes at the FETCH that reaches it.
 *
 * <p>What a cursor keeps of the rows it read depends on how it may move. A NO SCROLL cursor keeps
 * nothing but the row it is on: it only goes forward (backward moves are 55000 "cursor can only scan
 * forward"). Any other cursor keeps the rows read so far, in output form, in a {@link TupleStore} (in
 * memory up to work_mem, the rest in a temporary file), so FETCH BACKWARD, PRIOR, ABSOLUTE and friends
 * read them again without running the query twice. A WITH HOLD cursor reads the rest of its rows
 * into its store at COMMIT ({@link #persistHeld}, PostgreSQL's PersistHoldablePortal: the query is
 * run again from its start, in its snapshot, so volatile functions run again as there) and lives on,
 * with no query running, until CLOSE or the session's end.
 *
 * <p>Positions follow PostgreSQL's portalPos: 0 is before the first row, 1..n on a row, n + 1 after the
 * last. A cursor lives until CLOSE or its transaction's end; WITH HOLD keeps it past COMMIT (not past
 * the ROLLBACK of the transaction that declared it). ROLLBACK TO SAVEPOINT closes the cursors declared
 * after that savepoint. Whenever a cursor ends, its query is closed, its store closed and its file
 * deleted.
 */
final class Cursors {

    /** One declared cursor. {@code level} is the savepoint depth at DECLARE; -1 once its transaction committed. */
    private static final class Cursor {
        final String name;
        final CursorInfo info;
        final List<ColumnDescription> textColumns;
        final List<ColumnDescription> columns;
        final boolean binary;
        final boolean noScroll;
        final boolean hold;
        /** The rows read so far; null for a NO SCROLL cursor, which keeps only {@link #current}. */
        TupleStore rows;
        /** The query still running; null once every row is read (or the cursor was persisted). */
        OpenQuery query;
        /** How many rows were read from the query: rows 1..read exist. */
        long read;
        /** Whether {@link #read} is all there is. */
        boolean complete;
        /** The last row read (what a NO SCROLL cursor is on). */
        byte[][] current;
        /** Whether a held cursor's rows were all stored at COMMIT (it runs no query any more). */
        boolean persisted;
        /** Set when an error escaped a read: the query's state is unknown, the cursor cannot run again. */
        boolean failed;
        int level;
        long position;

        Cursor(String name, CursorInfo info, List<ColumnDescription> textColumns, List<ColumnDescription> columns,
                boolean binary, boolean noScroll, boolean hold, TupleStore rows, OpenQuery query, int level) {
            this.name = name;
            this.info = info;
            this.textColumns = textColumns;
            this.columns = columns;
            this.binary = binary;
            this.noScroll = noScroll;
            this.hold = hold;
            this.rows = rows;
            this.query = query;
            this.level = level;
        }

        /**
         * Reads rows from the query until row {@code k} exists or the rows run out; returns how many of
         * rows 1..k exist. A cursor without a store passes the rows in between by (MOVE, skipping).
         */
        long ensure(long k) {
            while (read < k && !complete) {
                pull();
            }
            return Math.min(k, read);
        }

        /** Reads the next row of the query into the store (and {@link #current}); false at the end. */
        private boolean pull() {
            if (complete) {
                return false;
            }
            byte[][] row;
            try {
                row = query.next();
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
            if (row == null) {
                complete = true;
                if (!hold || persisted) {
                    // A held cursor's query stays: COMMIT runs it again from the start.
                    query.close();
                    query = null;
                }
                return false;
            }
            if (binary) {
                toBinary(row);
            }
            if (rows != null) {
                rows.append(row);
            }
            current = row;
            read++;
            return true;
        }

        private void toBinary(byte[][] row) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] != null) {
                    row[i] = BinaryFormats.fromText(textColumns.get(i).typeOid(),
                            new String(row[i], StandardCharsets.UTF_8));
                }
            }
        }

        /**
         * Row {@code p} (1-based): from the store, or the current row, or the next one read now
         * ({@code p == read + 1}); null past the last row.
         */
        byte[][] row(long p) {
            if (p == read + 1) {
                return pull() ? current : null;
            }
            if (p == read) {
                return current;
            }
            return asBytes(rows.get(p - 1));
        }

        /** All rows read (FETCH LAST, ABSOLUTE -n, and COMMIT of a WITH HOLD cursor). */
        long size() {
            return ensure(Long.MAX_VALUE);
        }

        /**
         * PersistHoldablePortal: the query runs again from its start, in its snapshot, and all its rows
         * go to a new store; the cursor stays where it was. Then no query runs any more.
         */
        void persist(long workMem) {
            query.rewind();
            TupleStore old = rows;
            rows = TupleStore.forWorkMem(workMem);
            if (old != null) {
                old.close();
            }
            read = 0;
            complete = false;
            current = null;
            persisted = true;
            size();
            if (position > read) {
                position = read + 1;
            }
        }

        void close() {
            try {
                if (query != null) {
                    query.close();
                    query = null;
                }
            } finally {
                if (rows != null) {
                    rows.close();
                }
            }
        }
    }

    /** What pg_cursors shows of a cursor besides its name and options. */
    record CursorInfo(String statement, java.time.Instant creationTime) {
    }

    /** A cursor as pg_cursors lists it. */
    record Listed(String name, String statement, boolean holdable, boolean binary, boolean scrollable,
            java.time.Instant creationTime) {
    }

    private final Map<String, Cursor> cursors = new HashMap<>();

    /** Whether any cursor is open (held ones from earlier transactions included). */
    boolean any() {
        return !cursors.isEmpty();
    }

    boolean exists(String name) {
        return cursors.containsKey(name);
    }

    /** The open cursors, for pg_cursors. */
    List<Listed> list() {
        List<Listed> out = new ArrayList<>();
        for (Cursor c : cursors.values()) {
            out.add(new Listed(c.name, c.info.statement(), c.hold, c.binary, !c.noScroll, c.info.creationTime()));
        }
        return out;
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

    /**
     * Keeps a started query as the cursor DECLARE names; the cursor owns the query from now on (and
     * closes it if the declaration fails here).
     */
    void declare(Statement.DeclareCursor d, OpenQuery query, CursorInfo info, int level, long workMem) {
        boolean noScroll = d.scroll() == Statement.ScrollOption.NO_SCROLL;
        try {
            List<ColumnDescription> text = query.plan().columns();
            List<ColumnDescription> columns = List.copyOf(describe(d, text));
            // A held cursor keeps all its rows at COMMIT, so it gets a store even without SCROLL.
            TupleStore rows = noScroll && !d.hold() ? null : TupleStore.forWorkMem(workMem);
            cursors.put(d.name(), new Cursor(d.name(), info, text, columns, d.binary(), noScroll, d.hold(), rows,
                    query, level));
        } catch (RuntimeException | Error e) {
            query.close();
            throw e;
        }
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
     * FETCH or MOVE (PostgreSQL's DoPortalRunFetch). Forward runs of rows are read from the query as
     * they are sent; backward ones and jumps are checked (and refused for a NO SCROLL cursor going
     * back) before anything is read, then served from the store.
     */
    void fetch(Statement.Fetch f, ResultSink sink) {
        Cursor c = cursors.get(f.cursor());
        if (c == null) {
            throw new SqlException("34000", "cursor \"" + f.cursor() + "\" does not exist");
        }
        if (c.failed) {
            throw new SqlException("55000", "portal \"" + c.name + "\" cannot be run");
        }
        long count = switch (f.direction()) {
            case RELATIVE_COUNT -> {
                long n = f.count();
                if (n == 0) {
                    yield one(c, refetch(c, f.move()), f.move(), sink);
                }
                yield n > 0 ? forward(c, n, f.move(), sink) : backward(c, n, f.move(), sink);
            }
            case ABSOLUTE -> {
                if (f.count() < 0 && c.noScroll) {
                    // PostgreSQL reads to the end, then steps back from there: refused after the read.
                    c.size();
                    checkBackward(c);
                }
                long target = f.count() >= 0 ? f.count() : c.size() + 1 + f.count();
                yield one(c, moveTo(c, target), f.move(), sink);
            }
            case RELATIVE -> one(c, f.count() == 0 ? refetch(c, f.move()) : moveTo(c, c.position + f.count()),
                    f.move(), sink);
        };
        sink.commandComplete((f.move() ? "MOVE " : "FETCH ") + count);
    }

    /**
     * RowDescription of a FETCH, sent where PostgreSQL's executor starts sending: after the checks of
     * the direction (a refused backward fetch sends none), before the first row.
     */
    private static void describe(Cursor c, boolean move, ResultSink sink) {
        if (!move) {
            sink.rowDescription(c.columns);
        }
    }

    /** Up to {@code n} rows after the current one, read (and sent) one by one. */
    private static long forward(Cursor c, long n, boolean move, ResultSink sink) {
        describe(c, move, sink);
        if (c.complete && c.position > c.read) {
            return 0; // already after the last row
        }
        long sent = 0;
        while (sent < n) {
            byte[][] row = c.row(c.position + 1);
            if (row == null) {
                c.position = c.read + 1;
                return sent;
            }
            c.position++;
            sent++;
            if (!move) {
                sink.dataRow(row);
            }
        }
        return sent;
    }

    /** Up to {@code -n} rows before the current one, from the store, last to first. */
    private static long backward(Cursor c, long n, boolean move, ResultSink sink) {
        checkBackward(c);
        describe(c, move, sink);
        long back = n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
        if (c.position <= 0) {
            return 0;
        }
        long first = c.position - 1;
        long last = back >= c.position - 1 ? 1 : c.position - back;
        long count = Math.max(0, first - last + 1);
        c.position = back >= c.position ? 0 : c.position - back;
        if (!move) {
            for (long i = 0; i < count; i++) {
                sink.dataRow(c.row(first - i));
            }
        }
        return count;
    }

    /** Sends the row the cursor is now on if {@code found} is 1 (ABSOLUTE, RELATIVE, refetch). */
    private static long one(Cursor c, long found, boolean move, ResultSink sink) {
        describe(c, move, sink);
        if (found == 1 && !move) {
            sink.dataRow(c.row(c.position));
        }
        return found;
    }

    /**
     * FETCH RELATIVE 0 (or FORWARD 0): the current row again, if the cursor is on one. PostgreSQL steps
     * back one row and reads it again, which a NO SCROLL cursor refuses; MOVE 0 only counts.
     */
    private static long refetch(Cursor c, boolean move) {
        if (c.position >= 1 && c.position <= c.read) {
            if (!move) {
                checkBackward(c);
            }
            return 1;
        }
        return 0;
    }

    /** ABSOLUTE and RELATIVE: to one row, clamped to before the first or after the last. */
    private static long moveTo(Cursor c, long target) {
        // A NO SCROLL cursor has only the row it is on, and reading it again is a step back.
        if (target < c.position || c.noScroll && target == c.position && target > 0) {
            checkBackward(c);
        }
        if (target <= 0) {
            c.position = 0;
            return 0;
        }
        if (c.ensure(target) < target) {
            c.position = c.read + 1;
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
        c.close();
    }

    /** Ends the cursors {@code ending} picks, closing their queries and stores. */
    private void removeIf(java.util.function.Predicate<Cursor> ending) {
        List<Cursor> ended = new ArrayList<>();
        cursors.values().removeIf(c -> {
            if (ending.test(c)) {
                ended.add(c);
                return true;
            }
            return false;
        });
        RuntimeException first = null;
        for (Cursor c : ended) {
            try {
                c.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Before COMMIT (PreCommit_Portals): each WITH HOLD cursor of this transaction reads the rest of its
     * rows into its store, in its own snapshot, and its query ends. An error here fails the COMMIT.
     */
    void persistHeld(long workMem) {
        for (Cursor c : cursors.values()) {
            if (c.hold && !c.persisted) {
                if (c.failed) {
                    throw new SqlException("55000", "portal \"" + c.name + "\" cannot be run");
                }
                c.persist(workMem);
            }
        }
    }

    /** COMMIT: cursors without HOLD end; held ones now belong to no transaction. */
    void atCommit() {
        removeIf(c -> !c.hold || !c.persisted || c.failed);
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
