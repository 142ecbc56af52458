package org.tusk.sql.plan;

import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.TableScan;
import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.ColumnStats;
import org.tusk.sql.schema.Relation;
import org.tusk.sql.types.SqlType;

/**
 * What selfuncs.c's examine_variable finds out about one side of a condition: which table column it
 * reads (through casts that keep the value's order), that column's statistics if ANALYZE computed any,
 * and the table's row count, which a negative n_distinct scales with.
 *
 * @param stats  the column's statistics, null without
 * @param tuples the table's rows before any condition, as the planner estimates them
 * @param unique whether a one-column unique index covers the column
 */
record VarStats(Expression.Var var, SqlType type, ColumnStats stats, double tuples, boolean unique) {

    /** PostgreSQL's DEFAULT_NUM_DISTINCT. */
    static final double DEFAULT_NUM_DISTINCT = 200;

    /**
     * The table column {@code e} reads in one of {@code input}'s scans, or null when it is no plain
     * column (an expression, a column of a subquery or function).
     */
    static VarStats examine(Expression e, PlanNode input) {
        Expression.Var var = stripCasts(e) instanceof Expression.Var v ? v : null;
        if (var == null) {
            return null;
        }
        TableScan scan = scanOf(var, input);
        if (scan == null) {
            // A column of a subquery or function in the input has no statistics; one of another input
            // (the other side of a join) is not this input's at all.
            return fills(input, var) ? new VarStats(var, var.type(), null, Math.max(input.rows, 1), false) : null;
        }
        Relation r = scan.relation();
        if (var.index() >= r.columns().size()) {
            return null;
        }
        Column column = r.columns().get(var.index());
        boolean unique = r.indexes().stream().anyMatch(i -> i.unique() && i.plain() && i.columns().size() == 1
                && i.columns().getFirst() == column.number());
        double tuples = Math.max(scan.tuples, 1); // the planner's size of the table (rel->tuples)
        return new VarStats(var, column.type(), r.columnStats(column.number()), tuples, unique);
    }

    /** Casts between the integer types or to a wider numeric type keep order and equality. */
    static Expression stripCasts(Expression e) {
        while (e instanceof Expression.Cast c && c.arg().type().category() == c.type().category()) {
            e = c.arg();
        }
        return e;
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

    private static boolean fills(PlanNode node, Expression.Var var) {
        if (node.slots().contains(var.slot())) {
            return true;
        }
        for (PlanNode child : node.children()) {
            if (fills(child, var)) {
                return true;
            }
        }
        return false;
    }

    double nullFrac() {
        return stats == null ? 0 : stats.nullFrac();
    }

    /** get_variable_numdistinct: the column's distinct values, and whether that is a default guess. */
    double numDistinct() {
        double stadistinct = 0;
        if (stats != null) {
            stadistinct = stats.distinct();
        } else if (type == SqlType.BOOL) {
            stadistinct = 2;
        }
        if (unique) {
            stadistinct = -1.0 * (1.0 - nullFrac());
        }
        if (stadistinct > 0) {
            return clampRows(stadistinct);
        }
        if (stadistinct < 0) {
            return clampRows(-stadistinct * tuples);
        }
        return tuples < DEFAULT_NUM_DISTINCT ? clampRows(tuples) : DEFAULT_NUM_DISTINCT;
    }

    /** Whether {@link #numDistinct} is only PostgreSQL's default. */
    boolean distinctIsDefault() {
        return stats == null && type != SqlType.BOOL && !unique && tuples >= DEFAULT_NUM_DISTINCT;
    }

    /** clamp_row_est: at least one, rounded. */
    static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }
}
