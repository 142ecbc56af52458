package org.tusk.storage.heap;

import java.util.List;

/**
 * The shape of a row: its attributes in column order (PostgreSQL's {@code TupleDesc}). Immutable; the
 * catalog builds one per relation and every tuple of that relation is encoded against it.
 */
public record TupleDescriptor(List<Attribute> attributes) {

    /** The most columns a table can have (MaxHeapAttributeNumber), and what infomask2 can count. */
    public static final int MAX_ATTRIBUTES = 1600;

    public TupleDescriptor {
        attributes = List.copyOf(attributes);
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("tables can have at most " + MAX_ATTRIBUTES + " columns");
        }
    }

    public static TupleDescriptor of(Attribute... attributes) {
        return new TupleDescriptor(List.of(attributes));
    }

    public int size() {
        return attributes.size();
    }

    public Attribute attribute(int index) {
        return attributes.get(index);
    }

    /** True if some column is a varlena (HEAP_HASVARWIDTH for tuples that have it non-null). */
    public boolean hasVarlena() {
        return attributes.stream().anyMatch(Attribute::isVarlena);
    }
}
