package org.tusk.sql.plpgsql;

import java.util.List;

/**
 * The statements of a PL/pgSQL body as PlParser reads them (PostgreSQL's PLpgSQL_stmt_* structs). SQL
 * expressions and queries stay text in {@link PlExpr}, analyzed by the engine when first run. Every
 * statement knows its line in the body for the error CONTEXT.
 */
final class PlAst {
    private PlAst() {
    }

    /** A declared variable: its slot in the frame, and what a block's entry sets it to. */
    record Var(String name, int slot, String typeText, boolean constant, boolean notNull, PlExpr initial,
            boolean record) {
    }

    sealed interface Stmt {
        int line();

        /** The statement's name in CONTEXT lines ("at RAISE"). */
        String what();
    }

    /** WHEN conditions THEN statements of an EXCEPTION clause; a condition is a SQLSTATE or class (xx000). */
    record Handler(List<String> sqlStates, boolean others, List<Stmt> body, Var sqlState, Var sqlErrm) {
    }

    record Block(String label, List<Var> declarations, List<Stmt> body, List<Handler> handlers, int line)
            implements Stmt {
        @Override
        public String what() {
            return "statement block";
        }
    }

    /** target[.field] := value; {@code source} the record variable when a whole record is assigned one (NEW := OLD). */
    record Assign(Var target, String field, PlExpr value, Var source, int line) implements Stmt {
        @Override
        public String what() {
            return "assignment";
        }
    }

    record If(List<PlExpr> conditions, List<List<Stmt>> branches, List<Stmt> otherwise, int line) implements Stmt {
        @Override
        public String what() {
            return "IF";
        }
    }

    /** CASE: {@code selector} null for the searched form; each WHEN's expressions compared with it. */
    record Case(PlExpr selector, Var selectorVar, List<PlExpr> conditions, List<List<Stmt>> branches,
            List<Stmt> otherwise, int line) implements Stmt {
        @Override
        public String what() {
            return "CASE";
        }
    }

    record Loop(String label, List<Stmt> body, int line) implements Stmt {
        @Override
        public String what() {
            return "LOOP";
        }
    }

    record While(String label, PlExpr condition, List<Stmt> body, int line) implements Stmt {
        @Override
        public String what() {
            return "WHILE";
        }
    }

    record ForInt(String label, Var var, PlExpr lower, PlExpr upper, PlExpr step, boolean reverse,
            List<Stmt> body, int line) implements Stmt {
        @Override
        public String what() {
            return "FOR with integer loop variable";
        }
    }

    /** FOR target IN query / EXECUTE text [USING ...] LOOP. */
    record ForQuery(String label, List<Var> targets, PlExpr query, boolean dynamic, List<PlExpr> using,
            List<Stmt> body, int line) implements Stmt {
        @Override
        public String what() {
            return dynamic ? "FOR over EXECUTE statement" : "FOR over SELECT rows";
        }
    }

    record Foreach(String label, Var var, PlExpr array, List<Stmt> body, int line) implements Stmt {
        @Override
        public String what() {
            return "FOREACH over array";
        }
    }

    /** EXIT (or CONTINUE) [label] [WHEN condition]. */
    record Exit(boolean isContinue, String label, PlExpr when, int line) implements Stmt {
        @Override
        public String what() {
            return isContinue ? "CONTINUE" : "EXIT";
        }
    }

    /** RETURN [expression]; {@code record} the record variable when the expression is just one (RETURN NEW). */
    record Return(PlExpr value, Var record, int line) implements Stmt {
        @Override
        public String what() {
            return "RETURN";
        }
    }

    record ReturnNext(PlExpr value, int line) implements Stmt {
        @Override
        public String what() {
            return "RETURN NEXT";
        }
    }

    record ReturnQuery(PlExpr query, boolean dynamic, List<PlExpr> using, int line) implements Stmt {
        @Override
        public String what() {
            return "RETURN QUERY";
        }
    }

    /** PERFORM query, or any SQL statement; {@code into} the targets of its INTO clause (empty if none). */
    record Sql(PlExpr statement, List<Var> into, String intoField, boolean strict, boolean perform, int line)
            implements Stmt {
        @Override
        public String what() {
            return perform ? "PERFORM" : "SQL statement";
        }
    }

    record Execute(PlExpr command, List<Var> into, boolean strict, List<PlExpr> using, int line) implements Stmt {
        @Override
        public String what() {
            return "EXECUTE";
        }
    }

    /**
     * RAISE level [sqlstate/condition | 'format' [, args]] [USING option = expr, ...]; {@code rethrow} for a
     * bare RAISE in a handler.
     */
    record Raise(String level, String sqlState, String conditionName, String format, List<PlExpr> args,
            List<String> optionNames, List<PlExpr> optionValues, boolean rethrow, int line) implements Stmt {
        @Override
        public String what() {
            return "RAISE";
        }
    }

    /** GET [CURRENT | STACKED] DIAGNOSTICS var = item, ... (STACKED: the error a handler is handling). */
    record GetDiagnostics(List<Var> targets, List<String> items, boolean stacked, int line) implements Stmt {
        @Override
        public String what() {
            return stacked ? "GET STACKED DIAGNOSTICS" : "GET DIAGNOSTICS";
        }
    }

    /** A bound cursor's declaration: its query, and the variables its arguments are (visible in the query only). */
    record CursorDecl(PlExpr query, List<Var> params, boolean noScroll) {
    }

    /**
     * OPEN cursor: a bound one with its arguments ({@code args} by position), or an unbound refcursor
     * variable FOR query / FOR EXECUTE text [USING ...].
     */
    record Open(Var cursor, PlExpr query, boolean dynamic, List<PlExpr> using, List<PlExpr> args, boolean noScroll,
            int line) implements Stmt {
        @Override
        public String what() {
            return "OPEN";
        }
    }

    /**
     * FETCH [direction] cursor INTO targets, or MOVE [direction] cursor: {@code direction} and {@code count}
     * as SQL's FETCH has them, or {@code countExpr} (negated for BACKWARD) when the count is an expression.
     */
    record Fetch(Var cursor, org.tusk.sql.ast.Statement.FetchDirection direction, long count, PlExpr countExpr,
            boolean backward, boolean move, List<Var> into, int line) implements Stmt {
        @Override
        public String what() {
            return move ? "MOVE" : "FETCH";
        }
    }

    record Close(Var cursor, int line) implements Stmt {
        @Override
        public String what() {
            return "CLOSE";
        }
    }

    /** FOR record IN bound_cursor [(args)] LOOP: the cursor opened, read row by row, closed at the end. */
    record ForCursor(String label, Var target, Var cursor, List<PlExpr> args, List<Stmt> body, int line)
            implements Stmt {
        @Override
        public String what() {
            return "FOR over cursor";
        }
    }

    record Null(int line) implements Stmt {
        @Override
        public String what() {
            return "NULL";
        }
    }
}
