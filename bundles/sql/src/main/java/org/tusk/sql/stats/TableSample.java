package org.tusk.sql.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import org.tusk.sql.schema.Column;
import org.tusk.sql.schema.StorageValues;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;

/**
 * The rows ANALYZE looks at: every live row when the table has at most {@code size}, else a uniform
 * random sample of {@code size} rows (reservoir sampling over one pass, which also counts the live
 * rows exactly). PostgreSQL samples blocks first and rows within them to avoid reading the whole table;
 * Tusk reads every row anyway to count them for pg_class.reltuples, so one uniform reservoir is both
 * simpler and a better sample. The random generator has a fixed seed so that ANALYZE of the same table
 * contents gives the same statistics (and tests are repeatable).
 *
 * @param rows      the sampled rows as SQL values, in the order of the table scan
 * @param totalRows the table's live rows
 */
public record TableSample(List<Object[]> rows, long totalRows) {

    /** analyze.c's sample size: 300 rows per unit of statistics target. */
    public static int sampleSize(int target) {
        return 300 * target;
    }

    /** Reads {@code heap} and keeps at most {@code size} rows. */
    public static TableSample of(Table heap, List<Column> columns, int size) {
        return of(heap, columns, size, null);
    }

    /**
     * Reads {@code heap} and keeps at most {@code size} rows, with only the columns {@code wanted}
     * marks (all if null; the others null). The reservoir decides as the scan passes each row, before
     * the row is decoded: of a million rows only the 30,000 first and the few that later replace one
     * are decoded, the others only counted.
     */
    public static TableSample of(Table heap, List<Column> columns, int size, boolean[] wanted) {
        SplittableRandom random = new SplittableRandom(0x5eed);
        List<Object[]> reservoir = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        // What the decision said for each row kept, in scan order: its slot and its ordinal. The scan may
        // decide a page ahead of what next() returned, so the decisions wait here for their rows.
        ArrayDeque<long[]> decisions = new ArrayDeque<>();
        long[] seen = {0};
        int[] filled = {0};
        BooleanSupplier keep = () -> {
            long ordinal = ++seen[0];
            if (filled[0] < size) {
                decisions.add(new long[] {filled[0]++, ordinal});
                return true;
            }
            long j = random.nextLong(ordinal);
            if (j < size) {
                decisions.add(new long[] {j, ordinal});
                return true;
            }
            return false;
        };
        try (RowScan scan = heap.scan(wanted, keep)) {
            for (Row row = scan.next(); row != null; row = scan.next()) {
                long[] d = decisions.remove();
                int slot = (int) d[0];
                if (slot == reservoir.size()) {
                    reservoir.add(row.values());
                    positions.add(d[1]);
                } else {
                    reservoir.set(slot, row.values());
                    positions.set(slot, d[1]);
                }
            }
        }
        long total = seen[0];
        // Back into physical order, as acquire_sample_rows sorts its sample by TID: the correlation
        // statistic compares sample order with sorted order.
        Integer[] order = new Integer[reservoir.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(positions::get));
        List<Object[]> rows = new ArrayList<>(reservoir.size());
        for (int i : order) {
            rows.add(StorageValues.rowFromStorage(columns, reservoir.get(i)));
        }
        return new TableSample(rows, total);
    }

    /** The values of column {@code index} (0-based in the row) across the sample. */
    public List<Object> column(int index) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            values.add(r[index]);
        }
        return values;
    }
}
