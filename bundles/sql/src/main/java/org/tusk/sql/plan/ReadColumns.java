package org.tusk.sql.plan;

import org.tusk.sql.eval.Expression;

/**
 * Reports the columns an expression reads to their row slots ({@code RowSlot.noteRead}), for the
 * expressions the planner takes from a FROM item without resolving a name: the columns of
 * {@code SELECT *} and {@code t.*}. Name references report themselves in {@link FromScope#resolve}.
 * What a table's slot has been told decides whether its index scan is an index-only scan.
 */
final class ReadColumns {

    private ReadColumns() {
    }

    /** Every column {@code e} reads counts as read. */
    static void noteAll(Expression e) {
        Expressions.walk(e, x -> {
            if (x instanceof Expression.Var v) {
                v.slot().noteRead(v.index());
            }
        });
    }
}
