package org.tusk.storage.engine;

import org.tusk.storage.page.ItemPointer;

/** A row version as the access method returns it: its TID and its column values (Java objects). */
public record HeapRow(ItemPointer tid, Object[] values) {

    public Object value(int column) {
        return values[column];
    }
}
