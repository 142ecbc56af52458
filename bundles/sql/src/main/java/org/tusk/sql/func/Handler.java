package org.tusk.sql.func;

import java.util.List;

import org.tusk.sql.eval.EvalContext;

/**
 * A language's call handler (PostgreSQL's fmgr entry of a procedural language): runs one call of a
 * function with its input arguments and returns its result rows. A scalar function returns one element
 * (its value); a set-returning one an element per row, an {@code Object[]} when it returns several columns.
 */
public interface Handler {
    List<Object> call(Object[] args, EvalContext ctx);

    /**
     * A call of a function returning {@code record} whose caller said what the rows are (the column definition
     * list in FROM, PostgreSQL's ReturnSetInfo.expectedDesc): the language checks its rows against it.
     */
    default List<Object> call(Object[] args, EvalContext ctx, org.tusk.sql.types.RowType expected) {
        return call(args, ctx);
    }
}
