package org.tusk.sql.exec;

import org.tusk.sql.eval.EvalContext;

/**
 * An aggregate's implementation: a transition function over a state and a final function (PostgreSQL's
 * pg_aggregate). Strict ones skip rows with a NULL argument, as strict transition functions do.
 */
public interface AggFunction {

    /** The state before any row. */
    Object initial();

    /** The state after one more row; {@code args} are the aggregate's argument values. */
    Object step(Object state, Object[] args, EvalContext ctx);

    /** The result from the final state. */
    Object finish(Object state, EvalContext ctx);

    /** Whether rows with a NULL argument are skipped. */
    default boolean strict() {
        return true;
    }
}
