package org.tusk.storage.engine;

import java.util.Objects;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.heap.TupleDescriptor;

/**
 * A heap table as the access method sees it: where its files are and the shape of its rows. The
 * catalog will supply both; the relation number doubles as the relation's OID in lock tags.
 */
public record HeapTable(RelFileLocator locator, TupleDescriptor descriptor) {

    public HeapTable {
        Objects.requireNonNull(locator);
        Objects.requireNonNull(descriptor);
    }
}
