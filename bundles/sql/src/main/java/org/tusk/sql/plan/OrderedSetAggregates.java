package org.tusk.sql.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.exec.AggFunction;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * The ordered-set aggregates of PostgreSQL 15 (percentile_cont, percentile_disc, mode). The parser turns
 * {@code f(direct) WITHIN GROUP (ORDER BY x)} into the aggregate f over {@code (x, direct)} with the rows
 * sorted by x, which the aggregate machinery already does for {@code string_agg(... ORDER BY ...)}; here
 * the sorted values are kept and the result is read off them at the end, as PostgreSQL's
 * ordered_set_transition and percentile_*_final do. NULL values are skipped (the aggregates are strict).
 */
final class OrderedSetAggregates {

    private OrderedSetAggregates() {
    }

    /** The variant for these argument types (the direct ones, then the sorted value's), or null. */
    static AggregateFunctions.Resolved resolve(String name, List<SqlType> types) {
        if (name.equals("mode")) {
            if (types.size() != 1) {
                return null;
            }
            SqlType t = known(types.getFirst());
            return Ordering.sortable(t) ? new AggregateFunctions.Resolved(new Mode(t), t, List.of(t)) : null;
        }
        if (types.size() != 2) {
            return null;
        }
        boolean many = types.getFirst().isArray() && !types.getFirst().isVector();
        SqlType fraction = many ? SqlType.FLOAT8_ARRAY : SqlType.FLOAT8;
        if (!Casts.canCoerceImplicitly(types.getFirst(), fraction)) {
            return null;
        }
        SqlType value = known(types.get(1));
        if (name.equals("percentile_cont")) {
            if (value != SqlType.INTERVAL) {
                if (!Casts.canCoerceImplicitly(value, SqlType.FLOAT8)) {
                    return null;
                }
                value = SqlType.FLOAT8;
            }
        } else if (!Ordering.sortable(value) || (many && value.arrayType() == null)) {
            return null;
        }
        SqlType result = many ? value.arrayType() : value;
        return new AggregateFunctions.Resolved(new Percentile(name.equals("percentile_cont"), value, many), result,
                List.of(fraction, value));
    }

    private static SqlType known(SqlType t) {
        return t == SqlType.UNKNOWN ? SqlType.TEXT : t;
    }

    /** The state: the direct argument (the same for every row) and the non-NULL values, in sort order. */
    private static final class Sorted {
        Object direct;
        final List<Object> values = new ArrayList<>();
    }

    private abstract static class Collecting implements AggFunction {
        @Override
        public Object initial() {
            return new Sorted();
        }

        @Override
        public Object step(Object state, Object[] args, EvalContext ctx) {
            Sorted s = (Sorted) state;
            s.values.add(args[args.length - 1]);
            if (args.length > 1) {
                s.direct = args[0];
            }
            return s;
        }
    }

    /** mode(): the most frequent value; of several, the first in sort order. */
    private static final class Mode extends Collecting {
        private final SqlType type;

        Mode(SqlType type) {
            this.type = type;
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            List<Object> v = ((Sorted) state).values;
            Object best = null;
            int bestCount = 0;
            for (int i = 0; i < v.size();) {
                int j = i + 1;
                while (j < v.size() && Ordering.compare(v.get(j), v.get(i), type) == 0) {
                    j++;
                }
                if (j - i > bestCount) {
                    best = v.get(i);
                    bestCount = j - i;
                }
                i = j;
            }
            return best;
        }
    }

    /** percentile_cont (interpolated) and percentile_disc (the first value at or past the fraction). */
    private static final class Percentile extends Collecting {
        private final boolean continuous;
        private final SqlType type;
        private final boolean many;

        Percentile(boolean continuous, SqlType type, boolean many) {
            this.continuous = continuous;
            this.type = type;
            this.many = many;
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            Sorted s = (Sorted) state;
            if (s.values.isEmpty()) {
                return null;
            }
            if (!many) {
                return at(s.values, (Double) s.direct, ctx);
            }
            List<Object> out = new ArrayList<>();
            for (Object f : ((ArrayValue) s.direct).elements()) {
                out.add(f == null ? null : at(s.values, (Double) f, ctx));
            }
            return new ArrayValue(1, out);
        }

        private Object at(List<Object> v, double fraction, EvalContext ctx) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new SqlException("22003", "percentile value " + shortest(fraction) + " is not between 0 and 1");
            }
            int n = v.size();
            if (!continuous) {
                int row = (int) Math.ceil(fraction * n);
                return v.get(Math.max(row, 1) - 1);
            }
            double position = fraction * (n - 1);
            int first = (int) Math.floor(position);
            int second = (int) Math.ceil(position);
            if (first == second) {
                return v.get(first);
            }
            double weight = position - first;
            if (type == SqlType.FLOAT8) {
                double lo = (Double) v.get(first);
                double hi = (Double) v.get(second);
                return lo + weight * (hi - lo);
            }
            // interval: lo + (hi - lo) * weight, by the operators' own arithmetic
            Routine minus = org.tusk.sql.eval.Analyzer.operatorRoutine("-", SqlType.INTERVAL, SqlType.INTERVAL);
            Routine times = org.tusk.sql.eval.Analyzer.operatorRoutine("*", SqlType.INTERVAL, SqlType.FLOAT8);
            Routine plus = org.tusk.sql.eval.Analyzer.operatorRoutine("+", SqlType.INTERVAL, SqlType.INTERVAL);
            Object diff = minus.body().apply(new Object[] {v.get(second), v.get(first)}, ctx);
            Object part = times.body().apply(new Object[] {diff, weight}, ctx);
            return plus.body().apply(new Object[] {v.get(first), part}, ctx);
        }
    }

    /** A double as C's %g prints it (six significant digits, no trailing zeros), for the error message. */
    private static String shortest(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
