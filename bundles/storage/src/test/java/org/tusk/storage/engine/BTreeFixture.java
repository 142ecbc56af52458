package org.tusk.storage.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.page.ItemPointer;

/**
 * What the B-tree tests share: an engine in a temporary directory, a heap table (a int4, b text,
 * c float8, d numeric, all nullable), indexes on it, and an in-memory model of an index: its entries
 * sorted in index order (keys, then heap TID), against which scans are compared.
 */
final class BTreeFixture {

    static final int DB = 5;
    static final RelationId TABLE_ID = new RelationId(DB, 16400);
    static final HeapTable TABLE = new HeapTable(BTreeIndex.locator(TABLE_ID), TupleDescriptor.of(
            Attribute.of("a", PgType.INT4), Attribute.of("b", PgType.TEXT), Attribute.of("c", PgType.FLOAT8),
            Attribute.of("d", PgType.NUMERIC)));

    private BTreeFixture() {
    }

    static EngineSettings settings() {
        return EngineSettings.small().withBackgroundThreads(false).withSharedBuffers(2048);
    }

    static StorageEngine start(Path dir) {
        return StorageEngine.create(dir.resolve("data"), dir.resolve("segment.shm"), settings());
    }

    static IndexShape.KeyColumn asc(String name, PgType type) {
        return new IndexShape.KeyColumn(name, type.oid(), false, false);
    }

    static IndexShape.KeyColumn desc(String name, PgType type) {
        return new IndexShape.KeyColumn(name, type.oid(), true, true);
    }

    static IndexShape shape(boolean unique, IndexShape.KeyColumn... columns) {
        return new IndexShape(List.of(columns), unique, TABLE_ID);
    }

    /** The index key of a table row: the values of the named columns, in the index's order. */
    static Object[] keyOf(IndexShape shape, Object[] row) {
        Object[] key = new Object[shape.keys().size()];
        for (int i = 0; i < key.length; i++) {
            String name = shape.keys().get(i).name();
            key[i] = row[switch (name) {
                case "a" -> 0;
                case "b" -> 1;
                case "c" -> 2;
                case "d" -> 3;
                default -> throw new IllegalArgumentException(name);
            }];
        }
        return key;
    }

    /** Inserts a row into the heap and its entry into each index; returns its TID. */
    static TupleId insert(Session s, Object[] row, BTreeIndex... indexes) {
        ItemPointer tid = s.heap().insert(TABLE, row);
        TupleId t = new TupleId(tid.block(), tid.offset());
        for (BTreeIndex index : indexes) {
            index.insert(keyOf(index.shape(), row), t);
        }
        return t;
    }

    static List<Row> scanAll(RowScan scan) {
        List<Row> rows = new ArrayList<>();
        try (scan) {
            for (Row r = scan.next(); r != null; r = scan.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** One entry of the model: a key and the heap TID it points at. */
    record Entry(Object[] key, TupleId tid) {
    }

    /** Index order: key columns as the index orders them, then heap TID. */
    static Comparator<Entry> order(IndexKeys keys) {
        return (x, y) -> {
            for (int i = 0; i < keys.size(); i++) {
                int c = keys.column(i).compare(x.key[i], y.key[i]);
                if (c != 0) {
                    return c;
                }
            }
            return new ItemPointer(x.tid.block(), x.tid.offset()).compareTo(new ItemPointer(y.tid.block(), y.tid.offset()));
        };
    }

    /** The bound minus the entry on the bound's columns (a prefix). */
    static int comparePrefix(IndexKeys keys, Object[] bound, Object[] key) {
        for (int i = 0; i < bound.length; i++) {
            int c = keys.column(i).compare(bound[i], key[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** What a scan of {@code range} must return from the model's sorted entries, as TIDs. */
    static List<TupleId> expected(IndexKeys keys, List<Entry> sorted, KeyRange range, boolean backward) {
        int bounded = Math.max(range.low() == null ? 0 : range.low().length,
                range.high() == null ? 0 : range.high().length);
        List<TupleId> out = new ArrayList<>();
        for (Entry e : sorted) {
            if (range.low() != null) {
                int c = comparePrefix(keys, range.low(), e.key);
                if (c > 0 || (c == 0 && !range.lowInclusive())) {
                    continue;
                }
            }
            if (range.high() != null) {
                int c = comparePrefix(keys, range.high(), e.key);
                if (c < 0 || (c == 0 && !range.highInclusive())) {
                    continue;
                }
            }
            boolean hasNull = false;
            for (int i = 0; i < bounded; i++) {
                hasNull |= e.key[i] == null;
            }
            if (!hasNull) {
                out.add(e.tid);
            }
        }
        if (backward) {
            java.util.Collections.reverse(out);
        }
        return out;
    }
}
