package org.tusk.storage.heap;

import java.lang.foreign.MemorySegment;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageException;

/**
 * Building a heap tuple from a row of Java values and reading it back (heap_form_tuple,
 * heap_deform_tuple). A formed tuple has no transaction information yet: {@link HeapPage#insert}
 * stamps xmin, cmin and the TID.
 */
public final class HeapTuple {

    /** The header with no null bitmap, MAXALIGNed: the smallest t_hoff. */
    public static final int MIN_HEADER = Page.maxAlign(HeapTupleHeader.SIZE);

    /**
     * MaxHeapTupleSize: the largest tuple that fits on an empty heap page with its line pointer
     * (8152 bytes with 8 kB pages; PostgreSQL's 8160 less the 8 more header bytes of 64-bit xids).
     */
    public static final int MAX_SIZE = Page.SIZE - Page.maxAlign(Page.HEADER_SIZE + Page.ITEM_ID_SIZE);

    private HeapTuple() {
    }

    /** t_hoff for a tuple of {@code natts} columns, with or without a null bitmap. */
    public static int headerSize(int natts, boolean hasNulls) {
        return Page.maxAlign(HeapTupleHeader.SIZE + (hasNulls ? TupleData.bitmapLength(natts) : 0));
    }

    /** heap_form_tuple: the tuple's bytes, xmin/xmax/cid zero, xmax marked invalid. */
    public static byte[] form(TupleDescriptor descriptor, Object[] row) {
        return form(descriptor, TupleData.encode(descriptor, row));
    }

    /** The tuple's length for a row already encoded (heap_compute_data_size plus the header). */
    public static int length(TupleDescriptor descriptor, TupleData.Encoded encoded) {
        return TupleData.layout(descriptor, encoded, headerSize(descriptor.size(), encoded.hasNulls()), null);
    }

    /** {@link #form(TupleDescriptor, Object[])} of a row already encoded. */
    public static byte[] form(TupleDescriptor descriptor, TupleData.Encoded encoded) {
        Object[] row = encoded.row();
        int hoff = headerSize(descriptor.size(), encoded.hasNulls());
        int length = TupleData.layout(descriptor, encoded, hoff, null);
        byte[] bytes = new byte[length];
        MemorySegment t = MemorySegment.ofArray(bytes);
        TupleData.layout(descriptor, encoded, hoff, t);
        if (encoded.hasNulls()) {
            TupleData.writeBitmap(encoded, t, HeapTupleHeader.SIZE);
        }
        HeapTupleHeader.setHoff(t, hoff);
        HeapTupleHeader.setInfomask2(t, descriptor.size());
        HeapTupleHeader.setInfomask(t, HeapTupleHeader.HEAP_XMAX_INVALID
                | (encoded.hasNulls() ? HeapTupleHeader.HEAP_HASNULL : 0)
                | (encoded.hasVarWidth() ? HeapTupleHeader.HEAP_HASVARWIDTH : 0)
                | (TupleData.hasExternal(row) ? HeapTupleHeader.HEAP_HASEXTERNAL : 0));
        return bytes;
    }

    /** heap_deform_tuple: one Java value or null per column of {@code descriptor}. */
    public static Object[] deform(TupleDescriptor descriptor, MemorySegment tuple) {
        return deform(descriptor, tuple, null);
    }

    /** {@link #deform} of the columns {@code wanted} marks only (all if null); the others are null. */
    public static Object[] deform(TupleDescriptor descriptor, MemorySegment tuple, boolean[] wanted) {
        int natts = HeapTupleHeader.natts(tuple);
        int bitmap = HeapTupleHeader.hasAny(tuple, HeapTupleHeader.HEAP_HASNULL) ? HeapTupleHeader.SIZE : -1;
        return TupleData.deform(descriptor, tuple, natts, bitmap, HeapTupleHeader.hoff(tuple), wanted);
    }

    /** Where column {@code column}'s value starts in the tuple (-1 if null): for tests and tools. */
    public static int attributeOffset(TupleDescriptor descriptor, MemorySegment tuple, int column) {
        int bitmap = HeapTupleHeader.hasAny(tuple, HeapTupleHeader.HEAP_HASNULL) ? HeapTupleHeader.SIZE : -1;
        return TupleData.offsetOf(descriptor, tuple, HeapTupleHeader.natts(tuple), bitmap, HeapTupleHeader.hoff(tuple), column);
    }

    /** A tuple must fit on a page, TOAST or not: PostgreSQL's "row is too big" (54000). */
    public static void checkSize(int length) {
        if (length > MAX_SIZE) {
            throw new PageException(PageException.PROGRAM_LIMIT_EXCEEDED,
                    "row is too big: size " + length + ", maximum size " + MAX_SIZE);
        }
    }
}
