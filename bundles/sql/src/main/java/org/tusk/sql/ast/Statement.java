package org.tusk.sql.ast;

import java.util.List;

/** One parsed SQL statement. */
public sealed interface Statement {

    /** Where the statement starts in the query string. */
    int position();

    /** One entry of a SELECT list; {@code alias} is null when none was given. */
    record Target(Expr expr, String alias, int position) {
    }

    /** A table named in FROM; {@code only}: written {@code ONLY name} (the table without its partitions). */
    record RangeVar(List<String> names, String alias, int position, boolean only) {
        public RangeVar(List<String> names, String alias, int position) {
            this(names, alias, position, false);
        }
    }

    /**
     * A query used as a statement: SELECT, VALUES, a set operation ({@link Query} holds the whole
     * tree). SELECT without FROM evaluates its target list once, as before tables existed.
     */
    record Select(Query query, int position) implements Statement {
    }

    /** {@code SHOW name} or {@code SHOW ALL} ({@code name} null). */
    record Show(String name, int position) implements Statement {
    }

    /** The kinds of value a SET may be given; kept apart because list settings quote them differently. */
    enum ValueKind {
        STRING, NUMBER, IDENTIFIER
    }

    record SetValue(ValueKind kind, String text) {
    }

    /**
     * {@code SET [SESSION|LOCAL] name {TO|=} value, ...} or {@code ... TO DEFAULT} ({@code values}
     * null), including {@code SET TIME ZONE} (name "timezone").
     */
    record SetVariable(String name, List<SetValue> values, boolean local, int position) implements Statement {
    }

    /** {@code RESET name} or {@code RESET ALL} ({@code name} null). */
    record Reset(String name, int position) implements Statement {
    }

    enum TransactionKind {
        BEGIN, START, COMMIT, ROLLBACK
    }

    /**
     * BEGIN / START TRANSACTION (with its modes), COMMIT / END, ROLLBACK / ABORT, the last two possibly
     * AND CHAIN. {@code isolation} and {@code readOnly} are null when the statement does not set them.
     */
    record Transaction(TransactionKind kind, String isolation, Boolean readOnly, boolean chain, int position)
            implements Statement {
    }

    /** One COPY option: its name (lower case) and value as written, {@code null} when none was given. */
    record CopyOption(String name, String value, int position) {
    }

    /**
     * {@code COPY (query) TO STDOUT} or {@code COPY table [(columns)] {FROM | TO} target}: exactly one of
     * {@code query} and {@code relation} is set; {@code stdio} is false for a file or program target.
     * Options in the parenthesized and in the old spellings alike; a column-list option's value (FORCE_NOT_NULL,
     * FORCE_NULL, FORCE_QUOTE) is its column names joined by commas, or "*". {@code columns} is the table's column
     * list, empty when not written.
     */
    record Copy(Select query, List<String> relation, boolean from, boolean stdio, List<CopyOption> options,
            int relationPosition, int position, List<String> columns) implements Statement {
    }

    /** {@code LISTEN channel}. */
    record Listen(String channel, int position) implements Statement {
    }

    /** {@code UNLISTEN channel}, or {@code UNLISTEN *} when {@code channel} is null. */
    record Unlisten(String channel, int position) implements Statement {
    }

    /** {@code NOTIFY channel [, 'payload']}; the payload is "" when omitted. */
    record Notify(String channel, String payload, int position) implements Statement {
    }

    /**
     * A statement this engine recognises but cannot run yet; {@code name} is its command tag
     * ("CREATE TABLE", "INSERT", ...).
     */
    record Unsupported(String name, int position) implements Statement {
    }

    /**
     * {@code EXPLAIN [ANALYZE] [VERBOSE] query} or {@code EXPLAIN (option [value], ...) query}: the
     * options PostgreSQL's text format knows; BUFFERS, SETTINGS, WAL are accepted and show nothing.
     * {@code query} is a {@link Select}, or an {@link Insert}, {@link Update} or {@link Delete}.
     */
    record Explain(Statement query, boolean analyze, boolean verbose, boolean costs, boolean timing, boolean summary,
            int position) implements Statement {
    }

    enum SavepointKind {
        SAVEPOINT, RELEASE, ROLLBACK_TO
    }

    /** {@code SAVEPOINT name}, {@code RELEASE [SAVEPOINT] name}, {@code ROLLBACK [WORK] TO [SAVEPOINT] name}. */
    record Savepoint(SavepointKind kind, String name, int position) implements Statement {
    }

    /**
     * {@code SET TRANSACTION modes} ({@code session} false) or {@code SET SESSION CHARACTERISTICS AS
     * TRANSACTION modes}; {@code isolation} and {@code readOnly} are null when not given.
     */
    record SetTransaction(String isolation, Boolean readOnly, boolean session, int position) implements Statement {
    }

    /** A data definition statement (see {@link DdlCommand}), run by org.tusk.sql.ddl. */
    record DdlStatement(DdlCommand command, int position) implements Statement {
    }

    // ---- INSERT, UPDATE, DELETE (the dml layer)

    /**
     * {@code INSERT INTO table [AS alias] [(columns)] {VALUES (...), ... | DEFAULT VALUES | query}
     * [RETURNING ...]}: {@code columns} is empty when not written; {@code values} holds the VALUES rows, a
     * null item standing for DEFAULT; with {@code query} set, {@code values} is null; with both null it is
     * DEFAULT VALUES. {@code columnPositions} are where the column names were written.
     */
    record Insert(RangeVar table, List<String> columns, List<Integer> columnPositions, List<List<Expr>> values,
            Statement query, List<Returning> returning, int position, List<Query.CommonTable> with,
            OnConflict onConflict, char overriding) implements Statement {
        public Insert {
            with = with == null ? List.of() : List.copyOf(with);
        }

        /** Without OVERRIDING ({@code overriding}: 's' SYSTEM VALUE, 'u' USER VALUE, '\0' neither). */
        public Insert(RangeVar table, List<String> columns, List<Integer> columnPositions, List<List<Expr>> values,
                Statement query, List<Returning> returning, int position, List<Query.CommonTable> with,
                OnConflict onConflict) {
            this(table, columns, columnPositions, values, query, returning, position, with, onConflict, '\0');
        }

        public Insert(RangeVar table, List<String> columns, List<Integer> columnPositions, List<List<Expr>> values,
                Statement query, List<Returning> returning, int position, List<Query.CommonTable> with) {
            this(table, columns, columnPositions, values, query, returning, position, with, null);
        }

        public Insert(RangeVar table, List<String> columns, List<Integer> columnPositions, List<List<Expr>> values,
                Statement query, List<Returning> returning, int position) {
            this(table, columns, columnPositions, values, query, returning, position, List.of(), null);
        }

        /** The same statement with a WITH clause before it ({@code WITH ... INSERT ...}). */
        public Insert withClause(List<Query.CommonTable> ctes, int start) {
            return new Insert(table, columns, columnPositions, values, query, returning, start, ctes, onConflict,
                    overriding);
        }
    }

    /**
     * {@code ON CONFLICT [(columns) [WHERE pred] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ...
     * [WHERE cond]} of an INSERT: {@code columns} is empty and {@code constraint} null without a
     * conflict target; {@code set} is null for DO NOTHING. {@code position} is where ON was written,
     * {@code targetPosition} where the target's parenthesis was.
     */
    record OnConflict(List<String> columns, List<Integer> columnPositions, int targetPosition, Expr targetWhere,
            String constraint, List<SetClause> set, Expr where, int position, List<Expr> targetExpressions) {

        /** A conflict target of columns only. */
        public OnConflict(List<String> columns, List<Integer> columnPositions, int targetPosition, Expr targetWhere,
                String constraint, List<SetClause> set, Expr where, int position) {
            this(columns, columnPositions, targetPosition, targetWhere, constraint, set, where, position, List.of());
        }
    }

    /** One item of a RETURNING list: an expression with its alias, or {@code *} ({@code expr} null). */
    record Returning(Expr expr, String alias, int position) {
    }

    /**
     * One item of UPDATE's SET list: {@code col = expr} (one column, one value) or {@code (a, b) = (x, y)};
     * a null value stands for DEFAULT.
     */
    record SetClause(List<String> columns, List<Integer> columnPositions, List<Expr> values, int position) {
    }

    /** {@code UPDATE table [alias] SET ... [FROM ...] [WHERE ...] [RETURNING ...]}. */
    record Update(RangeVar table, List<SetClause> set, List<Query.FromItem> from, Expr where, List<Returning> returning,
            int position, List<Query.CommonTable> with) implements Statement {
        public Update {
            with = with == null ? List.of() : List.copyOf(with);
        }

        public Update(RangeVar table, List<SetClause> set, List<Query.FromItem> from, Expr where,
                List<Returning> returning, int position) {
            this(table, set, from, where, returning, position, List.of());
        }

        /** The same statement with a WITH clause before it ({@code WITH ... UPDATE ...}). */
        public Update withClause(List<Query.CommonTable> ctes, int start) {
            return new Update(table, set, from, where, returning, start, ctes);
        }
    }

    /** {@code DELETE FROM table [alias] [USING ...] [WHERE ...] [RETURNING ...]}. */
    record Delete(RangeVar table, List<Query.FromItem> using, Expr where, List<Returning> returning, int position,
            List<Query.CommonTable> with) implements Statement {
        public Delete {
            with = with == null ? List.of() : List.copyOf(with);
        }

        public Delete(RangeVar table, List<Query.FromItem> using, Expr where, List<Returning> returning, int position) {
            this(table, using, where, returning, position, List.of());
        }

        /** The same statement with a WITH clause before it ({@code WITH ... DELETE ...}). */
        public Delete withClause(List<Query.CommonTable> ctes, int start) {
            return new Delete(table, using, where, returning, start, ctes);
        }
    }

    /** {@code PREPARE name [(type, ...)] AS statement}: {@code types} empty when not written. */
    record Prepare(String name, List<TypeName> types, Statement statement, int position) implements Statement {
    }

    /** {@code EXECUTE name [(expr, ...)]}. */
    record ExecutePrepared(String name, List<Expr> arguments, int position) implements Statement {
    }

    /** {@code DEALLOCATE [PREPARE] name | ALL}: {@code name} null for ALL. */
    record Deallocate(String name, int position) implements Statement {
    }

    /**
     * {@code LOCK [TABLE] [ONLY] name [*] [, ...] [IN mode MODE] [NOWAIT]}: {@code mode} is the lock mode's
     * words in upper case ("ACCESS EXCLUSIVE" when not written).
     */
    record Lock(List<RangeVar> tables, String mode, boolean noWait, int position) implements Statement {
    }

    /** DECLARE's scroll option: SCROLL, NO SCROLL, or neither written. */
    enum ScrollOption {
        SCROLL, NO_SCROLL, DEFAULT
    }

    /**
     * {@code DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH | WITHOUT} HOLD]
     * FOR query}.
     */
    record DeclareCursor(String name, boolean binary, ScrollOption scroll, boolean hold, Select query, int position)
            implements Statement {
    }

    /** Where FETCH and MOVE go; FORWARD n, BACKWARD n, ALL and the others are reduced to these. */
    enum FetchDirection {
        /** {@code count} rows onward ({@code count} negative: backward); 0 refetches the current row. */
        RELATIVE_COUNT,
        /** To row {@code count} (negative: from the end; 0: before the first), one row. */
        ABSOLUTE,
        /** One row {@code count} away from the current one (PostgreSQL's FETCH_RELATIVE). */
        RELATIVE
    }

    /**
     * {@code FETCH|MOVE [direction] [FROM|IN] name}: {@code count} is {@link Long#MAX_VALUE} (or its
     * negation) for ALL.
     */
    record Fetch(String cursor, FetchDirection direction, long count, boolean move, int position)
            implements Statement {
    }

    /** {@code CLOSE name | ALL}: {@code cursor} null for ALL. */
    record CloseCursor(String cursor, int position) implements Statement {
    }

    /** {@code DISCARD ALL | PLANS | SEQUENCES | TEMP}: {@code what} is the word, in upper case (TEMPORARY as TEMP). */
    record Discard(String what, int position) implements Statement {
    }

    /** {@code CHECKPOINT}. */
    record Checkpoint(int position) implements Statement {
    }

    /** A role or privilege statement (CREATE ROLE, GRANT, SET ROLE, ...): package roles runs it. */
    record RoleStatement(RoleCommand command, int position) implements Statement {
    }

    /**
     * SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}; {@code names} is null for ALL, each name its
     * dotted parts (schema.name or name).
     */
    record SetConstraints(List<List<String>> names, boolean deferred, int position) implements Statement {
    }
}
