package org.tusk.storage.access;

/** One row version found by a scan or fetch: where it is and its values in column order. */
public record Row(TupleId tid, Object[] values) {
}
