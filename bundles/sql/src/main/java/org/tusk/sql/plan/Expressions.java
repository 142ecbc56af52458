package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tusk.sql.eval.Expression;

/**
 * Walking and rewriting analyzed expressions (expression_tree_mutator): the planner replaces grouped
 * expressions by the aggregation's output, finds the row slots a condition reads, splits ANDs.
 */
public final class Expressions {

    private Expressions() {
    }

    /**
     * Rebuilds {@code e} top-down: where {@code f} returns non-null that replaces the subtree, else the
     * node is rebuilt from its rewritten children. Subqueries are not entered.
     */
    public static Expression rewrite(Expression e, Function<Expression, Expression> f) {
        if (e == null) {
            return null;
        }
        Expression r = f.apply(e);
        if (r != null) {
            return r;
        }
        return switch (e) {
            case Expression.Const c -> c;
            case Expression.Var v -> v;
            case Expression.Param p -> p;
            case Expression.SessionValue s -> s;
            case Expression.Slot s -> s;
            case Expression.SubPlan s -> s;
            case Expression.Call c -> new Expression.Call(c.routine(), all(c.args(), f));
            case Expression.Cast c -> new Expression.Cast(rewrite(c.arg(), f), c.type(), c.typmod(), c.explicit());
            case Expression.BoolOp b -> new Expression.BoolOp(b.and(), all(b.args(), f));
            case Expression.Not n -> new Expression.Not(rewrite(n.arg(), f));
            case Expression.IsNull n -> new Expression.IsNull(rewrite(n.arg(), f), n.negated());
            case Expression.BooleanTest b -> new Expression.BooleanTest(rewrite(b.arg(), f), b.expected(), b.negated());
            case Expression.DistinctFrom d -> new Expression.DistinctFrom(rewrite(d.left(), f), rewrite(d.right(), f),
                    d.equals(), d.negated());
            case Expression.Shared s -> new Expression.Shared(rewrite(s.source(), f), s.slot(), rewrite(s.body(), f));
            case Expression.ArrayExpr a -> new Expression.ArrayExpr(a.type(), all(a.elements(), f));
            case Expression.Case c -> {
                List<Expression.When> whens = new ArrayList<>();
                for (Expression.When w : c.whens()) {
                    whens.add(new Expression.When(rewrite(w.condition(), f), rewrite(w.result(), f)));
                }
                yield new Expression.Case(c.type(), c.typmod(), whens, rewrite(c.otherwise(), f));
            }
            case Expression.Coalesce c -> new Expression.Coalesce(c.type(), c.typmod(), all(c.args(), f));
            case Expression.MinMax m -> new Expression.MinMax(m.type(), m.typmod(), all(m.args(), f), m.better());
            case Expression.NullIf n -> new Expression.NullIf(rewrite(n.left(), f), rewrite(n.right(), f), n.equals());
            case Expression.ScalarArrayOp a -> new Expression.ScalarArrayOp(rewrite(a.left(), f), rewrite(a.array(), f),
                    a.op(), a.useOr(), a.compareType());
        };
    }

    private static List<Expression> all(List<Expression> list, Function<Expression, Expression> f) {
        List<Expression> out = new ArrayList<>(list.size());
        for (Expression e : list) {
            out.add(rewrite(e, f));
        }
        return out;
    }

    /** Calls {@code visitor} on every node of {@code e} (not inside subqueries). */
    public static void walk(Expression e, java.util.function.Consumer<Expression> visitor) {
        rewrite(e, x -> {
            visitor.accept(x);
            return null;
        });
    }

    /** The same expression with constants' positions dropped, so that equal expressions compare equal. */
    public static Expression normalized(Expression e) {
        return rewrite(e, x -> x instanceof Expression.Const c && c.position() != -1
                ? new Expression.Const(c.type(), c.typmod(), c.value(), -1) : null);
    }

    /** The conjuncts of an AND tree. */
    static void conjuncts(Expression e, List<Expression> out) {
        if (e instanceof Expression.BoolOp b && b.and()) {
            for (Expression a : b.args()) {
                conjuncts(a, out);
            }
        } else {
            out.add(e);
        }
    }

    static Expression and(List<Expression> conds) {
        if (conds.isEmpty()) {
            return null;
        }
        return conds.size() == 1 ? conds.getFirst() : new Expression.BoolOp(true, List.copyOf(conds));
    }

    static boolean containsSubPlan(Expression e) {
        boolean[] found = {false};
        walk(e, x -> found[0] |= x instanceof Expression.SubPlan);
        return found[0];
    }
}
