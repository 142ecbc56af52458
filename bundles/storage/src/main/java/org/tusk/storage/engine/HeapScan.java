package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.buffer.BufferRing;
import org.tusk.storage.common.Snapshot;

/**
 * A streaming sequential scan (heapgettup in page-at-a-time mode): the visible rows of one page are
 * copied out under its share lock ({@link HeapAccess#scanPage}), handed out one by one, then the next
 * page is read. Memory is one page's rows whatever the table's size, and no pin or lock is held
 * between calls, so a scan left open blocks nobody. The number of blocks is fixed when the scan
 * starts, as PostgreSQL's rs_nblocks: rows a later command appends are not for this snapshot anyway.
 * A table larger than a quarter of the shared buffers is read through a ring of buffers
 * ({@link BufferRing}), as PostgreSQL's seqscans use a bulk-read strategy.
 */
final class HeapScan implements RowScan {

    private final AccessSession session;
    private final HeapTable table;
    private final Snapshot snapshot;
    private final int nblocks;
    /** The columns to decode (null: all) and the rows to return (null: all), see {@link HeapAccess#scanPage}. */
    private final boolean[] wanted;
    private final BooleanSupplier keep;
    /**
     * The scan's ring of buffers if the table is larger than a quarter of the pool (initscan's rule
     * for BAS_BULKREAD), else null: a large scan does not push the rest of the pool out.
     */
    private final BufferRing ring;
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
        this.ring = nblocks > session.heap().poolSize() / 4 ? BufferRing.bulkRead() : null;
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
                session.heap().scanPage(table, nextBlock++, snapshot, page, wanted, keep, ring);
            }
            HeapRow row = page.get(nextRow++);
            return new Row(Relations.tupleId(row.tid()), session.heap().toaster().detoast(table, row.values()));
        });
    }

    @Override
    public void close() {
        closed = true;
        page.clear();
    }
}
