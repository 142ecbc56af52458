package org.tusk.storage.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tusk.storage.common.Lsn;

/**
 * Reads records back from the segment files in {@code pg_wal/} and validates everything it reads
 * (PostgreSQL's xlogreader.c): page headers (magic, flags, timeline, page address, system identifier),
 * the continuation of records across pages, record lengths, prev-links and CRCs.
 *
 * <p>The first record that fails a check is where the log ends as far as recovery is concerned; the
 * reader says why in PostgreSQL's words ({@link #errorMessage()}), e.g. {@code invalid record length
 * at 0/1000098: wanted 32, got 0} for the zeroes after the last record (our header is 32 bytes, not
 * PostgreSQL's 24), or {@code incorrect resource manager data checksum in record at 0/...}.
 *
 * <p>Single-threaded; reads the files directly, never the shared buffers, so it works before shared
 * memory is set up and sees exactly what a crash would have left.
 */
public final class WalReader implements AutoCloseable {

    /** Longest record we accept before calling the length corrupt (PostgreSQL: 1 GB; ours is smaller). */
    static final int MAX_RECORD_LENGTH = 64 << 20;
    private static final int PAGE = WalAddressing.PAGE_SIZE;

    private final Path directory;
    private final long systemIdentifier;
    private long openSegment = -1;
    private FileChannel channel;
    private final byte[] page = new byte[PAGE];
    private long pageInBuffer = -1;
    private String error;
    private WalRecord last;

    /** {@code systemIdentifier} is compared with each segment's long header (0: do not check). */
    public WalReader(Path walDirectory, long systemIdentifier) {
        this.directory = walDirectory;
        this.systemIdentifier = systemIdentifier;
    }

    /** Why the last read returned null. */
    public String errorMessage() {
        return error;
    }

    /** The last record successfully read. */
    public WalRecord lastRecord() {
        return last;
    }

    /** Reads the record at {@code lsn} (random access: its prev-link must only point backwards). */
    public WalRecord read(long lsn) {
        return read(lsn, true);
    }

    /** Reads the record following the last one read (its prev-link must point at that one). */
    public WalRecord next() {
        if (last == null) {
            throw new IllegalStateException("no record read yet");
        }
        return read(nextRecordAfter(last.endLsn()), false);
    }

    /** The LSN where the record after one ending at {@code endLsn} starts. */
    public static long nextRecordAfter(long endLsn) {
        return WalAddressing.bytePosToRecPtr(WalAddressing.align(WalAddressing.recPtrToBytePos(endLsn)));
    }

    private WalRecord read(long lsn, boolean randomAccess) {
        error = null;
        try {
            WalRecord record = readRecord(lsn, randomAccess);
            if (record != null) {
                last = record;
            }
            return record;
        } catch (IOException e) {
            error = e.getMessage();
            return null;
        }
    }

    private WalRecord readRecord(long lsn, boolean randomAccess) throws IOException {
        long pageStart = lsn - lsn % PAGE;
        int offset = (int) (lsn % PAGE);
        if (!loadPage(pageStart)) {
            return null;
        }
        int headerSize = WalAddressing.headerSize(pageStart);
        if (offset < headerSize || offset % WalAddressing.ALIGN != 0) {
            return fail("invalid record offset at " + Lsn.format(lsn));
        }
        if ((info() & Wal.FIRST_IS_CONTRECORD) != 0 && offset == headerSize) {
            return fail("contrecord is requested by " + Lsn.format(lsn));
        }
        ByteBuffer view = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        int total = view.getInt(offset);
        if (total < WalRecord.HEADER_SIZE) {
            return fail("invalid record length at " + Lsn.format(lsn) + ": wanted " + WalRecord.HEADER_SIZE
                    + ", got " + total);
        }
        if (total > MAX_RECORD_LENGTH) {
            return fail("record length " + Integer.toUnsignedString(total) + " at " + Lsn.format(lsn) + " too long");
        }
        boolean headerChecked = false;
        if (offset + WalRecord.HEADER_SIZE <= PAGE) {
            if (!validHeader(view, offset, lsn, randomAccess)) {
                return null;
            }
            headerChecked = true;
        }
        byte[] bytes = new byte[total];
        int done = Math.min(total, PAGE - offset);
        System.arraycopy(page, offset, bytes, 0, done);
        long ptr = pageStart;
        while (done < total) {
            ptr += PAGE;
            if (!loadPage(ptr)) {
                return null;
            }
            ByteBuffer h = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
            if ((info() & Wal.FIRST_IS_CONTRECORD) == 0) {
                return fail("there is no contrecord flag at " + Lsn.format(ptr));
            }
            int remaining = h.getInt(16);
            if (remaining != total - done) {
                return fail("invalid contrecord length " + Integer.toUnsignedString(remaining) + " (expected "
                        + (total - done) + ") at " + Lsn.format(ptr));
            }
            int header = WalAddressing.headerSize(ptr);
            int n = Math.min(total - done, PAGE - header);
            System.arraycopy(page, header, bytes, done, n);
            done += n;
        }
        long end = endOf(lsn, total);
        if (!headerChecked && !validHeader(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, lsn,
                randomAccess)) {
            return null;
        }
        int stored = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(WalRecord.OFF_CRC);
        if (stored != WalRecord.computeCrc(bytes, total)) {
            return fail("incorrect resource manager data checksum in record at " + Lsn.format(lsn));
        }
        WalRecord record = WalRecord.decode(lsn, end, bytes);
        if (record == null) {
            return fail("record with invalid length at " + Lsn.format(lsn));
        }
        return record;
    }

    /** Where a record of {@code total} bytes starting at {@code lsn} ends, page headers counted. */
    private static long endOf(long lsn, int total) {
        return WalAddressing.bytePosToEndRecPtr(WalAddressing.recPtrToBytePos(lsn) + total);
    }

    private boolean validHeader(ByteBuffer b, int at, long lsn, boolean randomAccess) {
        long prev = b.getLong(at + WalRecord.OFF_PREV);
        if (randomAccess) {
            if (Long.compareUnsigned(prev, lsn) >= 0) {
                fail("record with incorrect prev-link " + Lsn.format(prev) + " at " + Lsn.format(lsn));
                return false;
            }
        } else if (last != null && prev != last.lsn()) {
            fail("record with incorrect prev-link " + Lsn.format(prev) + " at " + Lsn.format(lsn));
            return false;
        }
        return true;
    }

    private int info() {
        return (page[2] & 0xFF) | (page[3] & 0xFF) << 8;
    }

    /** Reads and validates the page at {@code pageStart} into {@link #page}; false (with the error) if bad. */
    private boolean loadPage(long pageStart) throws IOException {
        if (pageInBuffer == pageStart) {
            return true;
        }
        pageInBuffer = -1;
        long segNo = WalAddressing.segmentOf(pageStart);
        String name = WalAddressing.segmentFileName(WalFiles.TIMELINE, segNo);
        if (segNo != openSegment) {
            closeChannel();
            try {
                channel = FileChannel.open(directory.resolve(name), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                fail("could not open file \"" + directory.getFileName().resolve(name) + "\": No such file or directory");
                return false;
            }
            openSegment = segNo;
        }
        long offset = pageStart % WalAddressing.SEGMENT_SIZE;
        ByteBuffer target = ByteBuffer.wrap(page);
        while (target.hasRemaining()) {
            int n = channel.read(target, offset + target.position());
            if (n < 0) {
                fail("could not read from log segment " + name + ", offset " + offset + ": read "
                        + target.position() + " of " + PAGE);
                return false;
            }
        }
        ByteBuffer h = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        int magic = Short.toUnsignedInt(h.getShort(0));
        if (magic != Short.toUnsignedInt(Wal.PAGE_MAGIC)) {
            fail(String.format("invalid magic number %04X in log segment %s, offset %d", magic, name, offset));
            return false;
        }
        int info = info();
        if ((info & ~(Wal.FIRST_IS_CONTRECORD | Wal.LONG_HEADER_FLAG)) != 0) {
            fail(String.format("invalid info bits %04X in log segment %s, offset %d", info, name, offset));
            return false;
        }
        if (offset == 0) {
            if ((info & Wal.LONG_HEADER_FLAG) == 0) {
                fail(String.format("invalid info bits %04X in log segment %s, offset %d", info, name, offset));
                return false;
            }
            long sysid = h.getLong(24);
            if (systemIdentifier != 0 && sysid != systemIdentifier) {
                fail("WAL file is from different database system: WAL file database system identifier is "
                        + Long.toUnsignedString(sysid) + ", pg_control database system identifier is "
                        + Long.toUnsignedString(systemIdentifier));
                return false;
            }
            if (h.getInt(32) != WalAddressing.SEGMENT_SIZE) {
                fail("WAL file is from different database system: incorrect segment size in page header");
                return false;
            }
            if (h.getInt(36) != PAGE) {
                fail("WAL file is from different database system: incorrect XLOG_BLCKSZ in page header");
                return false;
            }
        } else if ((info & Wal.LONG_HEADER_FLAG) != 0) {
            fail(String.format("invalid info bits %04X in log segment %s, offset %d", info, name, offset));
            return false;
        }
        long address = h.getLong(8);
        if (address != pageStart) {
            fail("unexpected pageaddr " + Lsn.format(address) + " in log segment " + name + ", offset " + offset);
            return false;
        }
        int timeline = h.getInt(4);
        if (timeline != WalFiles.TIMELINE) {
            fail("unexpected timeline ID " + Integer.toUnsignedString(timeline) + " in log segment " + name
                    + ", offset " + offset);
            return false;
        }
        pageInBuffer = pageStart;
        return true;
    }

    private WalRecord fail(String message) {
        error = message;
        return null;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            openSegment = -1;
        }
    }

    /** Lists segment numbers present in {@code walDirectory}, sorted (for tools and tests). */
    public static long[] segments(Path walDirectory) {
        try (var names = Files.list(walDirectory)) {
            return names.mapToLong(p -> WalAddressing.parseSegmentFileName(p.getFileName().toString()))
                    .filter(s -> s >= 0).sorted().toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read directory \"" + walDirectory + "\"", e);
        }
    }

    @Override
    public void close() {
        try {
            closeChannel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
