package org.tusk.sql.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.schema.ColumnStats;

/**
 * The fraction of rows that pass a condition, as PostgreSQL's clausesel.c and selfuncs.c estimate it.
 * The planner asks here and nowhere else, so that what ANALYZE gathered (pg_statistic: null fraction,
 * distinct count, most common values, histogram) refines every estimate at once. A condition on a
 * column without statistics gets PostgreSQL's defaults: DEFAULT_EQ_SEL for equality, DEFAULT_INEQ_SEL
 * for a range bound, and for a join on equality one over the larger side's distinct count (200 when
 * unknown). The formulas and their reasons are in the sql README, section "Statistics".
 */
final class Selectivity {

    /** PostgreSQL's DEFAULT_EQ_SEL. */
    static final double DEFAULT_EQ_SEL = 0.005;
    /** PostgreSQL's DEFAULT_INEQ_SEL. */
    static final double DEFAULT_INEQ_SEL = 1.0 / 3.0;
    /** PostgreSQL's DEFAULT_NUM_DISTINCT. */
    static final double DEFAULT_NUM_DISTINCT = VarStats.DEFAULT_NUM_DISTINCT;
    /** DEFAULT_RANGE_INEQ_SEL: both bounds of a range on a column without statistics. */
    static final double DEFAULT_RANGE_INEQ_SEL = 0.005;
    /** DEFAULT_UNK_SEL, DEFAULT_NOT_UNK_SEL: IS NULL and IS NOT NULL without statistics. */
    static final double DEFAULT_UNK_SEL = 0.005;
    /** DEFAULT_BOOL_SEL: a boolean column or IS TRUE without statistics. */
    static final double DEFAULT_BOOL_SEL = 0.5;
    /** DEFAULT_MATCH_SEL: LIKE without a usable pattern. */
    static final double DEFAULT_MATCH_SEL = 0.005;

    private Selectivity() {
    }

    /**
     * The fraction of {@code input}'s rows for which {@code clause} (a condition that reads only
     * columns of {@code input}) is true.
     */
    static double restriction(Expression clause, PlanNode input) {
        return clamp(new Restriction(input).clause(clause));
    }

    /**
     * clauselist_selectivity: the fraction of {@code input}'s rows that pass all of {@code conjuncts}.
     * Better than multiplying {@link #restriction} per conjunct, because a lower and an upper bound on
     * one column (BETWEEN, once split into conjuncts) are estimated together as a range.
     */
    static double conjunction(List<Expression> conjuncts, PlanNode input) {
        if (conjuncts.isEmpty()) {
            return 1.0;
        }
        return restriction(conjuncts.size() == 1 ? conjuncts.getFirst() : new Expression.BoolOp(true, conjuncts),
                input);
    }

    /**
     * The fraction of the cross product of {@code left} and {@code right} for which the join
     * {@code clause} is true.
     */
    static double join(Expression clause, PlanNode left, PlanNode right) {
        if (clause instanceof Expression.Call call && call.args().size() == 2) {
            String op = call.routine().name();
            if (op.equals("=") || op.equals("<>")) {
                VarStats a = VarStats.examine(call.args().get(0), left);
                VarStats b = VarStats.examine(call.args().get(1), right);
                if (a == null || b == null) {
                    a = VarStats.examine(call.args().get(0), right);
                    b = VarStats.examine(call.args().get(1), left);
                }
                double eq = a != null && b != null ? JoinSelectivity.equal(a, b, op.equals("=") ? call : null)
                        : 1.0 / DEFAULT_NUM_DISTINCT;
                if (op.equals("=")) {
                    return clamp(eq);
                }
                // neqjoinsel: the complement of equality among non-null pairs.
                double nulls = (a == null ? 0 : a.nullFrac()) + (b == null ? 0 : b.nullFrac());
                return clamp(1.0 - eq - nulls);
            }
        }
        if (clause instanceof Expression.Call call && call.routine().name().equals("=")) {
            return 1.0 / DEFAULT_NUM_DISTINCT;
        }
        return DEFAULT_INEQ_SEL;
    }

    /**
     * The number of distinct values {@code e} takes over {@code input}'s rows (GROUP BY, DISTINCT):
     * estimate_num_groups for one expression. A column with statistics has its distinct count, reduced
     * when the input keeps only part of the table (PostgreSQL's formula for picking rows at random);
     * other expressions PostgreSQL's default 200. Never more than the input's rows.
     */
    static double distinct(Expression e, PlanNode input) {
        VarStats v = VarStats.examine(e, input);
        double rows = Math.max(input.rows, 1);
        if (v == null || v.distinctIsDefault()) {
            return Math.min(rows, DEFAULT_NUM_DISTINCT);
        }
        double nd = v.numDistinct();
        if (rows < v.tuples() && nd > 0) {
            nd *= 1 - Math.pow((v.tuples() - rows) / v.tuples(), v.tuples() / nd);
        }
        return VarStats.clampRows(Math.min(nd, rows));
    }

    /**
     * estimate_num_groups: the groups of GROUP BY {@code keys} over {@code input}, the product of the
     * keys' distinct counts (as if independent), never more than the input's rows.
     */
    static double groups(List<Expression> keys, PlanNode input) {
        double groups = 1;
        for (Expression k : keys) {
            groups *= distinct(k, input);
        }
        return VarStats.clampRows(Math.min(groups, Math.max(input.rows, 1)));
    }

    /** CLAMP_PROBABILITY. */
    static double clamp(double p) {
        if (Double.isNaN(p) || p < 0) {
            return 0;
        }
        return Math.min(p, 1);
    }

    /** clause_selectivity over one input, with the IN-list slots of enclosing {@code Shared} nodes resolved. */
    private static final class Restriction {
        private final PlanNode input;
        private final Map<Expression.Slot, Expression> shared = new IdentityHashMap<>(4);

        Restriction(PlanNode input) {
            this.input = input;
        }

        double clause(Expression clause) {
            return switch (clause) {
                case Expression.BoolOp b when b.and() -> and(b.args());
                case Expression.BoolOp b -> or(b.args());
                case Expression.Not n -> 1.0 - clamp(clause(n.arg()));
                case Expression.IsNull n -> nullTest(n.arg(), n.negated());
                case Expression.BooleanTest t -> booleanTest(t);
                case Expression.Shared s -> {
                    shared.put(s.slot(), s.source());
                    yield inList(s);
                }
                case Expression.Const c -> c.value() instanceof Boolean v ? (v ? 1.0 : 0.0) : 0.0;
                case Expression.Call call when call.args().size() == 2 -> operator(call);
                case Expression.Var v -> booleanColumn(v);
                case Expression.ScalarArrayOp a -> scalarArray(a);
                // boolvarsel's default for a boolean expression without statistics (a SubPlan's value)
                case Expression.SubPlan s -> 0.5;
                default -> DEFAULT_INEQ_SEL;
            };
        }

        /**
         * scalararraysel: the operator's selectivity for each element, combined as for independent
         * events (OR for ANY, AND for ALL); for {@code = ANY} the elements' equalities exclude each
         * other, so their sum is taken when it is a probability (and for {@code <> ALL} one minus the
         * sum of the complements). An array not known at planning counts as ten unknown elements.
         */
        private double scalarArray(Expression.ScalarArrayOp a) {
            boolean equality = a.useOr() && a.op().name().equals("=");
            boolean inequality = !a.useOr() && a.op().name().equals("<>");
            List<Expression> elements = ScalarArrayElements.known(a);
            double s = a.useOr() ? 0.0 : 1.0;
            double disjoint = s;
            if (elements == null) {
                if (ScalarArrayElements.isNullConstant(a.array())) {
                    return 0.0; // a strict operator with a NULL array is never true
                }
                double s2 = clamp(operator(new Expression.Call(a.op(), List.of(a.left(), a.array()))));
                for (int i = 0; i < ScalarArrayElements.UNKNOWN_ELEMENTS; i++) {
                    s = a.useOr() ? s + s2 - s * s2 : s * s2;
                }
                return s;
            }
            for (Expression element : elements) {
                double s2 = clamp(operator(new Expression.Call(a.op(), List.of(a.left(), element))));
                if (a.useOr()) {
                    s = s + s2 - s * s2;
                    disjoint += s2;
                } else {
                    s = s * s2;
                    disjoint += s2 - 1.0;
                }
            }
            if ((equality || inequality) && disjoint >= 0.0 && disjoint <= 1.0) {
                s = disjoint;
            }
            return s;
        }

        /** An expression with IN's value slot replaced by the value. */
        private Expression resolve(Expression e) {
            if (e instanceof Expression.Slot s && shared.containsKey(s)) {
                return shared.get(s);
            }
            return e;
        }

        /**
         * clauselist_selectivity: the product of the conjuncts', except that a lower and an upper bound
         * on the same column are estimated together as a range (hisel + losel - 1), because they are
         * anything but independent.
         */
        private double and(List<Expression> args) {
            List<Expression> flat = new ArrayList<>();
            Expressions.conjuncts(new Expression.BoolOp(true, args), flat);
            double s = 1.0;
            List<RangeBound> bounds = new ArrayList<>();
            for (Expression c : flat) {
                RangeBound bound = RangeBound.of(c, this);
                if (bound != null) {
                    bounds.add(bound);
                } else {
                    s *= clamp(clause(c));
                }
            }
            while (!bounds.isEmpty()) {
                RangeBound first = bounds.removeFirst();
                RangeBound other = null;
                for (RangeBound b : bounds) {
                    if (b.sameColumn(first) && b.upper() != first.upper()) {
                        other = b;
                        break;
                    }
                }
                if (other == null) {
                    s *= first.selectivity();
                    continue;
                }
                bounds.remove(other);
                s *= range(first, other);
            }
            return s;
        }

        private double range(RangeBound a, RangeBound b) {
            double lo = a.upper() ? b.selectivity() : a.selectivity();
            double hi = a.upper() ? a.selectivity() : b.selectivity();
            if (a.isDefault() || b.isDefault()) {
                return DEFAULT_RANGE_INEQ_SEL;
            }
            double s = hi + lo - 1.0;
            s += a.column().nullFrac(); // both bounds excluded the nulls
            if (s <= 0.0) {
                s = s < -0.01 ? DEFAULT_RANGE_INEQ_SEL : 1.0e-10;
            }
            return s;
        }

        /** OR: s1 + s2 - s1 * s2, as for independent events. */
        private double or(List<Expression> args) {
            double s = 0;
            for (Expression a : args) {
                double s2 = clamp(clause(a));
                s = s + s2 - s * s2;
            }
            return s;
        }

        /** IN (list): equalities with distinct constants exclude each other, so their sum (if it makes sense). */
        private double inList(Expression.Shared s) {
            if (s.body() instanceof Expression.BoolOp b && !b.and()) {
                double sum = 0;
                for (Expression a : b.args()) {
                    if (!(a instanceof Expression.Call c && c.routine().name().equals("="))) {
                        return clause(s.body());
                    }
                    sum += clamp(clause(a));
                }
                if (sum <= 1.0) {
                    return sum;
                }
            }
            return clause(s.body());
        }

        /** nulltestsel. */
        private double nullTest(Expression arg, boolean negated) {
            VarStats v = VarStats.examine(resolve(arg), input);
            if (v == null || v.stats() == null) {
                return negated ? 1.0 - DEFAULT_UNK_SEL : DEFAULT_UNK_SEL;
            }
            return negated ? 1.0 - v.nullFrac() : v.nullFrac();
        }

        /** booltestsel: IS [NOT] TRUE/FALSE/UNKNOWN from the column's frequency of true and of nulls. */
        private double booleanTest(Expression.BooleanTest t) {
            VarStats v = VarStats.examine(resolve(t.arg()), input);
            double s;
            if (v == null || v.stats() == null) {
                s = t.expected() == null ? DEFAULT_UNK_SEL : DEFAULT_BOOL_SEL;
            } else if (t.expected() == null) {
                s = v.nullFrac();
            } else {
                double freqTrue = trueFraction(v);
                s = t.expected() ? freqTrue : 1.0 - freqTrue - v.nullFrac();
            }
            return t.negated() ? 1.0 - s : s;
        }

        /** boolvarsel: a boolean column as a condition is "column = true". */
        private double booleanColumn(Expression.Var v) {
            VarStats s = VarStats.examine(v, input);
            if (s == null || s.stats() == null) {
                return DEFAULT_BOOL_SEL;
            }
            return trueFraction(s);
        }

        private static double trueFraction(VarStats v) {
            ColumnStats s = v.stats();
            for (int i = 0; i < s.mcvValues().size(); i++) {
                if (Boolean.TRUE.equals(s.mcvValues().get(i))) {
                    return s.mcvFreqs().get(i);
                }
            }
            if (s.mcvValues().isEmpty()) {
                return (1.0 - v.nullFrac()) / 2;
            }
            return 1.0 - s.mcvTotal() - v.nullFrac();
        }

        /** A comparison of a column with a constant or parameter, else PostgreSQL's defaults. */
        private double operator(Expression.Call call) {
            String op = call.routine().name();
            Expression left = resolve(call.args().get(0));
            Expression right = resolve(call.args().get(1));
            VarStats l = VarStats.examine(left, input);
            VarStats r = VarStats.examine(right, input);
            VarStats v = null;
            Expression other = null;
            boolean varOnLeft = true;
            if (l != null && isValue(right)) {
                v = l;
                other = right;
            } else if (r != null && isValue(left)) {
                v = r;
                other = left;
                varOnLeft = false;
            }
            switch (op) {
                case "=", "<>" -> {
                    double eq = v == null ? DEFAULT_EQ_SEL : ColumnComparison.equal(v, call, varOnLeft, other);
                    if (op.equals("=")) {
                        return eq;
                    }
                    return v == null ? 1.0 - DEFAULT_EQ_SEL : 1.0 - eq - v.nullFrac();
                }
                case "<", "<=", ">", ">=" -> {
                    return v == null ? DEFAULT_INEQ_SEL : ColumnComparison.inequality(v, call, varOnLeft, other);
                }
                case "~~", "!~~" -> {
                    double s = v == null ? DEFAULT_MATCH_SEL : ColumnComparison.like(v, call, varOnLeft, other);
                    return op.equals("~~") ? s : 1.0 - s - (v == null ? 0 : v.nullFrac());
                }
                default -> {
                    return DEFAULT_INEQ_SEL;
                }
            }
        }

        /** A side whose value is known when the scan starts: a constant, a parameter, an expression of those. */
        static boolean isValue(Expression e) {
            return ColumnComparison.constant(e) != ColumnComparison.NOT_CONSTANT || e instanceof Expression.Param;
        }
    }

    /** One side of a range: {@code column < value} (upper) or {@code column > value}, with its selectivity. */
    private record RangeBound(VarStats column, boolean upper, double selectivity, boolean isDefault) {

        static RangeBound of(Expression c, Restriction r) {
            if (!(c instanceof Expression.Call call) || call.args().size() != 2) {
                return null;
            }
            String op = call.routine().name();
            if (!op.equals("<") && !op.equals("<=") && !op.equals(">") && !op.equals(">=")) {
                return null;
            }
            Expression left = r.resolve(call.args().get(0));
            Expression right = r.resolve(call.args().get(1));
            VarStats v = VarStats.examine(left, r.input);
            boolean varOnLeft = true;
            Expression other = right;
            if (v == null || !Restriction.isValue(right)) {
                v = VarStats.examine(right, r.input);
                varOnLeft = false;
                other = left;
                if (v == null || !Restriction.isValue(left)) {
                    return null;
                }
            }
            boolean less = op.startsWith("<") == varOnLeft;
            double s = ColumnComparison.inequality(v, call, varOnLeft, other);
            return new RangeBound(v, less, s, s == DEFAULT_INEQ_SEL);
        }

        boolean sameColumn(RangeBound o) {
            return column.var().slot() == o.column.var().slot() && column.var().index() == o.column.var().index();
        }
    }
}
