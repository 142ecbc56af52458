package org.tusk.sql.plpgsql;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;

/**
 * One call of a PL/pgSQL function (PLpgSQL_execstate): the variables' values, the rows RETURN NEXT and
 * RETURN QUERY have produced, the row count GET DIAGNOSTICS reads, the error an exception handler is
 * handling (for a bare RAISE), and the statement running (for the CONTEXT line).
 */
final class Frame {
    final PlFunction function;
    final Object[] values;
    final EvalContext ctx;
    final List<Object> results = new ArrayList<>();
    long rowCount;
    Object returnValue;
    SqlException handling;
    PlAst.Stmt current;
    /** The rows the caller expects of a function returning record (its column definition list), else null. */
    org.tusk.sql.types.RowType expected;

    Frame(PlFunction function, EvalContext ctx) {
        this.function = function;
        this.values = new Object[function.slots()];
        this.ctx = ctx;
    }
}
