package org.tusk.sql.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.tusk.sql.schema.IndexDef;
import org.tusk.sql.schema.Relation;
import org.tusk.storage.access.StorageSession;

/**
 * An index's size as the planner sees it (plancat.c's get_relation_info for an index): its pages are
 * its file's current length (RelationGetNumberOfBlocks) and, for a B-tree, the tree's height is read
 * from the metapage (_bt_getrootheight). Without storage (or for an index the storage cannot open)
 * both are estimated from the table's rows: about 200 entries to a page, a level per factor of 200.
 * Read once per index per planning, since the join search costs the same index many times.
 */
final class IndexSize {

    /** The size of one index: pages (including the metapage) and levels above the leaves. */
    record Size(double pages, int height) {
    }

    private final StorageSession storage;
    /** The table's size in blocks (-1: unknown), as the planner already read it for the table's scan. */
    private final ToLongFunction<Relation> tableBlocks;
    private final Map<Integer, Size> known = new HashMap<>();

    IndexSize(StorageSession storage, ToLongFunction<Relation> tableBlocks) {
        this.storage = storage;
        this.tableBlocks = tableBlocks;
    }

    /**
     * {@code index}'s size; {@code tuples} (the table's rows) is used only when the storage cannot say.
     * An index of a table that has never held a row is its metapage alone, as PostgreSQL builds an
     * empty B-tree without a root page (this storage writes an empty root leaf at once).
     */
    Size of(IndexDef index, Relation table, double tuples) {
        Size s = known.get(index.oid());
        if (s == null) {
            s = neverFilled(table) ? new Size(1, 0) : measured(index);
            if (s == null) {
                return estimated(tuples);
            }
            known.put(index.oid(), s);
        }
        return s;
    }

    private boolean neverFilled(Relation table) {
        return table != null && tableBlocks.applyAsLong(table) == 0;
    }

    private Size measured(IndexDef index) {
        if (storage == null || index.storage() == null) {
            return null;
        }
        try {
            var opened = storage.openIndex(index.storage(), index.shape());
            return new Size(Math.max(1, opened.blocks()), opened.treeHeight());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The guess without storage: ~200 entries a page, one level per factor of 200 pages. */
    static Size estimated(double tuples) {
        double pages = Math.max(1, Math.ceil(Math.max(tuples, 1) / 200));
        int height = pages <= 1 ? 0 : (int) Math.ceil(Math.log(pages) / Math.log(200));
        return new Size(pages, height);
    }
}
