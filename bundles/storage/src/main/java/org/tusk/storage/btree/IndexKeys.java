package org.tusk.storage.btree;

import java.util.List;
import org.tusk.storage.heap.TupleDescriptor;

/**
 * The key columns of a B-tree, in order (1 to {@link #MAX_KEYS}): how index tuples are encoded
 * (their {@link TupleDescriptor}) and ordered.
 *
 * <p>A class rather than a record only so that the descriptor is built once: every index tuple
 * formed or read asks for it, several times per tuple, and building it anew each time (a stream and
 * a list copy) was the largest single cost of CREATE INDEX and a visible one of every index lookup.
 * Equality is still that of the key columns.
 */
public final class IndexKeys {

    /** INDEX_MAX_KEYS: the null bitmap of an index tuple is 32 bits. */
    public static final int MAX_KEYS = 32;

    private final List<IndexColumn> columns;
    private final TupleDescriptor descriptor;

    public IndexKeys(List<IndexColumn> columns) {
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty() || this.columns.size() > MAX_KEYS) {
            throw new IllegalArgumentException("an index has 1 to " + MAX_KEYS + " key columns");
        }
        this.descriptor = new TupleDescriptor(this.columns.stream().map(IndexColumn::attribute).toList());
    }

    public static IndexKeys of(IndexColumn... columns) {
        return new IndexKeys(List.of(columns));
    }

    public List<IndexColumn> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public IndexColumn column(int i) {
        return columns.get(i);
    }

    /** The layout of the key attributes in an index tuple (built once, immutable). */
    public TupleDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexKeys other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "IndexKeys[columns=" + columns + "]";
    }
}
