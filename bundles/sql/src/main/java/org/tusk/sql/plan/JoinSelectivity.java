package org.tusk.sql.plan;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.schema.ColumnStats;

/**
 * eqjoinsel_inner: the selectivity of {@code a = b} between two tables. Without most common values on
 * both sides it is (1 - nullfrac1)(1 - nullfrac2) / max(nd1, nd2): every value of the side with fewer
 * distinct values finds its partners on the other side. With them, the pairs of common values that
 * match are counted exactly, and the remaining rows are spread evenly over the remaining distinct
 * values, from either side's point of view; the smaller of the two estimates wins.
 */
final class JoinSelectivity {

    private JoinSelectivity() {
    }

    /** {@code call} is the equality whose function matches common values, null to use distinct counts only. */
    static double equal(VarStats a, VarStats b, Expression.Call call) {
        double nd1 = a.numDistinct();
        double nd2 = b.numDistinct();
        ColumnStats s1 = a.stats();
        ColumnStats s2 = b.stats();
        if (call != null && s1 != null && s2 != null && !s1.mcvValues().isEmpty() && !s2.mcvValues().isEmpty()) {
            return withCommonValues(s1, s2, nd1, nd2, call);
        }
        double selec = (1.0 - a.nullFrac()) * (1.0 - b.nullFrac());
        return selec / Math.max(nd1, nd2);
    }

    private static double withCommonValues(ColumnStats s1, ColumnStats s2, double nd1, double nd2,
            Expression.Call call) {
        List<Object> v1 = s1.mcvValues();
        List<Object> v2 = s2.mcvValues();
        boolean[] matched1 = new boolean[v1.size()];
        boolean[] matched2 = new boolean[v2.size()];
        double matchProdFreq = 0;
        int matches = 0;
        for (int i = 0; i < v1.size(); i++) {
            for (int j = 0; j < v2.size(); j++) {
                if (!matched2[j] && equal(call, v1.get(i), v2.get(j))) {
                    matched1[i] = true;
                    matched2[j] = true;
                    matchProdFreq += s1.mcvFreqs().get(i) * s2.mcvFreqs().get(j);
                    matches++;
                    break;
                }
            }
        }
        matchProdFreq = Selectivity.clamp(matchProdFreq);
        double matchFreq1 = 0;
        double unmatchFreq1 = 0;
        for (int i = 0; i < v1.size(); i++) {
            if (matched1[i]) {
                matchFreq1 += s1.mcvFreqs().get(i);
            } else {
                unmatchFreq1 += s1.mcvFreqs().get(i);
            }
        }
        double matchFreq2 = 0;
        double unmatchFreq2 = 0;
        for (int j = 0; j < v2.size(); j++) {
            if (matched2[j]) {
                matchFreq2 += s2.mcvFreqs().get(j);
            } else {
                unmatchFreq2 += s2.mcvFreqs().get(j);
            }
        }
        double otherFreq1 = Selectivity.clamp(1.0 - s1.nullFrac() - matchFreq1 - unmatchFreq1);
        double otherFreq2 = Selectivity.clamp(1.0 - s2.nullFrac() - matchFreq2 - unmatchFreq2);
        double total1 = matchProdFreq;
        if (nd2 > v2.size()) {
            total1 += unmatchFreq1 * otherFreq2 / (nd2 - v2.size());
        }
        if (nd2 > matches) {
            total1 += otherFreq1 * (otherFreq2 + unmatchFreq2) / (nd2 - matches);
        }
        double total2 = matchProdFreq;
        if (nd1 > v1.size()) {
            total2 += unmatchFreq2 * otherFreq1 / (nd1 - v1.size());
        }
        if (nd1 > matches) {
            total2 += otherFreq2 * (otherFreq1 + unmatchFreq1) / (nd1 - matches);
        }
        return Math.min(total1, total2);
    }

    private static boolean equal(Expression.Call call, Object x, Object y) {
        try {
            return Boolean.TRUE.equals(call.routine().body().apply(new Object[] {x, y}, null));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
