package org.tusk.sql.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.tusk.sql.schema.Column;
import org.tusk.sql.types.SqlType;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowLockMode;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.Table;
import org.tusk.storage.access.TableShape;
import org.tusk.storage.access.TupleId;

/**
 * ANALYZE's sample decided while the scan passes the rows (before they are decoded) is the sample a
 * reservoir over fully read rows gives: same rows, same order, exact row count, also when the scan asks
 * about a page of rows ahead of the ones it returned.
 */
class TableSampleTest {

    private static final List<Column> COLUMNS = List.of(new Column(1, "a", SqlType.INT4, -1, false, null, '\0'),
            new Column(2, "b", SqlType.TEXT, -1, false, null, '\0'));

    @Test
    void theSampleDecidedDuringTheScanIsTheReservoirOfAllRows() {
        for (int rows : new int[] {0, 1, 299, 300, 301, 5000, 40000}) {
            RowsTable table = new RowsTable(rows, 57);
            TableSample sample = TableSample.of(table, COLUMNS, 300, new boolean[] {true, true});
            List<Object[]> expected = reservoir(table.rows, 300);
            assertEquals(rows, sample.totalRows());
            assertEquals(expected.size(), sample.rows().size(), rows + " rows");
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), sample.rows().get(i), rows + " rows, sample row " + i);
            }
        }
    }

    /** The reservoir the sample was before: every row read, seed 0x5eed, then put back in scan order. */
    private static List<Object[]> reservoir(List<Object[]> rows, int size) {
        SplittableRandom random = new SplittableRandom(0x5eed);
        List<Object[]> kept = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (kept.size() < size) {
                kept.add(rows.get(i));
                positions.add(i);
            } else {
                long j = random.nextLong(i + 1);
                if (j < size) {
                    kept.set((int) j, rows.get(i));
                    positions.set((int) j, i);
                }
            }
        }
        List<Object[]> out = new ArrayList<>();
        positions.stream().sorted().forEach(p -> out.add(rows.get(p)));
        return out;
    }

    /** Rows (i, "row i") in a list, scanned a "page" at a time: the page's decisions come first. */
    private static final class RowsTable implements Table {
        final List<Object[]> rows = new ArrayList<>();
        private final int page;

        RowsTable(int n, int page) {
            this.page = page;
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] {i, "row " + i});
            }
        }

        @Override
        public RowScan scan(boolean[] columns, BooleanSupplier keep) {
            return new RowScan() {
                private final List<Row> pending = new ArrayList<>();
                private int next;

                @Override
                public Row next() {
                    while (pending.isEmpty() && next < rows.size()) {
                        for (int end = Math.min(rows.size(), next + page); next < end; next++) {
                            if (keep.getAsBoolean()) {
                                pending.add(new Row(new TupleId(next / page, next % page + 1), rows.get(next)));
                            }
                        }
                    }
                    return pending.isEmpty() ? null : pending.removeFirst();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public RelationId id() {
            return new RelationId(5, 16384);
        }

        @Override
        public TableShape shape() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long blocks() {
            return (rows.size() + page - 1) / page;
        }

        @Override
        public RowScan scan() {
            throw new UnsupportedOperationException("the sample asks for its columns");
        }

        @Override
        public RowScan indexScan(Index index, KeyRange range, boolean backward) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Row fetch(TupleId tid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TupleId insert(Object[] values) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Row update(TupleId tid, Object[] values, UnaryOperator<Object[]> change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(TupleId tid, Predicate<Object[]> stillQualifies) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Row lock(TupleId tid, RowLockMode mode, boolean noWait, Predicate<Object[]> stillQualifies) {
            throw new UnsupportedOperationException();
        }
    }
}
