package org.tusk.sql.exec;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Ordering;

/** One ORDER BY key: what to compute, in which direction, and where NULLs go. */
public record SortKey(Expression expr, boolean descending, boolean nullsFirst) {

    /** Compares two computed key values with this key's direction and NULL placement. */
    int compare(Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsFirst ? -1 : 1;
        }
        int c = Ordering.compare(a, b, expr.type());
        return descending ? -c : c;
    }
}
