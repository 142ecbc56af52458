package org.tusk.sql.eval;


import org.tusk.sql.types.SqlType;

/**
 * The part of PostgreSQL's planner that clients can observe without tables: eval_const_expressions
 * computes every immutable function or operator whose inputs are constants (bound parameter values
 * included, as in a custom plan) when the plan is made, which for the extended protocol is at Bind. So
 * {@code select 1/0} fails at Bind there, while {@code select 1/(random()*0)::int} fails at Execute.
 * This class walks an analyzed expression the same way and evaluates what the planner would fold,
 * only for the errors: the results are computed again at execution, which for immutable expressions
 * gives the same values.
 *
 * <p>As in PostgreSQL, a CASE arm whose condition folds to false or null is dropped without being
 * looked at, and one after an arm whose condition folds to true is never reached; every other arm's
 * result is folded even if it might not be chosen at run time. AND, OR and COALESCE stop at a constant
 * that decides them.
 */
public final class ConstantFolding {


    /**
     * The values of the calls folded so far in this walk. A call's value is computed from its arguments'
     * values, not by evaluating its whole subtree again: {@code 1+1+...+1} with n terms costs n
     * evaluations instead of n*n/2 (a query of 40,000 terms took a minute). Made at the first folded
     * call: a prepared SELECT is checked at every Bind, and most of its expressions fold nothing.
     */
    private java.util.Map<Expression, Object> folded;

    private ConstantFolding() {
    }

    /**
     * Folds what the planner would fold in {@code e}, raising the errors that folding raises.
     *
     * @throws org.tusk.spi.SqlException the first error a foldable sub-expression raises
     */
    public static void check(Expression e, EvalContext ctx) {
        new ConstantFolding().fold(e, ctx);
    }

    /**
     * Whether the node {@code e} itself (not its arguments) gives the same result for the same inputs
     * forever (provolatile 'i'): what an index expression or predicate may call. A session value
     * (now(), current_user), a parameter or a subquery is not; neither is a time-zone dependent cast.
     */
    public static boolean immutableNode(Expression e) {
        return switch (e) {
            case Expression.Call c -> !Volatility.notImmutable(c.routine().name()) && c.routine().body().foldable();
            case Expression.Cast c -> immutableCast(c.arg().type(), c.type());
            case Expression.ScalarArrayOp a -> !Volatility.notImmutable(a.op().name());
            case Expression.SessionValue s -> false;
            case Expression.Param p -> false;
            case Expression.SubPlan s -> false;
            default -> true;
        };
    }

    /** Whether {@code e} is a constant after folding (its value is then computable without error). */
    private boolean fold(Expression e, EvalContext ctx) {
        return switch (e) {
            case Expression.Const c -> true;
            case Expression.Param p -> true; // a custom plan sees the bound value as a constant
            case Expression.SessionValue s -> false;
            case Expression.Var v -> false; // a column: known only row by row
            case Expression.Call c -> {
                boolean constant = true;
                for (Expression a : c.args()) {
                    constant &= fold(a, ctx);
                }
                if (constant && !Volatility.notImmutable(c.routine().name()) && c.routine().body().foldable()) {
                    Object value = call(c, ctx);
                    if (folded == null) {
                        folded = new java.util.IdentityHashMap<>();
                    }
                    folded.put(c, value);
                    yield true;
                }
                yield false;
            }
            case Expression.Cast c -> {
                boolean constant = fold(c.arg(), ctx);
                if (constant && immutableCast(c.arg().type(), c.type())) {
                    c.eval(ctx);
                    yield true;
                }
                yield false;
            }
            case Expression.BoolOp b -> foldBoolOp(b, ctx);
            case Expression.Not n -> fold(n.arg(), ctx);
            case Expression.IsNull n -> fold(n.arg(), ctx);
            case Expression.BooleanTest b -> fold(b.arg(), ctx);
            case Expression.DistinctFrom d -> fold(d.left(), ctx) & fold(d.right(), ctx);
            case Expression.NullIf n -> fold(n.left(), ctx) & fold(n.right(), ctx);
            case Expression.Coalesce c -> foldCoalesce(c, ctx);
            case Expression.MinMax m -> all(m.args(), ctx);
            case Expression.Case c -> foldCase(c, ctx);
            case Expression.ArrayExpr a -> all(a.elements(), ctx);
            case Expression.Shared s -> {
                fold(s.source(), ctx);
                fold(s.body(), ctx);
                yield false;
            }
            case Expression.Slot s -> false;
            case Expression.SubPlan s -> false; // a subquery runs at execution
            case Expression.ScalarArrayOp a -> {
                boolean constant = fold(a.left(), ctx) & fold(a.array(), ctx);
                if (constant && !Volatility.notImmutable(a.op().name())) {
                    a.eval(ctx);
                    yield true;
                }
                yield false;
            }
        };
    }

    private boolean all(java.util.List<Expression> args, EvalContext ctx) {
        boolean constant = true;
        for (Expression a : args) {
            constant &= fold(a, ctx);
        }
        return constant;
    }

    /** simplify_and/or_arguments: a constant that decides (false for AND, true for OR) ends the list. */
    private boolean foldBoolOp(Expression.BoolOp b, EvalContext ctx) {
        boolean constant = true;
        for (Expression a : b.args()) {
            boolean c = fold(a, ctx);
            if (c && Boolean.valueOf(!b.and()).equals(a.eval(ctx))) {
                return true;
            }
            constant &= c;
        }
        return constant;
    }

    /** COALESCE: a constant that is not null makes the arguments after it unreachable. */
    private boolean foldCoalesce(Expression.Coalesce c, EvalContext ctx) {
        boolean constant = true;
        for (Expression a : c.args()) {
            boolean k = fold(a, ctx);
            if (k && a.eval(ctx) != null) {
                return constant;
            }
            constant &= k;
        }
        return constant;
    }

    private boolean foldCase(Expression.Case c, EvalContext ctx) {
        for (Expression.When w : c.whens()) {
            boolean constantCondition = fold(w.condition(), ctx);
            Object v = constantCondition ? w.condition().eval(ctx) : null;
            if (constantCondition && !Boolean.TRUE.equals(v)) {
                continue; // never chosen: dropped unexamined
            }
            fold(w.result(), ctx);
            if (constantCondition) {
                return false; // always chosen: the arms after it and ELSE are dropped
            }
        }
        if (c.otherwise() != null) {
            fold(c.otherwise(), ctx);
        }
        return false;
    }

    /**
     * Conversions between the date/time types and to or from strings depend on TimeZone and DateStyle
     * (stable in pg_cast's functions); every other conversion here is immutable.
     */
    private static boolean immutableCast(SqlType from, SqlType to) {
        return !isZoneDependent(from) && !isZoneDependent(to);
    }

    private static boolean isZoneDependent(SqlType t) {
        return t == SqlType.DATE || t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ;
    }

    /** {@link Expression.Call#eval}, with the values of arguments folded before taken as they are. */
    private Object call(Expression.Call c, EvalContext ctx) {
        Object[] values = new Object[c.args().size()];
        for (int i = 0; i < values.length; i++) {
            Expression a = c.args().get(i);
            values[i] = folded != null && folded.containsKey(a) ? folded.get(a) : a.eval(ctx);
            if (values[i] == null && c.routine().strict()) {
                return null;
            }
        }
        return c.routine().body().apply(values, ctx);
    }
}
