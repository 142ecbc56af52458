package org.tusk.storage.wal;

import org.tusk.storage.common.StorageConstants;

/**
 * The geometry of the log: 8 kB WAL pages, each starting with a header, grouped into 16 MiB segment
 * files; and the two ways of counting positions in it.
 *
 * <p>An LSN ("record pointer") is a byte position in the log stream, page headers included: what
 * records point to, what page LSNs hold and what files are named after. A <em>usable byte position</em>
 * counts only the bytes records can occupy, skipping every page header. Space is reserved in usable
 * bytes because then reserving is one addition whatever page boundaries the record crosses (the
 * insertion spinlock is held for exactly that); converting to an LSN afterwards is arithmetic.
 * PostgreSQL does the same (XLogBytePosToRecPtr and friends in xlog.c).
 */
public final class WalAddressing {

    /** Bytes in a WAL page: PostgreSQL's XLOG_BLCKSZ. */
    public static final int PAGE_SIZE = 8192;
    /** Bytes in a WAL segment file. */
    public static final long SEGMENT_SIZE = StorageConstants.WAL_SEGMENT_SIZE;
    /** Header of every page but a segment's first. */
    public static final int SHORT_HEADER = 24;
    /** Header of a segment's first page: the short one plus system identifier, segment and page size. */
    public static final int LONG_HEADER = 40;
    /** Records start at multiples of 8 (MAXALIGN). */
    public static final int ALIGN = 8;

    static final long PAGES_PER_SEGMENT = SEGMENT_SIZE / PAGE_SIZE;
    static final long USABLE_PER_PAGE = PAGE_SIZE - SHORT_HEADER;
    static final long USABLE_PER_SEGMENT = (PAGES_PER_SEGMENT - 1) * USABLE_PER_PAGE + (PAGE_SIZE - LONG_HEADER);

    /** The first record of a new cluster: segment 1, after its long header (PostgreSQL's 0/1000028). */
    public static final long FIRST_RECORD = SEGMENT_SIZE + LONG_HEADER;

    private WalAddressing() {
    }

    /** The LSN where a record starting at usable position {@code pos} begins (after a page header). */
    public static long bytePosToRecPtr(long pos) {
        return toRecPtr(pos, false);
    }

    /**
     * The LSN just after a record ending at usable position {@code pos}: like {@link #bytePosToRecPtr}
     * except that a record ending exactly at a page's end ends at the page boundary, not after the
     * next page's header.
     */
    public static long bytePosToEndRecPtr(long pos) {
        return toRecPtr(pos, true);
    }

    private static long toRecPtr(long pos, boolean end) {
        long fullSegments = pos / USABLE_PER_SEGMENT;
        long left = pos % USABLE_PER_SEGMENT;
        long offset;
        if (left < PAGE_SIZE - LONG_HEADER) {
            offset = left + LONG_HEADER;
            if (end && left == 0) {
                offset = 0;
            }
        } else {
            left -= PAGE_SIZE - LONG_HEADER;
            long fullPages = left / USABLE_PER_PAGE;
            left %= USABLE_PER_PAGE;
            if (end && left == 0) {
                offset = (fullPages + 1) * PAGE_SIZE;
            } else {
                offset = (fullPages + 1) * PAGE_SIZE + left + SHORT_HEADER;
            }
        }
        return fullSegments * SEGMENT_SIZE + offset;
    }

    /** The usable byte position of an LSN that points at a record's start or end (never into a header). */
    public static long recPtrToBytePos(long lsn) {
        long fullSegments = lsn / SEGMENT_SIZE;
        long offset = lsn % SEGMENT_SIZE;
        long fullPages = offset / PAGE_SIZE;
        long inPage = offset % PAGE_SIZE;
        long result = fullSegments * USABLE_PER_SEGMENT;
        if (fullPages == 0) {
            if (inPage > 0) {
                result += inPage - LONG_HEADER;
            }
        } else {
            result += (PAGE_SIZE - LONG_HEADER) + (fullPages - 1) * USABLE_PER_PAGE;
            if (inPage > 0) {
                result += inPage - SHORT_HEADER;
            }
        }
        return result;
    }

    /** The segment number holding byte {@code lsn}. */
    public static long segmentOf(long lsn) {
        return lsn / SEGMENT_SIZE;
    }

    /** Header size of the page starting at {@code pageLsn}. */
    public static int headerSize(long pageLsn) {
        return pageLsn % SEGMENT_SIZE == 0 ? LONG_HEADER : SHORT_HEADER;
    }

    /** The file name of segment {@code segNo} on timeline {@code tli}, as PostgreSQL's XLogFileName. */
    public static String segmentFileName(int timeline, long segNo) {
        long perId = 0x1_0000_0000L / SEGMENT_SIZE;
        return String.format("%08X%08X%08X", timeline, segNo / perId, segNo % perId);
    }

    /** The segment number in a segment file name, or -1 if the name is not one. */
    public static long parseSegmentFileName(String name) {
        if (name.length() != 24 || !name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            return -1;
        }
        long perId = 0x1_0000_0000L / SEGMENT_SIZE;
        return Long.parseLong(name.substring(8, 16), 16) * perId + Long.parseLong(name.substring(16, 24), 16);
    }

    static long align(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }
}
