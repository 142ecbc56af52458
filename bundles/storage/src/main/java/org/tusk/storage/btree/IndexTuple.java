package org.tusk.storage.btree;

import static org.tusk.storage.page.Page.SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.tusk.storage.heap.TupleData;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageException;

/**
 * B-tree index tuples (PostgreSQL's IndexTupleData and nbtree's pivot tuple conventions).
 *
 * <pre>
 *  0  t_tid    6  leaf: the heap TID the entry points at; pivot: block = downlink (child), offset =
 *                 number of key attributes | {@link #PIVOT_HEAP_TID} when a heap TID is stored
 *  6  t_info   2  size (13 bits) | 0x2000 pivot ("alt TID") | 0x4000 has varwidth | 0x8000 has nulls
 *  8  bitmap   4  only with nulls: 1 bit per key column, set = not null (INDEX_MAX_KEYS = 32)
 *  8 or 16        the key attributes, laid out as in heap tuples (MAXALIGNed start)
 *  size - 6       pivots only: the heap TID tiebreaker, after MAXALIGN
 * </pre>
 *
 * <h2>Heap TID as the last key</h2>
 * As in PostgreSQL 12+ ("heapkeyspace"), entries are ordered by their key columns and then by heap
 * TID, so every entry has a unique place, equal keys included, and a page split can always put a
 * separator between any two entries. Pivots (high keys and internal items) therefore carry a heap
 * TID too; PostgreSQL truncates pivots to the attributes that distinguish the two halves ("suffix
 * truncation"); Tusk keeps them whole for now, which costs space in internal pages but is always
 * correct. The first data item of an internal page is a pivot with no attributes at all: minus
 * infinity.
 */
public final class IndexTuple {

    static final int OFF_INFO = 6;
    /** sizeof(IndexTupleData). */
    public static final int HEADER_SIZE = 8;
    static final int SIZE_MASK = 0x1FFF;
    static final int INDEX_ALT_TID_MASK = 0x2000;
    static final int INDEX_VAR_MASK = 0x4000;
    static final int INDEX_NULL_MASK = 0x8000;
    /** In a pivot's TID offset: a heap TID is stored at the end of the tuple. */
    public static final int PIVOT_HEAP_TID = 0x1000;
    static final int PIVOT_NATTS_MASK = 0x0FFF;

    /**
     * BTMaxItemSize: a leaf entry must leave room for three per page (so a split always succeeds)
     * and for the heap TID its pivot copy gains: 2696 bytes with 8 kB pages.
     */
    public static final int MAX_SIZE = ((Page.SIZE - Page.maxAlign(Page.HEADER_SIZE + 3 * Page.ITEM_ID_SIZE)
            - Page.maxAlign(BTreePage.SPECIAL_SIZE)) / 3 & -Page.MAXALIGN) - Page.maxAlign(ItemPointer.SIZE);

    private IndexTuple() {
    }

    /**
     * A leaf entry: {@code values} (one per key column, nulls allowed) pointing at heap tuple
     * {@code heapTid}. Too large an entry is refused with PostgreSQL's error (54000).
     */
    public static byte[] form(IndexKeys keys, Object[] values, ItemPointer heapTid, String indexName) {
        TupleData.Encoded encoded = TupleData.encode(keys.descriptor(), values);
        int dataOffset = encoded.hasNulls() ? Page.maxAlign(HEADER_SIZE + 4) : HEADER_SIZE;
        int end = TupleData.layout(keys.descriptor(), encoded, dataOffset, null);
        int size = Page.maxAlign(end);
        if (size > MAX_SIZE) {
            throw new PageException(PageException.PROGRAM_LIMIT_EXCEEDED, "index row size " + size
                    + " exceeds btree version 4 maximum " + MAX_SIZE + " for index \"" + indexName + "\"");
        }
        byte[] bytes = new byte[size];
        MemorySegment t = MemorySegment.ofArray(bytes);
        TupleData.layout(keys.descriptor(), encoded, dataOffset, t);
        if (encoded.hasNulls()) {
            TupleData.writeBitmap(encoded, t, HEADER_SIZE);
        }
        heapTid.write(t, 0);
        t.set(SHORT, OFF_INFO, (short) (size | (encoded.hasNulls() ? INDEX_NULL_MASK : 0)
                | (encoded.hasVarWidth() ? INDEX_VAR_MASK : 0)));
        return bytes;
    }

    /** Little-endian views of a byte[], as {@link Page#INT} and {@link Page#SHORT} lay values out on a page. */
    private static final VarHandle BYTES_AS_INT = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BYTES_AS_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** The size of a leaf tuple of one non-null int2 or int4 key: the header, the key, MAXALIGNed. */
    private static final int INT_KEY_SIZE = Page.maxAlign(HEADER_SIZE + 4);

    /**
     * {@link #form} of a leaf tuple whose one key column is an int2 ({@code int2}) or int4 and not
     * null, written straight into its bytes (the same bytes form gives): the TID, the info word, the
     * key at offset 8, which suits both types' alignment. A primary-key build writes a million of
     * these; form would wrap each in a segment, box its key and encode it as a row of one value.
     */
    public static byte[] formIntKey(int key, boolean int2, int block, int offset) {
        byte[] bytes = new byte[INT_KEY_SIZE];
        BYTES_AS_INT.set(bytes, 0, block);
        BYTES_AS_SHORT.set(bytes, 4, (short) offset);
        BYTES_AS_SHORT.set(bytes, OFF_INFO, (short) INT_KEY_SIZE);
        if (int2) {
            BYTES_AS_SHORT.set(bytes, HEADER_SIZE, (short) key);
        } else {
            BYTES_AS_INT.set(bytes, HEADER_SIZE, key);
        }
        return bytes;
    }

    public static int size(MemorySegment tuple) {
        return info(tuple) & SIZE_MASK;
    }

    private static int info(MemorySegment tuple) {
        return Short.toUnsignedInt(tuple.get(SHORT, OFF_INFO));
    }

    public static boolean hasNulls(MemorySegment tuple) {
        return (info(tuple) & INDEX_NULL_MASK) != 0;
    }

    /** {@link #hasNulls(MemorySegment)} of the tuple starting at {@code at} (in a page, unsliced). */
    static boolean hasNulls(MemorySegment segment, int at) {
        return (segment.get(SHORT, at + OFF_INFO) & INDEX_NULL_MASK) != 0;
    }

    /** A pivot tuple: a high key or an internal page's item. */
    public static boolean isPivot(MemorySegment tuple) {
        return (info(tuple) & INDEX_ALT_TID_MASK) != 0;
    }

    /** The number of key attributes stored: all of them for a leaf entry. */
    public static int natts(MemorySegment tuple, IndexKeys keys) {
        return natts(tuple, 0, keys);
    }

    /** {@link #natts(MemorySegment, IndexKeys)} of the tuple starting at {@code at} (in a page, unsliced). */
    static int natts(MemorySegment segment, int at, IndexKeys keys) {
        if ((segment.get(SHORT, at + OFF_INFO) & INDEX_ALT_TID_MASK) == 0) {
            return keys.size();
        }
        return segment.get(SHORT, at + 4) & PIVOT_NATTS_MASK; // the TID's offset number
    }

    /** The heap TID: a leaf entry's target, a pivot's tiebreaker, or null (minus infinity). */
    public static ItemPointer heapTid(MemorySegment tuple) {
        ItemPointer tid = ItemPointer.read(tuple, 0);
        if (!isPivot(tuple)) {
            return tid;
        }
        if ((tid.offset() & PIVOT_HEAP_TID) == 0) {
            return null;
        }
        return ItemPointer.read(tuple, size(tuple) - ItemPointer.SIZE);
    }

    /** An internal item's child block. */
    public static int downlink(MemorySegment tuple) {
        return ItemPointer.read(tuple, 0).block();
    }

    /** The key values (null for a NULL key and for attributes a pivot does not have). */
    public static Object[] keys(IndexKeys keys, MemorySegment tuple) {
        int dataOffset = hasNulls(tuple) ? Page.maxAlign(HEADER_SIZE + 4) : HEADER_SIZE;
        return TupleData.deform(keys.descriptor(), tuple, natts(tuple, keys), hasNulls(tuple) ? HEADER_SIZE : -1, dataOffset);
    }

    /**
     * The pivot copy of a leaf entry (its key attributes and its heap TID as tiebreaker): what a leaf
     * split uses as the left page's new high key and, with a downlink, as the parent's new item.
     */
    public static byte[] pivotOf(MemorySegment leafTuple, int nkeys) {
        if (isPivot(leafTuple)) {
            throw new IllegalArgumentException("already a pivot tuple");
        }
        int keyPart = Page.maxAlign(size(leafTuple));
        int size = keyPart + Page.maxAlign(ItemPointer.SIZE);
        byte[] bytes = new byte[size];
        MemorySegment t = MemorySegment.ofArray(bytes);
        MemorySegment.copy(leafTuple, 0, t, 0, size(leafTuple));
        ItemPointer heapTid = ItemPointer.read(leafTuple, 0);
        new ItemPointer(BTreePage.P_NONE, nkeys | PIVOT_HEAP_TID).write(t, 0);
        t.set(SHORT, OFF_INFO, (short) ((info(leafTuple) & ~SIZE_MASK) | INDEX_ALT_TID_MASK | size));
        heapTid.write(t, size - ItemPointer.SIZE);
        return bytes;
    }

    /** A copy of a pivot with its downlink set to {@code block} (a parent's item for a new page). */
    public static byte[] withDownlink(MemorySegment pivot, int block) {
        if (!isPivot(pivot)) {
            throw new IllegalArgumentException("not a pivot tuple");
        }
        byte[] bytes = pivot.asSlice(0, size(pivot)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        MemorySegment t = MemorySegment.ofArray(bytes);
        new ItemPointer(block, ItemPointer.read(t, 0).offset()).write(t, 0);
        return bytes;
    }

    /** The minus-infinity item of an internal page, pointing at {@code block}. */
    public static byte[] minusInfinity(int block) {
        byte[] bytes = new byte[HEADER_SIZE];
        MemorySegment t = MemorySegment.ofArray(bytes);
        new ItemPointer(block, 0).write(t, 0);
        t.set(SHORT, OFF_INFO, (short) (INDEX_ALT_TID_MASK | HEADER_SIZE));
        return bytes;
    }
}
