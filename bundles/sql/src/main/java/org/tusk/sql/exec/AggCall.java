package org.tusk.sql.exec;

import java.util.List;

import org.tusk.sql.eval.Expression;

/**
 * One aggregate call of a query: its function, argument expressions (over the aggregation's input),
 * DISTINCT, FILTER, and the ORDER BY inside its parentheses ({@code string_agg(x, ',' ORDER BY x)}).
 */
public record AggCall(String name, AggFunction function, List<Expression> args, boolean distinct,
        Expression filter, List<SortKey> orderBy) {

    public AggCall {
        args = List.copyOf(args);
        orderBy = List.copyOf(orderBy);
    }
}
