package org.tusk.sql.eval;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.types.RecordValue;
import org.tusk.sql.types.SqlType;

/**
 * Comparison of whole row values, rowtypes.c's record_cmp and record_eq: field by field, the first
 * unequal pair deciding. Unlike a comparison of row constructors (which {@link RowComparisons} expands
 * into per-field SQL comparisons with NULL yielding NULL), two NULL fields are equal here and a NULL
 * sorts after every value, so that records can be sorted, grouped and hashed. Both rows must have the
 * same number of fields and each pair the same type, else 42804 as in PostgreSQL.
 */
public final class RecordComparison {

    private RecordComparison() {
    }

    /** record_cmp: negative, zero or positive. */
    public static int compare(RecordValue a, RecordValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            SqlType ta = a.fieldType(i);
            SqlType tb = b.fieldType(i);
            if (ta != tb) {
                throw new SqlException("42804", "cannot compare dissimilar column types " + ta.displayName() + " and "
                        + tb.displayName() + " at record column " + (i + 1));
            }
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null || y == null) {
                if (x != null || y != null) {
                    return x == null ? 1 : -1; // NULL sorts after anything
                }
                continue;
            }
            if (!Ordering.sortable(ta)) {
                throw new SqlException("42883", "could not identify a comparison function for type "
                        + ta.displayName());
            }
            int c = Ordering.compare(x, y, ta);
            if (c != 0) {
                return c;
            }
        }
        if (a.size() != b.size()) {
            throw new SqlException("42804", "cannot compare record types with different numbers of columns");
        }
        return 0;
    }

    /** A hash key of {@code r}: equal under {@link #compare} means an equal key (see {@link Ordering#hashKey}). */
    static Object hashKey(RecordValue r) {
        List<Object> out = new ArrayList<>(r.size() + 1);
        out.add(RecordValue.class);
        for (int i = 0; i < r.size(); i++) {
            out.add(Ordering.hashKey(r.get(i), r.fieldType(i)));
        }
        return out;
    }

    /** Registers record = record, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;= (record_eq, record_ne, record_lt, ...). */
    static void registerOperators(OperatorSink sink) {
        sink.add("=", (args, ctx) -> compare(row(args[0]), row(args[1])) == 0);
        sink.add("<>", (args, ctx) -> compare(row(args[0]), row(args[1])) != 0);
        sink.add("<", (args, ctx) -> compare(row(args[0]), row(args[1])) < 0);
        sink.add("<=", (args, ctx) -> compare(row(args[0]), row(args[1])) <= 0);
        sink.add(">", (args, ctx) -> compare(row(args[0]), row(args[1])) > 0);
        sink.add(">=", (args, ctx) -> compare(row(args[0]), row(args[1])) >= 0);
    }

    /** Where {@link #registerOperators} puts an operator on (record, record) returning boolean. */
    @FunctionalInterface
    interface OperatorSink {
        void add(String name, Routine.Body body);
    }

    private static RecordValue row(Object v) {
        return (RecordValue) v;
    }
}
