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

/**
 * A session's SQL cursors (DECLARE, FETCH, MOVE, CLOSE): PostgreSQL's portals as SQL sees them.
 *
 * <p>A cursor's rows are computed at DECLARE and kept, in output form, with a position. That gives
 * exactly the semantics PostgreSQL documents for what a cursor sees (the snapshot of DECLARE, never the
 * transaction's later changes) and lets every cursor scroll both ways; what it costs is memory for the
 * whole result, as the protocol's portals cost in this session (see {@code Session.Portal}). A query
 * that fails while running fails at DECLARE rather than at the first FETCH.
 *
 * <p>Positions follow PostgreSQL's portalPos: 0 is before the first row, 1..n on a row, n + 1 after the
 * last. A cursor lives until CLOSE or its transaction's end; WITH HOLD keeps it past COMMIT (not past
 * the ROLLBACK of the transaction that declared it). ROLLBACK TO SAVEPOINT closes the cursors declared
 * after that savepoint.
 */
final class Cursors {

    /** One declared cursor. {@code level} is the savepoint depth at DECLARE; -1 once its transaction committed. */
    private static final class Cursor {
        final List<ColumnDescription> columns;
        final List<byte[][]> rows;
        final boolean noScroll;
        final boolean hold;
        int level;
        long position;

        Cursor(List<ColumnDescription> columns, List<byte[][]> rows, boolean noScroll, boolean hold, int level) {
            this.columns = columns;
            this.rows = rows;
            this.noScroll = noScroll;
            this.hold = hold;
            this.level = level;
        }
    }

    private final Map<String, Cursor> cursors = new HashMap<>();

    boolean exists(String name) {
        return cursors.containsKey(name);
    }

    /**
     * Keeps the rows of a query run for DECLARE: {@code columns} and text {@code rows} as the query's
     * result sent them; a BINARY cursor converts them to the binary format once, here.
     */
    void declare(Statement.DeclareCursor d, List<ColumnDescription> columns, List<byte[][]> rows, int level) {
        List<ColumnDescription> described = columns;
        if (d.binary()) {
            described = new ArrayList<>(columns.size());
            for (ColumnDescription c : columns) {
                if (!BinaryFormats.supports(c.typeOid())) {
                    throw new SqlException("0A000", "binary format for type with OID " + c.typeOid()
                            + " is not supported yet");
                }
                described.add(new ColumnDescription(c.name(), c.tableOid(), c.columnNumber(), c.typeOid(), c.typeSize(),
                        c.typeModifier(), (short) 1));
            }
            for (byte[][] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != null) {
                        row[i] = BinaryFormats.fromText(columns.get(i).typeOid(),
                                new String(row[i], StandardCharsets.UTF_8));
                    }
                }
            }
        }
        cursors.put(d.name(), new Cursor(List.copyOf(described), rows,
                d.scroll() == Statement.ScrollOption.NO_SCROLL, d.hold(), level));
    }

    /** The columns FETCH from this cursor returns, or null if there is no such cursor (Describe's answer). */
    List<ColumnDescription> columns(String name) {
        Cursor c = cursors.get(name);
        return c == null ? null : c.columns;
    }

    /** FETCH or MOVE (PostgreSQL's DoPortalRunFetch on a materialized result). */
    void fetch(Statement.Fetch f, ResultSink sink) {
        Cursor c = cursors.get(f.cursor());
        if (c == null) {
            throw new SqlException("34000", "cursor \"" + f.cursor() + "\" does not exist");
        }
        long size = c.rows.size();
        long count = 0;
        List<byte[][]> out = new ArrayList<>();
        switch (f.direction()) {
            case RELATIVE_COUNT -> {
                long n = f.count();
                if (n == 0) {
                    count = refetch(c, out, f.move());
                } else if (n > 0) {
                    while (n-- > 0 && c.position <= size) {
                        c.position++;
                        if (c.position > size) {
                            break;
                        }
                        out.add(c.rows.get((int) c.position - 1));
                        count++;
                    }
                } else {
                    checkBackward(c);
                    while (n++ < 0 && c.position > 0) {
                        c.position--;
                        if (c.position == 0) {
                            break;
                        }
                        out.add(c.rows.get((int) c.position - 1));
                        count++;
                    }
                }
            }
            case ABSOLUTE -> count = moveTo(c, f.count() >= 0 ? f.count() : size + 1 + f.count(), out);
            case RELATIVE -> count = f.count() == 0 ? refetch(c, out, f.move())
                    : moveTo(c, c.position + f.count(), out);
        }
        if (f.move()) {
            sink.commandComplete("MOVE " + count);
            return;
        }
        sink.rowDescription(c.columns);
        for (byte[][] row : out) {
            sink.dataRow(row);
        }
        sink.commandComplete("FETCH " + count);
    }

    /**
     * FETCH RELATIVE 0 (or FORWARD 0): the current row again, if the cursor is on one. PostgreSQL steps
     * back one row and reads it again, which a NO SCROLL cursor refuses; MOVE 0 only counts.
     */
    private static long refetch(Cursor c, List<byte[][]> out, boolean move) {
        if (c.position >= 1 && c.position <= c.rows.size()) {
            if (move) {
                return 1;
            }
            checkBackward(c);
            out.add(c.rows.get((int) c.position - 1));
            return 1;
        }
        return 0;
    }

    /** ABSOLUTE and RELATIVE: to one row, clamped to before the first or after the last. */
    private static long moveTo(Cursor c, long target, List<byte[][]> out) {
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
        out.add(c.rows.get((int) target - 1));
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
            cursors.clear();
        } else if (cursors.remove(name) == null) {
            throw new SqlException("34000", "cursor \"" + name + "\" does not exist");
        }
    }

    /** COMMIT: cursors without HOLD end; held ones now belong to no transaction. */
    void atCommit() {
        cursors.values().removeIf(c -> !c.hold);
        cursors.values().forEach(c -> c.level = -1);
    }

    /** ROLLBACK: cursors of this transaction end, held or not; those held from earlier ones stay. */
    void atAbort() {
        cursors.values().removeIf(c -> c.level >= 0);
    }

    /** RELEASE of the savepoint at depth {@code level}: its cursors now belong to the one around it. */
    void atRelease(int level) {
        cursors.values().forEach(c -> c.level = Math.min(c.level, level));
    }

    /** ROLLBACK TO SAVEPOINT at depth {@code level}: the cursors declared inside it end. */
    void atRollbackTo(int level) {
        cursors.values().removeIf(c -> c.level > level);
    }
}
