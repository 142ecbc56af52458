package org.tusk.storage.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import org.tusk.storage.common.Lsn;
import org.tusk.storage.common.WalFlusher;
import org.tusk.storage.shmem.LWLock;
import org.tusk.storage.shmem.SharedMemory;
import org.tusk.storage.shmem.SpinLock;

/**
 * The write-ahead log as every process sees it: insertion into the shared WAL buffers, writing and
 * flushing them to {@code pg_wal/}, group commit (PostgreSQL's xlog.c: XLogInsertRecord,
 * AdvanceXLInsertBuffer, XLogWrite, XLogFlush, WaitXLogInsertionsToFinish).
 *
 * <p>All shared state lives in two structures of the shared-memory segment: {@value #CONTROL_NAME}
 * (positions, locks, insertion slots, counters, which page each buffer holds) and
 * {@value #BUFFERS_NAME} ({@code wal_buffers} pages of 8 kB, a ring indexed by page number). This
 * object is a per-process view plus this process's open segment file; threads of one process may
 * share it. See README.md in this package for the protocol and its invariants.
 */
public final class Wal implements WalFlusher, AutoCloseable {

    public static final String CONTROL_NAME = "wal control";
    public static final String BUFFERS_NAME = "wal buffers";
    /** PostgreSQL's NUM_XLOGINSERT_LOCKS. */
    public static final int INSERT_SLOTS = 8;

    /** Page header magic: PostgreSQL 15's XLOG_PAGE_MAGIC. */
    public static final short PAGE_MAGIC = (short) 0xD110;
    /** Page flag: the page starts with the continuation of a record from the previous page. */
    public static final short FIRST_IS_CONTRECORD = 0x0001;
    /** Page flag: the page has the long header (first page of a segment). */
    public static final short LONG_HEADER_FLAG = 0x0002;

    // "wal control" layout. Hot words of different writers sit on different cache lines.
    private static final long OFF_INSERT_LOCK = 0;      // SpinLock: reservation
    private static final long OFF_CUR_POS = 8;          // usable byte position of the next record
    private static final long OFF_PREV_LSN = 16;        // LSN of the last reserved record
    private static final long OFF_REDO = 24;            // redo pointer; changed only with all slots held
    private static final long OFF_SYSID = 32;           // system identifier for long page headers
    private static final long OFF_STARTED = 40;         // int: 1 once an insert position is set
    private static final long OFF_WRITE_LOCK = 64;      // LWLock: WALWriteLock
    private static final long OFF_MAPPING_LOCK = 68;    // LWLock: WALBufMappingLock
    private static final long OFF_WRITTEN = 72;         // LSN written to the kernel
    private static final long OFF_FLUSHED = 80;         // LSN durable
    private static final long OFF_INITIALIZED = 88;     // end of the newest initialized buffer page
    private static final long OFF_ASYNC_LSN = 96;       // newest asynchronous commit's end
    private static final long OFF_FLUSH_REQUESTS = 128; // counters
    private static final long OFF_SYNCS = 136;
    private static final long OFF_WRITES = 144;
    private static final long OFF_COMMITS = 152;
    private static final long OFF_ASYNC_COMMITS = 160;
    private static final long OFF_RECORDS = 168;
    private static final long OFF_BYTES = 176;
    private static final long OFF_CHECKPOINT_REQUEST = 192; // int: someone asked the checkpointer
    private static final long OFF_SLOTS = 256;
    private static final long SLOT_SIZE = 64;           // lock (int) at 0, insertingAt (long) at 8
    private static final long OFF_PAGE_ENDS = OFF_SLOTS + INSERT_SLOTS * SLOT_SIZE;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int PAGE = WalAddressing.PAGE_SIZE;

    private final MemorySegment control;
    private final MemorySegment buffers;
    private final int bufferCount;
    private final WalSettings settings;
    private final WalFiles files;
    private final SpinLock insertLock;
    private final LWLock writeLock;
    private final LWLock mappingLock;
    private final LWLock[] slotLocks = new LWLock[INSERT_SLOTS];

    /** What an insertion produced: the record's LSN and the LSN just after it. */
    public record Inserted(long start, long end) {
    }

    /** The shared counters, read together (not atomically: each is exact, the set is approximate). */
    public record Stats(long flushRequests, long syncs, long writes, long commits, long asyncCommits, long records,
            long bytes) {
    }

    private Wal(MemorySegment control, MemorySegment buffers, WalSettings settings, Path dataDirectory) {
        this.control = control;
        this.buffers = buffers;
        this.bufferCount = (int) (buffers.byteSize() / PAGE);
        this.settings = settings;
        this.files = new WalFiles(dataDirectory.resolve("pg_wal"), settings.syncMethod(), settings.fsync());
        this.insertLock = new SpinLock(control, OFF_INSERT_LOCK);
        this.writeLock = new LWLock(control, OFF_WRITE_LOCK);
        this.mappingLock = new LWLock(control, OFF_MAPPING_LOCK);
        for (int i = 0; i < INSERT_SLOTS; i++) {
            slotLocks[i] = new LWLock(control, OFF_SLOTS + i * SLOT_SIZE);
        }
    }

    /** Shared memory needed for {@code settings} (both structures, with their alignment slack). */
    public static long shmemSize(WalSettings settings) {
        return controlSize(settings) + SharedMemory.ALIGNMENT + (long) settings.walBuffers() * PAGE
                + SharedMemory.ALIGNMENT;
    }

    private static long controlSize(WalSettings settings) {
        return OFF_PAGE_ENDS + 8L * settings.walBuffers();
    }

    /**
     * Allocates and formats the WAL's shared structures (the postmaster, once). Nothing can be inserted
     * until {@link #startInsertion} (after recovery, or {@link WalBootstrap} for a new cluster).
     */
    public static Wal initialize(SharedMemory shmem, WalSettings settings, Path dataDirectory,
            long systemIdentifier) {
        MemorySegment control = shmem.allocate(CONTROL_NAME, controlSize(settings));
        MemorySegment buffers = shmem.allocate(BUFFERS_NAME, (long) settings.walBuffers() * PAGE);
        SpinLock.init(control, OFF_INSERT_LOCK);
        LWLock.init(control, OFF_WRITE_LOCK);
        LWLock.init(control, OFF_MAPPING_LOCK);
        for (int i = 0; i < INSERT_SLOTS; i++) {
            LWLock.init(control, OFF_SLOTS + i * SLOT_SIZE);
        }
        LONG.setVolatile(control, OFF_SYSID, systemIdentifier);
        return new Wal(control, buffers, settings, dataDirectory);
    }

    /** This process's view of the WAL the postmaster initialized. */
    public static Wal attach(SharedMemory shmem, WalSettings settings, Path dataDirectory) {
        MemorySegment control = shmem.lookup(CONTROL_NAME);
        MemorySegment buffers = shmem.lookup(BUFFERS_NAME);
        if (buffers.byteSize() != (long) settings.walBuffers() * PAGE) {
            throw new IllegalStateException("wal_buffers differs from the postmaster's");
        }
        return new Wal(control, buffers, settings, dataDirectory);
    }

    public WalSettings settings() {
        return settings;
    }

    public Path walDirectory() {
        return files.directory();
    }

    public long systemIdentifier() {
        return (long) LONG.getVolatile(control, OFF_SYSID);
    }

    // ---------------------------------------------------------------------------------------------
    // Start-up

    /**
     * Sets where new WAL goes: right after the record at {@code lastRecord} that ends at
     * {@code endOfLog} (recovery's end, or the bootstrap position), with {@code redo} the latest
     * checkpoint's redo pointer. If the end falls inside a page, the valid part of that page is read
     * back from its segment into the buffer and the rest zeroed, because the page will be written out
     * whole again: the old records on it must survive, whatever invalid tail followed them must not.
     */
    public void startInsertion(long lastRecord, long endOfLog, long redo) {
        long pos = WalAddressing.align(WalAddressing.recPtrToBytePos(endOfLog));
        long logEnd = WalAddressing.bytePosToEndRecPtr(pos);
        long pageStart = logEnd - logEnd % PAGE;
        if (logEnd % PAGE != 0) {
            int index = bufferIndex(pageStart);
            MemorySegment page = buffers.asSlice((long) index * PAGE, PAGE);
            page.fill((byte) 0);
            int valid = (int) (endOfLog - pageStart);
            readPagePrefix(pageStart, page, valid);
            LONG.setVolatile(control, OFF_PAGE_ENDS + 8L * index, pageStart + PAGE);
            LONG.setVolatile(control, OFF_INITIALIZED, pageStart + PAGE);
        } else {
            LONG.setVolatile(control, OFF_INITIALIZED, logEnd);
        }
        LONG.setVolatile(control, OFF_CUR_POS, pos);
        LONG.setVolatile(control, OFF_PREV_LSN, lastRecord);
        LONG.setVolatile(control, OFF_REDO, redo);
        LONG.setVolatile(control, OFF_WRITTEN, logEnd);
        LONG.setVolatile(control, OFF_FLUSHED, logEnd);
        LONG.setVolatile(control, OFF_ASYNC_LSN, logEnd);
        INT.setVolatile(control, OFF_STARTED, 1);
    }

    private void readPagePrefix(long pageStart, MemorySegment page, int valid) {
        Path file = files.path(WalAddressing.segmentOf(pageStart));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer target = page.asSlice(0, valid).asByteBuffer();
            long position = pageStart % WalAddressing.SEGMENT_SIZE;
            while (target.hasRemaining()) {
                int n = channel.read(target, position + target.position());
                if (n < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the last WAL page from " + file, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Insertion

    /** True if a page whose LSN is {@code pageLsn} must be logged whole: its first change since the redo point. */
    public boolean needsFullPageImage(long pageLsn) {
        return settings.fullPageWrites() && needsFullPageImage(pageLsn, redoPointer());
    }

    static boolean needsFullPageImage(long pageLsn, long redoPointer) {
        return Long.compareUnsigned(pageLsn, redoPointer) <= 0;
    }

    /**
     * Inserts a record and returns where it went; it is in the shared buffers, not yet durable (call
     * {@link #flush} or {@link #commit}). The pages registered in {@code record} must stay locked by
     * the caller until it has set their page LSN to the returned end.
     */
    public Inserted insert(WalRecordBuilder record) {
        if ((int) INT.getVolatile(control, OFF_STARTED) == 0) {
            throw new IllegalStateException("cannot make new WAL entries during recovery");
        }
        boolean[] dependsOnRedo = new boolean[1];
        long redo = redoPointer();
        byte[] bytes = record.assemble(redo, settings.fullPageWrites(), dependsOnRedo);
        int slot = acquireSlot();
        try {
            // The redo pointer only moves while a checkpointer holds every slot, so it is stable now.
            long current = redoPointer();
            if (current != redo && dependsOnRedo[0]) {
                bytes = record.assemble(current, settings.fullPageWrites(), dependsOnRedo);
            }
            int length = bytes.length;
            if (length > WalReader.MAX_RECORD_LENGTH) {
                throw new IllegalArgumentException("WAL record would be " + length + " bytes, more than the maximum "
                        + WalReader.MAX_RECORD_LENGTH);
            }
            long pos;
            long start;
            long prev;
            insertLock.lock();
            try {
                pos = (long) LONG.get(control, OFF_CUR_POS);
                start = WalAddressing.bytePosToRecPtr(pos);
                prev = (long) LONG.get(control, OFF_PREV_LSN);
                // Publish our start before moving the position: whoever sees the new position sees it.
                LONG.setVolatile(control, slotInsertingAt(slot), start);
                LONG.setVolatile(control, OFF_PREV_LSN, start);
                LONG.setVolatile(control, OFF_CUR_POS, pos + WalAddressing.align(length));
            } finally {
                insertLock.unlock();
            }
            // From here on the space is ours and the log has a hole until we fill it: PostgreSQL runs
            // this in a critical section, where any error is a PANIC. Here an exception (an I/O error
            // while freeing a buffer) propagates, and the hole ends the log for the next recovery; the
            // caller must treat it as fatal for the whole cluster.
            // The CRC covers the prev-link, so it is computed now, outside the spinlock.
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(WalRecord.OFF_PREV, prev);
            header.putInt(WalRecord.OFF_CRC, WalRecord.computeCrc(bytes, length));
            copyToBuffers(bytes, start, slot);
            LONG.getAndAdd(control, OFF_RECORDS, 1L);
            LONG.getAndAdd(control, OFF_BYTES, (long) length);
            return new Inserted(start, WalAddressing.bytePosToEndRecPtr(pos + length));
        } finally {
            LONG.setVolatile(control, slotInsertingAt(slot), 0L);
            slotLocks[slot].release();
        }
    }

    /**
     * Takes an insertion slot. Each thread starts from its own slot and tries the others once without
     * waiting, then waits for its own; eight slots let eight inserters copy in parallel.
     */
    private int acquireSlot() {
        int home = (int) (Thread.currentThread().threadId() % INSERT_SLOTS);
        for (int i = 0; i < INSERT_SLOTS; i++) {
            int slot = (home + i) % INSERT_SLOTS;
            if (slotLocks[slot].tryAcquire(LWLock.Mode.EXCLUSIVE)) {
                return slot;
            }
        }
        slotLocks[home].acquire(LWLock.Mode.EXCLUSIVE);
        return home;
    }

    private static long slotInsertingAt(int slot) {
        return OFF_SLOTS + slot * SLOT_SIZE + 8;
    }

    private void copyToBuffers(byte[] bytes, long start, int slot) {
        long ptr = start;
        int done = 0;
        int index = pageBuffer(ptr - ptr % PAGE);
        while (true) {
            int inPage = (int) (ptr % PAGE);
            int n = Math.min(PAGE - inPage, bytes.length - done);
            MemorySegment.copy(bytes, done, buffers, ValueLayout.JAVA_BYTE, (long) index * PAGE + inPage, n);
            done += n;
            ptr += n;
            if (done == bytes.length) {
                return;
            }
            // Everything of ours before this page is copied: say so before possibly waiting for a
            // buffer, so that whoever must write an older page out does not wait for us.
            LONG.setVolatile(control, slotInsertingAt(slot), ptr);
            index = pageBuffer(ptr);
            long header = (long) index * PAGE;
            buffers.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), header + 2,
                    (short) (buffers.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                            header + 2) | FIRST_IS_CONTRECORD));
            buffers.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), header + 16,
                    bytes.length - done);
            ptr += WalAddressing.headerSize(ptr);
        }
    }

    private int bufferIndex(long pageStart) {
        return (int) ((pageStart / PAGE) % bufferCount);
    }

    /** The buffer holding the page that starts at {@code pageStart}, initializing it if necessary. */
    private int pageBuffer(long pageStart) {
        int index = bufferIndex(pageStart);
        while ((long) LONG.getAcquire(control, OFF_PAGE_ENDS + 8L * index) != pageStart + PAGE) {
            advanceInsertBuffer(pageStart);
        }
        return index;
    }

    /**
     * Initializes buffer pages up to and including the one starting at {@code upto}
     * (AdvanceXLInsertBuffer). A buffer still holding an unwritten older page is written out first,
     * after waiting for the insertions into it, without holding the mapping lock meanwhile.
     */
    private void advanceInsertBuffer(long upto) {
        mappingLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long next;
            while ((next = (long) LONG.getVolatile(control, OFF_INITIALIZED)) <= upto) {
                int index = bufferIndex(next);
                long oldEnd = (long) LONG.getVolatile(control, OFF_PAGE_ENDS + 8L * index);
                if (Long.compareUnsigned(oldEnd, writtenUpTo()) > 0) {
                    mappingLock.release();
                    try {
                        waitInsertionsToFinish(oldEnd);
                        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
                        try {
                            if (Long.compareUnsigned(writtenUpTo(), oldEnd) < 0) {
                                write(oldEnd, false);
                            }
                        } finally {
                            writeLock.release();
                        }
                    } finally {
                        mappingLock.acquire(LWLock.Mode.EXCLUSIVE);
                    }
                    continue;
                }
                MemorySegment page = buffers.asSlice((long) index * PAGE, PAGE);
                page.fill((byte) 0);
                formatPageHeader(page, next, systemIdentifier());
                LONG.setRelease(control, OFF_PAGE_ENDS + 8L * index, next + PAGE);
                LONG.setVolatile(control, OFF_INITIALIZED, next + PAGE);
            }
        } finally {
            mappingLock.release();
        }
    }

    /** Writes a page header: magic, flags, timeline, page address; segment size and page size for long ones. */
    static void formatPageHeader(MemorySegment page, long pageAddress, long systemIdentifier) {
        ByteBuffer h = page.asSlice(0, WalAddressing.LONG_HEADER).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean longHeader = pageAddress % WalAddressing.SEGMENT_SIZE == 0;
        h.putShort(0, PAGE_MAGIC);
        h.putShort(2, longHeader ? LONG_HEADER_FLAG : 0);
        h.putInt(4, WalFiles.TIMELINE);
        h.putLong(8, pageAddress);
        h.putInt(16, 0);
        if (longHeader) {
            h.putLong(24, systemIdentifier);
            h.putInt(32, (int) WalAddressing.SEGMENT_SIZE);
            h.putInt(36, PAGE);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Waiting for insertions

    /**
     * Waits until every insertion into the log below {@code upto} has been copied into the buffers
     * and returns a position up to which that is true (at least {@code upto}, clipped to what has
     * been reserved). Called without holding the write lock: an inserter may be waiting for that lock
     * to free a buffer, and it has announced (insertingAt) how far it got before waiting.
     */
    long waitInsertionsToFinish(long upto) {
        long reserved = reservedUpTo();
        if (Long.compareUnsigned(upto, reserved) > 0) {
            upto = reserved;
        }
        long finished = reserved;
        for (int slot = 0; slot < INSERT_SLOTS; slot++) {
            long at = awaitSlot(slot, upto);
            if (at != 0 && Long.compareUnsigned(at, finished) < 0) {
                finished = at;
            }
        }
        return finished;
    }

    /** How far every insertion is complete right now, without waiting for any. */
    long finishedInsertions() {
        long finished = reservedUpTo();
        for (int slot = 0; slot < INSERT_SLOTS; slot++) {
            long at = (long) LONG.getVolatile(control, slotInsertingAt(slot));
            if (at != 0 && Long.compareUnsigned(at, finished) < 0) {
                finished = at;
            }
        }
        return finished;
    }

    /**
     * Waits until slot {@code slot} is free or its inserter has copied everything below {@code upto};
     * returns the slot's last announced position (0 if free). An insertion copies a few kB at most
     * between announcements, so this waits microseconds: it spins briefly, then sleeps in short,
     * growing naps. (PostgreSQL sleeps in LWLockWaitForVar, woken by LWLockUpdateVar; our LWLock has no
     * such variable wake-up yet, see README.)
     */
    private long awaitSlot(int slot, long upto) {
        long delay = 10_000;
        int spins = 0;
        while (true) {
            long at = (long) LONG.getVolatile(control, slotInsertingAt(slot));
            if (at == 0 || Long.compareUnsigned(at, upto) >= 0) {
                return at;
            }
            if (spins++ < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(delay);
                delay = Math.min(delay * 2, 1_000_000);
            }
        }
    }

    /** The end of all reserved space (where the next record's header would end if it were empty). */
    private long reservedUpTo() {
        insertLock.lock();
        try {
            return WalAddressing.bytePosToEndRecPtr((long) LONG.get(control, OFF_CUR_POS));
        } finally {
            insertLock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writing and flushing

    /**
     * Writes the buffers out up to {@code target}, and makes them durable if {@code flush}
     * (XLogWrite). The caller holds the write lock and has made sure every insertion below
     * {@code target} is complete. Whole pages are written, the last one possibly partly filled: it is
     * written again, fuller, next time.
     */
    private void write(long target, boolean flush) {
        long written = writtenUpTo();
        long firstSynced = -1;
        long lastSynced = -1;
        if (Long.compareUnsigned(target, written) > 0) {
            long page = written - written % PAGE;
            long endPage = target + (PAGE - target % PAGE) % PAGE;
            while (page < endPage) {
                int index = bufferIndex(page);
                long segNo = WalAddressing.segmentOf(page);
                int count = 1;
                while (page + (long) count * PAGE < endPage && index + count < bufferCount
                        && WalAddressing.segmentOf(page + (long) count * PAGE) == segNo) {
                    count++;
                }
                files.write(segNo, page % WalAddressing.SEGMENT_SIZE,
                        buffers.asSlice((long) index * PAGE, (long) count * PAGE).asByteBuffer());
                LONG.getAndAdd(control, OFF_WRITES, 1L);
                if (settings.fsync() && settings.syncMethod().syncsOnWrite()) {
                    LONG.getAndAdd(control, OFF_SYNCS, 1L);
                }
                page += (long) count * PAGE;
                if (page % WalAddressing.SEGMENT_SIZE == 0 && page <= target) {
                    // A finished segment is synced before we move on, as PostgreSQL does.
                    if (files.sync(segNo)) {
                        LONG.getAndAdd(control, OFF_SYNCS, 1L);
                    }
                    if (firstSynced < 0) {
                        firstSynced = segNo;
                    }
                    lastSynced = segNo;
                }
            }
            LONG.setVolatile(control, OFF_WRITTEN, target);
        }
        long flushed = flushedUpTo();
        if (flush && Long.compareUnsigned(target, flushed) > 0) {
            for (long seg = WalAddressing.segmentOf(flushed); seg <= WalAddressing.segmentOf(target - 1); seg++) {
                boolean done = seg >= firstSynced && seg <= lastSynced;
                if (!done && files.sync(seg)) {
                    LONG.getAndAdd(control, OFF_SYNCS, 1L);
                }
            }
            LONG.setVolatile(control, OFF_FLUSHED, target);
        }
    }

    /**
     * Makes the log durable up to {@code lsn} (XLogFlush), with group commit: whoever gets the write
     * lock writes and syncs everything whose insertion is complete, not just its own record, and those
     * waiting for the lock meanwhile find their record covered when they get it.
     */
    @Override
    public void flush(long lsn) {
        LONG.getAndAdd(control, OFF_FLUSH_REQUESTS, 1L);
        while (Long.compareUnsigned(flushedUpTo(), lsn) < 0) {
            long reserved = reservedUpTo();
            if (Long.compareUnsigned(lsn, reserved) > 0) {
                throw new IllegalStateException("xlog flush request " + Lsn.format(lsn)
                        + " is not satisfied --- flushed only to " + Lsn.format(flushedUpTo()));
            }
            long ready = waitInsertionsToFinish(lsn);
            if (!writeLock.tryAcquire(LWLock.Mode.EXCLUSIVE)) {
                // Someone is writing, probably syncing our record along with theirs. Wait until they
                // are done WITHOUT taking the lock (LWLockAcquireOrWait): a shared grant needs no
                // exclusive holder, so all waiters get through together and re-check the flushed
                // position. Queueing for the exclusive lock instead would keep waiters that are
                // already covered behind the next flush, and groups would shrink to one or two.
                writeLock.acquire(LWLock.Mode.SHARED);
                writeLock.release();
                continue;
            }
            try {
                if (Long.compareUnsigned(flushedUpTo(), lsn) >= 0) {
                    return; // somebody else's flush covered us: that is the group commit
                }
                long target = ready;
                long more = finishedInsertions();
                if (Long.compareUnsigned(more, target) > 0) {
                    target = more;
                }
                write(target, true);
            } finally {
                writeLock.release();
            }
        }
    }

    @Override
    public long flushedUpTo() {
        return (long) LONG.getVolatile(control, OFF_FLUSHED);
    }

    public long writtenUpTo() {
        return (long) LONG.getVolatile(control, OFF_WRITTEN);
    }

    /**
     * Commit's wait for durability: with synchronous_commit on, flushes up to {@code commitEnd}; off,
     * only notes the position for the WAL writer and returns (the transaction may be lost in a crash,
     * never half-applied).
     */
    public void commit(long commitEnd) {
        LONG.getAndAdd(control, OFF_COMMITS, 1L);
        if (settings.synchronousCommit()) {
            flush(commitEnd);
            return;
        }
        LONG.getAndAdd(control, OFF_ASYNC_COMMITS, 1L);
        while (true) {
            long current = (long) LONG.getVolatile(control, OFF_ASYNC_LSN);
            if (Long.compareUnsigned(current, commitEnd) >= 0
                    || LONG.compareAndSet(control, OFF_ASYNC_LSN, current, commitEnd)) {
                return;
            }
        }
    }

    /**
     * The WAL writer's round (XLogBackgroundFlush): writes and flushes everything whose insertion is
     * complete. Returns true if it flushed anything.
     */
    public boolean backgroundFlush() {
        long target = finishedInsertions();
        if (Long.compareUnsigned(target, flushedUpTo()) <= 0) {
            return false;
        }
        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (Long.compareUnsigned(target, flushedUpTo()) <= 0) {
                return false;
            }
            write(target, true);
            return true;
        } finally {
            writeLock.release();
        }
    }

    /** The newest asynchronous commit's end; the WAL writer makes it durable within wal_writer_delay. */
    public long asyncCommitLsn() {
        return (long) LONG.getVolatile(control, OFF_ASYNC_LSN);
    }

    // ---------------------------------------------------------------------------------------------
    // Positions, checkpoints, statistics

    /** Where the next record will start (pg_current_wal_insert_lsn, pointing past a page header). */
    public long insertPosition() {
        insertLock.lock();
        try {
            return WalAddressing.bytePosToRecPtr((long) LONG.get(control, OFF_CUR_POS));
        } finally {
            insertLock.unlock();
        }
    }

    /** The LSN of the last record inserted. */
    public long lastRecord() {
        insertLock.lock();
        try {
            return (long) LONG.get(control, OFF_PREV_LSN);
        } finally {
            insertLock.unlock();
        }
    }

    /** The current checkpoint's redo pointer: pages last changed at or before it need a full image. */
    public long redoPointer() {
        return (long) LONG.getVolatile(control, OFF_REDO);
    }

    /**
     * Sets a new redo pointer at the current insert position and returns it (the start of
     * CreateCheckPoint). All insertion slots are held meanwhile, so every record either was reserved
     * before (and is before the redo point) or will be assembled against the new pointer.
     */
    public long beginCheckpoint() {
        for (LWLock slot : slotLocks) {
            slot.acquire(LWLock.Mode.EXCLUSIVE);
        }
        try {
            long redo = insertPosition();
            LONG.setVolatile(control, OFF_REDO, redo);
            return redo;
        } finally {
            for (LWLock slot : slotLocks) {
                slot.release();
            }
        }
    }

    /** Asks the checkpointer for a checkpoint (RequestCheckpoint without waiting). */
    public void requestCheckpoint() {
        INT.setVolatile(control, OFF_CHECKPOINT_REQUEST, 1);
    }

    /** Takes a pending checkpoint request, if any. */
    boolean takeCheckpointRequest() {
        return (int) INT.getAndSet(control, OFF_CHECKPOINT_REQUEST, 0) != 0;
    }

    /**
     * Forgets segments older than {@code keepFrom}: renames them to future segment names while the
     * WAL stays within max_wal_size (recycling saves creating and zero-filling new ones), removes the
     * rest (RemoveOldXlogFiles). Returns how many were recycled and removed.
     */
    public int[] removeOldSegments(long keepFrom) {
        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            long current = WalAddressing.segmentOf(insertPosition());
            long maxSegments = settings.maxWalSize() / WalAddressing.SEGMENT_SIZE;
            int recycled = 0;
            int removed = 0;
            long futureSegment = current + 1;
            try (var names = Files.list(files.directory())) {
                long[] old = names.mapToLong(p -> WalAddressing.parseSegmentFileName(p.getFileName().toString()))
                        .filter(s -> s >= 0 && s < keepFrom).sorted().toArray();
                for (long segNo : old) {
                    files.forget(segNo);
                    while (Files.exists(files.path(futureSegment))) {
                        futureSegment++;
                    }
                    if (futureSegment - keepFrom < maxSegments) {
                        Files.move(files.path(segNo), files.path(futureSegment));
                        recycled++;
                    } else {
                        Files.delete(files.path(segNo));
                        removed++;
                    }
                }
                WalFiles.syncDirectory(files.directory(), settings.fsync());
            }
            return new int[] {recycled, removed};
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove old WAL segments", e);
        } finally {
            writeLock.release();
        }
    }

    public Stats stats() {
        return new Stats((long) LONG.getVolatile(control, OFF_FLUSH_REQUESTS),
                (long) LONG.getVolatile(control, OFF_SYNCS), (long) LONG.getVolatile(control, OFF_WRITES),
                (long) LONG.getVolatile(control, OFF_COMMITS), (long) LONG.getVolatile(control, OFF_ASYNC_COMMITS),
                (long) LONG.getVolatile(control, OFF_RECORDS), (long) LONG.getVolatile(control, OFF_BYTES));
    }

    /** Closes this process's open segment file; the shared state is untouched. */
    @Override
    public void close() {
        writeLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            files.close();
        } finally {
            writeLock.release();
        }
    }
}
