package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.common.Snapshot;

/**
 * A streaming sequential scan (heapgettup in page-at-a-time mode): the visible rows of one page are
 * copied out under its share lock ({@link HeapAccess#scanPage}), handed out one by one, then the next
 * page is read. Memory is one page's rows whatever the table's size, and no pin or lock is held
 * between calls, so a scan left open blocks nobody. The number of blocks is fixed when the scan
 * starts, as PostgreSQL's rs_nblocks: rows a later command appends are not for this snapshot anyway.
 */
final class HeapScan implements RowScan {

    private final AccessSession session;
    private final HeapTable table;
    private final Snapshot snapshot;
    private final int nblocks;
    /** The columns to decode (null: all) and the rows to return (null: all), see {@link HeapAccess#scanPage}. */
    private final boolean[] wanted;
    private final BooleanSupplier keep;
    private final List<HeapRow> page = new ArrayList<>();
    private int nextBlock;
    private int nextRow;
    private boolean closed;

    HeapScan(AccessSession session, HeapTable table, Snapshot snapshot) {
        this(session, table, snapshot, null, null);
    }

    HeapScan(AccessSession session, HeapTable table, Snapshot snapshot, boolean[] wanted, BooleanSupplier keep) {
        this.session = session;
        this.table = table;
        this.snapshot = snapshot;
        this.nblocks = session.heap().blocks(table);
        this.wanted = wanted;
        this.keep = keep;
    }

    @Override
    public Row next() {
        if (closed) {
            return null;
        }
        return session.call(() -> {
            while (nextRow >= page.size()) {
                if (Integer.compareUnsigned(nextBlock, nblocks) >= 0) {
                    return null;
                }
                page.clear();
                nextRow = 0;
                session.heap().scanPage(table, nextBlock++, snapshot, page, wanted, keep);
            }
            HeapRow row = page.get(nextRow++);
            return new Row(Relations.tupleId(row.tid()), row.values());
        });
    }

    @Override
    public void close() {
        closed = true;
        page.clear();
    }
}
