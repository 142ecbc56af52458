package org.tusk.sql.session;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.tusk.protocol.ColumnDescription;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.func.FunctionCursors;
import org.tusk.sql.plan.Planner;

/**
 * {@link FunctionCursors} over a session's {@link Cursors}: a function's OPEN is a DECLARE without its
 * statement (same lazy query, same store, same end at the transaction's end), its FETCH the same FETCH,
 * the rows read back from their text form into values of the columns' types.
 */
final class SessionFunctionCursors implements FunctionCursors {
    private final Session session;
    private final Cursors cursors;
    /** Whether a name is taken by a portal of the extended protocol (one namespace with cursors). */
    private final Predicate<String> portalExists;
    private final IntSupplier savepointLevel;
    /** PostgreSQL's unnamed_portal_count: the n of the next "<unnamed portal n>". */
    private int unnamed;

    SessionFunctionCursors(Session session, Cursors cursors, Predicate<String> portalExists, IntSupplier savepointLevel) {
        this.session = session;
        this.cursors = cursors;
        this.portalExists = portalExists;
        this.savepointLevel = savepointLevel;
    }

    @Override
    public String open(String name, Planner.Planned planned, boolean noScroll, String text) {
        String cursor = name;
        if (cursor == null) {
            // SPI_cursor_open with no name: CreateNewPortal's first free "<unnamed portal n>"
            do {
                cursor = "<unnamed portal " + (++unnamed) + ">";
            } while (exists(cursor));
        } else if (exists(cursor)) {
            throw new SqlException("42P03", "cursor \"" + cursor + "\" already in use");
        }
        SelectExecutor.Plan plan = SelectExecutor.plan(planned);
        OpenQuery query = OpenQuery.start(plan, session, true, null);
        Statement.DeclareCursor d = new Statement.DeclareCursor(cursor, false,
                noScroll ? Statement.ScrollOption.NO_SCROLL : Statement.ScrollOption.DEFAULT, false, null, 0);
        cursors.declare(d, query, new Cursors.CursorInfo(text, session.statementStart()), savepointLevel.getAsInt(),
                SelectExecutor.workMem(session));
        return cursor;
    }

    @Override
    public java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Cursors.Listed c : cursors.list()) {
            names.add(c.name());
        }
        return names;
    }

    @Override
    public boolean exists(String name) {
        return cursors.exists(name) || portalExists.test(name);
    }

    @Override
    public Fetched fetch(Statement.Fetch fetch) {
        List<ColumnDescription> columns = cursors.columns(fetch.cursor());
        if (columns == null) {
            throw new SqlException("34000", "cursor \"" + fetch.cursor() + "\" does not exist");
        }
        // The cursor's own columns give the types: a FETCH into a sink may send no description of its own.
        org.tusk.sql.dml.ValueRowsSink sink = new org.tusk.sql.dml.ValueRowsSink(session, true);
        sink.rowDescription(columns);
        cursors.fetch(fetch, sink);
        return new Fetched(sink.names(), sink.types(), sink.rows(), sink.count());
    }

    @Override
    public void close(String name) {
        cursors.close(name);
    }
}
