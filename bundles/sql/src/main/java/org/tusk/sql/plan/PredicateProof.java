package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.RowSlot;

/**
 * A small part of PostgreSQL's predtest.c: whether a query's conditions imply a partial index's predicate
 * (predicate_implied_by), so that every row the query wants has an entry in the index. Proved here: each
 * conjunct of the predicate is one of the conditions' conjuncts (the same clause), or is {@code x IS NOT
 * NULL} where a condition applies a strict function or operator to {@code x} (a NULL {@code x} makes it
 * NULL, so the row is not wanted). Anything else is not proved, and the index is not used.
 *
 * <p>Expressions are compared with their row slots and constants' positions left out, so an index's
 * predicate analyzed over a slot of its own matches the query's clauses over the scan's.
 */
public final class PredicateProof {
    private static final RowSlot ANY = new RowSlot("");

    private PredicateProof() {
    }

    /** Whether {@code clauses} (ANDed; each may itself be an AND) imply {@code predicate}. */
    public static boolean implied(Expression predicate, List<Expression> clauses) {
        List<Expression> have = new ArrayList<>();
        for (Expression c : clauses) {
            Expressions.conjuncts(comparable(c), have);
        }
        List<Expression> need = new ArrayList<>();
        Expressions.conjuncts(comparable(predicate), need);
        for (Expression n : need) {
            if (!have.contains(n) && !impliedNotNull(n, have)) {
                return false;
            }
        }
        return true;
    }

    /** {@code e} with every column on one slot and constants without positions, for comparison. */
    public static Expression comparable(Expression e) {
        return Expressions.rewrite(e, x -> switch (x) {
            case Expression.Var v -> new Expression.Var(ANY, v.index(), v.type(), v.typmod(), v.name());
            case Expression.Const c when c.position() != -1 -> new Expression.Const(c.type(), c.typmod(), c.value(), -1);
            default -> null;
        });
    }

    /** {@code x IS NOT NULL} implied by a strict call in {@code have} taking {@code x} as an argument. */
    private static boolean impliedNotNull(Expression need, List<Expression> have) {
        if (!(need instanceof Expression.IsNull n) || !n.negated()) {
            return false;
        }
        for (Expression h : have) {
            if (h instanceof Expression.Call c && c.routine().strict() && c.args().contains(n.arg())) {
                return true;
            }
            if (h instanceof Expression.IsNull other && other.negated() && other.arg().equals(n.arg())) {
                return true;
            }
        }
        return false;
    }
}
