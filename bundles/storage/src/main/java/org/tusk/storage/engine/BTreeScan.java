package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.btree.BTreeMeta;
import org.tusk.storage.btree.BTreePage;
import org.tusk.storage.btree.BTreeSearch;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.btree.ScanKey;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;

/**
 * An index scan (PostgreSQL's btgettuple over _bt_first, _bt_readpage, _bt_steppage): the heap rows
 * whose entries are in a {@link KeyRange}, in index order or reversed, each fetched from the heap
 * and returned only if visible to the snapshot.
 *
 * <h2>A page at a time</h2>
 * The scan reads a leaf under a share lock, copies the heap TIDs of its matching entries and the
 * link to the next page to read, and lets the page go; rows are then fetched from the heap one by
 * one, with no index page locked or pinned between calls (PostgreSQL's so->currPos). What this misses
 * of later changes to the page cannot matter: an entry inserted after the page was read belongs to a
 * transaction our snapshot cannot see (the heap insert precedes the index insert, which precedes the
 * commit), and a split after the read only moves entries we have already copied to a page on the
 * right. So a forward scan follows the right link it saw with the page: entries that moved off the
 * next page before we get there moved further right, reachable by its own right link; every entry is
 * returned exactly once.
 *
 * <p>A backward scan steps to the left link seen with the page; if that page has split meanwhile,
 * its right link no longer points to the page we came from, and we follow right links until the
 * page whose right link does (_bt_walk_left; no page is ever deleted yet, so the walk always ends).
 *
 * <h2>Bounds</h2>
 * The scan starts with a descent to the first entry at or after the low bound (after, if it is
 * exclusive), or at the leftmost leaf; backward, to the last entry at or before the high bound, or
 * the rightmost leaf. It ends at the first entry past the other bound. Bounds are prefixes of the key
 * columns; an entry with a NULL in a column some bound constrains is skipped (a condition on NULL is
 * never true), and a bound with a NULL value matches nothing.
 */
final class BTreeScan implements RowScan {

    private final BTreeIndex index;
    private final IndexKeys keys;
    private final BufferManager buffers;
    private final HeapAccess heap;
    private final HeapTable table;
    private final boolean backward;
    private final Snapshot snapshot;
    private final ScanKey low;
    private final boolean lowInclusive;
    private final ScanKey high;
    private final boolean highInclusive;
    private final int boundedColumns;

    private final List<ItemPointer> batch = new ArrayList<>();
    /** The offset of each batch entry on its page, for {@link #killItems}. */
    private final List<Integer> batchOffsets = new ArrayList<>();
    private int position;
    /** The page the batch came from and its LSN then; the positions in the batch found dead to all. */
    private int batchBlock = -1;
    private long batchLsn;
    private final List<Integer> killed = new ArrayList<>();
    /** Out-parameter of {@link HeapAccess#fetchHotForIndex}: the invisible entry just fetched may be killed. */
    private final boolean[] deadToAll = new boolean[1];
    private boolean started;
    private boolean finished;
    /** Forward: the right link of the page last read. Backward: the page last read and its left link. */
    private int nextBlock;
    private int lastBlock;
    /** The heap columns to decode (null: all), see {@link #decoding}. */
    private boolean[] wanted;

    BTreeScan(BTreeIndex index, HeapAccess heap, HeapTable table, KeyRange range, boolean backward,
            Snapshot snapshot) {
        this.index = index;
        this.keys = index.keys();
        this.buffers = index.buffers();
        this.heap = heap;
        this.table = table;
        this.backward = backward;
        this.snapshot = snapshot;
        this.low = range.low() == null ? null : ScanKey.of(range.low());
        this.lowInclusive = range.lowInclusive();
        this.high = range.high() == null ? null : ScanKey.of(range.high());
        this.highInclusive = range.highInclusive();
        this.boundedColumns = Math.max(range.low() == null ? 0 : range.low().length,
                range.high() == null ? 0 : range.high().length);
        if (boundedColumns > keys.size()) {
            throw new IllegalArgumentException("a bound has more values than the index has key columns");
        }
        this.finished = hasNull(range.low()) || hasNull(range.high());
    }

    /**
     * Decodes only the heap columns {@code columns} marks (null: all); the others come back null. A
     * query that reads a few columns of a wide row (pgbench's filler) skips the rest's decoding.
     */
    BTreeScan decoding(boolean[] columns) {
        this.wanted = columns;
        return this;
    }

    private static boolean hasNull(Object[] values) {
        if (values != null) {
            for (Object v : values) {
                if (v == null) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Row next() {
        while (true) {
            if (position < batch.size()) {
                ItemPointer tid = batch.get(position++);
                // The entry leads to a HOT chain's root; the member our snapshot sees may be further on.
                HeapRow found = heap.fetchHotForIndex(table, tid, snapshot, index.uniqueCheck(), deadToAll, wanted);
                if (found != null) {
                    return new Row(new TupleId(found.tid().block(), found.tid().offset()),
                            heap.toaster().detoast(table, found.values()));
                }
                if (deadToAll[0]) {
                    killed.add(position - 1);
                }
                continue;
            }
            killItems();
            if (finished) {
                return null;
            }
            batch.clear();
            batchOffsets.clear();
            position = 0;
            if (!started) {
                started = true;
                if (backward) {
                    first(high, highInclusive);
                } else {
                    first(low, !lowInclusive);
                }
            } else if (backward) {
                stepLeft();
            } else {
                stepRight();
            }
        }
    }

    /**
     * btgetbitmap: hands every matching entry's heap TID to {@code sink}, in index order, without
     * visiting the heap (a bitmap heap scan decides visibility page by page later). Entries already
     * marked LP_DEAD are skipped as usual; nothing is marked dead here, since no heap row is seen.
     * Forward scans only.
     */
    void collectTids(java.util.function.Consumer<ItemPointer> sink) {
        if (backward) {
            throw new IllegalStateException("a bitmap index scan reads forward");
        }
        while (true) {
            while (position < batch.size()) {
                sink.accept(batch.get(position++));
            }
            if (finished) {
                return;
            }
            batch.clear();
            batchOffsets.clear();
            position = 0;
            if (!started) {
                started = true;
                first(low, !lowInclusive);
            } else {
                stepRight();
            }
        }
    }

    @Override
    public void close() {
        killItems();
        finished = true;
        batch.clear();
    }

    /**
     * _bt_killitems (kill_prior_tuple): marks LP_DEAD the entries of the last batch whose heap rows
     * turned out dead to everyone, so that later scans skip them without a heap visit and a full
     * leaf can drop them instead of splitting. A hint: only if the page's exclusive lock is free at
     * once, not WAL-logged. If the page changed since it was read (its LSN moved), the entries are
     * found again by heap TID.
     */
    private void killItems() {
        if (killed.isEmpty()) {
            return;
        }
        int buffer = buffers.readBuffer(index.locator(), org.tusk.storage.common.ForkNumber.MAIN, batchBlock);
        try {
            if (!buffers.tryLock(buffer, LWLock.Mode.EXCLUSIVE)) {
                return;
            }
            try {
                MemorySegment page = buffers.page(buffer);
                boolean unchanged = Page.lsn(page) == batchLsn;
                boolean any = false;
                for (int k : killed) {
                    int offset = unchanged ? batchOffsets.get(k) : find(page, batch.get(k));
                    if (offset > 0 && !Page.isDead(page, offset)) {
                        Page.markDead(page, offset);
                        any = true;
                    }
                }
                if (any) {
                    BTreePage.setFlag(page, BTreePage.BTP_HAS_GARBAGE, true);
                    buffers.markDirty(buffer);
                }
            } finally {
                buffers.unlock(buffer);
            }
        } finally {
            buffers.release(buffer);
            killed.clear();
        }
    }

    /** The offset of the leaf entry pointing at {@code tid} on {@code page}, or 0. */
    private static int find(MemorySegment page, ItemPointer tid) {
        for (int off = BTreePage.firstDataKey(page); off <= Page.maxOffset(page); off++) {
            if (tid.equals(IndexTuple.heapTid(Page.item(page, off)))) {
                return off;
            }
        }
        return 0;
    }

    /**
     * _bt_first: descends to the leaf where the scan starts and reads it. Forward with a low bound:
     * the first entry &gt;= it (&gt; if exclusive: {@code nextKey}); backward with a high bound: the last
     * entry &lt; it (&lt;= if inclusive).
     */
    private void first(ScanKey bound, boolean nextKey) {
        // nextKey: forward with an exclusive low bound (the first entry > low), backward with an
        // inclusive high bound (the last entry <= high is just before the first entry > high).
        BTreeMeta.Data meta = index.descentStart();
        int block = meta.root();
        boolean atRoot = true;
        while (true) {
            int buffer = index.lockedBuffer(block, LWLock.Mode.SHARED);
            MemorySegment page = buffers.page(buffer);
            if (atRoot && !BTreePage.isRoot(page)) {
                index.forgetRoot();
            }
            atRoot = false;
            while (bound == null ? backward && !BTreePage.isRightmost(page)
                    : BTreeSearch.mustMoveRight(keys, bound, page, nextKey)) {
                int next = BTreePage.next(page);
                buffers.unlockRelease(buffer);
                buffer = index.lockedBuffer(next, LWLock.Mode.SHARED);
                page = buffers.page(buffer);
            }
            if (BTreePage.isLeaf(page)) {
                int offset;
                if (bound == null) {
                    offset = backward ? Page.maxOffset(page) : BTreePage.firstDataKey(page);
                } else {
                    offset = BTreeSearch.binarySearch(keys, bound, page, nextKey);
                    if (backward) {
                        offset--;
                    }
                }
                readPage(buffer, offset);
                return;
            }
            int offset;
            if (bound == null) {
                offset = backward ? Page.maxOffset(page) : BTreePage.firstDataKey(page);
            } else {
                offset = BTreeSearch.binarySearch(keys, bound, page, nextKey);
            }
            block = IndexTuple.downlink(Page.item(page, offset));
            buffers.unlockRelease(buffer);
        }
    }

    private void stepRight() {
        readPage(index.lockedBuffer(nextBlock, LWLock.Mode.SHARED), -1);
    }

    /** _bt_walk_left: the page whose right link is the page last read, found from its old left link. */
    private void stepLeft() {
        int buffer = index.lockedBuffer(nextBlock, LWLock.Mode.SHARED);
        while (BTreePage.next(buffers.page(buffer)) != lastBlock) {
            int next = BTreePage.next(buffers.page(buffer));
            buffers.unlockRelease(buffer);
            if (next == BTreePage.P_NONE) {
                throw new IllegalStateException("could not find left sibling of block " + lastBlock
                        + " in index \"" + Integer.toUnsignedString(index.id().fileNumber()) + "\"");
            }
            buffer = index.lockedBuffer(next, LWLock.Mode.SHARED);
        }
        readPage(buffer, -1);
    }

    /**
     * _bt_readpage: copies the TIDs of the matching entries of the share-locked leaf from
     * {@code start} (-1: the first, or the last when backward) in scan order, notes where to go next
     * and whether the scan ends here, and releases the page.
     */
    private void readPage(int buffer, int start) {
        index.uniqueCheck().forgetHorizon(); // once per batch: see BTreeUniqueCheck#forgetHorizon
        try {
            MemorySegment page = buffers.page(buffer);
            batchBlock = buffers.tag(buffer).block();
            batchLsn = Page.lsn(page);
            int first = BTreePage.firstDataKey(page);
            int max = Page.maxOffset(page);
            if (backward) {
                for (int off = start < 0 ? max : Math.min(start, max); off >= first; off--) {
                    if (!take(page, off)) {
                        finished = true;
                        return;
                    }
                }
                lastBlock = buffers.tag(buffer).block();
                nextBlock = BTreePage.prev(page);
                finished = nextBlock == BTreePage.P_NONE;
            } else {
                for (int off = start < 0 ? first : Math.max(start, first); off <= max; off++) {
                    if (!take(page, off)) {
                        finished = true;
                        return;
                    }
                }
                nextBlock = BTreePage.next(page);
                finished = nextBlock == BTreePage.P_NONE;
            }
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** Adds the entry at {@code off} if it matches; false if it is past the scan's end bound. */
    private boolean take(MemorySegment page, int off) {
        MemorySegment item = Page.item(page, off);
        ScanKey end = backward ? low : high;
        if (end != null) {
            int c = BTreeSearch.compare(keys, end, item);
            // c: the bound minus the entry. Forward: past the end if entry > high (>= if exclusive).
            if (backward ? c > 0 || (c == 0 && !lowInclusive) : c < 0 || (c == 0 && !highInclusive)) {
                return false;
            }
        }
        if (Page.isDead(page, off)) {
            return true;
        }
        if (boundedColumns > 0) {
            Object[] values = IndexTuple.keys(keys, item);
            for (int i = 0; i < boundedColumns; i++) {
                if (values[i] == null) {
                    return true;
                }
            }
        }
        batch.add(IndexTuple.heapTid(item));
        batchOffsets.add(off);
        return true;
    }
}
