package org.tusk.sql.exec;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.types.SqlType;

/**
 * One window function call of a query (PostgreSQL's WindowFunc): which function, its argument
 * expressions over the window's input, an aggregate's FILTER, and its result type. {@code aggregate}
 * is set only for {@link Kind#AGGREGATE}.
 */
public record WindowFunc(Kind kind, String name, AggFunction aggregate, List<Expression> args, Expression filter,
        SqlType type) {

    public WindowFunc {
        args = List.copyOf(args);
    }

    /** The built-in window functions (pg_proc's prokind 'w'), and any aggregate. */
    public enum Kind {
        ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE,
        AGGREGATE
    }
}
