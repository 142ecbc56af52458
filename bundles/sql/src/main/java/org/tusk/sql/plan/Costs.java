package org.tusk.sql.plan;

import org.tusk.sql.eval.EvalContext;
import org.tusk.sql.eval.Expression;
import org.tusk.sql.exec.HashedSubPlan;
import org.tusk.sql.exec.IndexScan;
import org.tusk.sql.exec.PlanNode;
import org.tusk.sql.exec.TableScan;
import org.tusk.sql.types.TypeContext;

/**
 * PostgreSQL's cost model (costsize.c), in its units: fetching a page sequentially costs seq_page_cost
 * (1), a page at random random_page_cost (4), handling a row cpu_tuple_cost (0.01), an index entry
 * cpu_index_tuple_cost (0.005), an operator or function call cpu_operator_cost (0.0025). Each method
 * sets a plan node's startup cost (before its first row) and total cost (all rows) from those of its
 * inputs; the planner compares total costs. Simplifications, all stated where they are made: an
 * expression costs cpu_operator_cost per operator or function in it, and the pages competing for the
 * cache in index_pages_fetched are the scanned table's and its index's, not every table of the query.
 * An index's size is its real one when the planner has storage ({@link IndexSize}). A method switched off by its enable_* setting is not forbidden but made to cost disable_cost more,
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
    private final java.util.Map<Expression, Double> exprCosts = new java.util.IdentityHashMap<>(4);

    /** The index expressions and predicates of this planning (analyzed in the session, when there is one). */
    final IndexExpressions indexExpressions;

    private Costs(java.util.function.Function<String, String> settings, EvalContext session) {
        indexExpressions = new IndexExpressions(session);
        seqPageCost = real(settings, "seq_page_cost", 1, "1");
        randomPageCost = real(settings, "random_page_cost", 4, "4");
        cpuTupleCost = real(settings, "cpu_tuple_cost", 0.01, "0.01");
        cpuIndexTupleCost = real(settings, "cpu_index_tuple_cost", 0.005, "0.005");
        cpuOperatorCost = real(settings, "cpu_operator_cost", 0.0025, "0.0025");
        effectiveCacheSize = kilobytes(settings, "effective_cache_size", 4L * 1024 * 1024, "4GB") * 1024 / BLCKSZ;
        workMem = kilobytes(settings, "work_mem", 4096, "4MB") * 1024;
        enableSeqScan = bool(settings, "enable_seqscan");
        enableIndexScan = bool(settings, "enable_indexscan");
        enableSort = bool(settings, "enable_sort");
        enableHashJoin = bool(settings, "enable_hashjoin");
        enableMergeJoin = bool(settings, "enable_mergejoin");
        enableNestLoop = bool(settings, "enable_nestloop");
        enableMaterial = bool(settings, "enable_material");
        geqoThreshold = bool(settings, "geqo") ? (int) real(settings, "geqo_threshold", 12, "12") : Integer.MAX_VALUE;
        enableBitmapScan = bool(settings, "enable_bitmapscan");
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
            }, session);
        }
        return new Costs(name -> null, null); // PostgreSQL's defaults
    }

    /**
     * A real setting's value; {@code dfltText} is how SHOW prints the default, recognised without
     * parsing (every planning reads these settings, and a number's parse allocates).
     */
    private static double real(java.util.function.Function<String, String> settings, String name, double dflt,
            String dfltText) {
        String v = settings.apply(name);
        if (dfltText.equals(v)) {
            return dflt;
        }
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

    /**
     * A memory setting's value in kB (SHOW prints it with a unit: "4MB", "64kB", "4GB"); the default's
     * text ({@code dfltText}) is recognised without parsing.
     */
    private static double kilobytes(java.util.function.Function<String, String> settings, String name, double dflt,
            String dfltText) {
        String v = settings.apply(name);
        if (v == null) {
            return dflt;
        }
        if (dfltText.equals(v)) {
            return dflt;
        }
        v = v.strip();
        double unit = 1;
        if (v.length() > 2) {
            unit = switch (v.substring(v.length() - 2)) {
                case "kB" -> 1;
                case "MB" -> 1024;
                case "GB" -> 1048576;
                case "TB" -> 1073741824;
                default -> 0;
            };
            if (unit == 0) {
                unit = 1;
            } else {
                v = v.substring(0, v.length() - 2).strip();
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
            } else if (x instanceof Expression.SubPlan sp && sp.body() instanceof HashedSubPlan h) {
                // cost_subplan: a probe costs its test expression, one equality
                calls[0]++;
                Expressions.walk(h.tested(), y -> calls[0] += y instanceof Expression.Call ? 1 : 0);
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
        double startup = (enableSeqScan ? 0 : DISABLE_COST) + subPlanStartup(scan.qual());
        scan.startupCost = startup;
        scan.totalCost = startup + seqPageCost * pages + (cpuTupleCost + exprCost(scan.qual())) * tuples;
    }

    /**
     * cost_index with btcostestimate (see {@link #indexCost}): the index's own cost, then the heap
     * pages, between the Mackert-Lohman count of distinct random pages (an uncorrelated index,
     * index_pages_fetched) and the table's share read in order (a perfectly correlated one),
     * interpolated by the squared correlation of the index's first column; then every fetched row
     * handled and filtered.
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
        indexScan(scan, pages, tuples, fetched, indexQuals, loops, 1);
    }

    /** {@link #indexScan} searching the index {@code arrayScans} times, once per element of an IN list. */
    void indexScan(IndexScan scan, double pages, double tuples, double fetched, int indexQuals, double loops,
            int arrayScans) {
        loops = Math.max(1, loops);
        tuples = Math.max(tuples, 1);
        fetched = Math.max(1, Math.min(fetched, tuples));
        double selectivity = fetched / tuples;
        IndexCost index = indexCost(scan.path(), scan.relation(), tuples, selectivity, indexQuals, loops, arrayScans);
        pages = Math.max(1, pages);
        double tuplesFetched = clampRows(selectivity * tuples);
        double maxIo;
        double minIo;
        if (loops > 1) {
            maxIo = pagesFetched(tuplesFetched * loops, pages, index.pages()) * randomPageCost / loops;
            double correlated = Math.ceil(selectivity * pages);
            minIo = pagesFetched(correlated * loops, pages, index.pages()) * randomPageCost / loops;
        } else {
            maxIo = pagesFetched(tuplesFetched, pages, index.pages()) * randomPageCost;
            double correlated = Math.ceil(selectivity * pages);
            minIo = correlated > 0 ? randomPageCost + (correlated - 1) * seqPageCost : 0;
        }
        double csquared = index.correlation() * index.correlation();
        double startup = index.startup() + (enableIndexScan ? 0 : DISABLE_COST);
        double run = index.total() - index.startup() + maxIo + csquared * (minIo - maxIo)
                + (cpuTupleCost + exprCost(scan.qual())) * tuplesFetched;
        scan.startupCost = startup;
        scan.totalCost = startup + run;
    }

    /**
     * index_pages_fetched (Mackert and Lohman): distinct pages among {@code tuples} random fetches from
     * a table of {@code pages} pages, with the table's share of effective_cache_size as the buffer
     * (the pages competing for it are the table's and the index's).
     */
    double pagesFetched(double tuples, double pages, double indexPages) {
        double t = Math.max(1, pages);
        double total = Math.max(1, t + indexPages);
        double b = effectiveCacheSize * t / total;
        b = b <= 1 ? 1 : Math.ceil(b);
        double fetched;
        if (t <= b) {
            fetched = 2 * t * tuples / (2 * t + tuples);
            return fetched >= t ? t : Math.ceil(fetched);
        }
        double lim = 2 * t * b / (2 * t - b);
        fetched = tuples <= lim ? 2 * t * tuples / (2 * t + tuples) : b + (tuples - lim) * (t - b) / t;
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

    // ------------------------------------------------------------ index and bitmap scans

    /** enable_bitmapscan. */
    final boolean enableBitmapScan;
    /** Where index sizes come from (the planner's storage); null: estimated from the table's rows. */
    private IndexSize indexSizes;

    /** Has index costs use the indexes' real sizes, read through {@code sizes}. */
    void useIndexSizes(IndexSize sizes) {
        this.indexSizes = sizes;
    }

    /**
     * What btcostestimate (over genericcostestimate) finds for scanning one index: startup and total
     * cost of the index alone, the fraction of the table's rows it returns, the index correlation and
     * the index pages read.
     */
    record IndexCost(double startup, double total, double selectivity, double correlation, double pages) {
    }

    /**
     * btcostestimate: the entries in range ({@code selectivity} of the table's {@code tuples}, at least
     * one, one for equality on every column of a unique index) read from as many leaf pages as their
     * share of the index (random reads, shared over {@code loops} runs with Mackert-Lohman), each
     * entry handled and its conditions tested; the key values computed once (startup); the descent
     * costs log2(entries) comparisons plus 50 operator costs per level touched (the tree's height plus
     * the leaf), per array element for {@code x = ANY(array)} ({@code arrayScans} scans). The
     * correlation is the index's first column's from pg_statistic, times 0.75 for a multi-column index.
     */
    IndexCost indexCost(IndexPath path, org.tusk.sql.schema.Relation relation, double tuples, double selectivity,
            int indexQuals, double loops, int arrayScans) {
        IndexSize.Size size = indexSizes == null ? IndexSize.estimated(tuples)
                : indexSizes.of(path.index(), relation, tuples);
        double indexTuples = Math.max(tuples, 0);
        double entries = path.uniqueMatch() && arrayScans <= 1 ? 1
                : Math.rint(selectivity * indexTuples / Math.max(1, arrayScans));
        entries = Math.max(1, Math.min(entries, Math.max(1, indexTuples)));
        double indexPages = size.pages() > 1 && indexTuples > 1 ? Math.ceil(entries * size.pages() / indexTuples) : 1;
        double total;
        if (loops > 1 || arrayScans > 1) {
            double fetched = pagesFetched(indexPages * arrayScans * loops, size.pages(), size.pages());
            total = fetched * randomPageCost / loops;
        } else {
            total = indexPages * randomPageCost;
        }
        double argCost = 0;
        for (Expression e : path.equalities()) {
            argCost += exprCost(e);
        }
        argCost += exprCost(path.lower()) + exprCost(path.upper());
        double startup = argCost;
        total += argCost + entries * arrayScans * (cpuIndexTupleCost + cpuOperatorCost * indexQuals);
        if (indexTuples > 1) {
            double descent = Math.ceil(Math.log(indexTuples) / Math.log(2)) * cpuOperatorCost;
            startup += descent;
            total += arrayScans * descent;
        }
        double levels = (size.height() + 1) * 50 * cpuOperatorCost;
        startup += levels;
        total += arrayScans * levels;
        double correlation = 0;
        var stats = path.index().columns().getFirst() == 0 ? null
                : relation.columnStats(path.index().columns().getFirst());
        if (stats != null && stats.correlation() != null) {
            correlation = stats.correlation();
            if (path.index().columns().size() > 1) {
                correlation *= 0.75;
            }
        }
        return new IndexCost(startup, total, selectivity, correlation, indexPages);
    }

    /**
     * A Bitmap Index Scan as one input of a bitmap (cost_bitmap_tree_node for an index path): the
     * index's cost plus a tenth of an operator call per row to put its TID in the bitmap, so that a
     * bitmap never looks as cheap as a plain index scan for a row or two.
     */
    double bitmapTreeCost(IndexCost index, double rows) {
        return index.total() + 0.1 * cpuOperatorCost * rows;
    }

    /** cost_bitmap_and_node: the inputs' costs plus 100 operator calls per intersection. */
    double bitmapAndCost(double[] inputCosts) {
        double total = 0;
        for (int i = 0; i < inputCosts.length; i++) {
            total += inputCosts[i] + (i > 0 ? 100 * cpuOperatorCost : 0);
        }
        return total;
    }

    /** cost_bitmap_or_node: the inputs' costs plus 100 operator calls per union with an input that is no index scan. */
    double bitmapOrCost(double[] inputCosts, boolean[] plainIndex) {
        double total = 0;
        for (int i = 0; i < inputCosts.length; i++) {
            total += inputCosts[i] + (i > 0 && !plainIndex[i] ? 100 * cpuOperatorCost : 0);
        }
        return total;
    }

    /**
     * tbm_calculate_entries: how many page entries a TID bitmap holds within work_mem (a hash entry
     * of 48 bytes and two pointers each), at least 16.
     */
    double bitmapMaxEntries() {
        return Math.max(16, Math.floor(workMem / (48 + 8 + 8)));
    }

    /**
     * cost_bitmap_heap_scan with compute_bitmap_pages: the bitmap built first ({@code bitmapCost},
     * startup); the heap pages holding {@code selectivity} of the rows (Mackert-Lohman without
     * re-reads, or over all {@code loops}), each costing between random_page_cost and seq_page_cost by
     * the square root of the table's share read; beyond work_mem some pages are lossy and all their
     * rows are fetched; every fetched row handled and checked against all the scan's conditions
     * (recheck and filter, as PostgreSQL assumes the recheck always runs).
     */
    double[] bitmapHeapScan(double bitmapCost, double selectivity, double pages, double tuples,
            Expression allConds, double loops) {
        double t = Math.max(1, pages);
        double tuplesFetched = clampRows(selectivity * tuples);
        double fetched = 2 * t * tuplesFetched / (2 * t + tuplesFetched);
        double heapPages = Math.min(fetched, pages);
        double maxEntries = bitmapMaxEntries();
        if (loops > 1) {
            fetched = pagesFetched(tuplesFetched * loops, pages, 0) / loops;
        }
        fetched = fetched >= t ? t : Math.ceil(fetched);
        if (maxEntries < heapPages) {
            double lossy = Math.max(0, heapPages - maxEntries / 2);
            double exact = heapPages - lossy;
            if (lossy > 0) {
                tuplesFetched = clampRows(selectivity * (exact / heapPages) * tuples + (lossy / heapPages) * tuples);
            }
        }
        double costPerPage = fetched >= 2 ? randomPageCost - (randomPageCost - seqPageCost) * Math.sqrt(fetched / t)
                : randomPageCost;
        double startup = bitmapCost + (enableBitmapScan ? 0 : DISABLE_COST);
        double run = fetched * costPerPage + (cpuTupleCost + exprCost(allConds)) * tuplesFetched;
        return new double[] {startup, startup + run};
    }

    /**
     * cost_subplan for the hashed SubPlans in {@code e}: the subquery run whole and each of its rows
     * put in the hash table before the first row is tested (a cost paid at startup).
     */
    double subPlanStartup(Expression e) {
        double[] startup = {0};
        Expressions.walk(e, x -> {
            if (x instanceof Expression.SubPlan sp && sp.body() instanceof HashedSubPlan h) {
                PlanNode plan = h.plan();
                while (plan.label() == null && !plan.children().isEmpty()) {
                    plan = plan.children().getFirst(); // a projection: the costs EXPLAIN shows are below it
                }
                startup[0] += plan.totalCost + cpuOperatorCost * plan.rows;
            }
        });
        return startup[0];
    }
}
