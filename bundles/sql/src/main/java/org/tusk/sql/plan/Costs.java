package org.tusk.sql.plan;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.IndexScan;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.TableScan;
import org.tusk.sql.types.TypeContext;

/**
 * PostgreSQL's cost model (costsize.c), in its units: fetching a page sequentially costs seq_page_cost
 * (1), a page at random random_page_cost (4), handling a row cpu_tuple_cost (0.01), an index entry
 * cpu_index_tuple_cost (0.005), an operator or function call cpu_operator_cost (0.0025). Each method
 * sets a plan node's startup cost (before its first row) and total cost (all rows) from those of its
 * inputs; the planner compares total costs. Simplifications, all stated where they are made: an index's
 * size is estimated from its table's rows, there is no correlation statistic (an index scan's heap
 * reads are counted as random), and an expression costs cpu_operator_cost per operator or function in
 * it. A method switched off by its enable_* setting is not forbidden but made to cost disable_cost more,
 * as PostgreSQL does, so a query with no other way still has a plan.
 */
final class Costs {
    /** PostgreSQL's disable_cost. */
    static final double DISABLE_COST = 1.0e10;
    private static final double BLCKSZ = 8192;
    /** Bytes of per-row overhead in memory and in temporary files (tuple header and slot), about PostgreSQL's. */
    private static final double ROW_OVERHEAD = 24;

    final double seqPageCost;
    final double randomPageCost;
    final double cpuTupleCost;
    final double cpuIndexTupleCost;
    final double cpuOperatorCost;
    /** effective_cache_size in pages. */
    final double effectiveCacheSize;
    /** work_mem in bytes. */
    final double workMem;
    final boolean enableSeqScan;
    final boolean enableIndexScan;
    final boolean enableSort;
    final boolean enableHashJoin;
    final boolean enableMergeJoin;
    final boolean enableNestLoop;
    final boolean enableMaterial;
    /** Up to this many relations in one join search are ordered by dynamic programming, beyond it greedily. */
    final int geqoThreshold;

    /** What {@link #exprCost} found for each condition (the join search asks again for every split). */
    private final java.util.Map<Expression, Double> exprCosts = new java.util.IdentityHashMap<>();

    private Costs(java.util.function.Function<String, String> settings) {
        seqPageCost = real(settings, "seq_page_cost", 1);
        randomPageCost = real(settings, "random_page_cost", 4);
        cpuTupleCost = real(settings, "cpu_tuple_cost", 0.01);
        cpuIndexTupleCost = real(settings, "cpu_index_tuple_cost", 0.005);
        cpuOperatorCost = real(settings, "cpu_operator_cost", 0.0025);
        effectiveCacheSize = kilobytes(settings, "effective_cache_size", 4L * 1024 * 1024) * 1024 / BLCKSZ;
        workMem = kilobytes(settings, "work_mem", 4096) * 1024;
        enableSeqScan = bool(settings, "enable_seqscan");
        enableIndexScan = bool(settings, "enable_indexscan");
        enableSort = bool(settings, "enable_sort");
        enableHashJoin = bool(settings, "enable_hashjoin");
        enableMergeJoin = bool(settings, "enable_mergejoin");
        enableNestLoop = bool(settings, "enable_nestloop");
        enableMaterial = bool(settings, "enable_material");
        geqoThreshold = bool(settings, "geqo") ? (int) real(settings, "geqo_threshold", 12) : Integer.MAX_VALUE;
    }

    /** The model with the session's settings (its defaults when {@code types} is no session), for one planning. */
    static Costs of(TypeContext types) {
        if (types instanceof EvalContext session) {
            return new Costs(name -> {
                try {
                    return session.setting(name);
                } catch (RuntimeException unknown) {
                    return null;
                }
            });
        }
        return new Costs(name -> null); // PostgreSQL's defaults
    }

    private static double real(java.util.function.Function<String, String> settings, String name, double dflt) {
        String v = settings.apply(name);
        try {
            return v == null ? dflt : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static boolean bool(java.util.function.Function<String, String> settings, String name) {
        String v = settings.apply(name);
        return v == null || !v.strip().equalsIgnoreCase("off");
    }

    /** A memory setting's value in kB (SHOW prints it with a unit: "4MB", "64kB", "4GB"). */
    private static double kilobytes(java.util.function.Function<String, String> settings, String name, double dflt) {
        String v = settings.apply(name);
        if (v == null) {
            return dflt;
        }
        v = v.strip();
        double unit = 1;
        String[][] units = {{"kB", "1"}, {"MB", "1024"}, {"GB", "1048576"}, {"TB", "1073741824"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                v = v.substring(0, v.length() - 2).strip();
                unit = Double.parseDouble(u[1]);
            }
        }
        try {
            return Double.parseDouble(v) * unit;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** clamp_row_est: a row count is a whole number, at least 1. */
    static double clampRows(double rows) {
        return rows <= 1 || Double.isNaN(rows) ? 1 : Math.rint(rows);
    }

    /** Evaluating an expression once: cpu_operator_cost per operator or function call in it. */
    double exprCost(Expression e) {
        if (e == null) {
            return 0;
        }
        if (e instanceof Expression.BoolOp b) {
            double sum = 0;
            for (Expression a : b.args()) {
                sum += exprCost(a);
            }
            return sum;
        }
        Double known = exprCosts.get(e);
        if (known != null) {
            return known;
        }
        int[] calls = {0};
        Expressions.walk(e, x -> {
            if (x instanceof Expression.Call) {
                calls[0]++;
            }
        });
        double cost = cpuOperatorCost * calls[0];
        exprCosts.put(e, cost);
        return cost;
    }

    /**
     * cost_seqscan: every page read in order, every row handled and its filter evaluated.
     *
     * @param pages  the table's pages
     * @param tuples the table's rows
     */
    void seqScan(TableScan scan, double pages, double tuples) {
        double startup = enableSeqScan ? 0 : DISABLE_COST;
        scan.startupCost = startup;
        scan.totalCost = startup + seqPageCost * pages + (cpuTupleCost + exprCost(scan.qual())) * tuples;
    }

    /**
     * cost_index with btree's cost estimate: the descent of the tree, the index entries in the range
     * (at least one page of them), and a random heap page for each table page holding a fetched row
     * (the Mackert-Lohman estimate of distinct pages, index_pages_fetched). Without a correlation
     * statistic every heap fetch counts as random, PostgreSQL's worst case.
     *
     * @param pages      the table's pages
     * @param tuples     the table's rows
     * @param fetched    the rows the index range yields (before the scan's filter)
     * @param indexQuals how many conditions the index enforces
     * @param loops      how many times the scan runs (the outer rows of a nested loop probing it): pages
     *                   one run read are likely cached for the next, so page fetches are counted over
     *                   all runs and shared out, as cost_index does with its loop_count
     */
    void indexScan(IndexScan scan, double pages, double tuples, double fetched, int indexQuals, double loops) {
        loops = Math.max(1, loops);
        tuples = Math.max(tuples, 1);
        fetched = Math.max(1, Math.min(fetched, tuples));
        // An index entry takes about 40 bytes with its line pointer: ~200 to a page (btree's fill factor).
        double indexPages = Math.max(1, Math.ceil(tuples / 200));
        double height = indexPages <= 1 ? 0 : Math.ceil(Math.log(indexPages) / Math.log(200));
        double descent = Math.ceil(Math.log(tuples) / Math.log(2)) * cpuOperatorCost
                + (height + 1) * 50 * cpuOperatorCost;
        double indexPagesRead = loops > 1 ? pagesFetched(fetched * loops, indexPages) / loops
                : Math.ceil(fetched * indexPages / tuples);
        double indexCost = indexPagesRead * randomPageCost
                + fetched * (cpuIndexTupleCost + indexQuals * cpuOperatorCost);
        double heapPages = pagesFetched(fetched * loops, Math.max(1, pages)) / loops;
        double heapCost = heapPages * randomPageCost;
        double cpu = (cpuTupleCost + exprCost(scan.qual())) * fetched;
        double startup = descent + (enableIndexScan ? 0 : DISABLE_COST);
        scan.startupCost = startup;
        scan.totalCost = startup + indexCost + heapCost + cpu;
    }

    /** index_pages_fetched (Mackert and Lohman) for one scan: distinct pages among {@code tuples} random fetches. */
    double pagesFetched(double tuples, double pages) {
        double b = Math.max(1, effectiveCacheSize);
        double fetched;
        if (pages <= b) {
            fetched = Math.min(2 * pages * tuples / (2 * pages + tuples), pages);
        } else {
            double lim = 2 * pages * b / (2 * pages - b);
            fetched = tuples <= lim ? 2 * pages * tuples / (2 * pages + tuples)
                    : b + (tuples - lim) * (pages - b) / pages;
        }
        return Math.ceil(fetched);
    }

    /**
     * cost_sort: n log2 n comparisons (two operator calls each) before the first row; beyond work_mem
     * the data are written and read back once per merge pass, three quarters in order. Then one
     * operator call per row returned.
     */
    void sort(PlanNode sort, PlanNode input) {
        double tuples = Math.max(2, input.rows);
        double startup = input.totalCost + 2 * cpuOperatorCost * tuples * (Math.log(tuples) / Math.log(2));
        double bytes = input.rows * (input.width + ROW_OVERHEAD);
        if (bytes > workMem) {
            double pages = Math.ceil(bytes / BLCKSZ);
            double runs = Math.ceil(bytes / workMem);
            double mergeOrder = Math.max(6, workMem / (BLCKSZ * 4));
            double passes = Math.max(1, Math.ceil(Math.log(runs) / Math.log(mergeOrder)));
            startup += 2 * pages * passes * (seqPageCost * 0.75 + randomPageCost * 0.25);
        }
        if (!enableSort) {
            startup += DISABLE_COST;
        }
        sort.rows = input.rows;
        sort.width = input.width;
        sort.startupCost = startup;
        sort.totalCost = startup + cpuOperatorCost * input.rows;
    }

    /** How a nested loop reads its inner side for the second and later outer rows. */
    enum Rescan {
        /** Kept by a Materialize node (cost_material): stored once, then read back. */
        MATERIALIZED,
        /** The inner node keeps its own output (a Sort, a function's rows): read back at cpu_operator_cost a row. */
        KEPT,
        /** Run again from the start for every outer row. */
        RERUN
    }

    /** cost_material: {startup, total} of keeping {@code inner}'s rows (two operator calls a row, pages beyond work_mem). */
    double[] materialize(PlanNode inner) {
        double total = inner.totalCost + 2 * cpuOperatorCost * inner.rows;
        double bytes = inner.rows * (inner.width + ROW_OVERHEAD);
        if (bytes > workMem) {
            total += seqPageCost * Math.ceil(bytes / BLCKSZ);
        }
        return new double[] {inner.startupCost, total};
    }

    /**
     * cost_nestloop: the outer side once, the inner side once and then, for each further outer row,
     * read again as {@code how} says; every pair handled and tested against the join condition.
     */
    void nestLoop(PlanNode join, PlanNode outer, PlanNode inner, Expression joinQual, double rows, Rescan how) {
        double startup = outer.startupCost + inner.startupCost;
        double outerRun = outer.totalCost - outer.startupCost;
        double innerRun = inner.totalCost - inner.startupCost;
        double bytes = inner.rows * (inner.width + ROW_OVERHEAD);
        double spillPages = bytes > workMem ? Math.ceil(bytes / BLCKSZ) : 0;
        double first;
        double rescan;
        switch (how) {
            case MATERIALIZED -> {
                double[] m = materialize(inner);
                first = m[1] - m[0];
                rescan = cpuOperatorCost * inner.rows + seqPageCost * spillPages;
            }
            case KEPT -> {
                first = innerRun;
                rescan = cpuOperatorCost * inner.rows + seqPageCost * spillPages;
            }
            default -> {
                first = innerRun;
                rescan = inner.totalCost;
            }
        }
        double run = outerRun + first + Math.max(0, outer.rows - 1) * rescan
                + (cpuTupleCost + exprCost(joinQual)) * outer.rows * inner.rows;
        finish(join, startup + (enableNestLoop ? 0 : DISABLE_COST), run, rows, outer, inner);
    }

    /**
     * A nested loop whose inner side is an index scan keyed by the outer row: the inner scan's whole
     * cost once per outer row, each row it returns handled once.
     */
    void parameterizedNestLoop(PlanNode join, PlanNode outer, PlanNode inner, double rows) {
        double startup = outer.startupCost + inner.startupCost;
        double run = outer.totalCost - outer.startupCost + (inner.totalCost - inner.startupCost)
                + Math.max(0, outer.rows - 1) * inner.totalCost + cpuTupleCost * outer.rows * inner.rows;
        finish(join, startup + (enableNestLoop ? 0 : DISABLE_COST), run, rows, outer, inner);
    }

    /**
     * cost_hashjoin: the inner side hashed before the first row (its keys computed, each row
     * inserted), each outer row's keys computed and about half its bucket compared; beyond work_mem
     * both sides are written to batch files and read back (the inner once before, the outer during).
     *
     * @param innerBucketRows the inner rows expected to share an outer row's bucket
     */
    void hashJoin(PlanNode join, PlanNode outer, PlanNode inner, int hashClauses, double innerBucketRows,
            Expression joinQual, double rows) {
        double startup = outer.startupCost + inner.totalCost
                + (cpuOperatorCost * hashClauses + cpuTupleCost) * inner.rows;
        double run = outer.totalCost - outer.startupCost + cpuOperatorCost * hashClauses * outer.rows;
        double innerBytes = inner.rows * (inner.width + ROW_OVERHEAD + 16);
        if (innerBytes > workMem) {
            double innerPages = Math.ceil(innerBytes / BLCKSZ);
            double outerPages = Math.ceil(outer.rows * (outer.width + ROW_OVERHEAD) / BLCKSZ);
            startup += seqPageCost * innerPages;
            run += seqPageCost * (innerPages + 2 * outerPages);
        }
        run += cpuOperatorCost * hashClauses * outer.rows * Math.max(1, innerBucketRows) * 0.5;
        run += (cpuTupleCost + exprCost(joinQual)) * rows;
        finish(join, startup + (enableHashJoin ? 0 : DISABLE_COST), run, rows, outer, inner);
    }

    /**
     * cost_mergejoin over inputs already sorted (their Sort nodes costed by {@link #sort}): the outer
     * side read once; the inner side read again for each outer row of a repeated key, which
     * cost_mergejoin counts as the join's rows beyond the inner rows (rescanratio), each re-read
     * costing either the inner's own per-row cost or, if cheaper, an operator call (a kept row); one
     * comparison per merge clause per row read; each joined row handled.
     */
    void mergeJoin(PlanNode join, PlanNode outer, PlanNode inner, int mergeClauses, Expression joinQual,
            double rows) {
        double startup = outer.startupCost + inner.startupCost;
        double innerRows = Math.max(1, inner.rows);
        double rescanRatio = 1 + Math.max(0, rows - innerRows) / innerRows;
        double innerRun = inner.totalCost - inner.startupCost;
        double bare = innerRun * rescanRatio;
        double kept = innerRun + cpuOperatorCost * innerRows * rescanRatio;
        double run = outer.totalCost - outer.startupCost + (enableMaterial ? Math.min(bare, kept) : bare)
                + cpuOperatorCost * mergeClauses * (outer.rows + innerRows * rescanRatio)
                + (cpuTupleCost + exprCost(joinQual)) * rows;
        finish(join, startup + (enableMergeJoin ? 0 : DISABLE_COST), run, rows, outer, inner);
    }

    private static void finish(PlanNode join, double startup, double run, double rows, PlanNode outer,
            PlanNode inner) {
        join.startupCost = startup;
        join.totalCost = startup + run;
        join.rows = clampRows(rows);
        join.width = outer.width + inner.width;
    }
}
