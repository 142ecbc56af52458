package org.tusk.sql.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.tusk.protocol.ColumnDescription;
import org.tusk.protocol.ErrorFields;
import org.tusk.spi.ResultSink;
import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Statement;
import org.tusk.sql.func.FunctionCursors;
import org.tusk.sql.plan.Planner;
import org.tusk.sql.types.SqlType;
import org.tusk.sql.types.TypeInput;

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
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (ColumnDescription c : columns) {
            names.add(c.name());
            SqlType t = SqlType.byOid(c.typeOid());
            types.add(t == null ? SqlType.TEXT : t);
        }
        List<Object[]> rows = new ArrayList<>();
        long[] count = {0};
        cursors.fetch(fetch, new ResultSink() {
            @Override
            public void rowDescription(List<ColumnDescription> described) {
            }

            @Override
            public void dataRow(byte[][] values) {
                Object[] row = new Object[values.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = values[i] == null ? null
                            : TypeInput.parse(types.get(i), new String(values[i], StandardCharsets.UTF_8), session);
                }
                rows.add(row);
            }

            @Override
            public void commandComplete(String tag) {
                count[0] = Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
            }

            @Override
            public void emptyQuery() {
            }

            @Override
            public void notice(ErrorFields notice) {
                session.notice(notice);
            }

            @Override
            public void parameterStatus(String name, String value) {
            }
        });
        return new Fetched(names, types, rows, count[0]);
    }

    @Override
    public void close(String name) {
        cursors.close(name);
    }
}
