package org.tusk.storage.access;

/**
 * One row version found by a scan or fetch: where it is and its values in column order.
 * {@code heapOnly} is true only for the new version of a heap-only (HOT) update, see
 * {@link Table#update(TupleId, Object[], java.util.function.UnaryOperator, boolean[])}: the table's
 * indexes already lead to it and must not get new entries.
 */
public record Row(TupleId tid, Object[] values, boolean heapOnly) {

    /** A row version that indexes reach by their own entries (every row but a HOT update's result). */
    public Row(TupleId tid, Object[] values) {
        this(tid, values, false);
    }
}
