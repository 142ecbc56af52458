package org.tusk.sql.func;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.FunctionScan;
import org.tusk.sql.exec.ProjectSet;
import org.tusk.sql.types.SqlType;

/**
 * Where the planner meets user-defined set-returning functions: a call analyzed like any function call is
 * recognised here and turned into a function scan (in FROM) or a set-returning select-list item (a
 * ProjectSet), as PostgreSQL plans a call of a proretset function.
 */
public final class SetReturning {
    private SetReturning() {
    }

    /**
     * A function in FROM: its arguments, row generator and columns ({@code columns} null for a single
     * column named after the function).
     */
    public record Scan(List<Expression> args, FunctionScan.Generator generator, List<String> columns,
            List<SqlType> columnTypes) {
    }

    /** The scan for {@code e} if it calls a user function returning a set or several columns, else null. */
    public static Scan inFrom(Expression e) {
        if (!(e instanceof Expression.Call call) || !(call.routine().body() instanceof FunctionCall fc)) {
            return null;
        }
        FunctionDefinition d = fc.definition();
        if (!d.returnsSet() && !d.returnsRows()) {
            return null;
        }
        FunctionScan.Generator g = (args, ctx) -> fc.rows(args, ctx).iterator();
        return d.returnsRows() ? new Scan(call.args(), g, d.columns(), d.columnTypes())
                : new Scan(call.args(), g, null, List.of(d.result()));
    }

    /** A set-returning user function as a select-list item, else null. A row of several columns is its text. */
    public static ProjectSet.SetFunction inSelectList(Expression e) {
        if (!(e instanceof Expression.Call call) || !(call.routine().body() instanceof FunctionCall fc)
                || !fc.definition().returnsSet()) {
            return null;
        }
        FunctionDefinition d = fc.definition();
        return new ProjectSet.SetFunction((args, ctx) -> fc.rows(args, ctx).stream()
                .map(v -> v instanceof Object[] row ? (Object) FunctionCall.recordText(row, d.columnTypes(), ctx) : v)
                .iterator(), call.args());
    }
}
