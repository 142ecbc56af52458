package org.tusk.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.eval.Parameters;
import org.tusk.sql.eval.Routine;
import org.tusk.sql.eval.RowSlot;
import org.tusk.sql.exec.SeqScan;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.ColumnStats;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.RelationId;

/** Selectivity's formulas on hand-made statistics: the numbers selfuncs.c's formulas give. */
class SelectivityTest {

    private static final double EPS = 1e-9;

    private static Routine compare(String op) {
        return new Routine(op, List.of(SqlType.INT4, SqlType.INT4), SqlType.BOOL, true, (x, ctx) -> {
            int c = Integer.compare((Integer) x[0], (Integer) x[1]);
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        });
    }

    private static Expression call(String op, Expression l, Expression r) {
        return new Expression.Call(compare(op), List.of(l, r));
    }

    private static Expression constant(int v) {
        return new Expression.Const(SqlType.INT4, -1, v, 0);
    }

    /** A scan of a one-column table of {@code rows} rows with these statistics. */
    private static SeqScan scan(String name, double rows, ColumnStats stats) {
        Relation r = new Relation(16384, 2200, "public", name, 'r', new RelationId(5, 16384),
                List.of(new Column(1, "a", SqlType.INT4, -1, false, null, '\0')), List.of(), List.of(), List.of(),
                List.of(), null, 10, rows, stats == null ? Map.of() : Map.of(1, stats));
        SeqScan scan = new SeqScan(r, null, new RowSlot(name));
        scan.rows = rows;
        scan.tuples = rows;
        return scan;
    }

    private static Expression.Var column(SeqScan scan) {
        return new Expression.Var(scan.slots().getFirst(), 0, SqlType.INT4, -1, "a");
    }

    /** Half the rows are 1, the rest 5001 .. 10000 (the histogram ANALYZE makes of them). */
    private static ColumnStats skewed() {
        List<Object> bounds = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            bounds.add(5001 + i * 4999 / 100);
        }
        return new ColumnStats(0, 4, -0.5001, List.of(1), List.of(0.5), bounds, 1.0);
    }

    @Test
    void aLowerAndAnUpperBoundAreOneRange() {
        SeqScan s = scan("t", 10000, skewed());
        Expression a = column(s);
        // a >= 6000 (bound 20): 0.5 * (0.8 + 0.0002), as ">=" adds the share of one value (1 / 5000);
        // a <= 8000 (bound 60): 0.5 + 0.5 * 0.6; together 0.8 + 0.4001 - 1.
        Expression between = new Expression.BoolOp(true, List.of(call(">=", a, constant(6000)),
                call("<=", a, constant(8000))));
        assertEquals(0.2001, Selectivity.restriction(between, s), EPS);
        // the same as a list of conjuncts
        assertEquals(0.2001, Selectivity.conjunction(List.of(call(">=", a, constant(6000)),
                call("<=", a, constant(8000))), s), EPS);
        // written the other way round, with "<" for the upper bound: 0.5 + 0.5 * (0.6 - 0.0002)
        Expression flipped = new Expression.BoolOp(true, List.of(call("<=", constant(6000), a),
                call(">", constant(8000), a)));
        assertEquals(0.2, Selectivity.restriction(flipped, s), EPS);
        // without statistics both bounds together are DEFAULT_RANGE_INEQ_SEL
        SeqScan plain = scan("p", 10000, null);
        Expression b = column(plain);
        assertEquals(0.005, Selectivity.restriction(new Expression.BoolOp(true, List.of(call(">", b, constant(1)),
                call("<", b, constant(5)))), plain), EPS);
    }

    @Test
    void equalityWithAParameterAveragesOverTheDistinctValues() {
        SeqScan s = scan("t", 10000, skewed());
        Parameters p = Parameters.variable(new SqlType[] {SqlType.INT4});
        Expression eq = call("=", column(s), new Expression.Param(1, p));
        // (1 - nullfrac) / ndistinct, ndistinct = 0.5001 * 10000
        assertEquals(1.0 / 5001, Selectivity.restriction(eq, s), EPS);
        assertEquals(1.0 / 3.0, Selectivity.restriction(call("<", column(s), new Expression.Param(1, p)), s), EPS);
        // NOT: the complement
        assertEquals(0.5, Selectivity.restriction(new Expression.Not(call("=", column(s), constant(1))), s), EPS);
    }

    @Test
    void joinEqualityWithoutCommonValuesUsesTheLargerDistinctCount() {
        SeqScan left = scan("l", 10000, new ColumnStats(0.25, 4, 3, List.of(), List.of(), List.of(), null));
        SeqScan right = scan("r", 100, new ColumnStats(0, 4, -1, List.of(), List.of(), List.of(), 1.0));
        // (1 - 0.25) * (1 - 0) / max(3, 100)
        assertEquals(0.0075, Selectivity.join(call("=", column(left), column(right)), left, right), EPS);
        assertEquals(0.0075, Selectivity.join(call("=", column(right), column(left)), left, right), EPS);
    }

    @Test
    void joinEqualityMatchesTheCommonValues() {
        SeqScan left = scan("l", 1000,
                new ColumnStats(0, 4, 4, List.of(1, 2), List.of(0.5, 0.25), List.of(), null));
        SeqScan right = scan("r", 1000,
                new ColumnStats(0, 4, 10, List.of(1, 3), List.of(0.1, 0.1), List.of(), null));
        // matched pair 1: 0.05; from the left's view 0.05 + 0.25 * 0.8 / 8 + 0.25 * 0.9 / 9 = 0.1,
        // from the right's 0.05 + 0.1 * 0.25 / 2 + 0.8 * 0.5 / 3 = 0.1958...: the smaller wins.
        assertEquals(0.1, Selectivity.join(call("=", column(left), column(right)), left, right), EPS);
    }

    @Test
    void groupsComeFromTheDistinctCount() {
        SeqScan s = scan("t", 10000, new ColumnStats(0.25, 4, 3, List.of(0, 1, 2), List.of(0.25, 0.25, 0.25),
                List.of(), null));
        assertEquals(3, Selectivity.distinct(column(s), s), EPS);
        // without statistics: the default 200
        SeqScan plain = scan("p", 10000, null);
        assertEquals(200, Selectivity.distinct(column(plain), plain), EPS);
        // after a filter keeping 10 of 10000 rows, a unique column has at most 10 values
        SeqScan unique = scan("u", 10000, new ColumnStats(0, 4, -1, List.of(), List.of(), List.of(), 1.0));
        unique.rows = 10;
        assertEquals(10, Selectivity.distinct(column(unique), unique), EPS);
    }
}
