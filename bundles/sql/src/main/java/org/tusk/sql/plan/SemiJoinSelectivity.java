package org.tusk.sql.plan;

import java.util.List;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.TableScan;
import org.tusk.sql.schema.ColumnStats;

/**
 * The fraction of outer rows that find at least one partner on the inner side of a semi join
 * (clauselist_selectivity with JOIN_SEMI): an anti join keeps the rest. An equality between two
 * columns is eqjoinsel_semi, other conditions are estimated as for an inner join.
 */
final class SemiJoinSelectivity {

    private SemiJoinSelectivity() {
    }

    static double of(List<Expression> conds, PlanNode outer, PlanNode inner) {
        double s = 1;
        for (Expression c : conds) {
            s *= one(c, outer, inner);
        }
        return Selectivity.clamp(s);
    }

    private static double one(Expression c, PlanNode outer, PlanNode inner) {
        if (thrownBack(c, outer, inner)) {
            return 1.0;
        }
        if (c instanceof Expression.Call call && call.routine().name().equals("=") && call.args().size() == 2) {
            Expression x = call.args().get(0);
            Expression y = call.args().get(1);
            if (reads(y, outer) && !reads(x, outer)) {
                Expression t = x;
                x = y;
                y = t;
            }
            if (reads(x, outer) && reads(y, inner)) {
                // never more rows than the inner join of the same inputs would give (eqjoinsel's clamp)
                return Math.min(equal(VarStats.examine(x, outer), VarStats.examine(y, inner), call, inner),
                        inner.rows * Selectivity.join(c, outer, inner));
            }
        }
        return Selectivity.join(c, outer, inner);
    }

    /**
     * eqjoinsel_semi. The inner side's distinct count is clamped to the rows its table keeps and to the
     * inner input's rows (the only way the inner side's own conditions reach the estimate); the outer
     * one is not, as outer conditions already reduced the outer rows the fraction is applied to.
     */
    static double equal(VarStats a, VarStats b, Expression.Call call, PlanNode inner) {
        double nd1 = a == null ? VarStats.DEFAULT_NUM_DISTINCT : a.numDistinct();
        boolean default1 = a == null || a.distinctIsDefault();
        double nd2 = b == null ? VarStats.DEFAULT_NUM_DISTINCT : b.numDistinct();
        boolean default2 = b == null || b.distinctIsDefault();
        if (b != null) {
            TableScan scan = scanOf(b.var(), inner);
            if (scan != null && nd2 >= scan.rows) {
                nd2 = scan.rows;
                default2 = false;
            }
        }
        if (nd2 >= inner.rows) {
            nd2 = inner.rows;
            default2 = false;
        }
        double nullFrac1 = a == null ? 0 : a.nullFrac();
        ColumnStats s1 = a == null ? null : a.stats();
        ColumnStats s2 = b == null ? null : b.stats();
        if (s1 != null && s2 != null && !s1.mcvValues().isEmpty() && !s2.mcvValues().isEmpty()) {
            // Only as many of the inner side's common values as it can have distinct values count.
            int values2 = (int) Math.min(s2.mcvValues().size(), nd2);
            boolean[] matched2 = new boolean[values2];
            double matchFreq1 = 0;
            int matches = 0;
            for (int i = 0; i < s1.mcvValues().size(); i++) {
                for (int j = 0; j < values2; j++) {
                    if (!matched2[j] && equal(call, s1.mcvValues().get(i), s2.mcvValues().get(j))) {
                        matched2[j] = true;
                        matchFreq1 += s1.mcvFreqs().get(i);
                        matches++;
                        break;
                    }
                }
            }
            matchFreq1 = Selectivity.clamp(matchFreq1);
            double uncertainFrac;
            if (!default1 && !default2) {
                nd1 -= matches;
                nd2 -= matches;
                uncertainFrac = nd1 <= nd2 || nd2 < 0 ? 1.0 : nd2 / nd1;
            } else {
                uncertainFrac = 0.5;
            }
            double uncertain = Selectivity.clamp(1.0 - matchFreq1 - nullFrac1);
            return Selectivity.clamp(matchFreq1 + uncertainFrac * uncertain);
        }
        if (!default1 && !default2) {
            return nd1 <= nd2 || nd2 < 0 ? 1.0 - nullFrac1 : nd2 / nd1 * (1.0 - nullFrac1);
        }
        return 0.5 * (1.0 - nullFrac1);
    }

    private static boolean equal(Expression.Call call, Object x, Object y) {
        try {
            return Boolean.TRUE.equals(call.routine().body().apply(new Object[] {x, y}, null));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code e} reads a slot {@code node} fills, and no slot it does not among its columns. */
    private static boolean reads(Expression e, PlanNode node) {
        boolean[] inside = {false};
        Expressions.walk(e, x -> inside[0] |= x instanceof Expression.Var v && node.slots().contains(v.slot()));
        return inside[0];
    }

    private static TableScan scanOf(Expression.Var var, PlanNode node) {
        if (node instanceof TableScan scan && scan.slots().contains(var.slot())) {
            return scan;
        }
        for (PlanNode child : node.children()) {
            TableScan s = scanOf(var, child);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * Whether {@code c} equates a column of each side whose scans both keep only one and the same
     * constant: reconsider_outer_join_clause derived the inner side's restriction from the outer one's
     * (an anti join keeps the clause only to be tested), and "the thrown-back clause has no extra
     * selectivity": PostgreSQL estimates it as always true (outer_selec 1.0). The inner-join
     * estimate of the clause is then 1 too, which is what PostgreSQL's costs of such a join show.
     */
    static boolean thrownBack(Expression c, PlanNode outer, PlanNode inner) {
        if (!(c instanceof Expression.Call call) || !call.routine().name().equals("=") || call.args().size() != 2
                || !(call.args().get(0) instanceof Expression.Var x)
                || !(call.args().get(1) instanceof Expression.Var y)) {
            return false;
        }
        if (!outer.slots().contains(x.slot())) {
            Expression.Var t = x;
            x = y;
            y = t;
        }
        if (!outer.slots().contains(x.slot()) || !inner.slots().contains(y.slot())) {
            return false;
        }
        Expression.Const a = constantOf(x, outer);
        Expression.Const b = constantOf(y, inner);
        return a != null && b != null && a.value() != null && a.type() == b.type()
                && a.value().equals(b.value());
    }

    /** The constant the scan of {@code var} in {@code node} equates it to in its conditions, if any. */
    private static Expression.Const constantOf(Expression.Var var, PlanNode node) {
        TableScan scan = scanOf(var, node);
        if (scan == null) {
            return null;
        }
        List<Expression> quals = new java.util.ArrayList<>();
        Expressions.conjuncts(scan.qual(), quals);
        for (Expression q : quals) {
            if (q instanceof Expression.Call call && call.routine().name().equals("=") && call.args().size() == 2) {
                Expression l = call.args().get(0);
                Expression r = call.args().get(1);
                if (r instanceof Expression.Var && l instanceof Expression.Const) {
                    Expression t = l;
                    l = r;
                    r = t;
                }
                if (l instanceof Expression.Var v && v.slot() == var.slot() && v.index() == var.index()
                        && r instanceof Expression.Const k) {
                    return k;
                }
            }
        }
        return null;
    }
}
