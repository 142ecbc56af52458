package org.tusk.storage.btree;

import java.util.Comparator;
import org.tusk.storage.heap.Attribute;

/**
 * One key column of a B-tree: how it is stored ({@code attribute}) and how it is ordered: the
 * type's comparator, ASC or DESC, and where NULLs go. PostgreSQL's defaults are ASC NULLS LAST and
 * DESC NULLS FIRST, which {@link #asc} and {@link #desc} give.
 */
public record IndexColumn(Attribute attribute, Comparator<Object> comparator, boolean descending, boolean nullsFirst) {

    public static IndexColumn asc(Attribute attribute) {
        return new IndexColumn(attribute, Comparators.forAttribute(attribute), false, false);
    }

    public static IndexColumn desc(Attribute attribute) {
        return new IndexColumn(attribute, Comparators.forAttribute(attribute), true, true);
    }

    /**
     * Compares a search value with a stored one in index order: negative if {@code key} sorts before
     * {@code stored}. NULLs are equal to each other and placed by {@code nullsFirst} alone (DESC does
     * not flip it, as in PostgreSQL).
     */
    public int compare(Object key, Object stored) {
        if (key == null || stored == null) {
            if (key == stored) {
                return 0;
            }
            return (key == null) == nullsFirst ? -1 : 1;
        }
        int c = comparator.compare(key, stored);
        return descending ? -Integer.signum(c) : Integer.signum(c);
    }
}
