package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.List;

import org.tusk.spi.SqlException;
import org.tusk.sql.ast.Expr;
import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.AggCall;
import org.tusk.sql.exec.AggFunction;

/**
 * GROUP BY's grouping sets (parse_agg.c's expand_grouping_sets): ROLLUP, CUBE, GROUPING SETS and
 * {@code ()} expand into a list of sets of plain expressions, several items multiplying out; and the
 * GROUPING() function, whose value is, for the set a row belongs to, one bit per argument (the first
 * the most significant), set when that argument is not grouped in it.
 *
 * <p>Each set is aggregated on its own over the same input, the expressions outside the set reading
 * NULL, and the results are appended: PostgreSQL's plan with one sort or hash per set (its
 * MixedAggregate) gives the same rows.
 */
final class GroupingSets {

    /**
     * The placeholder of a GROUPING() call until the set it is computed for is known; {@code positions}
     * are its arguments' places in the query text, for the error about one that is not grouped.
     */
    record Placeholder(List<Integer> positions) implements AggFunction {
        @Override
        public Object initial() {
            throw new IllegalStateException("GROUPING() is computed per grouping set");
        }

        @Override
        public Object step(Object state, Object[] args, EvalContext ctx) {
            throw new IllegalStateException("GROUPING() is computed per grouping set");
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            throw new IllegalStateException("GROUPING() is computed per grouping set");
        }
    }

    private GroupingSets() {
    }

    /** The sets of {@code groupBy}'s items, or null if they are plain expressions only (no grouping sets). */
    static List<List<Expr>> expand(List<Expr> groupBy) {
        if (groupBy.stream().noneMatch(g -> g instanceof Expr.GroupingSet)) {
            return null;
        }
        List<List<Expr>> result = List.of(List.of());
        for (Expr item : groupBy) {
            List<List<Expr>> next = new ArrayList<>();
            for (List<Expr> before : result) {
                for (List<Expr> set : sets(item)) {
                    List<Expr> joined = new ArrayList<>(before);
                    joined.addAll(set);
                    next.add(joined);
                }
            }
            result = next;
        }
        return result;
    }

    private static List<List<Expr>> sets(Expr item) {
        if (item instanceof Expr.RowConstructor r) {
            return List.of(r.fields());
        }
        if (!(item instanceof Expr.GroupingSet g)) {
            return List.of(List.of(item));
        }
        List<List<Expr>> out = new ArrayList<>();
        switch (g.kind()) {
            case EMPTY -> out.add(List.of());
            case ROLLUP -> {
                // ROLLUP (a, b, c): (a, b, c), (a, b), (a), ().
                for (int k = g.items().size(); k >= 0; k--) {
                    List<Expr> set = new ArrayList<>();
                    for (Expr unit : g.items().subList(0, k)) {
                        set.addAll(unit(unit));
                    }
                    out.add(set);
                }
            }
            case CUBE -> {
                // CUBE (a, b): (a, b), (a), (b), (): every subset, the first item as the highest bit.
                int n = g.items().size();
                for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                    List<Expr> set = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << (n - 1 - i))) != 0) {
                            set.addAll(unit(g.items().get(i)));
                        }
                    }
                    out.add(set);
                }
            }
            case SETS -> {
                for (Expr element : g.items()) {
                    out.addAll(sets(element));
                }
            }
        }
        return out;
    }

    /** An item of ROLLUP or CUBE: an expression, or a parenthesized list grouped as one unit. */
    private static List<Expr> unit(Expr e) {
        return e instanceof Expr.RowConstructor r ? r.fields() : List.of(e);
    }

    /**
     * The aggregate calls for one set: each GROUPING() placeholder becomes that set's constant.
     *
     * @param grouped the positions in {@code groupBy} of the expressions this set groups by
     */
    static List<AggCall> forSet(List<AggCall> aggregates, List<Expression> groupBy, List<Integer> grouped) {
        List<Expression> normalized = groupBy.stream().map(Expressions::normalized).toList();
        List<AggCall> out = new ArrayList<>(aggregates.size());
        for (AggCall a : aggregates) {
            if (!(a.function() instanceof Placeholder placeholder)) {
                out.add(a);
                continue;
            }
            int mask = 0;
            for (int k = 0; k < a.args().size(); k++) {
                int i = normalized.indexOf(Expressions.normalized(a.args().get(k)));
                if (i < 0) {
                    throw SqlException.at("42803",
                            "arguments to GROUPING must be grouping expressions of the associated query level",
                            placeholder.positions().get(k));
                }
                mask = (mask << 1) | (grouped.contains(i) ? 0 : 1);
            }
            out.add(new AggCall(a.name(), new Constant(mask), List.of(), false, null, List.of()));
        }
        return out;
    }

    /** An "aggregate" whose value is fixed: GROUPING() within one set. */
    private record Constant(int value) implements AggFunction {
        @Override
        public Object initial() {
            return value;
        }

        @Override
        public Object step(Object state, Object[] args, EvalContext ctx) {
            return state;
        }

        @Override
        public Object finish(Object state, EvalContext ctx) {
            return state;
        }

        @Override
        public boolean strict() {
            return false;
        }
    }
}
