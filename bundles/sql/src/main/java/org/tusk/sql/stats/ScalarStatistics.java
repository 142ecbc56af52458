package org.tusk.sql.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.tusk.sql.eval.Ordering;
import org.tusk.sql.types.SqlType;

/**
 * analyze.c's compute_scalar_stats for one column of a sample: every type Tusk stores has a btree
 * ordering, so every column gets this treatment (PostgreSQL's compute_distinct_stats, for types with
 * equality only, is never needed). The arithmetic follows PostgreSQL's step by step so that a table
 * sampled completely yields the very numbers PostgreSQL stores.
 */
public final class ScalarStatistics {

    /** analyze.c's WIDTH_THRESHOLD: wider values take no part in the value statistics. */
    static final int WIDTH_THRESHOLD = 1024;

    private ScalarStatistics() {
    }

    /** A run of equal values in the sorted sample: where it starts and how long it is (ScalarMCVItem). */
    private record Run(int first, int count) {
    }

    /**
     * The statistics of a column.
     *
     * @param values    the column's values in the sample rows, in sample order, nulls included
     * @param type      the column's type
     * @param totalRows the estimated number of rows of the table
     * @param target    the statistics target (default_statistics_target)
     * @return the statistics, or null when the sample has no rows
     */
    public static ColumnStatistics compute(List<Object> values, SqlType type, double totalRows, int target) {
        int sampleRows = values.size();
        if (sampleRows == 0) {
            return null;
        }
        boolean varWidth = type.length() < 0;
        int nullCount = 0;
        int tooWide = 0;
        double totalWidth = 0;
        List<Object> nonNull = new ArrayList<>(sampleRows);
        for (Object v : values) {
            if (v == null) {
                nullCount++;
                continue;
            }
            if (varWidth) {
                totalWidth += StoredWidth.of(v, type);
                // Very wide values are counted (as distinct) but not compared: they would bloat the
                // statistics and are unlikely to be common anyway.
                if (StoredWidth.rawSize(v, type) > WIDTH_THRESHOLD) {
                    tooWide++;
                    continue;
                }
            }
            nonNull.add(v);
        }
        int valuesCount = nonNull.size();
        int nonNullCount = valuesCount + tooWide;
        if (nonNullCount == 0) {
            // Only nulls: assume the column is entirely null; width and distinct count are "unknown".
            return new ColumnStatistics(1.0f, varWidth ? 0 : type.length(), 0.0f, List.of(), List.of(), List.of(),
                    null);
        }
        if (valuesCount == 0) {
            // Only values too wide to compare: assume they are all different.
            float nullFrac = (float) ((double) nullCount / sampleRows);
            return new ColumnStatistics(nullFrac, (int) (totalWidth / nonNullCount), -1.0f * (1.0f - nullFrac),
                    List.of(), List.of(), List.of(), null);
        }
        // Sort by value and, among equal values, by position in the sample: compare_scalars' order.
        Integer[] order = new Integer[valuesCount];
        for (int i = 0; i < valuesCount; i++) {
            order[i] = i;
        }
        List<Object> keys = sortKeys(nonNull, type);
        SqlType keyType = keys == nonNull ? type : SqlType.TEXT;
        Comparator<Integer> byValue = (a, b) -> Ordering.compare(keys.get(a), keys.get(b), keyType);
        Arrays.sort(order, byValue.thenComparingInt(i -> i));

        // Scan the sorted values: count distinct values and those seen more than once, keep the
        // num_mcv longest runs (ties: the earlier run stays ahead), and sum x*y for the correlation.
        int numMcv = target;
        List<Run> track = new ArrayList<>();
        double corrXySum = 0;
        int distinct = 0;
        int multiple = 0;
        int dups = 0;
        for (int i = 0; i < valuesCount; i++) {
            corrXySum += (double) i * order[i];
            dups++;
            boolean lastOfRun = i + 1 == valuesCount
                    || Ordering.compare(keys.get(order[i]), keys.get(order[i + 1]), keyType) != 0;
            if (lastOfRun) {
                distinct++;
                if (dups > 1) {
                    multiple++;
                    if (track.size() < numMcv || dups > track.getLast().count()) {
                        if (track.size() == numMcv) {
                            track.removeLast();
                        }
                        int j = track.size();
                        while (j > 0 && dups > track.get(j - 1).count()) {
                            j--;
                        }
                        track.add(j, new Run(i + 1 - dups, dups));
                    }
                }
                dups = 0;
            }
        }

        float nullFrac = (float) ((double) nullCount / sampleRows);
        int width = varWidth ? (int) (totalWidth / nonNullCount) : type.length();
        double stadistinct;
        if (multiple == 0) {
            // No value repeats: a unique column, discounting the nulls.
            stadistinct = -1.0 * (1.0 - nullFrac);
        } else if (tooWide == 0 && multiple == distinct) {
            // Every value repeats: assume the column has just these values.
            stadistinct = distinct;
        } else {
            // Haas and Stokes' Duj1 estimator n*d / (n - f1 + f1*n/N), over the non-null values.
            int f1 = distinct - multiple + tooWide;
            int d = f1 + multiple;
            double n = sampleRows - nullCount;
            double bigN = totalRows * (1.0 - nullFrac);
            double estimate = bigN > 0 ? (n * d) / ((n - f1) + f1 * n / bigN) : 0;
            estimate = Math.min(Math.max(estimate, d), bigN);
            stadistinct = Math.floor(estimate + 0.5);
        }
        // More distinct values than 10% of the rows: assume the count grows with the table.
        if (stadistinct > 0.1 * totalRows) {
            stadistinct = -(stadistinct / totalRows);
        }
        float storedDistinct = (float) stadistinct;

        // How many of the tracked values are worth keeping as most common values.
        if (track.size() == distinct && tooWide == 0 && storedDistinct > 0 && track.size() <= numMcv) {
            numMcv = track.size(); // every value seen is in the list, and all fit
        } else {
            numMcv = Math.min(numMcv, track.size());
            if (numMcv > 0) {
                int[] counts = new int[numMcv];
                for (int i = 0; i < numMcv; i++) {
                    counts[i] = track.get(i).count();
                }
                numMcv = McvList.significant(counts, numMcv, storedDistinct, nullFrac, sampleRows, totalRows);
            }
        }
        List<Object> mcvValues = new ArrayList<>();
        List<Float> mcvFreqs = new ArrayList<>();
        for (int i = 0; i < numMcv; i++) {
            mcvValues.add(nonNull.get(order[track.get(i).first()]));
            mcvFreqs.add((float) ((double) track.get(i).count() / sampleRows));
        }

        // A histogram if at least two distinct values are not in the MCV list.
        List<Object> histogram = new ArrayList<>();
        int numHist = distinct - numMcv;
        if (numHist > target) {
            numHist = target + 1;
        }
        if (numHist >= 2) {
            List<Run> kept = new ArrayList<>(track.subList(0, numMcv));
            kept.sort(Comparator.comparingInt(Run::first));
            List<Object> rest = new ArrayList<>(valuesCount);
            int src = 0;
            for (Run r : kept) {
                while (src < r.first()) {
                    rest.add(nonNull.get(order[src++]));
                }
                src = r.first() + r.count();
            }
            while (src < valuesCount) {
                rest.add(nonNull.get(order[src++]));
            }
            // The first and last values and evenly spaced ones between: values[(i * (nvals - 1)) / (num_hist - 1)].
            int nvals = rest.size();
            int delta = (nvals - 1) / (numHist - 1);
            int deltaFrac = (nvals - 1) % (numHist - 1);
            int pos = 0;
            int posFrac = 0;
            for (int i = 0; i < numHist; i++) {
                histogram.add(rest.get(pos));
                pos += delta;
                posFrac += deltaFrac;
                if (posFrac >= numHist - 1) {
                    pos++;
                    posFrac -= numHist - 1;
                }
            }
        }

        // The correlation of sorted position with sample position; both are 0 .. values_cnt-1.
        Float correlation = null;
        if (valuesCount > 1) {
            double xSum = ((double) (valuesCount - 1)) * valuesCount / 2.0;
            double x2Sum = ((double) (valuesCount - 1)) * valuesCount * (double) (2 * valuesCount - 1) / 6.0;
            correlation = (float) ((valuesCount * corrXySum - xSum * xSum) / (valuesCount * x2Sum - xSum * xSum));
        }
        return new ColumnStatistics(nullFrac, width, storedDistinct, mcvValues, mcvFreqs, histogram, correlation);
    }

    /**
     * What the sort compares: the values themselves, except for character(n), whose comparison
     * (bpcharcmp) ignores trailing spaces. Its values are compared as text with those spaces cut once
     * per value here, rather than twice per comparison (a sample of 30,000 padded values costs about
     * a million comparisons: pgbench_accounts' filler, 84 spaces a row). Equal keys mean equal values,
     * and the order is the same, so the statistics are unchanged.
     */
    private static List<Object> sortKeys(List<Object> values, SqlType type) {
        if (type != SqlType.BPCHAR) {
            return values;
        }
        List<Object> keys = new ArrayList<>(values.size());
        for (Object v : values) {
            String s = (String) v;
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            }
            keys.add(s.substring(0, end));
        }
        return keys;
    }
}
