package org.tusk.sql.eval;

import java.time.Instant;

import org.tusk.sql.types.TypeContext;

/**
 * What evaluating an expression may consult besides its inputs: the session's identity and settings,
 * the transaction's start time, and the interrupts a long-running function must poll.
 */
public interface EvalContext extends TypeContext {

    String currentUser();

    String sessionUser();

    String database();

    /** The backend's process ID as the client knows it (pg_backend_pid()). */
    int backendPid();

    /**
     * pg_notify(channel, payload): queues a notification for the end of the transaction.
     *
     * @throws org.tusk.spi.SqlException 22023 for an empty or too long channel or payload
     */
    default void notify(String channel, String payload) {
        throw new org.tusk.spi.SqlException("0A000", "pg_notify is not available here");
    }

    /** The current value of a setting, by its canonical or any-case name. */
    String setting(String name);

    /**
     * set_config(name, value, is_local): SET (or SET LOCAL) from an expression, or RESET when {@code value} is
     * null; returns the new value as SHOW prints it.
     */
    String setConfig(String name, String value, boolean local);

    /** The time the current statement started (statement_timestamp()). */
    Instant statementStart();

    /**
     * Called by functions that wait or loop: raises 57014 if the statement was canceled or ran past
     * statement_timeout, FATAL 57P01 if the backend is being terminated.
     */
    void checkForInterrupts();

    /**
     * The backend's database (storage session and catalog), or null when the engine runs without
     * storage (expression-only mode: no relation exists).
     */
    default org.tusk.sql.schema.Database db() {
        return null;
    }

    /**
     * The session's prepared statements as pg_prepared_statement() returns them, one row each: name, statement,
     * prepare_time, parameter_types (regtype[]), from_sql, generic_plans, custom_plans.
     */
    default java.util.List<Object[]> preparedStatements() {
        return java.util.List.of();
    }

    /**
     * The session's open cursors as pg_cursor() returns them, one row each: name, statement, is_holdable,
     * is_binary, is_scrollable, creation_time.
     */
    default java.util.List<Object[]> cursorRows() {
        return java.util.List.of();
    }

    /** Sends a WARNING or NOTICE to the client (ereport below ERROR); dropped where there is none. */
    default void notice(org.tusk.protocol.ErrorFields notice) {
    }

    /** pg_show_all_settings(): the session's parameters as pg_settings lists them (settings.SettingsView). */
    default java.util.List<Object[]> settingRows() {
        return java.util.List.of();
    }

    /**
     * The user-defined functions (CREATE FUNCTION) a call of {@code name} may mean, as routines resolved
     * beside the built-ins; empty without storage.
     */
    default java.util.List<Routine> userFunctions(java.util.List<String> name) {
        return java.util.List.of();
    }

    /** The session's privilege checks (package roles); null where nothing is checked (no storage). */
    default org.tusk.sql.roles.AccessChecks accessChecks() {
        return null;
    }

    /**
     * COMMIT or ROLLBACK inside a procedure that may end the transaction (func.TransactionControl checked
     * that): ends the session's transaction and starts the next one, as _SPI_commit/_SPI_rollback do.
     */
    default void endTransactionInProcedure(boolean commit) {
        throw new org.tusk.spi.SqlException("0A000", "transaction control in procedures is not supported here");
    }

    /**
     * A temporary table's ON COMMIT DELETE ROWS ('d') or DROP ('D'): the session does it at each commit
     * (PostgreSQL's register_on_commit_action).
     */
    default void onCommit(int relationOid, char action) {
        throw new org.tusk.spi.SqlException("0A000", "temporary tables are not supported here");
    }

    /**
     * Drops every object in the backend's temporary schema (DISCARD TEMP, and what a session's end does),
     * whoever owns them.
     */
    default void dropTemporaryObjects() {
        throw new org.tusk.spi.SqlException("0A000", "temporary tables are not supported here");
    }

    /**
     * Makes {@code user} the current user until the next call (null: the session's own again), as a SECURITY
     * DEFINER function does while it runs (fmgr_security_definer); returns the previous override.
     */
    default String runAs(String user) {
        throw new org.tusk.spi.SqlException("0A000", "SECURITY DEFINER functions are not supported here");
    }

    /**
     * A function with SET clauses (pg_proc.proconfig, {@code name=value} items) starts: they hold until
     * {@link #leaveFunctionSettings} with the returned depth, which also undoes them when the call fails.
     */
    default int enterFunctionSettings(java.util.List<String> config) {
        throw new org.tusk.spi.SqlException("0A000", "functions with SET clauses are not supported here");
    }

    /** The function entered at {@code depth} ended: its SET clauses' values are undone. */
    default void leaveFunctionSettings(int depth) {
    }

    /**
     * Whether the session has an open SQL cursor (DECLARE), a ready portal in PostgreSQL's terms:
     * COPY FREEZE refuses to run then (ThereAreNoReadyPortals), as the cursor may read the table.
     */
    default boolean hasOpenCursors() {
        return false;
    }

    /** The session's cursors, for functions that open, read and close them (null: a context without cursors). */
    default org.tusk.sql.func.FunctionCursors functionCursors() {
        return null;
    }
}
