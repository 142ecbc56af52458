package org.tusk.sql.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.sql.types.SqlType;

/** compute_scalar_stats' rules on samples whose statistics can be worked out by hand. */
class ScalarStatisticsTest {

    @Test
    void aPartialSampleUsesTheHaasStokesEstimatorAndKeepsOnlySignificantValues() {
        // 100 sampled rows of 1000: 25 values twice, 50 once. d = 75, f1 = 50:
        // n*d / (n - f1 + f1*n/N) = 7500 / 55 = 136.4 -> 136, over 10% of the rows: -0.136.
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            values.add(i);
            values.add(i);
        }
        for (int i = 100; i < 150; i++) {
            values.add(i);
        }
        ColumnStatistics s = ScalarStatistics.compute(values, SqlType.INT4, 1000, 100);
        assertEquals(-0.136f, s.distinct());
        // A value seen twice in 100 rows is not significantly above the 0.0046 the rest would get.
        assertEquals(List.of(), s.mcvValues());
        assertEquals(75, s.histogram().size());
        assertEquals(0, s.histogram().getFirst());
        assertEquals(149, s.histogram().getLast());
        assertEquals(1.0f, s.correlation());
    }

    @Test
    void characterValuesCompareWithoutTheirTrailingSpaces() {
        // bpcharcmp: "b " equals "b", and "a  " (which is "a") sorts before "a\t" although a space
        // is after a tab. Two values repeat, two do not, the whole table is sampled.
        List<Object> values = new ArrayList<>(List.of("b ", "a\t", "c", "b", "a\t", "a  "));
        ColumnStatistics s = ScalarStatistics.compute(values, SqlType.BPCHAR, 6, 100);
        assertEquals(-4 / 6.0f, s.distinct());
        assertEquals(2, s.mcvValues().size());
        assertEquals("a\t", s.mcvValues().get(0)); // ties: the run sorted first stays ahead
        assertEquals("b ", s.mcvValues().get(1)); // the first of its run in sample order
        assertEquals(List.of("a  ", "c"), s.histogram());
    }

    @Test
    void tooWideValuesCountAsDistinctButAreNotCompared() {
        String wide = "x".repeat(2000);
        List<Object> values = new ArrayList<>(List.of(wide, wide, "a", "a"));
        values.add(null);
        ColumnStatistics s = ScalarStatistics.compute(values, SqlType.TEXT, 5, 100);
        assertEquals(0.2f, s.nullFrac());
        // widths: 2004 (four-byte header) twice, 2 (one-byte header) twice
        assertEquals((2004 * 2 + 2 * 2) / 4, s.width());
        // "a" repeats, the wide ones count as singles: not every value repeats, so Duj1 on the full
        // sample gives d = 3, above 10% of 5 rows: -0.6
        assertEquals(-0.6f, s.distinct());
        assertEquals(List.of("a"), s.mcvValues());
        assertEquals(List.of(0.4f), s.mcvFreqs());
    }

    @Test
    void onlyNullsLeaveWidthAndDistinctUnknown() {
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.add(null);
        ColumnStatistics s = ScalarStatistics.compute(values, SqlType.TEXT, 2, 100);
        assertEquals(1.0f, s.nullFrac());
        assertEquals(0, s.width());
        assertEquals(0.0f, s.distinct());
        assertNull(s.correlation());
        assertNull(ScalarStatistics.compute(List.of(), SqlType.INT4, 0, 100));
    }

    @Test
    void numericWidthCountsBaseTenThousandDigits() {
        // 1.5: digits 1 and 5000 -> 1 + 2 + 4; 0 -> 3; 100000000: one digit (trailing zero digits go) -> 5;
        // 0.25000000000000000000 (scale 20): one digit 2500 -> 5
        assertEquals(7, StoredWidth.of(new BigDecimal("1.5"), SqlType.NUMERIC));
        assertEquals(3, StoredWidth.of(new BigDecimal("0"), SqlType.NUMERIC));
        assertEquals(5, StoredWidth.of(new BigDecimal("100000000"), SqlType.NUMERIC));
        assertEquals(5, StoredWidth.of(new BigDecimal("0.25000000000000000000"), SqlType.NUMERIC));
        assertEquals(9, StoredWidth.of(new BigDecimal("12345678.5"), SqlType.NUMERIC));
    }
}
