package org.tusk.storage.heap;

import static org.tusk.storage.page.Page.INT;
import static org.tusk.storage.page.Page.LONG;
import static org.tusk.storage.page.Page.SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.tusk.storage.page.ItemPointer;

/**
 * The header of a heap tuple (PostgreSQL's {@code HeapTupleHeaderData}), read and written in place
 * over the tuple's bytes (a slice of a page, or of a tuple being built).
 *
 * <pre>
 *  0  t_xmin       8  inserting transaction (64-bit xids: no epoch, no freezing for wraparound)
 *  8  t_xmax       8  deleting, updating or locking transaction, 0 if none
 * 16  t_cmin       4  inserting command id within t_xmin
 * 20  t_cmax       4  deleting command id within t_xmax
 * 24  t_ctid       6  this tuple's TID, or its newer version's after an update
 * 30  t_infomask2  2  number of attributes (11 bits) and HOT flags
 * 32  t_infomask   2  flags, below
 * 34  t_hoff       1  offset of the attribute data, MAXALIGNed
 * 35  t_bits          null bitmap (if HEAP_HASNULL), 1 bit per attribute, set = not null
 *     padding to t_hoff, then the attribute data
 * </pre>
 *
 * <h2>cmin and cmax are separate fields</h2>
 * PostgreSQL keeps one 4-byte t_cid: cmin, or cmax, or a "combo command id" (HEAP_COMBOCID) mapping to
 * both through a backend-local table when a transaction deletes a row it inserted itself. Tusk stores
 * both: 4 more bytes per tuple (the header is 40 bytes after MAXALIGN, 64-bit xids already cost 8),
 * no combo-cid table to keep per backend and to lose at the end of the transaction, and the
 * visibility rules read cmin and cmax directly. Command ids matter only to the transaction that wrote
 * them; other transactions never look at them.
 */
public final class HeapTupleHeader {

    static final int OFF_XMIN = 0;
    static final int OFF_XMAX = 8;
    static final int OFF_CMIN = 16;
    static final int OFF_CMAX = 20;
    static final int OFF_CTID = 24;
    static final int OFF_INFOMASK2 = 30;
    static final int OFF_INFOMASK = 32;
    static final int OFF_HOFF = 34;
    /** SizeofHeapTupleHeader: where the null bitmap starts. */
    public static final int SIZE = 35;

    // t_infomask, PostgreSQL's bit values.
    public static final int HEAP_HASNULL = 0x0001;
    public static final int HEAP_HASVARWIDTH = 0x0002;
    public static final int HEAP_HASEXTERNAL = 0x0004;
    /** A KEY SHARE lock (with XMAX_LOCK_ONLY). */
    public static final int HEAP_XMAX_KEYSHR_LOCK = 0x0010;
    /** Unused: see the class comment on cmin/cmax; never set. */
    public static final int HEAP_COMBOCID = 0x0020;
    /** An exclusive (FOR UPDATE / FOR NO KEY UPDATE) lock, or, with KEYSHR, a SHARE lock. */
    public static final int HEAP_XMAX_EXCL_LOCK = 0x0040;
    /** xmax only locked the tuple: it did not (and will not, as that xmax) delete or update it. */
    public static final int HEAP_XMAX_LOCK_ONLY = 0x0080;
    public static final int HEAP_XMAX_SHR_LOCK = HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
    public static final int HEAP_LOCK_MASK = HEAP_XMAX_SHR_LOCK | HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
    public static final int HEAP_XMIN_COMMITTED = 0x0100;
    public static final int HEAP_XMIN_INVALID = 0x0200;
    /** Both xmin bits: committed and older than every snapshot. */
    public static final int HEAP_XMIN_FROZEN = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID;
    public static final int HEAP_XMAX_COMMITTED = 0x0400;
    public static final int HEAP_XMAX_INVALID = 0x0800;
    /** Reserved for MultiXact ids in xmax (several lockers); not implemented, never set. */
    public static final int HEAP_XMAX_IS_MULTI = 0x1000;
    /** This tuple is the new version made by an UPDATE. */
    public static final int HEAP_UPDATED = 0x2000;
    /** The bits that say what happened to xmax; cleared whenever xmax is replaced. */
    public static final int HEAP_XMAX_BITS = HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI
            | HEAP_LOCK_MASK | HEAP_XMAX_LOCK_ONLY;

    // t_infomask2
    public static final int HEAP_NATTS_MASK = 0x07FF;
    /** The update changed key columns (or it was a delete). */
    public static final int HEAP_KEYS_UPDATED = 0x2000;
    /** Updated with a heap-only (HOT) new version on the same page. */
    public static final int HEAP_HOT_UPDATED = 0x4000;
    /** A heap-only tuple: no index entry points at it, only its HOT chain. */
    public static final int HEAP_ONLY_TUPLE = 0x8000;

    private HeapTupleHeader() {
    }

    public static long xmin(MemorySegment t) {
        return t.get(LONG, OFF_XMIN);
    }

    public static void setXmin(MemorySegment t, long xid) {
        t.set(LONG, OFF_XMIN, xid);
    }

    /** The raw xmax: a deleter, updater or locker, according to the infomask. */
    public static long xmax(MemorySegment t) {
        return t.get(LONG, OFF_XMAX);
    }

    public static void setXmax(MemorySegment t, long xid) {
        t.set(LONG, OFF_XMAX, xid);
    }

    public static int cmin(MemorySegment t) {
        return t.get(INT, OFF_CMIN);
    }

    public static void setCmin(MemorySegment t, int cid) {
        t.set(INT, OFF_CMIN, cid);
    }

    public static int cmax(MemorySegment t) {
        return t.get(INT, OFF_CMAX);
    }

    public static void setCmax(MemorySegment t, int cid) {
        t.set(INT, OFF_CMAX, cid);
    }

    public static ItemPointer ctid(MemorySegment t) {
        return ItemPointer.read(t, OFF_CTID);
    }

    public static void setCtid(MemorySegment t, ItemPointer tid) {
        tid.write(t, OFF_CTID);
    }

    public static int infomask(MemorySegment t) {
        return Short.toUnsignedInt(t.get(SHORT, OFF_INFOMASK));
    }

    public static void setInfomask(MemorySegment t, int mask) {
        t.set(SHORT, OFF_INFOMASK, (short) mask);
    }

    public static boolean hasAny(MemorySegment t, int bits) {
        return (infomask(t) & bits) != 0;
    }

    public static int infomask2(MemorySegment t) {
        return Short.toUnsignedInt(t.get(SHORT, OFF_INFOMASK2));
    }

    public static void setInfomask2(MemorySegment t, int mask) {
        t.set(SHORT, OFF_INFOMASK2, (short) mask);
    }

    public static int natts(MemorySegment t) {
        return infomask2(t) & HEAP_NATTS_MASK;
    }

    public static int hoff(MemorySegment t) {
        return Byte.toUnsignedInt(t.get(ValueLayout.JAVA_BYTE, OFF_HOFF));
    }

    static void setHoff(MemorySegment t, int hoff) {
        t.set(ValueLayout.JAVA_BYTE, OFF_HOFF, (byte) hoff);
    }

    public static boolean xminCommitted(MemorySegment t) {
        return hasAny(t, HEAP_XMIN_COMMITTED);
    }

    /** Xmin aborted (INVALID set without COMMITTED: both bits mean frozen). */
    public static boolean xminInvalid(MemorySegment t) {
        return (infomask(t) & HEAP_XMIN_FROZEN) == HEAP_XMIN_INVALID;
    }

    public static boolean xminFrozen(MemorySegment t) {
        return (infomask(t) & HEAP_XMIN_FROZEN) == HEAP_XMIN_FROZEN;
    }

    /**
     * HEAP_XMAX_IS_LOCKED_ONLY: xmax only locked the tuple. Besides the explicit flag, an exclusive
     * lock bit without the multi bit counts (pre-9.3 PostgreSQL wrote lockers that way).
     */
    public static boolean isLockedOnly(int infomask) {
        return (infomask & HEAP_XMAX_LOCK_ONLY) != 0
                || (infomask & (HEAP_XMAX_IS_MULTI | HEAP_LOCK_MASK)) == HEAP_XMAX_EXCL_LOCK;
    }

    /** Sets infomask bits (a hint, or the caller's own change); the caller dirties the buffer. */
    public static void setBits(MemorySegment t, int bits) {
        setInfomask(t, infomask(t) | bits);
    }

    public static void clearBits(MemorySegment t, int bits) {
        setInfomask(t, infomask(t) & ~bits);
    }
}
