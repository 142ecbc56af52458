package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code x IN (v1, v2, ...)} as the analyzer builds it (the value computed once into a slot, then
 * compared with "=" to each item, ORed), seen as PostgreSQL's ScalarArrayOpExpr {@code x = ANY (array)}:
 * what EXPLAIN prints and what an index can search, one key per element. Only the plain form is
 * recognised: IN (not NOT IN) with two or more items, each compared with the value itself (no
 * conversion of the tested value), all of one type.
 *
 * @param arg   the tested value
 * @param items the items, in the order written, each of {@code arg}'s comparison type
 */
public record InList(Expression arg, List<Expression> items) {

    /** The IN list {@code e} is, or null. */
    public static InList of(Expression e) {
        if (!(e instanceof Expression.Shared s) || !(s.body() instanceof Expression.BoolOp or) || or.and()
                || or.args().size() < 2) {
            return null;
        }
        List<Expression> items = new ArrayList<>();
        for (Expression c : or.args()) {
            if (!(c instanceof Expression.Call call) || call.args().size() != 2 || !call.routine().name().equals("=")
                    || call.args().get(0) != s.slot()) {
                return null;
            }
            Expression item = call.args().get(1);
            if (!items.isEmpty() && items.getFirst().type() != item.type()) {
                return null;
            }
            items.add(item);
        }
        return new InList(s.source(), items);
    }
}
