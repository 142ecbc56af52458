package org.tusk.sql.func;

import java.util.List;

import org.tusk.sql.ast.Statement;
import org.tusk.sql.plan.Planner;

/**
 * The session's cursors as a function's code opens and reads them (PostgreSQL's SPI_cursor_open,
 * SPI_scroll_cursor_fetch and SPI_cursor_close over the backend's portals). They are the very cursors
 * DECLARE makes, in one namespace: a PL/pgSQL function can open one and return its name (a refcursor)
 * for the caller to FETCH from, and read one the caller declared. Only the session knows them, so the
 * session provides this seam ({@link org.tusk.sql.eval.EvalContext#functionCursors}).
 */
public interface FunctionCursors {
    /**
     * Starts {@code planned} as a cursor: named {@code name}, or (null) a new "&lt;unnamed portal n&gt;";
     * returns its name. 42P03 if a cursor of that name is open. {@code text} is what pg_cursors shows.
     */
    String open(String name, Planner.Planned planned, boolean noScroll, String text);

    /** The names of the open cursors. */
    java.util.Set<String> names();

    /** Whether a cursor of that name is open. */
    boolean exists(String name);

    /** FETCH or MOVE as {@code fetch} says: the rows fetched (none for MOVE), as values. */
    Fetched fetch(Statement.Fetch fetch);

    /** CLOSE; 34000 if there is no such cursor. */
    void close(String name);

    /** What FETCH or MOVE did: the cursor's columns and types, the rows it returned, how many it went over. */
    record Fetched(List<String> names, List<org.tusk.sql.types.SqlType> types, List<Object[]> rows, long count) {
    }
}
