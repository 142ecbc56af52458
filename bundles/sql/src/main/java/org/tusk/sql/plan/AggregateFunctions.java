package org.tusk.sql.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tusk.protocol.ErrorFields;
import org.tusk.protocol.Interval;
import org.tusk.spi.SqlException;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Ordering;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.exec.AggFunction;
import org.tusk.sql.types.ArrayValue;
import org.tusk.sql.types.IntervalMath;
import org.tusk.sql.types.Numeric;
import org.tusk.sql.types.SqlType;

/**
 * The built-in aggregates with PostgreSQL's signatures and result types (pg_aggregate): sum(int2|int4)
 * is bigint, sum(int8) and avg of any integer numeric, avg of floats double precision; min and max
 * keep their input type; count is bigint.
 */
final class AggregateFunctions {

    /** A chosen aggregate: its implementation, result type and the types its arguments are converted to. */
    record Resolved(AggFunction function, SqlType result, List<SqlType> argTypes) {
    }

    private AggregateFunctions() {
    }

    static Resolved resolve(String name, List<SqlType> types, boolean star, int position) {
        if (star) {
            if (!name.equals("count")) {
                throw SqlException.at("42809", name + "(*) specified, but " + name
                        + " is not an aggregate function", position);
            }
            return new Resolved(COUNT_STAR, SqlType.INT8, List.of());
        }
        SqlType t = types.size() == 1 ? types.getFirst() : null;
        Resolved r = switch (name) {
            case "count" -> types.size() == 1 ? new Resolved(COUNT, SqlType.INT8, types) : null;
            case "sum" -> t == null ? null : sum(t);
            case "avg" -> t == null ? null : avg(t);
            case "min", "max" -> t == null || !Ordering.sortable(t) || t == SqlType.JSONB || t.isRange() ? null
                    : new Resolved(minMax(name.equals("max"), t == SqlType.UNKNOWN ? SqlType.TEXT : t),
                            t == SqlType.UNKNOWN ? SqlType.TEXT : t, List.of(t == SqlType.UNKNOWN ? SqlType.TEXT : t));
            case "bool_and", "every" -> t == SqlType.BOOL || t == SqlType.UNKNOWN
                    ? new Resolved(boolAgg(true), SqlType.BOOL, List.of(SqlType.BOOL)) : null;
            case "bool_or" -> t == SqlType.BOOL || t == SqlType.UNKNOWN
                    ? new Resolved(boolAgg(false), SqlType.BOOL, List.of(SqlType.BOOL)) : null;
            case "range_intersect_agg" -> t != null && t.isRange() ? new Resolved(rangeIntersect(t), t, List.of(t))
                    : null;
            case "string_agg" -> types.size() == 2 && isText(types.get(0)) && isText(types.get(1))
                    ? new Resolved(STRING_AGG, SqlType.TEXT, List.of(SqlType.TEXT, SqlType.TEXT)) : null;
            case "array_agg" -> {
                if (t == null) {
                    yield null;
                }
                SqlType e = t == SqlType.UNKNOWN ? SqlType.TEXT : t;
                if (e.isArray() && !e.isVector()) {
                    // array_agg(anyarray): the inputs become the rows of an array of one more dimension.
                    yield new Resolved(ARRAY_AGG_ARRAYS, e, List.of(e));
                }
                yield e.arrayType() == null ? null : new Resolved(ARRAY_AGG, e.arrayType(), List.of(e));
            }
            case "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg" -> json(name, types);
            case "percentile_cont", "percentile_disc", "mode" -> OrderedSetAggregates.resolve(name, types);
            default -> null;
        };
        if (r == null) {
            String description = Routine.signature(name, types);
            throw new SqlException(ErrorFields.of("ERROR", "42883", "function " + description + " does not exist")
                    .hint("No function matches the given name and argument types. "
                            + "You might need to add explicit type casts.")
                    .position(position).build());
        }
        return r;
    }

    private static boolean isText(SqlType t) {
        return t == SqlType.TEXT || t == SqlType.VARCHAR || t == SqlType.BPCHAR || t == SqlType.NAME
                || t == SqlType.UNKNOWN;
    }

    private static Resolved sum(SqlType t) {
        return switch (t) {
            case INT2, INT4 -> new Resolved(LONG_SUM, SqlType.INT8, List.of(t));
            case INT8, NUMERIC -> new Resolved(NUMERIC_SUM, SqlType.NUMERIC, List.of(t));
            case FLOAT4 -> new Resolved(FLOAT4_SUM, SqlType.FLOAT4, List.of(t));
            case FLOAT8, UNKNOWN -> new Resolved(DOUBLE_SUM, SqlType.FLOAT8, List.of(SqlType.FLOAT8));
            case INTERVAL -> new Resolved(INTERVAL_SUM, SqlType.INTERVAL, List.of(t));
            default -> null;
        };
    }

    private static Resolved avg(SqlType t) {
        return switch (t) {
            case INT2, INT4, INT8, NUMERIC -> new Resolved(NUMERIC_AVG, SqlType.NUMERIC, List.of(t));
            case FLOAT4, FLOAT8, UNKNOWN -> new Resolved(DOUBLE_AVG, SqlType.FLOAT8, List.of(SqlType.FLOAT8));
            case INTERVAL -> new Resolved(INTERVAL_AVG, SqlType.INTERVAL, List.of(t));
            default -> null;
        };
    }

    /** A transition function over a mutable state object, and a final function of it. */
    private interface Step {
        Object apply(Object state, Object[] args, EvalContext ctx);
    }

    private record Simple(java.util.function.Supplier<Object> init, Step step,
            java.util.function.BiFunction<Object, EvalContext, Object> fin, boolean strict) implements AggFunction {
        @Override
        public Object initial() {
            return init.get();
        }

        @Override
        public Object step(Object state, Object[] args, EvalContext ctx) {
            return step.apply(state, args, ctx);
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            return fin.apply(state, ctx);
        }
    }

    private static final AggFunction COUNT_STAR = new Simple(() -> 0L, (s, a, c) -> (Long) s + 1, (s, c) -> s, false);
    private static final AggFunction COUNT = new Simple(() -> 0L, (s, a, c) -> (Long) s + 1, (s, c) -> s, true);

    private static final AggFunction LONG_SUM = new Simple(() -> null, (s, a, c) -> {
        long v = ((Number) a[0]).longValue();
        return s == null ? v : Math.addExact((Long) s, v);
    }, (s, c) -> s, true);

    /** An aggregated value as numeric: integers widen, numerics (NaN and infinities too) stay. */
    private static Object decimal(Object v) {
        return v instanceof BigDecimal || !(v instanceof Number n) ? v : BigDecimal.valueOf(n.longValue());
    }

    private static final AggFunction NUMERIC_SUM = new Simple(() -> null,
            (s, a, c) -> s == null ? decimal(a[0]) : Numeric.add(s, decimal(a[0])), (s, c) -> s, true);

    private static final AggFunction FLOAT4_SUM = new Simple(() -> null,
            (s, a, c) -> s == null ? (Float) a[0] : (Float) s + (Float) a[0], (s, c) -> s, true);

    private static final AggFunction DOUBLE_SUM = new Simple(() -> null,
            (s, a, c) -> s == null ? ((Number) a[0]).doubleValue() : (Double) s + ((Number) a[0]).doubleValue(),
            (s, c) -> s, true);

    private static final AggFunction INTERVAL_SUM = new Simple(() -> null,
            (s, a, c) -> s == null ? a[0] : IntervalMath.add((Interval) s, (Interval) a[0]), (s, c) -> s, true);

    /** Sum and count, for the averages. */
    private static final class Avg {
        Object sum;
        long count;
    }

    private static final AggFunction NUMERIC_AVG = new Simple(Avg::new, (s, a, c) -> {
        Avg st = (Avg) s;
        st.sum = st.sum == null ? decimal(a[0]) : Numeric.add(st.sum, decimal(a[0]));
        st.count++;
        return st;
    }, (s, c) -> {
        Avg st = (Avg) s;
        return st.count == 0 ? null : Numeric.divide(st.sum, BigDecimal.valueOf(st.count));
    }, true);

    private static final AggFunction DOUBLE_AVG = new Simple(Avg::new, (s, a, c) -> {
        Avg st = (Avg) s;
        double v = ((Number) a[0]).doubleValue();
        st.sum = st.sum == null ? v : (Double) st.sum + v;
        st.count++;
        return st;
    }, (s, c) -> {
        Avg st = (Avg) s;
        return st.count == 0 ? null : (Double) st.sum / st.count;
    }, true);

    private static final AggFunction INTERVAL_AVG = new Simple(Avg::new, (s, a, c) -> {
        Avg st = (Avg) s;
        st.sum = st.sum == null ? a[0] : IntervalMath.add((Interval) st.sum, (Interval) a[0]);
        st.count++;
        return st;
    }, (s, c) -> {
        Avg st = (Avg) s;
        if (st.count == 0) {
            return null;
        }
        Routine div = org.tusk.sql.eval.Analyzer.operatorRoutine("/", SqlType.INTERVAL, SqlType.FLOAT8);
        return div.body().apply(new Object[] {st.sum, (double) st.count}, c);
    }, true);

    private static AggFunction minMax(boolean max, SqlType type) {
        return new Simple(() -> null, (s, a, c) -> {
            if (s == null) {
                return a[0];
            }
            int cmp = Ordering.compare(a[0], s, type);
            return (max ? cmp > 0 : cmp < 0) ? a[0] : s;
        }, (s, c) -> s, true);
    }

    /** range_intersect_agg(anyrange): the intersection of the non-null inputs (strict, no initial value). */
    private static AggFunction rangeIntersect(SqlType type) {
        return new Simple(() -> null, (s, a, c) -> s == null ? a[0] : org.tusk.sql.types.Ranges.intersect(type,
                (org.tusk.sql.types.RangeValue) s, (org.tusk.sql.types.RangeValue) a[0]), (s, c) -> s, true);
    }

    private static AggFunction boolAgg(boolean and) {
        return new Simple(() -> null, (s, a, c) -> s == null ? a[0] : (and ? (Boolean) s && (Boolean) a[0]
                : (Boolean) s || (Boolean) a[0]), (s, c) -> s, true);
    }

    private static final AggFunction STRING_AGG = new Simple(() -> null, (s, a, c) -> {
        if (a[0] == null) {
            return s;
        }
        StringBuilder sb = (StringBuilder) s;
        if (sb == null) {
            sb = new StringBuilder();
        } else if (a[1] != null) {
            sb.append((String) a[1]);
        }
        return sb.append((String) a[0]);
    }, (s, c) -> s == null ? null : s.toString(), false);

    @SuppressWarnings("unchecked")
    private static final AggFunction ARRAY_AGG = new Simple(() -> null, (s, a, c) -> {
        List<Object> list = s == null ? new ArrayList<>() : (List<Object>) s;
        list.add(a[0]);
        return list;
    }, (s, c) -> s == null ? null : new ArrayValue(1, (List<Object>) s), false);

    /** array_agg over arrays (array_agg_array_transfn): NULL, empty and differently shaped inputs are errors. */
    @SuppressWarnings("unchecked")
    private static final AggFunction ARRAY_AGG_ARRAYS = new Simple(() -> null, (s, a, c) -> {
        List<ArrayValue> list = s == null ? new ArrayList<>() : (List<ArrayValue>) s;
        list.add((ArrayValue) a[0]);
        org.tusk.sql.types.ArrayBuilder.accumulate(java.util.Arrays.asList(list.getFirst(), (ArrayValue) a[0]));
        return list;
    }, (s, c) -> s == null ? null : org.tusk.sql.types.ArrayBuilder.accumulate((List<ArrayValue>) s), false);

    /** The json aggregates (org.tusk.sql.json.JsonAggregates). */
    private static Resolved json(String name, List<SqlType> types) {
        org.tusk.sql.json.JsonAggregates.Resolved r = org.tusk.sql.json.JsonAggregates.resolve(name, types);
        return r == null ? null : new Resolved(r.function(), r.result(), r.argTypes());
    }
}
