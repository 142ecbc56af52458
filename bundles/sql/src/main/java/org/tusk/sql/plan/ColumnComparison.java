package org.tusk.sql.plan;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.ColumnStats;

/**
 * Selectivity of a column compared with a value (selfuncs.c's var_eq_const, var_eq_non_const,
 * scalarineqsel and patternsel). The comparison's own operator is applied to the most common values
 * and histogram bounds, as PostgreSQL calls the operator's function on them, so cross-type comparisons
 * (an int4 column with an int8 constant) need no special cases.
 */
final class ColumnComparison {

    /** What {@link #constant} answers for an expression whose value is not known at planning. */
    static final Object NOT_CONSTANT = new Object();

    private ColumnComparison() {
    }

    /** The value of a constant (possibly cast) expression, or NOT_CONSTANT. */
    static Object constant(Expression e) {
        if (e instanceof Expression.Const c) {
            return c.value();
        }
        if (e instanceof Expression.Cast c && constant(c.arg()) != NOT_CONSTANT) {
            try {
                return c.eval(null);
            } catch (RuntimeException ex) {
                return NOT_CONSTANT; // a cast that needs the session (time zone): not folded here
            }
        }
        return NOT_CONSTANT;
    }

    /** Whether {@code column OP value} (or {@code value OP column}) holds for a column value. */
    private static boolean holds(Expression.Call call, boolean varOnLeft, Object columnValue, Object value) {
        try {
            Object[] args = varOnLeft ? new Object[] {columnValue, value} : new Object[] {value, columnValue};
            return Boolean.TRUE.equals(call.routine().body().apply(args, null));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** eqsel for {@code column = value}; for {@code <>} (neqsel) too, whose operator says "not equal". */
    static double equal(VarStats v, Expression.Call call, boolean varOnLeft, Expression other) {
        boolean negated = call.routine().name().equals("<>");
        Object value = constant(other);
        if (value == NOT_CONSTANT) {
            return equalNonConstant(v);
        }
        if (value == null) {
            return 0.0; // a strict operator with a null is never true
        }
        if (v.unique() && v.tuples() >= 1.0) {
            return 1.0 / v.tuples();
        }
        ColumnStats s = v.stats();
        if (s == null) {
            return 1.0 / v.numDistinct();
        }
        List<Object> mcv = s.mcvValues();
        for (int i = 0; i < mcv.size(); i++) {
            if (holds(call, varOnLeft, mcv.get(i), value) != negated) {
                return s.mcvFreqs().get(i);
            }
        }
        // Not a common value: the rows that are neither common nor null, spread evenly over the other
        // distinct values, but never more than the least common of the common values.
        double selec = Selectivity.clamp(1.0 - s.mcvTotal() - s.nullFrac());
        double otherDistinct = v.numDistinct() - s.mcvFreqs().size();
        if (otherDistinct > 1) {
            selec /= otherDistinct;
        }
        if (!s.mcvFreqs().isEmpty() && selec > s.mcvFreqs().getLast()) {
            selec = s.mcvFreqs().getLast();
        }
        return selec;
    }

    /** var_eq_non_const: a value not known yet ($1) is taken to be any distinct value, equally likely. */
    private static double equalNonConstant(VarStats v) {
        if (v.unique() && v.tuples() >= 1.0) {
            return 1.0 / v.tuples();
        }
        ColumnStats s = v.stats();
        if (s == null) {
            return 1.0 / v.numDistinct();
        }
        double selec = 1.0 - s.nullFrac();
        double nd = v.numDistinct();
        if (nd > 1) {
            selec /= nd;
        }
        if (!s.mcvFreqs().isEmpty() && selec > s.mcvFreqs().getFirst()) {
            selec = s.mcvFreqs().getFirst();
        }
        return selec;
    }

    /**
     * scalarineqsel for {@code <, <=, >, >=}: the common values that satisfy the comparison, plus the
     * histogram's share of the rest (non-null, not common), interpolated linearly inside the bucket the
     * value falls in; half of the rest when there is no histogram.
     */
    static double inequality(VarStats v, Expression.Call call, boolean varOnLeft, Expression other) {
        Object value = constant(other);
        if (value == NOT_CONSTANT || v.stats() == null) {
            return Selectivity.DEFAULT_INEQ_SEL;
        }
        if (value == null) {
            return 0.0;
        }
        ColumnStats s = v.stats();
        double mcvSelec = 0;
        for (int i = 0; i < s.mcvValues().size(); i++) {
            if (holds(call, varOnLeft, s.mcvValues().get(i), value)) {
                mcvSelec += s.mcvFreqs().get(i);
            }
        }
        double otherDistinct = v.numDistinct() - s.mcvFreqs().size();
        double histSelec = histogram(s.histogram(), call, varOnLeft, value, otherDistinct > 1 ? 1.0 / otherDistinct : 0);
        double selec = 1.0 - s.nullFrac() - s.mcvTotal();
        selec *= histSelec >= 0 ? histSelec : 0.5;
        return Selectivity.clamp(selec + mcvSelec);
    }

    /**
     * ineq_histogram_selectivity: the fraction of the histogram's population satisfying the comparison,
     * or -1. {@code eqSelec} is the share of one non-common value (var_eq_const's estimate without the
     * non-null, non-common factor), by which the bounds are corrected: each histogram entry is the
     * rightmost value of its part of the sample, so the interpolated fraction means "x <= value"; "<"
     * and ">=" take one value's share off, and the first bucket, whose left bound is its leftmost value,
     * is widened by it.
     */
    private static double histogram(List<Object> hist, Expression.Call call, boolean varOnLeft, Object value,
            double eqSelec) {
        int n = hist.size();
        if (n < 2) {
            return -1;
        }
        String op = call.routine().name();
        // Whether the comparison keeps the low values (column < value, value > column).
        boolean lowSide = op.startsWith("<") == varOnLeft;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int probe = (lo + hi) / 2;
            boolean satisfies = holds(call, varOnLeft, hist.get(probe), value);
            if (satisfies == lowSide) {
                lo = probe + 1;
            } else {
                hi = probe;
            }
        }
        double histFrac;
        if (lo <= 0) {
            histFrac = 0.0;
        } else if (lo >= n) {
            histFrac = 1.0;
        } else {
            double binFrac = 0.5;
            double[] p = ScalarPosition.of(value, hist.get(lo - 1), hist.get(lo));
            if (p != null && p[2] > p[1]) {
                if (p[0] <= p[1]) {
                    binFrac = 0.0;
                } else if (p[0] >= p[2]) {
                    binFrac = 1.0;
                } else {
                    binFrac = (p[0] - p[1]) / (p[2] - p[1]);
                    if (Double.isNaN(binFrac) || binFrac < 0 || binFrac > 1) {
                        binFrac = 0.5;
                    }
                }
            }
            histFrac = (lo - 1 + binFrac) / (n - 1);
            boolean greater = !lowSide;
            boolean orEqual = op.endsWith("=");
            if (lo == 1) {
                histFrac += eqSelec * (1.0 - binFrac);
            }
            if (greater == orEqual) {
                histFrac -= eqSelec;
            }
        }
        double selec = lowSide ? histFrac : 1.0 - histFrac;
        // The bounds are approximate: no estimate beyond a hundredth of the histogram's resolution.
        double cutoff = 0.01 / (n - 1);
        return Math.min(Math.max(selec, cutoff), 1.0 - cutoff);
    }

    /**
     * LIKE (patternsel, simplified): the common values that match, plus for the rest the fraction of
     * histogram bounds that match (histogram_selectivity), or DEFAULT_MATCH_SEL without a histogram.
     */
    static double like(VarStats v, Expression.Call call, boolean varOnLeft, Expression other) {
        Object value = constant(other);
        ColumnStats s = v.stats();
        if (value == NOT_CONSTANT || s == null || !varOnLeft) {
            return Selectivity.DEFAULT_MATCH_SEL;
        }
        if (value == null) {
            return 0.0;
        }
        // NOT LIKE is estimated as LIKE and complemented by the caller.
        boolean negated = call.routine().name().startsWith("!");
        double mcvSelec = 0;
        for (int i = 0; i < s.mcvValues().size(); i++) {
            if (holds(call, true, s.mcvValues().get(i), value) != negated) {
                mcvSelec += s.mcvFreqs().get(i);
            }
        }
        double rest = Selectivity.DEFAULT_MATCH_SEL;
        if (s.histogram().size() >= 2) {
            int matches = 0;
            for (Object b : s.histogram()) {
                if (holds(call, true, b, value) != negated) {
                    matches++;
                }
            }
            double n = s.histogram().size();
            rest = Math.min(Math.max((double) matches / n, 1.0 / (n * 100)), 1.0 - 1.0 / (n * 100));
        }
        return Selectivity.clamp(mcvSelec + rest * (1.0 - s.nullFrac() - s.mcvTotal()));
    }
}
