package org.tusk.sql.schema;

import java.util.List;

/**
 * What the planner knows of one column's values from pg_statistic (PostgreSQL's VariableStatData
 * after examine_variable): the null fraction, the average width, the number of distinct values
 * (negative: minus the fraction of rows, so it grows with the table), the most common values with
 * their frequencies, the histogram bounds of the remaining values (ascending), and the correlation
 * between physical and sorted order (null if unknown). Values are SQL values of the column's type;
 * an empty list means ANALYZE stored no such slot.
 */
public record ColumnStats(double nullFrac, int width, double distinct, List<Object> mcvValues,
        List<Double> mcvFreqs, List<Object> histogram, Double correlation) {

    public ColumnStats {
        mcvValues = List.copyOf(mcvValues);
        mcvFreqs = List.copyOf(mcvFreqs);
        histogram = List.copyOf(histogram);
    }

    /** The number of distinct non-null values in a relation of {@code rows} rows. */
    public double distinctIn(double rows) {
        return distinct < 0 ? -distinct * rows : distinct;
    }

    /** The sum of the most common values' frequencies. */
    public double mcvTotal() {
        double sum = 0;
        for (double f : mcvFreqs) {
            sum += f;
        }
        return sum;
    }
}
