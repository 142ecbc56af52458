package org.tusk.sql.exec;

import java.util.ArrayList;
import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * BitmapAnd and BitmapOr (nodeBitmapAnd.c, nodeBitmapOr.c): the intersection or union of their
 * inputs' bitmaps. An intersection stops early once it is empty. EXPLAIN ANALYZE shows them with 0
 * rows, as PostgreSQL does (they count no tuples).
 */
public final class BitmapCombine extends BitmapNode {
    private final boolean and;
    private final List<BitmapNode> inputs;

    public BitmapCombine(boolean and, List<BitmapNode> inputs, RowSlot slot) {
        super(List.of(slot));
        this.and = and;
        this.inputs = List.copyOf(inputs);
    }

    public boolean isAnd() {
        return and;
    }

    public List<BitmapNode> inputs() {
        return inputs;
    }

    /** Hands the heap scan's table to every Bitmap Index Scan below. */
    void table(org.tusk.storage.access.Table table) {
        for (BitmapNode n : inputs) {
            if (n instanceof BitmapIndexScan s) {
                s.table(table);
            } else if (n instanceof BitmapCombine c) {
                c.table(table);
            }
        }
    }

    @Override
    public TidBitmap bitmap(double maxEntries) {
        TidBitmap result = null;
        for (BitmapNode n : inputs) {
            n.open(ctx);
            TidBitmap b = n.bitmap(maxEntries);
            if (result == null) {
                result = b;
            } else if (and) {
                result.intersect(b);
            } else {
                result.union(b);
            }
            if (and && result.isEmpty()) {
                break; // nothing can be in the intersection
            }
        }
        return result == null ? new TidBitmap(maxEntries) : result;
    }

    @Override
    public String label() {
        return and ? "BitmapAnd" : "BitmapOr";
    }

    @Override
    public List<PlanNode> children() {
        return new ArrayList<>(inputs);
    }
}
