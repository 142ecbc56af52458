package org.tusk.storage.btree;

import java.util.Arrays;
import org.tusk.storage.page.ItemPointer;

/**
 * What a descent searches for (PostgreSQL's BTScanInsert): values for the first
 * {@code values.length} key columns (a prefix of the index's columns; nulls allowed) and, for an
 * insertion, the heap TID of the new entry ({@code heapTid}, which makes the position unique). A
 * search with no heap TID lands on the first entry whose keys are equal or greater.
 */
public record ScanKey(Object[] values, ItemPointer heapTid) {

    public ScanKey {
        values = values.clone();
    }

    public static ScanKey of(Object... values) {
        return new ScanKey(values, null);
    }

    public static ScanKey forInsert(Object[] values, ItemPointer heapTid) {
        return new ScanKey(values, heapTid);
    }

    @Override
    public Object[] values() {
        return values.clone();
    }

    int size() {
        return values.length;
    }

    Object value(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanKey k && Arrays.deepEquals(k.values, values) && java.util.Objects.equals(k.heapTid, heapTid);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values) * 31 + java.util.Objects.hashCode(heapTid);
    }

    @Override
    public String toString() {
        return "ScanKey" + Arrays.deepToString(values) + (heapTid == null ? "" : " " + heapTid);
    }
}
