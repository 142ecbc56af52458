package org.tusk.storage.btree;

import java.util.List;
import org.tusk.storage.heap.TupleDescriptor;

/**
 * The key columns of a B-tree, in order (1 to {@link #MAX_KEYS}): how index tuples are encoded
 * (their {@link TupleDescriptor}) and ordered.
 */
public record IndexKeys(List<IndexColumn> columns) {

    /** INDEX_MAX_KEYS: the null bitmap of an index tuple is 32 bits. */
    public static final int MAX_KEYS = 32;

    public IndexKeys {
        columns = List.copyOf(columns);
        if (columns.isEmpty() || columns.size() > MAX_KEYS) {
            throw new IllegalArgumentException("an index has 1 to " + MAX_KEYS + " key columns");
        }
    }

    public static IndexKeys of(IndexColumn... columns) {
        return new IndexKeys(List.of(columns));
    }

    public int size() {
        return columns.size();
    }

    public IndexColumn column(int i) {
        return columns.get(i);
    }

    public TupleDescriptor descriptor() {
        return new TupleDescriptor(columns.stream().map(IndexColumn::attribute).toList());
    }
}
