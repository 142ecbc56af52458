package org.tusk.sql.exec;

import java.util.List;

import org.tusk.sql.eval.RowSlot;

/**
 * A node that produces a TID bitmap instead of rows (PostgreSQL's MultiExecProcNode nodes): a Bitmap
 * Index Scan, BitmapAnd, BitmapOr. Its parent (a Bitmap Heap Scan or another bitmap node) opens it and
 * asks for the whole bitmap at once with {@link #bitmap}.
 */
public abstract class BitmapNode extends PlanNode {

    protected BitmapNode(List<RowSlot> slots) {
        super(slots);
    }

    /** The bitmap of this execution (after {@link #open}); {@code maxEntries} bounds its memory. */
    public abstract TidBitmap bitmap(double maxEntries);

    @Override
    protected void start() {
    }

    @Override
    protected Object[] fetch() {
        throw new IllegalStateException(label() + " returns a bitmap, not rows");
    }
}
