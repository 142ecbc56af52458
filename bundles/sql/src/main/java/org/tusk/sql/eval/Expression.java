package org.tusk.sql.eval;

import java.util.List;
import java.util.function.Function;

import org.tusk.sql.types.Casts;
import org.tusk.sql.types.SqlType;

/**
 * An analyzed expression: every name resolved, every operator and function chosen, every implicit
 * conversion made explicit, so that evaluating it is a plain walk (PostgreSQL's Expr trees after
 * parse analysis). Evaluation follows SQL's rules for NULL: strict routines yield NULL for a NULL
 * input, AND/OR use three-valued logic, CASE and COALESCE evaluate only what they need.
 */
public sealed interface Expression {

    SqlType type();

    /** The type modifier of the result, -1 if none. */
    default int typmod() {
        return -1;
    }

    Object eval(EvalContext ctx);

    /** A constant; {@code position} is where it was written, for errors when it is coerced later. */
    record Const(SqlType type, int typmod, Object value, int position) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            return value;
        }
    }

    /**
     * A column of the current row in {@code slot} (PostgreSQL's Var): {@code index} is 0-based in the
     * slot's row; {@code name} is what RowDescription and messages call it.
     */
    record Var(RowSlot slot, int index, SqlType type, int typmod, String name) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            return slot.get(index);
        }
    }

    /** {@code $n}: its type is the parameter's, read when asked, because analysis may still decide it. */
    record Param(int number, Parameters parameters) implements Expression {
        @Override
        public SqlType type() {
            return parameters.type(number);
        }

        @Override
        public Object eval(EvalContext ctx) {
            return parameters.value(number);
        }
    }

    /** An operator or function applied to its (already converted) arguments. */
    record Call(Routine routine, List<Expression> args) implements Expression {
        @Override
        public SqlType type() {
            return routine.result();
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(ctx);
                if (values[i] == null && routine.strict()) {
                    return null;
                }
            }
            return routine.body().apply(values, ctx);
        }
    }

    /** A function whose result depends on the session only (current_user, now(), ...). */
    record SessionValue(SqlType type, int typmod, Function<EvalContext, Object> supplier) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            return Casts.applyTypmod(supplier.apply(ctx), type, typmod, true);
        }
    }

    /** A type conversion. */
    record Cast(Expression arg, SqlType type, int typmod, boolean explicit) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            Object v = arg.eval(ctx);
            return v == null ? null : Casts.convert(v, arg.type(), type, typmod, explicit, ctx);
        }
    }

    /** AND or OR over two or more arguments, with SQL's three-valued logic. */
    record BoolOp(boolean and, List<Expression> args) implements Expression {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            boolean sawNull = false;
            for (Expression a : args) {
                Boolean v = (Boolean) a.eval(ctx);
                if (v == null) {
                    sawNull = true;
                } else if (v != and) {
                    return v; // false decides an AND, true decides an OR
                }
            }
            return sawNull ? null : and;
        }
    }

    record Not(Expression arg) implements Expression {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Boolean v = (Boolean) arg.eval(ctx);
            return v == null ? null : !v;
        }
    }

    record IsNull(Expression arg, boolean negated) implements Expression {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return (arg.eval(ctx) == null) != negated;
        }
    }

    /** IS [NOT] TRUE/FALSE/UNKNOWN: never null. {@code expected} is null for UNKNOWN. */
    record BooleanTest(Expression arg, Boolean expected, boolean negated) implements Expression {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object v = arg.eval(ctx);
            boolean matches = expected == null ? v == null : expected.equals(v);
            return matches != negated;
        }
    }

    /** IS [NOT] DISTINCT FROM: equality that treats two nulls as equal and one null as different. */
    record DistinctFrom(Expression left, Expression right, Routine equals, boolean negated) implements Expression {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object l = left.eval(ctx);
            Object r = right.eval(ctx);
            boolean distinct;
            if (l == null || r == null) {
                distinct = (l == null) != (r == null);
            } else {
                distinct = !Boolean.TRUE.equals(equals.body().apply(new Object[] {l, r}, ctx));
            }
            return distinct != negated;
        }
    }

    /**
     * A value computed once and read by several sub-expressions: the tested value of a simple CASE or
     * of IN (PostgreSQL's CaseTestExpr). {@link Shared} evaluates it and stores it here.
     */
    final class Slot implements Expression {
        private final SqlType type;
        private final int typmod;
        private Object value;

        Slot(SqlType type, int typmod) {
            this.type = type;
            this.typmod = typmod;
        }

        @Override
        public SqlType type() {
            return type;
        }

        @Override
        public int typmod() {
            return typmod;
        }

        @Override
        public Object eval(EvalContext ctx) {
            return value;
        }
    }

    /** Evaluates {@code source} once into {@code slot}, then {@code body}, which reads the slot. */
    record Shared(Expression source, Slot slot, Expression body) implements Expression {
        @Override
        public SqlType type() {
            return body.type();
        }

        @Override
        public int typmod() {
            return body.typmod();
        }

        @Override
        public Object eval(EvalContext ctx) {
            slot.value = source.eval(ctx);
            return body.eval(ctx);
        }
    }

    record When(Expression condition, Expression result) {
    }

    /**
     * ARRAY[...]: the elements, already converted to the element type; when they are arrays themselves
     * (ARRAY[[1,2],[3,4]]), the result has one more dimension than they have.
     */
    record ArrayExpr(SqlType type, List<Expression> elements) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            java.util.List<Object> values = new java.util.ArrayList<>(elements.size());
            for (Expression e : elements) {
                values.add(e.eval(ctx));
            }
            if (!elements.isEmpty() && elements.getFirst().type() == type) {
                java.util.List<org.tusk.sql.types.ArrayValue> subs = new java.util.ArrayList<>(values.size());
                for (Object v : values) {
                    subs.add((org.tusk.sql.types.ArrayValue) v);
                }
                return org.tusk.sql.types.ArrayBuilder.construct(subs);
            }
            return new org.tusk.sql.types.ArrayValue(1, values);
        }
    }

    /** A searched CASE; a simple CASE becomes one whose conditions compare a {@link Slot}. */
    record Case(SqlType type, int typmod, List<When> whens, Expression otherwise) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            for (When w : whens) {
                if (Boolean.TRUE.equals(w.condition().eval(ctx))) {
                    return w.result().eval(ctx);
                }
            }
            return otherwise == null ? null : otherwise.eval(ctx);
        }
    }

    record Coalesce(SqlType type, int typmod, List<Expression> args) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            for (Expression a : args) {
                Object v = a.eval(ctx);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    /** GREATEST/LEAST: nulls are ignored; {@code better} is the ">" or "<" operator of the type. */
    record MinMax(SqlType type, int typmod, List<Expression> args, Routine better) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            Object best = null;
            for (Expression a : args) {
                Object v = a.eval(ctx);
                if (v != null && (best == null || Boolean.TRUE.equals(better.body().apply(new Object[] {v, best},
                        ctx)))) {
                    best = v;
                }
            }
            return best;
        }
    }

    /** NULLIF(a, b): null if a = b, else a. */
    record NullIf(Expression left, Expression right, Routine equals) implements Expression {
        @Override
        public SqlType type() {
            return left.type();
        }

        @Override
        public int typmod() {
            return left.typmod();
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object l = left.eval(ctx);
            Object r = right.eval(ctx);
            if (l != null && r != null && Boolean.TRUE.equals(equals.body().apply(new Object[] {l, r}, ctx))) {
                return null;
            }
            return l;
        }
    }

    /**
     * A subquery the executor runs (PostgreSQL's SubPlan): a scalar subquery, EXISTS, ANY/ALL or ARRAY.
     * {@code body} runs the subquery's plan in the current execution; it reads the enclosing query's
     * row slots for correlated references.
     */
    record SubPlan(SqlType type, int typmod, SubPlanBody body) implements Expression {
        @Override
        public Object eval(EvalContext ctx) {
            return body.evaluate(ctx);
        }
    }

    /** How a {@link SubPlan} computes its value; implemented by the executor. */
    @FunctionalInterface
    interface SubPlanBody {
        Object evaluate(EvalContext ctx);
    }
    /**
     * {@code left op ANY (array)} or {@code left op ALL (array)} (PostgreSQL's ScalarArrayOpExpr): the
     * operator applied to the value and each element of the array, ORed for ANY ({@code useOr}) and
     * ANDed for ALL, with SQL's NULL rules (a NULL array, or no decision and a NULL comparison, is
     * NULL; an empty array is false for ANY, true for ALL). A node of its own rather than a closure,
     * because the planner must see it: an index can search {@code col = ANY (array)} once per element,
     * its selectivity is scalararraysel's, and EXPLAIN prints it.
     *
     * @param left        the tested value, already converted to the operator's left type
     * @param array       the array, of some array type whose elements convert to {@code compareType}
     * @param op          the operator, resolved for the value's and the array's element type
     * @param useOr       ANY/SOME (true) or ALL (false)
     * @param compareType the operator's right argument type (each element is converted to it)
     */
    record ScalarArrayOp(Expression left, Expression array, Routine op, boolean useOr, SqlType compareType)
            implements Expression {
        @Override
        public SqlType type() {
            return SqlType.BOOL;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Object lv = left.eval(ctx);
            org.tusk.sql.types.ArrayValue av = (org.tusk.sql.types.ArrayValue) array.eval(ctx);
            if (av == null) {
                return null;
            }
            SqlType element = array.type().elementType();
            boolean sawNull = false;
            for (Object e : av.elements()) {
                Object v = null;
                if (lv != null && e != null) {
                    Object ev = element == compareType ? e : Casts.convert(e, element, compareType, -1, false, ctx);
                    v = op.body().apply(new Object[] {lv, ev}, ctx);
                }
                if (v == null) {
                    sawNull = true;
                } else if ((Boolean) v == useOr) {
                    return useOr;
                }
            }
            return sawNull ? null : !useOr;
        }
    }
}
