package org.tusk.sql.stats;

import java.util.List;

/**
 * What ANALYZE found for one column, as pg_statistic stores it: float4 fractions, the width in
 * bytes, stadistinct (positive: a count; negative: minus the fraction of rows; 0: unknown), the most
 * common values (in descending frequency) with their frequencies, the histogram bounds (ascending),
 * and the correlation (null when the sample had fewer than two values). Empty lists mean no slot.
 */
public record ColumnStatistics(float nullFrac, int width, float distinct, List<Object> mcvValues,
        List<Float> mcvFreqs, List<Object> histogram, Float correlation) {

    public ColumnStatistics {
        mcvValues = List.copyOf(mcvValues);
        mcvFreqs = List.copyOf(mcvFreqs);
        histogram = List.copyOf(histogram);
    }
}
