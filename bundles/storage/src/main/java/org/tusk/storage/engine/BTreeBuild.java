package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.btree.BTreeMeta;
import org.tusk.storage.btree.BTreePage;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferRing;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.heap.HotChain;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;

/**
 * A sorted bulk build of a new index (PostgreSQL's nbtsort.c): the entries are sorted, then the
 * leaves are filled left to right to {@value #LEAF_FILLFACTOR}% and each level above is built from
 * the downlinks of the one below (to {@value #INTERNAL_FILLFACTOR}%), until a level has a single
 * page: the root. No page is split and no descent is made, so building an index over a million rows
 * takes seconds, where a million inserts would take minutes.
 *
 * <p>Pages are written through the shared buffers, each logged whole (BTreeWal.BUILD, an image
 * without its hole), as PostgreSQL logs a new index's pages with log_newpage when WAL is needed;
 * the metapage is written last, so the tree is reachable only once complete, and the WAL is
 * flushed up to it. Nobody else can see
 * the index while it is built (its creator has not committed).
 *
 * <p>The sort is in memory up to the build's sort memory (maintenance_work_mem, by default
 * {@link #DEFAULT_SORT_MEMORY}); beyond that, as PostgreSQL's tuplesort, each full memory's worth
 * is sorted and written out as a run of leaf tuples ({@link BuildRuns}) and the leaf level is
 * written from a merge of the runs, so the heap holds one run at a time and the pages are the same
 * as an in-memory sort's. (The one-integer-key path, {@link IntKeyEntries}, keeps its 24 bytes per
 * entry in memory: a primary key over a hundred million rows is 2.4 GB there.)
 *
 * <p>For a unique index, equal keys (without NULLs) are checked against their heap rows as an insert
 * would check them: two or more live (or in-progress) rows with one key raise 23505, so dead
 * versions may be passed in.
 */
final class BTreeBuild {

    /** BTREE_DEFAULT_FILLFACTOR. */
    static final int LEAF_FILLFACTOR = 90;
    /** BTREE_NONLEAF_FILLFACTOR. */
    static final int INTERNAL_FILLFACTOR = 70;
    /** maintenance_work_mem's default (64MB): the entries a build sorts in memory before it spills. */
    static final long DEFAULT_SORT_MEMORY = 64L << 20;

    /** One index entry: its key values and its heap TID packed as {@link #pack} does (no object per TID). */
    private record Entry(Object[] key, long tid) {
        ItemPointer itemPointer() {
            return new ItemPointer((int) (tid >>> 16), (int) (tid & 0xFFFF));
        }
    }

    /** A TID as one long that orders as TIDs do: the block (unsigned) above the offset. */
    private static long pack(int block, int offset) {
        return (Integer.toUnsignedLong(block) << 16) | offset;
    }

    private final IndexKeys keys;
    private final BufferManager buffers;
    private final Wal wal;
    private final RelFileLocator rel;
    /** The estimated heap bytes of entries ({@link BuildRuns#footprint}) sorted in memory before a run is written. */
    private final long sortMemory;

    BTreeBuild(BTreeIndex index, Wal wal, long sortMemory) {
        this.keys = index.keys();
        this.buffers = index.buffers();
        this.wal = wal;
        this.rel = index.locator();
        this.sortMemory = sortMemory;
    }

    /**
     * What decides indcheckxmin ({@link OlderVersions}): the heap's pages when the build began, the
     * horizon to judge their versions by, the transaction oracle, and the builder's xid, asked for
     * only if the index needs it.
     */
    record CheckXmin(int blocks, long horizon, TransactionOracle oracle, LongSupplier builder) {
    }

    /** Whether a heap page looked at so far held versions older snapshots still see. */
    private boolean olderVersions;
    /** The heap pages below this block have been looked at for such versions. */
    private int checked;
    /**
     * The walk over a heap larger than a quarter of the pool reads what is not in the pool through a
     * ring, as the scan giving the entries does ({@link HeapScan}); null for a smaller heap.
     */
    private BufferRing ring;

    /**
     * Fills the empty index (metapage only) with {@code rows}: key values and heap TIDs. With the
     * indexed table {@code heap} known, a TID of a heap-only tuple is replaced by its HOT chain's root
     * (index entries always lead to roots, see {@link HotChain#roots}), and one root gets one entry;
     * every page of the table is also looked at once for versions the builder's snapshot leaves out,
     * and if there are any the metapage records the builder's xid ({@link BTreeMeta#setCheckXmin}).
     */
    void build(Iterator<Row> rows, BTreeUniqueCheck uniqueCheck, RelFileLocator heap, CheckXmin check) {
        if (IntKeyEntries.applies(keys)) {
            buildIntKeys(rows, uniqueCheck, heap, check);
            return;
        }
        try (BuildRuns runs = new BuildRuns(keys)) {
            List<Entry> entries = new ArrayList<>();
            long[] held = {0};
            EntrySink sink = (row, block, offset) -> {
                Entry e = entry(row, block, offset);
                entries.add(e);
                held[0] += BuildRuns.footprint(e.key());
                if (held[0] > sortMemory) {
                    writeRun(entries, runs);
                    held[0] = 0;
                }
            };
            if (heap == null) {
                read(rows, sink);
            } else {
                readToRoots(rows, heap, check, sink);
            }
            long checkXmin = olderVersions ? check.builder().getAsLong() : 0;
            if (!runs.isEmpty()) {
                if (!entries.isEmpty()) {
                    writeRun(entries, runs);
                }
                Iterator<BuildRuns.Merged> merged = runs.merge((x, y) -> compare(x.key(), x.tid(), y.key(), y.tid()));
                writeTree(uniqueCheck == null ? () -> tuplesOf(merged)
                        : () -> checkedAsMerged(merged, uniqueCheck, heap), checkXmin);
                return;
            }
            entries.sort(order());
            if (uniqueCheck != null) {
                checkUnique(entries, uniqueCheck, heap);
            }
            String name = Integer.toUnsignedString(rel.relNumber());
            List<byte[]> level = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                level.add(IndexTuple.form(keys, e.key(), e.itemPointer(), name));
                entries.set(i, null); // garbage as soon as its tuple is formed
            }
            writeTree(level, checkXmin);
        }
    }

    /** Sorts {@code entries}, writes them out as one run of leaf tuples and forgets them. */
    private void writeRun(List<Entry> entries, BuildRuns runs) {
        entries.sort(order());
        String name = Integer.toUnsignedString(rel.relNumber());
        runs.write(() -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < entries.size();
            }

            @Override
            public byte[] next() {
                Entry e = entries.get(next++);
                return IndexTuple.form(keys, e.key(), e.itemPointer(), name);
            }
        });
        entries.clear();
    }

    private static Iterator<byte[]> tuplesOf(Iterator<BuildRuns.Merged> merged) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return merged.hasNext();
            }

            @Override
            public byte[] next() {
                return merged.next().tuple();
            }
        };
    }

    /**
     * The merged tuples, checked for uniqueness as they pass (the runs' entries are never all in
     * memory at once): the TIDs of a run of equal keys are collected, and when the next key differs
     * (or the merge ends) the run is judged as {@link #checkUnique} judges it. A violation is raised
     * part-way through writing the leaves; the index file goes with the failed transaction.
     */
    private Iterator<byte[]> checkedAsMerged(Iterator<BuildRuns.Merged> merged, BTreeUniqueCheck check,
            RelFileLocator heap) {
        check.forgetHorizon();
        return new Iterator<>() {
            private Object[] groupKey;
            private long[] groupTids = new long[8];
            private int groupSize;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (merged.hasNext()) {
                    return true;
                }
                if (!ended) {
                    ended = true;
                    judgeGroup();
                }
                return false;
            }

            @Override
            public byte[] next() {
                BuildRuns.Merged m = merged.next();
                if (groupSize > 0 && equalKeys(groupKey, m.key())) {
                    if (groupSize == groupTids.length) {
                        groupTids = java.util.Arrays.copyOf(groupTids, groupSize * 2);
                    }
                    groupTids[groupSize++] = m.tid();
                } else {
                    judgeGroup();
                    groupKey = m.key();
                    groupTids[0] = m.tid();
                    groupSize = 1;
                }
                return m.tuple();
            }

            private void judgeGroup() {
                if (groupSize > 1 && !hasNull(groupKey)) {
                    int live = 0;
                    for (int k = 0; k < groupSize; k++) {
                        long tid = groupTids[k];
                        ItemPointer ip = new ItemPointer((int) (tid >>> 16), (int) (tid & 0xFFFF));
                        if (check.check(heap, ip).kind() != BTreeUniqueCheck.Kind.DEAD) {
                            live++;
                        }
                    }
                    if (live > 1) {
                        throw new UniqueViolationException(groupKey);
                    }
                }
                groupSize = 0;
            }
        };
    }

    /** Writes the leaf level from {@code leaves} (in order), the levels above it, then the metapage. */
    private void writeTree(Iterable<byte[]> leaves, long checkXmin) {
        int height = 0;
        List<byte[]> parents = writeLevel(leaves, 0);
        while (parents.size() > 1) {
            height++;
            parents = writeLevel(parents, height);
        }
        writeMeta(IndexTuple.downlink(MemorySegment.ofArray(parents.get(0))), height, checkXmin);
    }

    /**
     * {@link #build} for one ascending int2 or int4 key column: the entries in primitive arrays
     * ({@link IntKeyEntries}), the leaf tuples formed as the leaf level is written rather than all
     * kept first. Same entries, same order, same checks, so the same pages.
     */
    private void buildIntKeys(Iterator<Row> rows, BTreeUniqueCheck uniqueCheck, RelFileLocator heap,
            CheckXmin check) {
        IntKeyEntries entries = new IntKeyEntries(keys);
        EntrySink sink = (row, block, offset) -> {
            checkKeyCount(row);
            entries.add(row.values()[0], pack(block, offset));
        };
        if (heap == null) {
            read(rows, sink);
        } else {
            readToRoots(rows, heap, check, sink);
        }
        long checkXmin = olderVersions ? check.builder().getAsLong() : 0;
        entries.sort();
        if (uniqueCheck != null) {
            uniqueCheck.forgetHorizon();
            entries.forEachDuplicateRun((first, end) -> {
                int live = 0;
                for (int k = first; k < end; k++) {
                    long tid = entries.tid(k);
                    ItemPointer ip = new ItemPointer((int) (tid >>> 16), (int) (tid & 0xFFFF));
                    if (uniqueCheck.check(heap, ip).kind() != BTreeUniqueCheck.Kind.DEAD) {
                        live++;
                    }
                }
                if (live > 1) {
                    throw new UniqueViolationException(new Object[] {entries.key(first)});
                }
            });
        }
        writeTree(entries.tuples(keys, Integer.toUnsignedString(rel.relNumber())), checkXmin);
    }

    /** Where the table's entries go as they are read: a key (the row's values) and its heap TID. */
    private interface EntrySink {
        void add(Row row, int block, int offset);
    }

    private void checkKeyCount(Row row) {
        if (row.values().length != keys.size()) {
            throw new IllegalArgumentException("an entry has " + row.values().length + " key values, the index "
                    + keys.size() + " columns");
        }
    }

    private Entry entry(Row row, int block, int offset) {
        checkKeyCount(row);
        return new Entry(row.values().clone(), pack(block, offset));
    }

    private void read(Iterator<Row> rows, EntrySink sink) {
        while (rows.hasNext()) {
            Row row = rows.next();
            sink.add(row, row.tid().block(), row.tid().offset());
        }
    }

    /**
     * The entries with each TID replaced by its HOT chain's root, one entry per root (the first). A
     * page's roots are computed when an entry of another block than the last one's comes (a scan gives
     * them block by block, so once per page). Two entries can share a root only on a page that has
     * heap-only tuples, so only those pages' entries are remembered to find the second. The same
     * visit looks at the page for {@link OlderVersions}, and pages no entry comes from are looked at
     * as the walk passes them (and at the end), so every page of the table is seen once.
     */
    private void readToRoots(Iterator<Row> rows, RelFileLocator heap, CheckXmin check, EntrySink sink) {
        ring = check.blocks() > buffers.poolSize() / 4 ? BufferRing.bulkRead() : null;
        Set<Long> seen = new HashSet<>();
        int block = -1;
        int[] roots = new int[0];
        boolean hasHeapOnly = false;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.tid().block() != block || block == -1) {
                block = row.tid().block();
                checkPagesBefore(heap, block, check);
                int buffer = buffers.readBuffer(heap, ForkNumber.MAIN, block, ring);
                buffers.lock(buffer, LWLock.Mode.SHARED);
                try {
                    MemorySegment page = buffers.page(buffer);
                    if (block == checked && block < check.blocks()) {
                        checked++;
                        olderVersions = olderVersions || OlderVersions.onPage(page, check.horizon(), check.oracle());
                    }
                    roots = Page.isNew(page) ? new int[0] : HotChain.roots(page, block);
                } finally {
                    buffers.unlockRelease(buffer);
                }
                hasHeapOnly = false;
                for (int off = 1; off < roots.length && !hasHeapOnly; off++) {
                    hasHeapOnly = roots[off] != 0 && roots[off] != off;
                }
            }
            int offset = row.tid().offset();
            int root = offset < roots.length && roots[offset] != 0 ? roots[offset] : offset;
            if (!hasHeapOnly || seen.add(pack(block, root))) {
                sink.add(row, block, root);
            }
        }
        checkPagesBefore(heap, check.blocks(), check);
    }

    /**
     * Looks at the heap pages from {@link #checked} up to (not including) {@code end} for versions
     * older snapshots see ({@link OlderVersions#onPage}); none once one such version was found.
     */
    private void checkPagesBefore(RelFileLocator heap, int end, CheckXmin check) {
        for (; checked < Math.min(end, check.blocks()); checked++) {
            if (olderVersions) {
                continue;
            }
            int buffer = buffers.readBuffer(heap, ForkNumber.MAIN, checked, ring);
            buffers.lock(buffer, LWLock.Mode.SHARED);
            try {
                olderVersions = OlderVersions.onPage(buffers.page(buffer), check.horizon(), check.oracle());
            } finally {
                buffers.unlockRelease(buffer);
            }
        }
    }

    private Comparator<Entry> order() {
        return (x, y) -> compare(x.key(), x.tid(), y.key(), y.tid());
    }

    /** Index order: the key values column by column, then the heap TID. */
    private int compare(Object[] xKey, long xTid, Object[] yKey, long yTid) {
        for (int i = 0; i < keys.size(); i++) {
            int c = keys.column(i).compare(xKey[i], yKey[i]);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(xTid, yTid);
    }

    private void checkUnique(List<Entry> sorted, BTreeUniqueCheck check, RelFileLocator heap) {
        check.forgetHorizon();
        int i = 0;
        while (i < sorted.size()) {
            int j = i + 1;
            while (j < sorted.size() && equalKeys(sorted.get(i).key(), sorted.get(j).key())) {
                j++;
            }
            if (j - i > 1 && !hasNull(sorted.get(i).key())) {
                int live = 0;
                for (int k = i; k < j; k++) {
                    if (check.check(heap, sorted.get(k).itemPointer()).kind() != BTreeUniqueCheck.Kind.DEAD) {
                        live++;
                    }
                }
                if (live > 1) {
                    throw new UniqueViolationException(sorted.get(i).key());
                }
            }
            i = j;
        }
    }

    private boolean equalKeys(Object[] a, Object[] b) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.column(i).compare(a[i], b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNull(Object[] key) {
        for (Object v : key) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes one level from its items in order (leaf entries, or the downlinks of the level below)
     * and returns the downlinks to its pages: minus infinity to the first, then each page's left
     * neighbour's high key.
     */
    private List<byte[]> writeLevel(Iterable<byte[]> items, int level) {
        boolean leaf = level == 0;
        int capacity = Page.SIZE - Page.HEADER_SIZE - Page.maxAlign(BTreePage.SPECIAL_SIZE);
        int target = capacity - Page.SIZE * (100 - (leaf ? LEAF_FILLFACTOR : INTERNAL_FILLFACTOR)) / 100;
        List<byte[]> parents = new ArrayList<>();
        List<byte[]> page = new ArrayList<>();
        int used = 0;
        int prevBlock = BTreePage.P_NONE;
        byte[] lowKey = null; // the high key of the page to the left: this page's separator
        for (byte[] item : items) {
            int space = Page.maxAlign(item.length) + Page.ITEM_ID_SIZE;
            // If this item starts the next page, the high key is its pivot (a leaf entry gains a heap TID).
            int highKeySpace = space + (leaf ? Page.maxAlign(ItemPointer.SIZE) : 0);
            boolean fits = used + space + highKeySpace <= (page.size() < 2 ? capacity : target);
            if (!fits) {
                byte[] highKey = leaf ? IndexTuple.pivotOf(MemorySegment.ofArray(item), keys.size()) : item;
                int block = writePage(page, highKey, level, prevBlock, true);
                parents.add(lowKey == null ? IndexTuple.minusInfinity(block)
                        : IndexTuple.withDownlink(MemorySegment.ofArray(lowKey), block));
                lowKey = highKey;
                prevBlock = block;
                page.clear();
                used = 0;
            }
            page.add(item);
            used += space;
        }
        int block = writePage(page, null, level, prevBlock, false);
        parents.add(lowKey == null ? IndexTuple.minusInfinity(block)
                : IndexTuple.withDownlink(MemorySegment.ofArray(lowKey), block));
        return parents;
    }

    /**
     * Writes one page (the next block of the file): {@code highKey} (null on the rightmost page),
     * then the items; its right link is the next block, which the next page of the level will take.
     */
    private int writePage(List<byte[]> items, byte[] highKey, int level, int prevBlock, boolean hasRight) {
        int buffer = buffers.extend(rel, ForkNumber.MAIN);
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        int block = buffers.tag(buffer).block();
        MemorySegment page = buffers.page(buffer);
        BTreePage.initialize(page, level, level == 0 ? BTreePage.BTP_LEAF : 0);
        BTreePage.setPrev(page, prevBlock);
        // Blocks are handed out in order and a level is written before the next: the right
        // neighbour is the next block.
        BTreePage.setNext(page, hasRight ? block + 1 : BTreePage.P_NONE);
        int offset = BTreePage.P_HIKEY;
        if (highKey != null) {
            add(page, offset++, highKey);
        }
        for (byte[] item : items) {
            add(page, offset++, item);
        }
        if (!hasRight && prevBlock == BTreePage.P_NONE) {
            BTreePage.setFlag(page, BTreePage.BTP_ROOT, true);
        }
        long end = wal.insert(new WalRecordBuilder(RmgrIds.BTREE, BTreeWal.BUILD, 0)
                .block(rel, ForkNumber.MAIN, block, page, WalRecord.WILL_INIT, BTreeWal.imageOf(page)))
                .end();
        PageLsn.set(page, end);
        buffers.markDirty(buffer);
        buffers.unlockRelease(buffer);
        return block;
    }

    private static void add(MemorySegment page, int offset, byte[] item) {
        if (!BTreePage.addItem(page, offset, MemorySegment.ofArray(item))) {
            throw new IllegalStateException("btree build: item does not fit on its page");
        }
    }

    private void writeMeta(int root, int level, long checkXmin) {
        int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, BTreeMeta.BLOCK);
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        MemorySegment meta = buffers.page(buffer);
        BTreeMeta.initialize(meta, root, level);
        BTreeMeta.setCheckXmin(meta, checkXmin);
        long end = wal.insert(new WalRecordBuilder(RmgrIds.BTREE, BTreeWal.BUILD, 0)
                .block(rel, ForkNumber.MAIN, BTreeMeta.BLOCK, meta, WalRecord.WILL_INIT,
                        BTreeWal.imageOf(meta))).end();
        PageLsn.set(meta, end);
        buffers.markDirty(buffer);
        buffers.unlockRelease(buffer);
        // Durable now, whether or not the building transaction writes a commit record of its own.
        wal.flush(end);
    }
}
