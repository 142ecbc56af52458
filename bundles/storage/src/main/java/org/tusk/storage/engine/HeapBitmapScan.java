package org.tusk.storage.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tusk.storage.access.BitmapPage;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.common.Snapshot;

/**
 * The heap side of a bitmap heap scan (PostgreSQL's BitmapHeapNext over heapam's bitmap callbacks):
 * the pages a TID bitmap names, in the order its iterator gives them (ascending blocks, so the table
 * is read in physical order however scattered the index entries were), each read once under its share
 * lock ({@link HeapAccess#bitmapPage}) and its visible rows handed out one by one. Like
 * {@link HeapScan}, it holds one page's rows and no pin or lock between calls.
 */
final class HeapBitmapScan implements RowScan {

    private final AccessSession session;
    private final HeapTable table;
    private final Snapshot snapshot;
    private final Iterator<BitmapPage> pages;
    private final List<HeapRow> page = new ArrayList<>();
    private int nextRow;
    private boolean closed;

    HeapBitmapScan(AccessSession session, HeapTable table, Snapshot snapshot, Iterator<BitmapPage> pages) {
        this.session = session;
        this.table = table;
        this.snapshot = snapshot;
        this.pages = pages;
    }

    @Override
    public Row next() {
        if (closed) {
            return null;
        }
        return session.call(() -> {
            while (nextRow >= page.size()) {
                if (!pages.hasNext()) {
                    return null;
                }
                page.clear();
                nextRow = 0;
                BitmapPage p = pages.next();
                session.heap().bitmapPage(table, p.block(), p.offsets(), snapshot, page);
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
