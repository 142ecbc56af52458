package org.tusk.storage.smgr;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tusk.storage.common.ForkNumber;
import org.tusk.storage.common.RelFileLocator;
import org.tusk.storage.common.StorageConstants;

/**
 * The storage manager (PostgreSQL's smgr.c over md.c): relation forks as series of segment files under
 * the data directory, {@code base/<db>/<relfilenode>[_fork][.N]}, each at most
 * {@link StorageConstants#BLOCKS_PER_SEGMENT} blocks (1 GiB), addressed by block number.
 *
 * <p>One instance per process (threads of one process may share it). It caches open file channels
 * (PostgreSQL's per-backend vfd cache) and keeps the set of segments this process has written that no
 * checkpoint has fsynced yet. With a {@link SyncRequestQueue} every write is forwarded to the
 * checkpointer through shared memory instead; the checkpointer's instance absorbs the queue in
 * {@link #syncPending}. See the package README for the rules.
 *
 * <p>Truncation never deletes segment files, it truncates them to zero length: another process may have
 * the file open, and writing into an unlinked file would silently lose the data. Only {@link #unlink}
 * deletes files, and the caller must make sure no other process still uses the relation (PostgreSQL
 * holds AccessExclusiveLock and sends a shared invalidation so other backends {@link #close(RelFileLocator)}).
 */
public final class StorageManager implements AutoCloseable {

    private static final int BLOCK_SIZE = StorageConstants.BLOCK_SIZE;

    private final Path dataDirectory;
    private final SyncRequestQueue queue;
    private final int blocksPerSegment;
    private final Map<SegmentTag, FileChannel> channels = new ConcurrentHashMap<>();
    /** Segments written by this process (or absorbed from the queue) that still need an fsync. */
    private final Set<SegmentTag> pendingSync = ConcurrentHashMap.newKeySet();
    private final AtomicLong selfSyncs = new AtomicLong();

    /**
     * A storage manager for the cluster at {@code dataDirectory}. With a {@code queue} (the server), writes
     * are forwarded to the checkpointer; with {@code null} (single process, tests) they are remembered
     * here until {@link #syncPending}.
     */
    public StorageManager(Path dataDirectory, SyncRequestQueue queue) {
        this(dataDirectory, queue, StorageConstants.BLOCKS_PER_SEGMENT);
    }

    /** With a smaller segment size, so tests can cross segment boundaries without gigabytes of files. */
    StorageManager(Path dataDirectory, SyncRequestQueue queue, int blocksPerSegment) {
        if (blocksPerSegment < 1) {
            throw new IllegalArgumentException("blocks per segment must be positive");
        }
        this.dataDirectory = dataDirectory;
        this.queue = queue;
        this.blocksPerSegment = blocksPerSegment;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Creates the first segment file of a fork (mdcreate). During recovery ({@code isRedo}) an existing
     * file is fine; otherwise it is an error, since relation file numbers are never reused while a file
     * is there.
     */
    public void create(RelFileLocator rel, ForkNumber fork, boolean isRedo) {
        SegmentTag tag = new SegmentTag(rel, fork, 0);
        Path file = dataDirectory.resolve(tag.path());
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileChannel previous = channels.putIfAbsent(tag, channel);
            if (previous != null) {
                channel.close();
            }
        } catch (FileAlreadyExistsException e) {
            if (!isRedo) {
                throw new StorageException(StorageException.DUPLICATE_FILE,
                        "could not create file \"" + tag.path() + "\": File exists", e);
            }
        } catch (IOException e) {
            throw fileError("could not create file \"" + tag.path() + "\"", e);
        }
    }

    /** Whether the fork's first segment exists (mdexists). */
    public boolean exists(RelFileLocator rel, ForkNumber fork) {
        return Files.exists(dataDirectory.resolve(rel.path(fork, 0)));
    }

    /**
     * The number of blocks in the fork (mdnblocks): segments are full up to the first one that is not;
     * a trailing partial block (a write cut short by a crash) does not count, so the next extension
     * overwrites it.
     */
    public int nblocks(RelFileLocator rel, ForkNumber fork) {
        long segmentBytes = (long) blocksPerSegment * BLOCK_SIZE;
        for (int segment = 0; ; segment++) {
            SegmentTag tag = new SegmentTag(rel, fork, segment);
            long size;
            if (segment == 0) {
                size = size(channel(tag, false));
            } else {
                FileChannel channel = channelIfExists(tag);
                if (channel == null) {
                    return blockCount(segment, 0);
                }
                size = size(channel);
            }
            if (size < segmentBytes) {
                return blockCount(segment, (int) (size / BLOCK_SIZE));
            }
        }
    }

    /**
     * Reads block {@code block} into {@code page} (mdread). A block that is not (entirely) in the file is
     * an error: "could not read block %u in file \"%s\": read only %d of %d bytes".
     */
    public void read(RelFileLocator rel, ForkNumber fork, int block, MemorySegment page) {
        checkPage(page);
        SegmentTag tag = segmentOf(rel, fork, block);
        ByteBuffer buffer = page.asByteBuffer();
        long position = offsetInSegment(block);
        int total = 0;
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = existingSegment(tag, block);
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position());
                    if (n <= 0) {
                        break;
                    }
                }
                total = buffer.position();
                break;
            } catch (ClosedChannelException e) {
                retryClosed(tag, channel, e, attempt);
                buffer.clear();
            } catch (IOException e) {
                throw fileError("could not read block " + unsigned(block) + " in file \"" + tag.path() + "\"", e);
            }
        }
        if (total != BLOCK_SIZE) {
            throw new StorageException(StorageException.DATA_CORRUPTED, "could not read block " + unsigned(block)
                    + " in file \"" + tag.path() + "\": read only " + total + " of " + BLOCK_SIZE + " bytes");
        }
    }

    /**
     * Writes {@code page} over block {@code block}, whose segment must exist (mdwrite), and records the
     * segment as needing an fsync before the next checkpoint completes.
     */
    public void write(RelFileLocator rel, ForkNumber fork, int block, MemorySegment page) {
        checkPage(page);
        SegmentTag tag = segmentOf(rel, fork, block);
        writeFully(tag, block, page, false);
        registerDirty(tag);
    }

    /**
     * Adds block {@code block} (normally the current {@link #nblocks}) with {@code page}'s contents
     * (mdextend), creating the segment file when the block starts a new segment.
     */
    public void extend(RelFileLocator rel, ForkNumber fork, int block, MemorySegment page) {
        checkPage(page);
        if (block < 0) {
            throw new StorageException(StorageException.PROGRAM_LIMIT_EXCEEDED, "cannot extend file \""
                    + rel.path(fork, 0) + "\" beyond " + Integer.toUnsignedString(-2) + " blocks");
        }
        SegmentTag tag = segmentOf(rel, fork, block);
        writeFully(tag, block, page, true);
        registerDirty(tag);
    }

    /**
     * Shortens the fork to {@code nblocks} blocks (mdtruncate). Segments wholly past the new end are
     * truncated to zero length but kept (other processes may have them open); the segment holding the
     * new end is cut there. The buffer manager must have dropped the buffers of the removed blocks first.
     */
    public void truncate(RelFileLocator rel, ForkNumber fork, int nblocks) {
        int current = nblocks(rel, fork);
        if (Integer.compareUnsigned(nblocks, current) > 0) {
            throw new StorageException(StorageException.IO_ERROR, "could not truncate file \""
                    + rel.path(fork, 0) + "\" to " + unsigned(nblocks) + " blocks: it's only " + unsigned(current)
                    + " blocks now");
        }
        for (int segment = 0; ; segment++) {
            SegmentTag tag = new SegmentTag(rel, fork, segment);
            FileChannel channel = channelIfExists(tag);
            if (channel == null) {
                return;
            }
            long priorBlocks = (long) segment * blocksPerSegment;
            if (priorBlocks + blocksPerSegment <= nblocks) {
                continue; // wholly before the new end: untouched
            }
            long keep = Math.max(0, nblocks - priorBlocks) * BLOCK_SIZE;
            try {
                if (channel.size() > keep) {
                    channel.truncate(keep);
                    registerDirty(tag);
                }
            } catch (IOException e) {
                throw fileError("could not truncate file \"" + tag.path() + "\" to " + unsigned(nblocks)
                        + " blocks", e);
            }
        }
    }

    /** Deletes every segment of every fork of the relation (mdunlink) and forgets their pending fsyncs. */
    public void unlink(RelFileLocator rel) {
        close(rel);
        for (ForkNumber fork : ForkNumber.values()) {
            for (int segment = 0; ; segment++) {
                SegmentTag tag = new SegmentTag(rel, fork, segment);
                try {
                    if (!Files.deleteIfExists(dataDirectory.resolve(tag.path()))) {
                        break;
                    }
                } catch (IOException e) {
                    throw fileError("could not remove file \"" + tag.path() + "\"", e);
                }
            }
        }
        pendingSync.removeIf(tag -> tag.rel().equals(rel));
    }

    /**
     * Closes this process's channels of the relation (smgrclose), as a backend does when told that
     * another one dropped or truncated it. Pending fsyncs are kept.
     */
    public void close(RelFileLocator rel) {
        List<SegmentTag> mine = new ArrayList<>();
        for (SegmentTag tag : channels.keySet()) {
            if (tag.rel().equals(rel)) {
                mine.add(tag);
            }
        }
        for (SegmentTag tag : mine) {
            FileChannel channel = channels.remove(tag);
            if (channel != null) {
                closeQuietly(channel);
            }
        }
    }

    /**
     * Fsyncs every segment written since the last call: those written by this process, and, with a
     * queue, every request other processes forwarded (the checkpointer's ProcessSyncRequests). Each
     * entry leaves the set before its fsync, so a write that races with this call is either covered by
     * the fsync or stays for the next one. Files dropped meanwhile are skipped. Returns how many files
     * were fsynced.
     *
     * @throws StorageException if an fsync fails; the failed entries stay pending. PostgreSQL PANICs
     *     here, because the kernel may have dropped the dirty pages: the caller must not complete the
     *     checkpoint.
     */
    public int syncPending() {
        if (queue != null) {
            pendingSync.addAll(queue.absorb());
        }
        int synced = 0;
        for (SegmentTag tag : List.copyOf(pendingSync)) {
            if (!pendingSync.remove(tag)) {
                continue;
            }
            try {
                if (fsync(tag)) {
                    synced++;
                }
            } catch (RuntimeException e) {
                pendingSync.add(tag);
                throw e;
            }
        }
        return synced;
    }

    /** Fsyncs every segment of a fork now (smgrimmedsync), for data written without WAL. */
    public void immediateSync(RelFileLocator rel, ForkNumber fork) {
        for (int segment = 0; ; segment++) {
            if (!fsync(new SegmentTag(rel, fork, segment))) {
                return;
            }
        }
    }

    /** Segments this process still has to fsync (not counting requests waiting in the shared queue). */
    public int pendingSyncCount() {
        return pendingSync.size();
    }

    /**
     * How often a write found the shared queue full and fsynced the file itself (pg_stat_bgwriter's
     * buffers_backend_fsync); should stay zero.
     */
    public long selfSyncs() {
        return selfSyncs.get();
    }

    /** Closes every cached channel. */
    @Override
    public void close() {
        for (FileChannel channel : channels.values()) {
            closeQuietly(channel);
        }
        channels.clear();
    }

    private void registerDirty(SegmentTag tag) {
        if (queue == null) {
            pendingSync.add(tag);
        } else if (!queue.forward(tag)) {
            selfSyncs.incrementAndGet();
            fsync(tag);
        }
    }

    /** Fsyncs one segment file; false if it does not exist (dropped since it was written). */
    private boolean fsync(SegmentTag tag) {
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = channelIfExists(tag);
            if (channel == null) {
                return false;
            }
            try {
                channel.force(true);
                return true;
            } catch (ClosedChannelException e) {
                retryClosed(tag, channel, e, attempt);
            } catch (IOException e) {
                throw fileError("could not fsync file \"" + tag.path() + "\"", e);
            }
        }
    }

    private void writeFully(SegmentTag tag, int block, MemorySegment page, boolean extending) {
        ByteBuffer buffer = page.asByteBuffer();
        long position = offsetInSegment(block);
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = extending ? channel(tag, true) : existingSegment(tag, block);
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.write(buffer, position + buffer.position());
                    if (n <= 0) {
                        break;
                    }
                }
                break;
            } catch (ClosedChannelException e) {
                retryClosed(tag, channel, e, attempt);
                buffer.clear();
            } catch (IOException e) {
                String what = extending ? "could not extend file \"" + tag.path() + "\""
                        : "could not write block " + unsigned(block) + " in file \"" + tag.path() + "\"";
                throw fileError(what, e);
            }
        }
        if (buffer.hasRemaining()) {
            String message = extending
                    ? "could not extend file \"" + tag.path() + "\": wrote only " + buffer.position() + " of "
                            + BLOCK_SIZE + " bytes at block " + unsigned(block)
                    : "could not write block " + unsigned(block) + " in file \"" + tag.path() + "\": wrote only "
                            + buffer.position() + " of " + BLOCK_SIZE + " bytes";
            throw new StorageException(StorageException.IO_ERROR, message + " (Check free disk space.)");
        }
    }

    /**
     * The channel of the segment holding {@code block}, which must exist; the error says why not in
     * PostgreSQL's words (_mdfd_getseg with EXTENSION_FAIL).
     */
    private FileChannel existingSegment(SegmentTag tag, int block) {
        if (tag.segment() == 0) {
            return channel(tag, false);
        }
        FileChannel channel = channelIfExists(tag);
        if (channel != null) {
            return channel;
        }
        SegmentTag previous = new SegmentTag(tag.rel(), tag.fork(), tag.segment() - 1);
        FileChannel before = channelIfExists(previous);
        long previousBlocks = before == null ? 0 : size(before) / BLOCK_SIZE;
        if (previousBlocks < blocksPerSegment) {
            throw new StorageException(StorageException.UNDEFINED_FILE, "could not open file \"" + tag.path()
                    + "\" (target block " + unsigned(block) + "): previous segment is only " + previousBlocks
                    + " blocks");
        }
        throw new StorageException(StorageException.UNDEFINED_FILE, "could not open file \"" + tag.path()
                + "\" (target block " + unsigned(block) + "): No such file or directory");
    }

    /** The cached channel, opening (and with {@code create}, creating) the file if needed. */
    private FileChannel channel(SegmentTag tag, boolean create) {
        FileChannel channel = channels.get(tag);
        if (channel != null) {
            return channel;
        }
        Path file = dataDirectory.resolve(tag.path());
        try {
            FileChannel opened = create
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel previous = channels.putIfAbsent(tag, opened);
            if (previous != null) {
                opened.close();
                return previous;
            }
            return opened;
        } catch (IOException e) {
            throw fileError("could not open file \"" + tag.path() + "\"", e);
        }
    }

    private FileChannel channelIfExists(SegmentTag tag) {
        FileChannel channel = channels.get(tag);
        if (channel != null) {
            return channel;
        }
        if (!Files.exists(dataDirectory.resolve(tag.path()))) {
            return null;
        }
        try {
            return channel(tag, false);
        } catch (StorageException e) {
            if (StorageException.UNDEFINED_FILE.equals(e.sqlState())) {
                return null; // removed between the look and the open
            }
            throw e;
        }
    }

    /**
     * A channel closed under us: by an interrupt of this thread (give up), or because another thread
     * of this process was interrupted while using it (drop it from the cache and retry once).
     */
    private void retryClosed(SegmentTag tag, FileChannel channel, ClosedChannelException e, int attempt) {
        channels.remove(tag, channel);
        if (e instanceof ClosedByInterruptException || attempt > 0) {
            throw new StorageException(StorageException.IO_ERROR, "could not access file \"" + tag.path()
                    + "\": channel closed", e);
        }
    }

    private long size(FileChannel channel) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new StorageException(StorageException.IO_ERROR, "could not seek to end of file: " + e, e);
        }
    }

    private SegmentTag segmentOf(RelFileLocator rel, ForkNumber fork, int block) {
        if (block < 0) {
            throw new IllegalArgumentException("block number " + unsigned(block) + " out of range");
        }
        return new SegmentTag(rel, fork, block / blocksPerSegment);
    }

    private long offsetInSegment(int block) {
        return (long) (block % blocksPerSegment) * BLOCK_SIZE;
    }

    private int blockCount(int fullSegments, int blocksInLast) {
        return Math.toIntExact((long) fullSegments * blocksPerSegment + blocksInLast);
    }

    private static void checkPage(MemorySegment page) {
        if (page.byteSize() != BLOCK_SIZE) {
            throw new IllegalArgumentException("a page is " + BLOCK_SIZE + " bytes, not " + page.byteSize());
        }
    }

    private static StorageException fileError(String what, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new StorageException(StorageException.UNDEFINED_FILE, what + ": No such file or directory", e);
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new StorageException(StorageException.IO_ERROR, what + ": " + reason, e);
    }

    private static String unsigned(int block) {
        return Integer.toUnsignedString(block);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a channel we are discarding
        }
    }
}
