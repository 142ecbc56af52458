package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.tusk.storage.access.LockWait;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.BufferRing;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.common.TransactionIds;
import org.tusk.storage.common.TransactionOracle;
import org.tusk.storage.common.StorageConstants;
import org.tusk.storage.fsm.FreeSpaceMap;
import org.tusk.storage.heap.HeapPage;
import org.tusk.storage.heap.HeapTuple;
import org.tusk.storage.heap.HeapTupleHeader;
import org.tusk.storage.heap.HeapVisibility;
import org.tusk.storage.heap.HintBits;
import org.tusk.storage.heap.HotChain;
import org.tusk.storage.heap.TmResult;
import org.tusk.storage.heap.TupleDescriptor;
import org.tusk.storage.heap.TupleLockMode;
import org.tusk.storage.lmgr.BackendLocks;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.lmgr.LockTag;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.WalRecordBuilder;
import org.tusk.storage.xact.CommitLog;
import org.tusk.storage.xact.TransactionManager;
import org.tusk.storage.xact.TransactionSystem;

/**
 * The heap access method of one backend (PostgreSQL's heapam.c with the executor's EvalPlanQual
 * reduced to what a single-table UPDATE/DELETE needs): rows in, rows out, by TID or by scan, under a
 * snapshot; pages, buffers, WAL and row-level waiting stay inside.
 *
 * <p>Every page change follows the buffer manager's rules: pin, exclusive content lock, change the
 * page, insert the WAL record (a full-page image when it is the page's first change since the redo
 * point, decided by the WAL), set the page LSN to the record's end, mark dirty, unlock. A reader
 * takes the content lock shared; hint bits it sets are not WAL-logged and do not dirty the buffer
 * (they are lost if the page is evicted clean, and recomputed).
 *
 * <p>Concurrent changes of one row: {@link #update}, {@link #delete} and {@link #lock} find the row
 * BEING_MODIFIED by a transaction still running, and wait for it (the tuple lock first, which queues
 * waiters in order, then the transaction's xid lock; a cycle is a deadlock, 40P01), then look
 * again. A row changed by a transaction that committed is reported UPDATED (with the newer
 * version's TID) or DELETED; {@link #updateRow} and {@link #deleteRow} then follow PostgreSQL's
 * rules: READ COMMITTED re-applies the change to the newest version (EvalPlanQual), REPEATABLE READ
 * and SERIALIZABLE fail with 40001.
 *
 * <p>Free space: each backend remembers the block it last inserted into per relation, asks the free
 * space map ({@link FreeSpaceMap}) next, then tries the relation's last block, and extends the
 * relation when none has room. Pages found too full, pages pruning or VACUUM left with room, and
 * newly extended pages are recorded in the map (see README.md, "Free space map").
 */
public final class HeapAccess {

    private enum Kind { UPDATE, DELETE, LOCK }

    private final Wal wal;
    private final StorageManager smgr;
    private final TransactionSystem transactions;
    private final CommitLog clog;
    private final TransactionManager transaction;
    private final BackendLocks locks;
    private final BufferManager buffers;
    private final Map<RelFileLocator, Integer> targetBlock = new HashMap<>();
    private final HintBits hints;
    private final FreeSpaceMap fsm;
    /** TOAST: values too wide for a page compressed or moved out of line, and fetched back. */
    private final Toaster toaster;
    /** Whether the version the last {@link #modify} updated or deleted had external (TOAST) values. */
    private boolean replacedExternal;
    /** Whether the last {@link #bufferWithSpace} extended the relation (the caller records the page). */
    private boolean extended;
    /**
     * Per relation: the block a bulk insert ({@link #insertAll}) added to the relation and stopped on
     * (PostgreSQL's BulkInsertState current buffer). The next bulk insert goes on there and, once it
     * is full, extends again at once instead of searching the free space map: a COPY of a million
     * rows calls insertAll a thousand times, and each search would read the whole map for nothing.
     * Only for the same command of the same transaction (one COPY): a later statement looks for free
     * room again first.
     */
    private final Map<RelFileLocator, BulkTarget> bulkBlock = new HashMap<>();

    private record BulkTarget(int block, long xid, int cid) {
    }
    /**
     * The last xid found committed with its commit record flushed (TransactionLogFetch's one-entry cache):
     * neither ever changes back, and a scan of a freshly loaded table asks about one xid per row.
     */
    private long durablyCommitted = TransactionIds.INVALID;
    /** What a sequential scan asks about transactions: {@link #transaction}, with that cache. */
    private final TransactionOracle scanOracle;

    HeapAccess(StorageEngine engine, TransactionManager transaction, BackendLocks locks, BufferManager buffers) {
        this.wal = engine.wal();
        this.smgr = engine.smgr();
        this.transactions = engine.transactions();
        this.clog = engine.transactions().commitLog();
        this.transaction = transaction;
        this.locks = locks;
        this.buffers = buffers;
        this.fsm = new FreeSpaceMap(buffers, smgr, engine.counters()::relationRemovals);
        this.toaster = new Toaster(this, buffers, smgr, engine::newOid);
        this.hints = new HintBits() {
            @Override
            public boolean mayMarkCommitted(long xid) {
                if (xid == durablyCommitted) {
                    return true;
                }
                long lsn = clog.commitLsn(xid);
                return lsn == Lsn.INVALID || Long.compareUnsigned(lsn, wal.flushedUpTo()) <= 0;
            }

            @Override
            public void pageDirtied() {
                // No MarkBufferDirtyHint yet: the buffer manager only dirties under an exclusive lock.
            }
        };
        this.scanOracle = new TransactionOracle() {
            @Override
            public boolean isCurrentTransaction(long xid) {
                // A committed xid is never this backend's: running ones (subtransactions too) are in
                // progress until the top level ends. Saves the walk of the subtransaction levels for
                // every row of a loaded table whose hint bits are not set yet.
                return xid != durablyCommitted && transaction.isCurrentTransaction(xid);
            }

            @Override
            public Status status(long xid) {
                if (xid == durablyCommitted) {
                    return Status.COMMITTED;
                }
                Status status = transaction.status(xid);
                if (status == Status.COMMITTED && TransactionIds.isNormal(xid) && hints.mayMarkCommitted(xid)) {
                    durablyCommitted = xid;
                }
                return status;
            }
        };
    }

    // ------------------------------------------------------------ reading

    /** The shared buffer pool's size in pages (what decides whether a scan uses a ring). */
    int poolSize() {
        return buffers.poolSize();
    }

    /** The number of blocks of the table now. */
    public int blocks(HeapTable table) {
        return smgr.nblocks(table.locator(), ForkNumber.MAIN);
    }

    /** The row at {@code tid} if that version is visible to {@code snapshot}, else null. */
    public Object[] fetch(HeapTable table, ItemPointer tid, Snapshot snapshot) {
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment tuple = HeapPage.fetch(buffers.page(buffer), tid.offset());
            if (tuple == null || !HeapVisibility.satisfiesMvcc(tuple, snapshot, transaction, hints)) {
                return null;
            }
            return HeapTuple.deform(table.descriptor(), tuple);
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * heap_hot_search_buffer: the member of the HOT chain whose root line pointer is {@code root}
     * (what an index entry points at) that {@code snapshot} sees, with its own TID; null if none.
     * The chain never leaves the root's page, so one share lock covers the walk.
     */
    public HeapRow fetchHot(HeapTable table, ItemPointer root, Snapshot snapshot) {
        int block = root.block();
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, block);
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment page = buffers.page(buffer);
            if (Page.isNew(page)) {
                return null;
            }
            for (int off = HotChain.first(page, root.offset()); off != Page.INVALID_OFFSET;) {
                MemorySegment tuple = Page.item(page, off);
                if (HeapVisibility.satisfiesMvcc(tuple, snapshot, transaction, hints)) {
                    return new HeapRow(new ItemPointer(block, off), HeapTuple.deform(table.descriptor(), tuple));
                }
                off = HotChain.next(page, block, tuple);
            }
            return null;
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * The version of a row visible to {@code snapshot}, found by following the update chain (t_ctid)
     * from {@code tid}, an older version of it (what an index entry would point at); null if no
     * version in the chain is visible (deleted, or not yet inserted for this snapshot).
     */
    public HeapRow fetchLatest(HeapTable table, ItemPointer tid, Snapshot snapshot) {
        ItemPointer at = tid;
        while (true) {
            int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, at.block());
            buffers.lock(buffer, LWLock.Mode.SHARED);
            ItemPointer next;
            try {
                MemorySegment tuple = HeapPage.fetch(buffers.page(buffer), at.offset());
                if (tuple == null) {
                    return null;
                }
                if (HeapVisibility.satisfiesMvcc(tuple, snapshot, transaction, hints)) {
                    return new HeapRow(at, HeapTuple.deform(table.descriptor(), tuple));
                }
                next = HeapTupleHeader.ctid(tuple);
            } finally {
                buffers.unlockRelease(buffer);
            }
            if (next.equals(at)) {
                return null;
            }
            at = next;
        }
    }

    /**
     * Sequential scan: every row version visible to {@code snapshot}, in TID order, in one list (for
     * tests and small tables; {@link #scanPage} is the streaming form).
     */
    public List<HeapRow> scan(HeapTable table, Snapshot snapshot) {
        List<HeapRow> rows = new ArrayList<>();
        int nblocks = blocks(table);
        for (int block = 0; block < nblocks; block++) {
            scanPage(table, block, snapshot, rows);
        }
        return rows;
    }

    /**
     * One step of a sequential scan (heapgetpage): the row versions of block {@code block} visible to
     * {@code snapshot}, copied out under the page's share lock and appended to {@code out} in offset
     * order. Nothing stays pinned or locked afterwards, so a scan holds at most one page's rows.
     */
    public void scanPage(HeapTable table, int block, Snapshot snapshot, List<HeapRow> out) {
        scanPage(table, block, snapshot, out, null, null);
    }

    /**
     * {@link #scanPage} decoding only the columns {@code wanted} marks (all if null) of the rows
     * {@code keep} accepts (all if null); {@code keep} is asked once per visible row, in order, before
     * the row is decoded, under the page's share lock (so it must only compute).
     */
    public void scanPage(HeapTable table, int block, Snapshot snapshot, List<HeapRow> out, boolean[] wanted,
            java.util.function.BooleanSupplier keep) {
        scanPage(table, block, snapshot, out, wanted, keep, null);
    }

    /** {@link #scanPage}, reading a block not in the pool into a buffer of {@code ring} (null: any). */
    public void scanPage(HeapTable table, int block, Snapshot snapshot, List<HeapRow> out, boolean[] wanted,
            java.util.function.BooleanSupplier keep, BufferRing ring) {
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, block, ring);
        buffers.lock(buffer, LWLock.Mode.SHARED);
        if (worthPruning(buffers.page(buffer))) {
            // heap_page_prune_opt: only if the exclusive lock is free right now; a scan never waits for it.
            buffers.unlock(buffer);
            if (buffers.tryLock(buffer, LWLock.Mode.EXCLUSIVE)) {
                int freed = prune(table.locator(), buffer);
                int free = HeapPage.freeSpace(buffers.page(buffer));
                buffers.unlock(buffer);
                if (freed > 0) {
                    fsm.record(table.locator(), block, free);
                }
            }
            buffers.lock(buffer, LWLock.Mode.SHARED);
        }
        try {
            MemorySegment page = buffers.page(buffer);
            if (Page.isNew(page)) {
                return;
            }
            int max = Page.maxOffset(page); // the page is share-locked: no line pointer is added meanwhile
            for (int off = Page.FIRST_OFFSET; off <= max; off++) {
                MemorySegment tuple = Page.normalItemWithin(page, off);
                if (tuple != null && HeapVisibility.satisfiesMvcc(tuple, snapshot, scanOracle, hints)
                        && (keep == null || keep.getAsBoolean())) {
                    out.add(new HeapRow(new ItemPointer(block, off), HeapTuple.deform(table.descriptor(), tuple, wanted)));
                }
            }
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    // ------------------------------------------------------------ insert

    /** Inserts a row as the current command of the current transaction; returns its TID. */
    public ItemPointer insert(HeapTable table, Object[] row) {
        byte[] tuple = toaster.form(table, row, List::of);
        long xid = transaction.currentXid();
        int cid = transaction.commandId();
        int avoid = -1;
        while (true) {
            int buffer = bufferWithSpace(table, tuple.length, avoid);
            MemorySegment page = buffers.page(buffer);
            int block = buffers.tag(buffer).block();
            HeapWal.PageOps ops = new HeapWal.PageOps();
            int flags = 0;
            if (Page.isNew(page)) {
                HeapPage.initialize(page);
                ops.initPage();
                flags = WalRecord.WILL_INIT;
            }
            int offset = HeapPage.insert(page, block, tuple, xid, cid);
            if (offset == Page.INVALID_OFFSET) {
                buffers.unlockRelease(buffer);  // out of line pointers: try another page
                targetBlock.remove(table.locator());
                fsm.record(table.locator(), block, 0); // no tuple fits, whatever the bytes say
                avoid = block;
                continue;
            }
            ops.putTuple(page, offset);
            long end = wal.insert(new WalRecordBuilder(RmgrIds.HEAP, HeapWal.INSERT, xid)
                    .block(table.locator(), ForkNumber.MAIN, block, page, flags, ops.bytes())).end();
            PageLsn.set(page, end);
            buffers.markDirty(buffer);
            boolean wasExtended = extended;
            int free = HeapPage.freeSpace(page);
            buffers.unlockRelease(buffer);
            if (wasExtended) {
                fsm.record(table.locator(), block, free); // so others may share the new page
            }
            return new ItemPointer(block, offset);
        }
    }

    /**
     * heap_multi_insert (COPY FROM's bulk insert): inserts {@code rows} in order as the current
     * command and returns their TIDs. The tuples are put on a page as long as they fit and the page
     * is logged with one WAL record for all of them (PostgreSQL's XLOG_HEAP2_MULTI_INSERT; here an
     * INSERT record with one put-tuple operation per row, which redo already replays in order), then
     * the next page is taken: one record, one lock and one buffer lookup per page instead of per row.
     */
    public ItemPointer[] insertAll(HeapTable table, List<Object[]> rows) {
        return insertAll(table, rows, false);
    }

    /**
     * {@link #insertAll(HeapTable, List)}, the rows born frozen if {@code frozen} (COPY FREEZE into a
     * relation file the current subtransaction created: see {@link HeapPage#insertFrozen}). Their TOAST
     * chunks, if any, are inserted as usual.
     */
    public ItemPointer[] insertAll(HeapTable table, List<Object[]> rows, boolean frozen) {
        int n = rows.size();
        byte[][] tuples = new byte[n][];
        for (int i = 0; i < n; i++) {
            tuples[i] = toaster.form(table, rows.get(i), List::of);
        }
        ItemPointer[] tids = new ItemPointer[n];
        if (n == 0) {
            return tids;
        }
        long xid = transaction.currentXid();
        int cid = transaction.commandId();
        int avoid = -1;
        int next = 0;
        boolean extendNext = false;
        // Going on from the page the previous bulk insert added (if it is still the insert target).
        BulkTarget bulk = bulkBlock.remove(table.locator());
        int bulkBuffer = -1;
        if (bulk != null && bulk.xid() == xid && bulk.cid() == cid
                && Integer.valueOf(bulk.block()).equals(targetBlock.get(table.locator()))) {
            bulkBuffer = tryBlock(table.locator(), bulk.block(), Page.maxAlign(tuples[0].length));
            extendNext = bulkBuffer < 0; // full: a new page at once, as below
        }
        while (next < n) {
            // Once a page this call added is full, the map had nothing for the rows before it and the
            // next page is added at once too (PostgreSQL's BulkInsertState goes on extending; it does
            // not even record the pages it fills): no map search, no tries of full pages.
            int buffer;
            boolean wasExtended;
            if (bulkBuffer >= 0) {
                buffer = bulkBuffer;
                bulkBuffer = -1;
                wasExtended = true; // added by the previous bulk insert
            } else {
                buffer = extendNext ? extendWithRoom(table.locator(), Page.maxAlign(tuples[next].length))
                        : bufferWithSpace(table, tuples[next].length, avoid);
                wasExtended = extendNext || extended;
            }
            MemorySegment page = buffers.page(buffer);
            int block = buffers.tag(buffer).block();
            // A page begun here is logged as its image once filled (what log_newpage does for a page
            // written whole): one copy of the page instead of an operation per row, and redo restores it.
            boolean newPage = Page.isNew(page);
            HeapWal.PageOps ops = newPage ? null : new HeapWal.PageOps();
            int flags = newPage ? WalRecordBuilder.FORCE_IMAGE : 0;
            if (newPage) {
                HeapPage.initialize(page);
            }
            int first = next;
            while (next < n) {
                int offset = frozen ? HeapPage.insertFrozen(page, block, tuples[next], xid, cid)
                        : HeapPage.insert(page, block, tuples[next], xid, cid);
                if (offset == Page.INVALID_OFFSET) {
                    break; // the page is full: log what went on it, then the next page
                }
                if (ops != null) {
                    ops.putTuple(page, offset);
                }
                tids[next++] = new ItemPointer(block, offset);
            }
            if (next == first) {
                // Not even the first fitted: out of line pointers, whatever the bytes said.
                buffers.unlockRelease(buffer);
                targetBlock.remove(table.locator());
                fsm.record(table.locator(), block, 0);
                avoid = block;
                continue;
            }
            avoid = -1;
            long end = wal.insert(new WalRecordBuilder(RmgrIds.HEAP, HeapWal.INSERT, xid)
                    .block(table.locator(), ForkNumber.MAIN, block, page, flags, ops == null ? null : ops.bytes()))
                    .end();
            PageLsn.set(page, end);
            buffers.markDirty(buffer);
            int free = HeapPage.freeSpace(page);
            buffers.unlockRelease(buffer);
            if (wasExtended || next < n) {
                fsm.record(table.locator(), block, free);
            }
            extendNext = wasExtended && next < n;
            if (next == n && wasExtended) {
                bulkBlock.put(table.locator(), new BulkTarget(block, xid, cid));
            }
        }
        return tids;
    }

    /**
     * A new block at the end of the relation with room for {@code need} bytes, pinned, exclusively
     * locked and remembered as the insert target (the extending end of {@link #bufferWithSpace}).
     */
    private int extendWithRoom(RelFileLocator rel, int need) {
        while (true) {
            int buffer = buffers.extend(rel, ForkNumber.MAIN);
            buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
            // Another backend may have found the new block as "the last one" and filled it meanwhile.
            if (hasRoom(buffers.page(buffer), need)) {
                targetBlock.put(rel, buffers.tag(buffer).block());
                return buffer;
            }
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * A pinned, exclusively locked buffer of the table with room for a tuple of {@code length}
     * bytes, not block {@code avoid} (RelationGetBufferForTuple): the backend's last target, else a
     * page the free space map offers, else the last block, else a new block. Every page found too
     * full is recorded in the map with its real free space, so a stale entry is corrected by the
     * first insert it misleads and the map does not offer it again.
     */
    private int bufferWithSpace(HeapTable table, int length, int avoid) {
        RelFileLocator rel = table.locator();
        int need = Page.maxAlign(length);
        extended = false;
        Integer cached = targetBlock.get(rel);
        // The cached target first, without asking the file system for the size (an lseek per insert
        // otherwise): a relation never shrinks while it is in use, so the block is still there.
        if (cached != null && cached != avoid) {
            int buffer = tryBlock(rel, cached, need);
            if (buffer >= 0) {
                return buffer;
            }
        }
        int nblocks = smgr.nblocks(rel, ForkNumber.MAIN);
        while (true) {
            int block = fsm.search(rel, need);
            if (block < 0 || block == avoid) {
                break; // nothing known (or only the page the caller could not use): go on without the map
            }
            if (block >= nblocks) {
                fsm.record(rel, block, 0); // left from before a crash: the heap never got that far
                continue;
            }
            int buffer = tryBlock(rel, block, need);
            if (buffer >= 0) {
                return buffer;
            }
        }
        int last = nblocks - 1;
        if (last >= 0 && last != avoid && (cached == null || last != cached)) {
            int buffer = tryBlock(rel, last, need);
            if (buffer >= 0) {
                return buffer;
            }
        }
        int buffer = extendWithRoom(rel, need);
        extended = true;
        return buffer;
    }

    /**
     * Block {@code block} pinned and exclusively locked if it has {@code need} bytes free (after
     * pruning it if that helps), else -1 with its real free space recorded in the free space map.
     */
    private int tryBlock(RelFileLocator rel, int block, int need) {
        int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, block);
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        if (hasRoom(buffers.page(buffer), need)) {
            targetBlock.put(rel, block);
            return buffer;
        }
        // Full: what is dead to everyone may make room (the pruning an update or insert triggers).
        if (prune(rel, buffer) > 0 && hasRoom(buffers.page(buffer), need)) {
            targetBlock.put(rel, block);
            return buffer;
        }
        int free = HeapPage.freeSpace(buffers.page(buffer));
        buffers.unlockRelease(buffer);
        fsm.record(rel, block, free);
        return -1;
    }

    /**
     * Forgets what this backend remembers of a relation (its insert target block), when the relation
     * is created or its files are removed: a file number used again must not start from a block of
     * the old file. (Other backends' memories are safe because file numbers come from the OID
     * counter, which never hands one out twice.)
     */
    void forgetRelation(RelFileLocator rel) {
        toaster.forget(rel);
        targetBlock.remove(rel);
        bulkBlock.remove(rel);
        fsm.forget(rel);
    }

    /** The free space map of this backend's heaps (for tests and VACUUM's callers). */
    FreeSpaceMap freeSpaceMap() {
        return fsm;
    }

    private static boolean hasRoom(MemorySegment page, int need) {
        return Page.isNew(page) || HeapPage.freeSpace(page) >= need;
    }

    // ------------------------------------------------------------ update, delete, lock

    /**
     * heap_update: replaces the row version at {@code tid} by {@code newRow} (same page if it fits,
     * else another). Waits for a transaction still changing the row; see the class comment.
     */
    public ModifyResult update(HeapTable table, ItemPointer tid, Object[] newRow) {
        return update(table, tid, newRow, null);
    }

    /**
     * heap_update that may be heap-only: {@code indexed} (null: never HOT) marks the columns some
     * index has as a key column. If none of them changed and the new version fits on the old
     * version's page, it becomes a HOT update ({@link ModifyResult#heapOnly()}).
     */
    public ModifyResult update(HeapTable table, ItemPointer tid, Object[] newRow, boolean[] indexed) {
        byte[] tuple = toaster.form(table, newRow, () -> externalValues(table, tid));
        ModifyResult r = modify(table, tid, Kind.UPDATE, tuple, null, LockWait.BLOCK, indexed);
        toaster.afterUpdate(table, r.result() == TmResult.OK, replacedExternal, () -> externalValues(table, tid));
        return r;
    }

    /** heap_delete of the row version at {@code tid} (and of its TOAST values). */
    public ModifyResult delete(HeapTable table, ItemPointer tid) {
        ModifyResult r = modify(table, tid, Kind.DELETE, null, null, LockWait.BLOCK, null);
        if (r.result() == TmResult.OK && replacedExternal) {
            toaster.afterDelete(table, externalValues(table, tid));
        }
        return r;
    }

    /**
     * heap_abort_speculative: the row version this transaction just inserted at {@code tid} (ON
     * CONFLICT's speculative insertion, which found a concurrent inserter of its key) becomes dead to
     * everyone at once, its xmin marked invalid, rather than deleted: a deleted row would still be
     * "inserted by a running transaction" to other unique checks, which would wait for this one to
     * end. WAL-logged as a delete (the header as it became), so that a crash cannot bring it back
     * once the transaction commits; its TOAST values' chunks are taken back the same way.
     */
    public void abortInsert(HeapTable table, ItemPointer tid) {
        RelFileLocator rel = table.locator();
        long xid = transaction.currentXid();
        int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        List<org.tusk.storage.heap.ToastPointer> external;
        try {
            MemorySegment page = buffers.page(buffer);
            MemorySegment tuple = HeapPage.fetch(page, tid.offset());
            if (tuple == null || !transaction.isCurrentTransaction(HeapTupleHeader.xmin(tuple))
                    || HeapTupleHeader.xminInvalid(tuple)) {
                throw new IllegalStateException("(" + tid.block() + "," + tid.offset() + ") of " + rel
                        + " is no row this transaction inserted");
            }
            external = HeapTupleHeader.hasAny(tuple, HeapTupleHeader.HEAP_HASEXTERNAL)
                    ? Toaster.pointersIn(table.descriptor(), tuple) : List.of();
            HeapTupleHeader.clearBits(tuple, HeapTupleHeader.HEAP_XMIN_COMMITTED);
            HeapTupleHeader.setBits(tuple, HeapTupleHeader.HEAP_XMIN_INVALID);
            Page.notePrunable(page, xid);
            logOnePage(rel, tid.block(), page, HeapWal.DELETE, xid,
                    new HeapWal.PageOps().setHeader(page, tid.offset()).prunable(xid));
            buffers.markDirty(buffer);
        } finally {
            buffers.unlockRelease(buffer);
        }
        if (!external.isEmpty()) {
            toaster.afterAbortInsert(table, external);
        }
    }

    /** The TOAST pointers of the version at {@code tid} (one this transaction is updating or deleting). */
    private List<org.tusk.storage.heap.ToastPointer> externalValues(HeapTable table, ItemPointer tid) {
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment tuple = HeapPage.fetch(buffers.page(buffer), tid.offset());
            return tuple == null ? List.of() : Toaster.pointersIn(table.descriptor(), tuple);
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** This backend's TOAST (values of rows read are fetched through it). */
    Toaster toaster() {
        return toaster;
    }

    /**
     * heap_lock_tuple (SELECT ... FOR UPDATE/SHARE) of the version at {@code tid}. Without
     * MultiXacts a row has one locker at a time, so even share locks wait for each other.
     */
    public ModifyResult lock(HeapTable table, ItemPointer tid, TupleLockMode mode) {
        return modify(table, tid, Kind.LOCK, null, mode, LockWait.BLOCK, null);
    }

    /**
     * As {@link #lock(HeapTable, ItemPointer, TupleLockMode)}, but with {@code noWait} (FOR UPDATE
     * NOWAIT) a row another running transaction changes or locks fails at once with 55P03 instead of
     * waiting.
     */
    public ModifyResult lock(HeapTable table, ItemPointer tid, TupleLockMode mode, boolean noWait) {
        return modify(table, tid, Kind.LOCK, null, mode, noWait ? LockWait.ERROR : LockWait.BLOCK, null);
    }

    private ModifyResult modify(HeapTable table, ItemPointer tid, Kind kind, byte[] newTuple, TupleLockMode mode,
            LockWait wait, boolean[] indexed) {
        RelFileLocator rel = table.locator();
        long xid = transaction.currentXid();
        int cid = transaction.commandId();
        LockTag tupleLock = null;
        try {
            while (true) {
                int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, tid.block());
                buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
                MemorySegment page = buffers.page(buffer);
                MemorySegment tuple = HeapPage.fetch(page, tid.offset());
                if (tuple == null) {
                    buffers.unlockRelease(buffer);
                    return new ModifyResult(TmResult.INVISIBLE, null, null);
                }
                TmResult result = HeapVisibility.satisfiesUpdate(tuple, tid, cid, transaction, hints);
                if (result == TmResult.BEING_MODIFIED) {
                    long xmax = HeapTupleHeader.xmax(tuple);
                    boolean lockOnly = HeapTupleHeader.isLockedOnly(HeapTupleHeader.infomask(tuple));
                    if (lockOnly && transaction.isCurrentTransaction(xmax)) {
                        if (kind == Kind.LOCK) {
                            buffers.unlockRelease(buffer);  // we hold a row lock on it already
                            return new ModifyResult(TmResult.OK, null, null);
                        }
                        result = TmResult.OK;
                    } else {
                        buffers.unlockRelease(buffer);
                        if (tupleLock == null) {
                            // heap_acquire_tuplock: first in line among the waiters for this row.
                            LockTag tag = LockTag.tuple(rel.database(), rel.relNumber(), tid.block(), tid.offset());
                            if (wait != LockWait.BLOCK) {
                                if (!locks.tryAcquire(tag, LockMode.EXCLUSIVE)) {
                                    if (wait == LockWait.SKIP) {
                                        return new ModifyResult(TmResult.WOULD_BLOCK, null, null);
                                    }
                                    throw EngineException.rowLockNotAvailable(rel);
                                }
                            } else {
                                locks.acquire(tag, LockMode.EXCLUSIVE);
                            }
                            tupleLock = tag; // held from here: released below however we leave
                        }
                        if (wait != LockWait.BLOCK) {
                            if (!locks.transactionHasEnded(xmax)) {
                                if (wait == LockWait.SKIP) {
                                    return new ModifyResult(TmResult.WOULD_BLOCK, null, null);
                                }
                                throw EngineException.rowLockNotAvailable(rel);
                            }
                        } else {
                            locks.waitForTransaction(xmax);
                        }
                        continue;
                    }
                }
                if (result != TmResult.OK) {
                    ItemPointer next = result == TmResult.UPDATED ? HeapTupleHeader.ctid(tuple) : null;
                    long updater = result == TmResult.UPDATED ? HeapTupleHeader.xmax(tuple) : 0;
                    buffers.unlockRelease(buffer);
                    return new ModifyResult(result, null, next, false, updater);
                }
                replacedExternal = kind != Kind.LOCK && HeapTupleHeader.hasAny(tuple, HeapTupleHeader.HEAP_HASEXTERNAL);
                ModifyResult done = switch (kind) {
                    case DELETE -> {
                        HeapPage.delete(page, tid.offset(), xid, cid);
                        logOnePage(rel, tid.block(), page, HeapWal.DELETE, xid,
                                new HeapWal.PageOps().setHeader(page, tid.offset()).prunable(xid));
                        yield new ModifyResult(TmResult.OK, null, null);
                    }
                    case LOCK -> {
                        HeapPage.lock(page, tid.offset(), xid, mode);
                        logOnePage(rel, tid.block(), page, HeapWal.LOCK, xid,
                                new HeapWal.PageOps().setHeader(page, tid.offset()));
                        yield new ModifyResult(TmResult.OK, null, null);
                    }
                    case UPDATE -> updateSamePage(rel, tid, buffer, page, newTuple, xid, cid,
                            indexed != null && indexedUnchanged(table.descriptor(), tuple, newTuple, indexed));
                };
                if (done != null) {
                    buffers.markDirty(buffer);
                    buffers.unlockRelease(buffer);
                    return done;
                }
                // The new version needs another page.
                buffers.unlock(buffer);
                ModifyResult moved = updateOtherPage(table, tid, buffer, newTuple, xid, cid);
                buffers.release(buffer);
                if (moved != null) {
                    return moved;
                }
                // The row changed while no lock was held: start over.
            }
        } finally {
            if (tupleLock != null) {
                locks.release(tupleLock, LockMode.EXCLUSIVE);
            }
        }
    }

    /**
     * {@link org.tusk.storage.access.Table#overwriteInPlace}: the sequence tuple at (0,1) changed in place
     * under the page's exclusive lock (PostgreSQL's nextval_internal/do_setval). When the change logs, the
     * record re-creates the whole page from the logged tuple (WILL_INIT, as XLOG_SEQ_LOG does), so it
     * needs no full-page image and redo never depends on what the data file held; the top-level
     * transaction gets an xid so that its commit flushes the record (GetTopTransactionId in nextval).
     * Without a record the page is only dirtied: its LSN stays, which is how the next caller learns
     * that a checkpoint has passed since the last record ({@code mustLog}).
     */
    public Object[] overwriteInPlace(HeapTable table, org.tusk.storage.access.InPlaceChange change) {
        if (blocks(table) == 0) {
            return null;
        }
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, 0);
        buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
        try {
            MemorySegment page = buffers.page(buffer);
            MemorySegment tuple = Page.isNew(page) || Page.maxOffset(page) != Page.FIRST_OFFSET ? null
                    : HeapPage.fetch(page, Page.FIRST_OFFSET);
            if (tuple == null || !inPlaceTuple(tuple)) {
                return null;
            }
            Object[] current = HeapTuple.deform(table.descriptor(), tuple);
            boolean mustLog = Long.compareUnsigned(PageLsn.get(page), wal.redoPointer()) <= 0;
            org.tusk.storage.access.InPlaceChange.Overwrite w = change.apply(current, mustLog);
            if (w == null) {
                return current;
            }
            byte[] values = sameShape(table, tuple, w.values());
            if (w.logged() != null) {
                byte[] logged = tuple.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                byte[] data = sameShape(table, tuple, w.logged());
                System.arraycopy(data, 0, logged, HeapTupleHeader.hoff(tuple), data.length);
                long xid = transaction.topXidAssigned();
                HeapWal.PageOps ops = new HeapWal.PageOps().initPage().putTuple(Page.FIRST_OFFSET, logged);
                long end = wal.insert(new WalRecordBuilder(RmgrIds.HEAP, HeapWal.INPLACE, xid)
                        .block(table.locator(), ForkNumber.MAIN, 0, page, WalRecord.WILL_INIT, ops.bytes())).end();
                PageLsn.set(page, end);
            }
            MemorySegment.copy(values, 0, tuple, java.lang.foreign.ValueLayout.JAVA_BYTE, HeapTupleHeader.hoff(tuple),
                    values.length);
            buffers.markDirty(buffer);
            return w.values().clone();
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** A tuple every snapshot sees for good: frozen, never deleted or locked. */
    private static boolean inPlaceTuple(MemorySegment tuple) {
        int mask = HeapTupleHeader.infomask(tuple);
        return (mask & HeapTupleHeader.HEAP_XMIN_FROZEN) == HeapTupleHeader.HEAP_XMIN_FROZEN
                && (mask & HeapTupleHeader.HEAP_XMAX_INVALID) != 0 && (mask & HeapTupleHeader.HEAP_HASNULL) == 0;
    }

    /** The data bytes of {@code values} as a tuple, which must be laid out as {@code onPage} is. */
    private static byte[] sameShape(HeapTable table, MemorySegment onPage, Object[] values) {
        byte[] formed = HeapTuple.form(table.descriptor(), values);
        int hoff = HeapTupleHeader.hoff(onPage);
        if (formed.length != onPage.byteSize()
                || HeapTupleHeader.hoff(MemorySegment.ofArray(formed)) != hoff) {
            throw new IllegalArgumentException("an in-place change must keep the tuple's layout");
        }
        return java.util.Arrays.copyOfRange(formed, hoff, formed.length);
    }

    private void logOnePage(RelFileLocator rel, int block, MemorySegment page, int info, long xid,
            HeapWal.PageOps ops) {
        long end = wal.insert(new WalRecordBuilder(RmgrIds.HEAP, info, xid)
                .block(rel, ForkNumber.MAIN, block, page, 0, ops.bytes())).end();
        PageLsn.set(page, end);
    }

    /**
     * HOT's condition on the values (heap_update's HeapDetermineColumnsInfo): no column an index has
     * as key differs between the old version and the new one. Compared as the values read back from
     * both tuples, so equal means the same stored bytes for every type the heap has.
     */
    private static boolean indexedUnchanged(TupleDescriptor descriptor, MemorySegment oldTuple, byte[] newTuple,
            boolean[] indexed) {
        boolean any = false;
        for (boolean b : indexed) {
            any |= b;
        }
        if (!any) {
            return true;
        }
        Object[] before = HeapTuple.deform(descriptor, oldTuple);
        Object[] after = HeapTuple.deform(descriptor, MemorySegment.ofArray(newTuple));
        for (int i = 0; i < indexed.length; i++) {
            if (indexed[i] && !Objects.deepEquals(before[i], after[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The update with the new version on the old version's page, or null if it does not fit; a
     * heap-only update if {@code hot} (no indexed column changed).
     */
    private ModifyResult updateSamePage(RelFileLocator rel, ItemPointer tid, int buffer, MemorySegment page,
            byte[] newTuple, long xid, int cid, boolean hot) {
        if (HeapPage.freeSpace(page) < Page.maxAlign(newTuple.length)) {
            // Prune first: the old version itself stays (it is visible to us), the dead ones go. The
            // page is ours exclusively and nobody keeps a pointer into it without its lock.
            if (prune(rel, buffer) == 0 || HeapPage.freeSpace(page) < Page.maxAlign(newTuple.length)) {
                return null;
            }
        }
        ItemPointer newTid = HeapPage.update(page, tid.offset(), page, tid.block(), newTuple, xid, cid, false, hot);
        if (newTid == null) {
            return null;
        }
        // The same record for a HOT update: the heap-only and HOT-updated bits are in the bytes logged.
        logOnePage(rel, tid.block(), page, HeapWal.UPDATE, xid, new HeapWal.PageOps()
                .putTuple(page, newTid.offset()).setHeader(page, tid.offset()).prunable(xid));
        return new ModifyResult(TmResult.OK, newTid, null, hot);
    }

    /**
     * The update with the new version on another page. The old page's lock was let go while a page
     * with room was found (never wait for a page while holding another's lock out of block order), so
     * both are now locked in block order and the old version checked again; null if it changed
     * meanwhile (the caller starts over).
     */
    private ModifyResult updateOtherPage(HeapTable table, ItemPointer tid, int oldBuffer, byte[] newTuple, long xid,
            int cid) {
        RelFileLocator rel = table.locator();
        int newBuffer = bufferWithSpace(table, newTuple.length, tid.block());
        boolean wasExtended = extended;
        int newBlock = buffers.tag(newBuffer).block();
        buffers.unlock(newBuffer);
        if (newBlock < tid.block()) {
            buffers.lock(newBuffer, LWLock.Mode.EXCLUSIVE);
            buffers.lock(oldBuffer, LWLock.Mode.EXCLUSIVE);
        } else {
            buffers.lock(oldBuffer, LWLock.Mode.EXCLUSIVE);
            buffers.lock(newBuffer, LWLock.Mode.EXCLUSIVE);
        }
        MemorySegment oldPage = buffers.page(oldBuffer);
        MemorySegment newPage = buffers.page(newBuffer);
        MemorySegment tuple = HeapPage.fetch(oldPage, tid.offset());
        TmResult again = HeapVisibility.satisfiesUpdate(tuple, tid, cid, transaction, hints);
        boolean ownLockOnly = again == TmResult.BEING_MODIFIED
                && HeapTupleHeader.isLockedOnly(HeapTupleHeader.infomask(tuple))
                && transaction.isCurrentTransaction(HeapTupleHeader.xmax(tuple));
        if ((again != TmResult.OK && !ownLockOnly) || !hasRoom(newPage, Page.maxAlign(newTuple.length))) {
            buffers.unlock(oldBuffer);
            buffers.unlockRelease(newBuffer);
            return null;
        }
        HeapWal.PageOps newOps = new HeapWal.PageOps();
        int flags = 0;
        if (Page.isNew(newPage)) {
            HeapPage.initialize(newPage);
            newOps.initPage();
            flags = WalRecord.WILL_INIT;
        }
        ItemPointer newTid = HeapPage.update(oldPage, tid.offset(), newPage, newBlock, newTuple, xid, cid, false, false);
        if (newTid == null) {
            buffers.unlock(oldBuffer);
            buffers.unlockRelease(newBuffer);
            targetBlock.remove(rel);
            fsm.record(rel, newBlock, 0); // out of line pointers: no tuple fits, whatever the bytes say
            return null;
        }
        newOps.putTuple(newPage, newTid.offset());
        HeapWal.PageOps oldOps = new HeapWal.PageOps().setHeader(oldPage, tid.offset()).prunable(xid);
        long end = wal.insert(new WalRecordBuilder(RmgrIds.HEAP, HeapWal.UPDATE, xid)
                .block(rel, ForkNumber.MAIN, newBlock, newPage, flags, newOps.bytes())
                .block(rel, ForkNumber.MAIN, tid.block(), oldPage, 0, oldOps.bytes())).end();
        PageLsn.set(newPage, end);
        PageLsn.set(oldPage, end);
        buffers.markDirty(newBuffer);
        buffers.markDirty(oldBuffer);
        int free = HeapPage.freeSpace(newPage);
        buffers.unlockRelease(newBuffer);
        buffers.unlock(oldBuffer);
        if (wasExtended) {
            fsm.record(rel, newBlock, free); // so others may share the new page, as after an insert
        }
        return new ModifyResult(TmResult.OK, newTid, null);
    }

    // ------------------------------------------------------------ pruning

    /**
     * heap_page_prune_opt's test, on a locked page: some version on it may be dead to everyone now
     * (pd_prune_xid set) and the page is getting full (PD_PAGE_FULL, or less than a tenth free).
     */
    private static boolean worthPruning(MemorySegment page) {
        if (Page.isNew(page) || Page.pruneXid(page) == 0) {
            return false;
        }
        return Page.hasFlag(page, Page.PD_PAGE_FULL)
                || HeapPage.freeSpace(page) < StorageConstants.BLOCK_SIZE / 10;
    }

    /**
     * Prunes the exclusively locked page of {@code buffer} (heap_page_prune): versions dead to every
     * running transaction (older than the proc array's oldest xmin) lose their storage, their line
     * pointers become LP_DEAD (index entries may point at them: only a VACUUM that also cleans the
     * indexes may reuse them), the page is compacted, and the change is WAL-logged. Returns the
     * number of versions removed; 0 (and nothing written) if the page's pd_prune_xid says nothing can
     * be dead yet.
     */
    int prune(RelFileLocator rel, int buffer) {
        MemorySegment page = buffers.page(buffer);
        long pruneXid = Page.pruneXid(page);
        if (Page.isNew(page) || pruneXid == 0) {
            return 0;
        }
        long oldestXmin = transactions.globalXmin();
        if (pruneXid >= oldestXmin) {
            return 0; // PageIsPrunable: the oldest deleter may still be needed by someone
        }
        int[] before = HeapWal.lineStates(page);
        int removed = HeapPage.prune(page, buffers.tag(buffer).block(), oldestXmin, transaction, hints);
        long end = wal.insert(new WalRecordBuilder(RmgrIds.HEAP, HeapWal.PRUNE, 0)
                .block(rel, ForkNumber.MAIN, buffers.tag(buffer).block(), page, 0,
                        new HeapWal.PageOps().pruned(page, before, removed > 0).bytes())).end();
        PageLsn.set(page, end);
        buffers.markDirty(buffer);
        return removed;
    }

    /**
     * VACUUM's first heap pass for the whole table: prunes every page (waiting for each page's
     * exclusive lock) and records each page's free space in the free space map. Returns the number of
     * versions removed. Line pointers stay LP_DEAD (no index vacuuming yet), so their 4 bytes each are
     * not reclaimed.
     */
    public long vacuum(HeapTable table) {
        long removed = 0;
        int nblocks = blocks(table);
        // GetAccessStrategy(BAS_VACUUM): the pass reads the table through a small ring of buffers.
        BufferRing ring = BufferRing.vacuum();
        for (int block = 0; block < nblocks; block++) {
            int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, block, ring);
            buffers.lock(buffer, LWLock.Mode.EXCLUSIVE);
            int free;
            try {
                removed += prune(table.locator(), buffer);
                MemorySegment page = buffers.page(buffer);
                free = Page.isNew(page) ? StorageConstants.BLOCK_SIZE - Page.HEADER_SIZE : HeapPage.freeSpace(page);
            } finally {
                buffers.unlockRelease(buffer);
            }
            // lazy_scan_heap: every page visited is recorded, which also rebuilds a map lost in a crash.
            fsm.record(table.locator(), block, free);
        }
        if (toaster.hasToast(table.locator())) {
            // The TOAST relation is vacuumed with its table, as VACUUM does unless told PROCESS_TOAST false.
            removed += vacuum(new HeapTable(Toaster.toastOf(table.locator()), Toaster.CHUNKS));
        }
        return removed;
    }

    // ------------------------------------------------------------ statement-level helpers

    /**
     * What an {@code UPDATE ... WHERE} does with one row it found: applies {@code change} to the
     * values of the version at {@code tid} (as read by the statement) and updates it; {@code change}
     * returning null means the row no longer qualifies. If a concurrent transaction changed the row
     * and committed: READ COMMITTED follows the update chain and applies {@code change} again to the
     * newest version (EvalPlanQual: the condition is re-checked there too), REPEATABLE READ and
     * SERIALIZABLE raise 40001. Returns the new version's TID, or null if no row was updated (it was
     * deleted, no longer qualified, or this command already updated it).
     */
    public ItemPointer updateRow(HeapTable table, ItemPointer tid, Object[] values, UnaryOperator<Object[]> change) {
        HeapRow updated = updateRowVersion(table, tid, values, change);
        return updated == null ? null : updated.tid();
    }

    /** {@link #updateRow}, returning the new version's TID and values (what UPDATE ... RETURNING shows). */
    public HeapRow updateRowVersion(HeapTable table, ItemPointer tid, Object[] values,
            UnaryOperator<Object[]> change) {
        Updated updated = updateRowVersion(table, tid, values, change, null);
        return updated == null ? null : new HeapRow(updated.tid(), updated.values());
    }

    /** A new row version an update made; {@code heapOnly} if it was a HOT update (no new index entries). */
    public record Updated(ItemPointer tid, Object[] values, boolean heapOnly) {
    }

    /**
     * {@link #updateRowVersion(HeapTable, ItemPointer, Object[], UnaryOperator)} that may be a HOT
     * update: {@code indexed} marks the indexed columns (null: never HOT).
     */
    public Updated updateRowVersion(HeapTable table, ItemPointer tid, Object[] values,
            UnaryOperator<Object[]> change, boolean[] indexed) {
        ItemPointer at = tid;
        Object[] current = values;
        while (true) {
            Object[] newRow = change.apply(current.clone());
            if (newRow == null) {
                return null;
            }
            ModifyResult r = update(table, at, newRow, indexed);
            switch (r.result()) {
                case OK -> {
                    return new Updated(r.newTid(), newRow, r.heapOnly());
                }
                case UPDATED -> {
                    if (!transaction.isolationLevel().snapshotPerStatement()) {
                        throw EngineException.concurrentUpdate();
                    }
                    at = r.next();
                    current = toaster.detoast(table, fetchSuccessor(table, at, r.updater()));
                    if (current == null) {
                        return null; // the newer version is gone: the row was deleted meanwhile
                    }
                }
                case DELETED -> {
                    if (!transaction.isolationLevel().snapshotPerStatement()) {
                        throw EngineException.concurrentDelete();
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }
    }

    /**
     * What a {@code DELETE ... WHERE} does with one row it found, with the same rules as
     * {@link #updateRow}; {@code stillQualifies} re-checks the condition on a newer version. True if
     * a row was deleted.
     */
    public boolean deleteRow(HeapTable table, ItemPointer tid, Predicate<Object[]> stillQualifies) {
        ItemPointer at = tid;
        while (true) {
            ModifyResult r = delete(table, at);
            switch (r.result()) {
                case OK -> {
                    return true;
                }
                case UPDATED -> {
                    if (!transaction.isolationLevel().snapshotPerStatement()) {
                        throw EngineException.concurrentUpdate();
                    }
                    at = r.next();
                    Object[] successor = toaster.detoast(table, fetchSuccessor(table, at, r.updater()));
                    if (successor == null || !stillQualifies.test(successor)) {
                        return false;
                    }
                }
                case DELETED -> {
                    if (!transaction.isolationLevel().snapshotPerStatement()) {
                        throw EngineException.concurrentDelete();
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }
    }

    /**
     * What {@code SELECT ... FOR UPDATE/SHARE} does with one row it found (ExecLockRows): locks the
     * version at {@code tid} and returns it. If a concurrent transaction changed the row and
     * committed, READ COMMITTED follows the update chain, re-checks {@code stillQualifies} on the
     * newest version and locks that one; REPEATABLE READ and SERIALIZABLE raise 40001 (PostgreSQL says
     * "concurrent update" for a deleted row here too). Null if the row is gone or no longer
     * qualifies. A row held by a running transaction is waited for, fails with 55P03
     * ({@link LockWait#ERROR}, NOWAIT) or gives null ({@link LockWait#SKIP}, SKIP LOCKED).
     */
    public HeapRow lockRow(HeapTable table, ItemPointer tid, TupleLockMode mode, LockWait wait,
            Predicate<Object[]> stillQualifies) {
        ItemPointer at = tid;
        while (true) {
            ModifyResult r = modify(table, at, Kind.LOCK, null, mode, wait, null);
            switch (r.result()) {
                case OK -> {
                    return new HeapRow(at, toaster.detoast(table, fetchAny(table, at)));
                }
                case UPDATED -> {
                    if (!transaction.isolationLevel().snapshotPerStatement()) {
                        throw EngineException.concurrentUpdate();
                    }
                    at = r.next();
                    Object[] successor = toaster.detoast(table, fetchSuccessor(table, at, r.updater()));
                    if (successor == null || !stillQualifies.test(successor)) {
                        return null;
                    }
                }
                case DELETED -> {
                    if (!transaction.isolationLevel().snapshotPerStatement()) {
                        throw EngineException.concurrentUpdate();
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }
    }

    /**
     * The values of the newer version an update chain leads to, or null if the slot no longer holds
     * it: as heap_lock_updated_tuple and EvalPlanQual check, the version at {@code tid} is the row's
     * successor only if its xmin is {@code updater} (the old version's xmax); pruning may have freed
     * a dead heap-only version's slot and another version may have taken it.
     */
    private Object[] fetchSuccessor(HeapTable table, ItemPointer tid, long updater) {
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment tuple = HeapPage.fetch(buffers.page(buffer), tid.offset());
            if (tuple == null || (updater != 0 && HeapTupleHeader.xmin(tuple) != updater)) {
                return null;
            }
            return HeapTuple.deform(table.descriptor(), tuple);
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** The values of the version at {@code tid}, whatever its visibility (a version known committed). */
    private Object[] fetchAny(HeapTable table, ItemPointer tid) {
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment tuple = HeapPage.fetch(buffers.page(buffer), tid.offset());
            if (tuple == null) {
                throw new IllegalStateException("no tuple at " + tid + " of " + table.locator());
            }
            return HeapTuple.deform(table.descriptor(), tuple);
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** A version's header fields, for diagnostics: xmin, xmax, cmin, cmax, infomask, ctid. */
    public String describe(HeapTable table, ItemPointer tid) {
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, tid.block());
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment t = HeapPage.fetch(buffers.page(buffer), tid.offset());
            if (t == null) {
                return "(no tuple)";
            }
            return "xmin " + HeapTupleHeader.xmin(t) + " (" + transaction.status(HeapTupleHeader.xmin(t)) + ") xmax "
                    + HeapTupleHeader.xmax(t) + " (" + transaction.status(HeapTupleHeader.xmax(t)) + ") cmin "
                    + HeapTupleHeader.cmin(t) + " cmax " + HeapTupleHeader.cmax(t) + " infomask 0x"
                    + Integer.toHexString(HeapTupleHeader.infomask(t)) + " ctid " + HeapTupleHeader.ctid(t);
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * One page of a bitmap heap scan (heapam_scan_bitmap_next_block), copied out under the page's
     * share lock and appended to {@code out} in offset order: for each of {@code offsets} (roots of
     * HOT chains, what index entries point at) the chain member {@code snapshot} sees, or with
     * {@code offsets} null (a lossy page) every visible row of the page. A block past the table's end
     * adds nothing.
     */
    public void bitmapPage(HeapTable table, int block, int[] offsets, Snapshot snapshot, List<HeapRow> out) {
        if (Integer.compareUnsigned(block, blocks(table)) >= 0) {
            return;
        }
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, block);
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment page = buffers.page(buffer);
            if (Page.isNew(page)) {
                return;
            }
            if (offsets == null) {
                for (int off = Page.FIRST_OFFSET; off <= Page.maxOffset(page); off++) {
                    MemorySegment tuple = HeapPage.fetch(page, off);
                    if (tuple != null && HeapVisibility.satisfiesMvcc(tuple, snapshot, transaction, hints)) {
                        out.add(new HeapRow(new ItemPointer(block, off), HeapTuple.deform(table.descriptor(), tuple)));
                    }
                }
                return;
            }
            int max = Page.maxOffset(page);
            for (int root : offsets) {
                if (root < Page.FIRST_OFFSET || root > max) {
                    continue;
                }
                for (int off = HotChain.first(page, root); off != Page.INVALID_OFFSET;) {
                    MemorySegment tuple = Page.item(page, off);
                    if (HeapVisibility.satisfiesMvcc(tuple, snapshot, transaction, hints)) {
                        out.add(new HeapRow(new ItemPointer(block, off), HeapTuple.deform(table.descriptor(), tuple)));
                        break;
                    }
                    off = HotChain.next(page, block, tuple);
                }
            }
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * {@link #fetchHot} for an index scan, which also wants to know, when no member of the chain is
     * visible, whether its index entry may be marked LP_DEAD (kill_prior_tuple): {@code judge} looks
     * at the chain under the same page lock, so an invisible entry costs one heap visit, not two.
     * {@code deadToAll[0]} is set to the answer (false when a row is returned). Only the columns
     * {@code wanted} marks are decoded (all if null), the others are null.
     */
    HeapRow fetchHotForIndex(HeapTable table, ItemPointer root, Snapshot snapshot, BTreeUniqueCheck judge,
            boolean[] deadToAll, boolean[] wanted) {
        deadToAll[0] = false;
        int block = root.block();
        int buffer = buffers.readBuffer(table.locator(), ForkNumber.MAIN, block);
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            MemorySegment page = buffers.page(buffer);
            if (Page.isNew(page)) {
                deadToAll[0] = judge.judge(page, block, root.offset()).deadToAll();
                return null;
            }
            for (int off = HotChain.first(page, root.offset()); off != Page.INVALID_OFFSET;) {
                MemorySegment tuple = Page.item(page, off);
                if (HeapVisibility.satisfiesMvcc(tuple, snapshot, transaction, hints)) {
                    return new HeapRow(new ItemPointer(block, off), HeapTuple.deform(table.descriptor(), tuple, wanted));
                }
                off = HotChain.next(page, block, tuple);
            }
            deadToAll[0] = judge.judge(page, block, root.offset()).deadToAll();
            return null;
        } finally {
            buffers.unlockRelease(buffer);
        }
    }
}
