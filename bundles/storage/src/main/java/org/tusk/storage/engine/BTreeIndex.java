package org.tusk.storage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tusk.storage.access.Index;
import org.tusk.storage.access.IndexShape;
import org.tusk.storage.access.KeyRange;
import org.tusk.storage.access.RelationId;
import org.tusk.storage.access.Row;
import org.tusk.storage.access.RowScan;
import org.tusk.storage.access.TupleId;
import org.tusk.storage.access.UniqueViolationException;
import org.tusk.storage.btree.BTreeMeta;
import org.tusk.storage.btree.BTreePage;
import org.tusk.storage.btree.BTreeSearch;
import org.tusk.storage.btree.BTreeSplit;
import org.tusk.storage.btree.Comparators;
import org.tusk.storage.btree.IndexColumn;
import org.tusk.storage.btree.IndexKeys;
import org.tusk.storage.btree.IndexTuple;
import org.tusk.storage.btree.ScanKey;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.PageLsn;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.Snapshot;
import org.tusk.storage.heap.Attribute;
import org.tusk.storage.heap.PgType;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.wal.RmgrIds;
import org.tusk.storage.wal.Wal;
import org.tusk.storage.wal.WalRecord;
import org.tusk.storage.wal.WalRecordBuilder;

/**
 * The B-tree index access method of one backend for one index (PostgreSQL's nbtree.c, nbtinsert.c,
 * nbtsearch.c, over the page code of {@code org.tusk.storage.btree}).
 *
 * <h2>Locking (Lehman and Yao)</h2>
 * A descent starts at the metapage's root and holds one content lock at a time: a page is read, the
 * downlink to follow is chosen, the page is released, the child is locked. A page found through a
 * downlink read before a concurrent split may no longer hold the key: its high key says so, and the
 * right link leads to the page that does ("move right"). Readers lock shared and never wait for a
 * split to finish. An inserter locks its leaf exclusively. A split keeps the left half locked while it
 * locks the new right half and the old right sibling (whose left link changes), logs, lets the right
 * pages go, and then, still holding the left half, finds the parent (a new descent from the root to
 * the parent's level with the separator key, moving right) and inserts the downlink there; the left
 * half's {@link BTreePage#BTP_INCOMPLETE_SPLIT} is cleared in the same WAL record. Locks are only
 * ever waited for upwards (child to parent, anything to the metapage) or rightwards, so writers
 * cannot deadlock, and readers, holding one lock, cannot take part in a cycle.
 *
 * <p>PostgreSQL keeps a stack of the parents passed on the way down and re-finds the parent from it;
 * Tusk descends again instead: a split happens once per about a hundred inserts and the upper levels
 * are in the buffer cache, so the stack's saving is small and a fresh descent needs no special case
 * for a root that split meanwhile.
 *
 * <h2>Incomplete splits</h2>
 * A crash between the split record and the parent's record leaves the left half flagged
 * {@link BTreePage#BTP_INCOMPLETE_SPLIT}; readers do not care (the right link is there), and the next
 * inserter whose descent passes such a page finishes the split first (inserts the missing downlink,
 * or makes the new root if the page was the root), as PostgreSQL's _bt_finish_split does.
 *
 * <h2>Ascending inserts</h2>
 * As PostgreSQL's "fastpath", the backend remembers the rightmost leaf it last inserted into; a key
 * above that leaf's first key that fits there goes straight in, without a descent.
 *
 * <p>Not thread-safe: one backend (its {@link Session}) uses it; other backends use their own
 * instances over the same pages.
 */
public final class BTreeIndex implements Index {

    /** A descent or insertion found an incomplete split and finished it: start again. */
    private static final int RESTART = -1;

    private final RelationId id;
    private final IndexShape shape;
    private final RelFileLocator rel;
    private final IndexKeys keys;
    private final String name;
    private final BufferManager buffers;
    private final Wal wal;
    private final Session session;
    private final BTreeUniqueCheck uniqueCheck;
    /**
     * Tests only: run between a split's WAL record and its parent's, to stand for a crash there
     * (the hook flushes the WAL and throws). Null in production.
     */
    static volatile Runnable afterSplitLogged;

    /** The rightmost leaf this backend last inserted into (PostgreSQL's rd_targblock), or P_NONE. */
    private int cachedRightmostLeaf = BTreePage.P_NONE;
    /** The metapage as this backend last read it (see {@link #descentStart}), or null. */
    private BTreeMeta.Data cachedMeta;

    private BTreeIndex(Session session, RelationId id, IndexShape shape) {
        this.session = session;
        this.id = id;
        this.shape = shape;
        this.rel = locator(id);
        this.keys = keysOf(shape);
        this.name = Integer.toUnsignedString(id.fileNumber());
        this.buffers = session.buffers();
        this.wal = session.engine().wal();
        this.uniqueCheck = new BTreeUniqueCheck(buffers, session.transaction(), session.engine().transactions()::globalXmin);
    }

    /**
     * Creates the index's file (WAL-logged first, as {@link Session#createTable}) and its first two
     * pages: the metapage and an empty root leaf.
     */
    public static BTreeIndex create(Session session, RelationId id, IndexShape shape) {
        RelFileLocator locator = locator(id);
        StorageEngine engine = session.engine();
        engine.wal().flush(engine.wal().insert(StorageWal.createRecord(locator, ForkNumber.MAIN)).end());
        engine.smgr().create(locator, ForkNumber.MAIN, false);
        BTreeIndex index = new BTreeIndex(session, id, shape);
        index.initialize();
        return index;
    }

    /**
     * Creates the index's file and fills it from {@code entries} at once, sorted and packed bottom-up
     * ({@link BTreeBuild}, PostgreSQL's nbtsort.c): what CREATE INDEX and ADD PRIMARY KEY on a
     * table with rows should use. Each entry's values are the key (in index column order) and its
     * TID the heap row. For a unique index, two live rows with one key raise 23505 (dead row versions
     * may be among the entries).
     */
    public static BTreeIndex build(Session session, RelationId id, IndexShape shape, Iterator<Row> entries) {
        return build(session, id, shape, entries, BTreeBuild.DEFAULT_SORT_MEMORY);
    }

    /** {@link #build} sorting at most {@code sortMemory} bytes of entries in memory at a time (maintenance_work_mem). */
    static BTreeIndex build(Session session, RelationId id, IndexShape shape, Iterator<Row> entries, long sortMemory) {
        RelFileLocator locator = locator(id);
        StorageEngine engine = session.engine();
        engine.wal().flush(engine.wal().insert(StorageWal.createRecord(locator, ForkNumber.MAIN)).end());
        engine.smgr().create(locator, ForkNumber.MAIN, false);
        BTreeIndex index = new BTreeIndex(session, id, shape);
        index.buffers.release(index.buffers.extend(locator, ForkNumber.MAIN)); // the metapage, written last
        boolean unique = shape.unique();
        if (unique && shape.table() == null) {
            throw new IllegalStateException("unique index \"" + index.name + "\" needs its table");
        }
        RelFileLocator heap = shape.table() == null ? null : locator(shape.table());
        // indcheckxmin: versions older snapshots may see but this build leaves out make the index
        // untrustworthy for those snapshots (see trustedBy). The table is ShareLocked: only the builder
        // itself can add such versions meanwhile, and its own snapshots see past them.
        // The build looks at every page of the table for them as it reads the entries' pages.
        BTreeBuild.CheckXmin check = heap == null ? null
                : new BTreeBuild.CheckXmin(engine.smgr().nblocks(heap, ForkNumber.MAIN),
                        engine.transactions().globalXmin(), session.transaction(),
                        () -> session.transaction().currentXid());
        new BTreeBuild(index, engine.wal(), sortMemory).build(entries, unique ? index.uniqueCheck : null, heap, check);
        return index;
    }

    /** Opens an existing index (the shape must be the one it was created with). */
    public static BTreeIndex open(Session session, RelationId id, IndexShape shape) {
        return new BTreeIndex(session, id, shape);
    }

    /** Where a relation's files are: {@code global/} for the shared database 0, else {@code base/<db>/}. */
    static RelFileLocator locator(RelationId id) {
        return Relations.locator(id);
    }

    /** The key columns as the page code sees them: storage attribute, type order, DESC, NULLS FIRST. */
    static IndexKeys keysOf(IndexShape shape) {
        List<IndexColumn> columns = new ArrayList<>();
        for (IndexShape.KeyColumn k : shape.keys()) {
            PgType element = PgType.elementOfArray(k.typeOid());
            Attribute attribute = element != null ? Attribute.arrayOf(k.name(), element, false)
                    : Attribute.of(k.name(), PgType.byOid(k.typeOid()));
            columns.add(new IndexColumn(attribute, Comparators.forAttribute(attribute), k.descending(), k.nullsFirst()));
        }
        return new IndexKeys(columns);
    }

    @Override
    public RelationId id() {
        return id;
    }

    @Override
    public IndexShape shape() {
        return shape;
    }

    IndexKeys keys() {
        return keys;
    }

    RelFileLocator locator() {
        return rel;
    }

    BufferManager buffers() {
        return buffers;
    }

    BTreeUniqueCheck uniqueCheck() {
        return uniqueCheck;
    }

    @Override
    public long blocks() {
        return Integer.toUnsignedLong(session.engine().smgr().nblocks(rel, ForkNumber.MAIN));
    }

    /**
     * _bt_getrootheight: the level of the fast root as the metapage says (0 while the root is a
     * leaf), for the planner's descent cost.
     */
    public int treeHeight() {
        return readMeta().fastLevel();
    }

    /** btgetbitmap: the heap TID of every entry in {@code range}, in index order, to {@code sink}. */
    public void collectTids(HeapAccess heap, HeapTable table, KeyRange range, Snapshot snapshot,
            java.util.function.Consumer<ItemPointer> sink) {
        if (!trustedBy(snapshot)) {
            // The TIDs of what the snapshot sees in the range, found in the heap (see trustedBy).
            IndexFromHeapScan rows = new IndexFromHeapScan(this, heap, table, range, false, snapshot);
            for (org.tusk.storage.access.Row r = rows.next(); r != null; r = rows.next()) {
                sink.accept(new ItemPointer(r.tid().block(), r.tid().offset()));
            }
            return;
        }
        new BTreeScan(this, heap, table, range, false, snapshot).collectTids(sink);
    }

    /**
     * The rows of {@code table} whose entries are in {@code range}, in index order (reversed if
     * {@code backward}), each returned only if its heap version is visible to {@code snapshot}.
     */
    public RowScan scan(HeapAccess heap, HeapTable table, KeyRange range, boolean backward, Snapshot snapshot) {
        return scan(heap, table, range, backward, snapshot, null);
    }

    /**
     * {@link #scan(HeapAccess, HeapTable, KeyRange, boolean, Snapshot)} decoding only the heap columns
     * {@code columns} marks (all if null; the others come back null, or decoded when the index cannot
     * be trusted and the heap is scanned instead).
     */
    public RowScan scan(HeapAccess heap, HeapTable table, KeyRange range, boolean backward, Snapshot snapshot,
            boolean[] columns) {
        if (!trustedBy(snapshot)) {
            return new IndexFromHeapScan(this, heap, table, range, backward, snapshot);
        }
        return new BTreeScan(this, heap, table, range, backward, snapshot).decoding(columns);
    }

    /**
     * PostgreSQL's indcheckxmin test (get_relation_info): an index built while the table held versions
     * older snapshots may see and the build left out (its metapage names the building transaction)
     * may be used only by snapshots that see the builder as finished, and by the builder itself; for
     * any other snapshot those versions may be visible and missing from the index, or reached through
     * an entry with another key.
     */
    boolean trustedBy(Snapshot snapshot) {
        long builder = descentStart().checkXmin();
        return builder == 0 || !snapshot.isRunning(builder) || session.transaction().isCurrentTransaction(builder);
    }

    // ------------------------------------------------------------ pages

    private void initialize() {
        int metaBuffer = buffers.extend(rel, ForkNumber.MAIN);
        int rootBuffer = buffers.extend(rel, ForkNumber.MAIN);
        buffers.lock(metaBuffer, LWLock.Mode.EXCLUSIVE);
        buffers.lock(rootBuffer, LWLock.Mode.EXCLUSIVE);
        int rootBlock = buffers.tag(rootBuffer).block();
        if (buffers.tag(metaBuffer).block() != BTreeMeta.BLOCK) {
            throw new IllegalStateException("index \"" + name + "\" is not empty");
        }
        MemorySegment meta = buffers.page(metaBuffer);
        MemorySegment root = buffers.page(rootBuffer);
        BTreePage.initialize(root, 0, BTreePage.BTP_LEAF | BTreePage.BTP_ROOT);
        BTreeMeta.initialize(meta, rootBlock, 0);
        long end = wal.insert(new WalRecordBuilder(RmgrIds.BTREE, BTreeWal.NEWROOT, 0)
                .block(rel, ForkNumber.MAIN, rootBlock, root, WalRecord.WILL_INIT, new BTreeWal.PageOps().image(root).bytes())
                .block(rel, ForkNumber.MAIN, BTreeMeta.BLOCK, meta, WalRecord.WILL_INIT,
                        new BTreeWal.PageOps().image(meta).bytes())).end();
        PageLsn.set(root, end);
        PageLsn.set(meta, end);
        buffers.markDirty(rootBuffer);
        buffers.markDirty(metaBuffer);
        buffers.unlockRelease(rootBuffer);
        buffers.unlockRelease(metaBuffer);
        wal.flush(end); // durable even if the creating transaction writes no commit record
    }

    /**
     * Where a descent starts: the root as this backend last read it from the metapage (PostgreSQL
     * caches it in the relcache, rd_amcache). A root that split since is still a correct start, the
     * leftmost page of its level, from which right links lead everywhere; the descent notices that
     * it is no longer the root and the next one reads the metapage again.
     */
    BTreeMeta.Data descentStart() {
        BTreeMeta.Data meta = cachedMeta;
        if (meta == null) {
            meta = readMeta();
            cachedMeta = meta;
        }
        return meta;
    }

    /** Called by a descent that found the cached root no longer the root. */
    void forgetRoot() {
        cachedMeta = null;
    }

    /** The metapage's contents, read under a share lock. */
    BTreeMeta.Data readMeta() {
        int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, BTreeMeta.BLOCK);
        buffers.lock(buffer, LWLock.Mode.SHARED);
        try {
            return BTreeMeta.read(buffers.page(buffer), name);
        } finally {
            buffers.unlockRelease(buffer);
        }
    }

    /** A pinned buffer of block {@code block}, locked in {@code mode}. */
    int lockedBuffer(int block, LWLock.Mode mode) {
        int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, block);
        buffers.lock(buffer, mode);
        return buffer;
    }

    private int block(int buffer) {
        return buffers.tag(buffer).block();
    }

    private static boolean incompleteSplit(MemorySegment page) {
        return (BTreePage.flags(page) & BTreePage.BTP_INCOMPLETE_SPLIT) != 0;
    }

    // ------------------------------------------------------------ insertion

    /** How an insertion treats equal keys (PostgreSQL's IndexUniqueCheck). */
    private enum UniqueMode {
        /** UNIQUE_CHECK_NO: the entry goes in, equal keys or not. */
        NO,
        /** UNIQUE_CHECK_YES: a live duplicate raises 23505, a running inserter or deleter is waited for. */
        YES,
        /** UNIQUE_CHECK_PARTIAL: the entry goes in; an equal live or running row is only reported. */
        PARTIAL,
        /** UNIQUE_CHECK_EXISTING: the entry is in already; checked as YES, its own row not counted. */
        EXISTING
    }

    /** {@link #checkUnique}'s answer under {@link UniqueMode#PARTIAL}: an equal key may conflict (leaf locked). */
    private static final long POSSIBLE_CONFLICT = -1;

    /**
     * Adds {@code key -> tid}. For a unique index, equal keys are looked for first (keys with a NULL
     * never conflict): a live duplicate raises 23505, one whose inserter or deleter is still running
     * makes us wait for it and try again.
     */
    @Override
    public void insert(Object[] key, TupleId tid) {
        insert(key, tid, shape.unique() ? UniqueMode.YES : UniqueMode.NO);
    }

    /**
     * The entry goes in whatever equal keys there are (the index of a DEFERRABLE constraint): the
     * answer says whether one of them is a live row or one a running transaction is inserting or
     * deleting, so that the caller queues {@link #recheckUnique}. Never waits, never raises 23505.
     */
    @Override
    public boolean insertPartial(Object[] key, TupleId tid) {
        return insert(key, tid, UniqueMode.PARTIAL);
    }

    /**
     * ON CONFLICT's insertion into an arbiter index: as {@link #insertPartial} (the entry goes in, an
     * equal key that is live or being decided by a running transaction is only reported), on a unique
     * index; a key with a NULL, or a non-unique index, is a plain insertion.
     */
    @Override
    public boolean insertSpeculative(Object[] key, TupleId tid) {
        return insert(key, tid, shape.unique() ? UniqueMode.PARTIAL : UniqueMode.NO);
    }

    /**
     * The deferred check of an entry {@link #insertPartial} made (unique_key_recheck): if the row at
     * {@code tid} is still live, no other row may hold {@code key}; a running inserter or deleter of
     * one is waited for, as {@link #insert} does, and a live one raises 23505. Adds nothing.
     */
    @Override
    public void recheckUnique(Object[] key, TupleId tid) {
        if (hasNull(key)) {
            return;
        }
        uniqueCheck.forgetHorizon();
        RelFileLocator heap = locator(tableOf());
        if (uniqueCheck.check(heap, new ItemPointer(tid.block(), tid.offset())).kind() == BTreeUniqueCheck.Kind.DEAD) {
            return; // deleted (or updated) again since by this transaction: it holds no key
        }
        insert(key, tid, UniqueMode.EXISTING);
    }

    private RelationId tableOf() {
        if (shape.table() == null) {
            throw new IllegalStateException("unique index \"" + name + "\" was opened without its table: a unique"
                    + " check reads the heap rows of equal keys, so its IndexShape needs the table's RelationId");
        }
        return shape.table();
    }

    /** Adds the entry (unless {@code mode} is EXISTING); true if PARTIAL found an equal key that may conflict. */
    private boolean insert(Object[] key, TupleId tid, UniqueMode mode) {
        if (key.length != keys.size()) {
            throw new IllegalArgumentException("index \"" + name + "\" has " + keys.size() + " key columns, not "
                    + key.length);
        }
        ItemPointer heapTid = new ItemPointer(tid.block(), tid.offset());
        byte[] tuple = IndexTuple.form(keys, key, heapTid, name);
        ScanKey insertKey = ScanKey.forInsert(key, heapTid);
        boolean checkUnique = mode != UniqueMode.NO && !hasNull(key);
        if (checkUnique) {
            tableOf();
        }
        ScanKey equalKey = ScanKey.of(key);
        while (true) {
            // A unique check starts at the first page where an equal key may be; a plain insert goes
            // straight to the entry's own place (the heap TID makes it unique).
            int buffer = findLeafForInsert(checkUnique ? equalKey : insertKey, tuple.length);
            if (buffer == RESTART) {
                continue;
            }
            boolean conflict = false;
            if (checkUnique) {
                long waitFor = checkUnique(buffer, key, equalKey, mode, heapTid, null);
                if (waitFor > 0) {
                    session.locks().waitForTransaction(waitFor);
                    continue;
                }
                conflict = waitFor == POSSIBLE_CONFLICT;
                if (mode == UniqueMode.EXISTING) {
                    buffers.unlockRelease(buffer);
                    return false;
                }
                buffer = moveRightForInsert(buffer, insertKey);
                if (buffer == RESTART) {
                    continue;
                }
            }
            MemorySegment page = buffers.page(buffer);
            int offset = BTreeSearch.binarySearch(keys, insertKey, page, false);
            insertOnPage(buffer, offset, tuple, -1);
            return conflict;
        }
    }

    /**
     * {@link org.tusk.storage.access.Index#conflict}: the unique check of {@link #insert} without the
     * insertion. The live duplicate's position is that of the HOT chain member that is live.
     */
    @Override
    public TupleId conflict(Object[] key) {
        if (!shape.unique() || hasNull(key)) {
            return null;
        }
        if (shape.table() == null) {
            throw new IllegalStateException("unique index \"" + name + "\" was opened without its table");
        }
        ScanKey equalKey = ScanKey.of(key);
        while (true) {
            int buffer = findLeafForInsert(equalKey, 0);
            if (buffer == RESTART) {
                continue;
            }
            TupleId[] live = new TupleId[1];
            long waitFor = checkUnique(buffer, key, equalKey, UniqueMode.YES, null, live);
            if (live[0] != null) {
                return live[0];
            }
            if (waitFor != 0) {
                session.locks().waitForTransaction(waitFor);
                continue;
            }
            buffers.unlockRelease(buffer);
            return null;
        }
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
     * _bt_search for insertion: the leaf where {@code key} belongs, locked exclusively, or
     * {@link #RESTART} if an incomplete split was found and finished on the way.
     */
    private int findLeafForInsert(ScanKey key, int tupleSize) {
        int fast = fastPath(key, tupleSize);
        if (fast >= 0) {
            return fast;
        }
        BTreeMeta.Data meta = descentStart();
        int block = meta.root();
        int level = meta.level();
        boolean atRoot = true;
        while (true) {
            LWLock.Mode mode = level == 0 ? LWLock.Mode.EXCLUSIVE : LWLock.Mode.SHARED;
            int buffer = lockedBuffer(block, mode);
            if (atRoot && !BTreePage.isRoot(buffers.page(buffer))) {
                forgetRoot();
            }
            atRoot = false;
            while (true) {
                MemorySegment page = buffers.page(buffer);
                if (incompleteSplit(page)) {
                    int at = block(buffer);
                    buffers.unlockRelease(buffer);
                    finishSplit(at);
                    return RESTART;
                }
                if (!BTreeSearch.mustMoveRight(keys, key, page, false)) {
                    break;
                }
                int next = BTreePage.next(page);
                buffers.unlockRelease(buffer);
                buffer = lockedBuffer(next, mode);
            }
            MemorySegment page = buffers.page(buffer);
            if (level == 0) {
                if (BTreePage.isRightmost(page)) {
                    cachedRightmostLeaf = block(buffer);
                }
                return buffer;
            }
            int offset = BTreeSearch.binarySearch(keys, key, page, false);
            block = IndexTuple.downlink(Page.item(page, offset));
            level = BTreePage.level(page) - 1;
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * The cached rightmost leaf, locked exclusively, if the key belongs there and fits (strictly above
     * its first key, so that no equal key can be on a page to its left); else -2.
     */
    private int fastPath(ScanKey key, int tupleSize) {
        if (cachedRightmostLeaf == BTreePage.P_NONE) {
            return -2;
        }
        int block = cachedRightmostLeaf;
        cachedRightmostLeaf = BTreePage.P_NONE;
        int buffer = buffers.readBuffer(rel, ForkNumber.MAIN, block);
        if (!buffers.tryLock(buffer, LWLock.Mode.EXCLUSIVE)) {
            buffers.release(buffer);
            return -2;
        }
        MemorySegment page = buffers.page(buffer);
        boolean fits = BTreePage.isLeaf(page) && BTreePage.isRightmost(page) && !BTreePage.isIgnored(page)
                && !incompleteSplit(page) && BTreePage.dataItemCount(page) > 0
                && Page.freeSpace(page) >= Page.maxAlign(tupleSize)
                && BTreeSearch.compare(keys, ScanKey.of(key.values()), page, BTreePage.firstDataKey(page)) > 0;
        if (!fits) {
            buffers.unlockRelease(buffer);
            return -2;
        }
        cachedRightmostLeaf = block;
        return buffer;
    }

    /**
     * _bt_stepright: moves right from an exclusively locked leaf while {@code key} is above its high
     * key, locking each right sibling before letting go of the page on its left. After a unique
     * check this matters: the leaf where equal keys begin stays locked until our entry's page is, so
     * a second inserter of the same key, which must pass that leaf first, cannot check the page on
     * the right before our entry is there.
     */
    private int moveRightForInsert(int buffer, ScanKey key) {
        while (true) {
            MemorySegment page = buffers.page(buffer);
            if (incompleteSplit(page)) {
                int at = block(buffer);
                buffers.unlockRelease(buffer);
                finishSplit(at);
                return RESTART;
            }
            if (!BTreeSearch.mustMoveRight(keys, key, page, false)) {
                return buffer;
            }
            int right = lockedBuffer(BTreePage.next(page), LWLock.Mode.EXCLUSIVE);
            buffers.unlockRelease(buffer);
            buffer = right;
        }
    }

    /**
     * _bt_check_unique: looks at every entry equal to {@code key} from the locked leaf on (reading
     * right siblings while equal keys go on). Returns 0 if none is a live row; the xid to wait for if
     * one is being inserted or deleted by a running transaction (every lock released); throws 23505
     * (every lock released) on a live duplicate, or with {@code live} given puts the live version's
     * position there and returns 0 (every lock released). The leaf stays locked when 0 is returned
     * and nothing was found. Under PARTIAL a live or running row returns {@link #POSSIBLE_CONFLICT} at
     * once, the leaf still locked (as PostgreSQL, it neither waits nor decides then); under EXISTING
     * the entry of {@code self} is the one being checked and does not count.
     */
    private long checkUnique(int leaf, Object[] key, ScanKey equalKey, UniqueMode mode, ItemPointer self,
            TupleId[] live) {
        RelFileLocator heap = locator(shape.table());
        uniqueCheck.forgetHorizon();
        int buffer = leaf;
        MemorySegment page = buffers.page(buffer);
        int offset = BTreeSearch.binarySearch(keys, equalKey, page, false);
        try {
            while (true) {
                for (int off = offset; off <= Page.maxOffset(page); off++) {
                    if (Page.isDead(page, off)) {
                        continue;
                    }
                    MemorySegment item = Page.item(page, off);
                    if (BTreeSearch.compare(keys, equalKey, item) != 0) {
                        return 0;
                    }
                    if (mode == UniqueMode.EXISTING && IndexTuple.heapTid(item).equals(self)) {
                        continue;
                    }
                    BTreeUniqueCheck.Verdict verdict = uniqueCheck.check(heap, IndexTuple.heapTid(item));
                    if (verdict.deadToAll() && buffer == leaf) {
                        // _bt_check_unique's kill: a hint, not WAL-logged (a torn page loses only
                        // hints, since WAL-logged changes after a checkpoint bring a full-page image).
                        Page.markDead(page, off);
                        BTreePage.setFlag(page, BTreePage.BTP_HAS_GARBAGE, true);
                        buffers.markDirty(leaf);
                    }
                    if (mode == UniqueMode.PARTIAL && verdict.kind() != BTreeUniqueCheck.Kind.DEAD) {
                        releaseUnlessLeaf(buffer, leaf);
                        buffer = -1;
                        return POSSIBLE_CONFLICT;
                    }
                    switch (verdict.kind()) {
                        case LIVE -> {
                            ItemPointer at = IndexTuple.heapTid(item); // read while the page is locked
                            releaseUnlessLeaf(buffer, leaf);
                            buffers.unlockRelease(leaf);
                            buffer = leaf = -1;
                            if (live != null) {
                                live[0] = new TupleId(at.block(), verdict.xid() > 0 ? (int) verdict.xid() : at.offset());
                                return 0;
                            }
                            throw new UniqueViolationException(key);
                        }
                        case WAIT -> {
                            releaseUnlessLeaf(buffer, leaf);
                            buffers.unlockRelease(leaf);
                            buffer = leaf = -1;
                            return verdict.xid();
                        }
                        case DEAD -> {
                        }
                    }
                }
                // Equal keys may go on to the right only if the high key is equal too.
                if (BTreePage.isRightmost(page)
                        || BTreeSearch.compare(keys, equalKey, page, BTreePage.P_HIKEY) != 0) {
                    return 0;
                }
                int next = BTreePage.next(page);
                releaseUnlessLeaf(buffer, leaf);
                buffer = lockedBuffer(next, LWLock.Mode.SHARED);
                page = buffers.page(buffer);
                offset = BTreePage.firstDataKey(page);
            }
        } finally {
            if (buffer != -1) {
                releaseUnlessLeaf(buffer, leaf);
            }
        }
    }

    private void releaseUnlessLeaf(int buffer, int leaf) {
        if (buffer != leaf && buffer != -1) {
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * _bt_insertonpg: puts {@code tuple} at {@code offset} of the exclusively locked page, splitting
     * it if it is full. {@code childBuffer} (or -1) is the locked left half of a split whose downlink
     * this is: its incomplete-split flag is cleared in the same record. Releases both.
     */
    private void insertOnPage(int buffer, int offset, byte[] tuple, int childBuffer) {
        MemorySegment page = buffers.page(buffer);
        if (!BTreePage.addItem(page, offset, MemorySegment.ofArray(tuple))) {
            if ((BTreePage.flags(page) & BTreePage.BTP_HAS_GARBAGE) != 0) {
                int removedBefore = deleteDeadItems(buffer, offset);
                insertOnPage(buffer, offset - removedBefore, tuple, childBuffer);
                return;
            }
            split(buffer, offset, tuple, childBuffer);
            return;
        }
        boolean leaf = BTreePage.isLeaf(page);
        WalRecordBuilder record = new WalRecordBuilder(RmgrIds.BTREE, leaf ? BTreeWal.INSERT_LEAF : BTreeWal.INSERT_UPPER, 0)
                .block(rel, ForkNumber.MAIN, block(buffer), page, 0, new BTreeWal.PageOps().addItem(page, offset).bytes());
        if (childBuffer >= 0) {
            clearIncompleteSplit(record, childBuffer);
        }
        long end = wal.insert(record).end();
        PageLsn.set(page, end);
        buffers.markDirty(buffer);
        buffers.unlockRelease(buffer);
        finishChild(childBuffer, end);
    }

    /**
     * _bt_delitems_delete: removes the entries marked LP_DEAD from the full, exclusively locked leaf
     * (their heap rows are dead to everyone) and clears {@link BTreePage#BTP_HAS_GARBAGE}, so that
     * a key updated again and again does not split its leaf again and again. Returns how many of
     * them were before {@code offset}.
     */
    private int deleteDeadItems(int buffer, int offset) {
        MemorySegment page = buffers.page(buffer);
        List<Integer> dead = new ArrayList<>();
        int before = 0;
        for (int off = BTreePage.firstDataKey(page); off <= Page.maxOffset(page); off++) {
            if (Page.isDead(page, off)) {
                dead.add(off);
                if (off < offset) {
                    before++;
                }
            }
        }
        int[] offsets = dead.stream().mapToInt(Integer::intValue).toArray();
        Page.deleteIndexItems(page, offsets);
        BTreePage.setFlag(page, BTreePage.BTP_HAS_GARBAGE, false);
        long end = wal.insert(new WalRecordBuilder(RmgrIds.BTREE, BTreeWal.DELETE, 0)
                .block(rel, ForkNumber.MAIN, block(buffer), page, 0, new BTreeWal.PageOps().deleteItems(offsets)
                        .clearFlags(BTreePage.BTP_HAS_GARBAGE).bytes())).end();
        PageLsn.set(page, end);
        buffers.markDirty(buffer);
        return before;
    }

    private void clearIncompleteSplit(WalRecordBuilder record, int childBuffer) {
        MemorySegment child = buffers.page(childBuffer);
        BTreePage.setFlag(child, BTreePage.BTP_INCOMPLETE_SPLIT, false);
        record.block(rel, ForkNumber.MAIN, block(childBuffer), child, 0,
                new BTreeWal.PageOps().clearFlags(BTreePage.BTP_INCOMPLETE_SPLIT).bytes());
    }

    private void finishChild(int childBuffer, long end) {
        if (childBuffer >= 0) {
            PageLsn.set(buffers.page(childBuffer), end);
            buffers.markDirty(childBuffer);
            buffers.unlockRelease(childBuffer);
        }
    }

    /**
     * _bt_split and _bt_insert_parent: splits the full, exclusively locked page with the new tuple,
     * logs it, then inserts the downlink to the right half into the parent (or makes a new root).
     */
    private void split(int buffer, int offset, byte[] tuple, int childBuffer) {
        MemorySegment page = buffers.page(buffer);
        int block = block(buffer);
        boolean wasRoot = BTreePage.isRoot(page);
        boolean leaf = BTreePage.isLeaf(page);
        int oldNext = BTreePage.next(page);
        int rightBuffer = buffers.extend(rel, ForkNumber.MAIN);
        buffers.lock(rightBuffer, LWLock.Mode.EXCLUSIVE);
        int rightBlock = block(rightBuffer);
        MemorySegment right = buffers.page(rightBuffer);
        BTreeSplit.Result result = BTreeSplit.split(keys, page, block, right, rightBlock, offset,
                MemorySegment.ofArray(tuple), 0);
        int nextBuffer = -1;
        if (oldNext != BTreePage.P_NONE) {
            nextBuffer = lockedBuffer(oldNext, LWLock.Mode.EXCLUSIVE);
            BTreePage.setPrev(buffers.page(nextBuffer), rightBlock);
        }
        WalRecordBuilder record = new WalRecordBuilder(RmgrIds.BTREE,
                result.newItemOnLeft() ? BTreeWal.SPLIT_L : BTreeWal.SPLIT_R, 0)
                .block(rel, ForkNumber.MAIN, block, page, WalRecord.WILL_INIT, new BTreeWal.PageOps().image(page).bytes())
                .block(rel, ForkNumber.MAIN, rightBlock, right, WalRecord.WILL_INIT,
                        new BTreeWal.PageOps().image(right).bytes());
        if (nextBuffer >= 0) {
            record.block(rel, ForkNumber.MAIN, oldNext, buffers.page(nextBuffer), 0,
                    new BTreeWal.PageOps().setPrev(rightBlock).bytes());
        }
        if (childBuffer >= 0) {
            clearIncompleteSplit(record, childBuffer);
        }
        long end = wal.insert(record).end();
        PageLsn.set(page, end);
        PageLsn.set(right, end);
        buffers.markDirty(buffer);
        buffers.markDirty(rightBuffer);
        if (nextBuffer >= 0) {
            PageLsn.set(buffers.page(nextBuffer), end);
            buffers.markDirty(nextBuffer);
            buffers.unlockRelease(nextBuffer);
        }
        finishChild(childBuffer, end);
        if (leaf && oldNext == BTreePage.P_NONE) {
            cachedRightmostLeaf = rightBlock;
        }
        Runnable hook = afterSplitLogged;
        if (hook != null) {
            hook.run();
        }
        if (wasRoot) {
            // The right half stays locked until the new root points at it: nobody may split it
            // while its level has no parent.
            newRoot(buffer, rightBuffer, result.separator());
        } else {
            buffers.unlockRelease(rightBuffer);
            insertDownlink(buffer, result.separator(), rightBlock);
        }
    }

    /**
     * _bt_insert_parent for a page that is not the root: finds the parent of the locked left half
     * {@code leftBuffer} (one level up, where the separator belongs) and inserts the downlink to
     * {@code rightBlock} there, clearing the left half's incomplete-split flag. Releases the left half.
     */
    private void insertDownlink(int leftBuffer, byte[] separator, int rightBlock) {
        int level = BTreePage.level(buffers.page(leftBuffer));
        MemorySegment sep = MemorySegment.ofArray(separator);
        byte[] downlink = IndexTuple.withDownlink(sep, rightBlock);
        ScanKey sepKey = ScanKey.forInsert(IndexTuple.keys(keys, sep), IndexTuple.heapTid(sep));
        int parent;
        do {
            parent = findPageAtLevel(sepKey, level + 1);
        } while (parent == RESTART);
        MemorySegment page = buffers.page(parent);
        int offset = BTreeSearch.binarySearch(keys, sepKey, page, false) + 1;
        insertOnPage(parent, offset, downlink, leftBuffer);
    }

    /**
     * The page at {@code level} where {@code key} belongs, locked exclusively (a descent from the
     * root, moving right), or {@link #RESTART} if it had an incomplete split, now finished.
     */
    private int findPageAtLevel(ScanKey key, int level) {
        BTreeMeta.Data meta = readMeta();
        if (meta.level() < level) {
            // Only after a crash in the middle of a root split, the old root still in the metapage.
            finishSplit(meta.root());
            return RESTART;
        }
        int block = meta.root();
        int current = meta.level();
        while (true) {
            LWLock.Mode mode = current == level ? LWLock.Mode.EXCLUSIVE : LWLock.Mode.SHARED;
            int buffer = lockedBuffer(block, mode);
            while (BTreeSearch.mustMoveRight(keys, key, buffers.page(buffer), false)) {
                int next = BTreePage.next(buffers.page(buffer));
                buffers.unlockRelease(buffer);
                buffer = lockedBuffer(next, mode);
            }
            MemorySegment page = buffers.page(buffer);
            if (current == level) {
                if (incompleteSplit(page)) {
                    int at = block(buffer);
                    buffers.unlockRelease(buffer);
                    finishSplit(at);
                    return RESTART;
                }
                return buffer;
            }
            int offset = BTreeSearch.binarySearch(keys, key, page, false);
            block = IndexTuple.downlink(Page.item(page, offset));
            current--;
            buffers.unlockRelease(buffer);
        }
    }

    /**
     * _bt_newroot: a new root above the locked halves of the old root's split, pointing at both; the
     * metapage now points at it. Releases both halves.
     */
    private void newRoot(int leftBuffer, int rightBuffer, byte[] separator) {
        MemorySegment left = buffers.page(leftBuffer);
        int level = BTreePage.level(left) + 1;
        int rootBuffer = buffers.extend(rel, ForkNumber.MAIN);
        buffers.lock(rootBuffer, LWLock.Mode.EXCLUSIVE);
        int rootBlock = block(rootBuffer);
        MemorySegment root = buffers.page(rootBuffer);
        BTreePage.initialize(root, level, BTreePage.BTP_ROOT);
        BTreePage.addItem(root, BTreePage.P_HIKEY, MemorySegment.ofArray(IndexTuple.minusInfinity(block(leftBuffer))));
        BTreePage.addItem(root, BTreePage.P_HIKEY + 1,
                MemorySegment.ofArray(IndexTuple.withDownlink(MemorySegment.ofArray(separator), block(rightBuffer))));
        int metaBuffer = lockedBuffer(BTreeMeta.BLOCK, LWLock.Mode.EXCLUSIVE);
        MemorySegment meta = buffers.page(metaBuffer);
        BTreeMeta.setRoot(meta, rootBlock, level);
        WalRecordBuilder record = new WalRecordBuilder(RmgrIds.BTREE, BTreeWal.NEWROOT, 0)
                .block(rel, ForkNumber.MAIN, rootBlock, root, WalRecord.WILL_INIT, new BTreeWal.PageOps().image(root).bytes())
                .block(rel, ForkNumber.MAIN, BTreeMeta.BLOCK, meta, WalRecord.WILL_INIT,
                        new BTreeWal.PageOps().image(meta).bytes());
        clearIncompleteSplit(record, leftBuffer);
        long end = wal.insert(record).end();
        PageLsn.set(root, end);
        PageLsn.set(meta, end);
        buffers.markDirty(rootBuffer);
        buffers.markDirty(metaBuffer);
        buffers.unlockRelease(metaBuffer);
        buffers.unlockRelease(rootBuffer);
        finishChild(leftBuffer, end);
        buffers.unlockRelease(rightBuffer);
    }

    /**
     * _bt_finish_split: if {@code block} still carries {@link BTreePage#BTP_INCOMPLETE_SPLIT} (a crash
     * between a split and its parent's update), inserts the missing downlink to its right sibling,
     * or makes the new root if it is still the metapage's root.
     */
    private void finishSplit(int block) {
        int buffer = lockedBuffer(block, LWLock.Mode.EXCLUSIVE);
        MemorySegment page = buffers.page(buffer);
        if (!incompleteSplit(page) || BTreePage.isRightmost(page)) {
            buffers.unlockRelease(buffer);
            return;
        }
        byte[] separator = BTreePage.highKey(page).toArray(ValueLayout.JAVA_BYTE);
        int rightBlock = BTreePage.next(page);
        if (readMeta().root() == block) {
            int rightBuffer = lockedBuffer(rightBlock, LWLock.Mode.EXCLUSIVE);
            newRoot(buffer, rightBuffer, separator);
        } else {
            insertDownlink(buffer, separator, rightBlock);
        }
    }
}
