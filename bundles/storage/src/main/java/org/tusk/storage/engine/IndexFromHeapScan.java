package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.btree.BTreeSearch;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.btree.ScanKey;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.page.ItemPointer;

/**
 * An index scan answered from the heap, for a snapshot the index cannot be trusted by (PostgreSQL's
 * indcheckxmin, see {@link BTreeIndex#trustedBy}): the index was built while versions it does not
 * hold (a HOT chain's older members with other key values, rows deleted recently) could still be
 * seen by older snapshots, and this snapshot is one of them. PostgreSQL's planner does not use such
 * an index for such a snapshot; here the storage keeps the index scan's contract instead: every
 * version the snapshot sees whose key is in the range, in index order. It reads the whole table
 * once, takes each visible row's key columns (found by name in the table's columns), keeps those in
 * the range and sorts them as the index would. Slow, but only for snapshots older than the index's
 * creating transaction, right after it was built.
 */
final class IndexFromHeapScan implements RowScan {

    private final List<Row> rows;
    private int position;

    IndexFromHeapScan(BTreeIndex index, HeapAccess heap, HeapTable table, KeyRange range, boolean backward,
            Snapshot snapshot) {
        this.rows = find(index, heap, table, range, backward, snapshot);
    }

    @Override
    public Row next() {
        return position < rows.size() ? rows.get(position++) : null;
    }

    @Override
    public void close() {
        position = rows.size();
    }

    private static List<Row> find(BTreeIndex index, HeapAccess heap, HeapTable table, KeyRange range,
            boolean backward, Snapshot snapshot) {
        IndexKeys keys = index.keys();
        int[] positions = keyPositions(index, table.descriptor());
        ScanKey low = range.low() == null ? null : ScanKey.of(range.low());
        ScanKey high = range.high() == null ? null : ScanKey.of(range.high());
        int bounded = Math.max(range.low() == null ? 0 : range.low().length,
                range.high() == null ? 0 : range.high().length);
        List<Object[]> keyed = new ArrayList<>();
        List<HeapRow> found = new ArrayList<>();
        String name = Integer.toUnsignedString(index.id().fileNumber());
        int blocks = heap.blocks(table);
        for (int block = 0; block < blocks; block++) {
            found.clear();
            heap.scanPage(table, block, snapshot, found);
            for (HeapRow r : found) {
                heap.toaster().detoast(table, r.values());
                Object[] key = new Object[positions.length];
                for (int i = 0; i < key.length; i++) {
                    key[i] = r.values()[positions[i]];
                }
                if (inRange(keys, key, bounded, low, range.lowInclusive(), high, range.highInclusive(), r.tid(), name)) {
                    keyed.add(new Object[] {key, r});
                }
            }
        }
        Comparator<Object[]> order = (x, y) -> {
            Object[] a = (Object[]) x[0];
            Object[] b = (Object[]) y[0];
            for (int i = 0; i < keys.size(); i++) {
                int c = keys.column(i).compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return ((HeapRow) x[1]).tid().compareTo(((HeapRow) y[1]).tid());
        };
        keyed.sort(backward ? order.reversed() : order);
        List<Row> out = new ArrayList<>(keyed.size());
        for (Object[] k : keyed) {
            HeapRow r = (HeapRow) k[1];
            out.add(new Row(new TupleId(r.tid().block(), r.tid().offset()), r.values()));
        }
        return out;
    }

    /** The same test as the index scan's: within both bounds, and no NULL in a bounded column. */
    private static boolean inRange(IndexKeys keys, Object[] key, int bounded, ScanKey low, boolean lowInclusive,
            ScanKey high, boolean highInclusive, ItemPointer tid, String name) {
        for (int i = 0; i < bounded; i++) {
            if (key[i] == null) {
                return false;
            }
        }
        MemorySegment item = MemorySegment.ofArray(IndexTuple.form(keys, key, tid, name));
        if (low != null) {
            int c = BTreeSearch.compare(keys, low, item); // the bound minus the entry
            if (c > 0 || (c == 0 && !lowInclusive)) {
                return false;
            }
        }
        if (high != null) {
            int c = BTreeSearch.compare(keys, high, item);
            if (c < 0 || (c == 0 && !highInclusive)) {
                return false;
            }
        }
        return true;
    }

    /** The table column of each index key column, matched by name (the catalog gives both). */
    private static int[] keyPositions(BTreeIndex index, TupleDescriptor descriptor) {
        List<String> names = index.shape().keys().stream().map(k -> k.name()).toList();
        int[] positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = -1;
            for (int a = 0; a < descriptor.size(); a++) {
                if (descriptor.attribute(a).name().equals(names.get(i))) {
                    positions[i] = a;
                    break;
                }
            }
            if (positions[i] < 0) {
                throw new IllegalStateException("index \"" + Integer.toUnsignedString(index.id().fileNumber())
                        + "\" has a key column \"" + names.get(i) + "\" its table has not");
            }
        }
        return positions;
    }
}
